"""Conditional re-crawls: ask the site whether a page changed since the site's previous run.

A downloader middleware. When a run starts, it reads the validators (ETag, Last-Modified) of every
page the site's previous run (the latest earlier complete or partial run of the same site key) fetched
with 200. A GET for one of those URLs carries If-None-Match / If-Modified-Since; a 304 answer becomes
the stored snapshot again, a 200 response with the stored headers and body, flagged `revalidated`.
The spider reads it as if it had been sent, so lists are still walked and new documents found, while
the server sends no body and the store keeps the body it has (bodies are stored once per hash).

Rendered requests (Playwright) are left alone: a browser has its own cache and its own idea of them.
Settings: XXGK_CONDITIONAL (default True).
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes

from crawler.store import Store

REVALIDATED = "revalidated"  # response flag: a 304 answered with the stored snapshot


@dataclass(frozen=True)
class Snapshot:
    body_hash: str
    etag: str | None
    last_modified: str | None
    content_type: str | None


class ConditionalRequests:
    def __init__(self, crawler):
        self.crawler = crawler
        self.snapshots: dict[str, Snapshot] = {}
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("XXGK_CONDITIONAL"):
            raise NotConfigured("XXGK_CONDITIONAL is off")
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_opened(self, spider) -> None:
        self.store = Store(spider.db_path)
        previous = self.store.previous_run(spider.run_id)
        if previous is not None:
            for url, headers, digest in self.store.fetched_bodies(previous["id"]):
                if headers.get("etag") or headers.get("last-modified"):
                    self.snapshots[url] = Snapshot(digest, headers.get("etag"), headers.get("last-modified"),
                                                   headers.get("content-type"))

    def spider_closed(self, spider) -> None:
        if self.store is not None:
            self.store.close()

    def process_request(self, request: Request, spider=None) -> None:
        snapshot = self.snapshots.get(request.url)
        if snapshot is None or request.method != "GET" or request.meta.get("playwright"):
            return
        if snapshot.etag:
            request.headers.setdefault("If-None-Match", snapshot.etag)
        elif snapshot.last_modified:
            request.headers.setdefault("If-Modified-Since", snapshot.last_modified)
        else:
            return
        request.meta["xxgk_revalidating"] = snapshot

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        snapshot: Snapshot | None = request.meta.get("xxgk_revalidating")
        if response.status != 304 or snapshot is None:
            return response
        body = self.store.body(snapshot.body_hash) if self.store is not None else None
        if body is None:  # pruned since: ask again without validators
            retry = request.replace(dont_filter=True)
            for name in ("If-None-Match", "If-Modified-Since"):
                retry.headers.pop(name, None)
            retry.meta.pop("xxgk_revalidating", None)
            self.snapshots.pop(request.url, None)
            return retry
        headers = Headers(response.headers)
        if snapshot.content_type:
            headers["Content-Type"] = snapshot.content_type
        self.crawler.stats.inc_value("xxgk/revalidated")
        cls = responsetypes.from_args(headers=headers, url=response.url, body=body)
        return cls(url=response.url, status=200, headers=headers, body=body, request=request,
                   flags=[*response.flags, REVALIDATED], protocol=response.protocol)
