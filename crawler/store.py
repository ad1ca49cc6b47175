"""The snapshot store: one SQLite file (WAL) holding every run of every site.

Tables (documented in README.md, readable with sqlite3 and Datasette):
- runs      one row per crawl: site, evaluation date, status, coverage gaps, counters.
- bodies    response bodies, stored once per SHA-256 and zlib-compressed: an unchanged page in a later
            run adds a `pages` row that points at the body it already has, and no new body.
- pages     every URL the run requested: pages, list pages, documents and the link targets it verified.
- links     every link found on a crawled page: source, target, anchor text and kind.
- columns   the platform's sections and columns as the crawl found them, per run.
- items     the list items of each column with their dates.
- findings  what the checks found, per run.

The Store class is the only code that writes SQL; the spider, checks and reports call its methods.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import sqlite_utils

from crawler.migrations import upgrade

SHANGHAI = ZoneInfo("Asia/Shanghai")


class RunStatus(StrEnum):
    """A run's status (contract "Run status")."""

    RUNNING = "running"
    COMPLETE = "complete"
    PARTIAL = "partial"
    FAILED = "failed"
    INTERRUPTED = "interrupted"


class StoreError(Exception):
    """The database cannot be used as asked (unknown run, unreadable file)."""


class UnknownRun(StoreError):
    """No run with that id, or no run at all for `latest`."""


def now_iso() -> str:
    """The current time in Asia/Shanghai, ISO 8601 with its offset."""
    return datetime.now(SHANGHAI).isoformat(timespec="seconds")


def body_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


SCHEMA: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "runs": (
        {"id": int, "site_url": str, "start_url": str, "as_of": str, "level": str, "status": str,
         "started_at": str, "finished_at": str, "pages": int, "not_covered": str, "options": str,
         "stats": str, "pid": int, "site_key": str, "withheld": str, "heartbeat": float,
         "rules": str, "resumes": int},
        {"pk": "id"},
    ),
    "bodies": ({"hash": str, "size": int, "stored_size": int, "codec": str, "content": bytes}, {"pk": "hash"}),
    "pages": (
        {"id": int, "run_id": int, "url": str, "method": str, "form": str, "final_url": str,
         "status": int, "reason": str, "kind": str, "role": str, "roles": str, "in_scope": int, "content_type": str,
         "content_length": int, "headers": str, "body_hash": str, "encoding": str, "mojibake": int,
         "fetched_at": str, "elapsed_ms": int, "attempts": int, "title": str, "pub_date": str,
         "pub_date_source": str, "meta": str, "metadata": str, "text_length": int, "list_scheme": str,
         "blocked": str, "soft_404": str, "rendered": int, "platform": str, "depth": int, "referer": str,
         "column_url": str, "passed_challenge": int},
        {"pk": "id", "foreign_keys": [("run_id", "runs", "id")]},
    ),
    "links": (
        {"run_id": int, "source_url": str, "target_url": str, "anchor": str, "kind": str, "internal": int},
        {"foreign_keys": [("run_id", "runs", "id")]},
    ),
    "columns": (
        {"id": int, "run_id": int, "section": str, "name": str, "path": str, "url": str, "kind": str,
         "scheme": str, "in_platform": int, "item_count": int, "undated_count": int, "newest_date": str,
         "list_pages": int, "subcolumns": int, "text_length": int, "needs_render": int, "status": str,
         "reason": str},
        {"pk": "id", "foreign_keys": [("run_id", "runs", "id")]},
    ),
    "items": (
        {"run_id": int, "column_id": int, "title": str, "url": str, "date": str, "date_source": str},
        {"foreign_keys": [("run_id", "runs", "id"), ("column_id", "columns", "id")]},
    ),
    "screenshots": (
        {"run_id": int, "url": str, "body_hash": str, "reason": str, "taken_at": str},
        {"foreign_keys": [("run_id", "runs", "id")]},
    ),
    "findings": (
        {"id": str, "run_id": int, "check_id": str, "severity": str, "rule": str, "url": str, "target": str,
         "column_name": str, "column_path": str, "section": str, "year": int, "reason": str,
         "confirmed": int, "message": str, "evidence": str, "created_at": str, "key": str},
        {"pk": "id", "foreign_keys": [("run_id", "runs", "id")]},
    ),
    # The schedule's state (monitor/, `xxgk schedule`): written by the scheduler, read by the checks.
    "probes": (
        {"id": int, "site_key": str, "url": str, "at": str, "at_ts": float, "ok": int, "status": int,
         "reason": str, "elapsed_ms": int},
        {"pk": "id"},
    ),
    "schedule_crawls": (
        {"id": int, "site_key": str, "site_name": str, "url": str, "scheduled_at": str, "scheduled_ts": float,
         "as_of": str, "status": str, "run_id": int, "exit_code": int, "attempts": int, "scheduler_pid": int,
         "pid": int, "started_at": str, "finished_at": str},
        {"pk": "id"},
    ),
    "notified": ({"site_key": str, "run_id": int, "keys": str, "at": str}, {"pk": "site_key"}),
    "notifications": (
        {"id": int, "site_key": str, "run_id": int, "kind": str, "title": str, "body": str, "new": str,
         "resolved": str, "ok": int, "attempts": int, "error": str, "at": str},
        {"pk": "id"},
    ),
}

INDEXES = [
    ("pages", ["run_id", "url"]),
    ("pages", ["body_hash"]),
    ("links", ["run_id", "target_url"]),
    ("links", ["run_id", "source_url"]),
    ("columns", ["run_id"]),
    ("items", ["run_id", "column_id"]),
    ("findings", ["run_id", "check_id"]),
    ("screenshots", ["run_id", "url"]),
    ("runs", ["site_key", "id"]),
    ("probes", ["site_key", "at_ts"]),
    ("schedule_crawls", ["site_key", "scheduled_ts"]),
]
JSON_FIELDS = {"not_covered", "options", "stats", "headers", "meta", "metadata", "evidence", "form", "withheld",
               "roles", "rules"}
# Runs whose snapshots a later run of the same site is compared with (contract: "previous run").
COMPARABLE_STATUSES = (RunStatus.COMPLETE, RunStatus.PARTIAL)
# Contract "The database": a running run writes a heartbeat every few seconds; one silent for longer
# than HEARTBEAT_DEAD_SECONDS was interrupted, whatever its pid says.
HEARTBEAT_SECONDS = 5.0
HEARTBEAT_DEAD_SECONDS = 60.0
BUSY_TIMEOUT_MS = 2000
# Tables holding a run's rows, children first (deleted in this order when a run is pruned).
RUN_TABLES = ("findings", "items", "columns", "links", "screenshots", "pages")


class Store:
    """A snapshot database. Open one per process; sqlite-utils keeps one connection.

    :param path: the SQLite file; its directory is created when missing.
    :param busy_timeout_ms: how long a statement waits for another process's write lock.
    """

    def __init__(self, path: str | os.PathLike[str], busy_timeout_ms: int = BUSY_TIMEOUT_MS):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite_utils.Database(self.path)
            self.db.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
            self.db.enable_wal()
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._ensure_schema()
            self.mark_dead_runs_interrupted()
        except Exception as exc:  # sqlite3.DatabaseError, OSError: say which file and why
            raise StoreError(f"无法打开数据库 {self.path}: {exc}") from exc

    def _ensure_schema(self) -> None:
        """Upgrade an older file through the registered migrations (crawler/migrations.py), then create
        what is missing: every table of a new file, tables a later version introduced, the indexes."""
        upgrade(self.db, SCHEMA, self._add_missing_columns)
        for name, (columns, options) in SCHEMA.items():
            table = self.db.table(name)
            if not table.exists():
                table.create(columns, **options)
        for table, cols in INDEXES:
            self.db.table(table).create_index(cols, if_not_exists=True)

    def _add_missing_columns(self) -> None:
        for name, (columns, _options) in SCHEMA.items():
            table = self.db.table(name)
            if table.exists():
                for column, col_type in columns.items():
                    if column not in table.columns_dict:
                        table.add_column(column, col_type)

    # -- runs ------------------------------------------------------------------------------------
    def start_run(self, site_url: str, start_url: str, as_of: str, options: dict[str, Any],
                  level: str | None = None, rules: dict[str, Any] | None = None) -> int:
        """Record a new run in status `running` and return its id.

        :param rules: the rules the run will be judged by, as checks.rules.Rules.record() gives them.
        """
        table = self.db.table("runs")
        table.insert({"site_url": site_url, "start_url": start_url, "as_of": as_of, "level": level,
                      "rules": json.dumps(rules, ensure_ascii=False) if rules else None,
                      "status": RunStatus.RUNNING, "started_at": now_iso(), "pages": 0,
                      "not_covered": "[]", "options": json.dumps(options, ensure_ascii=False),
                      "stats": "{}", "pid": os.getpid(), "site_key": site_key(start_url),
                      "heartbeat": time.time()})
        return int(table.last_pk)

    def update_run(self, run_id: int, **fields: Any) -> None:
        for key in JSON_FIELDS & fields.keys():
            fields[key] = json.dumps(fields[key], ensure_ascii=False)
        self.db.table("runs").update(run_id, fields)

    def finish_run(self, run_id: int, status: RunStatus, not_covered: list[dict[str, str]], pages: int,
                   stats: dict[str, Any] | None = None) -> None:
        self.update_run(run_id, status=RunStatus(status), not_covered=not_covered, pages=pages,
                        stats=stats or {}, finished_at=now_iso())

    def run(self, run_id: int | str = "latest") -> dict[str, Any]:
        """One run as a dict (JSON fields decoded). `latest` is the most recently started run.

        :raises UnknownRun: when there is no such run.
        """
        if run_id in ("latest", None):
            rows = list(self.db.query("select * from runs order by id desc limit 1"))
        else:
            try:
                rows = list(self.db.query("select * from runs where id = ?", [int(run_id)]))
            except ValueError as exc:
                raise UnknownRun(f"运行编号无效: {run_id}") from exc
        if not rows:
            raise UnknownRun("数据库中没有运行记录" if run_id in ("latest", None) else f"没有编号为 {run_id} 的运行")
        return _decode(rows[0])

    def previous_run(self, run_id: int) -> dict[str, Any] | None:
        """The latest earlier run of the same site key that finished complete or partial (the run that
        history findings and alerts compare with), or None."""
        run = self.run(run_id)
        rows = list(self.db.query(
            f"select * from runs where site_key = ? and id < ? and status in "
            f"({','.join('?' * len(COMPARABLE_STATUSES))}) order by id desc limit 1",
            [run["site_key"], run["id"], *COMPARABLE_STATUSES]))
        return _decode(rows[0]) if rows else None

    def latest_run_of(self, key: str) -> dict[str, Any] | None:
        """The latest run (highest id) of a site key, whatever its status."""
        rows = list(self.db.query("select * from runs where site_key = ? order by id desc limit 1", [key]))
        return _decode(rows[0]) if rows else None

    def resume_run(self, run_id: int) -> None:
        """Take an interrupted run up again in this process: running, with a fresh heartbeat. Its pages
        that failed without an answer (timeouts, refused connections …) are dropped to be asked again;
        what answered stays and is not fetched again."""
        run = self.run(run_id)
        with self.db.conn:
            self.db.execute("delete from pages where run_id = ? and status is null", [run_id])
            self.db.execute("delete from findings where run_id = ?", [run_id])
            self.db.execute("update runs set status = ?, pid = ?, heartbeat = ?, finished_at = null, "
                            "resumes = ? where id = ?",
                            [RunStatus.RUNNING, os.getpid(), time.time(), (run.get("resumes") or 0) + 1, run_id])

    def stored_page_keys(self, run_id: int) -> tuple[list[tuple[str, str, Any]], set[str]]:
        """(method, url, form) of every page row of a run, and the URLs whose links are stored."""
        pages = [(r["method"], r["url"], json.loads(r["form"]) if r["form"] else None)
                 for r in self.db.query("select method, url, form from pages where run_id = ?", [run_id])]
        sources = {r["source_url"] for r in self.db.query("select distinct source_url from links where run_id = ?",
                                                          [run_id])}
        return pages, sources

    def runs(self) -> list[dict[str, Any]]:
        return [_decode(r) for r in self.db.query("select * from runs order by id")]

    def mark_dead_runs_interrupted(self) -> None:
        """Runs left `running` by a process that is gone were interrupted (killed, crashed): their pid no
        longer exists on this machine, or their heartbeat stopped more than a minute ago."""
        silent_since = time.time() - HEARTBEAT_DEAD_SECONDS
        dead = [row["id"] for row in self.db.query("select id, pid, heartbeat from runs where status = 'running'")
                if (row["pid"] and not _pid_alive(row["pid"])) or (row["heartbeat"] or 0) < silent_since]
        for run_id in dead:
            self.update_run(run_id, status=RunStatus.INTERRUPTED, finished_at=now_iso())

    def prune(self, keep: int) -> tuple[int, int]:
        """Keep the `keep` latest runs of each site key (and every running one); drop the other runs with
        their rows and then the bodies no remaining page or screenshot refers to. Returns (runs, bodies)
        dropped."""
        doomed = [row["id"] for row in self.db.query(
            "select id from (select id, status, row_number() over (partition by site_key order by id desc) as n "
            "from runs) where n > ? and status != 'running'", [keep])]
        with self.db.conn:
            for start in range(0, len(doomed), 500):
                chunk = doomed[start:start + 500]
                marks = ",".join("?" * len(chunk))
                for table in RUN_TABLES:
                    self.db.execute(f"delete from {table} where run_id in ({marks})", chunk)
                self.db.execute(f"delete from runs where id in ({marks})", chunk)
            bodies = self.db.execute(
                "delete from bodies where hash not in (select body_hash from pages where body_hash is not null) "
                "and hash not in (select body_hash from screenshots where body_hash is not null)").rowcount
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.execute("VACUUM")
        return len(doomed), bodies

    # -- bodies and pages ------------------------------------------------------------------------
    def save_body(self, data: bytes, compress: bool = True) -> str:
        """Store a body once per content hash; return the hash. PNGs are compressed already."""
        digest = body_hash(data)
        if not self.has_body(digest):
            packed = zlib.compress(data, 6) if compress else data
            self.db.table("bodies").insert(
                {"hash": digest, "size": len(data), "stored_size": len(packed),
                 "codec": "zlib" if compress else "none", "content": packed}, ignore=True)
        return digest

    def save_screenshot(self, run_id: int, url: str, png: bytes, reason: str | None, taken_at: str) -> str:
        digest = self.save_body(png, compress=False)
        self.db.table("screenshots").insert({"run_id": run_id, "url": url, "body_hash": digest,
                                             "reason": reason, "taken_at": taken_at})
        return digest

    def screenshots(self, run_id: int) -> dict[str, dict[str, Any]]:
        """The run's screenshots by page URL (the first taken of each)."""
        shots: dict[str, dict[str, Any]] = {}
        for row in self.db.query("select * from screenshots where run_id = ? order by rowid", [run_id]):
            shots.setdefault(row["url"], row)
        return shots

    def has_body(self, digest: str) -> bool:
        return bool(list(self.db.query("select 1 from bodies where hash = ?", [digest])))

    def body(self, digest: str) -> bytes | None:
        rows = list(self.db.query("select content, codec from bodies where hash = ?", [digest]))
        if not rows:
            return None
        return zlib.decompress(rows[0]["content"]) if rows[0]["codec"] == "zlib" else rows[0]["content"]

    def write_rows(self, rows_by_table: dict[str, list[dict[str, Any]]],
                   bodies: dict[str, tuple[bytes, bool]] | None = None,
                   page_updates: list[tuple[int, str, str, Any, dict[str, Any]]] | None = None) -> None:
        """Write bodies (hash → (data, compress)) and rows in one transaction: all or nothing, so a busy
        database that makes the write fail leaves nothing half written to be written twice. Page updates,
        (run_id, url, method, form, fields), change rows written before (a page that gained a role)."""
        conn = self.db.conn
        with conn:
            for digest, (data, compress) in (bodies or {}).items():
                packed = zlib.compress(data, 6) if compress else data
                conn.execute("insert or ignore into bodies (hash, size, stored_size, codec, content) "
                             "values (?, ?, ?, ?, ?)",
                             [digest, len(data), len(packed), "zlib" if compress else "none", packed])
            for table, rows in rows_by_table.items():
                if rows:
                    conn.executemany(*_insert_many_sql(table, rows))
            for run_id, url, method, form, fields in page_updates or []:
                sets = ", ".join(f"[{name}] = ?" for name in fields)
                conn.execute(f"update pages set {sets} where run_id = ? and url = ? and method = ? and form is ?",
                             [*_encode(fields).values(), run_id, url, method, _encode({"form": form})["form"]])

    def save_pages(self, rows: list[dict[str, Any]]) -> None:
        self.db.table("pages").insert_all([_encode(r) for r in rows], batch_size=500)

    def save_links(self, rows: list[dict[str, Any]]) -> None:
        self.db.table("links").insert_all(rows, batch_size=1000)

    def pages(self, run_id: int, where: str = "", params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        sql = "select * from pages where run_id = ?" + (f" and ({where})" if where else "") + " order by id"
        for row in self.db.query(sql, [run_id, *params]):
            yield _decode(row)

    def page(self, run_id: int, url: str) -> dict[str, Any] | None:
        rows = list(self.pages(run_id, "url = ? or final_url = ?", [url, url]))
        return rows[0] if rows else None

    def fetched_bodies(self, run_id: int) -> Iterator[tuple[str, dict[str, str], str]]:
        """(URL the body came from, its response headers, body hash) of every plain GET of the run that
        answered 200 with a body: what a later run of the site may revalidate instead of fetching."""
        for row in self.db.query("select final_url, headers, body_hash from pages where run_id = ? and method = 'GET' "
                                 "and status = 200 and body_hash is not null and form is null and "
                                 "coalesce(rendered, 0) = 0", [run_id]):
            headers = json.loads(row["headers"]) if row["headers"] else {}
            yield row["final_url"], headers, row["body_hash"]

    def links(self, run_id: int, where: str = "", params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        sql = "select * from links where run_id = ?" + (f" and ({where})" if where else "")
        yield from self.db.query(sql, [run_id, *params])

    # -- columns ---------------------------------------------------------------------------------
    def save_columns(self, run_id: int, columns: list[dict[str, Any]]) -> None:
        """Store the run's columns with their items (`items` key: list of item dicts), all or nothing."""
        conn = self.db.conn
        with conn:
            for column in columns:
                row = {k: v for k, v in column.items() if k != "items"} | {"run_id": run_id}
                column_id = conn.execute(*_insert_sql("columns", [row])).lastrowid
                items = [{**item, "run_id": run_id, "column_id": column_id} for item in column.get("items", [])]
                if items:
                    conn.executemany(*_insert_many_sql("items", items))

    def columns(self, run_id: int) -> list[dict[str, Any]]:
        columns = list(self.db.query("select * from columns where run_id = ? order by id", [run_id]))
        by_id = {c["id"]: {**c, "items": []} for c in columns}
        for item in self.db.query("select * from items where run_id = ? order by rowid", [run_id]):
            by_id[item["column_id"]]["items"].append(item)
        return list(by_id.values())

    # -- findings --------------------------------------------------------------------------------
    def replace_findings(self, run_id: int, findings: list[dict[str, Any]], withheld: list[str] | None = None) -> None:
        """Store a run's findings and the finding keys its checks withheld, replacing any from an
        earlier check pass over the same run."""
        with self.db.conn:
            self.db.execute("delete from findings where run_id = ?", [run_id])
            self.db.table("findings").insert_all([_encode({**f, "run_id": run_id}) for f in findings])
            self.db.execute("update runs set withheld = ? where id = ?",
                            [json.dumps(sorted(set(withheld or [])), ensure_ascii=False), run_id])

    def findings(self, run_id: int) -> list[dict[str, Any]]:
        return [_decode(r) for r in self.db.query(
            "select * from findings where run_id = ? order by rowid", [run_id])]

    def finding(self, finding_id: str) -> dict[str, Any]:
        rows = list(self.db.query("select * from findings where id = ?", [finding_id]))
        if not rows:
            raise StoreError(f"没有编号为 {finding_id} 的问题")
        return _decode(rows[0])

    # -- the schedule's state (written by `xxgk schedule`, read by the checks) ------------------
    def add_probe(self, row: dict[str, Any]) -> None:
        """Log one availability probe of a site's homepage (site_key, url, at, at_ts, ok, status, reason)."""
        self.db.table("probes").insert(row)

    def probes(self, key: str, since_ts: float, until_ts: float) -> list[dict[str, Any]]:
        """A site key's probes with since_ts <= at_ts < until_ts (the scheduler's clock), oldest first."""
        return list(self.db.query("select * from probes where site_key = ? and at_ts >= ? and at_ts < ? "
                                  "order by at_ts, id", [key, since_ts, until_ts]))

    def last_probe_ts(self, key: str) -> float | None:
        rows = list(self.db.query("select max(at_ts) as ts from probes where site_key = ?", [key]))
        return rows[0]["ts"] if rows else None

    def add_scheduled_crawl(self, row: dict[str, Any]) -> int:
        table = self.db.table("schedule_crawls")
        table.insert(row)
        return int(table.last_pk)

    def update_scheduled_crawl(self, crawl_id: int, **fields: Any) -> None:
        self.db.table("schedule_crawls").update(crawl_id, fields)

    def scheduled_crawls(self, where: str = "", params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        sql = "select * from schedule_crawls" + (f" where {where}" if where else "") + " order by id"
        return list(self.db.query(sql, list(params)))

    def scheduled_crawl_of_run(self, run_id: int) -> dict[str, Any] | None:
        """The schedule's crawl that produced (or resumed into) a run, or None for a crawl run by hand."""
        rows = self.scheduled_crawls("run_id = ?", [run_id])
        return rows[-1] if rows else None

    def notified_keys(self, key: str) -> set[str]:
        """The finding keys last notified as present for a site key (empty before the first alert)."""
        rows = list(self.db.query("select keys from notified where site_key = ?", [key]))
        return set(json.loads(rows[0]["keys"])) if rows else set()

    def set_notified_keys(self, key: str, run_id: int, keys: Iterable[str]) -> None:
        self.db.table("notified").upsert({"site_key": key, "run_id": run_id, "at": now_iso(),
                                          "keys": json.dumps(sorted(keys), ensure_ascii=False)}, pk="site_key")

    def log_notification(self, row: dict[str, Any]) -> None:
        self.db.table("notifications").insert(_encode_lists(row))

    def notifications(self, key: str | None = None) -> list[dict[str, Any]]:
        sql = "select * from notifications" + (" where site_key = ?" if key else "") + " order by id"
        return [{**r, "new": json.loads(r["new"] or "[]"), "resolved": json.loads(r["resolved"] or "[]")}
                for r in self.db.query(sql, [key] if key else [])]

    def close(self) -> None:
        self.db.close()


class Heartbeat:
    """Writes a running run's heartbeat every few seconds from a thread, on a connection of its own, so a
    crawl that waits on a busy database (or on a long parse) is not taken for dead.

    :param on_lost: called (from the heartbeat thread) when the run is found marked `interrupted` by
        someone else: the crawl must stop (contract: exit 1).
    """

    def __init__(self, path: str | os.PathLike[str], run_id: int, on_lost: Callable[[], None],
                 every: float = HEARTBEAT_SECONDS):
        self.path, self.run_id, self.on_lost, self.every = str(path), run_id, on_lost, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"heartbeat-{run_id}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.every + 5)

    def _beat(self) -> None:
        conn = sqlite3.connect(self.path, timeout=self.every)
        try:
            while not self._stop.is_set():
                try:
                    with conn:
                        conn.execute("update runs set heartbeat = ? where id = ? and status = 'running'",
                                     [time.time(), self.run_id])
                    status = conn.execute("select status from runs where id = ?", [self.run_id]).fetchone()
                except sqlite3.OperationalError:  # busy: the next beat will do, a minute is long
                    status = ("running",)
                if status and status[0] == "interrupted":
                    self.on_lost()
                    return
                if not status or status[0] != "running":  # finished: nothing left to keep alive
                    return
                self._stop.wait(self.every)
        finally:
            conn.close()


def site_key(start_url: str) -> str:
    """The contract's site key: host (lower case, `www.` kept, a non-default port kept) and the start
    URL's path up to its last `/`, without the scheme. "The same site" means the same site key."""
    parts = urlsplit(start_url)
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(parts.scheme)
    netloc = f"{host}:{parts.port}" if parts.port and parts.port != default else host
    path = parts.path or "/"
    return netloc + path[: path.rfind("/") + 1]


def _encode_lists(row: dict[str, Any]) -> dict[str, Any]:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in row.items()}


def _insert_many_sql(table: str, rows: list[dict[str, Any]]) -> tuple[str, list[list[Any]]]:
    columns = sorted(set().union(*rows))
    sql = (f"insert into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
           f"values ({', '.join('?' * len(columns))})")
    return sql, [[encoded.get(c) for c in columns] for encoded in map(_encode, rows)]


def _insert_sql(table: str, rows: list[dict[str, Any]]) -> tuple[str, list[Any]]:
    sql, values = _insert_many_sql(table, rows)
    return sql, values[0]


def _encode(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (json.dumps(v, ensure_ascii=False) if k in JSON_FIELDS and v is not None
                and not isinstance(v, str) else v) for k, v in row.items()}


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for key in JSON_FIELDS & out.keys():
        if isinstance(out[key], str) and out[key]:
            with contextlib.suppress(json.JSONDecodeError):
                out[key] = json.loads(out[key])
    return out


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
