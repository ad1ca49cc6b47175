"""What a request's outcome means: the contract's reason codes, and which failures are suspects.

One place decides, for the crawl and for `broken_link` alike:
- confirmed failures (404, 403, 410 and soft-404s) are final at the first answer;
- suspected failures (timeouts, 5xx, 429, DNS, connection, SSL) may be passing trouble on a shared
  government server, so the crawl tries them again late in the run with backoff; only those that
  persist are reported, and then with `confirmed: false` (contract: "Confirmed vs suspected");
- a redirect loop is a property of the site, not of the moment: not retried, reported as confirmed.
"""

from __future__ import annotations

from twisted.internet.error import (
    ConnectError,
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

SOFT_404_REASONS = ("soft_404", "redirect_home", "redirect_parent", "meta_refresh")
CONFIRMED_STATUSES = (404, 403, 410)
TRANSPORT_REASONS = ("timeout", "dns", "connection", "ssl")
# A start page that fails like this makes the run `failed` (contract "Run status"); a start page that is
# a soft 404 is still a page we could read.
START_FAILURES = ("timeout", "dns", "connection", "ssl", "redirect_loop", "blocked", "robots", "not_html")
NOT_FETCHED_REASONS = ("robots", "max_pages", "not_rendered", "too_large", "unsupported", "not_html")

REASON_LABELS = {
    "timeout": "请求超时",
    "dns": "域名无法解析",
    "connection": "无法建立连接",
    "ssl": "SSL证书或加密连接错误",
    "redirect_loop": "重定向循环",
    "soft_404": "页面返回200但内容为“页面不存在”",
    "redirect_home": "跳转到网站首页",
    "redirect_parent": "跳转到上级目录",
    "meta_refresh": "页面自动跳转到首页或上级目录",
    "robots": "robots.txt 禁止抓取",
    "max_pages": "超过抓取页数上限",
    "not_rendered": "需要浏览器渲染但浏览器不可用",
    "too_large": "超过下载大小上限",
    "unsupported": "不支持的协议",
    "not_html": "不是网页（无法从中抓取）",
    "blocked": "被反爬虫或WAF拦截",
}


def http_reason(status: int) -> str | None:
    """The reason code for an HTTP status, or None when the status is not a failure."""
    return f"http_{status}" if status >= 400 else None


def is_suspect(reason: str | None) -> bool:
    """A failure that may be passing: worth another try later in the run."""
    if not reason:
        return False
    if reason in TRANSPORT_REASONS:
        return True
    if reason.startswith("http_"):
        status = int(reason[5:])
        return status >= 500 or status in (408, 429)
    return False


def is_confirmed(reason: str) -> bool:
    """A failure the first answer proves (contract: 404, 403, 410 and soft-404s; redirect loops)."""
    if reason in SOFT_404_REASONS or reason == "redirect_loop":
        return True
    return reason.startswith("http_") and int(reason[5:]) in CONFIRMED_STATUSES


def is_broken(reason: str | None) -> bool:
    """Whether a link whose last outcome is `reason` does not work (challenges are not `broken`)."""
    return bool(reason) and reason not in NOT_FETCHED_REASONS and reason != "blocked"


def failure_reason(failure: Failure) -> str:
    """Map a download failure to the contract's reason vocabulary."""
    exc = failure.value
    message = str(exc)
    if isinstance(exc, DNSLookupError):
        return "dns"
    if isinstance(exc, TimeoutError | TCPTimedOutError) or "took longer than" in message:
        return "timeout"
    if "max redirections" in message.lower():
        return "redirect_loop"
    if "robots.txt" in message.lower():
        return "robots"
    if "exceeds" in message and ("maxsize" in message.lower() or "warnsize" in message.lower()):
        return "too_large"
    if "ssl" in message.lower() or "certificate" in message.lower() or "tls" in message.lower():
        return "ssl"
    if isinstance(exc, ResponseNeverReceived | ResponseFailed):
        inner = " ".join(str(r.value) for r in getattr(exc, "reasons", []) if hasattr(r, "value"))
        if "ssl" in inner.lower() or "certificate" in inner.lower():
            return "ssl"
        return "connection"
    if isinstance(exc, ConnectionRefusedError | ConnectError | ConnectionLost):
        return "connection"
    if "Unsupported URL scheme" in message or "NotSupported" in type(exc).__name__:
        return "unsupported"
    return "connection"


def describe(reason: str) -> str:
    """A short Chinese description of a reason code, for messages and reports."""
    if reason.startswith("http_"):
        return f"HTTP {reason[5:]}"
    return REASON_LABELS.get(reason, reason)
