"""late_annual_report: a year whose 政府信息公开工作年度报告 was published after its deadline.

Rule: 《政府信息公开条例》(2019) 第四十九条 (rules.md §2): a department's report for year Y by Y+1-01-31, a
county-or-higher government's own report by Y+1-03-31; reports for 2018 and earlier by Y+1-03-31 for every
body (2008 条例 第三十一条). Whose report it is: `--level`, else the issuer in the title or on the page;
when it cannot be told, the later deadline applies and the finding says so (contract).

The published date is the list's date, else the document's own 发布日期. Per year and per report column
(contract; checks/annual_reports.py): in the body's own column, one finding per year for which no report
was published on time; in a column of other issuers' reports (部门年报, 乡镇年报), one finding per issuer and
year for which none of that issuer's reports was published on time, each against that issuer's own
deadline (a department's 01-31, a township's or county government's 03-31, the later one when the issuer
cannot be told): each issuer answers for its own report. A report of unknown date is not judged, nor is a
report dated after as_of.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from itertools import groupby

from checks.annual_reports import (
    LEVEL_LABELS,
    ColumnKind,
    Report,
    ReportColumn,
    current_reports,
    deadline,
    deadline_basis,
    finding_key,
    report_columns,
)
from checks.base import Check, Finding, RunContext

UNKNOWN_ISSUER_NOTE = "无法判断报告主体，已按较晚的截止日期判断"


class LateAnnualReport(Check):
    id = "late_annual_report"
    severity = "deduct"
    rule = "《政府信息公开条例》第四十九条（2008年条例第三十一条） 政府信息公开工作年度报告公布时限"
    source = "rules.md §2 第四十九条 and the 2008 条例 note; contract 'Judgements the checks share'"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        for group in report_columns(ctx):
            reports = current_reports(ctx, group)
            for _, group_of_year in groupby(reports, key=lambda r: r.year):
                same_year = list(group_of_year)
                for report in self.late_reports(same_year, group.kind):
                    yield self.finding(group, report, same_year)

    def late_reports(self, same_year: list[Report], kind: ColumnKind) -> list[Report]:
        """The year's late reports: the body's first one when none was on time; in a column of other
        issuers', each issuer's first one when none of that issuer's was on time."""
        if kind is ColumnKind.OWN:
            issuers = [same_year]
        else:
            by_issuer: dict[str, list[Report]] = {}
            for report in same_year:
                by_issuer.setdefault(issuer_key(report), []).append(report)
            issuers = list(by_issuer.values())
        late = []
        for reports in issuers:
            if any(r.published is None or r.published <= self.due(r) for r in reports):
                continue
            late.append(min(reports, key=lambda r: r.published))
        return sorted(late, key=lambda r: (r.published, r.url))

    def due(self, report: Report) -> date:
        return deadline(report.year, report.level, self.options)

    def finding(self, group: ReportColumn, report: Report, same_year: list[Report]) -> Finding:
        due, year = self.due(report), report.year
        days = (report.published - due).days
        whose = LEVEL_LABELS[report.level]
        if group.kind is ColumnKind.OWN:
            key = finding_key(group, year)
            message = (f"{group.label}{year} 年度政府信息公开工作年度报告于 {report.published.isoformat()} 公布，"
                       f"晚于截止日期 {due.isoformat()}（{whose}）{days} 天")
        else:
            key = f"{finding_key(group, year)}|{report.url}"
            message = (f"{group.label}中的《{report.title}》于 {report.published.isoformat()} 公布，"
                       f"晚于截止日期 {due.isoformat()}（{whose}）{days} 天")
        if report.level is None and year >= 2019:
            message += f"；{UNKNOWN_ISSUER_NOTE}"
        c = report.column
        return Finding(
            key=key, year=year, url=report.url, column=c["name"], column_path=c["path"], section="annual_report",
            message=message,
            evidence={"year": year, "title": report.title, "published": report.published.isoformat(),
                      "published_source": report.published_source, "deadline": due.isoformat(),
                      "days_late": days, "whose_deadline": report.level, "whose_deadline_label": whose,
                      "issuer": report.issuer, "basis": deadline_basis(year, report.level),
                      "column_kind": group.kind.value,
                      "reports": [{"title": r.title, "url": r.url, "published": r.published.isoformat()}
                                  for r in same_year if group.kind is ColumnKind.OWN
                                  or issuer_key(r) == issuer_key(report)]})


def issuer_key(report: Report) -> str:
    """Whose report it is, for grouping a column of many issuers' reports: the title before the year
    (its issuer), else the page's 发布机构, else the report alone."""
    prefix = re.sub(r"关于|印发|公布", "", report.prefix)
    return prefix or report.issuer or report.url
