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
from crawler.store import Store, now_iso

__all__ = ["REGISTRY", "Check", "CheckPass", "Finding", "RunContext", "Withheld", "load_checks", "run_checks"]
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
