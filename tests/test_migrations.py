"""A database written by the first release (commit a5d409b: a crawl of the sample site cut at 25 pages)
is upgraded in place by the registered migrations, and keeps its runs and findings.

tests/fixtures/first-release.db and first-release-findings.json (what that release's `xxgk findings`
printed) were written by that release's own code.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from crawler.migrations import current_version, latest_version
from crawler.store import Store
from tests.conftest import ROOT, XXGK

FIXTURES = Path(__file__).parent / "fixtures"


def old_database(tmp_path) -> Path:
    db = tmp_path / "old.db"
    shutil.copy(FIXTURES / "first-release.db", db)
    return db


def test_the_first_release_database_is_upgraded_in_place(tmp_path):
    db = old_database(tmp_path)
    before = json.loads((FIXTURES / "first-release-findings.json").read_text(encoding="utf-8"))
    proc = subprocess.run([*XXGK, "findings", "--db", str(db), "--run", "1"], capture_output=True, text=True,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    after = json.loads(proc.stdout)
    assert {k: after["run"][k] for k in before["run"]} == before["run"]
    assert [{k: f[k] for k in before["findings"][0]} for f in after["findings"]] == before["findings"]
    assert all(f["key"].startswith(f["check"] + "|") and f["key"] != f["check"] + "|" for f in after["findings"])
    store = Store(db)
    assert current_version(store.db) == latest_version()
    run = store.run(1)
    assert run["site_key"] and run["site_key"].startswith("127.0.0.1:") and run["resumes"] == 0
    assert all(page["roles"] == [page["role"]] for page in store.pages(1))


def test_upgraded_keys_are_the_keys_the_checks_give_today(tmp_path):
    """Re-judging the old run gives the same findings under the same keys as the migration filled in."""
    db = old_database(tmp_path)
    migrated = {(f["check_id"], f["key"]) for f in Store(db).findings(1)}
    proc = subprocess.run([*XXGK, "check", "--db", str(db), "--run", "1"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    judged = {(f["check_id"], f["key"]) for f in Store(db).findings(1)}
    first_release_checks = {check for check, _ in migrated}
    assert {k for k in judged if k[0] in first_release_checks} == migrated


def test_a_new_database_starts_at_the_latest_version(tmp_path):
    store = Store(tmp_path / "new.db")
    assert current_version(store.db) == latest_version()
