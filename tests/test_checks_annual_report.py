"""missing_annual_report, late_annual_report and incomplete_annual_report.

Synthetic runs pin the deadlines (department / government / unknown, the 2008 条例 years, as_of); the
real Pingtan reports (replay, 2011 and 2018–2025) pin the headings and table reading: 2021–2025 balance
in every column and carry over from year to year, so they come out complete.
"""

from __future__ import annotations

import json
import re

import pytest
from test_checks_support import PINGTAN, SITE, RunBuilder, read

NB = SITE + "zwgk/nb/"


def reports_column(b: RunBuilder, *reports: tuple[str, str | None], **kwargs) -> None:
    """A 年报 column listing (title, date) reports."""
    items = [(title, f"{NB}{i}.html", day) for i, (title, day) in enumerate(reports)]
    b.column(NB, "政府信息公开年报", section="annual_report", items=items, **kwargs)


def years(rows) -> list[int]:
    return sorted(r["year"] for r in rows)


# -- missing / late -------------------------------------------------------------------------------
def test_department_deadline_is_31_january(tmp_path):
    b = RunBuilder(tmp_path, as_of="2025-06-30", level="department")
    reports_column(b, ("XX局2021年度政府信息公开工作年度报告", "2022-01-20"),
                   ("XX局2023年度政府信息公开工作年度报告", "2024-02-15"),
                   ("XX局2024年度政府信息公开工作年度报告", "2025-01-10"))
    missing = b.findings("missing_annual_report")
    assert years(missing) == [2022]
    assert missing[0]["evidence"]["deadline"] == "2023-01-31"
    assert missing[0]["section"] == "annual_report"
    late = b.findings("late_annual_report")
    assert years(late) == [2023]
    assert late[0]["evidence"]["published"] == "2024-02-15"
    assert late[0]["evidence"]["deadline"] == "2024-01-31"
    assert late[0]["evidence"]["whose_deadline"] == "department"
    assert late[0]["evidence"]["days_late"] == 15


def test_government_deadline_is_31_march(tmp_path):
    b = RunBuilder(tmp_path, as_of="2025-06-30")
    reports_column(b, ("XX县人民政府2023年政府信息公开工作年度报告", "2024-03-28"),
                   ("XX县人民政府2024年政府信息公开工作年度报告", "2025-04-02"))
    late = b.findings("late_annual_report")
    assert years(late) == [2024]
    assert late[0]["evidence"]["whose_deadline"] == "government"
    assert late[0]["evidence"]["deadline"] == "2025-03-31"
    assert "无法判断" not in late[0]["message"]


def test_issuer_named_in_the_title_decides(tmp_path):
    b = RunBuilder(tmp_path, as_of="2025-06-30")
    reports_column(b, ("XX市教育局2023年度政府信息公开工作年度报告", "2024-02-20"),
                   ("XX市教育局2024年度政府信息公开工作年度报告", "2025-01-20"))
    late = b.findings("late_annual_report")
    assert years(late) == [2023] and late[0]["evidence"]["whose_deadline"] == "department"


def test_unknown_issuer_gets_the_later_deadline_and_says_so(tmp_path):
    b = RunBuilder(tmp_path, as_of="2025-06-30")
    reports_column(b, ("2023年度政府信息公开工作年度报告", "2024-03-15"),
                   ("2024年度政府信息公开工作年度报告", "2025-04-05"))
    late = b.findings("late_annual_report")
    assert years(late) == [2024]
    assert late[0]["evidence"]["whose_deadline"] is None
    assert late[0]["evidence"]["deadline"] == "2025-03-31"
    assert "无法判断报告主体" in late[0]["message"]
    assert "较晚的截止日期" in late[0]["message"]


def test_unknown_issuer_missing_year_says_so(tmp_path):
    b = RunBuilder(tmp_path, as_of="2025-06-30")
    reports_column(b, ("2022年度政府信息公开工作年度报告", "2023-03-15"),
                   ("2024年度政府信息公开工作年度报告", "2025-03-05"))
    missing = b.findings("missing_annual_report")
    assert years(missing) == [2023]
    assert missing[0]["evidence"]["deadline"] == "2024-03-31"
    assert "无法判断报告主体" in missing[0]["message"]


def test_reports_for_2018_and_earlier_were_due_31_march_for_everyone(tmp_path):
    b = RunBuilder(tmp_path, as_of="2019-12-31", level="department")
    reports_column(b, ("XX局2017年政府信息公开工作年度报告", "2018-03-30"),
                   ("XX局2018年政府信息公开工作年度报告", "2019-03-20"))
    assert b.findings("late_annual_report") == []
    assert b.findings("missing_annual_report") == []


def test_a_report_dated_after_as_of_is_ignored(tmp_path):
    b = RunBuilder(tmp_path, as_of="2025-02-15", level="department")
    reports_column(b, ("XX局2023年度政府信息公开工作年度报告", "2024-01-20"),
                   ("XX局2024年度政府信息公开工作年度报告", "2025-03-01"))
    assert years(b.findings("missing_annual_report")) == [2024]
    assert b.findings("late_annual_report") == []


def test_the_latest_year_is_expected_only_once_due(tmp_path):
    b = RunBuilder(tmp_path, as_of="2025-02-15")  # unknown issuer: 2024 due 2025-03-31
    reports_column(b, ("2023年度政府信息公开工作年度报告", "2024-03-20"))
    assert b.findings("missing_annual_report") == []
    b2 = RunBuilder(tmp_path / "2", as_of="2025-02-15", level="department")
    reports_column(b2, ("XX局2023年度政府信息公开工作年度报告", "2024-01-20"))
    assert years(b2.findings("missing_annual_report")) == [2024]


def test_website_reports_and_other_documents_are_not_annual_reports(tmp_path):
    b = RunBuilder(tmp_path, as_of="2025-06-30", level="government")
    reports_column(b, ("XX县人民政府2022年政府信息公开工作年度报告", "2023-03-01"),
                   ("XX县政府网站2023年度工作报表", "2024-01-10"),
                   ("关于2023年政府信息公开工作要点落实情况的函", "2023-12-10"),
                   ("XX县人民政府2024年政府信息公开工作年度报告", "2025-03-01"))
    assert years(b.findings("missing_annual_report")) == [2023]


@pytest.mark.parametrize("gap", ["not_covered", "blocked", "list_page", "max_pages"])
def test_missing_years_are_withheld_when_the_column_was_not_fully_seen(tmp_path, gap):
    b = RunBuilder(tmp_path, as_of="2025-06-30", level="department")
    reports = [("XX局2021年度政府信息公开工作年度报告", "2022-01-20"),
               ("XX局2024年度政府信息公开工作年度报告", "2025-01-10")]
    if gap == "not_covered":
        reports_column(b, *reports, reason="http_500")
    elif gap == "blocked":
        reports_column(b, *reports, blocked="ruishu")
    else:
        reports_column(b, *reports)
        if gap == "list_page":
            b.page(NB + "index_1.html", "list_page", referer=NB, reason="http_404")
        else:
            b.not_covered.append({"url": SITE, "reason": "max_pages", "role": "platform"})
    assert b.findings("missing_annual_report") == []


def test_reports_found_as_links_on_a_page_column(tmp_path):
    b = RunBuilder(tmp_path, as_of="2025-06-30", level="government")
    b.column(NB, "政府信息公开年报", section="annual_report", kind="page", text_length=300)
    b.link(NB, NB + "2022.html", "XX县人民政府2022年政府信息公开工作年度报告")
    b.link(NB, NB + "2024.pdf", "XX县人民政府2024年政府信息公开工作年度报告", kind="attachment")
    b.page(NB + "2024.pdf", "target", kind="attachment", content_type="application/pdf", method="HEAD")
    b.page(NB + "2022.html", body="<html></html>", pub_date="2023-03-02")
    assert years(b.findings("missing_annual_report")) == [2023]
    assert b.findings("late_annual_report") == []


# -- incomplete_annual_report: synthetic ----------------------------------------------------------
REPORT_2024 = PINGTAN / "zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm"


GOV_2024 = "XX县人民政府2024年度政府信息公开工作年度报告"


def one_report(tmp_path, html: str, title: str = GOV_2024) -> list[dict]:
    b = RunBuilder(tmp_path, as_of="2025-06-30", level="government")
    reports_column(b, (title, "2025-03-10"))
    b.page(NB + "0.html", body=html, title=title)
    return b.findings("incomplete_annual_report")


def test_a_broken_balance_is_reported_with_the_sums(tmp_path):
    html = read(REPORT_2024)
    # 三(七) 总计 of 自然人 217 → 216: both 一+二=三(七)+四 and 三(七)=Σ(一)…(六) fail for 自然人.
    html = html.replace(">217<", ">216<", 2).replace(">216<", ">217<", 1)
    rows = one_report(tmp_path, html)
    assert len(rows) == 1
    sums = rows[0]["evidence"]["table3_sums"]
    assert {"rule": "一+二=三(七)+四", "column": "自然人", "一": 217, "二": 0, "三(七)": 216, "四": 0,
            "left": 217, "right": 216} in sums
    assert {"rule": "三(七)=(一)+…+(六)", "column": "自然人", "三(七)": 216, "sum": 217} in sums
    assert rows[0]["year"] == 2024 and rows[0]["severity"] == "warn"
    assert "勾稽关系不平衡" in rows[0]["message"]


def test_missing_heading_and_tables(tmp_path):
    html = read(REPORT_2024)
    html = html.replace("六、其他需要报告的事项", "其他")
    html = re.sub(r"<table.*?</table>", "", html, flags=re.S)
    rows = one_report(tmp_path, html)
    assert rows[0]["evidence"]["missing_headings"] == ["六、其他需要报告的事项"]
    assert rows[0]["evidence"]["missing_tables"] == [
        "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况"]


def test_the_table_of_contents_is_not_the_headings(tmp_path):
    """The 2024 report's preface lists the six parts in one sentence; headings are numbered."""
    html = read(REPORT_2024).replace("一、总体情况", "总体情况")
    rows = one_report(tmp_path, html)
    assert rows[0]["evidence"]["missing_headings"] == ["一、总体情况"]


def test_table_four_totals(tmp_path):
    html = read(REPORT_2024)
    # 行政复议: 2 维持 + 1 纠正 + 3 其他 + 1 未审结 = 7; make the 总计 cell say 8.
    html = re.sub(r"(>\s*1\s*<.*?>\s*)7(\s*<)", r"\g<1>8\2", html, count=1, flags=re.S)
    rows = one_report(tmp_path, html)
    assert rows[0]["evidence"]["table4_sums"] == [
        {"rule": "总计=四项之和", "block": "行政复议",
         "cells": {"结果维持": 2, "结果纠正": 1, "其他结果": 3, "尚未审结": 1, "总计": 8}, "sum": 7}]


def test_trial_format_reports_are_checked_for_headings_only(tmp_path):
    # Pingtan 2020 (trial format): its table 三 does not add up (三(七) 20 for 自然人 against 26 in the
    # rows), but the 2021 table rules do not apply to it.
    html = read(PINGTAN / "zwgk/zfxxgk/zfxxgknb/202103/t20210305_80595.htm")
    assert one_report(tmp_path, html, "XX县人民政府2020年度政府信息公开工作年度报告") == []
    rows = one_report(tmp_path / "2", html.replace("五、存在的主要问题及改进情况", "五、其他"),
                      "XX县人民政府2020年度政府信息公开工作年度报告")
    assert rows[0]["evidence"]["missing_headings"] == ["五、存在的主要问题及改进情况"]


# -- the real Pingtan 年报 column -----------------------------------------------------------------
def pingtan_run(tmp_path, as_of: str = "2026-09-15", edit: dict | None = None) -> RunBuilder:
    """The 年报 column as the crawl stores it: the 20 records of the list (title, URL, date), and the
    pages of the replayed reports."""
    records = json.loads((PINGTAN.parent / "api_records.json").read_text(encoding="utf-8"))
    items = [(r["doctitle"], r["chnldocurl"], r["docreltime"][:10])
             for r in records["channels"]["1813"]["records"]]
    b = RunBuilder(tmp_path, as_of=as_of, site="https://www.pingtan.gov.cn/")
    column = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"
    b.column(column, "政府信息公开年报", section="annual_report", path="政府信息公开年报", items=items,
             body=read(PINGTAN / "zwgk/zfxxgk/zfxxgknb/index.htm"))
    for title, url, _ in items:
        path = PINGTAN / url.split("pingtan.gov.cn/")[1]
        if path.exists():
            html = read(path)
            for old, new in (edit or {}).get(path.name, []):
                assert old in html
                html = html.replace(old, new, 1)
            b.page(url, referer=column, body=html, title=title)
        else:
            b.page(url, referer=column, reason="http_404")  # not archived by the replay
    return b


def test_pingtan_reports_are_complete(tmp_path):
    b = pingtan_run(tmp_path)
    assert b.findings("incomplete_annual_report") == []
    assert b.findings("missing_annual_report") == []


def test_pingtan_2011_reports_were_published_after_31_march_2012(tmp_path):
    """Both 2011 reports are dated April 2012 (2008 条例 第三十一条: by 31 March); every later year is
    on time."""
    late = pingtan_run(tmp_path).findings("late_annual_report")
    assert years(late) == [2011]
    assert late[0]["evidence"]["published"] == "2012-04-11"
    assert late[0]["evidence"]["deadline"] == "2012-03-31"
    assert "第三十一条" in late[0]["evidence"]["basis"]
    assert len(late[0]["evidence"]["reports"]) == 2


def test_pingtan_carry_over_mismatch_is_reported(tmp_path):
    """Every Pingtan year carries in what the year before carried out (2021→2022: 1, later 0). Make the
    2023 report (file 202403) carry in 3 for 自然人: the carry-over (and its own balance) breaks."""
    path = PINGTAN / "zwgk/zfxxgk/zfxxgknb/202403/t20240308_87885.htm"
    html = read(path)
    start = html.index("二、上年结转政府信息公开申请数量")
    cell = re.compile(r">\s*0\s*<")
    m = cell.search(html, start)
    edited = html[: m.start()] + ">3<" + html[m.end():]
    b = pingtan_run(tmp_path, edit={path.name: [(html[start - 10:], edited[start - 10:])]})
    rows = [r for r in b.findings("incomplete_annual_report") if r["year"] == 2023]
    assert len(rows) == 1
    carry = rows[0]["evidence"]["carry_over"]
    assert carry == [{"column": "自然人", "上年结转": 3, "2022年结转下年度": 0,
                      "previous_report": "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202302/t20230220_80629.htm"}]
    assert "结转" in rows[0]["message"]


def test_local_rules_may_set_an_earlier_deadline(tmp_path):
    """怀化 2022 required 市直单位 to publish by 28 January (rules.md §2)."""
    b = RunBuilder(tmp_path, as_of="2025-06-30", level="department")
    reports_column(b, ("XX局2024年度政府信息公开工作年度报告", "2025-01-30"))
    assert b.findings("late_annual_report") == []
    b2 = RunBuilder(tmp_path / "2", as_of="2025-06-30", level="department")
    reports_column(b2, ("XX局2024年度政府信息公开工作年度报告", "2025-01-30"))
    late = b2.findings("late_annual_report", {"late_annual_report": {"department_deadline": "01-28"}})
    assert late[0]["evidence"]["deadline"] == "2025-01-28"
