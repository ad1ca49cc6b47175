"""`parse_page` on real pages, and the CMS fingerprints (crawler/parse/page.py, platform.py)."""

import os
from datetime import date
from pathlib import Path

import pytest

from crawler.parse.page import link_kind, parse_page
from crawler.parse.platform import detect_platform
from crawler.parse.types import ATTACHMENT, IMAGE, PAGE

SHARED = Path(os.environ.get("XXGK_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
REALPAGES = SHARED / "realpages"
PINGTAN = SHARED / "replay" / "pingtan"
needs_realpages = pytest.mark.skipif(not REALPAGES.is_dir(),
                                     reason=f"shared realpages not found at {REALPAGES} (set XXGK_SHARED)")


def realpage(name: str) -> str:
    return (REALPAGES / name).read_text(encoding="utf-8")


HANDAN_DETAIL = "http://hdzfxxgk.hd.gov.cn/gszbm/auto23716/202008/t20200802_1352000.html"


@needs_realpages
def test_realpage_4_handan_detail():
    page = parse_page(HANDAN_DETAIL, realpage("trs_hdzfxxgk-handan_bmxxgk-detail_browser-saved_jspwrapped.html"))
    assert page.title == "邯郸市教育局关于印发《全市教育系统安全专项整治三年行动实施方案》的通知"
    assert page.metadata["index_no"] == "000014348/2020-35147"
    assert "written_date" not in page.metadata
    assert (page.pub_date, page.pub_date_source) == (date(2020, 8, 2), "metadata")
    assert page.list is None
    assert page.text_length > 200


@needs_realpages
def test_realpage_7_pub_date_from_meta_when_the_block_only_has_written_date():
    url = "http://scjg.hubei.gov.cn/zfxxgk/zcwj/qtwj/202308/t20230828_4813376.shtml"
    page = parse_page(url, realpage("trs_scjg-hubei_zfxxgk-zcwj_detail.html"))
    assert page.metadata["written_date"] == "2023-08-25"
    assert (page.pub_date, page.pub_date_source) == (date(2023, 8, 28), "meta")  # PubDate 2023-08-28 08:15
    assert page.platform == "trs"
    assert page.meta["ColumnName"]


@needs_realpages
def test_realpage_12_visible_publish_line_beats_the_meta_tag():
    page = parse_page("https://scjg.gansu.gov.cn/scjg/c110159/202205/2032457.shtml",
                      realpage("scjg-gansu_article_c110159_rs5-protected.html"))
    assert page.title == "业务公告_市场监管业务_甘肃省市场监督管理局国产保健食品备案信息查询"
    assert page.meta["PubDate"] == "2023-04-18 15:24:29"
    assert (page.pub_date, page.pub_date_source) == (date(2022, 5, 6), "metadata")  # 发布时间：2022-05-06 15:16
    assert page.platform == "kaipuyun"


@needs_realpages
def test_realpage_25_date_from_visible_text_and_22_from_hanweb():
    cmse = parse_page("http://www.cmse.gov.cn/xwzx/zhxw/201206/t20120624_10000.html",
                      realpage("trs_cmse-gov_article_gne-saved.html"))
    assert cmse.pub_date == date(2012, 6, 24)
    fgw = parse_page("http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html",
                     realpage("hanweb_fgw-zj_article_gne-saved.html"))
    assert (fgw.pub_date, fgw.platform) == (date(2016, 11, 22), "hanweb")
    assert fgw.meta["SiteIDCode"] == ""


def test_url_is_the_last_resort_for_the_date():
    page = parse_page("http://www.example.gov.cn/zwgk/202401/t20240105_1.html",
                      "<html><head><title>某通知</title></head><body><p>正文</p></body></html>")
    assert (page.pub_date, page.pub_date_source) == (date(2024, 1, 5), "url")


@needs_realpages
def test_realpage_1_landing_links_the_four_sections():
    page = parse_page("http://hdzfxxgk.hd.gov.cn/", realpage("trs_hdzfxxgk-handan_xxgk-landing_browser-saved_jspwrapped.html"))
    anchors = {link.anchor: link.url for link in page.links}
    assert anchors["政府信息公开指南"] == "http://hdzfxxgk.hd.gov.cn/zfxxgkzn/"
    assert anchors["政府信息公开制度文件"] == "http://hdzfxxgk.hd.gov.cn/zfwj/zdwj/"
    assert anchors["法定主动公开内容"] == "http://hdzfxxgk.hd.gov.cn/fdgknr/"
    assert anchors["政府信息公开年报"] == "http://hdzfxxgk.hd.gov.cn/zfxxgknb/"
    assert all("#" not in link.url for link in page.links)
    assert not any(link.url.startswith("javascript") for link in page.links)


@needs_realpages
def test_realpage_5_pingtan_list_page():
    page = parse_page("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/",
                      realpage("trs-fjzwy_pingtan_zfxxgknb-column-list_readfile.html"))
    assert page.title.startswith("政府信息公开年报")
    assert page.meta["ColumnName"] == "政府信息公开年报"
    assert page.meta["ChnlId"] == "1813"
    assert page.meta["SiteIDCode"] == "3590000001"
    assert page.platform == "fjdz"
    assert page.list.scheme == "fjdz" and len(page.list.items) == 10
    assert page.pub_date is None  # a column page shows no date of its own


@needs_realpages
def test_realpage_18_jpaas_page():
    page = parse_page("https://sthjt.jiangxi.gov.cn/jxssthjt/col/col42150/index.html",
                      realpage("hanweb-jpaas_sthjt-jiangxi_col42150-list.html"))
    assert page.platform == "jpaas"
    assert page.list.scheme == "jpaas" and len(page.list.items) == 50


@needs_realpages
def test_realpage_8_json_feed_through_parse_page():
    page = parse_page("http://scjg.hubei.gov.cn/zfxxgk/zcwj/qtwj/zcwj.json",
                      realpage("trs_scjg-hubei_zfxxgk-zcwj_list-data_zcwj.json"))
    assert page.links == [] and page.title == ""
    assert page.list.scheme == "trs_json" and len(page.list.items) == 429


@needs_realpages
def test_realpage_14_challenge_shell_has_no_text():
    page = parse_page("https://scjg.gansu.gov.cn/guestweb4/s?siteCode=6200000052",
                      realpage("rs-challenge_scjg-gansu_guestweb4-search.html"))
    assert page.title == "" and page.text_length == 0 and page.links == []


@needs_realpages
@pytest.mark.parametrize(
    ("name", "platform"),
    [
        ("trs_hdzfxxgk-handan_bmxxgk-list_browser-saved_jspwrapped.html", "trs"),
        ("trs_nmg-gov_zwyw-article.html", "trs"),
        ("trs_bynr-gov_zwdt-article.html", "trs"),
        ("trs_scjg-hubei_zfxxgk-zcwj_detail.html", "trs"),
        ("trs_shanxi-gov_article_gne-saved.html", "trs"),
        ("hanweb_fgw-zj_article_gne-saved.html", "hanweb"),
        ("hanweb-jpaas_sthjt-jiangxi_col42150-list.html", "jpaas"),
        ("trs-fjzwy_pingtan_zfxxgknb-column-list_readfile.html", "fjdz"),
        ("scjg-gansu_article_c110159_rs5-protected.html", "kaipuyun"),
        ("ucap_scjg-gansu_guestweb4-search-results.html", "kaipuyun"),
        ("govcn_gongbao_detail_gne-saved.html", "kaipuyun"),
        ("waf-challenge_yngp_mojibake-title.html", None),
    ],
)
def test_realpage_platforms(name, platform):
    assert detect_platform(realpage(name), "") == platform


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("http://www.example.gov.cn/gkmlpt/content/1/1/post_123.html", "gkmlpt"),
        ("https://www.pingtan.gov.cn/fjdzapp/search", "fjdz"),
        ("http://www.example.gov.cn/col/col33718/index.html", "hanweb"),
        ("http://www.example.gov.cn/zwgk/202401/t20240101_1.html", "trs"),
        ("http://www.example.gov.cn/a/b.html", None),
    ],
)
def test_platform_from_url_alone(url, platform):
    assert detect_platform("<html></html>", url) == platform


def test_platform_ignores_the_jiucuo_script():
    text = "<script id='_jiucuo_' sitecode='1' src='https://pucha.kaipuyun.cn/exposure/jiucuo.js'></script>"
    assert detect_platform(text, "http://www.example.gov.cn/") is None


LINKS_PAGE = """<html><head><base href="http://static.example.gov.cn/site/"><title> 链接 测试 </title></head><body>
<a href="a.html#top">文章 一</a>
<a href="javascript:void(0)">打印</a><a href="mailto:x@example.gov.cn">信箱</a><a href="#">顶部</a><a href="tel:123">电话</a>
<a href="/files/P020240101.pdf">附件.pdf</a><a href="doc/说明.DOCX">说明</a><a href="x.ofd">版式</a>
<a href="/module/download/downfile.jsp?classid=0&filename=1.pdf">下载</a>
<img src="img/W020240101.jpg" alt="图片说明"><a href="big.png"><img src="small.png" title="缩略图"></a>
<iframe src="https://video.example.com/embed/1" title="视频"></iframe>
<a href=" http://other.gov.cn/x.html
">外站</a>
</body></html>"""


def test_links_are_resolved_against_base_and_classified():
    page = parse_page("http://www.example.gov.cn/zwgk/index.html", LINKS_PAGE)
    assert page.title == "链接 测试"
    got = [(link.url, link.kind, link.anchor) for link in page.links]
    assert got == [
        ("http://static.example.gov.cn/site/a.html", PAGE, "文章 一"),
        ("http://static.example.gov.cn/files/P020240101.pdf", ATTACHMENT, "附件.pdf"),
        ("http://static.example.gov.cn/site/doc/说明.DOCX", ATTACHMENT, "说明"),
        ("http://static.example.gov.cn/site/x.ofd", ATTACHMENT, "版式"),
        ("http://static.example.gov.cn/module/download/downfile.jsp?classid=0&filename=1.pdf", ATTACHMENT, "下载"),
        ("http://static.example.gov.cn/site/img/W020240101.jpg", IMAGE, "图片说明"),
        ("http://static.example.gov.cn/site/big.png", IMAGE, "缩略图"),
        ("http://static.example.gov.cn/site/small.png", IMAGE, "缩略图"),
        ("https://video.example.com/embed/1", PAGE, "视频"),
        ("http://other.gov.cn/x.html", PAGE, "外站"),
    ]


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://x.gov.cn/a/P020240101.pdf", ATTACHMENT), ("http://x.gov.cn/a/b.xlsx?v=1", ATTACHMENT),
        ("http://x.gov.cn/a/b.wps", ATTACHMENT), ("http://x.gov.cn/a.zip", ATTACHMENT),
        ("http://x.gov.cn/attachment.do?id=1", ATTACHMENT), ("http://x.gov.cn/a/b.shtml", PAGE),
        ("http://x.gov.cn/download/", PAGE), ("http://x.gov.cn/a.JPG", IMAGE),
    ],
)
def test_link_kind(url, kind):
    assert link_kind(url, "a") == kind


def test_meta_refresh_target_is_absolute():
    text = '<html><head><meta http-equiv="Refresh" content="0; URL=../">\n</head><body></body></html>'
    page = parse_page("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202001/t20200120_1.htm", text)
    assert page.meta_refresh == "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"
    assert parse_page("http://x.gov.cn/", '<meta http-equiv="refresh" content="300">').meta_refresh is None


CHROME = ('<div class="header"><ul class="nav">' + "".join(f"<li><a href='/c{i}/'>栏目名称{i}</a></li>" for i in range(30))
          + '</ul></div><div class="footer">版权所有：某某市人民政府办公室 地址：某某路1号 电话：0000-0000000 网站标识码：0000000000</div>')


def test_empty_content_area_reads_near_zero_despite_the_chrome():
    empty = parse_page("http://x.gov.cn/zwgk/zn/", f"<html><body>{CHROME}<div class='TRS_Editor'>  </div></body></html>")
    full = parse_page("http://x.gov.cn/zwgk/zn/",
                      f"<html><body>{CHROME}<div class='TRS_Editor'>{'政府信息公开指南正文。' * 50}</div></body></html>")
    assert empty.text_length == 0
    assert full.text_length == 550


def test_text_length_without_a_known_container_drops_header_nav_and_footer():
    page = parse_page("http://x.gov.cn/zwgk/zn/", f"<html><body>{CHROME}<div><p>正文五个字</p></div></body></html>")
    assert page.text_length == 5


def test_scripts_styles_and_comments_are_not_text():
    page = parse_page("http://x.gov.cn/a/", "<html><head><style>p{}</style></head><body><div id='zoom'><script>var a"
                                           "='很多很多字';</script><!-- 注释里的字 --><p>正文</p></div></body></html>")
    assert page.text_length == 2


def test_empty_and_odd_inputs_do_not_crash():
    for text in ("", "   ", "<", "<?xml version='1.0' encoding='gbk'?><html><body>中文</body></html>", "\x00abc"):
        page = parse_page("http://x.gov.cn/", text)
        assert page.links == [] and page.list is None


def test_gbk_page_end_to_end():
    from crawler.parse.encoding import decode_body

    html = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
            "<title>某县人民政府办公室关于印发政务公开工作要点的通知</title></head><body>"
            "<table><tr><td>索&nbsp;引&nbsp;号：</td><td>000000000/2024-00012</td>"
            "<td>发布机构：</td><td>某县人民政府办公室</td></tr>"
            "<tr><td>发布日期：</td><td>２０２４年３月５日</td><td>文号：</td><td>某政办〔2024〕3号</td></tr></table>"
            "<div class='TRS_Editor'><p>各乡镇人民政府，县直各部门：现将要点印发给你们。</p></div>"
            "<a href='P020240305.pdf'>附件：工作要点.pdf</a></body></html>")
    decoded = decode_body(html.encode("gbk"), "text/html; charset=utf-8")  # the header lies
    page = parse_page("http://www.example.gov.cn/zwgk/zcwj/202403/t20240305_12.html", decoded.text)
    assert page.title == "某县人民政府办公室关于印发政务公开工作要点的通知"
    assert page.metadata == {"index_no": "000000000/2024-00012", "publisher": "某县人民政府办公室",
                             "pub_date": "２０２４年３月５日", "doc_no": "某政办〔2024〕3号"}
    assert (page.pub_date, page.pub_date_source) == (date(2024, 3, 5), "metadata")
    assert page.text_length == len("各乡镇人民政府，县直各部门：现将要点印发给你们。")
    assert [(link.kind, link.url) for link in page.links] == [
        (ATTACHMENT, "http://www.example.gov.cn/zwgk/zcwj/202403/P020240305.pdf")]


HANWEB_RECORDS = """<html><body><div id="1"><script type="text/xml"><datastore><recordset>
<record><![CDATA[<li><a href='/art/2026/9/11/art_3_11.html'>关于做好秋季安全生产工作的通知</a><span>2026-09-11</span></li>]]></record>
<record><![CDATA[<li><a href='/art/2026/9/10/art_3_10.html'>关于印发某某实施方案的通知</a><span>2026-09-10</span></li>]]></record>
</recordset></datastore></script></div><a href="/art/2026/9/10/art_3_10.html">置顶：某某实施方案</a></body></html>"""


def test_script_data_records_are_links_of_the_page():
    page = parse_page("http://www.jiangsu.gov.cn/col/col3/index.html", HANWEB_RECORDS)
    assert page.list.scheme == "hanweb_datastore"
    assert [(link.url, link.anchor) for link in page.links] == [
        ("http://www.jiangsu.gov.cn/art/2026/9/10/art_3_10.html", "置顶：某某实施方案"),
        ("http://www.jiangsu.gov.cn/art/2026/9/11/art_3_11.html", "关于做好秋季安全生产工作的通知"),
    ]
