"""incomplete_annual_report: a report missing required parts, or whose tables do not add up.

Rule: 《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号, rules.md §3) under
《政府信息公开条例》第五十条: "年度报告内容，要严格按照《条例》第五十条的规定确定，不能遗漏". For every
report page the crawl stored:

* reports for 2021 on (2021 format): the six headings; table 二 with 规章, 行政规范性文件, 行政许可, 行政处罚,
  行政强制, 行政事业性收费; table 三 with rows 一…四 and the results (一)…(七), balanced per column
  (一+二 = 三(七)+四; 三(七) = (一)+…+(六); 总计 column = sum of the applicant columns); table 四 with its
  15 cells, each 总计 the sum of its four; and this year's 二、上年结转 equal to last year's
  四、结转下年度继续办理 when both reports are stored (rules.md §3 machine checks 1–5);
* reports for 2019 and 2020 (trial format, 国办公开办函〔2019〕60号): the six headings;
* reports for 2018 and earlier (2008 条例): the topics reports then covered (主动公开, 依申请公开, 复议/诉讼,
  问题及改进), whatever their headings.

Tables are read by checks/annual_report_tables.py. Evidence says what is missing and which sums differ.
Per report column (contract): where the 年报 section is split by issuer, a column of other issuers'
reports (部门年报, 乡镇年报) is judged for lateness only, so only the body's own reports are read here;
图解 / 解读 entries are not reports (checks/annual_reports.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.annual_report_tables import TABLE3_COLUMNS, ReportReading, read_report
from checks.annual_reports import ColumnKind, Report, find_reports
from checks.base import Check, Finding, RunContext

TABLE2_2021_HEADERS = ("本年制发件数", "本年废止件数", "现行有效件数")


class IncompleteAnnualReport(Check):
    id = "incomplete_annual_report"
    severity = "warn"
    rule = ("《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号) "
            "《政府信息公开条例》第五十条")
    source = "rules.md §3 (six headings, tables 二/三/四, machine checks 1–5)"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        readings: dict[str, tuple[Report, ReportReading]] = {}
        for report in find_reports(ctx):
            if report.kind is not ColumnKind.OWN or (report.published and report.published > ctx.as_of):
                continue
            html = ctx.html(report.page)
            if html is None or report.url in readings:
                continue
            readings[report.url] = (report, read_report(html))
        for report, reading in readings.values():
            problems = self.problems(report, reading, readings.values())
            if problems:
                yield self.finding(report, reading, problems)

    def problems(self, report: Report, reading: ReportReading,
                 others: Any) -> dict[str, Any]:
        year = report.year
        if year < self.options["trial_format_from"]:
            missing = reading.missing_old_topics()
            return {"missing_topics": missing} if missing else {}
        problems: dict[str, Any] = {}
        if reading.missing_headings():
            problems["missing_headings"] = reading.missing_headings()
        elif self.options["check_order"] and reading.headings_out_of_order():
            problems["headings_out_of_order"] = list(reading.headings)
        if year < self.options["format_2021_from"]:
            return problems
        problems.update(self.table_problems(reading))
        carry = self.carry_over(report, reading, others)
        if carry:
            problems["carry_over"] = carry
        return problems

    @staticmethod
    def table_problems(reading: ReportReading) -> dict[str, Any]:
        problems: dict[str, Any] = {}
        if not reading.table2_rows:
            problems["missing_tables"] = ["二、主动公开政府信息情况"]
        elif reading.missing_table2():
            problems["table2_missing_rows"] = reading.missing_table2()
        elif not all(h in reading.table2_headers for h in TABLE2_2021_HEADERS):
            absent = [h for h in TABLE2_2021_HEADERS if h not in reading.table2_headers]
            problems["table2_not_2021_format"] = absent
        if reading.table3 is None:
            problems.setdefault("missing_tables", []).append("三、收到和处理政府信息公开申请情况")
        elif reading.table3.missing_rows():
            problems["table3_missing_rows"] = reading.table3.missing_rows()
        elif reading.table3_problems():
            problems["table3_sums"] = reading.table3_problems()
        if reading.table4 is None:
            problems.setdefault("missing_tables", []).append("四、政府信息公开行政复议、行政诉讼情况")
        elif reading.table4_problems():
            problems["table4_sums"] = reading.table4_problems()
        if "missing_tables" in problems and reading.image_count:
            problems["note"] = f"页面含 {reading.image_count} 张图片，表格可能以图片形式发布，无法核对"
        return problems

    @staticmethod
    def carry_over(report: Report, reading: ReportReading, others: Any) -> list[dict[str, Any]]:
        """This year's 二、上年结转 against last year's 四、结转下年度继续办理, per column."""
        if reading.table3 is None or reading.table3.carried_in is None:
            return []
        previous = [(r, rd) for r, rd in others if r.year == report.year - 1 and rd.table3 is not None
                    and rd.table3.carried_out is not None]
        same_issuer = [(r, rd) for r, rd in previous if r.prefix == report.prefix]
        if same_issuer:
            previous = same_issuer
        elif len(previous) != 1 or sum(1 for r, _ in others if r.year == report.year) != 1:
            return []
        last, last_reading = previous[0]
        diffs = []
        for i, column in enumerate(TABLE3_COLUMNS):
            this_in, last_out = reading.table3.carried_in[i], last_reading.table3.carried_out[i]
            if this_in != last_out:
                diffs.append({"column": column, "上年结转": this_in, f"{last.year}年结转下年度": last_out,
                              "previous_report": last.url})
        return diffs

    @staticmethod
    def finding(report: Report, reading: ReportReading, problems: dict[str, Any]) -> Finding:
        parts = []
        if "missing_topics" in problems:
            parts.append("缺少" + "、".join(problems["missing_topics"]))
        if "missing_headings" in problems:
            parts.append("缺少标题：" + "、".join(problems["missing_headings"]))
        if "headings_out_of_order" in problems:
            parts.append("六个部分的顺序与格式不符")
        if "missing_tables" in problems:
            parts.append("缺少表格：" + "、".join(problems["missing_tables"]))
        if "table2_missing_rows" in problems:
            parts.append("表二缺少：" + "、".join(problems["table2_missing_rows"]))
        if "table2_not_2021_format" in problems:
            parts.append("表二未采用2021年格式（缺少" + "、".join(problems["table2_not_2021_format"]) + "）")
        if "table3_missing_rows" in problems:
            parts.append("表三缺少：" + "、".join(problems["table3_missing_rows"]))
        if "table3_sums" in problems:
            parts.append(f"表三有 {len(problems['table3_sums'])} 处勾稽关系不平衡")
        if "table4_sums" in problems:
            parts.append("表四总计与分项之和不符：" + "、".join(p["block"] for p in problems["table4_sums"]))
        if "carry_over" in problems:
            parts.append("表三“上年结转”与上一年度报告“结转下年度继续办理”不一致")
        c = report.column
        return Finding(
            key=report.url, url=report.url, year=report.year, column=c["name"], column_path=c["path"],
            section="annual_report",
            message=f"{report.year} 年度政府信息公开工作年度报告内容不完整：" + "；".join(parts),
            evidence={"title": report.title, "year": report.year, **problems,
                      "headings_found": list(reading.headings), "tables_found": reading.table_count})
