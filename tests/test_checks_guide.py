"""incomplete_guide against real guides and the cases where the guide cannot be judged.

Read by hand: the Pingtan guide (column page and document, same text) states 公开范围, 编排体系, 主动公开
channels, 依申请公开 procedure, the 受理机构, 地址, 咨询时间, 咨询电话, 电子邮箱 and 收费情况
(信息处理费), but no 传真. The saved Handan 指南 page holds the platform's navigation and footer only:
the guide text itself is not in the file, so every item is absent (its "收费项目" is a menu link, not the
guide's 收费 terms).
"""

from __future__ import annotations

from test_checks_support import PINGTAN, REALPAGES, SITE, RunBuilder, read

PT = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgkzn/"
ALL_ITEMS = ["分类", "编排体系", "获取方式（主动公开）", "获取方式（依申请公开）", "工作机构名称", "办公地址",
             "办公时间", "联系电话", "传真号码", "互联网联系方式", "收费"]

COMPLETE = """<html><body><div class="content">
<p>一、信息分类与编排体系：本机关政府信息按主题分类编排。</p>
<p>二、获取方式：主动公开的信息通过门户网站公开；公民可以依申请公开，提出书面申请。</p>
<p>三、政府信息公开工作机构：XX县人民政府办公室，办公地址：XX路1号，办公时间：周一至周五，
联系电话：0311-12345678，传真号码：0311-12345679，电子邮箱：gk@example.gov.cn。</p>
<p>四、收费：依申请提供政府信息，不收取费用；超过合理范围的按规定收取信息处理费。</p>
</div></body></html>"""


def test_pingtan_guide_lacks_only_a_fax_number(tmp_path):
    b = RunBuilder(tmp_path, site="https://www.pingtan.gov.cn/")
    doc = PT + "202311/t20231104_51587.htm"
    b.column(PT, "政府信息公开指南", section="guide", kind="page", text_length=2485,
             body=read(PINGTAN / "zwgk/zfxxgk/zfxxgkzn/index.htm"))
    b.page(doc, body=read(PINGTAN / "zwgk/zfxxgk/zfxxgkzn/202311/t20231104_51587.htm"))
    rows = b.findings("incomplete_guide")
    assert len(rows) == 1
    assert rows[0]["evidence"]["missing"] == ["传真号码"]
    assert rows[0]["section"] == "guide" and rows[0]["severity"] == "warn"
    assert "传真号码" in rows[0]["message"]


def test_pingtan_guide_document_listed_in_the_column(tmp_path):
    b = RunBuilder(tmp_path, site="https://www.pingtan.gov.cn/")
    doc = PT + "202311/t20231104_51587.htm"
    b.column(PT, "政府信息公开指南", section="guide",
             items=[("平潭综合实验区政府信息公开指南", doc, "2024-03-23")])
    b.page(doc, body=read(PINGTAN / "zwgk/zfxxgk/zfxxgkzn/202311/t20231104_51587.htm"))
    rows = b.findings("incomplete_guide")
    assert [r["evidence"]["missing"] for r in rows] == [["传真号码"]]
    assert rows[0]["url"] == doc


def test_handan_saved_guide_page_shows_none_of_the_items(tmp_path):
    b = RunBuilder(tmp_path, site="http://hdzfxxgk.hd.gov.cn/")
    b.column("http://hdzfxxgk.hd.gov.cn/zfxxgkzn/", "政府信息公开指南", section="guide", kind="page",
             body=read(REALPAGES / "trs_hdzfxxgk-handan_gkzn_browser-saved_jspwrapped.html"))
    rows = b.findings("incomplete_guide")
    assert rows[0]["evidence"]["missing"] == ALL_ITEMS


def test_a_complete_guide_passes(tmp_path):
    b = RunBuilder(tmp_path)
    b.column(SITE + "zwgk/zn/", "政府信息公开指南", section="guide", kind="page", body=COMPLETE)
    assert b.findings("incomplete_guide") == []


def test_the_most_complete_guide_is_judged(tmp_path):
    b = RunBuilder(tmp_path)
    b.column(SITE + "zwgk/zn/", "政府信息公开指南", section="guide",
             items=[("XX局指南", SITE + "zwgk/zn/a.html", "2024-01-01"),
                    ("XX县政府信息公开指南", SITE + "zwgk/zn/b.html", "2024-01-01")])
    b.page(SITE + "zwgk/zn/a.html", body="<html><body><p>办公地址：XX路</p></body></html>")
    b.page(SITE + "zwgk/zn/b.html", body=COMPLETE)
    assert b.findings("incomplete_guide") == []


def test_menu_links_do_not_count_as_guide_content(tmp_path):
    b = RunBuilder(tmp_path)
    fees = "<p>四、收费：依申请提供政府信息，不收取费用；超过合理范围的按规定收取信息处理费。</p>"
    body = COMPLETE.replace(fees, '<a href="/sfxm/">收费项目</a>')
    b.column(SITE + "zwgk/zn/", "政府信息公开指南", section="guide", kind="page", body=body)
    assert b.findings("incomplete_guide")[0]["evidence"]["missing"] == ["收费"]


def test_a_guide_page_that_failed_or_was_blocked_is_not_judged(tmp_path):
    b = RunBuilder(tmp_path)
    b.column(SITE + "zwgk/zn/", "政府信息公开指南", section="guide", kind="page", reason="http_404")
    assert b.findings("incomplete_guide") == []
    b2 = RunBuilder(tmp_path / "2")
    b2.column(SITE + "zwgk/zn/", "政府信息公开指南", section="guide",
              items=[("指南", SITE + "zwgk/zn/a.html", "2024-01-01")])
    b2.page(SITE + "zwgk/zn/a.html", blocked="jiasule")
    assert b2.findings("incomplete_guide") == []


def test_a_guide_published_as_an_attachment_is_not_judged(tmp_path):
    b = RunBuilder(tmp_path)
    page = SITE + "zwgk/zn/a.html"
    b.column(SITE + "zwgk/zn/", "政府信息公开指南", section="guide", items=[("指南", page, "2024-01-01")])
    b.page(page, body='<html><body><p>附件：<a href="/zn.pdf">指南.pdf</a></p></body></html>')
    b.link(page, SITE + "zn.pdf", "指南.pdf", kind="attachment")
    assert b.findings("incomplete_guide") == []
    b2 = RunBuilder(tmp_path / "2")
    b2.column(SITE + "zwgk/zn/", "政府信息公开指南", section="guide",
              items=[("指南", SITE + "zn.pdf", "2024-01-01")])
    b2.page(SITE + "zn.pdf", content_type="application/pdf", body=b"%PDF-1.4")
    assert b2.findings("incomplete_guide") == []


# -- a 指南 section that lists its guide(s) --------------------------------------------------------------
LIST_PAGE = """<html><body><div class="nav"><a href="/xxgk/">信息公开</a></div>
<ul class="list"><li><a href="{url}">XX县人民政府信息公开指南</a><span>2024-03-01</span></li></ul>
</body></html>"""


def test_a_guide_list_is_judged_on_its_guide_not_on_the_list_page(tmp_path):
    """The list page shows a title and a date: judged, it would lack everything the guide states."""
    b = RunBuilder(tmp_path)
    column, doc = SITE + "xxgk/zn/", SITE + "xxgk/zn/202403/t20240301_1.html"
    b.column(column, "信息公开指南", section="guide", kind="page", text_length=30,
             body=LIST_PAGE.format(url=doc))
    b.link(column, doc, "XX县人民政府信息公开指南")
    b.page(doc, referer=column, body=COMPLETE)
    assert b.findings("incomplete_guide") == []


def test_a_guide_list_with_an_incomplete_guide_names_the_guide(tmp_path):
    b = RunBuilder(tmp_path)
    column, doc = SITE + "xxgk/zn/", SITE + "xxgk/zn/202403/t20240301_1.html"
    b.column(column, "信息公开指南", section="guide", items=[("XX县人民政府信息公开指南", doc, "2024-03-01")],
             body=LIST_PAGE.format(url=doc))
    b.page(doc, referer=column, body=COMPLETE.replace("传真号码：0311-12345679，", ""))
    rows = b.findings("incomplete_guide")
    assert [(r["url"], r["evidence"]["missing"]) for r in rows] == [(doc, ["传真号码"])]
    assert [c["url"] for c in rows[0]["evidence"]["checked"]] == [doc]


def test_a_guide_list_whose_guide_is_an_attachment_is_not_judged(tmp_path):
    b = RunBuilder(tmp_path)
    column, doc = SITE + "xxgk/zn/", SITE + "xxgk/zn/P020240301.pdf"
    b.column(column, "信息公开指南", section="guide", items=[("XX县人民政府信息公开指南", doc, "2024-03-01")],
             body=LIST_PAGE.format(url=doc))
    b.page(doc, "target", kind="attachment", content_type="application/pdf", method="HEAD")
    assert b.findings("incomplete_guide") == []


def test_one_guide_per_year_or_department_the_most_complete_is_judged(tmp_path):
    b = RunBuilder(tmp_path)
    column = SITE + "xxgk/zn/"
    docs = [("XX县人民政府信息公开指南（2019年版）", column + "a.html", "<html><body><p>电话：1</p></body></html>"),
            ("XX县人民政府信息公开指南（2024年修订）", column + "b.html", COMPLETE),
            ("政府信息公开申请表", column + "c.html", "<html><body><p>申请人</p></body></html>")]
    b.column(column, "信息公开指南", section="guide", items=[(t, u, "2024-03-01") for t, u, _ in docs])
    for _, url, body in docs:
        b.page(url, referer=column, body=body)
    assert b.findings("incomplete_guide") == []
