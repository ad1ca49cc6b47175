"""The scheduler: which crawls and probes are due, computed from the state in the database.

Times come from an injectable clock (the crawl's --as-of and scheduled time, the probe log, the probe
window); heartbeats and resume limits stay on the wall clock inside the crawl. Each crawl is a child
`xxgk crawl` process (Twisted's reactor cannot be restarted in one process), started in a session of
its own and told to die with its scheduler (PR_SET_PDEATHSIG: a SIGTERM, which Scrapy turns into a
clean stop that leaves the run `interrupted`). A slot is written before its crawl starts, so a restart,
even after kill -9, resumes the crawl it finds unfinished instead of starting a second one.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import math
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

import psutil
import schedule

from crawler.store import SHANGHAI, RunStatus, Store, now_iso
from monitor import alerts
from monitor.config import ScheduleConfig, Site
from monitor.probes import ProbeResult, probe

logger = logging.getLogger(__name__)
Clock = Callable[[], datetime]
XXGK_COMMAND = (sys.executable, "-m", "crawler.cli")
PR_SET_PDEATHSIG = 1
MAX_ATTEMPTS = 4  # a slot's crawl is started at most this often (the first run and three resumes)
STOP_GRACE_SECONDS = 90.0  # how long a child may take to stop cleanly before it is killed
TICK_SECONDS = 30
EXIT_INTERNAL, EXIT_USAGE, EXIT_FAILED = 1, 2, 3
FINISHED = (RunStatus.COMPLETE, RunStatus.PARTIAL, RunStatus.FAILED)


class SlotStatus(StrEnum):
    """A scheduled crawl (a row of `schedule_crawls`)."""

    RUNNING = "running"
    INTERRUPTED = "interrupted"  # to be resumed
    DONE = "done"


def system_clock() -> datetime:
    return datetime.now(SHANGHAI)


@dataclass
class Child:
    slot: dict[str, Any]
    site: Site
    process: subprocess.Popen
    stdout: IO[bytes]
    stderr: IO[bytes]


class Scheduler:
    """:param clock: now, as an aware datetime (tests inject a simulated one).
    :param xxgk: the command line that runs `xxgk` (the child crawls).
    :param retry_delays: seconds between attempts of a failing notifier."""

    def __init__(self, config: ScheduleConfig, db: str | Path, clock: Clock = system_clock,
                 xxgk: tuple[str, ...] = XXGK_COMMAND, retry_delays: tuple[float, ...] = alerts.RETRY_DELAYS):
        self.config, self.db, self.clock, self.xxgk = config, str(db), clock, xxgk
        self.retry_delays = retry_delays
        self.store = Store(db)
        self.children: dict[str, Child] = {}  # site key → its running crawl
        self.probing: dict[str, tuple[Site, datetime, Future[ProbeResult]]] = {}
        self.pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="probe")
        self.stopping = threading.Event()
        self.failed_runs = 0
        self.broken_crawls = 0  # crawls that gave up without a finished run (bad options, repeated crashes)

    # -- the loop ------------------------------------------------------------------------------
    def run_forever(self, tick_seconds: int = TICK_SECONDS) -> None:
        """Tick until SIGTERM/SIGINT, then stop the crawls cleanly (they are resumed at the next start)."""
        self.stop_on_signals()
        self.recover()
        ticker = schedule.Scheduler()
        ticker.every(tick_seconds).seconds.do(self.tick)
        self.tick()
        while not self.stopping.is_set():
            ticker.run_pending()
            self.reap()  # settle ended crawls (and send their alerts) without waiting for the next tick
            self.stopping.wait(1)
        self.shutdown()

    def run_once(self) -> int:
        """Run what is due now, wait for it, and return the exit code: 3 when a due crawl was stored as
        failed, 1 when one could not run at all (its `xxgk crawl` rejected the options or kept crashing)."""
        self.stop_on_signals()
        self.recover()
        now = self.clock()
        self.tick(now)
        while (self.children or self.probing) and not self.stopping.is_set():
            self.stopping.wait(0.5)
            self.tick(now)  # crawls held back by max_parallel start as others end
        if self.stopping.is_set():
            self.shutdown()
            return 0
        if self.broken_crawls:
            return EXIT_INTERNAL
        return EXIT_FAILED if self.failed_runs else 0

    def stop_on_signals(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: self.stopping.set())

    def tick(self, now: datetime | None = None) -> None:
        now = now or self.clock()
        self.reap()
        for site in self.config.sites:
            self.start_probe_if_due(site, now)
        for site in self.config.sites:
            if len(self.children) >= self.config.max_parallel:
                break
            self.start_crawl_if_due(site, now)

    def wait_idle(self) -> None:
        """Wait until every crawl and probe started so far has ended and been recorded."""
        while self.children or self.probing:
            self.stopping.wait(0.2)
            self.reap()

    # -- probes --------------------------------------------------------------------------------
    def start_probe_if_due(self, site: Site, now: datetime) -> None:
        if site.key in self.probing:
            return
        slot = due_slot(self.store.last_probe_ts(site.key), site.probe_every.total_seconds(), now.timestamp())
        if slot is not None:
            at = datetime.fromtimestamp(slot, SHANGHAI)
            self.probing[site.key] = (site, at, self.pool.submit(probe, site.url))

    def record_probes(self) -> None:
        for key, (site, at, future) in list(self.probing.items()):
            if future.done():
                del self.probing[key]
                result = future.result()
                self.store.add_probe({"site_key": site.key, "url": site.url, "at": at.isoformat(timespec="seconds"),
                                      "at_ts": at.timestamp(), "ok": int(result.ok), "status": result.status,
                                      "reason": result.reason, "elapsed_ms": result.elapsed_ms})

    # -- crawls --------------------------------------------------------------------------------
    def start_crawl_if_due(self, site: Site, now: datetime) -> None:
        if site.key in self.children or self.running_by_hand(site):
            return
        slots = self.store.scheduled_crawls("site_key = ?", [site.key])
        last = slots[-1] if slots else None
        if last and last["status"] == SlotStatus.RUNNING:
            return  # recover() settles slots left running; one still running belongs to a live scheduler
        if last and last["status"] == SlotStatus.INTERRUPTED:
            self.launch(site, last)
            return
        slot = due_slot(last["scheduled_ts"] if last else None, site.crawl_every.total_seconds(), now.timestamp())
        if slot is None:
            return
        at = datetime.fromtimestamp(slot, SHANGHAI)
        row = {"site_key": site.key, "site_name": site.name, "url": site.url,
               "scheduled_at": at.isoformat(timespec="seconds"), "scheduled_ts": slot,
               "as_of": at.date().isoformat(), "status": SlotStatus.INTERRUPTED, "attempts": 0}
        row["id"] = self.store.add_scheduled_crawl(row)
        self.launch(site, row)

    def running_by_hand(self, site: Site) -> bool:
        """A run of this site is going on that this scheduler did not start (never two at once)."""
        self.store.mark_dead_runs_interrupted()
        return bool(list(self.store.db.query("select 1 from runs where site_key = ? and status = 'running'",
                                             [site.key])))

    def launch(self, site: Site, slot: dict[str, Any]) -> None:
        # The child's output goes to files (a pipe could fill and block it); settle() reads and closes them.
        stdout, stderr = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # noqa: SIM115
        process = subprocess.Popen(crawl_command(self.xxgk, site, self.db, slot["as_of"]), stdout=stdout,
                                   stderr=stderr, stdin=subprocess.DEVNULL, start_new_session=True,
                                   preexec_fn=die_with_parent(os.getpid()))
        fields = {"status": SlotStatus.RUNNING, "scheduler_pid": os.getpid(), "pid": process.pid,
                  "attempts": (slot.get("attempts") or 0) + 1, "started_at": now_iso()}
        self.store.update_scheduled_crawl(slot["id"], **fields)
        self.children[site.key] = Child({**slot, **fields}, site, process, stdout, stderr)
        logger.info("开始抓取 %s（计划时间 %s，第 %s 次）", site.name, slot["scheduled_at"], fields["attempts"])

    def reap(self) -> None:
        self.record_probes()
        for key, child in list(self.children.items()):
            if child.slot.get("run_id") is None:
                child.slot["run_id"] = self.run_of_pid(key, child.process.pid)
                if child.slot["run_id"] is not None:
                    self.store.update_scheduled_crawl(child.slot["id"], run_id=child.slot["run_id"])
            code = child.process.poll()
            if code is None:
                continue
            del self.children[key]
            self.settle(child, code)

    def run_of_pid(self, key: str, pid: int) -> int | None:
        rows = list(self.store.db.query("select id from runs where site_key = ? and pid = ? order by id desc limit 1",
                                        [key, pid]))
        return rows[0]["id"] if rows else None

    def settle(self, child: Child, code: int) -> None:
        """Record how a child crawl ended; judge and alert a finished run."""
        child.stdout.seek(0)
        child.stderr.seek(0)
        lines = child.stdout.read().decode("utf-8", "replace").split()
        reason = (child.stderr.read().decode("utf-8", "replace").strip().splitlines() or [""])[-1]
        child.stdout.close()
        child.stderr.close()
        run_id = int(lines[-1]) if lines and lines[-1].isdigit() else child.slot.get("run_id")
        run = self.store.run(run_id) if run_id is not None else None
        if run is not None and run["status"] in FINISHED:
            self.finish(child.slot, child.site, run_id, code)
            return
        retry = not self.stopping.is_set() and child.slot["attempts"] < MAX_ATTEMPTS and code != EXIT_USAGE
        status = SlotStatus.INTERRUPTED if self.stopping.is_set() or retry else SlotStatus.DONE
        self.broken_crawls += status is SlotStatus.DONE
        self.store.update_scheduled_crawl(child.slot["id"], status=status, run_id=run_id, exit_code=code,
                                          finished_at=now_iso())
        logger.warning("抓取 %s 未完成（退出码 %s）：%s", child.site.name, code, reason)

    def finish(self, slot: dict[str, Any], site: Site, run_id: int, code: int | None) -> None:
        self.store.update_scheduled_crawl(slot["id"], run_id=run_id, exit_code=code)
        rejudge(self.store, run_id)  # now that the run is linked to its slot, the probe window applies
        run = self.store.run(run_id)
        if run["status"] == RunStatus.FAILED:
            self.failed_runs += 1
        alert, state = alerts.run_alert(self.store, site.name, run_id)
        if alert is None:
            self.store.set_notified_keys(site.key, run_id, state)
        else:
            alerts.notify(self.store, alert, state, site.notify, self.retry_delays)
        self.store.update_scheduled_crawl(slot["id"], status=SlotStatus.DONE, finished_at=now_iso())

    # -- start and stop ------------------------------------------------------------------------
    def recover(self) -> None:
        """Settle the slots a previous scheduler left running: stop an orphan crawl still going (its
        run is resumed later), finish the bookkeeping of a run that ended while nobody watched."""
        sites = {site.key: site for site in self.config.sites}
        # A slot of another live scheduler (cron may start `--once` while the last one still runs) is
        # its own: left alone, and its site is not crawled here meanwhile.
        orphaned = [slot for slot in self.store.scheduled_crawls("status = ?", [SlotStatus.RUNNING])
                    if not is_scheduler(slot["scheduler_pid"])]
        for slot in orphaned:
            stop_orphan(slot["pid"])
        self.store.mark_dead_runs_interrupted()
        for slot in orphaned:
            run_id = slot["run_id"] or self.run_of_pid(slot["site_key"], slot["pid"] or -1)
            run = self.store.run(run_id) if run_id is not None else None
            if run is not None and run["status"] in FINISHED and slot["site_key"] in sites:
                self.finish(slot, sites[slot["site_key"]], run_id, None)
            else:
                self.store.update_scheduled_crawl(slot["id"], status=SlotStatus.INTERRUPTED, run_id=run_id)

    def shutdown(self) -> None:
        """Stop every crawl cleanly (SIGTERM: the run is left interrupted, resumed at the next start)."""
        self.stopping.set()
        for child in self.children.values():
            with contextlib.suppress(ProcessLookupError):
                child.process.terminate()
        for child in list(self.children.values()):
            try:
                child.process.wait(STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                child.process.kill()
                child.process.wait()
        self.pool.shutdown(wait=True)
        self.reap()
        self.store.mark_dead_runs_interrupted()


def due_slot(last_ts: float | None, every: float, now_ts: float) -> float | None:
    """The time of the slot due now, or None. Slots keep to the grid of the first one (last + k·every):
    what was missed while the scheduler was down is not caught up, and ticks that come late do not
    make the schedule drift."""
    if last_ts is None:
        return now_ts
    if now_ts < last_ts + every:
        return None
    return last_ts + every * math.floor((now_ts - last_ts) / every)


def crawl_command(xxgk: tuple[str, ...], site: Site, db: str, as_of: str) -> list[str]:
    command = [*xxgk, "crawl", site.url, "--db", db, "--as-of", as_of, "--render", site.render,
               "--max-pages", str(site.max_pages)]
    if site.level:
        command += ["--level", site.level]
    if site.ignore_robots:
        command.append("--ignore-robots")
    if site.no_external:
        command.append("--no-external")
    for host in site.allow_host:
        command += ["--allow-host", host]
    if site.rules:
        command += ["--rules", str(site.rules)]
    for name, value in site.settings.items():
        command += ["-s", f"{name}={value}"]
    return command


def die_with_parent(parent_pid: int) -> Callable[[], None]:
    """A preexec_fn: the child gets SIGTERM when its scheduler dies (Linux), even by kill -9."""

    def arrange() -> None:
        if sys.platform.startswith("linux"):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent_pid:  # the scheduler died before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)

    return arrange


def is_scheduler(pid: int | None) -> bool:
    try:
        return bool(pid) and "schedule" in psutil.Process(pid).cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False


def stop_orphan(pid: int | None) -> None:
    """Stop a crawl whose scheduler is gone (SIGTERM, then SIGKILL after the grace time)."""
    try:
        process = psutil.Process(pid) if pid else None
        if process is None or "crawl" not in process.cmdline():
            return
        process.terminate()
        process.wait(STOP_GRACE_SECONDS)
    except psutil.TimeoutExpired:
        process.kill()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return


def rejudge(store: Store, run_id: int) -> None:
    """The check step over a stored run (as `xxgk check` runs it), with the rules the run recorded."""
    from checks import check_run

    check_run(store, run_id)
