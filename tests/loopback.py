"""A small site of a test's own on loopback: fixed pages by path, optional delays, a request log.

    with LoopbackSite(pages, delays={"/slow/": 1.5}) as site:
        run_xxgk_crawl(site.url("/"), db)
        site.requests("GET", "/a.html")   # how often the crawl asked for it

A page is HTML text (200, text/html; charset=utf-8), or a `Reply` for any status, headers and body.
A path not in `pages` answers 404. Delays only order the crawl's responses; no test times anything.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})


Page = str | Reply | Callable[[BaseHTTPRequestHandler], Reply]


class LoopbackSite:
    def __init__(self, pages: dict[str, Page], *, host: str = "127.0.0.1", delays: dict[str, float] | None = None):
        self.pages = pages
        self.delays = delays or {}
        self.log: Counter[tuple[str, str]] = Counter()
        self.server = ThreadingHTTPServer((host, 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LoopbackSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def origin(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def requests(self, method: str, path: str) -> int:
        return self.log[(method, path)]

    def reply(self, handler: BaseHTTPRequestHandler) -> Reply:
        path = urlsplit(handler.path).path
        page = self.pages.get(path)
        if page is None:
            return Reply(b"<html><body>404 Not Found</body></html>", 404)
        if isinstance(page, str):
            return Reply(page.encode("utf-8"))
        return page if isinstance(page, Reply) else page(handler)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self.answer(send_body=True)

            def do_HEAD(self) -> None:
                self.answer(send_body=False)

            def answer(self, send_body: bool) -> None:
                path = urlsplit(self.path).path
                site.log[(self.command, path)] += 1
                if path in site.delays:
                    time.sleep(site.delays[path])
                reply = site.reply(self)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in reply.headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if send_body:
                    self.wfile.write(reply.body)

            def log_message(self, *args) -> None:
                pass

        return Handler
