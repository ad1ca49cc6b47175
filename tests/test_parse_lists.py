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
