"""incomplete_guide: a 政府信息公开指南 missing content the 条例 requires.

Rule: 《政府信息公开条例》(2019) 第十二条 (rules.md §2): "政府信息公开指南包括政府信息的分类、编排体系、
获取方式和政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式等内容"; and
the 收费 terms (信息处理费, 国办函〔2020〕109号): "在政府信息公开指南中载明收费要求和标准" (seed 001,
rules.md §2 信息处理费).

The guide is what the 指南 section shows: a section (or column) that is a list of its guide(s) — one
document, or one per year or per department — is judged on those documents, never on the list page
(whose text is a title and a date); a page column is judged on its own text and on the guide documents
it links (a link naming a 指南). The most complete of them is judged (a platform may list several
guides). Each item is searched in the page's own text, outside
links, so a menu entry such as "收费项目" does not pass for the 收费 terms; the words real guides use
count (公开范围 for 分类, 咨询时间 for 办公时间, 电子邮箱 for 互联网联系方式 …). Withheld when one of the
guide pages could not be read, or when a page's text is in an attachment rather than on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checks.base import Check, Finding, RunContext
from checks.page_text import content_text, squash

# Item → patterns, any of which shows it (matched on the text with whitespace removed).
GUIDE_ITEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("分类", (r"分类", r"类别", r"公开范围", r"公开的?内容", r"主动公开.{0,6}(范围|目录)")),
    ("编排体系", (r"编排", r"排列", r"排序")),
    ("获取方式（主动公开）", (r"主动公开.{0,30}(方式|渠道|途径|形式|查阅|网站|公报)",
                          r"(公开方式|公开渠道|公开途径|获取方式).{0,30}主动公开")),
    ("获取方式（依申请公开）", (r"依申请", r"申请公开", r"提出.{0,6}申请", r"申请获取")),
    ("工作机构名称", (r"(工作|受理|负责|主管|办理|公开)机构", r"机构名称", r"受理(单位|部门)",
                  r"领导小组办公室", r"公开办", r"信息公开.{0,6}(办公室|科|处|股)")),
    ("办公地址", (r"地址", r"办公地点", r"受理地点", r"通[信讯]处")),
    ("办公时间", (r"(办公|工作|受理|咨询|接待|办理|上班)时间", r"周一至周五", r"星期一至星期五")),
    ("联系电话", (r"电话", r"热线", r"\d{3,4}-\d{7,8}")),
    ("传真号码", (r"传真",)),
    ("互联网联系方式", (r"网址", r"邮箱", r"信箱", r"e-?mail", r"电子邮件", r"[\w.-][@＠][\w-]+\.",
                     r"https?://", r"www\.")),
    ("收费", (r"收费", r"信息处理费", r"费用")),
)
GUIDE_RES = tuple((name, [re.compile(p, re.IGNORECASE) for p in patterns]) for name, patterns in GUIDE_ITEMS)


# A document that names a 政府信息公开指南 (not a service's 办事指南 / 服务指南).
GUIDE_TITLE_RE = re.compile(r"指南")
NOT_GUIDE_TITLE_RE = re.compile(r"(办事|服务|操作|申请|使用|填报)指南")


def is_guide_title(title: str | None) -> bool:
    text = squash(title or "")
    return bool(GUIDE_TITLE_RE.search(text)) and ("公开" in text or not NOT_GUIDE_TITLE_RE.search(text))


def missing_items(text: str) -> list[str]:
    """The 第十二条 items (and 收费) the text does not show."""
    flat = squash(text)
    return [name for name, patterns in GUIDE_RES if not any(p.search(flat) for p in patterns)]


class IncompleteGuide(Check):
    id = "incomplete_guide"
    severity = "warn"
    rule = "《政府信息公开条例》第十二条 政府信息公开指南内容（及国办函〔2020〕109号 信息处理费收费标准）"
    source = "rules.md §2 第十二条, 信息处理费; seed 001 (在政府信息公开指南中载明收费要求和标准)"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        judged = []
        for url, page in self.candidates(ctx):
            if page is None and not ctx.truncated:
                continue  # listed but never requested (another site): not this platform's page
            if not ctx.fetched(page):
                return  # a guide page could not be read: it may be the complete one
            html = ctx.html(page)
            if html is None:
                return  # not HTML (a PDF or Word guide): the crawl does not read it
            text = content_text(html)
            if len(text) < self.options["min_text_with_attachment"] and self.has_attachment(ctx, page):
                return  # the guide is in an attachment the crawl does not read
            judged.append((missing_items(text), url, page, len(text)))
        if not judged:
            return
        missing, url, page, length = min(judged, key=lambda j: len(j[0]))
        if not missing:
            return
        guide_columns = ctx.columns_in("guide")
        column = next((c for c in guide_columns if c["url"] == url), guide_columns[0])
        yield Finding(
            key=url, url=url, column=column["name"], column_path=column["path"], section="guide",
            message=f"政府信息公开指南缺少以下内容：{'、'.join(missing)}",
            evidence={"missing": missing, "title": page.get("title"), "text_length": length,
                      "checked": [{"url": u, "missing": m} for m, u, _, _ in judged]})

    @staticmethod
    def candidates(ctx: RunContext) -> list[tuple[str, dict[str, Any] | None]]:
        """(url, page) of the guide documents the section's columns list or link, and of its page
        columns (module doc)."""
        found: dict[str, dict[str, Any] | None] = {}
        columns = ctx.columns_in("guide")
        column_urls = {c["url"] for c in columns}
        for column in columns:
            if column["kind"] == "list" and column["items"]:
                items = [(i["title"], i["url"]) for i in column["items"]]
                named = [(t, u) for t, u in items if is_guide_title(t)]
                docs = [u for _, u in named or items]
            else:
                found.setdefault(column["url"], ctx.page_at(column["url"]))
                page = ctx.page_at(column["url"]) or {}
                docs = [link["target_url"] for link in ctx.links_from(column["url"], page.get("final_url"))
                        if link["kind"] == "page" and is_guide_title(link["anchor"])]
            for url in docs:
                if url not in column_urls:
                    found.setdefault(url, ctx.page_at(url))
        return list(found.items())

    @staticmethod
    def has_attachment(ctx: RunContext, page: dict[str, Any]) -> bool:
        return any(link["kind"] == "attachment" for link in ctx.links_from(page["url"], page["final_url"]))
