"""Roles are a mechanism, not a race (issue 7, item 1).

The homepage's 要闻动态 box links the newest article before the platform is known, so the crawl first
asks for it as a verify-only `target`; the column's list later yields it as a `document`. Whichever
arrives first, the article is parsed as a document (its broken attachment is found), it is requested
once, and its stored row holds both roles. Before the fix the document link was dropped as already
requested, and the article's attachment was never checked.
"""

from __future__ import annotations

import pytest

from tests.conftest import run_xxgk_crawl
from tests.loopback import LoopbackSite

ARTICLE = "/xwzx/t20261120_1.html"
COLUMN = "/zwgk/fdzdgknr/gzdt/"


def html(title: str, body: str) -> str:
    return f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"


def site_pages() -> dict[str, str]:
    sections = ("<ul><li><a href='/zwgk/zn/'>政府信息公开指南</a></li><li><a href='/zwgk/zd/'>政府信息公开制度</a></li>"
                "<li><a href='/zwgk/fdzdgknr/'>法定主动公开内容</a></li><li><a href='/zwgk/nb/'>政府信息公开年报</a></li></ul>")
    rows = "".join(f"<li><a href='{url}'>{title}</a><span>{day}</span></li>" for url, title, day in (
        (ARTICLE, "关于开展2026年冬季安全生产大检查的通知", "2026-11-20"),
        ("/zwgk/fdzdgknr/gzdt/t20261101_2.html", "青山县召开2026年第四季度经济运行分析会", "2026-11-01"),
        ("/zwgk/fdzdgknr/gzdt/t20261015_3.html", "青山县开展秋季森林防火专项检查工作", "2026-10-15")))
    article = ("<div class='article'><h1>关于开展2026年冬季安全生产大检查的通知</h1><p>发布日期：2026-11-20</p>"
               "<p>各乡镇人民政府、县直各单位：为切实做好冬季安全生产工作，现将有关事项通知如下。</p>"
               "<p><a href='/xwzx/files/jcfa.pdf'>附件：检查方案.pdf</a></p></div>")
    other = "<div class='article'><h1>{0}</h1><p>发布日期：{1}</p><p>正文内容，正文内容，正文内容。</p></div>"
    return {
        "/": html("青山县人民政府", "<div class='nav'><a href='/'>首页</a><a href='/zwgk/'>政务公开</a></div>"
                  "<div class='box'><h3>要闻动态</h3><ul><li><a href='" + ARTICLE + "'>"
                  "关于开展2026年冬季安全生产大检查的通知</a><span>11-20</span></li></ul></div>"),
        "/zwgk/": html("政府信息公开", sections),
        "/zwgk/zn/": html("政府信息公开指南", sections + "<div class='article'><p>指南正文。</p></div>"),
        "/zwgk/zd/": html("政府信息公开制度", sections + "<div class='article'><p>制度正文。</p></div>"),
        "/zwgk/nb/": html("政府信息公开年报", sections),
        "/zwgk/fdzdgknr/": html("法定主动公开内容", sections + f"<div class='left'><a href='{COLUMN}'>工作动态</a></div>"),
        COLUMN: html("工作动态", sections + f"<div class='left'><a href='{COLUMN}'>工作动态</a></div>"
                     f"<ul class='list'>{rows}</ul>"),
        ARTICLE: html("关于开展2026年冬季安全生产大检查的通知", article),
        "/zwgk/fdzdgknr/gzdt/t20261101_2.html": html("经济运行分析会", other.format("经济运行分析会", "2026-11-01")),
        "/zwgk/fdzdgknr/gzdt/t20261015_3.html": html("森林防火", other.format("森林防火", "2026-10-15")),
    }


# Which response comes late decides the path: the article still on its way when the list names it
# (processed once for both roles), or already done as a target (processed again from the stored body).
@pytest.mark.parametrize("slow", [ARTICLE, COLUMN], ids=["target_pending", "target_done"])
def test_a_target_that_a_list_yields_is_parsed_as_a_document_without_a_second_request(tmp_path, slow):
    with LoopbackSite(site_pages(), delays={slow: 1.5}) as site:
        result = run_xxgk_crawl(site.url("/"), tmp_path / "x.db", "--as-of", "2026-11-25", "--render", "never")
        assert result.code == 0, result.stderr
        assert site.requests("GET", ARTICLE) == 1
        assert site.requests("HEAD", "/xwzx/files/jcfa.pdf") + site.requests("GET", "/xwzx/files/jcfa.pdf") >= 1
    store = result.store()
    rows = list(store.pages(result.run_id, "url = ?", [site.url(ARTICLE)]))
    assert len(rows) == 1
    row = rows[0]
    assert row["role"] == "document"
    assert row["roles"] == ["document", "target"]
    assert row["column_url"] == site.url(COLUMN)
    assert row["title"] == "关于开展2026年冬季安全生产大检查的通知"
    sources = {link["source_url"] for link in store.links(result.run_id, "target_url = ?",
                                                          [site.url("/xwzx/files/jcfa.pdf")])}
    assert sources == {site.url(ARTICLE)}
    broken = [f for f in result.findings()["findings"] if f["check"] == "broken_link"]
    assert [f["target"] for f in broken] == [site.url("/xwzx/files/jcfa.pdf")]
    assert broken[0]["url"] == site.url(ARTICLE)


def test_a_column_that_a_list_links_first_as_a_document_stays_a_column(tmp_path):
    """工作动态's list names the 通知公告 column page among its documents before any menu names it as a
    column (the menu on 工作动态's second page does). The page is a document and a column: its own list is
    walked and dated, so the stale 通知公告 is reported. Before, the column link was dropped as already
    requested, and 通知公告 was never a column."""
    tzgg, gzdt = "/zwgk/fdzdgknr/tzgg/", "/zwgk/fdzdgknr/gzdt/"
    sections = ("<ul><li><a href='/zwgk/zn/'>政府信息公开指南</a></li><li><a href='/zwgk/zd/'>政府信息公开制度</a></li>"
                "<li><a href='/zwgk/fdzdgknr/'>法定主动公开内容</a></li><li><a href='/zwgk/nb/'>政府信息公开年报</a></li></ul>")

    def rows(items):
        return "<ul class='list'>" + "".join(f"<li><a href='{u}'>{t}</a><span>{d}</span></li>" for u, t, d in items) + "</ul>"

    def doc(title: str, day: str) -> str:
        return html(title, f"<div class='article'><h1>{title}</h1><p>发布日期：{day}</p><p>正文内容。</p></div>")

    pages = {
        "/": html("青山县人民政府", "<div class='nav'><a href='/zwgk/'>政务公开</a></div>"),
        "/zwgk/": html("政府信息公开", sections),
        "/zwgk/zn/": html("政府信息公开指南", sections), "/zwgk/zd/": html("政府信息公开制度", sections),
        "/zwgk/nb/": html("政府信息公开年报", sections),
        "/zwgk/fdzdgknr/": html("法定主动公开内容", sections + f"<div class='left'><a href='{gzdt}'>工作动态</a></div>"),
        gzdt: html("工作动态", sections + rows([
            ("/zwgk/fdzdgknr/gzdt/t20261120_1.html", "青山县召开2026年冬季安全生产工作部署会议", "2026-11-20"),
            (tzgg, "青山县人民政府关于调整通知公告栏目发布范围的说明", "2026-11-18"),
            ("/zwgk/fdzdgknr/gzdt/t20261101_3.html", "青山县开展秋冬季森林防火专项检查工作", "2026-11-01")])
            + f"<div class='pager'><a href='{gzdt}index_1.html'>下一页</a></div>"),
        gzdt + "index_1.html": html("工作动态", sections + f"<div class='left'><a href='{tzgg}'>通知公告</a></div>" + rows([
            ("/zwgk/fdzdgknr/gzdt/t20261015_4.html", "青山县召开第三季度经济运行分析会议", "2026-10-15")])),
        tzgg: html("通知公告", sections + rows([
            ("/zwgk/fdzdgknr/tzgg/t20250110_1.html", "关于2025年元旦假期值班安排的通知", "2025-01-10"),
            ("/zwgk/fdzdgknr/tzgg/t20241201_2.html", "关于开展2024年度统计执法检查的通知", "2024-12-01")])),
        "/zwgk/fdzdgknr/gzdt/t20261120_1.html": doc("安全生产工作部署会议", "2026-11-20"),
        "/zwgk/fdzdgknr/gzdt/t20261101_3.html": doc("森林防火专项检查", "2026-11-01"),
        "/zwgk/fdzdgknr/gzdt/t20261015_4.html": doc("经济运行分析会议", "2026-10-15"),
        "/zwgk/fdzdgknr/tzgg/t20250110_1.html": doc("元旦假期值班安排", "2025-01-10"),
        "/zwgk/fdzdgknr/tzgg/t20241201_2.html": doc("统计执法检查", "2024-12-01"),
    }
    with LoopbackSite(pages, delays={gzdt + "index_1.html": 1.5}) as site:
        result = run_xxgk_crawl(site.url("/"), tmp_path / "x.db", "--as-of", "2026-11-25", "--render", "never")
        assert result.code == 0, result.stderr
        assert site.requests("GET", tzgg) == 1
    store = result.store()
    stale = [f for f in result.findings()["findings"] if f["check"] == "stale_column"]
    assert [f["url"] for f in stale] == [site.url(tzgg)]
    column = next(c for c in store.columns(result.run_id) if c["url"] == site.url(tzgg))
    assert (column["kind"], column["item_count"], column["newest_date"]) == ("list", 2, "2025-01-10")
    row = next(store.pages(result.run_id, "url = ?", [site.url(tzgg)]))
    assert (row["role"], row["roles"]) == ("column", ["column", "document"])
