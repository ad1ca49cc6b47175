"""Alerts through Apprise: what is new or resolved for a site since the state last notified.

The state last notified (the finding keys an office was last told are present) is kept per site key in
the database, so a crawl run by hand in between swallows nothing and a restart repeats nothing. A key
withheld by the run (a page it needed was not covered) is neither new nor resolved and stays as it
was. A notifier that fails is retried, then logged; the state then stays where it was, so the
change is told again with the next run rather than lost.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import apprise

from crawler.store import Store, now_iso

logger = logging.getLogger(__name__)
SEVERITY_LABELS = {"veto": "单项否决", "deduct": "扣分", "warn": "提醒", "info": "信息"}
RETRY_DELAYS = (2.0, 10.0)  # seconds between the attempts of a failing notifier
MAX_LISTED = 50  # per list in one message; the rest is counted


class AlertKind(StrEnum):
    CHANGES = "changes"
    FAILED = "failed"


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    site_key: str
    run_id: int
    title: str
    body: str
    new: list[str]
    resolved: list[str]


def run_alert(store: Store, site_name: str, run_id: int) -> tuple[Alert | None, set[str]]:
    """The alert for a finished run (None when nothing changed) and the state to store once sent."""
    run = store.run(run_id)
    notified = store.notified_keys(run["site_key"])
    findings = {f["key"]: f for f in store.findings(run_id)}
    if run["status"] == "failed":
        return failed_alert(run, site_name, list(findings.values())), notified
    withheld = set(run.get("withheld") or [])
    new = sorted(set(findings) - notified)
    resolved = sorted(notified - set(findings) - withheld)
    state = set(findings) | (notified & withheld)
    if not new and not resolved:
        return None, state
    title = f"【政务公开监测】{site_name}：新增问题 {len(new)} 项，已解决 {len(resolved)} 项（运行 {run_id}）"
    lines = [f"网站：{site_name}（{run['start_url']}）", f"运行：{run_id}，状态 {run['status']}，评估日期 {run['as_of']}"]
    if new:
        lines.append(f"新增问题 {len(new)} 项：")
        lines += [describe(findings[key]) for key in new[:MAX_LISTED]] + more(new)
    if resolved:
        lines.append(f"已解决 {len(resolved)} 项：")
        lines += [f"- {key}" for key in resolved[:MAX_LISTED]] + more(resolved)
    lines.append(f"详情：xxgk findings --run {run_id}")
    return Alert(AlertKind.CHANGES, run["site_key"], run_id, title, "\n".join(lines), new, resolved), state


def failed_alert(run: dict[str, Any], site_name: str, findings: list[dict[str, Any]]) -> Alert:
    reason = next((f["message"] for f in findings), "起始页面无法获取")
    title = f"【政务公开监测】{site_name}：本次检查失败（运行 {run['id']}）"
    body = "\n".join([f"网站：{site_name}（{run['start_url']}）", f"运行：{run['id']}，状态 failed，评估日期 {run['as_of']}",
                      f"原因：{reason}", "其他问题本次未能判断，待下次检查。"])
    return Alert(AlertKind.FAILED, run["site_key"], int(run["id"]), title, body, [], [])


def describe(finding: dict[str, Any]) -> str:
    return f"- [{SEVERITY_LABELS.get(finding['severity'], finding['severity'])}] {finding['key']}：{finding['message']}"


def more(keys: Sequence[str]) -> list[str]:
    return [f"- ……另有 {len(keys) - MAX_LISTED} 项"] if len(keys) > MAX_LISTED else []


def send(alert: Alert, urls: Sequence[str], retry_delays: Sequence[float] = RETRY_DELAYS) -> tuple[bool, int, str]:
    """Deliver to every URL, retrying the ones that fail; (all delivered, attempts, last error)."""
    invalid = [url for url in urls if not apprise.Apprise().add(url)]  # retrying will not make them valid
    pending = [url for url in urls if url not in invalid]
    error = f"无法识别的通知地址：{', '.join(map(redact, invalid))}" if invalid else ""
    attempts = 0
    for delay in (0.0, *retry_delays):
        if not pending:
            break
        time.sleep(delay)
        attempts += 1
        pending = [url for url in pending if not deliver(alert, url)]
        if pending:
            error = f"发送失败：{', '.join(map(redact, pending))}"
    ok = not pending and not invalid
    return ok, attempts, "" if ok else error


def deliver(alert: Alert, url: str) -> bool:
    target = apprise.Apprise()
    target.add(url)
    try:
        return bool(target.notify(title=alert.title, body=alert.body, body_format=apprise.NotifyFormat.TEXT))
    except Exception:  # a notifier plugin's own failure must not stop the schedule
        logger.exception("通知插件出错：%s", redact(url))
        return False


def notify(store: Store, alert: Alert, state: set[str], urls: Sequence[str],
           retry_delays: Sequence[float] = RETRY_DELAYS) -> bool:
    """Send one alert, log it, and move the site's notified state when it was delivered."""
    ok, attempts, error = send(alert, urls, retry_delays) if urls else (True, 0, "")
    store.log_notification({"site_key": alert.site_key, "run_id": alert.run_id, "kind": alert.kind,
                            "title": alert.title, "body": alert.body, "new": alert.new,
                            "resolved": alert.resolved, "ok": int(ok), "attempts": attempts,
                            "error": error or None, "at": now_iso()})
    if not ok:
        logger.warning("通知发送失败（运行 %s）：%s", alert.run_id, error)
    elif alert.kind is AlertKind.CHANGES:
        store.set_notified_keys(alert.site_key, alert.run_id, state)
    return ok


def redact(url: str) -> str:
    """A notifier URL without its secrets (tokens, passwords), for logs."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/')[0].split('@')[-1]}/…"
