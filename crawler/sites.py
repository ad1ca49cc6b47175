"""One site of a crawl: its scope, crawl state, page book and outcome, apart from every other site's.

Scrapy keeps download slots (the per-host politeness limits) and scrapy-playwright its browser per
crawler, so a batch of sites (`xxgk crawl URL URL …`, `--sites FILE`) runs as one crawler with one
spider: a host several sites share keeps its limit in total and the process runs one browser. The
spider holds one Site per start URL and picks it by the request (SITE_META), so each run sees only its
own pages, links, columns and coverage gaps.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import scrapy

from crawler.crawlstate import CrawlState
from crawler.pages import PageBook
from crawler.scope import Scope, homepage_of

SITE_META = "xxgk_site"  # request meta: the index of the site a request was made for


@dataclass(eq=False)
class Site:
    """A site's own part of the crawl. `stopped` is the reason its crawl ended early (its start page
    failed, or its run was marked interrupted by another process); its requests are then dropped."""

    index: int
    start_url: str
    run_id: int | None
    scope: Scope
    homepage: str = ""
    state: CrawlState = field(default_factory=CrawlState)
    book: PageBook = field(default_factory=PageBook)
    not_covered: list[dict[str, str]] = field(default_factory=list)
    start_outcome: dict[str, str | None] = field(default_factory=dict)
    crawl_pages: int = 0
    hit_max_pages: bool = False
    trapped: set[str] = field(default_factory=set)
    responses: int = 0
    stopped: str | None = None
    router: Any = None  # crawler.routing.Router, made once the crawler's settings are known

    @classmethod
    def of(cls, index: int, url: str, run_id: int | None, allow_hosts: Iterable[str]) -> Site:
        scope = Scope()
        scope.add_site(url)
        for host in allow_hosts:
            scope.add_site(host)
        return cls(index, url, run_id, scope, homepage=homepage_of(url))

    def tag(self, results: Iterable[Any]) -> Iterator[Any]:
        """The site's mark on what a callback made for it: its requests carry its index, its items its run."""
        for result in results:
            if isinstance(result, scrapy.Request):
                result.meta.setdefault(SITE_META, self.index)
            elif isinstance(result, dict):
                result.setdefault("_run", self.run_id)
            yield result
