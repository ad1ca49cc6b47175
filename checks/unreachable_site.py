"""unreachable_site: the start page could not be fetched.

Rule: 政府网站与政务新媒体检查指标(2019) 单项否决 "站点无法访问" — 15 s (rules.md §1.3). One crawl
can only say the site did not open this time (severity warn); the 5%-over-a-week veto needs the
availability probes of the scheduler.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.base import Check, Finding, RunContext
from crawler import outcomes
from crawler.outcomes import Reason

UNREACHABLE = frozenset({*outcomes.TRANSPORT_REASONS, Reason.REDIRECT_LOOP, Reason.TOO_MANY_REDIRECTS,
                         Reason.ROBOTS, Reason.NOT_HTML})


class UnreachableSite(Check):
    id = "unreachable_site"
    severity = "warn"
    rule = "政府网站与政务新媒体检查指标(2019) 单项否决指标 站点无法访问"
    source = "rules.md §1.3 (超过（含）15秒网站仍打不开)"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        start = ctx.start_page()
        reason = start["reason"] if start else Reason.CONNECTION
        if start is not None and not (reason in UNREACHABLE or outcomes.http_status(reason) is not None):
            return
        url = start["url"] if start else ctx.run["start_url"]
        yield Finding(
            key=url, url=url, reason=reason, confirmed=outcomes.is_confirmed(reason) if reason else None,
            message=f"起始页面无法使用（{outcomes.describe(reason)}），本次检查未能完成",
            evidence={"start_url": url, "status": start["status"] if start else None,
                      "attempts": start["attempts"] if start else None,
                      "fetched_at": start["fetched_at"] if start else None})
