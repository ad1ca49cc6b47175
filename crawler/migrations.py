"""Registered schema migrations: an older database is upgraded in place when the store opens it.

SQLite's `PRAGMA user_version` records the last migration a file went through. A new file is created
at the current schema (crawler/store.py SCHEMA) and stamped with the latest version; an older one runs
the migrations above its version, in order, each in its own transaction.

Version 1 is the schema of the first release (before `user_version` was kept), version 2 the history
and crash-safety columns: site keys, heartbeats, resumes, rules, withheld keys, finding keys and page
roles, each filled in for the rows already there; version 3 the schedule's tables (`xxgk schedule`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sqlite_utils.Database], None]


MIGRATIONS: list[Migration] = []


def migration(version: int, description: str):
    def register(apply: Callable[[sqlite_utils.Database], None]):
        MIGRATIONS.append(Migration(version, description, apply))
        return apply
    return register


def latest_version() -> int:
    return max(m.version for m in MIGRATIONS)


def current_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def upgrade(db: sqlite_utils.Database, schema: dict, add_missing_columns: Callable[[], None]) -> list[int]:
    """Run the migrations the file has not had; return their versions. A file with no tables is new."""
    if not db.table_names():
        _stamp(db, latest_version())
        return []
    done = []
    for step in sorted(MIGRATIONS, key=lambda m: m.version):
        if step.version > current_version(db):
            add_missing_columns()
            with db.conn:
                step.apply(db)
            _stamp(db, step.version)
            done.append(step.version)
    return done


def _stamp(db: sqlite_utils.Database, version: int) -> None:
    db.execute(f"PRAGMA user_version = {int(version)}")


@migration(1, "the first release's tables (runs, bodies, pages, links, columns, items, screenshots, findings)")
def _first_release(db: sqlite_utils.Database) -> None:
    """Nothing to change: files of the first release have these tables already."""


@migration(2, "site keys, heartbeats, resumes, rules, withheld keys, finding keys and page roles")
def _history_columns(db: sqlite_utils.Database) -> None:
    from crawler.store import site_key

    for run_id, start_url in db.execute("select id, start_url from runs where site_key is null").fetchall():
        db.execute("update runs set site_key = ? where id = ?", [site_key(start_url or ""), run_id])
    db.execute("update runs set resumes = 0 where resumes is null")
    for check, column in FINDING_KEY_FIELDS.items():
        db.execute(f"update findings set key = check_id || '|' || {column} where key is null and check_id = ?",
                   [check])
    db.execute("update findings set key = check_id || '|' || coalesce(url, '') where key is null")
    for page_id, role in db.execute("select id, role from pages where roles is null and role is not null").fetchall():
        db.execute("update pages set roles = ? where id = ?", [json.dumps([role]), page_id])


@migration(3, "the schedule's state: probes, schedule_crawls, notified, notifications")
def _schedule_tables(db: sqlite_utils.Database) -> None:
    from crawler.store import SCHEMA

    for name in SCHEDULE_TABLES:
        if not db.table(name).exists():
            columns, options = SCHEMA[name]
            db.table(name).create(columns, **options)


SCHEDULE_TABLES = ("probes", "schedule_crawls", "notified", "notifications")
# What a first-release finding was about, per check: the key its check gives it today for such a run.
FINDING_KEY_FIELDS = {
    "broken_link": "target", "missing_section": "section", "missing_annual_report": "year",
    "late_annual_report": "year", "too_many_stale_columns": "'run'", "too_many_long_stale_columns": "'run'",
    "too_many_blank_columns": "'run'",
}
