"""Spider `disclosure`: walks one site's 政府信息公开 platform and verifies every link it finds.

    scrapy crawl disclosure -a url=https://www.example.gov.cn/ [-a as_of=YYYY-MM-DD] [-a db=PATH]

What it fetches (contract, "Commands"): the start URL and the site's homepage; the first list page of
every column the homepage's navigation links to; the whole platform in depth (landing, sections,
columns, every list page through the CMS's own pager or data endpoint, every document). Every link
target on those pages gets a status: in-scope pages by the crawl itself, the rest by one request
(HEAD, then GET). Suspected failures are tried again late in the run with backoff (crawler/outcomes.py).

It knows nothing of scoring: it yields page and link records for the store; the checks judge them.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import scrapy
from parsel import Selector
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from scrapy_playwright.page import PageMethod
from twisted.python.failure import Failure
from w3lib.url import safe_url_string

from crawler import outcomes
from crawler.crawlstate import CrawlState
from crawler.parse.challenge import classify_challenge
from crawler.parse.encoding import decode_body
from crawler.parse.lists import extract_list
from crawler.parse.names import is_platform_link, match_section
from crawler.parse.page import parse_page
from crawler.parse.soft404 import soft_404_reason
from crawler.parse.types import ATTACHMENT, EXTERNAL, IMAGE, PAGE, ColumnBox, Link, ListResult, ParsedPage
from crawler.render import RENDER_MODES, browser_executable, playwright_settings, render_reason
from crawler.resolver import chromium_rules, host_map
from crawler.scope import (
    Scope,
    common_directory,
    directory_of,
    homepage_of,
    host_key,
    is_column_anchor,
    is_document_url,
    is_homepage_url,
    names_own_host,
)

# Request priorities: the platform's skeleton first, so the column tree is known early.
PRIORITY = {"start": 100, "homepage": 100, "landing": 90, "column": 80, "nav_column": 70, "list_page": 60,
            "document": 40, "page": 30, "target": 10}
# Roles whose failure leaves part of the platform unseen (contract "Run status": partial).
LIST_ROLES = {"column", "nav_column", "list_page"}  # pages whose list is the column's (not a document's 相关文章)
COVERAGE_ROLES = {"start", "homepage", "landing", "column", "nav_column", "list_page"}
# Pages whose column boxes (heading + 更多 + newest articles) are columns: homepages, landings, the
# platform's own column pages (their sidebars).
BOX_ROLES = {"start", "homepage", "landing", "column"}
# Statuses challenge pages answer with; once a browser passes the challenge, the page is what counts.
CHALLENGE_STATUSES = {202, 403, 412, 418, 422, 521}
BROWSER_CONTEXT = {"viewport": {"width": 1366, "height": 1600}, "ignore_https_errors": True}
INDEX_FILE_RE = re.compile(r"/index\.(s?html?|jsp|php|aspx?)$")
HEADERS_KEPT = ("content-type", "content-length", "last-modified", "etag", "server", "location",
                "content-encoding", "x-powered-by", "set-cookie")


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
        self.requested: set[tuple[str, str, str]] = set()
        self.pending_retries = 0
        self.not_covered: list[dict[str, str]] = []
        self.start_outcome: dict[str, str | None] = {}
        self.crawl_pages = 0
        self.rendered = 0
        self.challenged = Scope()  # directories where a challenge was met: straight to the browser
        self.shot_urls: set[str] = set()
        self.hit_max_pages = False

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
        spider.retry_times = settings.getint("XXGK_RETRY_TIMES")
        spider.retry_backoff = [float(x) for x in settings.getlist("XXGK_RETRY_BACKOFF")] or [2.0]
        spider.verify_external = settings.getbool("XXGK_VERIFY_EXTERNAL") and not spider.no_external
        spider.body_types = tuple(settings.getlist("XXGK_BODY_TYPES"))
        spider.render_mode = settings.get("XXGK_RENDER")
        spider.browser = settings.get("XXGK_BROWSER") or None
        spider.render_max = settings.getint("XXGK_RENDER_MAX")
        spider.screenshot_max = settings.getint("XXGK_SCREENSHOT_MAX")
        if spider.render_mode != "never" and not spider.browser:
            spider.logger.warning("未找到 Chromium：需要浏览器渲染的页面将记为未渲染（not_rendered，部分覆盖）")
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider

    # -- requests --------------------------------------------------------------------------------
    async def start(self):
        yield self.request(self.start_url, "start")
        if self.homepage.rstrip("/") != self.start_url.rstrip("/"):
            yield self.request(self.homepage, "homepage")

    def request(self, url: str, role: str, *, column: str | None = None, method: str = "GET",
                formdata: dict[str, str] | None = None, anchor: str = "", source: str | None = None,
                depth: int = 0, kind: str = PAGE) -> scrapy.Request | None:
        """A new request, or None when this URL (and method and form) was already requested."""
        key = (method, url, _form_key(formdata))
        if key in self.requested:
            return None
        if role not in ("target", "start", "homepage") and self.crawl_pages >= self.max_pages:
            self.hit_max_pages = True
            return None
        self.requested.add(key)
        if role != "target":
            self.crawl_pages += 1
        meta = {"xxgk": {"role": role, "column": column, "anchor": anchor, "source": source, "depth": depth,
                         "attempt": 1, "formdata": formdata, "kind": kind},
                "dont_obey_robotstxt": role == "target" and not self.scope.is_site(url)}
        if role != "target" and method == "GET" and self.challenged.is_platform(url) \
                and self.rendered < self.render_max:
            self.rendered += 1
            self.crawler.stats.inc_value("xxgk/render/challenge_host")
            meta["xxgk"].update(rendered=True, render_reason="challenge_host")
            meta.update(self.browser_meta(screenshot=False))
        kwargs = {"callback": self.on_response, "errback": self.on_failure, "meta": meta,
                  "priority": PRIORITY[role], "dont_filter": True}
        if formdata is not None:
            return scrapy.FormRequest(url, method=method, formdata=formdata, **kwargs)
        return scrapy.Request(url, method=method, **kwargs)

    def verify(self, link: Link, source: str) -> scrapy.Request | None:
        """Check a link target we do not crawl: HEAD first (cheap for attachments and other sites)."""
        internal = self.scope.is_site(link.url)
        if not internal and not self.verify_external:
            return None
        method = "GET" if internal and link.kind == PAGE else "HEAD"
        return self.request(link.url, "target", method=method, anchor=link.anchor, source=source,
                            kind=link.kind if internal else EXTERNAL)

    # -- responses -------------------------------------------------------------------------------
    def on_response(self, response: Response):
        info = response.meta["xxgk"]
        role = info["role"] = self.effective_role(response, info["role"])
        record = self.base_record(response)
        text = self.decode(response, record)
        protection = classify_challenge(response.status, record["headers"], text or "") if text is not None else None
        passed = info.get("rendered") and not protection and response.status in CHALLENGE_STATUSES
        status = 200 if passed else response.status  # a browser got past the challenge: judge the page
        if passed:
            record.update(status=status, passed_challenge=response.status)
        parsed, soft = None, None
        if not protection and text is not None and status < 400 and self.is_html_like(text):
            parsed = normalized(parse_page(response.url, text, expect_list=role in LIST_ROLES,
                                           boxes=role in BOX_ROLES))
            self.describe_page(record, parsed)
            soft = soft_404_reason(self.original_url(response), response.url, status, text, parsed.title,
                                   self.homepage, parsed.meta_refresh)
        if not info.get("rendered") and not soft:
            render = self.render_request(response, role, parsed, protection, text)
            if render is not None:
                yield render
                return
        yield from self.screenshot_items(response)
        if protection:
            record.update(blocked=protection, reason="blocked")
            yield from self.finish(response, record, failed_reason="blocked")
            return
        if soft:
            record.update(soft_404=soft, reason=soft)
            yield from self.finish(response, record, failed_reason=soft)
            return
        if status >= 400:
            if response.request.method == "HEAD" and role == "target":
                yield from self.retry_as_get(response)
                return
            yield from self.finish(response, record, failed_reason=outcomes.http_reason(status))
            return
        if role == "start" and parsed is None:
            # Nothing to crawl from a PDF or an image; say so instead of reporting a platform not found.
            yield from self.finish(response, record, failed_reason="not_html")
            return
        yield from self.finish(response, record, failed_reason=None)
        if role == "target":
            return
        if parsed is not None:
            yield {"_type": "links", "rows": self.link_rows(self.original_url(response), parsed.links)}
            yield from self.follow(response, info, parsed)
            if role in ("column", "nav_column") and not info.get("rendered"):
                yield from _some(self.shoot(self.original_url(response), "column"))
        elif text is not None and role in ("list_page", "column"):
            # Data endpoints (dataproxy.jsp XML, /fjdzapp/search JSON) are lists without HTML around them.
            yield from self.follow_list_data(response, info, text)

    def decode(self, response: Response, record: dict[str, Any]) -> str | None:
        if not self.is_textual(response):
            return None
        decoded = decode_body(response.body, response.headers.get("Content-Type", b"").decode("latin-1"))
        record.update(encoding=decoded.encoding, mojibake=int(decoded.mojibake), body=response.body)
        return decoded.text

    @staticmethod
    def describe_page(record: dict[str, Any], parsed: ParsedPage) -> None:
        record.update(title=parsed.title, meta=parsed.meta, metadata=parsed.metadata,
                      pub_date=parsed.pub_date.isoformat() if parsed.pub_date else None,
                      pub_date_source=parsed.pub_date_source, text_length=parsed.text_length,
                      platform=parsed.platform, list_scheme=parsed.list.scheme if parsed.list else None)

    # -- rendering and screenshots ---------------------------------------------------------------
    def render_request(self, response: Response, role: str, parsed: ParsedPage | None,
                       protection: str | None, text: str | None) -> scrapy.Request | None:
        """The same page again through Chromium, when its content is made by scripts (crawler/render.py)."""
        if role == "target" or response.request.method != "GET":
            return None
        reason = "always" if self.render_mode == "always" else render_reason(parsed, protection, text)
        if reason is None:
            return None
        if self.render_mode == "never" or not self.browser or self.rendered >= self.render_max:
            self.note_not_rendered(response, role, reason)
            return None
        self.rendered += 1
        self.crawler.stats.inc_value(f"xxgk/render/{reason}")
        if reason == "challenge":  # the rest of this directory is behind the same challenge
            self.challenged.add_platform(self.original_url(response))
        info = {**response.meta["xxgk"], "rendered": True, "render_reason": reason}
        meta = {"xxgk": info, **self.browser_meta(screenshot=len(self.shot_urls) < self.screenshot_max)}
        return scrapy.Request(self.original_url(response), callback=self.on_response,
                              errback=self.on_render_failure, meta=meta, priority=response.request.priority,
                              dont_filter=True)

    def browser_meta(self, screenshot: bool) -> dict[str, Any]:
        methods = [PageMethod("wait_for_load_state", "networkidle")]
        if screenshot:
            methods.append(PageMethod("screenshot", type="png", full_page=False))
        return {"playwright": True, "playwright_page_methods": methods, "playwright_context": "xxgk",
                "playwright_context_kwargs": BROWSER_CONTEXT}

    def note_not_rendered(self, response: Response, role: str, reason: str) -> None:
        """A page needing a browser we do not have (or may not use again) is partial coverage, not blank."""
        if reason == "challenge":
            return  # recorded as `blocked` by the caller
        url = self.original_url(response)
        self.crawler.stats.inc_value("xxgk/render/unavailable")
        if role in COVERAGE_ROLES:
            self.not_covered.append({"url": url, "reason": "not_rendered", "role": role})
        column = url if role in ("column", "nav_column") else response.meta["xxgk"].get("column")
        if column:
            col = self.state.column(column)
            col.status, col.reason = "not_covered", "not_rendered"

    def on_render_failure(self, failure: Failure):
        request = failure.request
        self.logger.warning("渲染失败 %s：%s", request.url, failure.getErrorMessage())
        info = request.meta["xxgk"]
        if info["role"] in COVERAGE_ROLES:
            self.not_covered.append({"url": _original(request), "reason": "not_rendered", "role": info["role"]})
        column = column_of(info, _original(request))
        if column:  # keep the column, as not covered: it must not vanish from the run's columns
            col = self.state.column(column)
            col.status, col.reason = "not_covered", "not_rendered"
        yield {"_type": "page", "run_id": self.run_id, "url": _original(request), "method": "GET",
               "final_url": request.url, "reason": "not_rendered", "kind": self.kind_for(request),
               "role": info["role"], "in_scope": 1, "fetched_at": _now(), "attempts": info["attempt"],
               "rendered": 1, "referer": info.get("source"), "column_url": column_of(info, _original(request))}

    def shoot(self, url: str | None, why: str) -> scrapy.Request | None:
        """A screenshot of a page for a finding's evidence (XXGK_SCREENSHOT_MAX per run)."""
        if not url or not self.browser or self.render_mode == "never" or url in self.shot_urls \
                or len(self.shot_urls) >= self.screenshot_max:
            return None
        self.shot_urls.add(url)
        meta = {"xxgk_shot": why, **self.browser_meta(screenshot=True)}
        return scrapy.Request(url, callback=self.on_screenshot, errback=self.on_screenshot_failure, meta=meta,
                              priority=PRIORITY["target"] - 5, dont_filter=True)

    def on_screenshot(self, response: Response):
        yield from self.screenshot_items(response)

    def on_screenshot_failure(self, failure: Failure) -> None:
        self.logger.info("截图失败 %s：%s", failure.request.url, failure.getErrorMessage())

    def screenshot_items(self, response: Response):
        for method in response.meta.get("playwright_page_methods") or []:
            if getattr(method, "method", None) == "screenshot" and isinstance(method.result, bytes):
                url = _original(response.request)
                self.shot_urls.add(url)
                why = response.meta.get("xxgk_shot") or response.meta["xxgk"].get("render_reason")
                yield {"_type": "screenshot", "url": url, "png": method.result, "reason": why,
                       "taken_at": _now()}

    def effective_role(self, response: Response, role: str) -> str:
        """Links routed before the platform's bounds were known are crawled as platform pages once they
        are: as columns when the link named one (its anchor was a column label)."""
        info = response.meta["xxgk"]
        if response.request.method != "GET" or role not in ("nav_column", "target") \
                or info.get("kind", PAGE) != PAGE or not self.scope.is_platform(response.url):
            return role
        url = self.original_url(response)
        if role == "nav_column" or (is_column_anchor(info["anchor"]) and not is_document_url(url)):
            self.state.column(url).anchors[info["anchor"]] += 1
            return "column"
        return "page"

    def link_rows(self, source: str, links: list[Link]) -> list[dict[str, Any]]:
        rows, seen = [], set()
        for link in links:
            if link.url in seen:
                continue
            seen.add(link.url)
            internal = self.scope.is_site(link.url)
            rows.append({"run_id": self.run_id, "source_url": source, "target_url": link.url,
                         "anchor": link.anchor[:200], "kind": link.kind if internal else EXTERNAL,
                         "internal": int(internal)})
        return rows

    def on_failure(self, failure: Failure):
        request = failure.request
        info = request.meta["xxgk"]
        reason = outcomes.failure_reason(failure)
        if reason in ("timeout", "connection", "dns", "ssl") and request.method == "HEAD":
            # Some servers drop HEAD requests; GET decides.
            yield from self.retry_as_get(None, request)
            return
        if outcomes.is_suspect(reason) and self.schedule_retry(request):
            return
        record = {"run_id": self.run_id, "url": _original(request), "method": request.method,
                  "form": info.get("formdata"), "final_url": request.url, "status": None, "reason": reason,
                  "kind": self.kind_for(request), "role": info["role"],
                  "in_scope": int(self.scope.is_site(request.url)), "fetched_at": _now(),
                  "attempts": info["attempt"], "depth": info["depth"], "referer": info.get("source"),
                  "column_url": column_of(info, _original(request))}
        if reason == "robots":
            record["reason"] = "robots"
        self.note_outcome(request.url, info, reason)
        yield {"_type": "page", **record}
        if outcomes.is_broken(reason):
            yield from _some(self.shoot(info.get("source"), "broken_link_parent"))

    def finish(self, response: Response, record: dict, failed_reason: str | None):
        """Emit the page record once its outcome is final; suspects go back in the retry queue first."""
        info = response.meta["xxgk"]
        if failed_reason and outcomes.is_suspect(failed_reason) and self.schedule_retry(response.request):
            return
        record["reason"] = record.get("reason") or failed_reason
        self.note_outcome(response.url, info, record["reason"])
        yield {"_type": "page", **record}
        if outcomes.is_broken(record["reason"]):
            yield from _some(self.shoot(info.get("source"), "broken_link_parent"))

    def note_outcome(self, url: str, info: dict, reason: str | None) -> None:
        role = info["role"]
        if role == "start":
            self.start_outcome = {"url": url, "reason": reason}
            if reason in outcomes.START_FAILURES:  # a failed run: what the homepage leads to is not this run's to judge
                from scrapy.utils.defer import deferred_from_coro

                deferred_from_coro(self.crawler.engine.close_spider_async(reason="start_failed"))
        if reason and role in COVERAGE_ROLES and not self.is_excused(role, reason):
            self.not_covered.append({"url": url, "reason": reason if reason != "blocked" else "blocked",
                                     "role": role})
        if role in ("column", "nav_column") and reason:
            col = self.state.column(url, in_platform=role == "column")
            col.status, col.reason = "not_covered", reason

    @staticmethod
    def is_excused(role: str, reason: str) -> bool:
        # A nav link outside the platform disallowed by robots.txt is a link we may not check, not a gap.
        return role == "nav_column" and reason == "robots"

    # -- following -------------------------------------------------------------------------------
    def follow(self, response: Response, info: dict, page: ParsedPage):
        # Columns are known by the URL their links name, even when a redirect ends elsewhere.
        role, url = info["role"], self.original_url(response)
        if role in ("start", "homepage", "landing"):
            yield from self.find_platform(url, role, page)
        column_url = info.get("column") or (url if role in ("column", "nav_column") else None)
        if role in ("column", "nav_column"):
            col = self.state.column(url, in_platform=role == "column")
            col.in_platform = col.in_platform or role == "column"  # a nav link that proved to be in the platform
            col.fetched = True
            col.meta_name = page.meta.get("ColumnName", "")
            col.title = page.title
            col.text_length = page.text_length
        if role in BOX_ROLES:
            yield from self.box_requests(url, page.boxes, info["depth"])
        item_urls: set[str] = set()
        if page.list is not None and column_url and role in LIST_ROLES:
            col = self.state.column(column_url, in_platform=role != "nav_column")
            col.add_list(url, page.list)
            if role != "nav_column":
                yield from self.list_requests(page.list, column_url, url)
                item_urls = {i.url for i in page.list.items}
        for link in page.links:
            if link.url not in item_urls:
                request = self.route(link, url, role, column_url, info["depth"])
                if request is not None:
                    yield request

    def follow_list_data(self, response: Response, info: dict, text: str):
        result = extract_list(response.url, text, Selector(text=text))
        column_url = info.get("column")
        if result is None or not column_url:
            return
        self.state.column(column_url).add_list(_page_key(response.request), result)
        links = [Link(item.url, item.title, PAGE) for item in result.items]
        yield {"_type": "links", "rows": self.link_rows(self.original_url(response), links)}
        yield from self.list_requests(result, column_url, response.url)

    def list_requests(self, result: ListResult, column_url: str, source: str):
        """The list's documents (wherever they are on the site) and its further pages."""
        requests = [self.request(item.url, "document", column=column_url, source=source)
                    for item in result.items if self.scope.is_site(item.url)]
        walked = self.state.column(column_url).list_pages | {column_url}
        requests += [self.request(more.url, "list_page", column=column_url, method=more.method,
                                  formdata=more.formdata, source=source) for more in result.more_pages
                     if more.formdata or same_list_page(more.url) not in {same_list_page(u) for u in walked}]
        yield from (r for r in requests if r is not None)

    def find_platform(self, url: str, role: str, page: ParsedPage):
        """Landing pages link the four sections by name; homepages link the landing (政务公开 …).

        A homepage may link the sections directly as well; its platform link is still followed,
        because the landing page's directory is what bounds the platform. A link to another host counts
        only where the site names its own platform (crawler/scope.py): elsewhere it is another
        government's, verified like any external link.
        """
        on_landing = role == "landing" or (role == "start" and not is_homepage_url(url))
        own = [link for link in page.links if link.kind == PAGE and (
            self.scope.is_site(link.url) or names_own_host(link.region, on_landing))]
        sections = {}
        for link in own:
            key = match_section(link.anchor)
            if key and key not in sections:
                sections[key] = link
        if len(sections) >= 2 or (role == "landing" and sections):
            self.adopt_landing(url, sections)
        for link in own:
            if is_platform_link(link.anchor, link.url) and not match_section(link.anchor) and link.url != url:
                if not self.scope.is_site(link.url):
                    self.scope.add_site(link.url)  # the platform lives on a host of its own
                request = self.request(link.url, "landing", anchor=link.anchor, source=url)
                if request is not None:
                    yield request

    def box_requests(self, source: str, boxes: list[ColumnBox], depth: int):
        """Columns the page shows in boxes and tab groups (crawler/parse/boxes.py).

        The box's page (its 更多 link, else its heading's) is the column, so a box and its 更多 list are
        one column, named as the box names it and dated by what both show; the box's articles are
        documents of it, crawled like its list's.
        """
        for box in boxes:
            url = self.known_column(box.url)
            if same_list_page(url) == same_list_page(source) or not self.scope.is_site(url) \
                    or is_document_url(url):
                continue
            in_platform = self.scope.is_platform(url)
            col = self.state.column(url, in_platform=in_platform)
            col.anchors[box.name] += 1
            col.add_box(box.items)
            yield from _some(self.request(url, "column" if in_platform else "nav_column", anchor=box.name,
                                          source=source, depth=depth + 1))
            for item in box.items:
                if self.scope.is_site(item.url):
                    yield from _some(self.request(item.url, "document", column=url, source=source))

    def known_column(self, url: str) -> str:
        """The column already known under another spelling of this URL (`…/tzgg/index.html` for
        `…/tzgg/`), else the URL itself: a box and a menu naming one column make one column."""
        key = same_list_page(url)
        return next((known for known in self.state.columns if same_list_page(known) == key), url)

    def adopt_landing(self, url: str, sections: dict[str, Link]) -> None:
        """Take this page as (a) landing of the platform, bounded by the directory its sections share.

        Sections bound it better than the landing's own URL: a homepage links its sections from "/",
        and a 法定主动公开内容 link often points deep into its first column (…/fdzdgknr/jgjj/dwzz/).
        """
        if url not in self.state.landings:
            self.state.landings.append(url)
        same_host = [link.url for link in sections.values() if host_key(link.url) == host_key(url)]
        at_root = directory_of(url) == "/" and host_key(url) == host_key(self.start_url)
        prefix = common_directory(same_host if at_root else [url, *same_host])
        if prefix != "/" or not at_root:
            self.scope.add_platform(url, prefix)
        for key, link in sections.items():
            if key not in self.state.sections:
                self.state.sections[key] = link.url
                self.state.section_anchors[key] = link.anchor
                self.scope.add_platform(link.url)
                col = self.state.column(link.url)
                col.anchors[link.anchor] += 1

    def route(self, link: Link, source: str, role: str, column_url: str | None,
              depth: int) -> scrapy.Request | None:
        """Decide what a link on a crawled page gets: crawled, crawled as a column, or only verified."""
        if link.kind in (ATTACHMENT, IMAGE):
            return self.verify(link, source)
        if not self.scope.is_site(link.url):
            return self.verify(Link(link.url, link.anchor, EXTERNAL), source)
        if role == "nav_column":
            return self.verify(link, source)
        if self.scope.is_platform(link.url) or link.url in self.state.sections.values():
            if is_column_anchor(link.anchor) and not is_document_url(link.url):
                col = self.state.column(link.url)
                col.anchors[link.anchor] += 1
                if link.nav_parent:
                    col.nav_parents[link.nav_parent] += 1
                return self.request(link.url, "column", anchor=link.anchor, source=source, depth=depth + 1)
            return self.request(link.url, "page", source=source, depth=depth + 1)
        if role in ("start", "homepage") and is_column_anchor(link.anchor) and not is_document_url(link.url):
            self.state.column(link.url, in_platform=False).anchors[link.anchor] += 1
            return self.request(link.url, "nav_column", anchor=link.anchor, source=source, depth=depth + 1)
        return self.verify(link, source)

    # -- retries ---------------------------------------------------------------------------------
    def schedule_retry(self, request: scrapy.Request) -> bool:
        """Try a suspected failure again after its backoff; False when its tries are used up."""
        info = request.meta["xxgk"]
        if info["attempt"] > self.retry_times:
            return False
        delay = self.retry_backoff[min(info["attempt"] - 1, len(self.retry_backoff) - 1)]
        meta = {k: v for k, v in request.meta.items() if k != "redirect_urls"}
        meta["xxgk"] = {**info, "attempt": info["attempt"] + 1}
        retry = request.replace(url=_original(request), meta=meta, priority=0, dont_filter=True)
        from twisted.internet import reactor  # the running one: importing it early would install another

        self.pending_retries += 1
        reactor.callLater(delay, self.reissue, retry)
        self.crawler.stats.inc_value("xxgk/retry/scheduled")
        return True

    def reissue(self, request: scrapy.Request) -> None:
        self.pending_retries -= 1
        self.crawler.engine.crawl(request)

    def retry_as_get(self, response: Response | None, request: scrapy.Request | None = None):
        request = request or response.request
        info = request.meta["xxgk"]
        get = request.replace(url=_original(request), method="GET",
                              meta={"xxgk": {**info}, "dont_obey_robotstxt": request.meta.get("dont_obey_robotstxt")},
                              dont_filter=True)
        yield get

    def on_idle(self, spider) -> None:
        """Keep the run open while suspected failures wait for their retry."""
        if self.pending_retries:
            raise DontCloseSpider

    # -- records ---------------------------------------------------------------------------------
    def base_record(self, response: Response) -> dict[str, Any]:
        info = response.meta["xxgk"]
        request = response.request
        headers = {k: response.headers.get(k, b"").decode("latin-1") for k in HEADERS_KEPT
                   if response.headers.get(k)}
        return {"run_id": self.run_id, "url": _original(request), "method": request.method,
                "form": info.get("formdata"), "final_url": response.url, "status": response.status,
                "reason": None, "kind": self.kind_for(request), "role": info["role"],
                "in_scope": int(self.scope.is_site(response.url)), "content_type": headers.get("content-type"),
                "content_length": len(response.body), "headers": headers, "fetched_at": _now(),
                "elapsed_ms": int(1000 * response.meta.get("download_latency", 0)),
                "attempts": info["attempt"], "depth": info["depth"], "referer": info.get("source"),
                "column_url": column_of(info, _original(request)), "rendered": int(bool(info.get("rendered")))}

    @staticmethod
    def kind_for(request: scrapy.Request) -> str:
        return request.meta["xxgk"].get("kind", PAGE)

    def is_textual(self, response: Response) -> bool:
        ctype = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        if response.request.method == "HEAD":
            return False
        if any(ctype.startswith(t) for t in self.body_types):
            return True
        return not ctype and response.body[:200].lstrip()[:1] in (b"<", b"{", b"[")

    @staticmethod
    def is_html_like(text: str) -> bool:
        head = text[:2000].lower()
        return "<html" in head or "<!doctype html" in head or "<body" in head or "<a " in head or \
            "<head" in head or "<title" in head

    @staticmethod
    def original_url(response: Response) -> str:
        return _original(response.request)


def normalized(page: ParsedPage) -> ParsedPage:
    """Percent-encode URLs as Scrapy's requests do, so link targets and fetched URLs compare equal."""
    for link in page.links:
        link.url = safe_url_string(link.url)
        link.nav_parent = safe_url_string(link.nav_parent) if link.nav_parent else None
    if page.list is not None:
        for item in page.list.items:
            item.url = safe_url_string(item.url)
    return page


def same_list_page(url: str) -> str:
    """`…/gfxwj/index.html` and `…/gfxwj/` are one list page: TRS pagers link page 0 by file name."""
    return INDEX_FILE_RE.sub("/", url)


def column_of(info: dict, url: str) -> str | None:
    """The column a page belongs to: its own URL for a column page, else the column that listed it."""
    return url if info["role"] in ("column", "nav_column") else info.get("column")


def _some(request: scrapy.Request | None):
    if request is not None:
        yield request


def _original(request: scrapy.Request) -> str:
    chain = request.meta.get("redirect_urls")
    return chain[0] if chain else request.url


def _page_key(request: scrapy.Request) -> str:
    return request.url + ("?" + request.body.decode("latin-1") if request.method == "POST" else "")


def _form_key(formdata: dict[str, str] | None) -> str:
    return "&".join(f"{k}={v}" for k, v in sorted(formdata.items())) if formdata else ""


def _now() -> str:
    from crawler.store import now_iso

    return now_iso()


