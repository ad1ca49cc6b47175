"""List adapters on real list pages and data responses (crawler/parse/lists/).

Counts, titles and dates below were read from the files themselves (realpages #3, #5, #8, #10, #18 and
the Pingtan replay); Hanweb's `<datastore>` column page has no public real copy, so it is synthetic.
"""

import json
import os
from datetime import date
from pathlib import Path

import pytest
from parsel import Selector

from crawler.parse.lists import extract_list
from crawler.parse.lists.trs import find_pager
from crawler.parse.page import parse_html

SHARED = Path(os.environ.get("XXGK_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
REALPAGES = SHARED / "realpages"
PINGTAN = SHARED / "replay" / "pingtan"
needs_realpages = pytest.mark.skipif(not REALPAGES.is_dir(),
                                     reason=f"shared realpages not found at {REALPAGES} (set XXGK_SHARED)")
needs_replay = pytest.mark.skipif(not PINGTAN.is_dir(), reason=f"Pingtan replay not found at {PINGTAN}")


def listing(url: str, text: str):
    return extract_list(url, text, Selector(root=parse_html(text)))


def realpage(name: str) -> str:
    return (REALPAGES / name).read_text(encoding="utf-8")


# -- TRS ------------------------------------------------------------------------------------------

@needs_realpages
def test_realpage_3_handan_table_list_with_count_page():
    url = "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/"
    result = listing(url, realpage("trs_hdzfxxgk-handan_bmxxgk-list_browser-saved_jspwrapped.html"))
    assert result.scheme == "trs"
    assert result.total_pages == 56
    assert result.total_records == 6348  # var countnum
    assert [i.title for i in result.items] == ["邯郸市教育局关于印发《邯郸市学校安全工作目标管理考核办法》的通知"]
    assert result.items[0].date == date(2020, 8, 5)
    assert result.items[0].url == "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200805_1353179.html"
    urls = [p.url for p in result.more_pages]
    assert len(urls) == 55
    assert urls[0] == url + "index_1.html" and urls[-1] == url + "index_55.html"
    assert all(p.method == "GET" for p in result.more_pages)


@needs_realpages
def test_realpage_10_gansu_six_argument_pager_and_rows_in_a_comment():
    url = "https://jyt.gansu.gov.cn/jyt/c110634/zwgklist.shtml"
    result = listing(url, realpage("trs_jyt-gansu_wjtz-list_rs-protected.html"))
    assert result.scheme == "trs"
    assert (result.total_pages, result.total_records) == (10, 200)
    # 20 rows, each with a <b>date</b> (the 21st date on the page is the 页面生成时间 meta).
    assert len(result.items) == 20
    assert all(i.date for i in result.items)
    first, last = result.items[0], result.items[-1]
    assert first.title == "关于开展2024年全域全员全过程使用智慧教育平台专项研究课题结项工作的通知"
    assert first.date == date(2025, 11, 17)
    assert first.url == "https://jyt.gansu.gov.cn/jyt/c110634/202511/174240943.shtml"
    assert last.title == "关于做好甘肃省第十八届哲学社会科学优秀成果奖申报有关工作的通知"
    assert last.date == date(2025, 6, 9)
    # Titles that contain years ("2025-2026学年") keep the row's own date.
    silver = next(i for i in result.items if "银龄讲学计划" in i.title)
    assert silver.date == date(2025, 11, 5)
    urls = [p.url for p in result.more_pages]
    assert urls == [f"https://jyt.gansu.gov.cn/jyt/c110634/zwgklist_{n}.shtml" for n in range(2, 11)]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ('createPageHTML(120, 0, "index", "html");', (120, 0, "index", "html", None)),
        ("createPageHTML('page_div',10, 1,'zwgklist','shtml',200);", (10, 0, "zwgklist", "shtml", 200)),
        ('createPageHTML(89, 1,"index", "shtml", "black2",621);', (89, 1, "index", "shtml", 621)),
        ("var countPage = 12//共多少页\nvar currentPage = 0;", (12, 0, "index", "html", None)),
        ('var countPage = 7;\ncreatePageHTML(countPage, 0, "index", "shtml");', (7, 0, "index", "shtml", None)),
    ],
)
def test_trs_pager_forms(script, expected):
    pager = find_pager(f"<script>{script}</script>", "http://www.example.gov.cn/zwgk/tzgg/")
    assert (pager.count, pager.current, pager.prefix, pager.ext, pager.total_records) == expected


def test_trs_page_names_zero_and_one_based():
    zero = find_pager('<script>createPageHTML(3, 0, "index", "html");</script>', "http://x.gov.cn/a/")
    one = find_pager("<script>createPageHTML('page_div',3, 1,'list','shtml',45);</script>", "http://x.gov.cn/a/")
    assert [zero.page_name(k) for k in range(3)] == ["index.html", "index_1.html", "index_2.html"]
    assert [one.page_name(k) for k in range(3)] == ["list.shtml", "list_2.shtml", "list_3.shtml"]


@needs_realpages
def test_realpage_21_detail_page_pager_is_not_a_list():
    # createPageHTML(1,0,"t20190918_693227","shtml") pages a multi-page article.
    text = realpage("trs_shanxi-gov_article_gne-saved.html")
    assert find_pager(text, "http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227.shtml") is None
    assert listing("http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227.shtml", text) is None


def test_trs_list_on_a_later_page_points_back_to_the_first():
    html = ('<ul><li><a href="./202401/t20240105_2.html">关于开展某项检查工作的通知文件</a><span>2024-01-05</span></li>'
            '<li><a href="./202401/t20240104_1.html">关于做好某项统计工作的通知文件</a><span>2024-01-04</span></li></ul>'
            '<script>createPageHTML(3, 2, "index", "shtml");</script>')
    result = listing("http://www.example.gov.cn/zwgk/tzgg/index_2.shtml", html)
    assert [p.url for p in result.more_pages] == ["http://www.example.gov.cn/zwgk/tzgg/index.shtml",
                                                  "http://www.example.gov.cn/zwgk/tzgg/index_1.shtml"]


# -- TRS JSON feed ------------------------------------------------------------------------------------

@needs_realpages
def test_realpage_8_trs_json_feed():
    url = "http://scjg.hubei.gov.cn/zfxxgk/zcwj/qtwj/zcwj.json"
    result = listing(url, realpage("trs_scjg-hubei_zfxxgk-zcwj_list-data_zcwj.json"))
    assert result.scheme == "trs_json"
    assert len(result.items) == 429 and result.total_records == 429
    first, last = result.items[0], result.items[-1]
    assert first.title == "湖北省市场监督管理局办公室转发市场监管总局办公厅关于开展全国质量认证系列宣传体验周活动的通知"
    assert first.url == "http://scjg.hubei.gov.cn/zfxxgk/zcwj/qtwj/202309/t20230908_4831876.shtml"
    assert (first.date, first.date_source) == (date(2023, 9, 8), "json")
    assert last.date == date(2018, 10, 22)


def test_trs_json_tolerates_trailing_commas():
    text = '{"data":[{"URL":"./202401/t20240101_1.shtml","FILENAME":"某通知","PUBDATE":"2024-01-01 10:00:00"},]}'
    result = listing("http://www.example.gov.cn/zcwj/zcwj.json", text)
    assert result.items[0].url == "http://www.example.gov.cn/zcwj/202401/t20240101_1.shtml"


# -- Fujian 政务云 --------------------------------------------------------------------------------------

PINGTAN_NB = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"


@needs_realpages
def test_realpage_5_pingtan_static_rows_and_search_api_pages():
    result = listing(PINGTAN_NB, realpage("trs-fjzwy_pingtan_zfxxgknb-column-list_readfile.html"))
    assert result.scheme == "fjdz"
    assert len(result.items) == 10
    assert result.items[0].title == "平潭综合实验区2025年度政府信息公开工作年度报告"
    assert result.items[0].date == date(2026, 3, 10)
    assert result.items[0].url == PINGTAN_NB + "202603/t20260313_105587.htm"
    assert result.items[-1].title == "平潭综合实验区2016年度政府信息公开工作年度报告"
    assert result.items[-1].date == date(2017, 1, 18)
    assert (result.total_records, result.total_pages) == (20, 2)
    [more] = result.more_pages
    assert (more.url, more.method) == ("https://www.pingtan.gov.cn/fjdzapp/search", "POST")
    assert more.formdata == {"channelid": "200210", "classsql": "chnlid=1813",
                             "sortfield": "-docorderpri,-docreltime", "page": "2", "prepage": "10"}


def replay_search_answer(chnlid: str, page: int, prepage: int, origin: str = "https://www.pingtan.gov.cn") -> str:
    """The JSON the replay's /fjdzapp/search gives for this form (same slice and shape as serve.py)."""
    records = json.loads((PINGTAN / "api_records.json").read_text(encoding="utf-8"))["channels"][chnlid]["records"]
    rows = records[(page - 1) * prepage: page * prepage]
    return json.dumps({"data": rows, "page": page, "prepage": prepage, "total": len(records),
                       "count": len(records), "pageCount": -(-len(records) // prepage)}, ensure_ascii=False)


@needs_replay
def test_pingtan_static_rows_plus_api_pages_cover_the_whole_column():
    page = (PINGTAN / "site/zwgk/zfxxgk/zfxxgknb/index.htm").read_text(encoding="utf-8")
    first = listing(PINGTAN_NB, page)
    urls = {i.url for i in first.items}
    for more in first.more_pages:
        form = more.formdata
        answer = replay_search_answer(form["classsql"].split("=")[1], int(form["page"]), int(form["prepage"]))
        data = listing(more.url, answer)
        assert data.scheme == "fjdz" and data.total_records == 20
        assert all(i.date_source == "json" for i in data.items)
        urls |= {i.url for i in data.items}
    records = json.loads((PINGTAN / "api_records.json").read_text(encoding="utf-8"))["channels"]["1813"]["records"]
    assert urls == {r["chnldocurl"] for r in records}
    assert len(urls) == 20


@needs_replay
def test_pingtan_rsrm_many_static_blocks_and_prepage_from_page_config():
    url = "https://www.pingtan.gov.cn/zwgk/zfxxgk/fdzdgknr/zkly/rsrm/"
    result = listing(url, (PINGTAN / "site/zwgk/zfxxgk/fdzdgknr/zkly/rsrm/index.htm").read_text(encoding="utf-8"))
    assert len(result.items) == 75  # maxStaticIndex 5 × prepage 15
    assert (result.total_records, result.total_pages) == (127, 9)
    assert [m.formdata["page"] for m in result.more_pages] == ["6", "7", "8", "9"]
    assert {m.formdata["classsql"] for m in result.more_pages} == {"chnlid=653"}
    assert result.more_pages[0].formdata["prepage"] == "15"


@needs_replay
def test_pingtan_document_page_is_not_a_list():
    url = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202603/t20260313_105587.htm"
    text = (PINGTAN / "site/zwgk/zfxxgk/zfxxgknb/202603/t20260313_105587.htm").read_text(encoding="utf-8")
    assert listing(url, text) is None


def test_fjdz_empty_search_answer_is_an_empty_list():
    result = listing("https://www.pingtan.gov.cn/fjdzapp/search", '{"data": [], "total": 0}')
    assert result.scheme == "fjdz" and result.items == []


# -- jpaas ------------------------------------------------------------------------------------------

@needs_realpages
def test_realpage_18_jpaas_inline_article_list():
    url = "https://sthjt.jiangxi.gov.cn/jxssthjt/col/col42150/index.html"
    result = listing(url, realpage("hanweb-jpaas_sthjt-jiangxi_col42150-list.html"))
    assert result.scheme == "jpaas"
    assert len(result.items) == 50
    first = result.items[0]
    assert first.title == "《江西省生态环境分类执法监管办法》政策解读"
    assert first.url == "https://sthjt.jiangxi.gov.cn/jxssthjt/col/col42150/content/content_1951206363677671424.html"
    assert (first.date, first.date_source) == (date(2025, 7, 29), "json")
    assert result.items[-1].date == date(2022, 12, 16)
    assert (result.total_records, result.total_pages) == (444, 30)  # articleCount 444, perPage 15
    urls = [p.url for p in result.more_pages]
    assert urls[0] == url + "?uid=380055&pageNum=2" and urls[-1] == url + "?uid=380055&pageNum=30"
    assert len(urls) == 29


def test_jpaas_without_inline_data_needs_rendering():
    text = ('<script id="div1" type="text/x-handlebars-template"><ul>{{#each data}}</ul></script>'
            "<script>loadPageData({current:1, unitid:'1'}, '1');</script>")
    result = listing("https://x.gov.cn/site/col/col1/index.html", text)
    assert result.scheme == "jpaas" and result.needs_render and not result.items


# -- Hanweb classic ---------------------------------------------------------------------------------

HANWEB_COLUMN = """<html><head><meta name='Generator' content='大汉版通'></head><body>
<div id="212860"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=1&path=/&columnid=33718&unitid=212860&webname=江苏省人民政府&permissiontype=0"></a>]]></nextgroup>
<recordset>
<record><![CDATA[<li><a href='/art/2026/9/11/art_33718_11828204.html' title='关于做好秋季安全生产工作的通知'>关于做好秋季安全生产工作的通知</a><span>2026-09-11</span></li>]]></record>
<record><![CDATA[<li><a href='/art/2026/9/10/art_33718_11828100.html' title='关于印发某某实施方案的通知'>关于印发某某实施方案的通知</a><span>2026-09-10</span></li>]]></record>
<record><![CDATA[<li><a href='/art/2026/9/9/art_33718_11828000.html'>无日期的一条信息公开文件标题</a></li>]]></record>
</recordset></datastore></script></div>
<script>$('#212860').jpage({dataStore: dataStore, totalRecord:8, perPage:1, proxyUrl:'/module/web/jpage/dataproxy.jsp'});
var param_212860 = {col:1,webid:1,path:'/',columnid:33718,sourceContentType:1,unitid:'212860',webname:'江苏省人民政府',permissiontype:0};
</script></body></html>"""


def test_hanweb_datastore_column_page():
    url = "http://www.jiangsu.gov.cn/col/col33718/index.html"
    result = listing(url, HANWEB_COLUMN)
    assert result.scheme == "hanweb_datastore"
    assert [i.title for i in result.items] == ["关于做好秋季安全生产工作的通知", "关于印发某某实施方案的通知",
                                               "无日期的一条信息公开文件标题"]
    assert result.items[0].url == "http://www.jiangsu.gov.cn/art/2026/9/11/art_33718_11828204.html"
    assert [i.date for i in result.items] == [date(2026, 9, 11), date(2026, 9, 10), None]
    assert result.total_records == 8
    assert [p.url for p in result.more_pages] == [
        "http://www.jiangsu.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=4&endrecord=6&perpage=1",
        "http://www.jiangsu.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=7&endrecord=8&perpage=1",
    ]
    form = result.more_pages[0].formdata
    assert result.more_pages[0].method == "POST"
    assert {k: form[k] for k in ("col", "appid", "webid", "path", "columnid", "sourceContentType", "unitid",
                                 "webname", "permissiontype")} == {
        "col": "1", "appid": "1", "webid": "1", "path": "/", "columnid": "33718", "sourceContentType": "1",
        "unitid": "212860", "webname": "江苏省人民政府", "permissiontype": "0"}


def test_hanweb_dataproxy_xml_response():
    xml = ("<?xml version='1.0' encoding='UTF-8'?><datastore><totalrecord>1928</totalrecord><totalpage>97</totalpage>"
           "<recordset><record><![CDATA[<li><a href='/art/2025/1/2/art_1_2.html' title='某文件'>某文件</a>"
           "<span>2025-01-02</span></li>]]></record></recordset></datastore>")
    result = listing("http://www.jiangsu.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=4&endrecord=6", xml)
    assert result.scheme == "hanweb_dataproxy"
    assert (result.total_records, result.total_pages) == (1928, 97)
    assert result.items[0].url == "http://www.jiangsu.gov.cn/art/2025/1/2/art_1_2.html"
    assert result.items[0].date == date(2025, 1, 2)


# -- generic HTML --------------------------------------------------------------------------------------

GENERIC = """<html><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>
<div class="list"><ul>
<li><a href="./202407/t20240701_101.html" title="关于印发某某市政务公开工作要点的通知">关于印发某某市政务公开工作要点的通…</a><span>[2024-07-01]</span></li>
<li><a href="./202406/t20240620_100.html">某某市人民政府关于调整部分行政事项的决定</a><span>[2024-06-20]</span></li>
<li><a href="./202406/t20240601_99.html">某某市2023年政府信息公开工作年度报告</a></li>
<li><a href="./202405/t20240510_98.html">关于开展安全生产大检查的通知</a><span>[2024-05-10]</span></li>
</ul></div>
<div class="pages"><a href="index.html">首页</a><a href="index_1.html">2</a><a href="index_2.html">3</a>
<a href="index_1.html">下一页</a><a href="index_5.html">尾页</a><span>共6页</span></div>
<div class="footer"><ul><li><a href="/a">网站地图</a></li><li><a href="/b">联系我们</a></li></ul></div>
</body></html>"""


def test_generic_list_ignores_chrome_and_keeps_undated_rows_of_a_document_list():
    result = listing("http://www.example.gov.cn/zwgk/tzgg/", GENERIC)
    assert result.scheme == "html"
    assert [i.title for i in result.items] == [
        "关于印发某某市政务公开工作要点的通知", "某某市人民政府关于调整部分行政事项的决定",
        "某某市2023年政府信息公开工作年度报告", "关于开展安全生产大检查的通知"]
    assert [i.date for i in result.items] == [date(2024, 7, 1), date(2024, 6, 20), None, date(2024, 5, 10)]
    assert [p.url for p in result.more_pages] == [
        f"http://www.example.gov.cn/zwgk/tzgg/index_{n}.html" for n in (1, 2, 5, 3, 4)]
    assert result.total_pages == 6


def test_menus_and_related_links_are_not_lists():
    text = """<html><body><ul class="menu"><li><a href="/a/">机构概况</a></li><li><a href="/b/">政策文件</a></li>
    <li><a href="/c/">通知公告</a></li></ul><div class="article"><p>正文</p></div>
    <div class="xgwz"><h3>相关链接</h3><ul><li><a href="http://www.gov.cn/">中国政府网</a></li>
    <li><a href="http://www.hebei.gov.cn/">河北省人民政府</a></li></ul></div></body></html>"""
    assert listing("http://www.example.gov.cn/zwgk/", text) is None


@needs_realpages
def test_detail_pages_give_no_list():
    for name, url in [
        ("trs_hdzfxxgk-handan_bmxxgk-detail_browser-saved_jspwrapped.html",
         "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200802_1352000.html"),
        ("nfra_xzcf-gkb_detail_selenium-rendered.html",
         "https://www.nfra.gov.cn/cn/view/pages/ItemDetail.html?docId=1170162&itemId=4113"),
        ("trs_scjg-hubei_zfxxgk-zcwj_detail.html",
         "http://scjg.hubei.gov.cn/zfxxgk/zcwj/qtwj/202308/t20230828_4813376.shtml"),
    ]:
        assert listing(url, realpage(name)) is None, name


@needs_realpages
def test_realpage_9_homepage_news_block_titles_exclude_the_date_inside_the_link():
    result = listing("http://scjg.hubei.gov.cn/", realpage("trs_scjg-hubei_homepage.html"))
    first = result.items[0]
    assert first.title == "锂电池、充电宝质量安全有了“新保险”"
    assert first.date == date(2023, 7, 21)


def test_trs_list_with_a_few_undated_documents_is_not_empty():
    text = ('<div class="menu"><a href="/a/">机构</a></div><ul class="list">'
            '<li><a href="./202401/t20240105_2.html">年报</a></li></ul>'
            '<script>createPageHTML(1, 0, "index", "shtml");</script>')
    result = listing("http://www.example.gov.cn/zwgk/nb/", text)
    assert result.scheme == "trs" and result.total_pages == 1 and result.more_pages == []
    assert [(i.url, i.date) for i in result.items] == [("http://www.example.gov.cn/zwgk/nb/202401/t20240105_2.html",
                                                        None)]


def test_trs_list_page_with_no_rows_is_an_empty_list():
    text = '<div class="list"><ul></ul></div><script>createPageHTML(1, 0, "index", "shtml");</script>'
    result = listing("http://www.example.gov.cn/zwgk/nb/", text)
    assert result.scheme == "trs" and result.items == []


@pytest.mark.parametrize("message", ["暂无信息", "暂无数据！", "【没有相关信息】", "无记录"])
def test_a_column_page_saying_it_is_empty_is_an_empty_list(message):
    text = (f'<html><body><div class="nav"><a href="/a/">机构概况</a><a href="/b/">政策文件</a></div>'
            f'<div class="list-title"><h2>规划计划</h2></div><ul class="list"></ul><p class="no-data">{message}</p>'
            f"</body></html>")
    result = listing("http://www.example.gov.cn/zwgk/fdzdgknr/ghjh/", text)
    assert result is not None and result.scheme == "html" and result.items == []


def test_an_article_mentioning_no_data_is_not_an_empty_list():
    text = "<html><body><div class='TRS_Editor'><p>目前暂无信息表明该项目存在问题，特此说明。</p></div></body></html>"
    assert listing("http://www.example.gov.cn/zwgk/tzgg/", text) is None


def test_trs_pager_with_zero_pages_is_an_empty_list():
    result = listing("http://www.example.gov.cn/zwgk/nb/", '<script>createPageHTML(0, 0, "index", "html");</script>')
    assert result.scheme == "trs" and result.items == [] and result.more_pages == []


# -- TRS pageControl (Hubei), generic query pagers -------------------------------------------------------

def test_trs_page_control_is_read_like_create_page_html():
    html = ('<ul class="list"><li><a href="./202401/t20240105_2.shtml">关于开展某项检查工作的通知文件</a>'
            '<span>2024-01-05</span></li><li><a href="./202401/t20240104_1.shtml">关于做好某项统计工作的通知文件</a>'
            '<span>2024-01-04</span></li></ul><script>pageControl(4, 0, "index", "shtml", 20);</script>')
    result = listing("http://fgw.hubei.gov.cn/fbjd/zc/gfwj/", html)
    assert (result.scheme, result.total_pages) == ("trs", 4)
    assert [p.url for p in result.more_pages] == [f"http://fgw.hubei.gov.cn/fbjd/zc/gfwj/index_{k}.shtml"
                                                  for k in (1, 2, 3)]


@pytest.mark.parametrize("param", ["page", "pageIndex", "currpage", "pageNum", "cur_page"])
def test_generic_pager_of_query_parameters(param):
    rows = "".join(f'<li><a href="/zwgk/tzgg/{1000 + i}.html">关于做好第{i}项重点工作的通知</a><span>2026-06-{10 + i}</span></li>'
                   for i in range(3))
    pager = (f'<div class="pagination"><span>共4页</span><a href="?{param}=2&cat=7">2</a><a href="?{param}=4&cat=7">4</a>'
             f'<a href="?{param}=2&cat=7">下一页</a></div>')
    result = listing("http://www.example.gov.cn/zwgk/tzgg/list.jsp?cat=7", f"<ul class='list'>{rows}</ul>{pager}")
    assert result.scheme == "html" and len(result.items) == 3
    assert {p.url for p in result.more_pages} == {
        f"http://www.example.gov.cn/zwgk/tzgg/list.jsp?{param}={n}&cat=7" for n in (2, 3, 4)}
    assert result.total_pages == 4


# -- jpaas: page 1 is the column page ---------------------------------------------------------------------

def test_jpaas_later_page_names_the_first_page_by_its_own_url():
    articles = [{"title": "关于某某提案的答复", "pubDate": "2026-06-01 10:00",
                 "urls": json.dumps({"pc": "/site/col/col9/content/content_1951206363600000001.html"})}]
    text = (f"<script>var channelsTagSelf = {{\"articleCount\": 25}};\nvar listData = {{\n  articleList: "
            f"{json.dumps(articles, ensure_ascii=False)},\n}};\nvar params = {{current: 2, unitid: '77', perPage: '10'}};"
            f"\nloadPageData(params, '77');</script>")
    url = "https://x.gov.cn/site/col/col9/index.html"
    result = listing(url + "?uid=77&pageNum=2", text)
    assert result.scheme == "jpaas" and result.total_pages == 3
    assert [p.url for p in result.more_pages] == [url, url + "?uid=77&pageNum=3"]


# -- Hanweb: GET dataproxy form, older path, server-side uid/pageNum --------------------------------------

def test_hanweb_column_without_a_total_walks_the_get_form_of_nextgroup():
    text = HANWEB_COLUMN.replace("totalRecord:8, ", "").replace("/module/web/jpage/", "/module/jpage/")
    result = listing("http://wzkj.wenzhou.gov.cn/col/col33718/index.html", text)
    assert result.total_records is None and len(result.items) == 3
    [more] = result.more_pages
    assert more.method == "GET"
    assert more.url.startswith("http://wzkj.wenzhou.gov.cn/module/jpage/dataproxy.jsp?page=2&appid=1&webid=1")
    assert "columnid=33718" in more.url and "unitid=212860" in more.url


def test_hanweb_get_dataproxy_answer_names_the_other_pages():
    xml = ("<?xml version='1.0' encoding='UTF-8'?><datastore><totalrecord>25</totalrecord><totalpage>4</totalpage>"
           "<recordset><record><![CDATA[<li><a href='/art/2025/1/2/art_1_2.html'>某文件</a><span>2025-01-02</span>"
           "</li>]]></record></recordset></datastore>")
    base = "http://www.jiangsu.gov.cn/module/web/jpage/dataproxy.jsp?page={}&appid=1&columnid=1&unitid=2"
    result = listing(base.format(2), xml)
    assert [p.url for p in result.more_pages] == [base.format(3), base.format(4)]
    assert all(p.method == "GET" for p in result.more_pages)
    posted = listing("http://www.jiangsu.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=4&endrecord=6&perpage=3", xml)
    assert posted.more_pages == []


def test_hanweb_column_without_columnid_pages_itself_by_uid_and_page_num():
    text = HANWEB_COLUMN.split("<script>$('#212860')")[0] + "<script>var totalRecord = 7; var perPage = 3;</script>"
    text = text.replace("&columnid=33718", "")
    result = listing("http://www.nhsa.gov.cn/col/col104/index.html", text)
    assert [p.url for p in result.more_pages] == ["http://www.nhsa.gov.cn/col/col104/index.html?uid=212860&pageNum=2",
                                                  "http://www.nhsa.gov.cn/col/col104/index.html?uid=212860&pageNum=3"]


# -- inline JS data arrays -----------------------------------------------------------------------------

FRAME = ('<html><body><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>'
         '<div class="main"><ul class="list" id="list"></ul>{pager}</div>{script}</body></html>')


def test_inline_js_literal_array_is_the_list():
    script = """<script type="text/javascript">
var data = [
  {title: '青山县2026年城乡居民医保参保登记办事指南', url: '/zwgk/ggfw/202606/t20260621_1.html', publishTime: '2026-06-21 09:30'},
  {title: "关于印发《某某实施方案》的通知", url: './202606/t20260610_2.html', publishTime: '2026-06-10', // 注释
   source: 'it\\'s'},
];
(function () { document.getElementById('list').innerHTML = ''; })();
</script>"""
    pager = '<div class="page"><a href="?pageIndex=2">2</a><a href="?pageIndex=2">下一页</a></div>'
    result = listing("http://www.example.gov.cn/zwgk/ggfw/", FRAME.format(pager=pager, script=script))
    assert result.scheme == "inline_json"
    assert [(i.url, i.date, i.date_source) for i in result.items] == [
        ("http://www.example.gov.cn/zwgk/ggfw/202606/t20260621_1.html", date(2026, 6, 21), "json"),
        ("http://www.example.gov.cn/zwgk/ggfw/202606/t20260610_2.html", date(2026, 6, 10), "json")]
    assert result.items[1].title == "关于印发《某某实施方案》的通知"
    assert [p.url for p in result.more_pages] == ["http://www.example.gov.cn/zwgk/ggfw/?pageIndex=2"]


@pytest.mark.parametrize(("records", "dates"), [
    ('[{"doctitle":"关于某某工作的通知文件","docpuburl":"http://x.gov.cn/a/t20260601_1.html","docreltime":"2026-06-01 10:00:00"}]',
     [date(2026, 6, 1)]),
    ('{"code":0,"data":{"list":[{"name":"某某县2025年政府信息公开工作年度报告","link":"/nb/1.html","created_at":1750000000000}]}}',
     [date(2025, 6, 15)]),
    ('[{"Title":"某某局关于开展安全检查的通知","Href":"/a/2.html","PubDate":"2026年05月04日"}]', [date(2026, 5, 4)]),
])
def test_inline_data_key_names(records, dates):
    text = FRAME.format(pager="", script=f"<script>var result = {records};\nrender(result);</script>")
    result = listing("http://x.gov.cn/a/", text)
    assert result.scheme == "inline_json" and [i.date for i in result.items] == dates


def test_inline_arrays_that_are_not_documents_are_not_lists():
    script = ("<script>var menu = [{name: '首页', url: '/'}, {name: '政务公开', url: '/zwgk/'}, {name: '互动', url: '/hd/'}];"
              "var cfg = {theme: 'red', links: [{title: 'a', href: 'javascript:;'}]};</script>")
    assert listing("http://x.gov.cn/a/", FRAME.format(pager="", script=script)) is None


def test_trs_pager_page_whose_rows_are_script_data():
    script = ("<script>var docs = [{DOCTITLE: '关于做好某项统计工作的通知', DOCPUBURL: './202401/t20240104_1.html',"
              " DOCRELTIME: '2024-01-04'}];</script><script>createPageHTML(2, 0, \"index\", \"html\");</script>")
    result = listing("http://x.gov.cn/zwgk/tjxx/", FRAME.format(pager="", script=script))
    assert result.scheme == "trs" and [i.date for i in result.items] == [date(2024, 1, 4)]
    assert [p.url for p in result.more_pages] == ["http://x.gov.cn/zwgk/tjxx/index_1.html"]


# -- TRS JSON feeds named by a script ------------------------------------------------------------------

@pytest.mark.parametrize("call", ['$.getJSON("zcwj.json", function (res) { show(res.data); });',
                                  "$.ajax({url: './zcwj.json', dataType: 'json', success: show});",
                                  "var xhr = new XMLHttpRequest(); xhr.open('GET', './zcwj.json'); xhr.send();",
                                  "fetch('/zfxxgk/zcwj/qtwj/zcwj.json?v=2').then(function (r) { return r.json(); });"])
def test_list_page_that_loads_a_json_feed_names_the_feed(call):
    text = FRAME.format(pager="", script=f"<script>{call}</script>")
    result = listing("http://scjg.hubei.gov.cn/zfxxgk/zcwj/qtwj/", text)
    assert (result.scheme, result.items, result.needs_render) == ("trs_json", [], False)
    [feed] = result.more_pages
    assert feed.url.startswith("http://scjg.hubei.gov.cn/zfxxgk/zcwj/qtwj/zcwj.json") and feed.method == "GET"


def test_menu_and_config_feeds_are_not_lists():
    text = FRAME.format(pager="", script="<script>$.getJSON('/js/menu.json', buildMenu);</script>")
    assert listing("http://x.gov.cn/zwgk/tzgg/", text) is None
    filled = FRAME.format(pager="", script="<script>$.getJSON('/js/menu.json', function (m) { $('#list').html(m); });"
                          "</script>")
    result = listing("http://x.gov.cn/zwgk/tzgg/", filled)
    assert (result.scheme, result.more_pages, result.needs_render) == ("script", [], True)


@needs_realpages
def test_feed_named_by_a_page_is_read_by_the_trs_json_adapter():
    page = listing("http://scjg.hubei.gov.cn/zfxxgk/zcwj/qtwj/",
                   FRAME.format(pager="", script='<script>$.getJSON("zcwj.json", show);</script>'))
    feed = page.more_pages[0].url
    data = listing(feed, realpage("trs_scjg-hubei_zfxxgk-zcwj_list-data_zcwj.json"))
    assert data.scheme == "trs_json" and len(data.items) == 429


# -- lists only a browser can read (needs_render) ---------------------------------------------------------

@pytest.mark.parametrize("script", [
    "<script>$.ajax({url: '/api/list', data: {page: 1}, success: function (d) { $('#list').html(render(d)); }});</script>",
    "<script>fetch('/gkml/api?col=12').then(r => r.json()).then(d => { document.getElementById('list').innerHTML = x(d); });</script>",
    "<script>var xhr = new XMLHttpRequest(); xhr.onload = function () { $(\"#list\").append(rows(xhr)); };</script>",
    "<script>$('#list').load('/zwgk/tzgg/list.jsp?page=1');</script>",
])
def test_an_empty_list_a_script_fills_needs_rendering(script):
    result = listing("http://x.gov.cn/zwgk/tzgg/", FRAME.format(pager="", script=script))
    assert (result.scheme, result.items, result.needs_render, result.more_pages) == ("script", [], True, [])


def test_template_engine_list_needs_rendering():
    text = ('<html><body><div class="main"><ul class="news"><li v-for="item in list"><a :href="item.url">'
            '{{ item.title }}</a><span>{{ item.date }}</span></li></ul></div>'
            '<script src="/js/vue.min.js"></script></body></html>')
    result = listing("http://x.gov.cn/zwgk/tzgg/", text)
    assert result.scheme == "script" and result.needs_render


def test_a_genuinely_empty_list_does_not_need_rendering():
    text = ('<html><body><div class="main"><ul class="list" id="list"></ul><p class="no-data">暂无信息</p></div>'
            '<script>$.ajax({url: "/count.jsp", success: function (n) { $("#visits").text(n); }});</script></body></html>')
    result = listing("http://x.gov.cn/zwgk/ghjh/", text)
    assert (result.scheme, result.items, result.needs_render) == ("html", [], False)


def test_widgets_a_script_fills_are_not_lists():
    text = ('<html><body><div class="main"><div class="TRS_Editor"><p>正文</p></div>'
            '<ul class="downSelect" id="timeRange"></ul><div id="zhezhao" style="display:none"></div>'
            '<div class="page" id="pageBar"></div></div>'
            '<script>$.get("/x", function (d) { $("#timeRange").html(d); $("#zhezhao").show(); '
            '$("#pageBar").html(d); });</script></body></html>')
    assert listing("http://x.gov.cn/zwgk/tzgg/", text) is None


def test_document_pages_never_need_rendering_for_a_related_box():
    text = ('<html><body><div class="TRS_Editor"><p>正文内容</p></div><ul class="related-list" id="xglist"></ul>'
            '<script>$.ajax({url: "/api/related", success: function (d) { $("#xglist").html(d); }});</script></body></html>')
    assert listing("http://x.gov.cn/zwgk/tzgg/202606/t20260601_1.html", text) is None


def test_script_rendered_list_on_a_trs_pager_page_needs_rendering():
    script = ("<script>fetch('/api/x?p=1').then(function (r) { return r.json(); }).then(function (d) {"
              " document.getElementById('list').innerHTML = d; });</script>"
              '<script>createPageHTML(3, 0, "index", "html");</script>')
    result = listing("http://x.gov.cn/zwgk/tzgg/", FRAME.format(pager="", script=script))
    assert (result.scheme, result.needs_render, len(result.more_pages)) == ("trs", True, 2)


def test_needs_render_reaches_the_parsed_page():
    from crawler.parse.page import parse_page

    script = "<script>fetch('/api/x').then(function (r) { return r.json(); }).then(function (d) { $('#list').html(d); });</script>"
    page = parse_page("http://x.gov.cn/zwgk/zdxm/", FRAME.format(pager="", script=script))
    assert page.list is not None and page.list.needs_render and page.list.items == []
