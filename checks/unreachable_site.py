"""unreachable_site: the start page could not be fetched, or the site failed its availability probes.

Rule: 政府网站与政务新媒体检查指标(2019) 单项否决 "站点无法访问" — 每天监测 20 次以上，一周内 5%（含）以上
超过 15 秒仍打不开 (rules.md §1.3). One crawl can only say the site did not open this time (severity
warn). The veto needs the availability probes the scheduler logs (`xxgk schedule`): a run the schedule
started is judged on the homepage probes of the week before its scheduled time, each day of which must
hold enough probes; with too few the run says so (info) and never vetoes. A crawl run by hand has no
schedule behind it and keeps the one-crawl warning only.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from checks.base import Check, Finding, RunContext
from crawler import outcomes
from crawler.outcomes import Reason
from crawler.store import SHANGHAI

UNREACHABLE = frozenset({*outcomes.TRANSPORT_REASONS, Reason.REDIRECT_LOOP, Reason.TOO_MANY_REDIRECTS,
                         Reason.ROBOTS, Reason.NOT_HTML})
PROBES_KEY = "probes|"  # the probe-based finding's own key, apart from the crawl's (contract)
TOO_FEW_PROBES_KEY = "probes_too_few|"
MAX_EVIDENCE_FAILURES = 50


class UnreachableSite(Check):
    id = "unreachable_site"
    severity = "warn"
    rule = "政府网站与政务新媒体检查指标(2019) 单项否决指标 站点无法访问"
    source = "rules.md §1.3 (每天监测20次以上，一周内5%（含）以上超过（含）15秒网站仍打不开)"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        yield from self.start_page_failure(ctx)
        yield from self.probe_veto(ctx)

    def start_page_failure(self, ctx: RunContext) -> Iterator[Finding]:
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

    def probe_veto(self, ctx: RunContext) -> Iterator[Finding]:
        scheduled = ctx.store.scheduled_crawl_of_run(ctx.run_id)
        if scheduled is None:  # a crawl by hand: no probes stand behind it
            return
        days = self.options["probe_window_days"]
        end = scheduled["scheduled_ts"]
        probes = ctx.store.probes(ctx.run["site_key"], end - days * 86400, end)
        per_day = [0] * days
        for row in probes:
            per_day[min(days - 1, int((row["at_ts"] - (end - days * 86400)) // 86400))] += 1
        failed = [p for p in probes if not p["ok"]]
        url = probes[-1]["url"] if probes else scheduled["url"]
        window = {"from": iso(end - days * 86400), "until": iso(end), "probes": len(probes),
                  "failed": len(failed), "per_day": per_day}
        minimum = self.options["probe_min_per_day"]
        if min(per_day) < minimum:
            yield Finding(
                key=TOO_FEW_PROBES_KEY + url, url=url, severity="info", evidence=window,
                message=f"可用性监测不足：运行前 {days} 天中有的日子探测少于 {minimum} 次"
                        f"（每日 {', '.join(map(str, per_day))} 次），不判断“站点无法访问”")
            return
        share = len(failed) / len(probes)
        if share < self.options["probe_failure_share"]:
            return
        yield Finding(
            key=PROBES_KEY + url, url=url, severity="veto", reason=failed[-1]["reason"],
            evidence={**window, "share": round(share, 4),
                      "failures": [{"at": p["at"], "status": p["status"], "reason": p["reason"]}
                                   for p in failed[-MAX_EVIDENCE_FAILURES:]]},
            message=f"站点无法访问：运行前 {days} 天共探测首页 {len(probes)} 次，{len(failed)} 次失败"
                    f"（{share:.1%}，达到 {self.options['probe_failure_share']:.0%}）")


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, SHANGHAI).isoformat(timespec="seconds")
