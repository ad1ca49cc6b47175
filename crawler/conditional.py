"""Conditional re-crawls: ask the site whether a page changed since the site's previous run.

A downloader middleware. When a run starts, it reads the validators (ETag, Last-Modified) of every
page the site's previous run (of each site of a batch) (the latest earlier complete or partial run of the same site key) fetched
with 200. A GET for one of those URLs carries If-None-Match / If-Modified-Since; a 304 answer becomes
the stored snapshot again, a 200 response with the stored headers and body, flagged `revalidated`.
The spider reads it as if it had been sent, so lists are still walked and new documents found, while
the server sends no body and the store keeps the body it has (bodies are stored once per hash).

Rendered requests (Playwright) are left alone: a browser has its own cache and its own idea of them.
Settings: XXGK_CONDITIONAL (default True).
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.http import Request, Response

from crawler.stored import StoreBackedMiddleware

REVALIDATED = "revalidated"  # response flag: a 304 answered with the stored snapshot


@dataclass(frozen=True)
class Snapshot:
    body_hash: str
    etag: str | None
    last_modified: str | None
    content_type: str | None


class ConditionalRequests(StoreBackedMiddleware):
    enabled_by = "XXGK_CONDITIONAL"

    def __init__(self, crawler):
        super().__init__(crawler)
        self.snapshots: dict[str, Snapshot] = {}

    def opened(self, spider) -> None:
        for site in spider.sites:  # a batch: every site's previous run
            previous = self.store.previous_run(site.run_id)
            if previous is None:
                continue
            for url, headers, digest in self.store.fetched_bodies(previous["id"]):
                if headers.get("etag") or headers.get("last-modified"):
                    self.snapshots[url] = Snapshot(digest, headers.get("etag"), headers.get("last-modified"),
                                                   headers.get("content-type"))

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
        headers = {k.decode("latin-1"): v[0].decode("latin-1") for k, v in response.headers.items() if v}
        if snapshot.content_type:
            headers["Content-Type"] = snapshot.content_type
        stored = self.stored_response(request, response.url, 200, headers, snapshot.body_hash, REVALIDATED)
        if stored is None:  # pruned since: ask again without validators
            retry = request.replace(dont_filter=True)
            for name in ("If-None-Match", "If-Modified-Since"):
                retry.headers.pop(name, None)
            retry.meta.pop("xxgk_revalidating", None)
            self.snapshots.pop(request.url, None)
            return retry
        self.crawler.stats.inc_value("xxgk/revalidated")
        return stored
