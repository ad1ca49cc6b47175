"""Small government sites served under their own host names on loopback addresses (127.0.0.x).

Scope is decided by host name, so scope tests use names (www.qingshan.gov.cn, www.zj.gov.cn), each on an
address of its own, and pass the crawl the map from names to addresses (`XXGK_HOST_MAP`, which the
resolver and Chromium both read: crawler/resolver.py). Pages are plain strings; `{{host}}` in a page
becomes that host's origin (`http://www.zj.gov.cn:PORT`) as it is served. A path that is not in a site's
pages answers 404; a `Redirect` answers 302 with its location.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

TYPES = {".js": "application/javascript; charset=utf-8", ".pdf": "application/pdf", ".png": "image/png"}


@dataclass(frozen=True)
class Redirect:
    location: str  # may use {{host}} placeholders
    status: int = 302


@dataclass
class Site:
    host: str
    address: str  # 127.0.0.x
    pages: dict[str, str | Redirect]  # path (query included) → body, or a redirect


@dataclass
class Served:
    origins: dict[str, str]  # host → http://host:port
    addresses: dict[str, str]  # host → 127.0.0.x
    requests: dict[str, list[str]] = field(default_factory=dict)  # host → paths asked for, in order

    def url(self, host: str, path: str = "/") -> str:
        return self.origins[host] + path

    def expand(self, text: str) -> str:
        for host, origin in self.origins.items():
            text = text.replace("{{" + host + "}}", origin)
        return text

    def host_map_setting(self) -> list[str]:
        return ["-s", "XXGK_HOST_MAP=" + json.dumps(self.addresses)]


def _handler(site: Site, served: Served) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_HEAD(self) -> None:
            self.answer(head=True)

        def do_GET(self) -> None:
            self.answer(head=False)

        def answer(self, head: bool) -> None:
            served.requests.setdefault(site.host, []).append(self.path)
            page = site.pages.get(self.path, site.pages.get(urlsplit(self.path).path))
            if isinstance(page, Redirect):
                self.send_response(page.status)
                self.send_header("Location", served.expand(page.location))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = 200 if page is not None else 404
            text = page if page is not None else "<html><head><title>404</title></head><body>页面不存在</body></html>"
            body = served.expand(text).encode("utf-8")
            suffix = "." + self.path.rsplit(".", 1)[-1] if "." in self.path.rsplit("/", 1)[-1] else ""
            self.send_response(status)
            self.send_header("Content-Type", TYPES.get(suffix, "text/html; charset=utf-8"))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)

    return Handler


@contextmanager
def serve(*sites: Site) -> Iterator[Served]:
    """Serve each site on its own address (an OS-chosen port) until the block ends."""
    served = Served(origins={}, addresses={site.host: site.address for site in sites})
    servers = []
    for site in sites:
        server = ThreadingHTTPServer((site.address, 0), _handler(site, served))
        server.daemon_threads = True
        served.origins[site.host] = f"http://{site.host}:{server.server_address[1]}"
        servers.append(server)
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    try:
        yield served
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
