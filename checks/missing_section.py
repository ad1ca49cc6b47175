"""missing_section: one of the platform's four mandated first-level sections is absent.

Rule: 国办公开办函〔2019〕61号《关于规范政府信息公开平台有关事项的通知》(rules.md §5): the platform's
unified first-level columns are 政府信息公开指南, 政府信息公开制度, 法定主动公开内容 and 政府信息公开年报
("Checker rule: each platform must have all four columns"); the 条例 第十二条 and 第四十九/五十条 require the
指南 and the 年报 themselves (rules.md §2).

Judged only when the crawl found the platform and read its landing page(s), where the sections are
listed. When a landing page, the start page or the homepage could not be read, the missing section may
be on it: withheld (contract "Judgements the checks share").
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.base import SECTIONS, Check, Finding, RunContext

SECTION_LABELS = {"guide": "政府信息公开指南", "rules": "政府信息公开制度", "statutory": "法定主动公开内容",
                  "annual_report": "政府信息公开年报"}
# Pages on which the sections are listed: if any of them could not be read, nothing is judged.
LISTING_ROLES = ("start", "homepage", "landing")


class MissingSection(Check):
    id = "missing_section"
    severity = "deduct"
    rule = ("国办公开办函〔2019〕61号 政府信息公开平台一级栏目"
            "（政府信息公开指南、政府信息公开制度、法定主动公开内容、政府信息公开年报）")
    source = "rules.md §5 (61号), §2 第十二条, 第四十九条"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        stats = ctx.stats
        landings = stats.get("landings") or []
        if not stats.get("platform_found") or not landings:
            return
        if not all(ctx.fetched(ctx.page_at(url)) for url in landings):
            return
        if any(gap.get("role") in LISTING_ROLES for gap in ctx.run.get("not_covered") or []
               if gap.get("reason") != "platform_not_found"):
            return
        found = set(stats.get("sections") or {}) | {c["section"] for c in ctx.columns if c["section"]}
        for key in SECTIONS:
            if key in found:
                continue
            yield Finding(
                key=key, url=landings[0], section=key,
                message=f"政府信息公开平台缺少“{SECTION_LABELS[key]}”一级栏目",
                evidence={"section": key, "expected": SECTION_LABELS[key], "landings": landings,
                          "sections_found": {k: (stats.get("sections") or {}).get(k) for k in sorted(found)}})
