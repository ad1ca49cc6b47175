"""National meta tags and the displayed 信息公开 metadata block (crawler/parse/metadata.py).

Expected values are read from the real pages; fields that only exist inside HTML comments or inside a
script that never runs are not displayed, so they must come out missing (realpages #4, #6).
"""

import os
from pathlib import Path

import pytest
from parsel import Selector

from crawler.parse.metadata import (
    extract_disclosure_metadata,
    extract_meta_tags,
    is_valid_index_no,
)
from crawler.parse.page import parse_html

SHARED = Path(os.environ.get("XXGK_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
REALPAGES = SHARED / "realpages"
needs_realpages = pytest.mark.skipif(not REALPAGES.is_dir(),
                                     reason=f"shared realpages not found at {REALPAGES} (set XXGK_SHARED)")


def realpage(name: str) -> Selector:
    return Selector(root=parse_html((REALPAGES / name).read_text(encoding="utf-8")))


def html(body: str, head: str = "") -> Selector:
    return Selector(root=parse_html(f"<html><head>{head}</head><body>{body}</body></html>"))


@needs_realpages
def test_realpage_4_handan_strong_labels_and_commented_written_date():
    md = extract_disclosure_metadata(realpage("trs_hdzfxxgk-handan_bmxxgk-detail_browser-saved_jspwrapped.html"))
    assert md["index_no"] == "000014348/2020-35147"
    assert md["publisher"] == "邯郸市教育局"
    assert md["doc_no"] == "无"
    assert md["topic"] == "教育"
    assert md["pub_date"] == "2020年08月02日"
    assert "written_date" not in md  # <!--<p><strong>成文日期</strong>：2020年08月02日</p>-->


@needs_realpages
def test_realpage_4_meta_pubdate_in_chinese_format():
    meta = extract_meta_tags(realpage("trs_hdzfxxgk-handan_bmxxgk-detail_browser-saved_jspwrapped.html"))
    assert meta["PubDate"] == "2020年08月02日"


@needs_realpages
def test_realpage_6_jilin_table_with_padded_labels():
    md = extract_disclosure_metadata(realpage("xxgk-jl_zfxxgk-jcpt_policy-detail.html"))
    assert md["doc_no"] == "吉政明电〔2022〕1号"
    assert md["written_date"] == "2022年01月27日"
    assert md["pub_date"] == "2022年01月28日"
    assert md["publisher"] == "吉林省人民政府"
    assert md["index_no"] == "11220000013544357T/2022-00426"
    assert md["topic"] == "环境监测、保护与治理;通告"
    assert md["title"].startswith("吉林省人民政府关于禁止在吉林省嫩江干流")
    # 有效性 is only in <!-- --> and in a document.write that never runs: not displayed.
    assert "validity" not in md


@needs_realpages
def test_realpage_6_meta_tags():
    meta = extract_meta_tags(realpage("xxgk-jl_zfxxgk-jcpt_policy-detail.html"))
    assert meta["PubDate"] == "2022-01-28 00:00:00"
    assert meta["SiteIDCode"] == "2200000019"


@needs_realpages
def test_realpage_7_hubei_ensp_padded_labels():
    md = extract_disclosure_metadata(realpage("trs_scjg-hubei_zfxxgk-zcwj_detail.html"))
    assert md == {
        "index_no": "MB1686999/2023-21597",
        "written_date": "2023-08-25",
        "publisher": "湖北省市场监督管理局",
        "doc_no": "便函",
        "topic": "市场监管、安全生产监管;其他",
        "validity": "有效",
        "title": "湖北省市场监督管理局办公室关于转发国家知识产权局等五部门关于开展杭州亚运会和亚残运会知识产权保护"
                 "专项行动的通知",
    }


@needs_realpages
def test_realpage_13_search_form_labels_are_not_metadata():
    # The guestweb4 advanced-search form labels 索引号/发文机关/文号 next to empty inputs.
    assert extract_disclosure_metadata(realpage("ucap_scjg-gansu_guestweb4-search-results.html")) == {}


@needs_realpages
def test_meta_tags_canonical_names():
    meta = extract_meta_tags(realpage("trs_hdzfxxgk-handan_xxgk-landing_browser-saved_jspwrapped.html"))
    assert meta["SiteName"] == "邯郸市人民政府"
    assert meta["SiteIDCode"] == "1304000009"
    assert meta["SiteDomain"] == "www.hd.gov.cn"


def test_meta_tag_names_match_case_insensitively_and_keep_empty_values():
    sel = html("", '<meta name="pubdate" content="2024-07-01 10:00"><meta name="SITEIDCODE" content="">'
                   '<meta name="columnname" content=" 政府信息公开年报 ">')
    assert extract_meta_tags(sel) == {"PubDate": "2024-07-01 10:00", "SiteIDCode": "", "ColumnName": "政府信息公开年报"}


@pytest.mark.parametrize(
    "block",
    [
        "<table><tr><td>索&nbsp;引&nbsp;号：</td><td>000014349/2018-00222</td>"
        "<td>发文机关：</td><td>国务院</td></tr><tr><td>发文字号：</td><td>国发〔2018〕43号</td>"
        "<td>成文日期：</td><td>2018年11月07日</td></tr></table>",
        "<ul><li><span>索 引 号：</span>000014349/2018-00222</li><li><span>发文机关：</span>国务院</li>"
        "<li><span>发文字号：</span>国发〔2018〕43号</li><li><span>成文日期：</span>2018年11月07日</li></ul>",
        "<dl><dt>索引号</dt><dd>000014349/2018-00222</dd><dt>发文机关</dt><dd>国务院</dd>"
        "<dt>发文字号</dt><dd>国发〔2018〕43号</dd><dt>成文日期</dt><dd>2018年11月07日</dd></dl>",
        "<p><b>索引号</b>：000014349/2018-00222</p><p><b>发文机关</b>：国务院</p>"
        "<p><b>发文字号</b>：国发〔2018〕43号</p><p><b>成文日期</b>：2018年11月07日</p>",
        "<div>索&ensp;引&ensp;号：000014349/2018-00222</div><div>发文机关：国务院</div>"
        "<div>发文字号：国发〔2018〕43号</div><div>成文日期：2018年11月07日</div>",
    ],
)
def test_metadata_layouts(block):
    md = extract_disclosure_metadata(html(block))
    assert md == {"index_no": "000014349/2018-00222", "publisher": "国务院", "doc_no": "国发〔2018〕43号",
                  "written_date": "2018年11月07日"}


def test_inline_line_is_cut_at_the_next_field():
    md = extract_disclosure_metadata(html("<div>发布时间：2023-08-28 08:15 来源：湖北省市场监督管理局</div>"))
    assert md["pub_date"] == "2023-08-28 08:15"


def test_information_source_fills_publisher_only_for_an_organ():
    assert extract_disclosure_metadata(html("<p>信息来源：市发展改革委</p>"))["publisher"] == "市发展改革委"
    assert "publisher" not in extract_disclosure_metadata(html("<p>信息来源：内蒙古日报</p>"))
    both = extract_disclosure_metadata(html("<p>信息来源：办公室</p><p>发布机构：市人民政府</p>"))
    assert both["publisher"] == "市人民政府"


def test_comment_and_script_content_is_not_displayed():
    md = extract_disclosure_metadata(html(
        "<p>索引号：000014349/2018-00222</p><!--<p>成文日期：2018年11月07日</p>-->"
        "<script>document.write('<p>有效性：有效</p>')</script>"))
    assert md == {"index_no": "000014349/2018-00222"}


@pytest.mark.parametrize("value", ["000014348/2020-35147", "MB1686999/2023-21597", "11441700007280420Y/2021-00050",
                                   "0142768-8/2022-00185", "6107280000/2024-001005",
                                   "11341702486344515H/202110-00013", "113708280043326001/2024-02411"])
def test_valid_index_numbers(value):
    assert is_valid_index_no(value)


@pytest.mark.parametrize("value", ["", None, "无", "2020-35147", "000014348-2020-35147", "abc/2020-1"])
def test_invalid_index_numbers(value):
    assert not is_valid_index_no(value)
