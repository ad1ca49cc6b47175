"""Availability probes of a site's homepage (contract "Schedule config"; rules.md §1.3: 15 s).

A probe fails on a timeout, a DNS, connection or SSL error, or a 5xx answer; a challenge or WAF page
(瑞数 412, 加速乐 521 …) is an answer from a reachable site, so it counts as reachable.
"""

from __future__ import annotations

import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException

from crawler.outcomes import Reason, http_reason
from crawler.parse.challenge import classify_challenge

PROBE_TIMEOUT_SECONDS = 15.0  # rules.md §1.3: 超过（含）15秒网站仍打不开
MAX_BODY_BYTES = 200_000  # enough to tell a challenge page (they are small)
USER_AGENT = "Mozilla/5.0 (compatible; xxgk-monitor availability probe)"


@dataclass(frozen=True)
class ProbeResult:
    ok: bool
    status: int | None
    reason: str | None  # the contract's reason code when it failed, "challenge:<name>" for a challenge page
    elapsed_ms: int


def probe(url: str, timeout: float = PROBE_TIMEOUT_SECONDS) -> ProbeResult:
    """GET the homepage once, following redirects, within `timeout` seconds."""
    started = time.monotonic()
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"})

    def result(ok: bool, status: int | None, reason: str | None) -> ProbeResult:
        return ProbeResult(ok, status, reason, int((time.monotonic() - started) * 1000))

    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read(MAX_BODY_BYTES)
            return result(True, response.status, None)
    except urllib.error.HTTPError as exc:
        body = exc.read(MAX_BODY_BYTES).decode("utf-8", "replace") if exc.fp else ""
        challenge = classify_challenge(exc.code, dict(exc.headers or {}), body)
        if challenge:
            return result(True, exc.code, f"challenge:{challenge}")
        return result(exc.code < 500, exc.code, http_reason(exc.code) or f"http_{exc.code}")
    except urllib.error.URLError as exc:
        return result(False, None, transport_reason(exc.reason))
    except TimeoutError:
        return result(False, None, Reason.TIMEOUT)
    except (ssl.SSLError, ssl.CertificateError):
        return result(False, None, Reason.SSL)
    except (ConnectionError, HTTPException, OSError):
        return result(False, None, Reason.CONNECTION)


def transport_reason(cause: object) -> str:
    if isinstance(cause, TimeoutError):
        return Reason.TIMEOUT
    if isinstance(cause, socket.gaierror):
        return Reason.DNS
    if isinstance(cause, ssl.SSLError | ssl.CertificateError):
        return Reason.SSL
    return Reason.CONNECTION
