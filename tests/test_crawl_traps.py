"""Trap bounds (issue 7, item 8): an endless calendar under the platform path, a relative link that
repeats its own directory, and pagers that never end are cut at documented bounds (crawler/settings.py);
what is cut is listed in `run.not_covered` with reason `trap`, and the run is `partial`. Before the
bounds, the calendar was crawled until --max-pages.
"""

from __future__ import annotations

import re

from tests.conftest import run_xxgk_crawl
from tests.loopback import LoopbackSite, Reply

SECTIONS = ("<ul class='sections'><li><a href='/zwgk/zn/'>政府信息公开指南</a></li>"
            "<li><a href='/zwgk/zd/'>政府信息公开制度</a></li><li><a href='/zwgk/fdzdgknr/'>法定主动公开内容</a></li>"
            "<li><a href='/zwgk/nb/'>政府信息公开年报</a></li></ul>")
TEXT = "本机关依照《中华人民共和国政府信息公开条例》主动公开政府信息，公开的内容、方式、时限和受理程序如下。" * 4
MONTH_RE = re.compile(r"^/zwgk/rl/(\d{4})/(\d{2})/$")
LIST_RE = re.compile(r"^/zwgk/fdzdgknr/(tzgg|gzdt)/$")


def html(title: str, body: str) -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body>{SECTIONS}{body}</body></html>")


def month_page(year: int, month: int) -> str:
    """A calendar month linking the month before and after it, for ever."""
    prev_y, prev_m = (year, month - 1) if month > 1 else (year - 1, 12)
    next_y, next_m = (year, month + 1) if month < 12 else (year + 1, 1)
    return html(f"办事日历 {year}年{month}月",
                f"<div class='cal'><a href='/zwgk/rl/{prev_y}/{prev_m:02d}/'>上一月</a>"
                f"<span>{year}年{month}月</span><a href='/zwgk/rl/{next_y}/{next_m:02d}/'>下一月</a></div>")


def list_page(column: str, page: int, announced: str) -> str:
    """A list whose 下一页 never stops; `tzgg` says 共3页, `gzdt` says nothing of its total."""
    rows = "".join(f"<li><a href='/zwgk/fdzdgknr/{column}/t202611{page % 28 + 1:02d}_{page}{n}.html'>"
                   f"关于做好第{page}批第{n}项重点工作的通知</a><span>2026-11-{page % 28 + 1:02d}</span></li>"
                   for n in range(3))
    return html("列表", f"<ul class='list'>{rows}</ul><div class='pager'>{announced}"
                        f"<a href='/zwgk/fdzdgknr/{column}/?page={page + 1}'>下一页</a></div>")


def generated(path: str) -> str | None:
    if match := MONTH_RE.match(path):
        return month_page(int(match.group(1)), int(match.group(2)))
    if path.startswith("/zwgk/zd/"):  # a CMS that answers every path below the section with the section
        return html("政府信息公开制度", f"<div class='article'><p>{TEXT}</p><a href='zd/'>制度文件</a></div>")
    if path.startswith("/zwgk/fdzdgknr/") and path.endswith(".html"):
        return html("通知", "<div class='article'><h1>通知</h1><p>发布日期：2026-11-01</p><p>正文。</p></div>")
    return None


def paged(column: str, announced: str):
    def answer(handler) -> Reply:
        page = int(handler.path.partition("?page=")[2] or 1)
        return Reply(list_page(column, page, announced).encode())
    return answer


def test_endless_calendar_repeated_directories_and_endless_pagers_are_cut_as_traps(tmp_path):
    pages = {
        "/": html("青山县人民政府", "<div class='nav'><a href='/zwgk/'>政务公开</a></div>"),
        "/zwgk/": html("政府信息公开", ""),
        "/zwgk/zn/": html("政府信息公开指南", f"<div class='article'><p>{TEXT}</p></div>"),
        "/zwgk/nb/": html("政府信息公开年报", ""),
        "/zwgk/fdzdgknr/": html("法定主动公开内容", "<div class='left'><a href='/zwgk/fdzdgknr/tzgg/'>通知公告</a>"
                                "<a href='/zwgk/fdzdgknr/gzdt/'>工作动态</a><a href='/zwgk/rl/2026/11/'>办事日历</a></div>"),
        "/zwgk/fdzdgknr/tzgg/": paged("tzgg", "共3页"),
        "/zwgk/fdzdgknr/gzdt/": paged("gzdt", ""),
    }
    with LoopbackSite(pages, fallback=generated) as site:
        result = run_xxgk_crawl(site.url("/"), tmp_path / "x.db", "--as-of", "2026-11-25", "--render", "never",
                                "--max-pages", "400", "-s", "XXGK_TRAP_LIST_PAGES=8")
        assert result.code == 0, result.stderr
        months = site.paths("GET", "/zwgk/rl/")
        tzgg = [p for p in site.paths("GET", "/zwgk/fdzdgknr/tzgg/") if not p.endswith(".html")]  # list pages
        gzdt = [p for p in site.paths("GET", "/zwgk/fdzdgknr/gzdt/") if not p.endswith(".html")]
        repeated = site.paths("GET", "/zwgk/zd/")
    run = result.findings()["run"]
    assert run["status"] == "partial"
    reasons = {gap["reason"] for gap in run["not_covered"]}
    assert reasons == {"trap"}, run["not_covered"]  # not max_pages: the bounds stopped the crawl first
    cut = {gap["url"] for gap in run["not_covered"]}
    # Depth 12 below the platform: the landing is 0, 法定主动公开内容 1, the calendar's first month 2.
    assert 10 <= len(months) <= 2 * 10 + 1, months
    assert any(MONTH_RE.match(url.removeprefix(site.origin)) for url in cut)
    # A directory repeated 3 times is cut: /zwgk/zd/zd/ is fetched, /zwgk/zd/zd/zd/ is not.
    assert "/zwgk/zd/zd/" in repeated and "/zwgk/zd/zd/zd/" not in repeated
    assert site.url("/zwgk/zd/zd/zd/") in cut
    # 共3页, and page 1 may be linked under a second name: at most 4 pages, the 5th is cut.
    assert len(tzgg) <= 4 and site.url("/zwgk/fdzdgknr/tzgg/?page=5") in cut
    # No total announced: XXGK_TRAP_LIST_PAGES (here 8) pages of the column.
    assert len(gzdt) == 8 and site.url("/zwgk/fdzdgknr/gzdt/?page=9") in cut
    findings = result.findings()["findings"]
    assert not [f for f in findings if f["check"] in ("broken_link", "blank_column", "missing_section")], findings
