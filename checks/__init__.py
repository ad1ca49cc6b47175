"""Checks: what 国办 inspections and third-party evaluators score, judged from the stored snapshots.

Each module holds one check (its id, rule, source and thresholds); importing the package registers
them all. run_checks() runs every registered check over one run and returns the store rows.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from checks.base import REGISTRY, Check, Finding, RunContext, finding_row
from crawler.store import Store, now_iso

__all__ = ["REGISTRY", "Check", "Finding", "RunContext", "load_checks", "run_checks"]


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
               only: list[str] | None = None) -> list[dict[str, Any]]:
    """Run the registered checks over one stored run and return their findings as store rows.

    :param options: per check id, thresholds that replace the check's defaults.
    :param only: check ids to run (default: all).
    """
    ctx = RunContext(store, run_id)
    checked_at = now_iso()
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for check_id, cls in sorted(load_checks().items()):
        if only and check_id not in only:
            continue
        check = cls((options or {}).get(check_id))
        for finding in check.run(ctx):
            attach_screenshot(finding, ctx)
            row = finding_row(check, finding, run_id, checked_at)
            if row["id"] not in seen:
                seen.add(row["id"])
                rows.append(row)
    return rows
