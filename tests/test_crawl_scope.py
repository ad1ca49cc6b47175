"""Scope and site columns through the real `xxgk crawl`, on named hosts (issue 7 items 2 and 7).

青山县 (www.qingshan.gov.cn) keeps its platform on a host of its own (xxgk.qingshan.gov.cn), which its
main navigation names 政府信息公开. Its footer links the province's platform (www.zj.gov.cn), named
浙江省政府信息公开 and 市政府信息公开: another government's, only to be verified. Its homepage shows its
columns in boxes and in a tab group (heading + 更多 + dated articles). The three hosts are three loopback
addresses; the crawl and Chromium reach them by name through XXGK_HOST_MAP.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.conftest import CrawlResult, run_xxgk_crawl
from tests.named_sites import Redirect, Served, Site, serve

WWW, XXGK, ZJ = "www.qingshan.gov.cn", "xxgk.qingshan.gov.cn", "www.zj.gov.cn"
AS_OF = "2026-06-30"


def page(title: str, body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
            f"<body>{body}</body></html>")


def rows(items: list[tuple[str, str, str]]) -> str:
    return "".join(f'<li><a href="{url}">{title}</a><span>{day}</span></li>' for url, title, day in items)


def document(title: str, day: str, attachment: str) -> str:
    return page(title, f'<div class="content"><h1>{title}</h1><p>发布日期：{day}</p>'
                       f"<p>{title}。{'为切实做好相关工作，现将有关事项通知如下。' * 6}</p>"
                       f'<p><a href="{attachment}">附件：实施方案.pdf</a></p></div>')


def column(name: str, items: list[tuple[str, str, str]], nav: str = "") -> str:
    return page(name, f'<div class="left-nav">{nav}</div><div class="content"><h2>{name}</h2>'
                      f'<ul class="list">{rows(items)}</ul><div class="page">共1页</div></div>')


NEWS = [("/xwzx/ywdt/202605/t20260525_101.html", "县长主持召开常务会议研究部署防汛工作", "2026-05-25"),
        ("/xwzx/ywdt/202605/t20260520_102.html", "青山县召开安全生产工作会议", "2026-05-20")]
NOTICES = [("/tzgg/202606/t20260627_201.html", "关于做好夏季防汛工作的通知", "2026-06-27"),
           ("/tzgg/202605/t20260510_202.html", "关于调整办公时间的公告", "2026-05-10")]
TOWNS = [("/xzdt/202606/t20260625_301.html", "青山镇开展人居环境整治", "06-25"),
         ("/xzdt/202605/t20260515_302.html", "白石乡召开春季防火工作会议", "05-15")]

HOMEPAGE = page("青山县人民政府", f"""
<div class="header"><div class="logo"><a href="/">青山县人民政府</a></div>
  <div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xwzx/">新闻中心</a></li>
    <li><a href="{{{{{XXGK}}}}}/">政府信息公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div></div>
<div class="content">
  <div class="box"><div class="box-hd"><span>要闻动态</span><a class="more" href="/xwzx/ywdt/">更多&gt;&gt;</a></div>
    <ul>{rows(NEWS)}</ul></div>
  <div class="tabs"><ul class="tab-hd"><li class="on">通知公告</li><li>乡镇动态</li></ul>
    <div class="tab-bd">
      <div class="pane"><ul>{rows(NOTICES)}</ul><a class="more" href="/tzgg/">更多</a></div>
      <div class="pane" style="display:none"><ul>{rows(TOWNS)}</ul><a class="more" href="/xzdt/">更多</a></div>
    </div></div>
</div>
<div class="footer">
  <div class="yqlj"><span>友情链接：</span><a href="{{{{{ZJ}}}}}/zwgk/">浙江省政府信息公开</a>
    <a href="{{{{{ZJ}}}}}/">浙江省人民政府</a></div>
  <p><a href="{{{{{ZJ}}}}}/xxgk/">市政府信息公开</a> 主办：青山县人民政府办公室</p>
</div>""")


def qingshan_pages() -> dict[str, str]:
    pages = {
        "/": HOMEPAGE,
        "/xwzx/": page("新闻中心", '<div class="content"><a href="/xwzx/ywdt/">要闻动态</a></div>'),
        "/hdjl/": page("互动交流", '<div class="content"><p>互动交流</p></div>'),
        "/xwzx/ywdt/": column("要闻动态", [*NEWS, ("/xwzx/ywdt/202604/t20260401_100.html", "全县春耕生产有序推进",
                                                   "2026-04-01")]),
        "/tzgg/": column("通知公告", NOTICES),
        "/xzdt/": column("乡镇动态", [(url, title, f"2026-{day}") for url, title, day in TOWNS]),
        "/files/fangan.pdf": "%PDF-1.4 fixture",
    }
    for url, title, day in [*NEWS, *NOTICES, *TOWNS, ("/xwzx/ywdt/202604/t20260401_100.html", "全县春耕生产有序推进",
                                                    "2026-04-01")]:
        pages[url] = document(title, day if len(day) > 5 else f"2026-{day}", "/files/fangan.pdf")
    return pages


SECTIONS = ('<ul><li><a href="/zfxxgkzn/">政府信息公开指南</a></li><li><a href="/zfxxgkzd/">政府信息公开制度</a></li>'
            '<li><a href="/fdzdgknr/">法定主动公开内容</a></li><li><a href="/zfxxgknb/">政府信息公开年报</a></li></ul>')
# The platform's menu nests its columns under their section, one of them a Hanweb-style /col/ column
# outside the platform's directory.
LEFT_NAV = ('<ul><li><a href="/fdzdgknr/">法定主动公开内容</a><ul>'
            '<li><a href="/fdzdgknr/tzgg/">通知公告</a></li><li><a href="/fdzdgknr/rsxx/">人事信息</a></li>'
            '<li><a href="/fdzdgknr/zdxm/">重大项目</a></li><li><a href="/col/col9/index.html">规划计划</a></li>'
            '</ul></li></ul>')
PLANS = [("/art/2026/6/2/art_9_11.html", "青山县2026年国民经济和社会发展计划", "2026-06-02"),
         ("/art/2026/1/5/art_9_12.html", "青山县国土空间总体规划", "2026-01-05")]
PLATFORM_NOTICES = [("/fdzdgknr/tzgg/202606/t20260620_1.html", "青山县人民政府关于印发防汛预案的通知", "2026-06-20"),
                    ("/fdzdgknr/tzgg/202605/t20260505_6.html", "青山县人民政府关于开展消防检查的通知", "2026-05-05")]
PERSONNEL = [("/fdzdgknr/rsxx/202603/t20260301_2.html", "关于张三同志任职的通知", "2026-03-01"),
             ("/fdzdgknr/rsxx/202602/t20260210_7.html", "关于李四同志免职的通知", "2026-02-10")]
REPORTS = [("/zfxxgknb/202601/t20260120_5.html", "青山县人民政府2025年政府信息公开工作年度报告", "2026-01-20"),
           ("/zfxxgknb/202501/t20250118_8.html", "青山县人民政府2024年政府信息公开工作年度报告", "2025-01-18")]
PROJECTS_JS = """document.addEventListener('DOMContentLoaded', function () {
  document.getElementById('app').innerHTML = '<h2>重大项目</h2><ul class="list">' +
    '<li><a href="/fdzdgknr/zdxm/202605/t20260510_3.html">青山县城区供水改造项目批复</a><span>2026-05-10</span></li>' +
    '<li><a href="/fdzdgknr/zdxm/202604/t20260415_4.html">青山县农村公路提升工程批复</a><span>2026-04-15</span></li>' +
    '</ul>';
});"""


def platform_pages() -> dict[str, str]:
    pages = {
        "/": page("青山县政府信息公开", f'<div class="nav"><a href="{{{{{WWW}}}}}/">网站首页</a></div>'
                                     f'<div class="content">{SECTIONS}</div>'),
        "/zfxxgkzn/": page("政府信息公开指南", '<div class="content"><h1>青山县人民政府信息公开指南</h1>'
                                               + "<p>依申请公开的受理机构、办公地址、办公时间、联系电话。</p>" * 8 + "</div>"),
        "/zfxxgkzd/": page("政府信息公开制度", '<div class="content">' + "<p>政府信息公开工作制度。</p>" * 8 + "</div>"),
        "/fdzdgknr/": page("法定主动公开内容", f'<div class="left-nav">{LEFT_NAV}</div>'
                                               '<div class="content"><p>法定主动公开内容</p></div>'),
        "/fdzdgknr/tzgg/": column("通知公告", PLATFORM_NOTICES, LEFT_NAV),
        "/fdzdgknr/rsxx/": column("人事信息", PERSONNEL, LEFT_NAV),
        "/fdzdgknr/zdxm/": page("重大项目", '<div id="app"></div>', '<script src="/fdzdgknr/zdxm/list.js"></script>'),
        "/fdzdgknr/zdxm/list.js": PROJECTS_JS,
        "/col/col9/index.html": column("规划计划", PLANS, LEFT_NAV),
        "/zfxxgknb/": column("政府信息公开年报", REPORTS),
        "/files/fangan.pdf": "%PDF-1.4 fixture",
    }
    for url, title, day in [*PLATFORM_NOTICES, *PERSONNEL, *PLANS, ("/fdzdgknr/zdxm/202605/t20260510_3.html",
                                                            "青山县城区供水改造项目批复", "2026-05-10"),
                            ("/fdzdgknr/zdxm/202604/t20260415_4.html", "青山县农村公路提升工程批复", "2026-04-15"),
                            *REPORTS]:
        pages[url] = document(title, day, "/files/fangan.pdf")
    return pages


def province_pages() -> dict[str, str]:
    """The province's own platform: everything a leak would crawl."""
    sections = SECTIONS.replace('href="/', 'href="/zwgk/')
    return {
        "/": page("浙江省人民政府", '<div class="nav"><a href="/zwgk/">政府信息公开</a></div>'),
        "/zwgk/": page("浙江省政府信息公开", f'<div class="content">{sections}</div>'),
        "/xxgk/": page("杭州市政府信息公开", f'<div class="content">{sections}</div>'),
        "/zwgk/fdzdgknr/": page("法定主动公开内容", '<div class="left-nav"><a href="/zwgk/fdzdgknr/tzgg/">通知公告</a></div>'),
        "/zwgk/fdzdgknr/tzgg/": column("通知公告", [("/zwgk/fdzdgknr/tzgg/202001/t20200101_1.html", "省政府通知",
                                                    "2020-01-01")]),
    }


@pytest.fixture(scope="module")
def sites() -> Iterator[Served]:
    with serve(Site(WWW, "127.0.0.2", qingshan_pages()), Site(XXGK, "127.0.0.3", platform_pages()),
               Site(ZJ, "127.0.0.4", province_pages())) as served:
        yield served


@pytest.fixture(scope="module")
def crawl(sites: Served, tmp_path_factory) -> CrawlResult:
    """One crawl of www.qingshan.gov.cn with a browser when there is one (rendering reaches named hosts)."""
    db = tmp_path_factory.mktemp("scope") / "scope.db"
    result = run_xxgk_crawl(sites.url(WWW), db, "--as-of", AS_OF, *sites.host_map_setting())
    assert result.code == 0, result.stderr
    return result


def query(result: CrawlResult, sql: str, *args) -> list[sqlite3.Row]:
    con = sqlite3.connect(result.db)
    con.row_factory = sqlite3.Row
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


def test_a_platform_named_in_the_footer_is_another_governments_and_only_verified(crawl, sites):
    pages = query(crawl, "select url, role, kind from pages where run_id = ?", crawl.run_id)
    province = [(urlsplit(p["url"]).path, p["role"]) for p in pages if host_of(p["url"]) == ZJ]
    assert sorted(province) == [("/", "target"), ("/xxgk/", "target"), ("/zwgk/", "target")]
    asked = [path for path in sites.requests.get(ZJ, []) if path != "/robots.txt"]
    assert set(asked) <= {"/", "/xxgk/", "/zwgk/"}  # its sections and columns were never requested
    columns = query(crawl, "select url from columns where run_id = ?", crawl.run_id)
    assert not [c["url"] for c in columns if host_of(c["url"]) == ZJ]
    links = query(crawl, "select target_url, kind, internal from links where run_id = ?", crawl.run_id)
    assert {(t["kind"], t["internal"]) for t in links if host_of(t["target_url"]) == ZJ} == {("external", 0)}


def test_a_platform_host_the_main_navigation_names_is_crawled_in_depth(crawl, sites):
    pages = query(crawl, "select url, role, status from pages where run_id = ?", crawl.run_id)
    platform = {urlsplit(p["url"]).path: p["role"] for p in pages if host_of(p["url"]) == XXGK}
    assert "landing" in platform["/"]
    for section in ("/zfxxgkzn/", "/zfxxgkzd/", "/fdzdgknr/", "/zfxxgknb/"):
        assert "column" in platform[section]
    assert "document" in platform["/fdzdgknr/tzgg/202606/t20260620_1.html"]
    assert "document" in platform["/zfxxgknb/202601/t20260120_5.html"]
    columns = {urlsplit(c["url"]).path: c for c in query(
        crawl, "select * from columns where run_id = ?", crawl.run_id) if host_of(c["url"]) == XXGK}
    assert {c["section"] for c in columns.values()} == {"guide", "rules", "statutory", "annual_report"}
    assert columns["/fdzdgknr/tzgg/"]["newest_date"] == "2026-06-20"
    assert columns["/fdzdgknr/rsxx/"]["in_platform"] == 1
    run = query(crawl, "select status from runs where id = ?", crawl.run_id)[0]
    assert run["status"] == "complete"


def test_rendering_and_screenshots_reach_named_hosts(crawl):
    from crawler.render import browser_executable

    if not browser_executable():
        pytest.skip("no Chromium on this machine")
    projects = query(crawl, "select * from columns where run_id = ? and url like ?", crawl.run_id,
                     f"%{XXGK}%/fdzdgknr/zdxm/")
    assert projects and projects[0]["item_count"] == 2 and projects[0]["newest_date"] == "2026-05-10"
    rendered = query(crawl, "select url from pages where run_id = ? and rendered = 1 and status = 200", crawl.run_id)
    assert any(r["url"].endswith("/fdzdgknr/zdxm/") for r in rendered)
    shots = query(crawl, "select url from screenshots where run_id = ?", crawl.run_id)
    assert {host_of(s["url"]) for s in shots} >= {XXGK}


def test_homepage_boxes_and_tabs_are_columns_dated_from_their_lists(crawl):
    columns = {(host_of(c["url"]), urlsplit(c["url"]).path): c for c in query(
        crawl, "select * from columns where run_id = ?", crawl.run_id)}
    news = columns[(WWW, "/xwzx/ywdt/")]
    # one column: the box's 更多 page, named by the box, dated from the list the 更多 page shows
    assert (news["name"], news["item_count"], news["newest_date"]) == ("要闻动态", 3, "2026-05-25")
    assert columns[(WWW, "/tzgg/")]["name"] == "通知公告"
    assert columns[(WWW, "/xzdt/")]["newest_date"] == "2026-06-25"
    assert not [c for c in columns.values() if c["name"] in ("更多", "更多>>")]
    stale = [f for f in crawl.findings()["findings"] if f["check"] == "stale_column"]
    assert [f["column"] for f in stale if host_of(f["url"]) == WWW] == ["要闻动态"]


def test_a_boxs_newest_articles_are_crawled_as_documents_of_its_column(crawl, sites):
    newest = sites.url(WWW, NEWS[0][0])
    found = query(crawl, "select role, column_url, pub_date from pages where run_id = ? and url = ?",
                  crawl.run_id, newest)
    assert found and "document" in found[0]["role"]
    assert found[0]["column_url"] == sites.url(WWW, "/xwzx/ywdt/")
    assert found[0]["pub_date"] == "2026-05-25"
    attachments = query(crawl, "select target_url from links where run_id = ? and source_url = ?",
                        crawl.run_id, newest)
    assert sites.url(WWW, "/files/fangan.pdf") in {a["target_url"] for a in attachments}


# 平山县 moved: its old name redirects to its new one, whose 政务公开 entry redirects to the platform's host.
OLD, NEW, ZWGK = "www.pingshan.gov.cn", "www.ps.gov.cn", "zwgk.ps.gov.cn"


def moved_sites() -> tuple[Site, Site, Site]:
    notices = [("/tzgg/202606/t20260610_1.html", "关于开展城乡环境整治的通知", "2026-06-10"),
               ("/tzgg/202605/t20260512_2.html", "关于调整公交线路的公告", "2026-05-12")]
    new = {"/": page("平山县人民政府", '<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a>'
                                      '<a href="/tzgg/">通知公告</a></div><div class="content"><p>平山县</p></div>'),
           "/zwgk/": Redirect(f"{{{{{ZWGK}}}}}/"),
           "/tzgg/": column("通知公告", notices)}
    for url, title, day in notices:
        new[url] = document(title, day, "/files/fangan.pdf")
    platform = {"/": page("平山县政务公开", f'<div class="content">{SECTIONS}</div>'),
                "/fdzdgknr/": column("法定主动公开内容", PLATFORM_NOTICES),
                "/zfxxgknb/": column("政府信息公开年报", REPORTS)}
    return (Site(OLD, "127.0.0.5", {"/": Redirect(f"{{{{{NEW}}}}}/", 301)}), Site(NEW, "127.0.0.6", new),
            Site(ZWGK, "127.0.0.7", platform))


def test_a_site_that_moved_and_a_platform_entry_that_redirects_keep_their_hosts(tmp_path):
    with serve(*moved_sites()) as served:
        result = run_xxgk_crawl(served.url(OLD), tmp_path / "moved.db", "--as-of", AS_OF, "--render", "never",
                                *served.host_map_setting())
    assert result.code == 0, result.stderr
    columns = {(host_of(c["url"]), urlsplit(c["url"]).path): c for c in query(
        result, "select * from columns where run_id = ?", result.run_id)}
    assert columns[(NEW, "/tzgg/")]["newest_date"] == "2026-06-10"  # the moved homepage's navigation
    assert columns[(ZWGK, "/fdzdgknr/")]["section"] == "statutory"  # the platform behind the redirect
    assert columns[(ZWGK, "/zfxxgknb/")]["item_count"] == 2


def test_a_column_the_platforms_menu_nests_is_the_platforms_wherever_its_url_lives(crawl, sites):
    columns = {urlsplit(c["url"]).path: c for c in query(
        crawl, "select * from columns where run_id = ?", crawl.run_id) if host_of(c["url"]) == XXGK}
    plans = columns["/col/col9/index.html"]
    assert (plans["section"], plans["in_platform"], plans["item_count"]) == ("statutory", 1, 2)
    assert plans["path"] == "法定主动公开内容 > 规划计划"
    found = query(crawl, "select role from pages where run_id = ? and url = ?", crawl.run_id,
                  sites.url(XXGK, PLANS[1][0]))
    assert found and "document" in found[0]["role"]
