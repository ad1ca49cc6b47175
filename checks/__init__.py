"""Checks: what 国办 inspections and third-party evaluators score, judged from the stored snapshots.

Each module holds one check (its id, rule, source and thresholds); importing the package registers
them all. run_checks() runs every registered check over one run, each on its own (a check that fails
is reported and the others still run), and returns the store rows and the keys the checks withheld.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from dataclasses import dataclass, field
from typing import Any

from checks.base import REGISTRY, Check, Finding, RunContext, Withheld, finding_row
from checks.rules import Rules, RulesError, load_rules
from crawler.store import Store, now_iso

__all__ = ["REGISTRY", "Check", "CheckPass", "Finding", "Rules", "RulesError", "RunContext", "Withheld",
           "check_run", "load_checks", "load_rules", "run_checks"]
# A failed run judged nothing but its start page: its checks say why it failed, no more.
FAILED_RUN_CHECKS = ("unreachable_site", "blocked")
logger = logging.getLogger(__name__)


@dataclass
class CheckPass:
    """What one pass of the checks over a run produced."""

    findings: list[dict[str, Any]] = field(default_factory=list)  # store rows
    withheld: list[str] = field(default_factory=list)  # contract keys of findings that could not be judged
    errors: dict[str, str] = field(default_factory=dict)  # check id → why it failed


def load_checks() -> dict[str, type[Check]]:
    """Import every module of this package, so each check registers itself; return the registry."""
    for module in pkgutil.iter_modules(__path__):
        if module.name != "base":
            importlib.import_module(f"{__name__}.{module.name}")
    return REGISTRY


def attach_screenshot(finding: Finding, ctx: RunContext) -> None:
    """Evidence gets the crawl's screenshot of the page the finding is about (parent page, column …)."""
    shot = ctx.screenshots.get(finding.url or "") if finding.url else None
    if shot and "screenshot" not in finding.evidence:
        finding.evidence["screenshot"] = {"url": shot["url"], "hash": shot["body_hash"],
                                          "taken_at": shot["taken_at"]}


def run_checks(store: Store, run_id: int, options: dict[str, dict[str, Any]] | None = None,
               only: list[str] | None = None) -> CheckPass:
    """Run the registered checks over one stored run.

    :param options: per check id, thresholds that replace the check's defaults.
    :param only: check ids to run (default: all).
    """
    ctx = RunContext(store, run_id)
    checked_at = now_iso()
    result = CheckPass()
    seen: set[str] = set()
    for check_id, cls in sorted(load_checks().items()):
        if only and check_id not in only:
            continue
        check = cls((options or {}).get(check_id))
        try:
            outcomes = list(check.run(ctx))
        except Exception as exc:  # one broken check must not cost the run its other findings
            logger.exception("检查 %s 失败", check_id)
            result.errors[check_id] = f"{type(exc).__name__}: {exc}"
            continue
        for outcome in outcomes:
            if isinstance(outcome, Withheld):
                result.withheld.append(check.contract_key(outcome.key))
                continue
            attach_screenshot(outcome, ctx)
            row = finding_row(check, outcome, run_id, checked_at)
            if row["id"] not in seen:
                seen.add(row["id"])
                result.findings.append(row)
    return result


def check_run(store: Store, run_id: int, rules: Rules | None = None) -> CheckPass:
    """The check step (`xxgk check`, and the crawl when a site's crawl is done): judge a stored run and
    replace its findings and withheld keys.

    :param rules: new rules to judge by, recorded in the run; by default the rules the run recorded.
    """
    run = store.run(run_id)
    if rules is None:
        recorded = run.get("rules") or {}
        rules = load_rules(text=recorded["overlay"]) if recorded.get("overlay") else load_rules()
    else:
        store.update_run(run["id"], rules=rules.record())
    only = list(FAILED_RUN_CHECKS) if run["status"] == "failed" else None
    result = run_checks(store, run["id"], rules.options, only)
    store.replace_findings(run["id"], result.findings, result.withheld)
    stats = {k: v for k, v in (run.get("stats") or {}).items() if k != "check_errors"}
    store.update_run(run["id"], stats={**stats, "check_errors": result.errors} if result.errors else stats)
    return result
