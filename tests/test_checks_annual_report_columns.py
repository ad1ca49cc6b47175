"""What a report is, and report columns: 图解/解读 entries, and a 年报 section split by issuer.

Contract ("Judgements the checks share"): missing, late and incomplete are per year and per report
column; where a platform splits its 年报 section by issuer (政府年报, 部门年报, 乡镇年报) each column is
judged on its own, and a column holding many issuers' reports for lateness only, each report against its
issuer's deadline (a department's 01-31, a township's or county government's 03-31, the later one when
the issuer cannot be told).
"""

from __future__ import annotations

from test_checks_support import SITE, RunBuilder

NB = SITE + "xxgk/xxgknb/"
SECTION = "信息公开年报"
NOT_A_REPORT = "<html><body><div class='content'><img src='/tj.png'></div></body></html>"


def column(b: RunBuilder, slug: str, name: str, *reports: tuple[str, str | None], path: str | None = None,
           bodies: dict[str, str] | None = None) -> list[str]:
    """A report column under the 年报 section listing (title, date) entries; returns their URLs."""
    url = NB + (f"{slug}/" if slug else "")
    items = [(title, f"{url}{i}.html", day) for i, (title, day) in enumerate(reports)]
    b.column(url, name, section="annual_report", path=path or (f"{SECTION} > {name}" if slug else name),
             items=items)
    for title, item_url, _ in items:
        if bodies and title in bodies:
            b.page(item_url, body=bodies[title], title=title)
    return [u for _, u, _ in items]


def by_check(b: RunBuilder, check: str) -> list[dict]:
    return sorted(b.findings(check), key=lambda r: (r["year"], r["column_path"] or ""))


# -- item 4: what a report is ------------------------------------------------------------------------
def test_companion_entries_are_neither_reports_nor_judged(tmp_path):
    b = RunBuilder(tmp_path, as_of="2025-06-30", level="government")
    companions = {
        "图解：XX县人民政府2023年政府信息公开工作年度报告": NOT_A_REPORT,
        "一图读懂XX县人民政府2024年政府信息公开工作年度报告": NOT_A_REPORT,
        "XX县人民政府2021年政府信息公开工作年度报告解读": NOT_A_REPORT,
        "【H5】XX县人民政府2023年政府信息公开工作年度报告": NOT_A_REPORT,
        "视频解读：XX县2022年度政府信息公开工作年度报告": NOT_A_REPORT,
    }
    column(b, "", SECTION,
           ("XX县人民政府2021年政府信息公开工作年度报告解读", "2022-03-20"),
           ("视频解读：XX县2022年度政府信息公开工作年度报告", "2023-06-01"),
           ("XX县人民政府2023年政府信息公开工作年度报告", "2024-03-20"),
           ("图解：XX县人民政府2023年政府信息公开工作年度报告", "2024-03-21"),
           ("【H5】XX县人民政府2023年政府信息公开工作年度报告", "2024-05-30"),
           ("一图读懂XX县人民政府2024年政府信息公开工作年度报告", "2025-03-10"),
           bodies=companions)
    # 2024 has only its 图解: still missing. The 2021 解读 and the 2022 video do not make 2021/2022 due.
    missing = by_check(b, "missing_annual_report")
    assert [r["year"] for r in missing] == [2024]
    # The H5 page published after 31 March and the 2022 video are not late reports.
    assert by_check(b, "late_annual_report") == []
    # Companion pages are not read as reports ("缺少标题 一、总体情况 …").
    assert b.findings("incomplete_annual_report") == []


def test_a_companion_page_title_does_not_make_a_report(tmp_path):
    """An entry listed without a year is dated by its page's own title; a 解读 page stays a 解读, while
    a report whose <title> carries the site's 政策解读 column name stays a report."""
    b = RunBuilder(tmp_path, as_of="2025-06-30", level="government")
    urls = column(b, "", SECTION, ("政策解读", "2025-03-01"), ("年度报告全文", "2024-03-01"))
    b.page(urls[0], body=NOT_A_REPORT, title="一图读懂XX县人民政府2024年政府信息公开工作年度报告")
    b.page(urls[1], body=NOT_A_REPORT, title="XX县人民政府2023年政府信息公开工作年度报告_政策解读_XX县人民政府")
    assert [r["year"] for r in by_check(b, "missing_annual_report")] == [2024]


# -- item 6: a 年报 section split by issuer -------------------------------------------------------------
def split_section(tmp_path, level: str | None = "government") -> RunBuilder:
    b = RunBuilder(tmp_path, as_of="2025-06-30", level=level)
    b.column(NB, SECTION, section="annual_report", kind="page", subcolumns=3, text_length=40)
    column(b, "zfnb", "政府年报",
           ("XX县人民政府2021年政府信息公开工作年度报告", "2022-03-20"),
           ("XX县人民政府2023年政府信息公开工作年度报告", "2024-03-25"),
           ("XX县人民政府2024年政府信息公开工作年度报告", "2025-04-02"))
    column(b, "bmnb", "部门年报",
           ("XX县教育局2022年政府信息公开工作年度报告", "2023-01-20"),
           ("XX县教育局2024年政府信息公开工作年度报告", "2025-02-10"),
           ("XX县财政局2024年政府信息公开工作年度报告", "2025-01-20"),
           ("2024年度政府信息公开工作年度报告", "2025-03-10"),
           bodies={"XX县教育局2024年政府信息公开工作年度报告": NOT_A_REPORT})
    column(b, "xznb", "乡镇年报",
           ("XX镇人民政府2024年政府信息公开工作年度报告", "2025-03-20"),
           ("YY乡2023年政府信息公开工作年度报告", "2024-03-30"),
           ("ZZ街道2024年政府信息公开工作年度报告", "2025-04-08"))
    return b


def test_split_section_own_column_is_judged_for_missing_and_late(tmp_path):
    b = split_section(tmp_path)
    missing = by_check(b, "missing_annual_report")
    assert [(r["year"], r["column_path"]) for r in missing] == [(2022, f"{SECTION} > 政府年报")]
    assert missing[0]["url"] == NB + "zfnb/"
    late = {(r["year"], r["column_path"]): r for r in by_check(b, "late_annual_report")}
    own = late[(2024, f"{SECTION} > 政府年报")]
    assert own["evidence"]["deadline"] == "2025-03-31" and own["evidence"]["whose_deadline"] == "government"
    assert own["url"] == NB + "zfnb/2.html"


def test_split_section_other_issuers_are_judged_for_lateness_against_their_own_deadline(tmp_path):
    b = split_section(tmp_path)
    late = [(r["column_path"], r["url"], r["evidence"]["issuer"], r["evidence"]["deadline"],
             r["evidence"]["whose_deadline"]) for r in by_check(b, "late_annual_report") if r["year"] == 2024]
    # 部门年报: the 教育局 by 01-31 (the site's --level government is not theirs); the 财政局 was on time;
    # the report whose issuer cannot be told gets the later deadline and is on time.
    # 乡镇年报: a township's deadline is 03-31, so 03-20 is on time and only the 街道 (04-08) is late.
    assert sorted(late) == [
        (f"{SECTION} > 乡镇年报", NB + "xznb/2.html", "ZZ街道", "2025-03-31", "government"),
        (f"{SECTION} > 政府年报", NB + "zfnb/2.html", "XX县人民政府", "2025-03-31", "government"),
        (f"{SECTION} > 部门年报", NB + "bmnb/1.html", "XX县教育局", "2025-01-31", "department")]
    # Other issuers' columns are never judged for missing years or completeness.
    assert all(r["column_path"] == f"{SECTION} > 政府年报" for r in b.findings("missing_annual_report"))
    assert b.findings("incomplete_annual_report") == []


def test_two_late_issuers_in_one_column_are_two_findings(tmp_path):
    b = RunBuilder(tmp_path, as_of="2025-06-30", level="government")
    column(b, "bmnb", "部门年报", ("XX县教育局2024年政府信息公开工作年度报告", "2025-02-10"),
           ("XX县民政局2024年政府信息公开工作年度报告", "2025-02-11"), path=f"{SECTION} > 部门年报")
    late = by_check(b, "late_annual_report")
    assert sorted(r["evidence"]["issuer"] for r in late) == ["XX县教育局", "XX县民政局"]
    assert len({r["id"] for r in late}) == 2


def test_other_issuers_with_an_unknown_issuer_get_the_later_deadline_and_say_so(tmp_path):
    b = RunBuilder(tmp_path, as_of="2025-06-30")
    column(b, "bmnb", "部门年报", ("2024年度政府信息公开工作年度报告", "2025-04-03"),
           path=f"{SECTION} > 部门年报")
    late = b.findings("late_annual_report")
    assert len(late) == 1
    assert late[0]["evidence"]["deadline"] == "2025-03-31"
    assert late[0]["evidence"]["whose_deadline"] is None
    assert "无法判断报告主体" in late[0]["message"]


def test_a_section_page_listing_every_issuer_leaves_theirs_to_their_columns(tmp_path):
    """The section page lists the newest of all columns: departments' years do not fill the body's."""
    b = RunBuilder(tmp_path, as_of="2025-06-30", level="government")
    dept = ("XX县教育局2022年政府信息公开工作年度报告", "2023-01-20")
    gov = [("XX县人民政府2021年政府信息公开工作年度报告", "2022-03-20"),
           ("XX县人民政府2023年政府信息公开工作年度报告", "2024-03-25")]
    items = [(t, f"{NB}{i}.html", d) for i, (t, d) in enumerate([*gov, dept])]
    b.column(NB, SECTION, section="annual_report", items=items)
    b.column(NB + "bmnb/", "部门年报", section="annual_report", path=f"{SECTION} > 部门年报",
             items=[items[2]])
    missing = by_check(b, "missing_annual_report")
    assert [(r["year"], r["column_path"]) for r in missing] == [(2022, SECTION), (2024, SECTION)]


def test_an_unsplit_section_with_year_columns_is_one_report_column(tmp_path):
    b = RunBuilder(tmp_path, as_of="2025-06-30", level="government")
    b.column(NB, SECTION, section="annual_report", kind="page", subcolumns=2, text_length=40)
    column(b, "2023", "2023年", ("XX县人民政府2023年政府信息公开工作年度报告", "2024-03-25"))
    column(b, "2024", "2024年", ("XX县人民政府2024年政府信息公开工作年度报告", "2025-03-25"))
    assert b.findings("missing_annual_report") == [] and b.findings("late_annual_report") == []


def test_a_column_named_for_the_body_itself_is_its_own(tmp_path):
    """A department's platform: 本局年报 is the body's own column, judged for missing years too."""
    b = RunBuilder(tmp_path, as_of="2025-06-30", level="department")
    column(b, "bjnb", "本局年报", ("XX县教育局2022年政府信息公开工作年度报告", "2023-01-20"),
           ("XX县教育局2024年政府信息公开工作年度报告", "2025-01-20"), path=f"{SECTION} > 本局年报")
    column(b, "xsdw", "下属单位年报", ("XX县第一中学2024年政府信息公开工作年度报告", "2025-01-20"),
           path=f"{SECTION} > 下属单位年报")
    assert [(r["year"], r["column_path"]) for r in by_check(b, "missing_annual_report")] == \
        [(2023, f"{SECTION} > 本局年报")]
