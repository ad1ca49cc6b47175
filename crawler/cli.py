"""The `xxgk` command line (contract.md "Commands"). Each subcommand parses its arguments, makes one
library call and formats the result; errors become a one-line reason on stderr, never a traceback.

Exit codes of `xxgk crawl`: 0 the run finished (complete or partial); 3 the run was stored as failed;
2 bad arguments; 1 an internal error (the run is stored as interrupted).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.setting_types import BadSetting, check_overrides
from crawler.store import Store, StoreError

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
DEFAULT_DB = "data/xxgk.db"
REPORT_FORMATS = ("html", "xlsx", "json", "csv")
# On loopback, against our own sample servers, politeness limits only slow the demo down.
LOOPBACK_SETTINGS = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "CONCURRENT_REQUESTS": "32",
                     "CONCURRENT_REQUESTS_PER_DOMAIN": "16", "XXGK_RETRY_BACKOFF": "0.5,1"}


class UsageError(Exception):
    """Bad arguments: exit 2 with the message."""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except UsageError as exc:
        print(f"xxgk: 参数错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as exc:
        print(f"xxgk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("xxgk: 已中断", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as exc:  # the contract: a one-line reason, never a traceback
        print(f"xxgk: 内部错误：{type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xxgk", description="政府信息公开平台抓取与监测")
    sub = parser.add_subparsers(dest="command", required=True)

    crawl = sub.add_parser("crawl", help="抓取一个网站并运行全部检查，最后一行输出运行编号")
    crawl.add_argument("url", help="网站首页或政府信息公开平台入口页")
    add_db(crawl)
    crawl.add_argument("--as-of", help="评估日期 YYYY-MM-DD（默认：上海时区今天）")
    crawl.add_argument("--level", choices=("department", "government"), help="年报期限按部门或本级政府")
    crawl.add_argument("--max-pages", type=int, default=100_000, help="抓取页面上限（默认 100000）")
    crawl.add_argument("--render", choices=("auto", "never", "always"), default="auto")
    crawl.add_argument("--ignore-robots", action="store_true", help="不遵守 robots.txt（需有权检查）")
    crawl.add_argument("--allow-host", action="append", default=[], help="同属该平台的其他主机，可重复")
    crawl.add_argument("--no-external", action="store_true", help="只记录外部链接，不请求")
    crawl.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                       help="任意 Scrapy 设置，可重复")
    add_rules(crawl)
    crawl.add_argument("--fresh", action="store_true", help="不续传中断的运行，重新开始一次运行")
    crawl.set_defaults(handler=cmd_crawl)

    check = sub.add_parser("check", help="对已存储的一次运行重新运行全部检查，替换其问题")
    check.add_argument("--run", required=True, help="运行编号或 latest")
    add_db(check)
    add_rules(check)
    check.set_defaults(handler=cmd_check)

    findings = sub.add_parser("findings", help="输出一次运行的问题")
    add_db(findings)
    findings.add_argument("--run", default="latest", help="运行编号或 latest")
    findings.add_argument("--format", choices=("json", "table", "csv"), default="json")
    findings.set_defaults(handler=cmd_findings)

    evidence = sub.add_parser("evidence", help="显示一条问题的证据")
    evidence.add_argument("finding_id")
    add_db(evidence)
    evidence.add_argument("--out", help="截图保存目录（默认：数据库旁的 evidence/）")
    evidence.set_defaults(handler=cmd_evidence)

    diff = sub.add_parser("diff", help="比较同一网站的两次运行：新增、删除、修改的文件与栏目")
    diff.add_argument("old_run", type=int, help="较早的运行编号")
    diff.add_argument("new_run", type=int, help="较晚的运行编号")
    add_db(diff)
    diff.add_argument("--format", choices=("json", "table"), default="json")
    diff.set_defaults(handler=cmd_diff)

    report = sub.add_parser("report", help="按评分模型生成评分表（HTML、XLSX、JSON、CSV）")
    add_db(report)
    report.add_argument("--run", default="latest", help="运行编号、latest，或 all（每个网站最近一次已结束的运行，附排名）")
    report.add_argument("--model", help="评分模型名称（内置：guoban-2019）或模型文件路径")
    report.add_argument("--bonus", help="加分表 TOML 文件：网站标识或起始网址 = 分值")
    report.add_argument("--format", choices=REPORT_FORMATS, required=True)
    report.add_argument("--out", required=True, help="输出文件")
    report.set_defaults(handler=cmd_report)

    prune = sub.add_parser("prune", help="每个网站只保留最近 N 次运行，删除其余运行及不再被引用的快照")
    prune.add_argument("--keep", type=int, required=True, help="每个网站保留的运行次数")
    add_db(prune)
    prune.set_defaults(handler=cmd_prune)

    sched = sub.add_parser("schedule", help="按站点登记表定期抓取、探测可用性并发送告警，直到收到 SIGTERM/SIGINT")
    sched.add_argument("--config", required=True, help="站点登记表（TOML，见 README“定期监测”）")
    add_db(sched)
    sched.add_argument("--once", action="store_true", help="只运行此刻到期的抓取与探测，然后退出（供 cron 使用）")
    sched.set_defaults(handler=cmd_schedule)

    demo = sub.add_parser("demo", help="在 127.0.0.1 上启动示例政府网站，抓取并生成报告")
    demo.add_argument("--out", default="data/demo", help="数据库与报告的输出目录（默认 data/demo）")
    demo.set_defaults(handler=cmd_demo)
    return parser


def add_rules(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", help="叠加在默认规则之上的本地规则文件（TOML，按检查编号分表）")


def load_rules_option(path: str | None):
    from checks.rules import RulesError, load_rules

    try:
        return load_rules(path) if path else None
    except RulesError as exc:
        raise UsageError(str(exc)) from exc


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, help=f"SQLite 数据库（默认 {DEFAULT_DB}）")


# -- crawl -----------------------------------------------------------------------------------------
def cmd_crawl(args: argparse.Namespace) -> int:
    url = check_url(args.url)
    as_of = check_date(args.as_of)
    settings = parse_settings(args.settings)
    if args.ignore_robots:
        settings["ROBOTSTXT_OBEY"] = "False"
    settings["XXGK_RENDER"] = args.render
    if args.max_pages < 1:
        raise UsageError("--max-pages 必须是正整数")
    spider_args = {"allow_host": ",".join(args.allow_host), "no_external": args.no_external,
                   "max_pages": args.max_pages}
    rules = load_rules_option(args.rules)
    return crawl_and_report(url, args.db, as_of, args.level, settings, spider_args,
                            rules.record() if rules else None, fresh=args.fresh)


def crawl_and_report(url: str, db: str, as_of: str | None, level: str | None, settings: dict[str, str],
                     spider_args: dict[str, Any], rules: dict[str, Any] | None = None, fresh: bool = False) -> int:
    from crawler.runner import run_crawl

    settings.setdefault("LOG_LEVEL", "WARNING")
    run_id = run_crawl(url, db, as_of, level=level, settings=settings, spider_args=spider_args, rules=rules,
                       fresh=fresh)
    store = Store(db)
    run = store.run(run_id)
    if run["status"] in ("running", "interrupted"):  # stopped (Ctrl-C, SIGTERM) or broke before settling
        if run["status"] == "running":
            store.update_run(run_id, status="interrupted")
        print(f"xxgk: 抓取未完成，运行 {run_id} 已标记为中断", file=sys.stderr)
        print(run_id)
        return EXIT_INTERNAL
    findings = store.findings(run_id)
    rendered = sum(v for k, v in (run["stats"] or {}).items() if k.startswith("xxgk_render_")
                   and k != "xxgk_render_unavailable")
    print(f"运行 {run_id}：状态 {run['status']}，页面 {run['pages']}，浏览器渲染 {rendered} 页，"
          f"问题 {len(findings)} 条，未覆盖 {len(run['not_covered'] or [])} 处")
    if run["status"] == "failed":
        reason = next((f["message"] for f in findings if f["check_id"] in ("unreachable_site", "blocked")),
                      "起始页面无法获取")
        print(f"xxgk: 运行失败：{reason}", file=sys.stderr)
    print(run_id)
    return EXIT_FAILED if run["status"] == "failed" else EXIT_OK


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"起始网址必须是 http(s) 网址：{url}")
    return url


def check_date(value: str | None) -> str | None:
    """The --as-of date, or None when not given (a resumed run keeps its own, a new run takes today)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise UsageError(f"--as-of 日期格式应为 YYYY-MM-DD：{value}") from exc


def parse_settings(pairs: list[str]) -> dict[str, str]:
    settings = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"-s 需要 NAME=VALUE 形式：{pair}")
        settings[name.strip()] = value
    try:
        check_overrides(settings)
    except BadSetting as exc:
        raise UsageError(str(exc)) from exc
    return settings


# -- findings and evidence -------------------------------------------------------------------------
def cmd_findings(args: argparse.Namespace) -> int:
    from reports.findings import FORMATS, findings_document

    store = open_existing(args.db)
    print(FORMATS[args.format](findings_document(store, args.run)))
    return EXIT_OK


def cmd_evidence(args: argparse.Namespace) -> int:
    store = open_existing(args.db)
    finding = store.finding(args.finding_id)
    evidence = finding["evidence"]
    shot = evidence.get("screenshot")
    if shot:
        png = store.body(shot["hash"])
        if png is not None:
            path = Path(args.out or Path(args.db).parent / "evidence") / f"{shot['hash'][:16]}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png)
            shot["path"] = str(path)
    print(json.dumps({"id": finding["id"], "check": finding["check_id"], "rule": finding["rule"],
                      "url": finding["url"], "target": finding["target"], "message": finding["message"],
                      "evidence": evidence}, ensure_ascii=False, indent=2))
    if shot and shot.get("path"):
        print(f"截图：{shot['path']}（{shot['url']}，{shot['taken_at']}）", file=sys.stderr)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from checks import check_run

    rules = load_rules_option(args.rules)
    store = open_existing(args.db)
    run = store.run(args.run)
    if run["status"] in ("running", "interrupted"):
        raise UsageError(f"运行 {run['id']} 尚未完成（{run['status']}），不能检查")
    result = check_run(store, run["id"], rules)
    print(f"运行 {run['id']}：问题 {len(result.findings)} 条，因页面未覆盖而暂不判断 {len(set(result.withheld))} 项")
    for check_id, error in result.errors.items():
        print(f"xxgk: 检查 {check_id} 失败：{error}", file=sys.stderr)
    return EXIT_INTERNAL if result.errors else EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from reports.diff import as_table, diff_runs

    result = diff_runs(open_existing(args.db), args.old_run, args.new_run)
    print(as_table(result) if args.format == "table" else json.dumps(result, ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from reports.model import load_model
    from reports.scorecard import scorecard_document, select_runs

    model = load_model(args.model, args.bonus)
    store = open_existing(args.db)
    document = scorecard_document(store, select_runs(store, args.run), model)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_report(document, store, args.format, out)
    sites = document["sites"]
    print(f"评分表：{out}（{len(sites)} 个网站；" + "，".join(
        f"运行 {s['run']['id']} {s['verdict']} {'—' if s['score'] is None else s['score']}" for s in sites) + "）",
        file=sys.stderr)
    return EXIT_OK


def write_report(document: dict[str, Any], store: Store, fmt: str, out: Path) -> None:
    from reports.scorecard_html import write_html
    from reports.scorecard_sheets import as_csv, write_xlsx

    if fmt == "html":
        write_html(document, store, out)
    elif fmt == "xlsx":
        write_xlsx(document, out)
    elif fmt == "csv":
        out.write_text(as_csv(document), encoding="utf-8-sig")  # the BOM lets spreadsheet programs read UTF-8
    else:
        out.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")


def cmd_prune(args: argparse.Namespace) -> int:
    if args.keep < 1:
        raise UsageError("--keep 必须是正整数")
    runs, bodies = open_existing(args.db).prune(args.keep)
    print(f"已删除 {runs} 次运行、{bodies} 个不再被引用的快照")
    return EXIT_OK


def open_existing(db: str) -> Store:
    if not Path(db).exists():
        raise StoreError(f"数据库不存在：{db}（先运行 xxgk crawl）")
    return Store(db)


# -- schedule --------------------------------------------------------------------------------------
def cmd_schedule(args: argparse.Namespace) -> int:
    """The monitoring schedule (monitor/ sits above the stages; it runs `xxgk crawl` as children)."""
    import logging

    from monitor.config import ConfigError, load_config
    from monitor.scheduler import Scheduler

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    scheduler = Scheduler(config, args.db)
    if args.once:
        return scheduler.run_once()
    scheduler.run_forever()
    return EXIT_OK


# -- demo ------------------------------------------------------------------------------------------
def cmd_demo(args: argparse.Namespace) -> int:
    from samplesite.server import start

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "xxgk.db"
    with start(slow_seconds=6) as site:
        truth = site.ground_truth
        url = site.urls["county"]
        print(f"示例网站已启动：{url}（评估日期 {truth['as_of']}；演示模式超时缩短为 4 秒）", file=sys.stderr)
        settings = {**LOOPBACK_SETTINGS, "DOWNLOAD_TIMEOUT": "4", "XXGK_PROGRESS_INTERVAL": "5"}
        code = crawl_and_report(url, str(db), truth["as_of"], None, settings, {})
    if code != EXIT_OK:
        return code
    return write_demo_outputs(db, out)


def write_demo_outputs(db: Path, out: Path) -> int:
    from reports.findings import as_json, as_table, findings_document
    from reports.model import load_model
    from reports.scorecard import scorecard_document, select_runs

    store = Store(db)
    document = findings_document(store, "latest")
    (out / "findings.json").write_text(as_json(document), encoding="utf-8")
    scorecard = scorecard_document(store, select_runs(store, "latest"), load_model())
    write_report(scorecard, store, "html", out / "scorecard.html")
    write_report(scorecard, store, "xlsx", out / "scorecard.xlsx")
    site = scorecard["sites"][0]
    print(as_table(document))
    print(f"\n评分：{site['verdict']} {'—' if site['score'] is None else site['score']}（{scorecard['model']['title']}）"
          f"\n数据库：{db}\n问题 JSON：{out / 'findings.json'}\n评分表：{out / 'scorecard.html'}、{out / 'scorecard.xlsx'}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
