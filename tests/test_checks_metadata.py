"""missing_metadata on real document pages, with the metadata the crawl's parser reads from them."""

from __future__ import annotations

from parsel import Selector
from test_checks_support import PINGTAN, REALPAGES, SITE, RunBuilder, read

from crawler.parse.metadata import extract_disclosure_metadata, extract_meta_tags

COL = SITE + "zwgk/fdzdgknr/"


def add_document(b: RunBuilder, url: str, html: str, pub_date: str | None = None,
                 pub_date_source: str | None = None) -> None:
    """A document page as the crawl stores it: metadata and meta tags parsed from its HTML."""
    sel = Selector(text=html)
    b.page(url, body=html, metadata=extract_disclosure_metadata(sel), meta=extract_meta_tags(sel),
           pub_date=pub_date, pub_date_source=pub_date_source)


def statutory(b: RunBuilder, name: str, *urls: str) -> None:
    b.column(COL + name + "/", name, section="statutory", path=f"法定主动公开内容 > {name}",
             items=[(f"文件{i}", url, "2024-01-01") for i, url in enumerate(urls)])


def test_complete_metadata_passes(tmp_path):
    """吉林 policy page: 索引号 11220000013544357T/2022-00426, 发布机构, 成文日期, 文号, 发布日期 all
    shown."""
    b = RunBuilder(tmp_path)
    statutory(b, "政策文件", COL + "a.html")
    add_document(b, COL + "a.html", read(REALPAGES / "xxgk-jl_zfxxgk-jcpt_policy-detail.html"))
    assert b.findings("missing_metadata") == []


def test_a_field_left_in_an_html_comment_is_missing(tmp_path):
    """Handan detail page: `<!--<p><strong>成文日期</strong>：2020年08月02日</p>-->` is never shown."""
    b = RunBuilder(tmp_path)
    statutory(b, "部门文件", COL + "hd.html")
    add_document(b, COL + "hd.html",
                 read(REALPAGES / "trs_hdzfxxgk-handan_bmxxgk-detail_browser-saved_jspwrapped.html"))
    rows = b.findings("missing_metadata")
    assert len(rows) == 1
    assert rows[0]["evidence"]["missing"] == ["成文日期"]
    assert rows[0]["evidence"]["invalid"] == []
    assert rows[0]["column_path"] == "法定主动公开内容 > 部门文件"
    assert rows[0]["severity"] == "warn"


def test_validity_is_required_in_normative_document_columns(tmp_path):
    """Hubei 政策文件 page: 有效性 有效, 发文日期 (成文), 文号 便函; its 发布日期 is shown without a label."""
    html = read(REALPAGES / "trs_scjg-hubei_zfxxgk-zcwj_detail.html")
    b = RunBuilder(tmp_path)
    statutory(b, "规范性文件", COL + "hb.html")
    add_document(b, COL + "hb.html", html, pub_date="2023-08-28", pub_date_source="meta")
    assert b.findings("missing_metadata") == []
    b2 = RunBuilder(tmp_path / "2")
    statutory(b2, "规范性文件", COL + "hb.html")
    add_document(b2, COL + "hb.html", html.replace("有效性", "状态").replace(
        "有<span class=\"hidden-xs\">&ensp;</span>效<span class=\"hidden-xs\">&ensp;</span>性", "状态"),
        pub_date="2023-08-28", pub_date_source="meta")
    assert b2.findings("missing_metadata")[0]["evidence"]["missing"] == ["有效性"]


def test_pingtan_documents_show_no_metadata_block(tmp_path):
    """Pingtan 人事任免 page: only 来源 and 时间 are shown; no 索引号, 发布机构, 成文日期 or 文号."""
    b = RunBuilder(tmp_path)
    statutory(b, "人事任免", COL + "pt.html")
    add_document(b, COL + "pt.html",
                 read(PINGTAN / "zwgk/zfxxgk/fdzdgknr/zkly/rsrm/202602/t20260205_105072.htm"),
                 pub_date="2025-08-05", pub_date_source="meta")
    rows = b.findings("missing_metadata")
    assert rows[0]["evidence"]["missing"] == ["索引号", "发布机构", "成文日期", "文号"]


def test_an_invalid_index_number_is_reported(tmp_path):
    b = RunBuilder(tmp_path)
    statutory(b, "通知公告", COL + "x.html")
    b.page(COL + "x.html", body="<html><body><p>文号：</p></body></html>",
           metadata={"index_no": "2020-123", "publisher": "XX县人民政府", "pub_date": "2024-01-01",
                     "written_date": "2023-12-28"})
    rows = b.findings("missing_metadata")
    assert rows[0]["evidence"]["missing"] == []
    assert rows[0]["evidence"]["invalid"] == [{"field": "索引号", "value": "2020-123"}]


def test_a_doc_number_label_without_a_number_is_not_missing(tmp_path):
    md = {"index_no": "000014349/2024-00110", "publisher": "XX县人民政府", "pub_date": "2024-01-01",
          "written_date": "2023-12-28"}
    b = RunBuilder(tmp_path)
    statutory(b, "通知公告", COL + "a.html", COL + "b.html", COL + "c.html")
    b.page(COL + "a.html", body="<html><body><td>文号：</td><td></td></body></html>", metadata=md)
    b.page(COL + "b.html", body="<html><body><p>正文</p></body></html>", metadata=md)
    b.page(COL + "c.html", body="<html><body><!--<p>文号：</p>--><p>正文</p></body></html>", metadata=md)
    rows = {r["url"]: r["evidence"]["missing"] for r in b.findings("missing_metadata")}
    assert rows == {COL + "b.html": ["文号"], COL + "c.html": ["文号"]}


def test_pages_that_were_not_fetched_and_other_sections_are_not_judged(tmp_path):
    b = RunBuilder(tmp_path)
    statutory(b, "通知公告", COL + "gone.html", COL + "waf.html", COL + "file.pdf")
    b.page(COL + "gone.html", reason="http_404")
    b.page(COL + "waf.html", blocked="ruishu")
    b.page(COL + "file.pdf", content_type="application/pdf", body=b"%PDF-1.4")
    b.column(SITE + "zwgk/zd/", "政府信息公开制度", section="rules",
             items=[("制度", SITE + "zwgk/zd/a.html", "2024-01-01")])
    b.page(SITE + "zwgk/zd/a.html", body="<html><body>制度</body></html>")
    assert b.findings("missing_metadata") == []
