"""The findings document of the contract (`xxgk findings --format json`) and its table and CSV forms."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from checks import RunContext
from checks.broken_link import link_counts
from crawler.store import Store
from reports.labels import cell_safe, terminal_safe

FINDING_FIELDS = ("id", "check", "severity", "rule", "url", "target", "column", "column_path", "section",
                  "year", "reason", "confirmed", "message", "evidence", "key")
SEVERITY_LABELS = {"veto": "单项否决", "deduct": "扣分", "warn": "警示", "info": "提示"}
STATUS_LABELS = {"complete": "完整", "partial": "部分覆盖", "failed": "失败", "running": "运行中",
                 "interrupted": "已中断"}


def findings_document(store: Store, run_id: int | str = "latest") -> dict[str, Any]:
    """The run and its findings, exactly as the contract's Findings JSON."""
    run = store.run(run_id)
    ctx = RunContext(store, run["id"])
    return {"run": run_summary(run, link_counts(ctx)),
            "findings": [contract_finding(row) for row in store.findings(run["id"])]}


def run_summary(run: dict[str, Any], counts: dict[str, Any]) -> dict[str, Any]:
    return {"id": run["id"], "site_url": run["site_url"], "start_url": run["start_url"], "as_of": run["as_of"],
            "level": run["level"], "status": run["status"], "pages": run["pages"],
            "started_at": run["started_at"], "finished_at": run["finished_at"],
            "not_covered": [{"url": g["url"], "reason": g["reason"]} for g in run.get("not_covered") or []],
            "link_counts": counts}


def contract_finding(row: dict[str, Any]) -> dict[str, Any]:
    out = {"id": row["id"], "check": row["check_id"], "severity": row["severity"], "rule": row["rule"],
           "url": row["url"], "target": row["target"], "column": row["column_name"],
           "column_path": row["column_path"], "section": row["section"], "year": row["year"],
           "reason": row["reason"], "confirmed": None if row["confirmed"] is None else bool(row["confirmed"]),
           "message": row["message"], "evidence": row["evidence"], "key": row["key"]}
    return out


def as_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def as_csv(document: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FINDING_FIELDS)
    for finding in document["findings"]:
        writer.writerow([csv_value(finding[f], as_json=f == "evidence") for f in FINDING_FIELDS])
    return buffer.getvalue()


def csv_value(value: Any, as_json: bool = False) -> Any:
    """A CSV cell: JSON for structured values, text neutralised against formula injection."""
    if as_json:
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    return cell_safe(value) if isinstance(value, str) else value


def as_table(document: dict[str, Any]) -> str:
    run = document["run"]
    lines = [f"运行 {run['id']}  {run['site_url']}  评估日期 {run['as_of']}  状态 "
             f"{STATUS_LABELS.get(run['status'], run['status'])}  页面 {run['pages']}"]
    for gap in run["not_covered"]:
        lines.append(f"  未覆盖: {gap['url']} ({gap['reason']})")
    lines.append(f"问题 {len(document['findings'])} 条")
    for f in document["findings"]:
        where = f["column_path"] or f["column"] or f["target"] or f["url"] or ""
        lines.append(f"  [{SEVERITY_LABELS.get(f['severity'], f['severity'])}] {f['check']:<26} {where}  "
                     f"{f['message']}")
    return "\n".join(terminal_safe(line) for line in lines)


FORMATS = {"json": as_json, "csv": as_csv, "table": as_table}
