"""Answering a request from the snapshot store instead of the network: the base of the downloader
middlewares that do (crawler/conditional.py after a 304, crawler/resume.py for what an interrupted run
already stored)."""

from __future__ import annotations

from collections.abc import Mapping

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes

from crawler.store import Store

# Headers that described the bytes on the wire, not the stored (decoded) body.
WIRE_HEADERS = ("content-encoding", "content-length", "location", "set-cookie")


class StoreBackedMiddleware:
    """A downloader middleware with the crawl's store open from spider_opened to spider_closed.

    Subclasses name the setting that turns them on and load what they need in `opened(spider)`.
    """

    enabled_by: str

    def __init__(self, crawler):
        self.crawler = crawler
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool(cls.enabled_by):
            raise NotConfigured(f"{cls.enabled_by} is off")
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_opened(self, spider) -> None:
        self.store = Store(spider.db_path)
        self.opened(spider)

    def opened(self, spider) -> None:
        raise NotImplementedError

    def spider_closed(self, spider) -> None:
        if self.store is not None:
            self.store.close()

    def stored_response(self, request: Request, url: str, status: int, headers: Mapping[str, str],
                        body_hash: str | None, flag: str) -> Response | None:
        """The stored snapshot as a response to `request`, or None when its body is gone (pruned)."""
        body = self.store.body(body_hash) if body_hash else b""
        if body is None:
            return None
        kept = Headers({k: v for k, v in headers.items() if k.lower() not in WIRE_HEADERS})
        cls = responsetypes.from_args(headers=kept, url=url, body=body)
        return cls(url=url, status=status, headers=kept, body=body, request=request, flags=[flag])
