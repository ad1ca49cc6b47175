"""The scorecard as rows: CSV (the findings of every site) and XLSX (a ranking sheet, a summary of
vetoes and deductions, one findings sheet per site, the columns and the annual reports).

Findings carry the evidence columns offices know from commercial monitors (开普云's export, rules.md
§1.7): 监测时间, 问题类型, 栏目, 网址, 父页面网址, 链接标题, 问题描述, 依据, 快照. Every text cell passes
through `cell_safe`: crawled text starting with = + - @ is never a formula.

Why xlsxwriter: it writes XLSX without any spreadsheet program, streams large sheets, is maintained and
has no dependencies; openpyxl (a dev dependency) reads the files back in the tests.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import xlsxwriter

from reports.labels import (
    COLUMN_STATE_LABELS,
    COVERAGE_LABELS,
    REPORT_STATE_LABELS,
    SECTION_LABELS,
    cell_safe,
    check_label,
)

OFFICE_COLUMNS = ("监测时间", "问题类型", "栏目", "网址", "父页面网址", "链接标题", "问题描述", "依据", "快照")
SITE_COLUMNS = ("网站", "运行编号", "结论", "得分")
FINDING_COLUMNS = (*SITE_COLUMNS, "问题编号", "检查项", *OFFICE_COLUMNS, "扣分指标", "扣分", "单项否决")
SEVERITY_LABELS = {"veto": "单项否决", "deduct": "扣分", "warn": "警示", "info": "提示"}


def finding_row(site: dict[str, Any], finding: dict[str, Any]) -> dict[str, Any]:
    """One finding as the office columns show it, with its site's verdict and score and its own points."""
    evidence = finding.get("evidence") or {}
    is_link = finding["check"] == "broken_link"
    parents = evidence.get("parents") or []
    kind = check_label(finding["check"]) + ("（疑似）" if finding.get("confirmed") is False else "")
    scoring = finding.get("scoring") or {}
    return {
        "网站": site["run"]["site_url"], "运行编号": site["run"]["id"], "结论": site["verdict"],
        "得分": site["score"], "问题编号": finding["id"], "检查项": finding["check"],
        "监测时间": monitored_at(site, evidence), "问题类型": kind,
        "栏目": finding.get("column_path") or finding.get("column") or SECTION_LABELS.get(finding.get("section"), ""),
        "网址": (finding.get("target") if is_link else finding.get("url")) or finding.get("url") or "",
        "父页面网址": finding.get("url") if is_link else "",
        "链接标题": (parents[0].get("anchor") or "") if is_link and parents else "",
        "问题描述": finding.get("message") or "", "依据": finding.get("rule") or "",
        "快照": snapshot_hint(finding), "扣分指标": scoring.get("indicator") or "",
        "扣分": scoring.get("points", 0.0), "单项否决": "是" if scoring.get("veto") else "",
    }


def monitored_at(site: dict[str, Any], evidence: dict[str, Any]) -> str:
    """When the page behind the finding was fetched, else when the run started (YYYY-MM-DD HH:MM:SS)."""
    when = evidence.get("fetched_at") or site["run"].get("started_at") or ""
    return when[:19].replace("T", " ")


def snapshot_hint(finding: dict[str, Any]) -> str:
    """How to get the finding's snapshot: the evidence command, when a screenshot or page body is kept."""
    evidence = finding.get("evidence") or {}
    if evidence.get("screenshot"):
        return f"截图：xxgk evidence {finding['id']}"
    if evidence.get("snapshot") or evidence.get("target_snapshot") or any(
            p.get("snapshot") for p in evidence.get("parents") or []):
        return f"页面快照：xxgk evidence {finding['id']}"
    return ""


def finding_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [finding_row(site, f) for site in document["sites"] for f in site["findings"]]


# -- CSV -------------------------------------------------------------------------------------------
def as_csv(document: dict[str, Any]) -> str:
    """The findings of every site in the report, one per line (contract)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FINDING_COLUMNS)
    for row in finding_rows(document):
        writer.writerow([csv_cell(row[name]) for name in FINDING_COLUMNS])
    return buffer.getvalue()


def csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    return cell_safe(value) if isinstance(value, str) else value


# -- XLSX ------------------------------------------------------------------------------------------
def write_xlsx(document: dict[str, Any], path: Path) -> None:
    # Never turn crawled text into formulas, numbers or hyperlinks: text cells stay text.
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                               "strings_to_urls": False})
    sheets = XlsxSheets(workbook)
    sheets.table("排名", ("名次", "网站", "运行编号", "结论", "得分", "覆盖"),
                 [[r["rank"], r["site_url"], r["run_id"], r["verdict"], r["score"], COVERAGE_LABELS[r["coverage"]]]
                  for r in document["ranking"]])
    sheets.table("评分", ("网站", "运行编号", "结论", "得分", "基础分", "加分", "覆盖", "指标", "扣分", "上限",
                         "问题数", "问题编号"), summary_rows(document))
    for number, site in enumerate(document["sites"], start=1):
        rows = [finding_row(site, f) for f in site["findings"]]
        sheets.table(f"问题{number}-运行{site['run']['id']}", FINDING_COLUMNS,
                     [[r[name] for name in FINDING_COLUMNS] for r in rows])
    sheets.table("栏目", ("网站", "运行编号", "栏目", "网址", "类别", "最新信息日期", "距今天数", "期限天数", "状态"),
                 [[s["run"]["site_url"], s["run"]["id"], c["column_path"], c["url"], c["class"], c["newest_date"],
                   c["age_days"], c["limit_days"], COLUMN_STATE_LABELS[c["state"]]]
                  for s in document["sites"] for c in s["columns"]])
    sheets.table("年报", ("网站", "运行编号", "年度", "栏目", "标题", "网址", "发布日期", "截止日期", "状态"),
                 [[s["run"]["site_url"], s["run"]["id"], a["year"], a["column_path"], a["title"], a["url"],
                   a["published"], a["deadline"], REPORT_STATE_LABELS[a["state"]]]
                  for s in document["sites"] for a in s["annual_reports"]])
    workbook.close()


def summary_rows(document: dict[str, Any]) -> list[list[Any]]:
    """Per site one line per veto and per deduction indicator (a line with the verdict alone when none)."""
    rows = []
    for site in document["sites"]:
        head = [site["run"]["site_url"], site["run"]["id"], site["verdict"], site["score"], site["base_score"],
                site["bonus"], COVERAGE_LABELS[site["coverage"]]]
        lines = [[f"单项否决：{v['indicator']}（{check_label(v['check'])}）", None, None, len(v["finding_ids"]),
                  " ".join(v["finding_ids"])] for v in site["vetoes"]]
        lines += [[d["indicator"], d["points"], d["cap"], len(d["finding_ids"]), " ".join(d["finding_ids"])]
                  for d in site["deductions"]]
        rows += [head + line for line in lines] or [[*head, "无扣分", 0.0, None, 0, ""]]
    return rows


class XlsxSheets:
    """Writes tables: a bold frozen header, text through cell_safe, numbers as numbers."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        self.workbook = workbook
        self.header = workbook.add_format({"bold": True, "bg_color": "#F3F5F8", "border": 1})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})

    def table(self, name: str, columns: tuple[str, ...], rows: list[list[Any]]) -> None:
        sheet = self.workbook.add_worksheet(name[:31])
        sheet.freeze_panes(1, 0)
        for col, title in enumerate(columns):
            sheet.write_string(0, col, title, self.header)
            sheet.set_column(col, col, 40 if title in ("网址", "父页面网址", "问题描述", "依据", "网站") else 14)
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                self.cell(sheet, r, col, value)
        if rows:
            sheet.autofilter(0, 0, len(rows), len(columns) - 1)

    def cell(self, sheet: Any, row: int, col: int, value: Any) -> None:
        if value is None or value == "":
            sheet.write_blank(row, col, None)
        elif isinstance(value, bool):
            sheet.write_string(row, col, "是" if value else "否")
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value)
        else:
            sheet.write_string(row, col, cell_safe(str(value)), self.wrap)
