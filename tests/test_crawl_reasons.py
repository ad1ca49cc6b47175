"""Reasons the crawl gives a link (issue 7, items 3 and 9), against a loopback site of the test's own.

- `too_large`: a body past DOWNLOAD_MAXSIZE is recorded with its size, asked for once, never a broken
  link; an attachment whose HEAD states its size needs no GET at all.
- `too_many_redirects`: a long chain that is not a loop; a real loop stays `redirect_loop`.
- Binary soft 404s: an attachment or image whose HEAD says text/html gets a GET of its first bytes;
  only when that GET is an HTML page too (no PDF/Office/ZIP/image magic) is it a `soft_404`.
"""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

from tests.conftest import run_xxgk_crawl
from tests.loopback import LoopbackSite, Reply

MAXSIZE = 1_000_000
BIG = 2_000_000
HTML = {"Content-Type": "text/html; charset=utf-8"}
ERROR_PAGE = ("<!doctype html><html><head><title>页面不存在</title></head>"
              "<body><h1>404 您访问的页面不存在或已被删除</h1><a href='/'>返回首页</a></body></html>").encode()
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


def html(body: str) -> str:
    return f"<!doctype html><html><head><meta charset='utf-8'><title>青山县</title></head><body>{body}</body></html>"


def head_html_get(body: bytes, get_type: str = "text/html; charset=utf-8"):
    """A download endpoint that answers HEAD with a default text/html and GET with `body`."""
    def answer(handler: BaseHTTPRequestHandler) -> Reply:
        if handler.command == "HEAD":
            return Reply(b"", headers={**HTML, "Content-Length": str(len(body))})
        return Reply(body, headers={"Content-Type": get_type})
    return answer


def refuse_head(reply: Reply):
    """A download endpoint that refuses HEAD (405): the crawl must GET it."""
    def answer(handler: BaseHTTPRequestHandler) -> Reply:
        return Reply(b"", 405, {"Allow": "GET"}) if handler.command == "HEAD" else reply
    return answer


def redirect(to: str) -> Reply:
    return Reply(b"", 302, {"Location": to, "Content-Type": "text/html"})


def test_oversize_bodies_are_too_large_with_their_size_never_retried_nor_broken(tmp_path):
    pages = {
        "/": html("<a href='/download.do?id=7'>下载统计数据</a><a href='/stream.do?id=8'>下载数据流</a>"
                  "<a href='/files/report.pdf'>2025年度报告.pdf</a>"),
        "/download.do": refuse_head(Reply(b"\0" * BIG, headers={"Content-Type": "application/octet-stream"})),
        "/stream.do": refuse_head(Reply(b"\0" * BIG, headers={"Content-Type": "application/octet-stream"},
                                        length=False)),
        "/files/report.pdf": Reply(PDF + b"\0" * (BIG - len(PDF)), headers={"Content-Type": "application/pdf"}),
    }
    with LoopbackSite(pages) as site:
        result = run_xxgk_crawl(site.url("/"), tmp_path / "x.db", "--as-of", "2026-11-25", "--render", "never",
                                "-s", f"DOWNLOAD_MAXSIZE={MAXSIZE}")
        assert result.code == 0, result.stderr
        assert site.requests("GET", "/download.do?id=7") == 1  # not retried
        assert site.requests("GET", "/stream.do?id=8") == 1
        assert site.requests("GET", "/files/report.pdf") == 0  # its HEAD told its size
    rows = {row["url"]: row for row in result.store().pages(result.run_id)}
    sized = rows[site.url("/download.do?id=7")]
    assert (sized["reason"], sized["content_length"], sized["attempts"]) == ("too_large", BIG, 1)
    streamed = rows[site.url("/stream.do?id=8")]  # no Content-Length: cut once past the limit
    assert streamed["reason"] == "too_large" and streamed["content_length"] > MAXSIZE and streamed["attempts"] == 1
    report = rows[site.url("/files/report.pdf")]
    assert (report["method"], report["reason"], report["content_length"]) == ("HEAD", None, BIG)
    assert not [f for f in result.findings()["findings"] if f["check"] == "broken_link"]


def test_a_long_redirect_chain_is_too_many_redirects_and_a_loop_stays_a_loop(tmp_path):
    chain = {f"/r/{n}": redirect(f"/r/{n + 1}") for n in range(1, 30)}
    pages = {
        "/": html("<a href='/r/1'>专题链接</a><a href='/loop/a'>循环链接</a>"),
        **chain, "/r/30": redirect("/ok.html"), "/ok.html": html("<p>终点</p>"),
        "/loop/a": redirect("/loop/b"), "/loop/b": redirect("/loop/a"),
    }
    with LoopbackSite(pages) as site:
        result = run_xxgk_crawl(site.url("/"), tmp_path / "x.db", "--as-of", "2026-11-25", "--render", "never")
        assert result.code == 0, result.stderr
    rows = {row["url"]: row for row in result.store().pages(result.run_id)}
    assert rows[site.url("/r/1")]["reason"] == "too_many_redirects"
    assert rows[site.url("/loop/a")]["reason"] == "redirect_loop"
    broken = {f["target"]: f for f in result.findings()["findings"] if f["check"] == "broken_link"}
    assert set(broken) == {site.url("/r/1"), site.url("/loop/a")}
    assert broken[site.url("/r/1")]["reason"] == "too_many_redirects"
    assert "重定向次数过多" in broken[site.url("/r/1")]["message"]


def test_attachments_and_images_that_are_html_pages_are_soft_404s(tmp_path):
    site_home = html("<div class='article'><p>附件：</p>"
                     "<a href='/files/a.pdf'>实施方案.pdf</a><a href='/files/b.pdf'>申请表.pdf</a>"
                     "<a href='/files/d.docx'>说明.docx</a><a href='/files/e.xls'>统计表.xls</a>"
                     "<img src='/images/c.jpg' alt='示意图'><img src='/images/f.png' alt='照片'></div>")
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    pages = {
        "/": site_home,
        "/files/a.pdf": Reply(ERROR_PAGE, headers=HTML),  # HEAD and GET: an error page with 200
        "/files/b.pdf": head_html_get(PDF + b"\0" * (3 * MAXSIZE), get_type="text/html"),  # a real PDF, wrong type
        "/files/d.docx": head_html_get(b"PK\x03\x04" + b"\0" * 512),
        "/files/e.xls": Reply(b"\xd0\xcf\x11\xe0" + b"\0" * 512, headers={"Content-Type": "application/vnd.ms-excel"}),
        "/images/c.jpg": Reply(site_home.encode(), headers=HTML),  # the homepage, served for a missing image
        "/images/f.png": head_html_get(png, get_type="image/png"),
    }
    with LoopbackSite(pages) as site:
        result = run_xxgk_crawl(site.url("/"), tmp_path / "x.db", "--as-of", "2026-11-25", "--render", "never",
                                "-s", f"DOWNLOAD_MAXSIZE={MAXSIZE}")
        assert result.code == 0, result.stderr
        assert site.requests("GET", "/files/e.xls") == 0  # its HEAD named a binary type: nothing to sniff
        for path in ("/files/a.pdf", "/files/b.pdf", "/files/d.docx", "/images/c.jpg", "/images/f.png"):
            assert site.requests("GET", path) == 1, path
    broken = {f["target"]: f for f in result.findings()["findings"] if f["check"] == "broken_link"}
    assert set(broken) == {site.url("/files/a.pdf"), site.url("/images/c.jpg")}
    assert all(f["reason"] == "soft_404" and f["confirmed"] for f in broken.values())
    rows = {row["url"]: row for row in result.store().pages(result.run_id) if row["method"] == "GET"}
    assert rows[site.url("/files/b.pdf")]["reason"] is None  # the 3 MB PDF was sniffed, not fetched whole
    assert rows[site.url("/images/f.png")]["reason"] is None
