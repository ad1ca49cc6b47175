"""Column boxes (crawler/parse/boxes.py): homepage and landing boxes, tab groups, on real pages first."""

from datetime import date

from crawler.parse.page import parse_page
from tests.test_parse_page import needs_realpages, realpage


def boxes(url: str, html: str) -> dict[str, tuple[str, int, date | None]]:
    """name → (column URL, items, newest date)."""
    found = {}
    for box in parse_page(url, html, boxes=True).boxes:
        dates = [item.date for item in box.items if item.date]
        found[box.name] = (box.url, len(box.items), max(dates) if dates else None)
    return found


@needs_realpages
def test_realpage_9_homepage_tab_groups_and_boxes():
    found = boxes("https://scjg.hubei.gov.cn/index.shtml", realpage("trs_scjg-hubei_homepage.html"))
    site = "https://scjg.hubei.gov.cn"
    assert found == {
        # a row of four tabs over four lists, three of them filled by a script: only the fourth is read
        "总局要闻": (f"{site}/bmdt/zjyw/", 6, date(2023, 7, 21)),
        # a row of four tabs over four lists in one pane: the i-th list is the i-th tab's
        "省局动态": (f"{site}/bmdt/dtyw/", 6, date(2023, 7, 26)),
        "行业直通": (f"{site}/bmdt/hylm/", 6, date(2023, 7, 28)),
        "通知公告": (f"{site}/zfxxgk/zcwj/qtwj/", 6, date(2023, 7, 25)),
        "招考录用": (f"{site}/zfxxgk/fdzdgknr/zkly/index.shtml", 6, date(2023, 6, 30)),
        # a heading with two links over one list: the first names it
        "政策文件": (f"{site}/zfxxgk/zcwj/gfwj/", 4, date(2023, 7, 31)),
        "政策解读": (f"{site}/zfxxgk/zcwj/zcjd_1/", 4, date(2023, 6, 16)),
        # the heading inside the list, as its first child
        "抽检公告": (f"{site}/bmdt/jggz/cjgg/", 6, date(2023, 7, 31)),
        "广告审查": (f"{site}/bmdt/jggz/ggsc/", 6, date(2023, 7, 11)),
    }
    # 来信公示 lists no dates (a menu-like box), 访谈预告 has no heading: neither is a column box


@needs_realpages
def test_realpage_2_landing_box_with_more_and_tabs_with_a_shared_more():
    found = boxes("http://hdzfxxgk.hd.gov.cn/", realpage("trs_hdzfxxgk-handan_xxgk-landing_browser-saved_jspwrapped.html"))
    site = "http://hdzfxxgk.hd.gov.cn"
    assert found["近期信息公开"][:1] == (f"{site}/zfwj/jinqixxgk/",)
    assert found["市政府文件"] == (f"{site}/zfwj/szfwj/", 12, date(2020, 7, 29))
    assert found["市政府令"] == (f"{site}/zfwj/szfl/", 12, date(2020, 1, 23))
    assert set(found) == {"近期信息公开", "市政府文件", "市政府办公室文件", "市政府令", "修订废止"}


def test_a_box_whose_heading_is_text_names_its_more_page():
    html = """<html><body><div class="index-main">
      <div class="box"><div class="box-hd"><span class="name">通知公告</span><a class="more" href="/tzgg/">更多>></a></div>
        <ul><li><a href="/tzgg/202406/t20240601_1.html">关于开展安全生产检查的通知</a><span>2024-06-01</span></li>
            <li><a href="/tzgg/202405/t20240520_2.html">关于调整办公时间的公告</a><span>2024-05-20</span></li></ul></div>
      <div class="box"><h3>乡镇动态</h3>
        <ul><li><a href="/xzdt/202406/t20240603_3.html">青山镇召开防汛工作会议</a><span>[06-03]</span></li></ul>
        <div class="more"><a href="/xzdt/index.html"><img src="/images/more.png"></a></div></div>
      <div class="box"><h3>快速导航</h3><ul><li><a href="/bszn/">办事指南</a></li><li><a href="/zcfg/">政策法规</a></li></ul></div>
    </div></body></html>"""
    found = boxes("http://www.qingshan.gov.cn/", html)
    # 乡镇动态 shows its date without the year: a dated box whose item's date its document will tell
    assert found == {"通知公告": ("http://www.qingshan.gov.cn/tzgg/", 2, date(2024, 6, 1)),
                     "乡镇动态": ("http://www.qingshan.gov.cn/xzdt/index.html", 1, None)}
    # 快速导航 lists no dates: a menu


def test_tabs_that_are_labels_each_with_a_pane_and_its_own_more():
    html = """<html><body><div class="tabs">
      <ul class="tab-hd"><li class="on">要闻动态</li><li>政策文件</li><li>人事信息</li></ul>
      <div class="tab-bd">
        <div class="pane"><ul><li><a href="/ywdt/a1.html">县长调研农业生产</a><em>2024-06-02</em></li></ul>
          <a class="more" href="/ywdt/">更多</a></div>
        <div class="pane" style="display:none"><ul><li><a href="/zcwj/a2.html">县政府关于印发方案的通知</a><em>2024-01-05</em></li></ul>
          <a class="more" href="/zcwj/">更多</a></div>
        <div class="pane" style="display:none"><ul><li><a href="/rsxx/a3.html">关于张三同志任职的通知</a><em>2023-03-01</em></li></ul>
          <a class="more" href="/rsxx/">更多</a></div>
      </div></div></body></html>"""
    found = boxes("http://www.qingshan.gov.cn/", html)
    assert found == {"要闻动态": ("http://www.qingshan.gov.cn/ywdt/", 1, date(2024, 6, 2)),
                     "政策文件": ("http://www.qingshan.gov.cn/zcwj/", 1, date(2024, 1, 5)),
                     "人事信息": ("http://www.qingshan.gov.cn/rsxx/", 1, date(2023, 3, 1))}


def test_tabs_over_fewer_lists_give_no_guessed_column():
    html = """<html><body><div class="tabs">
      <div class="tab-hd"><a href="/ywdt/">要闻动态</a><a href="/tzgg/">通知公告</a><a href="/zcwj/">政策文件</a></div>
      <div class="tab-bd"><ul><li><a href="/x/a1.html">某某新闻标题一则</a><span>2024-06-02</span></li></ul>
        <ul><li><a href="/x/a2.html">某某新闻标题两则</a><span>2024-06-01</span></li></ul></div>
    </div></body></html>"""
    assert boxes("http://www.qingshan.gov.cn/", html) == {}


def test_boxes_are_only_parsed_when_asked_for():
    html = """<html><body><div><h3><a href="/tzgg/">通知公告</a></h3>
      <ul><li><a href="/tzgg/a1.html">关于调整办公时间的公告</a><span>2024-05-20</span></li></ul></div></body></html>"""
    assert parse_page("http://www.qingshan.gov.cn/", html).boxes == []
    assert [b.name for b in parse_page("http://www.qingshan.gov.cn/", html, boxes=True).boxes] == ["通知公告"]


@needs_realpages
def test_realpage_3_a_column_pages_breadcrumb_heading_names_the_column_not_home():
    url = "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/"
    found = boxes(url, realpage("trs_hdzfxxgk-handan_bmxxgk-list_browser-saved_jspwrapped.html"))
    assert found == {"近期信息公开": (url, 1, date(2020, 8, 5))}  # the page's own list: the crawl skips it
