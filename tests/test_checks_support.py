"""A builder for stored runs shaped as the crawl writes them, shared by the tests of checks/.

`RunBuilder` writes real rows through the Store API (runs, bodies, pages, links, columns, items) into a
SQLite file under tmp_path, then runs `checks.run_checks` over it, so every check is tested against
exactly what it reads in production. The tests at the bottom pin the RunContext helpers the checks
share (item dates, column gaps).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checks import run_checks
from checks.base import RunContext
from crawler.store import SCHEMA, Store

SITE = "http://www.example.gov.cn/"
SHARED = Path(__file__).resolve().parents[2] / "shared"
PINGTAN = SHARED / "replay" / "pingtan" / "site"
REALPAGES = SHARED / "realpages"
COVERAGE_ROLES = ("start", "homepage", "landing", "column", "nav_column", "list_page")
PAGE_COLUMNS = tuple(SCHEMA["pages"][0])


class RunBuilder:
    """One run: add pages, columns and links, then `findings()` runs the checks over it."""

    def __init__(self, tmp_path: Path, as_of: str = "2025-06-30", level: str | None = None,
                 site: str = SITE, platform: bool = True):
        self.store = Store(tmp_path / "xxgk.db")
        self.site = site
        self.run_id = self.store.start_run(site, site, as_of, {}, level=level)
        self.pages: list[dict[str, Any]] = []
        self.links: list[dict[str, Any]] = []
        self.columns: list[dict[str, Any]] = []
        self.not_covered: list[dict[str, str]] = []
        self.sections: dict[str, str] = {}
        self.landings: list[str] = []
        self.platform = platform
        self._rows: list[dict[str, Any]] | None = None

    # -- pages -----------------------------------------------------------------------------------
    def page(self, url: str, role: str = "document", *, reason: str | None = None, status: int | None = 200,
             body: str | bytes | None = None, title: str | None = None, metadata: dict | None = None,
             meta: dict | None = None, pub_date: str | None = None, pub_date_source: str | None = None,
             referer: str | None = None, blocked: str | None = None, final_url: str | None = None,
             content_type: str = "text/html; charset=utf-8", text_length: int | None = None,
             kind: str = "page", method: str = "GET") -> dict[str, Any]:
        if blocked:
            reason = "blocked"
        if reason and status == 200:
            status = int(reason[5:]) if reason.startswith("http_") else (412 if blocked else None)
        row = dict.fromkeys(PAGE_COLUMNS)
        row.update(run_id=self.run_id, url=url, method=method, final_url=final_url or url, status=status,
                   reason=reason, kind=kind, role=role, in_scope=1, content_type=content_type,
                   title=title, meta=meta or {}, metadata=metadata or {}, pub_date=pub_date,
                   pub_date_source=pub_date_source or ("metadata" if pub_date else None),
                   text_length=text_length, blocked=blocked, referer=referer, attempts=1,
                   fetched_at="2025-06-30T10:00:00+08:00", depth=1, rendered=0)
        if body is not None and not reason:
            data = body.encode("utf-8") if isinstance(body, str) else body
            row.update(body_hash=self.store.save_body(data), encoding="utf-8", content_length=len(data))
            if text_length is None:
                row["text_length"] = len(data)
        if reason and role in COVERAGE_ROLES:
            self.not_covered.append({"url": url, "reason": reason, "role": role})
        self.pages.append(row)
        return row

    def link(self, source: str, target: str, anchor: str = "", kind: str = "page", internal: int = 1) -> None:
        self.links.append({"run_id": self.run_id, "source_url": source, "target_url": target,
                           "anchor": anchor, "kind": kind, "internal": internal})

    # -- platform --------------------------------------------------------------------------------
    def landing(self, url: str | None = None, reason: str | None = None, **sections: str) -> str:
        url = url or self.site + "zwgk/"
        self.page(url, "landing", reason=reason, body="<html><body>政务公开</body></html>")
        if not reason:
            self.landings.append(url)
            self.sections.update(sections)
        return url

    def column(self, url: str, name: str, *, section: str | None = None, path: str | None = None,
               kind: str = "list", items: list[tuple] | None = None, status: str = "ok",
               reason: str | None = None, subcolumns: int = 0, text_length: int = 500, in_platform: int = 1,
               fetch: bool = True, body: str | None = None, blocked: str | None = None,
               list_pages: int | None = None) -> dict[str, Any]:
        """A column with its items: (title, url, date) tuples; its own page is stored unless fetch=False."""
        if blocked:
            reason = "blocked"
        if reason:
            status = "not_covered"
        role = "column" if in_platform else "nav_column"
        if fetch:
            self.page(url, role, reason=reason, blocked=blocked, text_length=text_length,
                      body=body if body is not None else f"<html><body><h1>{name}</h1></body></html>")
        rows = [{"title": t, "url": u, "date": d, "date_source": "list" if d else None}
                for t, u, d, *_ in (items or [])]
        dated = [r["date"] for r in rows if r["date"]]
        column = {"section": section, "name": name, "path": path or name, "url": url, "kind": kind,
                  "scheme": "html" if kind == "list" else None, "in_platform": in_platform,
                  "item_count": len(rows), "undated_count": sum(1 for r in rows if not r["date"]),
                  "newest_date": max(dated) if dated else None,
                  "list_pages": list_pages if list_pages is not None else (1 if kind == "list" else 0),
                  "subcolumns": subcolumns, "text_length": text_length, "status": status, "reason": reason,
                  "items": rows}
        self.columns.append(column)
        return column

    # -- running ---------------------------------------------------------------------------------
    def save(self) -> None:
        if self.pages:
            self.store.save_pages(self.pages)
        if self.links:
            self.store.save_links(self.links)
        self.store.save_columns(self.run_id, [dict(c, items=list(c["items"])) for c in self.columns])
        stats = {"platform_found": self.platform and bool(self.landings), "landings": self.landings,
                 "sections": self.sections}
        status = "partial" if self.not_covered else "complete"
        self.store.finish_run(self.run_id, status, self.not_covered, len(self.pages), stats)
        self.pages, self.links, self.columns = [], [], []

    def findings(self, check: str | None = None, options: dict | None = None) -> list[dict[str, Any]]:
        if self._rows is None:
            self.save()
            self._rows = run_checks(self.store, self.run_id, options).findings
        return [r for r in self._rows if check is None or r["check_id"] == check]

    def context(self) -> RunContext:
        self.save()
        return RunContext(self.store, self.run_id)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# -- the RunContext helpers the checks share -------------------------------------------------------
def test_item_date_order_list_then_document_then_url(tmp_path):
    b = RunBuilder(tmp_path)
    col = b.column(SITE + "tzgg/", "通知公告", items=[
        ("listed", SITE + "tzgg/a.html", "2025-06-01"),
        ("metadata", SITE + "tzgg/b.html", None),
        ("pubdate meta", SITE + "tzgg/c.html", None),
        ("url", SITE + "tzgg/202401/t20240105_1.html", None),
        ("undated", SITE + "tzgg/e.html", None),
        ("failed", SITE + "tzgg/f.html", None),
        ("never requested", "http://other.example.com/x.html", None),
    ])
    b.page(SITE + "tzgg/b.html", metadata={"pub_date": "2025年05月02日"}, body="<html></html>")
    b.page(SITE + "tzgg/c.html", meta={"PubDate": "2025-04-03 10:00"}, body="<html></html>")
    b.page(SITE + "tzgg/e.html", body="<html></html>")
    b.page(SITE + "tzgg/f.html", reason="http_404")
    ctx = b.context()
    items = {i["title"]: i for i in ctx.columns[0]["items"]}
    assert col["url"] == ctx.columns[0]["url"]
    got = {t: (str(d) if d else None, s) for t, (d, s) in ((t, ctx.item_date(i)) for t, i in items.items())}
    assert got == {"listed": ("2025-06-01", "list"), "metadata": ("2025-05-02", "metadata"),
                   "pubdate meta": ("2025-04-03", "meta"), "url": ("2024-01-05", "url"),
                   "undated": (None, "undated"), "failed": (None, "unknown"),
                   "never requested": (None, "undated")}


def test_column_gaps_follow_list_page_referers(tmp_path):
    b = RunBuilder(tmp_path)
    b.column(SITE + "gzdt/", "工作动态", items=[("a", SITE + "gzdt/a.html", "2025-06-29")])
    b.page(SITE + "gzdt/index_1.html", "list_page", referer=SITE + "gzdt/", body="<html></html>")
    b.page(SITE + "gzdt/index_2.html", "list_page", referer=SITE + "gzdt/index_1.html", reason="timeout")
    b.column(SITE + "tzgg/", "通知公告", items=[("a", SITE + "tzgg/a.html", "2025-06-29")])
    ctx = b.context()
    gzdt, tzgg = ctx.columns
    assert ctx.column_gaps(gzdt) == [{"url": SITE + "gzdt/index_2.html", "reason": "timeout",
                                      "role": "list_page"}]
    assert ctx.column_withheld(gzdt)
    assert not ctx.column_gaps(tzgg) and not ctx.column_withheld(tzgg)
