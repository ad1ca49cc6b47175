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

from crawler.parse.types import ParsedPage

SYSTEM_CHROMIUM = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
SPA_MAX_TEXT = 30  # visible characters: below this, a page built by scripts has not been built yet
SPA_MAX_LINKS = 5  # and hardly a link: an app shell, not a blank column page with its site navigation
RENDER_MODES = ("auto", "never", "always")
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
