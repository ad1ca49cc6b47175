"""The store records a response or a failure becomes (`pages` and `links` rows), and reading a body.

The spider builds every record through these functions, so the fields a `pages` row holds are decided
in one place (README, "Database").
"""

from __future__ import annotations

from typing import Any

from scrapy.http import Response
from w3lib.url import safe_url_string

from crawler.downloads import declared_size
from crawler.pages import PageEntry
from crawler.parse.types import EXTERNAL, Link, ParsedPage
from crawler.retries import original_url
from crawler.roles import COLUMN_ROLES, ordered
from crawler.scope import Scope
from crawler.store import now_iso

HEADERS_KEPT = ("content-type", "content-length", "last-modified", "etag", "server", "location",
                "content-encoding", "x-powered-by", "set-cookie")


def role_fields(entry: PageEntry) -> dict[str, Any]:
    """What a page's roles put in its row: the strongest in `role`, all of them in `roles`."""
    return {"role": entry.role, "roles": ordered(entry.roles), "column_url": column_of(entry),
            "depth": entry.depth}


def column_of(entry: PageEntry) -> str | None:
    """The column a page belongs to: its own URL for a column page, else the column that listed it."""
    return entry.url if entry.roles & COLUMN_ROLES else entry.column


def response_record(response: Response, entry: PageEntry, scope: Scope) -> dict[str, Any]:
    info = response.meta["xxgk"]
    request = response.request
    headers = {k: response.headers.get(k, b"").decode("latin-1") for k in HEADERS_KEPT if response.headers.get(k)}
    return {"url": original_url(request), "method": request.method, "form": entry.formdata,
            "final_url": response.url, "status": response.status, "reason": None, "kind": entry.kind,
            "in_scope": int(scope.is_site(response.url)), "content_type": headers.get("content-type"),
            "content_length": body_size(response), "headers": headers, "fetched_at": now_iso(),
            "elapsed_ms": int(1000 * response.meta.get("download_latency", 0)), "attempts": info["attempt"],
            "referer": entry.source, "rendered": int(bool(info.get("rendered"))), **role_fields(entry)}


def body_size(response: Response) -> int | None:
    """The body's size: as the server states it for a HEAD or a partly read body, else what arrived."""
    if response.request.method == "HEAD" or "download_stopped" in response.flags:
        return declared_size(response)
    return len(response.body)


def failure_record(url: str, final_url: str, method: str, entry: PageEntry, attempts: int, reason: str,
                   scope: Scope, rendered: bool = False, size: int | None = None) -> dict[str, Any]:
    return {"url": url, "method": method, "form": entry.formdata, "final_url": final_url, "status": None,
            "reason": reason, "content_length": size, "kind": entry.kind, "in_scope": int(scope.is_site(final_url)),
            "fetched_at": now_iso(), "attempts": attempts, "referer": entry.source, "rendered": int(rendered),
            **role_fields(entry)}


def describe_page(record: dict[str, Any], parsed: ParsedPage) -> None:
    record.update(title=parsed.title, meta=parsed.meta, metadata=parsed.metadata,
                  pub_date=parsed.pub_date.isoformat() if parsed.pub_date else None,
                  pub_date_source=parsed.pub_date_source, text_length=parsed.text_length,
                  platform=parsed.platform, list_scheme=parsed.list.scheme if parsed.list else None)


def link_rows(source: str, links: list[Link], scope: Scope) -> list[dict[str, Any]]:
    rows, seen = [], set()
    for link in links:
        if link.url in seen:
            continue
        seen.add(link.url)
        internal = scope.is_site(link.url)
        rows.append({"source_url": source, "target_url": link.url, "anchor": link.anchor[:200],
                     "kind": link.kind if internal else EXTERNAL, "internal": int(internal)})
    return rows


def is_textual(method: str, content_type: str, body: bytes, body_types: tuple[str, ...]) -> bool:
    """Whether a body is text the crawl reads (HTML, XML, JSON …); a HEAD has none."""
    ctype = content_type.lower()
    if method == "HEAD":
        return False
    if any(ctype.startswith(t) for t in body_types):
        return True
    return not ctype and body[:200].lstrip()[:1] in (b"<", b"{", b"[")


def is_html_like(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head or "<a " in head or \
        "<head" in head or "<title" in head


def normalized(page: ParsedPage) -> ParsedPage:
    """Percent-encode URLs as Scrapy's requests do, so link targets and fetched URLs compare equal."""
    for link in page.links:
        link.url = safe_url_string(link.url)
        link.nav_parent = safe_url_string(link.nav_parent) if link.nav_parent else None
    if page.list is not None:
        for item in page.list.items:
            item.url = safe_url_string(item.url)
    return page
