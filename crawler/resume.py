"""Resuming an interrupted run (contract "Run status"): what it stored is kept and not fetched again.

The next `xxgk crawl` of the same site key resumes the latest run of that site when it was
`interrupted`, under the same run id, if its options are the same (`resume_identity`), it started less
than 24 hours ago and it has been resumed fewer than 3 times (`--fresh` starts over instead).

The crawl then starts from the start URL as usual, so the crawl state (platform, columns, lists) is
rebuilt page by page; but a request for something the run already stored is answered by this downloader
middleware from the stored snapshot, with no request to the server, and the pipeline adds no second
row for it. Only what the run had not stored goes to the network.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from scrapy.http import Request

from crawler.pages import page_key
from crawler.sites import SITE_META
from crawler.store import RunStatus, Store
from crawler.stored import StoreBackedMiddleware

RESUMED = "resumed"  # response flag: answered from what the interrupted run stored
MAX_AGE_SECONDS = 24 * 3600
MAX_RESUMES = 3


def resume_identity(as_of: str, settings: dict[str, str], spider_args: dict[str, Any],
                    rules: dict[str, Any] | None) -> dict[str, Any]:
    """The options a run is resumed only with (contract: -s settings other than these do not count)."""
    return {"as_of": as_of, "render": settings.get("XXGK_RENDER", "auto"),
            "max_pages": spider_args.get("max_pages"),
            "ignore_robots": str(settings.get("ROBOTSTXT_OBEY", "True")).lower() in ("false", "0"),
            "no_external": bool(spider_args.get("no_external")),
            "allow_host": sorted(filter(None, str(spider_args.get("allow_host") or "").split(","))),
            "rules": (rules or {}).get("hash")}


def resumable_run(store: Store, site_key: str, identity: dict[str, Any], as_of_given: bool) -> dict[str, Any] | None:
    """The run to resume for this site, or None: the site's latest run, when it was interrupted recently,
    with the same options (its --as-of is reused when none was given), and not resumed too often."""
    latest = store.latest_run_of(site_key)
    if latest is None or latest["status"] != RunStatus.INTERRUPTED:
        return None
    recorded = (latest.get("options") or {}).get("resume")
    if not recorded or (latest.get("resumes") or 0) >= MAX_RESUMES:
        return None
    if time.time() - datetime.fromisoformat(latest["started_at"]).timestamp() > MAX_AGE_SECONDS:
        return None
    wanted = identity if as_of_given else {**identity, "as_of": recorded.get("as_of")}
    return latest if recorded == wanted else None


class ReplayStored(StoreBackedMiddleware):
    """Downloader middleware: a request for what this run already stored is answered from the store."""

    enabled_by = "XXGK_RESUME"

    def __init__(self, crawler):
        super().__init__(crawler)
        self.stored: dict[tuple[int, str, str, str], dict[str, Any]] = {}  # by site index and page key

    def opened(self, spider) -> None:
        self.stored = {(site.index, *page_key(row["method"], row["url"], row["form"])): row
                       for site in spider.sites for row in self.store.pages(site.run_id, "status is not null")}

    def process_request(self, request: Request, spider=None):
        key = (request.meta.get("xxgk") or {}).get("key")
        row = self.stored.pop((request.meta.get(SITE_META, 0), *key), None) if key else None
        if row is None:
            return None
        response = self.stored_response(request, row["final_url"] or request.url, row["status"],
                                        row["headers"] or {}, row["body_hash"], RESUMED)
        if response is not None:  # else pruned meanwhile: fetch it after all
            self.crawler.stats.inc_value("xxgk/resumed_from_store")
        return response
