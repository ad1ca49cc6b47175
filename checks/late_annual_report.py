"""late_annual_report: a year whose 政府信息公开工作年度报告 was published after its deadline.

Rule: 《政府信息公开条例》(2019) 第四十九条 (rules.md §2): a department's report for year Y by Y+1-01-31, a
county-or-higher government's own report by Y+1-03-31; reports for 2018 and earlier by Y+1-03-31 for every
body (2008 条例 第三十一条). Whose report it is: `--level`, else the issuer in the title or on the page;
when it cannot be told, the later deadline applies and the finding says so (contract).

The published date is the list's date, else the document's own 发布日期. One finding per year, when no
report for that year was published on time; a year with a report of unknown date is not judged, nor is a
report dated after as_of.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import Any, ClassVar

from checks.annual_reports import DEADLINES, LEVEL_LABELS, Report, current_reports, deadline, deadline_basis
from checks.base import Check, Finding, RunContext


class LateAnnualReport(Check):
    id = "late_annual_report"
    severity = "deduct"
    rule = "《政府信息公开条例》第四十九条（2008年条例第三十一条） 政府信息公开工作年度报告公布时限"
    source = "rules.md §2 第四十九条 and the 2008 条例 note; contract 'Judgements the checks share'"
    defaults: ClassVar[dict[str, Any]] = dict(DEADLINES)  # "MM-DD" per level, for years from 2019

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        reports = current_reports(ctx)
        for year, group in groupby(reports, key=lambda r: r.year):
            same_year = list(group)
            if any(r.published is None for r in same_year):
                continue
            if any(r.published <= deadline(year, r.level, self.options) for r in same_year):
                continue
            yield self.finding(min(same_year, key=lambda r: r.published), same_year)

    def finding(self, report: Report, same_year: list[Report]) -> Finding:
        due = deadline(report.year, report.level, self.options)
        days = (report.published - due).days
        message = (f"{report.year} 年度政府信息公开工作年度报告于 {report.published.isoformat()} 公布，"
                   f"晚于截止日期 {due.isoformat()}（{LEVEL_LABELS[report.level]}）{days} 天")
        if report.level is None and report.year >= 2019:
            message += "；无法判断报告主体，已按较晚的截止日期判断"
        c = report.column
        return Finding(
            key=str(report.year), year=report.year, url=report.url, column=c["name"], column_path=c["path"],
            section="annual_report", message=message,
            evidence={"year": report.year, "title": report.title, "published": report.published.isoformat(),
                      "published_source": report.published_source, "deadline": due.isoformat(),
                      "days_late": days, "whose_deadline": report.level,
                      "whose_deadline_label": LEVEL_LABELS[report.level], "issuer": report.issuer,
                      "basis": deadline_basis(report.year, report.level),
                      "reports": [{"title": r.title, "url": r.url, "published": r.published.isoformat()}
                                  for r in same_year]})
