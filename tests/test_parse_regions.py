"""Link regions (crawler/parse/regions.py) on real pages and on the shapes templates use."""

from crawler.parse.page import parse_page
from crawler.parse.types import Region
from tests.test_parse_page import needs_realpages, realpage


def regions(url: str, html: str) -> dict[str, Region]:
    return {link.anchor: link.region for link in parse_page(url, html).links if link.anchor}


def regions_of(url: str, html: str, anchor: str) -> set[Region]:
    return {link.region for link in parse_page(url, html).links if link.anchor == anchor}


@needs_realpages
def test_realpage_9_main_navigation_header_and_footer_link_lists():
    page = parse_page("https://scjg.hubei.gov.cn/index.shtml", realpage("trs_scjg-hubei_homepage.html"))
    by_url = {(link.anchor, link.url): link.region for link in page.links}
    # the site's own platform entry is in its main navigation ...
    assert by_url[("政府信息公开", "https://scjg.hubei.gov.cn/zfxxgk/zcwj/gfwj/")] == Region.NAV
    # ... the other governments' sites are in the footer's link block, whatever their names
    assert by_url[("湖北省人民政府", "http://www.hubei.gov.cn")] == Region.LINK_LIST
    assert by_url[("十堰市市场监督管理局", "http://scjg.shiyan.gov.cn/")] == Region.LINK_LIST
    assert by_url[("网站声明", "http://scjg.hubei.gov.cn/wzsm/202302/t20230215_4547719.shtml")] == Region.FOOTER
    assert by_url[("湖北省市场监督管理局", "https://scjg.hubei.gov.cn/index.shtml")] == Region.HEADER
    # a link both in the navigation and in a box is the navigation's; the boxes themselves are content
    assert {r for (anchor, _), r in by_url.items() if anchor == "政府信息公开"} == {Region.NAV}
    assert by_url[("政府信息公开指南", "https://scjg.hubei.gov.cn/zfxxgk/zfxxgkzn/")] == Region.BODY


@needs_realpages
def test_realpage_22_and_24_ministry_lists_and_navigation():
    zj_url, zj = "https://fzggw.zj.gov.cn/art/2021/1/1/art_1_1.html", realpage("hanweb_fgw-zj_article_gne-saved.html")
    assert regions_of(zj_url, zj, "政务公开") == {Region.NAV}
    assert regions_of(zj_url, zj, "中国浙江") == {Region.LINK_LIST}
    assert regions_of(zj_url, zj, "网站地图") == {Region.FOOTER}
    nmg_url, nmg = "https://www.nmg.gov.cn/zwyw/a/t20220211_1.html", realpage("trs_nmg-gov_zwyw-article.html")
    assert regions_of(nmg_url, nmg, "政务公开") == {Region.NAV, Region.FOOTER}  # the footer links its own copy
    assert regions_of(nmg_url, nmg, "外交部") == {Region.LINK_LIST}


def test_html5_tags_and_class_names():
    html = """<html><body>
      <header><a href="/">青山县人民政府</a><nav><a href="/zwgk/">政府信息公开</a></nav></header>
      <div class="main"><div class="left-nav"><a href="/zwgk/tzgg/">通知公告</a></div>
        <div class="news-head"><a href="/xwzx/">新闻中心</a></div></div>
      <div class="bottom"><a href="/wzdt/">网站地图</a></div>
    </body></html>"""
    found = regions("http://www.qingshan.gov.cn/", html)
    assert found == {"青山县人民政府": Region.HEADER, "政府信息公开": Region.NAV, "通知公告": Region.SIDEBAR,
                     "新闻中心": Region.BODY, "网站地图": Region.FOOTER}


def test_a_block_headed_like_a_link_list_is_one_wherever_it_is():
    html = """<html><body><div class="wrap">
      <div class="box"><div class="title"><span>友情链接</span></div>
        <ul><li><a href="http://www.zj.gov.cn/zwgk/">浙江省政府信息公开</a></li></ul></div>
      <div class="box"><h3>政府网站</h3><a href="http://www.hz.gov.cn/">杭州市人民政府</a></div>
      <p>友情链接：<a href="http://www.gov.cn/">中国政府网</a></p>
      <div class="box"><h3>通知公告</h3><a href="/tzgg/1.html">关于某事的通知</a></div>
    </div></body></html>"""
    found = regions("http://www.qingshan.gov.cn/", html)
    assert found == {"浙江省政府信息公开": Region.LINK_LIST, "杭州市人民政府": Region.LINK_LIST,
                     "中国政府网": Region.LINK_LIST, "关于某事的通知": Region.BODY}


def test_a_footer_link_block_stays_a_link_list_and_a_nav_stays_nav():
    html = """<html><body>
      <div id="nav"><ul><li><a href="/zwgk/">政务公开</a><ul class="sub"><li><a href="/zwgk/zn/">公开指南</a></li>
      </ul></li></ul></div>
      <div class="footer"><div class="yqlj"><a href="http://www.zj.gov.cn/col/col1/">省政府信息公开</a></div>
      <span>主办：青山县人民政府</span></div>
    </body></html>"""
    found = regions("http://www.qingshan.gov.cn/", html)
    assert found == {"政务公开": Region.NAV, "公开指南": Region.NAV, "省政府信息公开": Region.LINK_LIST}
