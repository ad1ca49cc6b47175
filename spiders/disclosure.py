"""Spider `disclosure`: walks one site's 政府信息公开 platform and verifies every link it finds.

    scrapy crawl disclosure -a url=https://www.example.gov.cn/ [-a as_of=YYYY-MM-DD] [-a db=PATH]

What it fetches (contract, "Commands"): the start URL and the site's homepage; the first list page of
every column the homepage's navigation links to; the whole platform in depth (landing, sections,
columns, every list page through the CMS's own pager or data endpoint, every document). Every link
target on those pages gets a status: in-scope pages by the crawl itself, the rest by one request
(HEAD, then GET).

The spider is a coordinator; data flows one way, fetch → parse → store:
- crawler/pages.py     one entry per request, with every role any link gives the page;
- crawler/routing.py   which link gets which role (and so which request);
- crawler/render.py    which page goes through the browser; crawler/screenshots.py the evidence shots;
- crawler/retries.py   suspected failures tried again late, with backoff (crawler/outcomes.py says which);
- crawler/downloads.py body sizes and sniffing; crawler/traps.py the bounds on endless pages;
- crawler/records.py   the `pages` and `links` rows the store keeps.
It knows nothing of scoring: the checks judge what it stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from parsel import Selector
from scrapy import signals
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler import downloads, records
from crawler.crawlstate import CrawlState
from crawler.outcomes import (
    START_FAILURES,
    TRANSPORT_REASONS,
    Reason,
    failure_reason,
    failure_size,
    http_reason,
    is_broken,
    is_suspect,
)
from crawler.pages import PageBook, PageEntry, Progress, RecentBodies
from crawler.parse.challenge import classify_challenge
from crawler.parse.encoding import decode_body
from crawler.parse.lists import extract_list
from crawler.parse.page import parse_page
from crawler.parse.soft404 import binary_soft_404, soft_404_reason
from crawler.parse.types import ATTACHMENT, IMAGE, PAGE, Link, ParsedPage
from crawler.render import RENDER_MODES, Renderer, browser_executable, browser_meta, playwright_settings
from crawler.resolver import chromium_rules, host_map
from crawler.retries import Retries, original_url
from crawler.roles import (
    BOX_ROLES,
    COLUMN_ROLES,
    COVERAGE_ROLES,
    LIST_ROLES,
    UNCOUNTED_ROLES,
    Role,
    strongest,
)
from crawler.routing import Router, Want
from crawler.scope import Scope, homepage_of
from crawler.screenshots import Screenshots
from crawler.store import Store, body_hash, now_iso
from crawler.traps import TrapBounds

# Statuses challenge pages answer with; once a browser passes the challenge, the page is what counts.
CHALLENGE_STATUSES = {202, 403, 412, 418, 422, 521}
DATA_LIST_ROLES = frozenset({Role.COLUMN, Role.LIST_PAGE})  # data endpoints: lists without HTML around them


class DisclosureSpider(scrapy.Spider):
    name = "disclosure"
    # Every status reaches the callbacks (4xx/5xx are evidence; 412/521 are challenges). Redirects are
    # left to RedirectMiddleware, which honours this list, so 3xx codes are not in it.
    handle_httpstatus_list: ClassVar[list[int]] = list(range(400, 600))

    def __init__(self, url: str | None = None, as_of: str | None = None, db: str | None = None,
                 level: str | None = None, allow_host: str = "", no_external: str | bool = False,
                 run_id: str | int | None = None, max_pages: str | int | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        if not url:
            raise ValueError("缺少起始网址：scrapy crawl disclosure -a url=https://…")
        self.start_url = url
        self.homepage = homepage_of(url)
        self.as_of = as_of
        self.db_path = db
        self.level = level
        self.run_id = int(run_id) if run_id else None
        self.no_external = str(no_external).lower() in ("1", "true", "yes")
        self.max_pages_arg = int(max_pages) if max_pages else None
        self.scope = Scope()
        self.scope.add_site(url)
        for host in filter(None, (h.strip() for h in str(allow_host).split(","))):
            self.scope.add_site(host)
        self.state = CrawlState()
        self.book = PageBook()
        self.recent_bodies = RecentBodies()
        self.reader: Store | None = None  # reads bodies back for pages processed again
        self.not_covered: list[dict[str, str]] = []
        self.start_outcome: dict[str, str | None] = {}
        self.crawl_pages = 0
        self.hit_max_pages = False
        self.trapped: set[str] = set()

    @classmethod
    def update_settings(cls, settings) -> None:
        """Route rendered requests through Chromium when rendering is on and a browser exists."""
        super().update_settings(settings)
        mode = settings.get("XXGK_RENDER")
        if mode not in RENDER_MODES:
            raise ValueError(f"XXGK_RENDER 应为 auto、never 或 always：{mode}")
        executable = browser_executable() if mode != "never" else None
        settings.set("XXGK_BROWSER", executable or "", priority="spider")
        if executable:
            pool = settings.getint("XXGK_RENDER_POOL")
            rules = chromium_rules(host_map(settings))
            for name, value in playwright_settings(executable, pool, rules).items():
                settings.set(name, value, priority="spider")

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_pages = spider.max_pages_arg or settings.getint("XXGK_MAX_PAGES")
        spider.body_types = tuple(settings.getlist("XXGK_BODY_TYPES"))
        spider.retries = Retries.from_settings(crawler)
        spider.renderer = Renderer.from_settings(crawler)
        spider.screenshots = Screenshots(spider.logger, spider.renderer.available,
                                         settings.getint("XXGK_SCREENSHOT_MAX"), now_iso)
        verify_external = settings.getbool("XXGK_VERIFY_EXTERNAL") and not spider.no_external
        spider.router = Router(spider.scope, spider.state, spider.start_url, verify_external,
                               TrapBounds.from_settings(settings))
        if spider.renderer.mode != "never" and not spider.renderer.browser:
            spider.logger.warning("未找到 Chromium：需要浏览器渲染的页面将记为未渲染（not_rendered，部分覆盖）")
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(downloads.count_bytes, signal=signals.bytes_received)
        return spider

    @property
    def pending_retries(self) -> int:
        return self.retries.pending

    def on_idle(self, spider) -> None:
        self.retries.keep_open()

    def closed(self, reason: str) -> None:
        if self.reader is not None:
            self.reader.close()

    # -- requests --------------------------------------------------------------------------------
    async def start(self):
        for request in self.want(Want(self.start_url, Role.START)):
            yield request
        if self.homepage.rstrip("/") != self.start_url.rstrip("/"):
            for request in self.want(Want(self.homepage, Role.HOMEPAGE)):
                yield request

    def want(self, want: Want) -> Iterator[scrapy.Request]:
        """A request for a page wanted in a role; or, when the page was requested already, the role is
        added to it (crawler/pages.py): it is processed for that role without a second request."""
        entry = self.book.get(want.method, want.url, want.formdata)
        if entry is not None and want.role in entry.roles:
            return
        if want.trap:
            self.note_trap(want)
            return
        if want.role not in UNCOUNTED_ROLES and (entry is None or entry.roles <= UNCOUNTED_ROLES):
            if self.crawl_pages >= self.max_pages:
                self.hit_max_pages = True
                return
            self.crawl_pages += 1
        context = {"column": want.column, "anchor": want.anchor, "source": want.source, "depth": want.depth}
        if entry is not None:
            self.book.give_role(entry, want.role, **context)
            return
        entry = self.book.add(PageEntry(want.url, want.method, want.formdata, want.kind, {want.role}, **context))
        yield self.request(entry)

    def note_trap(self, want: Want) -> None:
        if want.url not in self.trapped:
            self.trapped.add(want.url)
            self.crawler.stats.inc_value("xxgk/trap")
            self.not_covered.append({"url": want.url, "reason": Reason.TRAP, "role": want.role})

    def wants(self, wants: Iterator[Want]) -> Iterator[scrapy.Request]:
        for want in wants:
            yield from self.want(want)

    def request(self, entry: PageEntry) -> scrapy.Request:
        meta: dict[str, Any] = {
            "xxgk": {"key": entry.key, "attempt": 1},
            "dont_obey_robotstxt": entry.roles == {Role.TARGET} and not self.scope.is_site(entry.url)}
        if entry.role.crawls and entry.method == "GET" and self.renderer.straight_to_browser(entry.url):
            meta["xxgk"].update(rendered=True, render_reason="challenge_host")
            meta.update(browser_meta(screenshot=False))
        kwargs = {"callback": self.on_response, "errback": self.on_failure, "meta": meta,
                  "priority": entry.role.priority, "dont_filter": True}
        if entry.formdata is not None:
            return scrapy.FormRequest(entry.url, method=entry.method, formdata=entry.formdata, **kwargs)
        return scrapy.Request(entry.url, method=entry.method, **kwargs)

    def entry_of(self, request: scrapy.Request) -> PageEntry:
        return self.book.entries[request.meta["xxgk"]["key"]]

    # -- responses -------------------------------------------------------------------------------
    def on_response(self, response: Response):
        entry = self.entry_of(response.request)
        info = response.meta["xxgk"]
        self.router.settle_roles(entry, response.url)
        record = records.response_record(response, entry, self.scope)
        if info.get("sniff"):
            yield from self.judge_sniffed(response, entry, record)
            yield from self.drain()
            return
        text = self.decode(response, record)
        protection = classify_challenge(response.status, record["headers"], text or "") if text is not None else None
        passed = info.get("rendered") and not protection and response.status in CHALLENGE_STATUSES
        status = 200 if passed else response.status  # a browser got past the challenge: judge the page
        if passed:
            record.update(status=status, passed_challenge=response.status)
        parsed, soft = None, None
        if not protection and text is not None and status < 400 and records.is_html_like(text):
            parsed = records.normalized(parse_page(response.url, text, expect_list=bool(entry.roles & LIST_ROLES),
                                                      boxes=bool(entry.roles & BOX_ROLES)))
            records.describe_page(record, parsed)
            soft = soft_404_reason(entry.url, response.url, status, text, parsed.title, self.homepage,
                                   parsed.meta_refresh)
        if not info.get("rendered") and not soft:
            render = self.render_request(response.request, entry, parsed, protection, text)
            if render is not None:
                yield render
                return
        yield from self.screenshots.items(response)
        if protection:
            record.update(blocked=protection, reason=Reason.BLOCKED)
        elif soft:
            record.update(soft_404=soft, reason=soft)
        elif status >= 400 and response.request.method == "HEAD":
            yield self.retries.as_get(response.request)  # some servers refuse HEAD: GET decides
            return
        elif self.needs_sniff(response, entry):
            yield downloads.sniff_request(response.request, entry.url)
            return
        failed = record["reason"] or http_reason(status)
        if failed is None and Role.START in entry.roles and parsed is None:
            failed = Reason.NOT_HTML  # nothing to crawl from a PDF or an image: not "platform not found"
        yield from self.finish(response.request, entry, record, failed)
        if entry.progress is Progress.DONE and not entry.reason:
            yield from self.crawl(entry, text, parsed, rendered=bool(info.get("rendered")))
        yield from self.drain()

    @staticmethod
    def needs_sniff(response: Response, entry: PageEntry) -> bool:
        """An attachment or image of the site whose HEAD answered an HTML page: its first bytes decide."""
        content_type = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        return response.request.method == "HEAD" and entry.kind in (ATTACHMENT, IMAGE) \
            and content_type.startswith(("text/html", "application/xhtml"))

    def judge_sniffed(self, response: Response, entry: PageEntry, record: dict[str, Any]):
        """Only the GET decides: many download endpoints answer HEAD with a default text/html."""
        failed = http_reason(response.status)
        if failed is None and binary_soft_404(response.body):
            digest = body_hash(response.body)
            record.update(soft_404=Reason.SOFT_404, body=response.body, body_hash=digest)  # the page, as evidence
            failed = Reason.SOFT_404
        yield from self.finish(response.request, entry, record, failed)

    def decode(self, response: Response, record: dict[str, Any]) -> str | None:
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        if not records.is_textual(response.request.method, content_type, response.body, self.body_types):
            return None
        decoded = decode_body(response.body, content_type)
        digest = body_hash(response.body)
        self.recent_bodies.add(digest, response.body)
        record.update(encoding=decoded.encoding, mojibake=int(decoded.mojibake), body=response.body,
                      body_hash=digest)
        return decoded.text

    def crawl(self, entry: PageEntry, text: str | None, parsed: ParsedPage | None, rendered: bool):
        """Process a fetched page for the roles that need it parsed and that it was not processed for."""
        if not entry.unprocessed():
            entry.handled |= entry.roles
            return
        entry.handled |= entry.roles
        if parsed is not None:
            yield from self.links_item(entry, parsed.links)
            yield from self.wants(self.router.follow(entry.url, entry, parsed))
            if entry.roles & COLUMN_ROLES and not rendered:
                yield from self.screenshots.requests(entry.url, "column")
        elif text is not None and entry.roles & DATA_LIST_ROLES:
            result = extract_list(entry.final_url, text, Selector(text=text))
            if result is not None and entry.column:
                yield from self.links_item(entry, [Link(item.url, item.title, PAGE) for item in result.items])
            yield from self.wants(self.router.follow_list_data(list_page_key(entry), entry, result))

    def links_item(self, entry: PageEntry, links: list[Link]) -> Iterator[dict[str, Any]]:
        if not entry.links_stored:
            entry.links_stored = True
            yield {"_type": "links", "rows": records.link_rows(entry.url, links, self.scope)}

    # -- processing a page again for a role it gained --------------------------------------------
    def drain(self):
        """Process the pages that gained a role needing a parse after they were done."""
        while (entry := self.book.take_to_process()) is not None:
            yield from self.process_again(entry)

    def process_again(self, entry: PageEntry):
        """From the response already fetched (crawler/pages.py), never a second request for it."""
        new_roles = entry.unprocessed()
        if entry.reason:  # the page failed: so it did for its new roles
            self.note_outcome(entry.final_url or entry.url, entry, entry.reason, new_roles)
            entry.handled |= entry.roles
            yield self.roles_update(entry)
            return
        final_url = entry.final_url or entry.url
        self.router.settle_roles(entry, final_url)
        body = self.stored_body(entry)
        if body is None and entry.body_hash is not None:
            # Neither recent nor written yet (the store was busy past the recent bodies' bound): the one
            # case where the page is asked for again rather than left unparsed.
            entry.progress = Progress.REQUESTED
            self.crawler.stats.inc_value("xxgk/refetched")
            yield self.request(entry)
            return
        text = decode_body(body, entry.content_type).text if body is not None else None
        parsed = None
        if text and records.is_html_like(text):
            parsed = records.normalized(parse_page(final_url, text, expect_list=bool(entry.roles & LIST_ROLES),
                                                      boxes=bool(entry.roles & BOX_ROLES)))
        reason = self.renderer.reason(parsed, None, text) if parsed is not None else None
        if reason is not None:
            render = self.render(entry, reason, priority=entry.role.priority)
            if render is not None:
                entry.progress = Progress.REQUESTED  # the rendered response is processed for every role
                yield render
                return
        yield self.roles_update(entry)
        yield from self.crawl(entry, text, parsed, rendered=False)

    def stored_body(self, entry: PageEntry) -> bytes | None:
        """The page's body: among the recent ones (the pipeline writes about once a second), else read
        back from the snapshot store. None when it kept none (a PDF document: nothing to parse)."""
        if entry.body_hash is None:
            return None
        body = self.recent_bodies.get(entry.body_hash)
        if body is None:
            self.reader = self.reader or Store(self.db_path)
            body = self.reader.body(entry.body_hash)
        return body

    @staticmethod
    def roles_update(entry: PageEntry) -> dict[str, Any]:
        return {"_type": "page_update", "url": entry.url, "method": entry.method, "form": entry.formdata,
                "fields": records.role_fields(entry)}

    # -- rendering -------------------------------------------------------------------------------
    def render_request(self, request: scrapy.Request, entry: PageEntry, parsed: ParsedPage | None,
                       protection: str | None, text: str | None) -> scrapy.Request | None:
        """The same page again through Chromium, when its content is made by scripts (crawler/render.py)."""
        if not entry.unprocessed() or request.method != "GET":
            return None
        reason = self.renderer.reason(parsed, protection, text)
        if reason is None:
            return None
        return self.render(entry, reason, priority=request.priority, info=request.meta["xxgk"])

    def render(self, entry: PageEntry, reason: str, priority: int,
               info: dict[str, Any] | None = None) -> scrapy.Request | None:
        if not self.renderer.take(reason, entry.url):
            self.note_not_rendered(entry, reason)
            return None
        info = {**(info or {"key": entry.key, "attempt": 1}), "rendered": True, "render_reason": reason}
        meta = {"xxgk": info, **browser_meta(screenshot=self.screenshots.has_room())}
        return scrapy.Request(entry.url, callback=self.on_response, errback=self.on_render_failure, meta=meta,
                              priority=priority, dont_filter=True)

    def note_not_rendered(self, entry: PageEntry, reason: str) -> None:
        """A page needing a browser we do not have (or may not use again) is partial coverage, not blank."""
        if reason == "challenge":
            return  # recorded as `blocked` by the caller
        self.crawler.stats.inc_value("xxgk/render/unavailable")
        self.not_rendered(entry)

    def not_rendered(self, entry: PageEntry) -> None:
        coverage = entry.roles & COVERAGE_ROLES
        if coverage:
            self.not_covered.append({"url": entry.url, "reason": Reason.NOT_RENDERED, "role": strongest(coverage)})
        column = records.column_of(entry)
        if column:  # keep the column, as not covered: it must not vanish from the run's columns
            col = self.state.column(column)
            col.status, col.reason = "not_covered", Reason.NOT_RENDERED

    def on_render_failure(self, failure: Failure):
        request = failure.request
        self.logger.warning("渲染失败 %s：%s", request.url, failure.getErrorMessage())
        entry = self.entry_of(request)
        self.not_rendered(entry)
        record = records.failure_record(original_url(request), request.url, "GET", entry,
                                        request.meta["xxgk"]["attempt"], Reason.NOT_RENDERED, self.scope,
                                        rendered=True)
        self.settle(entry, record)
        yield self.page_item(entry, record)
        yield from self.drain()

    # -- outcomes --------------------------------------------------------------------------------
    def on_failure(self, failure: Failure):
        request = failure.request
        entry = self.entry_of(request)
        reason = failure_reason(failure)
        if reason in TRANSPORT_REASONS and request.method == "HEAD":
            yield self.retries.as_get(request)  # some servers drop HEAD requests: GET decides
            return
        if is_suspect(reason) and self.retries.schedule(request):
            return
        record = records.failure_record(original_url(request), request.url, request.method, entry,
                                        request.meta["xxgk"]["attempt"], reason, self.scope,
                                        size=failure_size(failure, reason))
        self.settle(entry, record)
        self.note_outcome(request.url, entry, reason, entry.roles)
        yield self.page_item(entry, record)
        if is_broken(reason):
            yield from self.screenshots.requests(entry.source, "broken_link_parent")
        yield from self.drain()

    def finish(self, request: scrapy.Request, entry: PageEntry, record: dict[str, Any], failed: str | None):
        """Emit the page record once its outcome is final; suspects go back in the retry queue first."""
        if failed and is_suspect(failed) and self.retries.schedule(request):
            return
        record["reason"] = record.get("reason") or failed
        self.settle(entry, record)
        self.note_outcome(record["final_url"], entry, record["reason"], entry.roles)
        yield self.page_item(entry, record)
        if is_broken(record["reason"]):
            yield from self.screenshots.requests(entry.source, "broken_link_parent")

    @staticmethod
    def settle(entry: PageEntry, record: dict[str, Any]) -> None:
        """The page's final outcome, kept to process it again when it gains a role."""
        entry.progress = Progress.DONE
        entry.reason = record["reason"]
        entry.final_url = record["final_url"]
        entry.status = record["status"]
        entry.content_type = record.get("content_type") or ""
        entry.body_hash = record.get("body_hash")

    @staticmethod
    def page_item(entry: PageEntry, record: dict[str, Any]) -> dict[str, Any]:
        """The page's row; a page recorded before (then rendered for a role it gained) has it updated."""
        if not entry.recorded:
            entry.recorded = True
            return {"_type": "page", **record}
        fields = {k: v for k, v in record.items() if k not in ("url", "method", "form")}
        return {"_type": "page_update", "url": record["url"], "method": record["method"], "form": entry.formdata,
                "fields": fields}

    def note_outcome(self, url: str, entry: PageEntry, reason: str | None, roles: set[Role]) -> None:
        if Role.START in roles:
            self.start_outcome = {"url": url, "reason": reason}
            if reason in START_FAILURES:  # a failed run: what the homepage leads to is not this run's to judge
                from scrapy.utils.defer import deferred_from_coro

                deferred_from_coro(self.crawler.engine.close_spider_async(reason="start_failed"))
        if not reason:
            return
        coverage = roles & COVERAGE_ROLES
        # A nav link outside the platform disallowed by robots.txt is a link we may not check, not a gap.
        if coverage and not (coverage == {Role.NAV_COLUMN} and reason == Reason.ROBOTS):
            self.not_covered.append({"url": url, "reason": reason, "role": strongest(coverage)})
        if roles & COLUMN_ROLES:
            col = self.state.column(url, in_platform=Role.COLUMN in roles)
            col.status, col.reason = "not_covered", reason


def list_page_key(entry: PageEntry) -> str:
    """A list page's identity: a POST data endpoint is one page per form."""
    from urllib.parse import urlencode

    return entry.url + ("?" + urlencode(entry.formdata) if entry.method == "POST" and entry.formdata else "")
