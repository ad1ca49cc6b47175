"""missing_annual_report: a year whose 政府信息公开工作年度报告 is not published.

Rule: 《政府信息公开条例》(2019) 第四十九条 (rules.md §2): "县级以上人民政府部门应当在每年1月31日前 …
向社会公布 … 上一年度政府信息公开工作年度报告。县级以上地方人民政府的政府信息公开工作主管部门应当在每年
3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告"; reports for 2018 and earlier under the
2008 条例 第三十一条 ("每年3月31日前").

Reports are expected for every year from the earliest one the 年报 section lists to the latest one due
on as_of (contract "Judgements the checks share"). Reports published after as_of are left out. Whose
deadline decides when the latest year falls due: `--level`, else what the site's reports show, else the
later one (checks/annual_reports.py). Withheld when part of the report column could not be seen (not
covered, blocked, a list page failed, the crawl hit its page limit).

Per report column (contract): where the 年报 section is split by issuer, only the body's own column(s)
(政府年报) are judged here; a column of other issuers' reports (部门年报, 乡镇年报) is judged for lateness
only, since nobody can tell which of them should have published which year.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.annual_reports import (
    LEVEL_LABELS,
    ColumnKind,
    current_reports,
    deadline,
    deadline_basis,
    finding_key,
    latest_due_year,
    report_columns,
    reports_withheld,
    site_level,
)
from checks.base import Check, Finding, RunContext


class MissingAnnualReport(Check):
    id = "missing_annual_report"
    severity = "deduct"
    rule = "《政府信息公开条例》第四十九条（2008年条例第三十一条） 政府信息公开工作年度报告"
    source = "rules.md §2 第四十九条 and the 2008 条例 note; contract 'Judgements the checks share'"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        own = next((g for g in report_columns(ctx) if g.kind is ColumnKind.OWN), None)
        reports = current_reports(ctx, own) if own else []
        if not reports or reports_withheld(ctx, own):
            return
        level = site_level(ctx, reports)
        years = {r.year for r in reports}
        column = own.column
        for year in range(min(years), latest_due_year(ctx.as_of, level, self.options) + 1):
            if year in years:
                continue
            due = deadline(year, level, self.options)
            message = f"{own.label}未找到 {year} 年度政府信息公开工作年度报告（应于 {due.isoformat()} 前公布）"
            if level is None and year >= 2019:
                message += "；无法判断报告主体，已按较晚的截止日期判断"
            yield Finding(
                key=finding_key(own, year), year=year, url=column["url"], column=column["name"],
                column_path=column["path"], section="annual_report", message=message,
                evidence={"year": year, "deadline": due.isoformat(), "whose_deadline": level,
                          "whose_deadline_label": LEVEL_LABELS[level], "basis": deadline_basis(year, level),
                          "years_listed": sorted(years), "columns": [c["url"] for c in own.columns]})
