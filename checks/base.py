"""The check interface: one module per check, each declaring its id, rule, source and thresholds.

A check reads the store through a RunContext and yields Findings; it never touches the network (the
crawl has already fetched, verified and re-tried everything). Subclassing Check registers it under its
`id` (the contract's check id), so adding a module adds a check with no central list to edit.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlsplit

from checks.rules import packaged_rules
from crawler.parse.dates import date_from_url, parse_date
from crawler.store import Store

T = TypeVar("T")
# Roles whose failure leaves part of a column unseen (the column page itself, its further list pages).
COLUMN_ROLES = ("column", "nav_column", "list_page")
MAX_REFERER_CHAIN = 200

REGISTRY: dict[str, type[Check]] = {}
PACKAGED_RULES = packaged_rules()
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


@dataclass(frozen=True)
class Withheld:
    """A finding the check could not judge because a page it needed was not covered: neither new nor
    resolved when runs are compared (contract "Judgements the checks share")."""

    key: str  # the Finding.key it would have had
    reason: str = ""


class Check:
    """Base class. Subclasses set the class attributes and implement run(), yielding Findings and,
    where a page they needed was not covered, Withheld keys."""

    id: ClassVar[str]
    severity: ClassVar[str]
    rule: ClassVar[str]  # cited as rules.md cites it
    source: ClassVar[str]  # where in rules.md / the contract the rule is quoted
    defaults: ClassVar[dict[str, Any]]  # its thresholds: its table of checks/rules.toml

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "id" in cls.__dict__:
            assert cls.severity in SEVERITIES, cls
            cls.defaults = PACKAGED_RULES.get(cls.id, {})
            REGISTRY[cls.id] = cls

    def __init__(self, options: dict[str, Any] | None = None):
        unknown = set(options or {}) - set(self.defaults)
        if unknown:
            raise ValueError(f"检查 {self.id} 没有参数 {', '.join(sorted(unknown))}；"
                             f"可用参数：{', '.join(self.defaults) or '无'}")
        self.options = {**self.defaults, **(options or {})}

    def run(self, ctx: RunContext) -> Iterable[Finding | Withheld]:
        raise NotImplementedError

    def contract_key(self, key: str) -> str:
        """The finding's key across runs of one site: check id and what the finding is about."""
        return f"{self.id}|{key}"


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
    def screenshots(self) -> dict[str, dict[str, Any]]:
        return self.store.screenshots(self.run_id)

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

    def links_from(self, *urls: str | None) -> list[dict[str, Any]]:
        """The links found on the pages at these URLs (a page's requested and final URL, say)."""
        sources = sorted({u for u in urls if u})
        if not sources:
            return []
        return list(self.links(f"source_url in ({','.join('?' * len(sources))})", sources))

    def start_page(self) -> dict[str, Any] | None:
        return next((p for p in self.pages if p["role"] == "start"), None)

    def homepage(self) -> dict[str, Any] | None:
        """The site's homepage: fetched as such, or the start page when it sits at the site root."""
        return next((p for p in self.pages if p["role"] == "homepage"), None) or next(
            (p for p in self.pages if p["role"] == "start" and is_site_root(p["url"])), None)

    # -- helpers shared by the content checks ----------------------------------------------------
    def memo(self, name: str, factory: Callable[[], T]) -> T:
        """A value computed once per run and shared between checks (e.g. the stale columns)."""
        cache = self.__dict__.setdefault("_memo", {})
        if name not in cache:
            cache[name] = factory()
        return cache[name]

    @property
    def level(self) -> str | None:
        """`department` or `government` when the run was told (`--level`), else None."""
        return self.run.get("level") or None

    @cached_property
    def _page_by_final_url(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for page in self.pages:
            if not page["form"] and page["final_url"]:
                out.setdefault(page["final_url"], page)
        return out

    def page_at(self, url: str | None) -> dict[str, Any] | None:
        """The page requested as `url`, else the one that ended at `url` after redirects."""
        if not url:
            return None
        return self.page_by_url.get(url) or self._page_by_final_url.get(url)

    @staticmethod
    def fetched(page: dict[str, Any] | None) -> bool:
        """True when the page was fetched and read: no failure, no challenge."""
        return page is not None and not page["reason"] and not page["blocked"]

    def html(self, page: dict[str, Any] | None) -> str | None:
        """The stored body of a fetched HTML page as text (decoded as the crawl decoded it), or None
        (not fetched, no body kept, or not HTML: a PDF or Word document, a JSON or XML data endpoint)."""
        if not self.fetched(page) or not page.get("body_hash"):
            return None
        ctype = (page.get("content_type") or "").lower()
        if ctype and "html" not in ctype:
            return None
        data = self.store.body(page["body_hash"])
        if data is None:
            return None
        encoding = page.get("encoding")
        if encoding:
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                pass
        from crawler.parse.encoding import decode_body

        return decode_body(data, page.get("content_type") or "").text

    @cached_property
    def truncated(self) -> bool:
        """True when the crawl stopped at its page limit: unrequested pages are unknown, not absent."""
        return any(gap.get("reason") == "max_pages" for gap in self.run.get("not_covered") or [])

    def columns_in(self, section: str) -> list[dict[str, Any]]:
        return [c for c in self.columns if c["section"] == section]

    @cached_property
    def _column_gaps(self) -> dict[str, list[dict[str, Any]]]:
        column_urls = {c["url"] for c in self.columns}
        gaps: dict[str, list[dict[str, Any]]] = {}
        for page in self.pages:
            if page["reason"] and page["role"] in COLUMN_ROLES:
                owner = self._owner_column(page, column_urls)
                if owner:
                    gaps.setdefault(owner, []).append(
                        {"url": page["url"], "reason": page["reason"], "role": page["role"]})
        return gaps

    def _owner_column(self, page: dict[str, Any], column_urls: set[str]) -> str | None:
        """The column a column or list page belongs to, following the referers of list pages."""
        seen: set[str] = set()
        current: dict[str, Any] | None = page
        while current is not None and len(seen) < MAX_REFERER_CHAIN:
            for url in (current["url"], current["final_url"]):
                if url in column_urls and (current is not page or page["role"] != "list_page"):
                    return url
            if current is not page and current["role"] != "list_page":
                return None
            referer = current.get("referer")
            if not referer or referer in seen:
                return None
            seen.add(referer)
            if referer in column_urls:
                return referer
            current = self.page_at(referer)
        return None

    def column_gaps(self, column: dict[str, Any]) -> list[dict[str, Any]]:
        """Pages of the column that could not be read: its own page and any of its list pages."""
        gaps = list(self._column_gaps.get(column["url"], []))
        page = self.page_at(column["url"])
        if page is not None and page["url"] != column["url"]:
            gaps += self._column_gaps.get(page["url"], [])
        return gaps

    def column_withheld(self, column: dict[str, Any]) -> bool:
        """True when part of the column could not be seen: judging it would judge the crawl, not the site.

        Not covered (HTTP error, blocked, robots, needs a browser), a list page that failed, or a page
        that was never fetched at all.
        """
        if column["status"] != "ok" or self.column_gaps(column):
            return True
        return not self.fetched(self.page_at(column["url"]))

    def column_alias(self, column: dict[str, Any]) -> bool:
        """True for a column row recorded under a URL that redirected to another column row's URL."""
        page = self.page_at(column["url"])
        if page is None or not page["final_url"] or page["final_url"] == column["url"]:
            return False
        return any(c["url"] == page["final_url"] for c in self.columns if c is not column)

    @staticmethod
    def metadata(page: dict[str, Any] | None) -> dict[str, str]:
        """The page's 信息公开 metadata block (canonical keys), {} when none was read."""
        value = (page or {}).get("metadata")
        return value if isinstance(value, dict) else {}

    @staticmethod
    def meta(page: dict[str, Any] | None) -> dict[str, str]:
        """The page's national meta tags (PubDate, ContentSource …), {} when none were read."""
        value = (page or {}).get("meta")
        return value if isinstance(value, dict) else {}

    def item_date(self, item: dict[str, Any]) -> tuple[date | None, str]:
        """An item's date and where it came from, in the order the freshness rules take them.

        The list's own date; else the document's metadata 发布日期, its PubDate meta tag, its best
        publish date, or the date in its URL. Without any: `undated` (the platform lists it with no
        date: counts as not updated, rules.md §1.4) or `unknown` (its page failed to load, or was never
        requested because the crawl hit its page limit: nobody can tell).
        """
        if item.get("date"):
            return date.fromisoformat(item["date"][:10]), item.get("date_source") or "list"
        page = self.page_at(item["url"])
        if self.fetched(page):
            metadata, meta = self.metadata(page), self.meta(page)
            for source, value in (("metadata", metadata.get("pub_date")), ("meta", meta.get("PubDate")),
                                  ("page", page.get("pub_date"))):
                found = parse_date(value)
                if found:
                    return found, source
        found = date_from_url(item["url"])
        if found:
            return found, "url"
        if (page is not None and not self.fetched(page)) or (page is None and self.truncated):
            return None, "unknown"
        return None, "undated"


def is_site_root(url: str) -> bool:
    path = urlsplit(url).path
    return path in ("", "/") or bool(re.fullmatch(r"/(index|default|main)\.(s?html?|jsp|php|aspx?)", path))


def finding_row(check: Check, finding: Finding, run_id: int, checked_at: str) -> dict[str, Any]:
    """A store row; the id is stable within the database (same run, check and key → same id)."""
    digest = hashlib.sha1(f"{run_id}\x1f{check.id}\x1f{finding.key}".encode()).hexdigest()[:12]
    return {"id": f"{run_id}-{digest}", "check_id": check.id, "severity": finding.severity or check.severity,
            "rule": check.rule, "url": finding.url, "target": finding.target, "column_name": finding.column,
            "column_path": finding.column_path, "section": finding.section, "year": finding.year,
            "reason": finding.reason,
            "confirmed": None if finding.confirmed is None else int(finding.confirmed),
            "message": finding.message, "evidence": {"checked_at": checked_at, **finding.evidence},
            "created_at": checked_at, "key": check.contract_key(finding.key)}
