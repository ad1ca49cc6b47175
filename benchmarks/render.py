"""Render benchmark: a generated site whose documents are built by JavaScript, crawled with --render always.

    .venv/bin/python benchmarks/render.py [--documents 500] [--pool 4] [--keep DIR]

It serves on 127.0.0.1 (stdlib http.server in a thread of this process) a small disclosure platform:
homepage → 政府信息公开 landing → the four sections → 法定主动公开内容 → the column 工作动态, whose
list page links N document pages. Each document's body is filled by an inline script, so a crawl without
a browser sees empty documents. It runs

    xxgk crawl URL --render always --no-external -s AUTOTHROTTLE_ENABLED=False -s DOWNLOAD_DELAY=0
        -s CONCURRENT_REQUESTS_PER_DOMAIN=8 -s XXGK_RENDER_MAX=1000 [-s XXGK_RENDER_POOL=P]

and every second samples the memory of the whole process tree (crawler, Playwright's node driver,
Chromium's processes): RSS summed, and PSS summed (shared pages divided among the processes sharing
them; the RSS sum counts Chromium's shared memory once per process). Renders are counted by the server:
with --render always the crawler fetches each page once over plain HTTP and once more in Chromium, so
the second GET of a page is its render. It prints renders per second, memory at 20/50/80/100 % of the
renders, after the first 100 renders and at the end, the peak, the trend after the first 100 renders
(MiB per 100 renders, least squares), and the run's own render counters (runs.stats). The samples are
written to samples.csv in the work directory.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import psutil

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 6, 30)
SITE = "青山县人民政府"
SECTIONS = [("政府信息公开指南", "/zwgk/zfxxgkzn/"), ("政府信息公开制度", "/zwgk/zfxxgkzd/"),
            ("法定主动公开内容", "/zwgk/fdzdgknr/"), ("政府信息公开年报", "/zwgk/zfxxgknb/")]
COLUMN = ("工作动态", "/zwgk/fdzdgknr/gzdt/")
TOPICS = ["乡村振兴", "营商环境", "安全生产", "防汛抗旱", "义务教育", "医疗保障", "生态环境", "交通建设",
          "就业创业", "养老服务"]
PARAGRAPH = ("为深入贯彻落实上级部署要求，{topic}工作领导小组召开专题会议，研究部署下一阶段重点任务。"
             "会议要求各乡镇、各部门提高政治站位，压实工作责任，细化工作措施，确保各项任务按期完成。")


# -- the site ----------------------------------------------------------------------------------------
def frame(title: str, body: str, extra_head: str = "") -> str:
    nav = "".join(f'<li><a href="{path}">{label}</a></li>' for label, path in SECTIONS)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<meta name="SiteName" content="{SITE}">{extra_head}</head>
<body><div class="header"><a href="/">首页</a> <a href="/zwgk/">政府信息公开</a></div>
<div class="main"><div class="left-nav"><h2>政府信息公开</h2><ul>{nav}</ul></div>
<div class="right-content">{body}</div></div>
<div class="footer">主办单位：{SITE}办公室　网站标识码：3399000099</div></body></html>"""


def doc_path(i: int) -> str:
    day = AS_OF - timedelta(days=i // 3)
    return f"{COLUMN[1]}{day:%Y%m}/t{day:%Y%m%d}_{20000 + i}.html"


def doc_title(i: int) -> str:
    return f"青山县召开{TOPICS[i % len(TOPICS)]}工作推进会（第{i + 1}期）"


def build_site(documents: int) -> dict[str, bytes]:
    """Path → HTML bytes. Document bodies are empty until their inline script runs."""
    pages: dict[str, str] = {}
    pages["/"] = frame(SITE, f'<h3><a href="/zwgk/">政府信息公开</a></h3><p>欢迎访问{SITE}门户网站。</p>')
    entries = "".join(f'<li><a href="{path}">{label}</a></li>' for label, path in SECTIONS)
    pages["/zwgk/"] = frame(f"政府信息公开_{SITE}", f'<ul class="entry">{entries}</ul>')
    pages["/zwgk/zfxxgkzn/"] = frame(
        f"政府信息公开指南_{SITE}",
        '<div class="article"><h1>政府信息公开指南</h1><div id="zoom">'
        + "<p>本指南依据《中华人民共和国政府信息公开条例》编制。办公地址：青山县人民路1号；"
          "办公时间：工作日上午8:30-12:00，下午14:30-17:30；联系电话：0000-1234567；"
          "传真号码：0000-1234568；电子邮箱：gk@qingshan.gov.cn。</p>" * 3 + "</div></div>")
    pages["/zwgk/zfxxgkzd/"] = frame(f"政府信息公开制度_{SITE}", "<p>暂无信息</p>")
    pages["/zwgk/zfxxgknb/"] = frame(f"政府信息公开年报_{SITE}", "<p>暂无信息</p>")
    pages["/zwgk/fdzdgknr/"] = frame(f"法定主动公开内容_{SITE}",
                                     f'<ul class="entry"><li><a href="{COLUMN[1]}">{COLUMN[0]}</a></li></ul>')
    rows = "\n".join(f'<li><a href="{doc_path(i)}" title="{doc_title(i)}">{doc_title(i)}</a>'
                     f'<span class="date">{AS_OF - timedelta(days=i // 3)}</span></li>' for i in range(documents))
    pages[COLUMN[1]] = frame(f"{COLUMN[0]}_{SITE}", f'<ul class="list">\n{rows}\n</ul>')
    for i in range(documents):
        day = AS_OF - timedelta(days=i // 3)
        paragraphs = [PARAGRAPH.format(topic=TOPICS[(i + k) % len(TOPICS)]) for k in range(6)]
        script = ("<script>(function(){var parts=" + repr(paragraphs).replace("'", '"')
                  + ';var zoom=document.getElementById("zoom");'
                    'for(var k=0;k<parts.length;k++){var p=document.createElement("p");'
                    'p.textContent=parts[k];zoom.appendChild(p);}'
                  f'document.getElementById("date").textContent="发布日期：{day}";}})();</script>')
        body = (f'<div class="article"><h1 class="article-title">{doc_title(i)}</h1>'
                f'<div class="info"><span id="date"></span></div><div class="TRS_Editor" id="zoom"></div>'
                f'{script}</div>')
        pages[doc_path(i)] = frame(f"{doc_title(i)}_{SITE}", body,
                                   f'<meta name="ArticleTitle" content="{doc_title(i)}">')
    return {path: text.encode("utf-8") for path, text in pages.items()}


class Site:
    """The generated site on an OS-chosen 127.0.0.1 port; counts GETs per page (the 2nd is the render)."""

    def __init__(self, documents: int):
        self.pages = build_site(documents)
        self.gets: Counter[str] = Counter()
        self.renders = 0
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                body = site.pages.get(path)
                if body is not None:
                    with site.lock:
                        site.gets[path] += 1
                        site.renders += site.gets[path] == 2
                status = 200 if body is not None else 404
                body = body if body is not None else b"<html><head><title>404</title></head></html>"
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# -- measuring ---------------------------------------------------------------------------------------
def tree_memory(ps: psutil.Process) -> tuple[int, int, int, int]:
    """Crawler RSS, and RSS and PSS summed over its process tree, and how many processes that is."""
    own = ps.memory_info().rss
    rss = pss = count = 0
    for proc in [ps, *ps.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):  # a child may exit between listing and reading it
            info = proc.memory_full_info()  # PSS from /proc/PID/smaps_rollup
            rss, pss, count = rss + info.rss, pss + info.pss, count + 1
    return own, rss, pss, count


def at_renders(samples: list[dict], renders: int) -> dict | None:
    return next((s for s in samples if s["renders"] >= renders), None)


def slope(samples: list[dict], key: str) -> float:
    """Least-squares MiB per 100 renders over the samples."""
    xs, ys = [s["renders"] for s in samples], [s[key] / 2**20 for s in samples]
    if len(xs) < 2 or max(xs) == min(xs):
        return 0.0
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return 100 * sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def row(label: str, s: dict | None) -> str:
    if s is None:
        return f"  {label:<22} (not reached)"
    return (f"  {label:<22} {s['renders']:>5} renders {s['t']:6.0f} s   crawler RSS {s['rss'] / 2**20:5.0f} MiB   "
            f"tree RSS {s['tree_rss'] / 2**20:5.0f} MiB   tree PSS {s['tree_pss'] / 2**20:5.0f} MiB   "
            f"{s['procs']:>2} processes")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--pool", type=int, help="XXGK_RENDER_POOL (browser pages open at once; default 4)")
    parser.add_argument("--keep", help="directory for the database, log and samples")
    args = parser.parse_args()
    from crawler.store import Store

    work = Path(args.keep or tempfile.mkdtemp(prefix="xxgk-render-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "render.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.machine())
    print(f"machine: {cpu}, {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
          f"Python {platform.python_version()}, load {os.getloadavg()[0]:.2f}", flush=True)
    site = Site(args.documents)
    settings = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
                "-s", "XXGK_RENDER_MAX=1000", "-s", "XXGK_PROGRESS_INTERVAL=0"]
    if args.pool:
        settings += ["-s", f"XXGK_RENDER_POOL={args.pool}"]
    cmd = [sys.executable, "-m", "crawler.cli", "crawl", site.url, "--db", str(db), "--as-of", AS_OF.isoformat(),
           "--render", "always", "--no-external", *settings]
    print(f"site: {len(site.pages)} pages ({args.documents} documents built by script) at {site.url}", flush=True)
    print("command: " + " ".join(cmd), flush=True)
    samples: list[dict] = []
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    try:
        with (work / "crawl.log").open("w") as err:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT)
            ps = psutil.Process(proc.pid)
            while proc.poll() is None:
                with contextlib.suppress(psutil.Error):
                    own, rss, pss, count = tree_memory(ps)
                    samples.append({"t": time.perf_counter() - started, "renders": site.renders, "rss": own,
                                    "tree_rss": rss, "tree_pss": pss, "procs": count,
                                    "load": os.getloadavg()[0]})
                time.sleep(1)
            out = proc.stdout.read() if proc.stdout else ""
    finally:
        site.stop()
    wall = time.perf_counter() - started
    with (work / "samples.csv").open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["t", "renders", "rss", "tree_rss", "tree_pss", "procs", "load"])
        writer.writeheader()
        writer.writerows(samples)
    if proc.returncode:
        raise SystemExit(f"xxgk crawl exited {proc.returncode}:\n"
                         + (work / "crawl.log").read_text(errors="replace")[-2000:])
    run_id = int(out.strip().splitlines()[-1])
    store = Store(db)
    run = store.run(run_id)
    stats = run["stats"] or {}
    rendered_pages = next(iter(store.db.query(
        "select count(*) n from pages where run_id = ? and rendered = 1 and status = 200", [run_id])))["n"]
    shots = next(iter(store.db.query("select count(*) n from screenshots where run_id = ?", [run_id])))["n"]
    store.close()
    renders = site.renders
    first = at_renders(samples, 1)
    last = at_renders(samples, renders)
    span = (last["t"] - first["t"]) if first and last and last is not first else wall
    print(f"run {run_id}: {run['status']}, {run['pages']} pages, not covered {len(run['not_covered'] or [])}; "
          f"stats {', '.join(f'{k}={v}' for k, v in stats.items() if k.startswith('xxgk_render'))}; "
          f"{rendered_pages} pages stored as rendered, {shots} screenshots", flush=True)
    print(f"renders: {renders} (server count) in {wall:.0f} s wall: {renders / wall:.2f} renders/s overall, "
          f"{renders / max(span, 1):.2f} renders/s from first to last render; "
          f"load {load_before:.2f} before / {sum(s['load'] for s in samples) / max(len(samples), 1):.2f} during")
    print("memory (process tree, sampled every second):")
    print(row("after 100 renders", at_renders(samples, min(100, renders))))
    for share in (20, 50, 80, 100):
        print(row(f"at {share}% of renders", at_renders(samples, renders * share // 100)))
    peak_rss = max(samples, key=lambda s: s["tree_rss"], default=None)
    peak_pss = max(samples, key=lambda s: s["tree_pss"], default=None)
    print(row("peak tree RSS", peak_rss))
    print(row("peak tree PSS", peak_pss))
    steady = [s for s in samples if 100 <= s["renders"] < renders] or samples
    for key, label in (("tree_pss", "tree PSS"), ("tree_rss", "tree RSS"), ("rss", "crawler RSS")):
        values = [s[key] / 2**20 for s in steady]
        print(f"  {label} from 100 renders to the last: min {min(values):.0f} MiB, max {max(values):.0f} MiB")
    print(f"trend after 100 renders: tree PSS {slope(steady, 'tree_pss'):+.1f} MiB, tree RSS "
          f"{slope(steady, 'tree_rss'):+.1f} MiB, crawler RSS {slope(steady, 'rss'):+.1f} MiB per 100 renders "
          f"({len(steady)} samples)")
    print(f"database {db.stat().st_size / 2**20:.1f} MiB; samples in {work / 'samples.csv'}" if args.keep
          else f"database {db.stat().st_size / 2**20:.1f} MiB")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
