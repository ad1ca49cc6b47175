"""blank_column: a column with nothing in it (空白栏目).

Rule: 全国政府网站普查评分表(2015) 栏目不更新 3 and its official explanation (rules.md §1.4, §1.5):
"网站中的空白栏目（有栏目无内容）"; "没有内容的栏目（即空白栏目）是指网站自栏目开设之日起就没有提供过任何
信息资源". A list column
is blank when its list holds no items at all; a page column (one that shows content rather than a list)
is blank when its page shows (almost) no text of its own and it has no subcolumns (a container of
subcolumns is not blank).

Never for a column that could not be seen: not covered, blocked, a list page that failed, a page never
fetched (contract "Judgements the checks share"). Threshold: `max_page_text` visible characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.base import Check, Finding, RunContext


def blank_columns(ctx: RunContext, max_page_text: int) -> list[dict[str, Any]]:
    """The run's blank columns (see module doc), each with the evidence a finding shows."""
    found = []
    for column in ctx.columns:
        if ctx.column_withheld(column) or ctx.column_alias(column):
            continue
        if column["kind"] == "list":
            blank = column["item_count"] == 0 and not column["items"]
        else:
            blank = not column["subcolumns"] and (column["text_length"] or 0) <= max_page_text
        if blank:
            found.append({"column": column["name"], "column_path": column["path"], "url": column["url"],
                          "kind": column["kind"], "items": column["item_count"],
                          "list_pages": column["list_pages"], "text_length": column["text_length"],
                          "subcolumns": column["subcolumns"], "section": column["section"],
                          "in_platform": bool(column["in_platform"])})
    return found


class BlankColumn(Check):
    id = "blank_column"
    severity = "deduct"
    rule = "全国政府网站普查评分表(2015) 栏目不更新：空白栏目（有栏目无内容）"
    source = "rules.md §1.4 栏目不更新 3, §1.5 空白栏目"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        for blank in blank_columns(ctx, self.options["max_page_text"]):
            if blank["kind"] == "list":
                message = f"栏目“{blank['column']}”为空白栏目：列表中没有任何信息"
            else:
                message = (f"栏目“{blank['column']}”为空白栏目：页面没有内容"
                           f"（正文 {blank['text_length'] or 0} 字）")
            yield Finding(key=blank["url"], url=blank["url"], column=blank["column"],
                          column_path=blank["column_path"], section=blank["section"], message=message,
                          evidence=blank)
