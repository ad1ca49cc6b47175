"""SnapshotPipeline: writes the spider's page and link records to the snapshot store in batches.

Bodies are stored once per SHA-256 (crawler/store.py); a page that did not change since an earlier
run only adds a `pages` row pointing at the body the database already holds. At the end of the crawl
it stores the columns the spider assembled. Settings: XXGK_DB.
"""

from __future__ import annotations

from typing import Any

from crawler.pages import page_key
from crawler.store import Store, body_hash

BATCH = 500


class SnapshotPipeline:
    def __init__(self, crawler, db_path: str):
        self.crawler = crawler
        self.db_path = db_path
        self.store: Store | None = None
        self.pages: list[dict[str, Any]] = []
        self.pending: dict[tuple[str, str, str], dict[str, Any]] = {}  # rows not written yet, by request
        self.links: list[dict[str, Any]] = []
        self.known_bodies: set[str] = set()
        self.page_count = 0

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.get("XXGK_DB"))

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.store = Store(getattr(spider, "db_path", None) or self.db_path)
        spider.db_path = str(self.store.path)
        if spider.run_id is None:  # `scrapy crawl disclosure` without the xxgk CLI around it
            from crawler.runner import default_as_of, run_options

            spider.as_of = spider.as_of or default_as_of()
            spider.run_id = self.store.start_run(spider.homepage, spider.start_url, spider.as_of,
                                                 run_options(spider), level=spider.level)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        spider = self.crawler.spider
        kind = item.pop("_type")
        if kind == "page":
            self.keep_body(item)
            item["run_id"] = spider.run_id
            self.pages.append(item)
            self.pending[page_key(item["method"], item["url"], item.get("form"))] = item
            self.page_count += 1
        elif kind == "page_update":
            self.update_page(item)
        elif kind == "screenshot":
            self.store.save_screenshot(spider.run_id, item["url"], item["png"], item["reason"], item["taken_at"])
        elif kind == "links":
            self.links.extend({**row, "run_id": spider.run_id} for row in item["rows"])
        if len(self.pages) >= BATCH or len(self.links) >= 10 * BATCH:
            self.flush()
        return {}

    def keep_body(self, fields: dict[str, Any]) -> None:
        body = fields.pop("body", None)
        if body is not None:
            fields["body_hash"] = self.save_body(body, fields.get("body_hash"))

    def update_page(self, item: dict[str, Any]) -> None:
        """A page that gained a role (or was rendered for it) after its row was emitted (crawler/pages.py)."""
        fields = dict(item["fields"])
        self.keep_body(fields)
        row = self.pending.get(page_key(item["method"], item["url"], item["form"]))
        if row is not None:
            row.update(fields)
        else:
            self.store.update_page(self.crawler.spider.run_id, item["url"], item["method"], item["form"], fields)

    def save_body(self, body: bytes, digest: str | None = None) -> str:
        digest = digest or body_hash(body)
        if digest not in self.known_bodies:
            self.store.save_body(body)
            self.known_bodies.add(digest)
        return digest

    def flush(self) -> None:
        with self.store.db.conn:
            if self.pages:
                self.store.save_pages(self.pages)
            if self.links:
                self.store.save_links(self.links)
        self.pages, self.links, self.pending = [], [], {}

    def close_spider(self) -> None:
        spider = self.crawler.spider
        self.flush()
        self.store.save_columns(spider.run_id, spider.state.assemble())
        self.store.update_run(spider.run_id, pages=self.page_count)
        self.store.close()
