"""A small government site whose crawled text is hostile: a page title, a column name and link anchors
carrying markup and scripts, an ESC sequence in a column name, spreadsheet formulas at the start of
anchors and column names. Served by a real HTTP server on 127.0.0.x; whatever the site says must reach
every report as inert text.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SCRIPT = "&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;"
ESC = "\x1b[2J\x1b[31m"
BOLD_COLUMN = "<b>规划</b>"  # a column name that would turn bold if it were markup
ESC_COLUMN = f"人事信息{ESC}"
FORMULA_ANCHORS = ('=HYPERLINK("http://x","y")', "@SUM(1+1)", "+1+2 友情链接")
REPORT_TITLE = "<script>window.__pwned=5</script>青山县2024年政府信息公开工作年度报告"


def _page(title: str, body: str) -> str:
    return f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>{body}</body></html>'


PAGES = {
    "/": _page(f"{SCRIPT}青山县人民政府", (
        '<div class="nav"><a href="/zwgk/">政府信息公开</a></div><ul>'
        f'<li><a href="/gone.html">{SCRIPT}</a></li>'
        f'<li><a href="/gone2.html">{FORMULA_ANCHORS[0].replace(chr(34), "&quot;")}</a></li>'
        f'<li><a href="/gone3.html">{FORMULA_ANCHORS[1]}</a></li>'
        f'<li><a href="/gone4.html">{FORMULA_ANCHORS[2]}</a></li>'
        '<li><a href="javascript:window.__pwned=3">点击</a></li></ul>')),
    "/zwgk/": _page("政府信息公开", (
        '<ul><li><a href="/zwgk/zn/">政府信息公开指南</a></li><li><a href="/zwgk/zd/">政府信息公开制度</a></li>'
        '<li><a href="/zwgk/fd/">法定主动公开内容</a></li><li><a href="/zwgk/nb/">政府信息公开年报</a></li></ul>')),
    "/zwgk/fd/": _page("法定主动公开内容", (
        '<ul><li><a href="/zwgk/fd/ghjh/">&lt;b&gt;规划&lt;/b&gt;</a></li>'
        f'<li><a href="/zwgk/fd/rsxx/">{ESC_COLUMN}</a></li></ul>')),
    "/zwgk/nb/": _page("政府信息公开年报", (
        '<ul><li><a href="/zwgk/nb/2024.html">&lt;script&gt;window.__pwned=5&lt;/script&gt;'
        '青山县2024年政府信息公开工作年度报告</a><span>2025-03-20</span></li></ul>')),
    "/zwgk/nb/2024.html": _page("青山县2024年政府信息公开工作年度报告", "<p>正文</p>"),
    "/zwgk/zn/": _page("政府信息公开指南", "<p>内容</p>"),
    "/zwgk/zd/": _page("政府信息公开制度", "<p>内容</p>"),
    "/zwgk/fd/ghjh/": _page("规划计划", "<p>内容</p>"),
    "/zwgk/fd/rsxx/": _page("人事信息", "<p>内容</p>"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def _respond(self, with_body: bool) -> None:
        body = PAGES.get(self.path.split("?")[0])
        data = (body or "<html><body>404 Not Found</body></html>").encode()
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if with_body:
            self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(host: str = "127.0.0.3") -> Iterator[str]:
    """The site's homepage URL while the server runs."""
    server = ThreadingHTTPServer((host, 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
