"""A small site of a test's own on loopback: fixed pages by path, optional delays, a request log.

    with LoopbackSite(pages, delays={"/slow/": 1.5}) as site:
        run_xxgk_crawl(site.url("/"), db)
        site.requests("GET", "/a.html")   # how often the crawl asked for it

A page is HTML text (200, text/html; charset=utf-8), a `Reply` for any status, headers and body, or a
function of the request handler (to answer HEAD and GET differently, or honour a Range header). Paths
not in `pages` go to `fallback` (generated pages: an endless calendar), else answer 404. Delays only
order the crawl's responses; no test times anything.
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
    length: bool = True  # False: no Content-Length, the body ends when the connection closes


Page = str | Reply | Callable[[BaseHTTPRequestHandler], Reply]


class LoopbackSite:
    def __init__(self, pages: dict[str, Page], *, host: str = "127.0.0.1", delays: dict[str, float] | None = None,
                 fallback: Callable[[str], Page | None] | None = None):
        self.pages = pages
        self.fallback = fallback
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

    def paths(self, method: str, prefix: str) -> list[str]:
        """The paths (with their queries) asked for with `method` under `prefix`."""
        return sorted(path for (m, path), _ in self.log.items() if m == method and path.startswith(prefix))

    def reply(self, handler: BaseHTTPRequestHandler) -> Reply:
        path = urlsplit(handler.path).path
        page = self.pages.get(handler.path) or self.pages.get(path)
        if page is None and self.fallback is not None:
            page = self.fallback(path)
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
                site.log[(self.command, self.path)] += 1
                if path in site.delays:
                    time.sleep(site.delays[path])
                reply = site.reply(self)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if not reply.length:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                elif "Content-Length" not in reply.headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if send_body:
                    try:
                        self.wfile.write(reply.body)
                    except (BrokenPipeError, ConnectionResetError):
                        self.close_connection = True  # the crawler stopped reading: it had enough

            def log_message(self, *args) -> None:
                pass

        return Handler
