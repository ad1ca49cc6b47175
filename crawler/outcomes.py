"""What a request's outcome means: the contract's reason codes, and which failures are suspects.

One place decides, for the crawl and for `broken_link` alike:
- confirmed failures (404, 403, 410 and soft-404s) are final at the first answer;
- suspected failures (timeouts, 5xx, 429, DNS, connection, SSL) may be passing trouble on a shared
  government server, so the crawl tries them again late in the run with backoff; only those that
  persist are reported, and then with `confirmed: false` (contract: "Confirmed vs suspected");
- a redirect loop is a property of the site, not of the moment: not retried, reported as confirmed.

Reasons are stored as plain strings (the contract's vocabulary): a `Reason` member, or `http_<status>`
for an HTTP status, which `http_status()` alone reads back.
"""

from __future__ import annotations

import re
from enum import StrEnum

from scrapy import Request
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadTimeoutError,
    UnsupportedURLSchemeError,
)
from twisted.internet.defer import CancelledError
from twisted.internet.error import (
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from crawler.downloads import received


class Reason(StrEnum):
    """The contract's reason codes other than `http_<status>`."""

    TIMEOUT = "timeout"
    DNS = "dns"
    CONNECTION = "connection"
    SSL = "ssl"
    REDIRECT_LOOP = "redirect_loop"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    SOFT_404 = "soft_404"
    REDIRECT_HOME = "redirect_home"
    REDIRECT_PARENT = "redirect_parent"
    META_REFRESH = "meta_refresh"
    ROBOTS = "robots"
    MAX_PAGES = "max_pages"
    TRAP = "trap"
    NOT_RENDERED = "not_rendered"
    TOO_LARGE = "too_large"
    UNSUPPORTED = "unsupported"
    NOT_HTML = "not_html"
    BLOCKED = "blocked"
    PLATFORM_NOT_FOUND = "platform_not_found"


HTTP_REASON_RE = re.compile(r"http_(\d{3})")
MAXSIZE_RE = re.compile(r"(\d+) bytes which is larger than download max size")
SOFT_404_REASONS = frozenset({Reason.SOFT_404, Reason.REDIRECT_HOME, Reason.REDIRECT_PARENT, Reason.META_REFRESH})
CONFIRMED_STATUSES = frozenset({404, 403, 410})
SUSPECT_STATUSES = frozenset({408, 429})  # and every 5xx
TRANSPORT_REASONS = frozenset({Reason.TIMEOUT, Reason.DNS, Reason.CONNECTION, Reason.SSL})
# A start page that fails like this makes the run `failed` (contract "Run status"), as does any HTTP
# error; a start page that is a soft 404 is still a page we could read.
START_FAILURES = frozenset({*TRANSPORT_REASONS, Reason.REDIRECT_LOOP, Reason.TOO_MANY_REDIRECTS, Reason.BLOCKED,
                            Reason.ROBOTS, Reason.NOT_HTML})
# The crawl did not (fully) fetch these: they say nothing about whether the link works.
NOT_FETCHED_REASONS = frozenset({Reason.ROBOTS, Reason.MAX_PAGES, Reason.TRAP, Reason.NOT_RENDERED,
                                 Reason.TOO_LARGE, Reason.UNSUPPORTED, Reason.NOT_HTML})

REASON_LABELS = {
    Reason.TIMEOUT: "请求超时",
    Reason.DNS: "域名无法解析",
    Reason.CONNECTION: "无法建立连接",
    Reason.SSL: "SSL证书或加密连接错误",
    Reason.REDIRECT_LOOP: "重定向循环",
    Reason.TOO_MANY_REDIRECTS: "重定向次数过多",
    Reason.SOFT_404: "页面返回200但内容为“页面不存在”",
    Reason.REDIRECT_HOME: "跳转到网站首页",
    Reason.REDIRECT_PARENT: "跳转到上级目录",
    Reason.META_REFRESH: "页面自动跳转到首页或上级目录",
    Reason.ROBOTS: "robots.txt 禁止抓取",
    Reason.MAX_PAGES: "超过抓取页数上限",
    Reason.TRAP: "疑似无限页面（爬虫陷阱），超出抓取边界",
    Reason.NOT_RENDERED: "需要浏览器渲染但浏览器不可用",
    Reason.TOO_LARGE: "超过下载大小上限",
    Reason.UNSUPPORTED: "不支持的协议",
    Reason.NOT_HTML: "不是网页（无法从中抓取）",
    Reason.BLOCKED: "被反爬虫或WAF拦截",
    Reason.PLATFORM_NOT_FOUND: "未找到政府信息公开平台",
}


def http_reason(status: int) -> str | None:
    """The reason code for an HTTP status, or None when the status is not a failure."""
    return f"http_{status}" if status >= 400 else None


def http_status(reason: str | None) -> int | None:
    """The HTTP status an `http_<status>` reason stands for, else None."""
    match = HTTP_REASON_RE.fullmatch(reason or "")
    return int(match.group(1)) if match else None


def is_suspect(reason: str | None) -> bool:
    """A failure that may be passing: worth another try later in the run."""
    if reason in TRANSPORT_REASONS:
        return True
    status = http_status(reason)
    return status is not None and (status >= 500 or status in SUSPECT_STATUSES)


def is_confirmed(reason: str) -> bool:
    """A failure the first answer proves (contract: 404, 403, 410 and soft-404s; redirect loops and chains)."""
    if reason in SOFT_404_REASONS or reason in (Reason.REDIRECT_LOOP, Reason.TOO_MANY_REDIRECTS):
        return True
    return http_status(reason) in CONFIRMED_STATUSES


def is_broken(reason: str | None) -> bool:
    """Whether a link whose last outcome is `reason` does not work (challenges are not `broken`)."""
    return bool(reason) and reason not in NOT_FETCHED_REASONS and reason != Reason.BLOCKED


def failure_reason(failure: Failure) -> Reason:
    """Map a download failure to the contract's reason vocabulary.

    Scrapy 2.19 wraps Twisted's errors in its own (CannotResolveHostError, DownloadTimeoutError …); the
    Twisted ones are still checked, for download handlers that raise them directly.
    """
    exc = failure.value
    message = str(exc).lower()
    if isinstance(exc, CannotResolveHostError | DNSLookupError):
        return Reason.DNS
    if isinstance(exc, DownloadTimeoutError | TimeoutError | TCPTimedOutError) or "took longer than" in message:
        return Reason.TIMEOUT
    if "max redirections" in message:
        return redirect_reason(getattr(failure, "request", None))
    if "robots.txt" in message:
        return Reason.ROBOTS
    # A body past DOWNLOAD_MAXSIZE: cancelled before reading when its Content-Length says so ("Expected to
    # receive N bytes which is larger than download max size"), else once N bytes arrived (no message).
    if isinstance(exc, DownloadCancelledError | CancelledError) or MAXSIZE_RE.search(message):
        return Reason.TOO_LARGE
    if isinstance(exc, UnsupportedURLSchemeError) or "unsupported url scheme" in message \
            or "NotSupported" in type(exc).__name__:
        return Reason.UNSUPPORTED
    if "ssl" in message or "certificate" in message or "tls" in message:
        return Reason.SSL
    if isinstance(exc, ResponseNeverReceived | ResponseFailed):
        inner = " ".join(str(r.value) for r in getattr(exc, "reasons", []) if hasattr(r, "value"))
        if "ssl" in inner.lower() or "certificate" in inner.lower():
            return Reason.SSL
    return Reason.CONNECTION


def redirect_reason(request: Request | None) -> Reason:
    """Past REDIRECT_MAX_TIMES: a loop when the chain came back to a URL it had passed, else a long chain."""
    chain = [*(request.meta.get("redirect_urls") or []), request.url] if request is not None else []
    return Reason.REDIRECT_LOOP if len(set(chain)) < len(chain) or not chain else Reason.TOO_MANY_REDIRECTS


def failure_size(failure: Failure, reason: str) -> int | None:
    """The size of a `too_large` body: as its Content-Length stated it, else the bytes that arrived."""
    if reason != Reason.TOO_LARGE:
        return None
    if match := MAXSIZE_RE.search(str(failure.value).lower()):
        return int(match.group(1))
    request = getattr(failure, "request", None)
    return received(request) if request is not None else None


def describe(reason: str) -> str:
    """A short Chinese description of a reason code, for messages and reports."""
    status = http_status(reason)
    if status is not None:
        return f"HTTP {status}"
    return REASON_LABELS.get(reason, reason)
