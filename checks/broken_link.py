"""broken_link: every link on every crawled page that does not work (pages, attachments, images, 外链).

Rule: 全国政府网站普查评分表(2015) 链接可用性 — "首页及其他页面不能正常访问的链接数量", links including
images, attachments and external links (rules.md §1.6). Confirmed vs suspected follows the national
monitoring platform (开普云: only 404/403 count as 确定不可用, rules.md §1.7) as the contract extends
it: 404, 403, 410, soft-404s and redirect loops are confirmed; timeouts, 5xx, 429, DNS, connection and
SSL failures that persisted through the crawl's late retries are reported with confirmed: false. A
challenge page is `blocked`, never broken.

One finding per target; its evidence lists every page linking to it with the anchor text, and the
snapshot of each parent page (the evidence 开普云 exports: 监测时间, 不可用链接URL, 父页面URL, 链接标题,
资源描述, 问题描述, 快照).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.base import Check, Finding, RunContext
from crawler import outcomes

KIND_LABELS = {"page": "网页", "attachment": "附件", "image": "图片", "external": "外部"}
MAX_PARENTS = 50  # evidence lists this many linking pages in full, then counts the rest


class BrokenLink(Check):
    id = "broken_link"
    severity = "deduct"
    rule = "全国政府网站普查评分表(2015) 链接可用性"
    source = "rules.md §1.6 链接可用性, §1.7 开普云 确定/疑似不可用; contract 'Confirmed vs suspected'"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        broken = broken_targets(ctx)
        for target, links in links_to(ctx, broken).items():
            yield self.finding(ctx, target, broken[target], links)

    def finding(self, ctx: RunContext, target: str, page: dict[str, Any], links: list[dict]) -> Finding:
        reason = page["reason"]
        confirmed = outcomes.is_confirmed(reason)
        kind = links[0]["kind"]
        parents = parents_evidence(ctx, links[:MAX_PARENTS])
        label = KIND_LABELS.get(kind, kind)
        anchor = links[0]["anchor"] or target
        prefix = "" if confirmed else "疑似"
        message = (f"{prefix}{label}链接无法正常访问（{outcomes.describe(reason)}）：“{anchor}”，"
                   f"共有 {len(links)} 个页面链接到它")
        if not confirmed:
            message += f"；抓取期间已重试 {max(page['attempts'] - 1, 0)} 次仍失败"
        return Finding(
            key=target, message=message, url=links[0]["source_url"], target=target, reason=reason,
            confirmed=confirmed,
            evidence={"target": target, "final_url": page["final_url"], "status": page["status"],
                      "reason": reason, "resource_kind": kind, "internal": bool(links[0]["internal"]),
                      "fetched_at": page["fetched_at"], "attempts": page["attempts"],
                      "target_page_id": page["id"], "target_snapshot": page.get("body_hash"),
                      "parent_count": len(links), "parents": parents})


def failed_outcomes(ctx: RunContext) -> dict[str, dict[str, Any]]:
    """The final outcome (a GET decides over a HEAD) of every requested URL that failed at least once.

    Only the pages that failed are read, not every page of the run, so a big run's memory goes to what
    is reported."""
    def load() -> dict[str, dict[str, Any]]:
        failed = ctx.store.db.query("select distinct url from pages where run_id = ? and reason is not null "
                                    "and form is null", [ctx.run_id])
        outcome: dict[str, dict[str, Any]] = {}
        for chunk in chunks([row["url"] for row in failed]):
            for page in ctx.store.pages(ctx.run_id, f"form is null and url in ({','.join('?' * len(chunk))})", chunk):
                current = outcome.get(page["url"])
                if current is None or (current["method"] == "HEAD" and page["method"] == "GET"):
                    outcome[page["url"]] = page
        return outcome

    return ctx.memo("failed_outcomes", load)


def broken_targets(ctx: RunContext) -> dict[str, dict[str, Any]]:
    return {url: page for url, page in failed_outcomes(ctx).items() if outcomes.is_broken(page["reason"])}


def links_to(ctx: RunContext, targets: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The links to these targets, grouped by target, in the order the crawl found them (the index on
    run_id and target_url keeps each target's links in insertion order)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for chunk in chunks(sorted(targets)):
        for link in ctx.links(f"target_url in ({','.join('?' * len(chunk))})", chunk):
            grouped.setdefault(link["target_url"], []).append(link)
    return grouped


def chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def parents_evidence(ctx: RunContext, links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each linking page with its anchor text and its snapshot."""
    sources = sorted({link["source_url"] for link in links})
    pages: dict[str, dict[str, Any]] = {}
    for page in ctx.store.pages(ctx.run_id, f"url in ({','.join('?' * len(sources))})", sources):
        pages.setdefault(page["url"], page)
    return [parent_row(link, pages.get(link["source_url"], {})) for link in links]


def parent_row(link: dict[str, Any], parent: dict[str, Any]) -> dict[str, Any]:
    return {"url": link["source_url"], "anchor": link["anchor"], "page_id": parent.get("id"),
            "snapshot": parent.get("body_hash"), "fetched_at": parent.get("fetched_at")}


def link_counts(ctx: RunContext) -> dict[str, dict[str, dict[str, int]]]:
    """Distinct link targets checked and broken, on the homepage apart from other pages (contract)."""
    homepage = ctx.homepage()
    home_urls = {homepage["url"], homepage["final_url"]} if homepage else set()
    counts = {place: {side: {"checked": 0, "broken": 0} for side in ("internal", "external")}
              for place in ("homepage", "other")}
    requested = {row["url"] for row in ctx.store.db.query(
        "select distinct url from pages where run_id = ? and form is null", [ctx.run_id])}
    failed = failed_outcomes(ctx)
    seen: set[tuple[str, str]] = set()
    for link in ctx.links():
        place = "homepage" if link["source_url"] in home_urls else "other"
        if (place, link["target_url"]) in seen or link["target_url"] not in requested:
            continue
        seen.add((place, link["target_url"]))
        reason = failed[link["target_url"]]["reason"] if link["target_url"] in failed else None
        if reason in outcomes.NOT_FETCHED_REASONS or reason == outcomes.Reason.BLOCKED:
            continue
        bucket = counts[place]["internal" if link["internal"] else "external"]
        bucket["checked"] += 1
        bucket["broken"] += int(outcomes.is_broken(reason))
    return counts
