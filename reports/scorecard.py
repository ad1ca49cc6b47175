"""The scorecard document (contract "Scorecard JSON"): per site its verdict, score, vetoes, deductions,
columns against their limits, annual reports by year and findings; across sites a ranking.

The HTML, XLSX and CSV forms (reports/scorecard_html.py, scorecard_sheets.py) are written from this one
document, so every format holds the same numbers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from checks.annual_reports import deadline, find_reports
from checks.base import RunContext
from checks.broken_link import link_counts
from checks.column_freshness import CLASS_LABELS, EXEMPT_RE, EXEMPT_SECTIONS, column_ages
from checks.stale_column import StaleColumn
from crawler.store import Store, StoreError, now_iso
from reports.findings import contract_finding, run_summary
from reports.model import Model
from reports.scoring import ranking, score_run

FINISHED_STATUSES = ("complete", "partial", "failed")


class NothingToReport(StoreError):
    """No finished run to score: a usage error (exit 2)."""


def select_runs(store: Store, which: int | str = "latest") -> list[dict[str, Any]]:
    """The runs a report covers: one run by id or `latest`, or with `all` the latest finished run of
    every site key (contract "Commands").

    :raises NothingToReport: the run has not finished, or `all` found no finished run.
    """
    if which == "all":
        latest: dict[str, dict[str, Any]] = {}
        for run in store.runs():
            if run["status"] in FINISHED_STATUSES:
                latest[run["site_key"]] = run  # runs come by id: the last one wins
        if not latest:
            raise NothingToReport("数据库中没有已结束的运行，没有可报告的内容")
        return sorted(latest.values(), key=lambda r: r["id"])
    run = store.run(which)
    if run["status"] not in FINISHED_STATUSES:
        raise NothingToReport(f"运行 {run['id']} 尚未结束（{run['status']}），没有可报告的内容")
    return [run]


def scorecard_document(store: Store, runs: list[dict[str, Any]], model: Model) -> dict[str, Any]:
    sites = [site_scorecard(RunContext(store, run["id"]), model) for run in runs]
    return {"model": model.summary(), "generated_at": now_iso(), "sites": sites, "ranking": ranking(sites)}


def site_scorecard(ctx: RunContext, model: Model) -> dict[str, Any]:
    findings = [contract_finding(row) for row in ctx.store.findings(ctx.run_id)]
    score = score_run(ctx, findings, model)
    for finding in findings:  # what each finding costs, so a deduction can be defended line by line
        indicator, points = score.points_by_finding.get(finding["id"], (None, 0.0))
        finding["scoring"] = {"indicator": indicator, "points": points,
                              "veto": any(finding["id"] in v["finding_ids"] for v in score.vetoes)}
    return {"run": run_summary(ctx.run, link_counts(ctx)), "site_key": ctx.run["site_key"],
            "verdict": score.verdict.value, "coverage": score.coverage.value, "score": score.score,
            "base_score": score.base_score, "bonus": score.bonus, "vetoes": score.vetoes,
            "deductions": score.deductions, "columns": column_rows(ctx, findings),
            "annual_reports": annual_report_rows(ctx, findings), "findings": findings}


# -- columns against their limits ------------------------------------------------------------------
def column_rows(ctx: RunContext, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every column of the run with its class, newest item, age and limit, and its state. The state
    follows the run's findings (a `stale_column` or `blank_column` finding says so), so the chart never
    contradicts the findings list."""
    stale = {f["url"]: f["evidence"] for f in findings if f["check"] == "stale_column"}
    blank = {f["url"] for f in findings if f["check"] == "blank_column"}
    ages = {a.column["url"]: a for a in column_ages(ctx, StaleColumn().limits())}
    rows = []
    for column in ctx.columns:
        if ctx.column_alias(column):
            continue
        age = ages.get(column["url"])
        row = {"column_path": column["path"], "url": column["url"], "class": None, "newest_date": None,
               "limit_days": None, "age_days": None, "state": column_state(ctx, column, age, stale, blank)}
        if age is not None:
            row.update({"class": CLASS_LABELS[age.cls], "limit_days": age.limit, "age_days": age.days,
                        "newest_date": age.newest.isoformat() if age.newest else None})
        evidence = stale.get(column["url"])
        if evidence:  # the figures the finding was judged by
            row.update({"limit_days": evidence.get("limit_days"), "age_days": evidence.get("days_since"),
                        "newest_date": evidence.get("newest_date")})
        rows.append(row)
    return rows


def column_state(ctx: RunContext, column: dict[str, Any], age: Any, stale: dict[str, Any],
                 blank: set[str]) -> str:
    if column["url"] in blank:
        return "blank"
    if column["url"] in stale:
        return "stale"
    if ctx.column_withheld(column):
        return "not_covered"
    path = f"{column.get('path') or ''}>{column.get('name') or ''}"
    if column["section"] in EXEMPT_SECTIONS or EXEMPT_RE.search(path):
        return "exempt"
    if age is None or age.withheld or age.newest is None:
        return "unjudged"
    return "fresh"


# -- annual reports by year ------------------------------------------------------------------------
def annual_report_rows(ctx: RunContext, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each report the run found (published by `--as-of`), and each year the checks found missing."""
    by_check: dict[str, dict[tuple[int, str | None], dict[str, Any]]] = {}
    for f in findings:
        if f["check"] in ("late_annual_report", "incomplete_annual_report", "missing_annual_report"):
            by_check.setdefault(f["check"], {})[(f["year"], f["url"])] = f
    late, incomplete = by_check.get("late_annual_report", {}), by_check.get("incomplete_annual_report", {})
    rows = []
    for report in find_reports(ctx):
        if report.published is not None and report.published > ctx.as_of:
            continue
        key = (report.year, report.url)
        late_finding, incomplete_finding = late.get(key), incomplete.get(key)
        due = (late_finding["evidence"].get("deadline") if late_finding
               else deadline(report.year, report.level).isoformat())
        rows.append({"year": report.year, "column_path": report.column["path"], "url": report.url,
                     "title": report.title,
                     "published": report.published.isoformat() if report.published else None, "deadline": due,
                     "state": report_state(report.published, late_finding, incomplete_finding),
                     "finding_ids": [f["id"] for f in (late_finding, incomplete_finding) if f]})
    for f in by_check.get("missing_annual_report", {}).values():
        rows.append({"year": f["year"], "column_path": f["column_path"], "url": f["url"], "title": None,
                     "published": None, "deadline": f["evidence"].get("deadline"), "state": "missing",
                     "finding_ids": [f["id"]]})
    return sorted(rows, key=lambda r: (r["column_path"] or "", r["year"], r["published"] or ""))


def report_state(published: date | None, late: dict[str, Any] | None, incomplete: dict[str, Any] | None) -> str:
    if late:
        return "late"
    if incomplete:
        return "incomplete"
    return "unknown" if published is None else "on_time"
