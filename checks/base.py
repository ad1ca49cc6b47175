"""The check interface: one module per check, each declaring its id, rule, source and thresholds.

A check reads the store through a RunContext and yields Findings; it never touches the network (the
crawl has already fetched, verified and re-tried everything). Subclassing Check registers it under its
`id` (the contract's check id), so adding a module adds a check with no central list to edit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, ClassVar

from crawler.store import Store

REGISTRY: dict[str, type[Check]] = {}
SEVERITIES = ("veto", "deduct", "warn", "info")
SECTIONS = ("guide", "rules", "statutory", "annual_report")


@dataclass
class Finding:
    key: str  # what makes this finding unique within its check and run (target URL, year, column URL …)
    message: str  # 中文说明
    url: str | None = None
    target: str | None = None
    column: str | None = None
    column_path: str | None = None
    section: str | None = None
    year: int | None = None
    reason: str | None = None
    confirmed: bool | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    severity: str | None = None  # only when it differs from the check's own


class Check:
    """Base class. Subclasses set the class attributes and implement run()."""

    id: ClassVar[str]
    severity: ClassVar[str]
    rule: ClassVar[str]  # cited as rules.md cites it
    source: ClassVar[str]  # where in rules.md / the contract the rule is quoted
    defaults: ClassVar[dict[str, Any]] = {}  # thresholds; local governments may set their own

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "id" in cls.__dict__:
            assert cls.severity in SEVERITIES, cls
            REGISTRY[cls.id] = cls

    def __init__(self, options: dict[str, Any] | None = None):
        unknown = set(options or {}) - set(self.defaults)
        if unknown:
            raise ValueError(f"检查 {self.id} 没有参数 {', '.join(sorted(unknown))}；"
                             f"可用参数：{', '.join(self.defaults) or '无'}")
        self.options = {**self.defaults, **(options or {})}

    def run(self, ctx: RunContext) -> Iterable[Finding]:
        raise NotImplementedError


class RunContext:
    """Read-only view of one stored run, with the lookups most checks need."""

    def __init__(self, store: Store, run_id: int):
        self.store = store
        self.run = store.run(run_id)
        self.run_id = int(self.run["id"])
        self.as_of = date.fromisoformat(self.run["as_of"])

    @cached_property
    def pages(self) -> list[dict[str, Any]]:
        return list(self.store.pages(self.run_id))

    @cached_property
    def page_by_url(self) -> dict[str, dict[str, Any]]:
        """The outcome per requested URL (GET wins over HEAD; the first of duplicates otherwise)."""
        out: dict[str, dict[str, Any]] = {}
        for page in self.pages:
            if page["form"]:
                continue
            current = out.get(page["url"])
            if current is None or (current["method"] == "HEAD" and page["method"] == "GET"):
                out[page["url"]] = page
        return out

    @cached_property
    def columns(self) -> list[dict[str, Any]]:
        return self.store.columns(self.run_id)

    @cached_property
    def not_covered(self) -> dict[str, str]:
        return {gap["url"]: gap["reason"] for gap in self.run.get("not_covered") or []}

    @property
    def stats(self) -> dict[str, Any]:
        return self.run.get("stats") or {}

    def links(self, where: str = "", params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        return self.store.links(self.run_id, where, params)

    def start_page(self) -> dict[str, Any] | None:
        return next((p for p in self.pages if p["role"] == "start"), None)

    def homepage(self) -> dict[str, Any] | None:
        return next((p for p in self.pages if p["role"] in ("homepage", "start")
                     and p["url"].rstrip("/").count("/") <= 2), None)


def finding_row(check: Check, finding: Finding, run_id: int, checked_at: str) -> dict[str, Any]:
    """A store row; the id is stable within the database (same run, check and key → same id)."""
    digest = hashlib.sha1(f"{run_id}\x1f{check.id}\x1f{finding.key}".encode()).hexdigest()[:12]
    return {"id": f"{run_id}-{digest}", "check_id": check.id, "severity": finding.severity or check.severity,
            "rule": check.rule, "url": finding.url, "target": finding.target, "column_name": finding.column,
            "column_path": finding.column_path, "section": finding.section, "year": finding.year,
            "reason": finding.reason,
            "confirmed": None if finding.confirmed is None else int(finding.confirmed),
            "message": finding.message, "evidence": {"checked_at": checked_at, **finding.evidence},
            "created_at": checked_at}
