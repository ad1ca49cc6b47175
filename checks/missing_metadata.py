"""missing_metadata: a 法定主动公开 document page without the metadata a reader must see.

Rule: 《政府信息公开条例》第十二条 政府信息公开目录 ("索引、名称、内容概述、生成日期") and the metadata block
the national platforms show on every disclosed document (rules.md §7.1: 索引号 · 发布机构 · 成文日期 ·
文号 · 发布日期 · 有效性); 有效性 for 规范性文件 follows 《政府网站发展指引》(国办发〔2017〕47号) 文件资料:
"如相关文件资料发生修改、
废止、失效等情况，应及时公开，并在已发布的原文件上作出明确标注" (rules.md §4).

For every fetched document listed by a column of the 法定主动公开内容 section: 索引号 (present and in one of
the §7.1 formats), 发布机构, 发布日期, 成文日期 and 文号 must be shown; 有效性 too in 规范性文件 columns. A
文号 label shown with no number ("文号：" or "无") is a document without a number, not a missing field.
The publish date counts as shown when the page displays one, labelled or not. Fields inside HTML
comments or dead scripts are not shown (crawler/parse/metadata.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checks.base import Check, Finding, RunContext
from checks.page_text import node_text, selector, squash
from crawler.parse.metadata import LABELS, is_valid_index_no

FIELD_LABELS = {"index_no": "索引号", "publisher": "发布机构", "pub_date": "发布日期",
                "written_date": "成文日期", "doc_no": "文号", "validity": "有效性"}
NORMATIVE_RE = re.compile(r"规范性文件")
DOC_NO_LABEL_RE = re.compile("(" + "|".join(map(re.escape, LABELS["doc_no"])) + ")[:：]?")


class MissingMetadata(Check):
    id = "missing_metadata"
    severity = "warn"
    rule = ("《政府信息公开条例》第十二条 政府信息公开目录；"
            "政府信息公开平台元数据（索引号、发布机构、成文日期、文号、发布日期、有效性）")
    source = "rules.md §2 第十二条, §4 文件资料 (有效性), §7.1 metadata and 索引号 formats"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        seen: set[str] = set()
        for column in ctx.columns_in("statutory"):
            normative = bool(NORMATIVE_RE.search(f"{column['path']}>{column['name']}"))
            for item in column["items"]:
                page = ctx.page_at(item["url"])
                if item["url"] in seen or not self.is_document(ctx, page):
                    continue
                seen.add(item["url"])
                missing, invalid = self.problems(ctx, page, normative)
                if missing or invalid:
                    yield self.finding(column, item, page, missing, invalid)

    @staticmethod
    def is_document(ctx: RunContext, page: dict[str, Any] | None) -> bool:
        if not ctx.fetched(page) or page["role"] not in ("document", "page"):
            return False
        ctype = (page.get("content_type") or "text/html").lower()
        return "html" in ctype and bool(page.get("body_hash"))

    def problems(self, ctx: RunContext, page: dict[str, Any],
                 normative: bool) -> tuple[list[str], list[dict]]:
        metadata = page.get("metadata") if isinstance(page.get("metadata"), dict) else {}
        required = list(self.options["required"])
        if normative and self.options["validity_for_normative"]:
            required.append("validity")
        missing, invalid = [], []
        for key in required:
            value = (metadata.get(key) or "").strip()
            if value:
                if key == "index_no" and not is_valid_index_no(value):
                    invalid.append({"field": FIELD_LABELS[key], "value": value})
                continue
            if key == "pub_date" and page.get("pub_date") and page.get("pub_date_source") != "url":
                continue  # the page shows its date, without a label
            if key == "doc_no" and self.doc_no_label_shown(ctx, page):
                continue
            missing.append(FIELD_LABELS[key])
        return missing, invalid

    @staticmethod
    def doc_no_label_shown(ctx: RunContext, page: dict[str, Any]) -> bool:
        html = ctx.html(page)
        if not html:
            return False
        body = selector(html).xpath("//body")
        return bool(body) and bool(DOC_NO_LABEL_RE.search(squash(node_text(body[0].root))))

    @staticmethod
    def finding(column: dict[str, Any], item: dict[str, Any], page: dict[str, Any], missing: list[str],
                invalid: list[dict]) -> Finding:
        parts = []
        if missing:
            parts.append("缺少" + "、".join(missing))
        if invalid:
            parts.append("；".join(f"{i['field']}“{i['value']}”格式不规范" for i in invalid))
        title = page.get("title") or item.get("title") or item["url"]
        return Finding(
            key=item["url"], url=item["url"], column=column["name"], column_path=column["path"],
            section="statutory", message=f"信息“{title}”的元数据不完整：" + "；".join(parts),
            evidence={"missing": missing, "invalid": invalid, "metadata": page.get("metadata") or {},
                      "title": title, "page_id": page["id"], "snapshot": page.get("body_hash")})
