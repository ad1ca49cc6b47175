"""A run's documents as snapshots that two runs can be compared by: `xxgk diff` and the history checks.

A document is what the platform's columns list, keyed by its URL. Its snapshot holds what the list and
its page said: title, 发布日期 and 成文日期 (each with where it was read), the rest of its metadata, its
attachments, the columns that list it, and its main text (read from the stored body on demand).

Whether a comparison may be trusted is part of the snapshot: a column is *seen whole* when its own page
and every list page were read and the crawl was not cut short; a document that vanished from a column
not seen whole in both runs may simply not have been reached.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from checks.base import RunContext, Withheld
from crawler.parse.content import document_text
from crawler.parse.dates import parse_date

DATE_FIELDS = ("pub_date", "written_date")  # compared by changed_publish_date, never by changed_document


@dataclass(frozen=True)
class DatedValue:
    value: date | None
    source: str | None  # metadata, meta, page, list: two runs' dates compare only from the same source


@dataclass
class DocumentSnapshot:
    run_id: int
    url: str
    listed_title: str
    column_paths: tuple[str, ...]
    whole: bool  # every column listing it was seen whole
    page: dict[str, Any] | None
    fetched: bool
    title: str | None = None
    publish_date: DatedValue = DatedValue(None, None)
    written_date: DatedValue = DatedValue(None, None)
    metadata: dict[str, str] = field(default_factory=dict)  # without the two dates
    attachments: tuple[str, ...] = ()

    def summary(self) -> dict[str, Any]:
        """What a diff or a finding shows of this snapshot."""
        return {"title": self.title or self.listed_title, "column": " | ".join(self.column_paths),
                "publish_date": _iso(self.publish_date.value), "written_date": _iso(self.written_date.value),
                "metadata": self.metadata, "attachments": list(self.attachments)}


class RunDocuments:
    """The documents of one run, with the columns that list them and how completely each was seen."""

    def __init__(self, ctx: RunContext):
        self.ctx = ctx

    @cached_property
    def columns_whole(self) -> dict[str, bool]:
        """Column path → seen whole in this run."""
        truncated = self.ctx.truncated or any(
            gap.get("reason") == "trap" for gap in self.ctx.run.get("not_covered") or [])
        return {c["path"]: (not truncated and bool(c["in_platform"]) and not self.ctx.column_withheld(c))
                for c in self.ctx.columns}

    @cached_property
    def by_url(self) -> dict[str, DocumentSnapshot]:
        listings: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
        for column in self.ctx.columns:
            for item in column["items"]:
                listings.setdefault(item["url"], []).append((column, item))
        return {url: self._snapshot(url, found) for url, found in listings.items()}

    def _snapshot(self, url: str, listings: list[tuple[dict[str, Any], dict[str, Any]]]) -> DocumentSnapshot:
        paths = tuple(sorted({column["path"] for column, _ in listings}))
        page = self.ctx.page_at(url)
        fetched = self.ctx.fetched(page)
        first_item = listings[0][1]
        snapshot = DocumentSnapshot(run_id=self.ctx.run_id, url=url, listed_title=first_item["title"] or "", column_paths=paths,
                                    whole=all(self.columns_whole.get(p, False) for p in paths),
                                    page=page, fetched=fetched)
        list_date = DatedValue(parse_date(first_item["date"]), "list") if first_item.get("date") else None
        if not fetched:
            snapshot.publish_date = list_date or snapshot.publish_date
            return snapshot
        metadata = self.ctx.metadata(page)
        snapshot.title = page.get("title")
        snapshot.publish_date = _first_date(("metadata", metadata.get("pub_date")),
                                            ("meta", self.ctx.meta(page).get("PubDate")),
                                            ("page", page.get("pub_date"))) or list_date or snapshot.publish_date
        snapshot.written_date = _first_date(("metadata", metadata.get("written_date"))) or snapshot.written_date
        snapshot.metadata = {k: v for k, v in metadata.items() if k not in DATE_FIELDS}
        snapshot.attachments = tuple(sorted({link["target_url"] for link in self.ctx.links_from(url, page["final_url"])
                                             if link["kind"] == "attachment"}))
        return snapshot

    def text(self, snapshot: DocumentSnapshot) -> str | None:
        """The document's main text, or None when its page was not read as HTML."""
        html = self.ctx.html(snapshot.page) if snapshot.fetched else None
        return document_text(html) if html is not None else None

    def body_hash(self, snapshot: DocumentSnapshot) -> str | None:
        return (snapshot.page or {}).get("body_hash")

    def column_state(self, path: str) -> bool | None:
        """True seen whole, False seen in part, None not in this run at all."""
        return self.columns_whole.get(path)


def vanished(old: DocumentSnapshot, new_run: RunDocuments) -> bool | None:
    """Whether a document listed in the old run and in no column now is gone: True, False (it may only
    not have been reached) — None when it is still listed.

    Gone means every column that listed it was seen whole in both runs, or dropped from a platform the
    new run saw completely.
    """
    if old.url in new_run.by_url:
        return None
    if not old.whole:
        return False
    complete = new_run.ctx.run["status"] == "complete" and not new_run.ctx.truncated
    return all(new_run.column_state(path) or (new_run.column_state(path) is None and complete)
               for path in old.column_paths)


def _first_date(*candidates: tuple[str, str | None]) -> DatedValue | None:
    for source, raw in candidates:
        found = parse_date(raw)
        if found:
            return DatedValue(found, source)
    return None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def history(ctx: RunContext) -> tuple[RunDocuments, RunDocuments] | None:
    """(previous run's documents, this run's) for the history checks, or None on a site's first run."""
    def load() -> tuple[RunDocuments, RunDocuments] | None:
        previous = ctx.store.previous_run(ctx.run_id)
        if previous is None:
            return None
        return RunDocuments(RunContext(ctx.store, previous["id"])), RunDocuments(ctx)

    return ctx.memo("history", load)


def read_in_both(ctx: RunContext) -> Iterator[tuple[DocumentSnapshot, DocumentSnapshot] | Withheld]:
    """Each document the previous run and this one both list: (old, new) when both runs read its page,
    else its key withheld (nobody can tell whether it changed)."""
    pair = history(ctx)
    if pair is None:
        return
    old_run, new_run = pair
    for url, new in new_run.by_url.items():
        old = old_run.by_url.get(url)
        if old is None:
            continue
        yield (old, new) if old.fetched and new.fetched else Withheld(url, "page_not_read")
