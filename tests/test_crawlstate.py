"""Column assembly: where a column sits in the tree (crawler/crawlstate.py)."""

from __future__ import annotations

from crawler.crawlstate import CrawlState
from crawler.parse.types import ListItem, ListResult

SITE = "http://127.0.0.1:8000"


def fetched_column(state: CrawlState, url: str, anchor: str, *, nav_parent: str | None = None,
                   in_platform: bool = True) -> None:
    column = state.column(url, in_platform=in_platform)
    column.fetched = True
    column.anchors[anchor] += 1
    if nav_parent:
        column.nav_parents[nav_parent] += 1
    item = ListItem(title=f"{anchor}（2026年第1期）", url=f"{url}202606/t20260601_1.html", date=None)
    column.add_list(url, ListResult(scheme="html", items=[item]))


def test_the_homepage_is_no_column_and_no_parent_of_flat_columns():
    """Platforms whose columns sit beside their section (/xxgk/rsxx/ next to /xxgk/fdzdgknr/, Hanweb's
    /col/colNNN/) are placed by the menu that nests them. A homepage linked under the site's name (the
    header's link) is not a column, and must not become the parent of every such column."""
    state = CrawlState()
    section = f"{SITE}/xxgk/fdzdgknr/"
    state.sections["statutory"] = section
    state.landings.append(f"{SITE}/xxgk/")
    fetched_column(state, section, "政府信息公开目录")
    fetched_column(state, f"{SITE}/", "青山县人民政府", in_platform=False)
    fetched_column(state, f"{SITE}/xxgk/rsxx/", "人事信息", nav_parent=section)
    rows = {row["url"]: row for row in state.assemble()}
    assert f"{SITE}/" not in rows
    personnel = rows[f"{SITE}/xxgk/rsxx/"]
    assert personnel["section"] == "statutory"
    assert personnel["path"] == "政府信息公开目录 > 人事信息"
