"""SnapshotPipeline: writes the spider's page and link records to the snapshot store as they come.

Rows are buffered and written about once a second (XXGK_FLUSH_SECONDS), so a crawl killed with
SIGKILL loses at most the last second or so of fetched pages. Bodies are stored once per SHA-256
(crawler/store.py); a page that did not change since an earlier run only adds a `pages` row pointing
at the body the database already holds. At the end of the crawl it stores the columns the spider
assembled.

A busy database (another process holding the write lock) is not a loss: the rows stay buffered and the
write is tried again at the next tick; only when it keeps failing for XXGK_STORE_GIVE_UP_SECONDS is the
crawl stopped, and the run then ends `interrupted`, never `complete` with rows missing.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from twisted.internet import task

from crawler.pages import page_key
from crawler.store import Store, body_hash

WRITE_WAIT_MS = 50
MAX_BUFFERED_ROWS = 5000  # written at once past this, whatever the clock says, to bound memory
IDENTITY = ("method", "url", "form")
WHEN_FETCHED = ("fetched_at", "elapsed_ms", "attempts")  # a replayed page keeps those of its real fetch
STORE_UNAVAILABLE_STAT = "xxgk/store_unavailable"  # the run cannot end complete: rows were not written


class StoreUnavailable(Exception):
    """The database stayed locked or failing for longer than the crawl may wait."""


class SnapshotPipeline:
    def __init__(self, crawler, db_path: str, flush_seconds: float, give_up_seconds: float):
        self.crawler = crawler
        self.db_path = db_path
        self.flush_seconds = flush_seconds
        self.give_up_seconds = give_up_seconds
        self.store: Store | None = None
        self.pages: list[dict[str, Any]] = []
        self.pending: dict[tuple[str, str, str], dict[str, Any]] = {}  # rows not written yet, by request
        self.updates: list[tuple[int, str, str, Any, dict[str, Any]]] = []  # of rows already written
        self.links: list[dict[str, Any]] = []
        self.bodies: dict[str, tuple[bytes, bool]] = {}  # not yet written: hash → (data, compress)
        self.screenshots: list[dict[str, Any]] = []
        self.known_bodies: set[str] = set()
        self.page_count = 0
        # Resuming an interrupted run: its stored pages get no second row, their links no second copy.
        self.stored_keys: set[tuple[str, str, str]] = set()
        self.linked_sources: set[str] = set()
        self.failing_since: float | None = None
        self.ticker: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(crawler, settings.get("XXGK_DB"), settings.getfloat("XXGK_FLUSH_SECONDS"),
                   settings.getfloat("XXGK_STORE_GIVE_UP_SECONDS"))

    def open_spider(self) -> None:
        spider = self.crawler.spider
        # Waiting for a lock blocks the reactor, and with it every download's timeout clock: wait briefly
        # and try again at the next tick instead.
        self.store = Store(getattr(spider, "db_path", None) or self.db_path, busy_timeout_ms=WRITE_WAIT_MS)
        spider.db_path = str(self.store.path)
        if spider.run_id is None:  # `scrapy crawl disclosure` without the xxgk CLI around it
            from crawler.runner import default_as_of, run_options

            spider.as_of = spider.as_of or default_as_of()
            spider.run_id = self.store.start_run(spider.homepage, spider.start_url, spider.as_of,
                                                 run_options(spider), level=spider.level)
        if self.crawler.settings.getbool("XXGK_RESUME"):
            pages, self.linked_sources = self.store.stored_page_keys(spider.run_id)
            self.stored_keys = {page_key(*key) for key in pages}
            self.page_count = len(self.stored_keys)
        self.ticker = task.LoopingCall(self.tick)
        self.ticker.start(self.flush_seconds, now=False)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        spider = self.crawler.spider
        kind = item.pop("_type")
        if kind == "page" and page_key(item["method"], item["url"], item.get("form")) in self.stored_keys:
            self.update_page({**{k: item.get(k) for k in IDENTITY},
                              "fields": {k: v for k, v in item.items() if k not in IDENTITY + WHEN_FETCHED}})
        elif kind == "page":
            self.take_body(item)
            item["run_id"] = spider.run_id
            self.pages.append(item)
            self.pending[page_key(item["method"], item["url"], item.get("form"))] = item
            self.page_count += 1
        elif kind == "page_update":
            self.update_page(item)
        elif kind == "screenshot":
            digest = self.keep_body(item["png"], compress=False)  # PNGs are compressed already
            self.screenshots.append({"run_id": spider.run_id, "url": item["url"], "body_hash": digest,
                                     "reason": item["reason"], "taken_at": item["taken_at"]})
        elif kind == "links":
            self.links.extend({**row, "run_id": spider.run_id} for row in item["rows"]
                              if row["source_url"] not in self.linked_sources)
        if len(self.pages) + len(self.links) >= MAX_BUFFERED_ROWS:
            self.tick()
        return {}

    def take_body(self, fields: dict[str, Any]) -> None:
        body = fields.pop("body", None)
        if body is not None:
            fields["body_hash"] = self.keep_body(body)

    def update_page(self, item: dict[str, Any]) -> None:
        """A page that gained a role (or was rendered for it) after its row was emitted (crawler/pages.py):
        the row still buffered is changed in place, one already written at the next write."""
        fields = dict(item["fields"])
        self.take_body(fields)
        row = self.pending.get(page_key(item["method"], item["url"], item["form"]))
        if row is not None:
            row.update(fields)
        else:
            self.updates.append((self.crawler.spider.run_id, item["url"], item["method"], item["form"], fields))

    def keep_body(self, body: bytes, compress: bool = True) -> str:
        digest = body_hash(body)
        if digest not in self.known_bodies:
            self.known_bodies.add(digest)
            self.bodies[digest] = (body, compress)
        return digest

    def tick(self) -> None:
        """Write what is buffered; on a busy database keep it for the next tick, up to the give-up time."""
        try:
            self.flush()
        except sqlite3.OperationalError as exc:
            now = time.monotonic()
            self.failing_since = self.failing_since or now
            if now - self.failing_since >= self.give_up_seconds:
                self.stop_crawl(exc)
            return
        self.failing_since = None

    def flush(self) -> None:
        if not (self.pages or self.links or self.bodies or self.screenshots or self.updates):
            return
        self.store.write_rows({"pages": self.pages, "links": self.links, "screenshots": self.screenshots},
                              self.bodies, self.updates)
        self.pages, self.links, self.bodies, self.screenshots, self.updates = [], [], {}, [], []
        self.pending = {}

    def stop_crawl(self, exc: Exception) -> None:
        """The database cannot take the crawl's rows: stop, so the run ends interrupted with nothing lost
        silently."""
        from scrapy.utils.defer import deferred_from_coro

        if self.ticker is not None and self.ticker.running:
            self.ticker.stop()
        self.crawler.spider.logger.error("数据库持续不可写（%s），抓取停止，运行标记为中断", exc)
        self.crawler.stats.set_value(STORE_UNAVAILABLE_STAT, 1)
        deferred_from_coro(self.crawler.engine.close_spider_async(reason="store_unavailable"))

    def close_spider(self) -> None:
        spider = self.crawler.spider
        if self.ticker is not None and self.ticker.running:
            self.ticker.stop()
        self.write_patiently(self.flush)
        self.write_patiently(lambda: self.store.save_columns(spider.run_id, spider.state.assemble()))
        self.write_patiently(lambda: self.store.update_run(spider.run_id, pages=self.page_count))
        self.store.close()

    def write_patiently(self, write) -> None:
        """At the end there is no next tick: wait for the database, with backoff, up to the give-up time."""
        deadline = time.monotonic() + self.give_up_seconds
        delay = 0.5
        while True:
            try:
                write()
                return
            except sqlite3.OperationalError as exc:
                if time.monotonic() + delay > deadline:
                    self.crawler.stats.set_value(STORE_UNAVAILABLE_STAT, 1)
                    raise StoreUnavailable(f"数据库持续不可写：{exc}") from exc
                time.sleep(delay)
                delay = min(delay * 2, 8.0)
