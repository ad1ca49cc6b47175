"""Running a crawl end to end: fetch → parse → store → check, the same from `xxgk` and `scrapy crawl`.

run_crawl() starts (or resumes) a run per site in the store and runs the `disclosure` spider in this
process, one crawler and one spider for every site of the batch (crawler/sites.py says why); when the
spider closes, finish_run() settles each run's status from what the crawl of its site could and could
not see (contract, "Run status"). The check step then judges the stored snapshots, once the crawl's
state is gone: a lone site's in this process, a batch's in a child process per site, one at a time, so
each check pass's memory is its own (`scrapy crawl`, with no runner around it, judges as the spider
closes).
"""

from __future__ import annotations

import gc
import logging
from datetime import datetime
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.extensions import RUN_LOST
from crawler.outcomes import START_FAILURES, Reason, http_status
from crawler.pipelines import STORE_UNAVAILABLE_STAT
from crawler.resume import resumable_run, resume_identity
from crawler.roles import Role
from crawler.store import SHANGHAI, RunStatus, Store, site_key


def default_as_of() -> str:
    """Today in Asia/Shanghai: the contract's default evaluation date."""
    return datetime.now(SHANGHAI).date().isoformat()


def run_options(spider, site) -> dict[str, Any]:
    return {"level": spider.level, "no_external": spider.no_external,
            "allow_hosts": sorted(site.scope.site_hosts), "max_pages": getattr(spider, "max_pages", None),
            "robots": spider.crawler.settings.getbool("ROBOTSTXT_OBEY"),
            "render": spider.crawler.settings.get("XXGK_RENDER")}


def crawl_settings(overrides: dict[str, str] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(urls: list[str], db: str, as_of: str | None, *, level: str | None = None,
              settings: dict[str, str] | None = None, spider_args: dict[str, Any] | None = None,
              rules: dict[str, Any] | None = None, fresh: bool = False) -> list[int]:
    """Crawl the sites into `db` concurrently, one run each, run the checks, and return the run ids in
    the order of `urls`.

    Each site's latest run is resumed instead of starting a new one when it was interrupted and may be
    resumed (crawler/resume.py), unless `fresh`.

    :param urls: each site's homepage or its disclosure landing page (distinct).
    :param as_of: evaluation date (YYYY-MM-DD) every freshness rule and deadline is measured from; None
        for a resumed run's own, else today in Asia/Shanghai.
    :param settings: Scrapy settings to override (`-s NAME=VALUE`).
    :param spider_args: further spider arguments (allow_host, no_external, max_pages), for every site.
    :param rules: the rules the run is judged by (checks.rules.Rules.record()); packaged ones when None.
    """
    settings, spider_args = dict(settings or {}), dict(spider_args or {})
    store = Store(db)
    identity = resume_identity(as_of or default_as_of(), settings, spider_args, rules)
    run_ids = []
    for url in urls:
        resumed = None if fresh else resumable_run(store, site_key(url), identity, as_of_given=as_of is not None)
        if resumed is not None:
            store.resume_run(resumed["id"])
            settings["XXGK_RESUME"] = "True"  # the runs not resumed have nothing stored to replay
            run_ids.append(resumed["id"])
        else:
            run_ids.append(store.start_run(url, url, identity["as_of"],
                                           {"settings": settings, **spider_args, "resume": identity},
                                           level=level, rules=rules))
    store.close()
    crawl_process(list(zip(urls, run_ids, strict=True)), db, level, settings, spider_args)
    for run_id in run_ids:
        if len(run_ids) == 1:
            check_finished_run(db, run_id)
        else:
            check_in_child(db, run_id)
    return run_ids


def crawl_process(sites: list[tuple[str, int]], db: str, level: str | None, settings: dict[str, str],
                  spider_args: dict[str, Any]) -> None:
    """The crawl itself; when it returns, nothing of the crawl's state is referenced any more."""
    overrides = {**settings, "XXGK_DB": db, "XXGK_CHECK_IN_CRAWL": "False"}
    process = CrawlerProcess(batch_settings(overrides, len(sites)))
    from spiders.disclosure import DisclosureSpider

    process.crawl(DisclosureSpider, sites=sites, db=db, level=level, **spider_args)
    one_line_exceptions()  # after crawl(): Scrapy installs its log handler per crawler
    process.start()


def batch_settings(overrides: dict[str, str], sites: int) -> Settings:
    """The crawl's settings for `sites` sites: the overall request limit grows with them, so each site
    gets what a lone crawl would; the per-host limits stay as they are, shared by every site on a host."""
    settings = crawl_settings(overrides)
    if sites > 1:
        settings.set("CONCURRENT_REQUESTS", settings.getint("CONCURRENT_REQUESTS") * sites,
                     priority=settings.getpriority("CONCURRENT_REQUESTS"))
    return settings


def check_in_child(db: str, run_id: int) -> None:
    """The check step of one site of a batch, in a process of its own (spawned: nothing of the crawl's
    memory carried over), so the checks of many sites never add up in one process."""
    import multiprocessing

    child = multiprocessing.get_context("spawn").Process(target=check_finished_run, args=(db, run_id),
                                                         name=f"check-{run_id}")
    child.start()
    child.join()
    if child.exitcode != 0:
        logging.getLogger(__name__).error("运行 %s 的检查失败（子进程退出码 %s）", run_id, child.exitcode)


def check_finished_run(db: str, run_id: int) -> None:
    """The check step, once the crawl and its state are gone: the checks' memory reuses the crawl's
    instead of adding to it. An interrupted run is not judged."""
    from checks import check_run

    gc.collect()
    store = Store(db)
    try:
        if store.run(run_id)["status"] not in (RunStatus.RUNNING, RunStatus.INTERRUPTED):
            check_run(store, run_id)
    finally:
        store.close()


class OneLineExceptionFormatter(logging.Formatter):
    """Scrapy logs failed downloads with a traceback; on our command line a failure is one line."""

    def formatException(self, ei) -> str:
        return f"  ({ei[0].__name__}: {ei[1]})" if ei and ei[0] else ""

    def formatStack(self, stack_info: str) -> str:
        return ""


def one_line_exceptions() -> None:
    for handler in logging.getLogger().handlers:
        current = handler.formatter
        handler.setFormatter(OneLineExceptionFormatter(current._fmt if current else None,
                                                       current.datefmt if current else None))


def finish_run(spider, reason: str) -> None:
    """Settle each site's run status and coverage when the spider closes; under `scrapy crawl` (no
    runner around it) run the check step right away too."""
    for site in spider.sites:
        settle_run(spider, site, site.stopped or reason)


def settle_run(spider, site, reason: str) -> None:
    store = Store(spider.db_path)
    try:
        not_covered = coverage_gaps(site)
        status = run_status(spider, site, reason, not_covered)
        stats = {k.replace("/", "_"): v for k, v in spider.crawler.stats.get_stats().items()
                 if isinstance(v, int | float) and k.startswith(("downloader/response_count", "xxgk/",
                                                                   "response_received_count", "item_scraped"))}
        if len(spider.sites) > 1:  # the crawler's counters are the batch's: the run keeps its own apart
            stats = {"response_received_count": site.responses, "batch": stats}
        stats["platform_found"] = bool(site.state.landings)
        stats["landings"] = site.state.landings
        stats["sections"] = site.state.sections
        pages = store.run(site.run_id).get("pages") or 0
        store.finish_run(site.run_id, status, not_covered, pages, stats)
        if status is not RunStatus.INTERRUPTED and spider.crawler.settings.getbool("XXGK_CHECK_IN_CRAWL"):
            from checks import check_run

            check_run(store, site.run_id)
    finally:
        store.close()


def coverage_gaps(site) -> list[dict[str, str]]:
    gaps = [dict(g) for g in site.not_covered]
    if site.start_outcome.get("reason") not in START_FAILURES and not site.state.landings:
        gaps.append({"url": site.start_url, "reason": Reason.PLATFORM_NOT_FOUND, "role": Role.LANDING})
    if site.hit_max_pages:
        gaps.append({"url": site.start_url, "reason": Reason.MAX_PAGES, "role": Role.PLATFORM})
    return gaps


def run_status(spider, site, close_reason: str, gaps: list[dict[str, str]]) -> RunStatus:
    start_reason = site.start_outcome.get("reason")
    if start_reason in START_FAILURES or http_status(start_reason) is not None:
        return RunStatus.FAILED
    if close_reason in ("shutdown", "cancelled", RUN_LOST) or close_reason.startswith("error") \
            or not site.start_outcome or spider.crawler.stats.get_value(STORE_UNAVAILABLE_STAT):
        return RunStatus.INTERRUPTED
    return RunStatus.PARTIAL if gaps else RunStatus.COMPLETE
