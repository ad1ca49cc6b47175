"""stale_homepage: a homepage with nothing new within 14 days of as_of.

Rule: 政府网站与政务新媒体检查指标(2019) 单项否决指标 首页不更新 (rules.md §1.3): "监测2周，首页无信息
更新的，即单项否决。如首页仅为网站栏目导航入口，所有二级页面无信息更新的，即单项否决"; 2015 普查 网站不更新:
"未注明信息发布时间的视为不更新" (rules.md §1.4).

What counts as new on the homepage, newest first wins: the dates the homepage itself shows next to its
links (list items such as `<li><a>…</a><span>2024-07-01</span></li>`), the dates in the URLs it links
to, the publish dates of the pages it links to, and the newest items of the columns its navigation
links to (for a homepage that is only a navigation entry). Items dated after as_of are ignored.

Judged only when the homepage was fetched (a start URL that is a landing page does not make it
optional); a homepage that failed is in `not_covered`, not judged (contract). A homepage that shows no
date at all counts as not updated, unless one of its columns could not be read or the page has too few
links to be more than a script-filled shell.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urljoin

from checks.base import Check, Finding, RunContext
from checks.page_text import collapse, node_text, selector
from crawler import outcomes
from crawler.parse.dates import date_from_url, parse_date

CONTAINERS = ("li", "tr", "dd", "dt", "p", "div", "span", "td")
MAX_CONTAINER_TEXT = 160  # a list item, not the whole list
MAX_CLIMB = 3


def homepage_dates(html: str, base_url: str) -> tuple[list[tuple[date, str, str]], int]:
    """(date, where, link) for every link on the page with a date beside it or in its URL; link count."""
    found, links = [], 0
    for a in selector(html).root.iter("a"):
        links += 1
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        url = urljoin(base_url, href)
        day = date_beside(a)
        if day:
            found.append((day, "homepage_list", url))
            continue
        day = date_from_url(url)
        if day:
            found.append((day, "link_url", url))
    return found, links


def date_beside(a: Any) -> date | None:
    """A date shown in the link itself or in its list item (climbing a few levels, not the whole list)."""
    day = parse_date(collapse(node_text(a)))
    if day:
        return day
    el = a.getparent()
    for _ in range(MAX_CLIMB):
        if el is None or not isinstance(el.tag, str) or el.tag in ("body", "html"):
            return None
        text = collapse(node_text(el))
        if len(text) > MAX_CONTAINER_TEXT:
            return None
        if el.tag in CONTAINERS:
            day = parse_date(text)
            if day:
                return day
        el = el.getparent()
    return None


class StaleHomepage(Check):
    id = "stale_homepage"
    severity = "veto"
    rule = "政府网站与政务新媒体检查指标(2019) 单项否决指标 首页不更新（监测2周，首页无信息更新）"
    source = "rules.md §1.3 首页不更新, §1.4 网站不更新 (未注明信息发布时间的视为不更新)"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        home = ctx.homepage()
        if home is None or not ctx.fetched(home):
            return
        html = ctx.html(home)
        if html is None:
            return
        base = home["final_url"] or home["url"]
        dates, link_count = homepage_dates(html, base)
        dates += self.linked_page_dates(ctx, home)
        columns, withheld = self.nav_columns(ctx, home)
        dates += columns
        current = [d for d in dates if d[0] <= ctx.as_of]
        future = len(dates) - len(current)
        newest = max(current, default=None)
        days = (ctx.as_of - newest[0]).days if newest else None
        if days is not None and days <= self.options["max_days"]:
            return
        if withheld or (newest is None and link_count < self.options["min_links_without_dates"]):
            return  # a column that could not be read may hold the news; a shell page shows nothing yet
        if newest is None:
            message = "首页信息均未注明发布时间，视为首页未更新"
        else:
            message = (f"首页最新信息发布于 {newest[0].isoformat()}，距检查日已 {days} 天，"
                       f"超过 {self.options['max_days']} 天未更新")
        yield Finding(
            key=home["url"], url=home["url"], message=message,
            evidence={"newest_date": newest[0].isoformat() if newest else None,
                      "newest_source": newest[1] if newest else None,
                      "newest_url": newest[2] if newest else None,
                      "days_since": days, "limit_days": self.options["max_days"], "dates_seen": len(current),
                      "future_dates_ignored": future, "nav_columns_not_covered": withheld,
                      "snapshot": home.get("body_hash")})

    @staticmethod
    def linked_page_dates(ctx: RunContext, home: dict[str, Any]) -> list[tuple[date, str, str]]:
        found = []
        for link in ctx.links_from(home["url"], home["final_url"]):
            page = ctx.page_at(link["target_url"])
            # Documents only: a list page's PubDate is often the time the CMS generated it.
            if ctx.fetched(page) and page.get("pub_date") and page["role"] in ("document", "page", "target"):
                found.append((date.fromisoformat(page["pub_date"][:10]), "linked_page", link["target_url"]))
        return found

    @staticmethod
    def nav_columns(ctx: RunContext, home: dict[str, Any]) -> tuple[list[tuple[date, str, str]], int]:
        """Newest item dates of the columns the homepage links to, and how many could not be read."""
        targets = {link["target_url"] for link in ctx.links_from(home["url"], home["final_url"])}
        found, withheld = [], 0
        for column in ctx.columns:
            if column["url"] not in targets:
                continue
            if ctx.column_withheld(column):
                # A column that answers 404 shows nothing new; one that timed out or was blocked might.
                gaps = ctx.column_gaps(column) or [{"reason": column["reason"] or "not_fetched"}]
                withheld += any(not outcomes.is_confirmed(g["reason"]) for g in gaps)
                continue
            for item in column["items"]:
                day, _ = ctx.item_date(item)
                if day:
                    found.append((day, "nav_column", column["url"]))
        return found, withheld
