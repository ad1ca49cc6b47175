"""Browser rendering through scrapy-playwright, only where a page needs it.

`XXGK_RENDER`:
- `auto` (default) renders only pages whose content a script produces: list containers a script
  fills, anti-bot challenges a real browser passes, single-page-application shells;
- `always` renders every platform page; `never` renders none.
Rendering is bounded: at most `XXGK_RENDER_MAX` renders per run, through a pool of
`PLAYWRIGHT_MAX_PAGES_PER_CONTEXT` browser pages. Screenshots for evidence (columns, blocked pages,
parents of broken links) use the same browser, capped by `XXGK_SCREENSHOT_MAX`.

The browser is Debian's Chromium when present (Playwright cannot download its own here), else
Playwright's own. With no browser at all, `auto` degrades with a warning: pages that needed rendering
are recorded as `not_rendered` (partial coverage), never as blank.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
from typing import Any

from scrapy_playwright.page import PageMethod

from crawler.parse.types import ParsedPage
from crawler.scope import Scope

SYSTEM_CHROMIUM = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
SPA_MAX_TEXT = 30  # visible characters: below this, a page built by scripts has not been built yet
SPA_MAX_LINKS = 5  # and hardly a link: an app shell, not a blank column page with its site navigation
RENDER_MODES = ("auto", "never", "always")
BROWSER_CONTEXT = {"viewport": {"width": 1366, "height": 1600}, "ignore_https_errors": True}
SCRIPT_RE = re.compile(r"<script[^>]+src=|<div[^>]+id=[\"']?(app|root)[\"'\s>]", re.IGNORECASE)


def browser_executable() -> str | None:
    """The system Chromium, else a browser Playwright installed itself, else None."""
    override = os.environ.get("XXGK_CHROMIUM")
    if override:
        return override if os.path.exists(override) else None
    for name in SYSTEM_CHROMIUM:
        path = shutil.which(name)
        if path:
            return path
    root = os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or os.path.expanduser("~/.cache/ms-playwright")
    found = sorted(glob.glob(os.path.join(root, "chromium-*", "chrome-linux*", "chrome")))
    return found[-1] if found else None


def playwright_settings(executable: str, max_pages: int, host_rules: str = "") -> dict[str, Any]:
    """The Scrapy settings that route `meta["playwright"]` requests through Chromium; `host_rules`
    resolves the names of XXGK_HOST_MAP as the crawl does (crawler/resolver.py)."""
    handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
    args = [*CHROMIUM_ARGS, f"--host-resolver-rules={host_rules}"] if host_rules else CHROMIUM_ARGS
    return {
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {"executable_path": executable, "headless": True, "args": args},
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": max_pages,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 30_000,
        "PLAYWRIGHT_ABORT_REQUEST": "crawler.render.abort_heavy_request",
        # Playwright on its own event loop: sharing Scrapy's, a busy crawl starved navigations into
        # 30 s timeouts (20 000-page benchmark). Private to scrapy-playwright (0.0.48), hence the pin.
        "_PLAYWRIGHT_THREADED_LOOP": True,
    }


def abort_heavy_request(request: Any) -> bool:
    """Fonts and media add nothing to a list or a screenshot's evidence; skip them."""
    return request.resource_type in ("font", "media")


def render_reason(page: ParsedPage | None, protection: str | None, text: str | None) -> str | None:
    """Why this response needs a browser, or None. Judged from the plain HTTP response."""
    if protection:
        return "challenge"
    if page is None:
        return None
    if page.list is not None and page.list.needs_render:
        return "script_list"
    if page.text_length < SPA_MAX_TEXT and not page.list and len(page.links) < SPA_MAX_LINKS \
            and page.meta_refresh is None and text and SCRIPT_RE.search(text):
        return "spa_shell"
    return None


def browser_meta(screenshot: bool) -> dict[str, Any]:
    """Request meta that sends a request through Chromium (and takes a screenshot of the page)."""
    methods = [PageMethod("wait_for_load_state", "networkidle")]
    if screenshot:
        methods.append(PageMethod("screenshot", type="png", full_page=False))
    return {"playwright": True, "playwright_page_methods": methods, "playwright_context": "xxgk",
            "playwright_context_kwargs": BROWSER_CONTEXT}


class Renderer:
    """Decides which requests go through the browser, within the run's render budget (XXGK_RENDER_MAX).

    Once a challenge was met in a directory, the rest of it goes straight to the browser: the plain
    request would only meet the challenge again.
    """

    def __init__(self, crawler, mode: str, browser: str | None, limit: int):
        self.crawler = crawler  # its stats exist once the crawl starts
        self.mode = mode
        self.browser = browser
        self.limit = limit
        self.rendered = 0
        self.challenged = Scope()

    @classmethod
    def from_settings(cls, crawler) -> Renderer:
        settings = crawler.settings
        return cls(crawler, settings.get("XXGK_RENDER"), settings.get("XXGK_BROWSER") or None,
                   settings.getint("XXGK_RENDER_MAX"))

    @property
    def available(self) -> bool:
        return self.mode != "never" and bool(self.browser)

    def reason(self, parsed: ParsedPage | None, protection: str | None, text: str | None) -> str | None:
        """Why a plainly fetched page needs the browser, or None."""
        return "always" if self.mode == "always" else render_reason(parsed, protection, text)

    def take(self, reason: str, url: str) -> bool:
        """Spend one render on `url`; False when no browser may be used (then it is `not_rendered`)."""
        if not self.available or self.rendered >= self.limit:
            return False
        self.rendered += 1
        self.crawler.stats.inc_value(f"xxgk/render/{reason}")
        if reason == "challenge":  # the rest of this directory is behind the same challenge
            self.challenged.add_platform(url)
        return True

    def straight_to_browser(self, url: str) -> bool:
        """Whether a new request for `url` should skip the plain fetch (its directory is challenged)."""
        return self.challenged.is_platform(url) and self.take("challenge_host", url)
