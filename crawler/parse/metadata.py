"""Document metadata: the national meta tags and the 信息公开 metadata block shown on the page.

`missing_metadata` needs to know what a reader actually sees: 索引号, 发布机构, 成文日期, 发布日期, 文号 …
Sites lay the block out as `<table><tr><td>label</td><td>value</td>` (sometimes two pairs per row),
`<p><strong>label</strong>：value</p>`, `<li><span>label：</span>value</li>` or `<dl><dt>/<dd>`, and pad
labels with spaces, `&ensp;`, `&nbsp;` or spans (`分<span>&ensp;</span>类`). Fields left inside HTML
comments or inside scripts that never run are not displayed, so they are missing (realpages #4, #6): the
DOM walk below never reads comment or script text.
"""

from __future__ import annotations

import re

from lxml import etree
from parsel import Selector

# National-standard meta names (政府网站发展指引) and common CMS extras, in canonical case.
META_NAMES = (
    "SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "ColumnDescription", "ColumnKeywords",
    "ArticleTitle", "PubDate", "ContentSource", "Keywords", "Description", "Url", "Author", "Generator",
    "Maketime", "ChnlId", "ChannelId", "Others", "Catalog", "FirstImg", "Image",
)
_META_CANON = {name.lower(): name for name in META_NAMES}

# Canonical key → labels (whitespace removed). Longer labels are tried first.
LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号", "索取号", "信息索引号"),
    "publisher": ("发布机构", "发文机关", "发文单位", "所属机构", "发布单位", "发文机构", "公开机构", "制发机关",
                  "发布部门"),
    "written_date": ("成文日期", "发文日期", "制发日期", "印发日期", "成文时间"),
    "pub_date": ("发布日期", "生成日期", "发布时间", "公开日期", "公开时间"),
    "doc_no": ("发文字号", "文号", "发布文号", "文件编号"),
    "validity": ("有效性", "效力状态", "时效性"),
    "topic": ("主题分类", "分类", "信息分类", "所属主题", "组配分类"),
    "title": ("文件名称", "信息名称", "名称", "标题"),
}
# 信息来源 names the 机构 on many article pages; it only fills `publisher` when nothing better is shown.
_FALLBACK_LABELS = {"信息来源": "publisher_fallback"}

_LABEL_TO_KEY = {label: key for key, labels in LABELS.items() for label in labels}
_LABEL_TO_KEY.update(_FALLBACK_LABELS)
_LABELS_BY_LENGTH = sorted(_LABEL_TO_KEY, key=len, reverse=True)
_LABEL_PREFIXES = {label[:i] for label in _LABEL_TO_KEY for i in range(1, len(label))}

# 索引号 formats of rules.md §7.1: {统一社会信用代码 | 组织机构代码[-x] | 区划码 | MB…}/{YYYY[MM]}-{serial}.
INDEX_NO_RE = re.compile(r"^[0-9A-Z]{6,18}(?:-[0-9A-Z])?/\d{4}(?:\d{2})?-\d{4,6}$")

_SPACE_RE = re.compile(r"[\s\u00a0\u2000-\u200b\u3000\ufeff]+")
_COLONS = ":：﹕"
_HIDDEN_TAGS = {"script", "style", "noscript", "template"}
_SKIP_TAGS = _HIDDEN_TAGS | {"option", "select", "textarea", "button", "a", "title"}
_CELL_TAGS = {"td", "th"}
MAX_LABEL_CONTAINER = 30
MAX_VALUE = 300
_SPACED = r"[\s\u00a0\u2000-\u200b\u3000]*"


def _spaced(label: str) -> str:
    return _SPACED.join(map(re.escape, label))


_LABEL_ALTERNATION = "|".join(_spaced(label) for label in _LABELS_BY_LENGTH)
_LABEL_START_RE = re.compile("|".join(map(re.escape, _LABELS_BY_LENGTH)))
_INLINE_RE = re.compile(rf"{_SPACED}(?P<label>{_LABEL_ALTERNATION}){_SPACED}[:：﹕]{_SPACED}")
# Text after an inline value that starts another field (`发布时间：2024-01-01 来源：…`).
_INLINE_CUT_RE = re.compile(
    rf"(?:{_LABEL_ALTERNATION}|来源|作者|浏览次数|点击数|阅读次数|访问量|字号){_SPACED}[:：﹕]|\s{{2,}}\S{{1,8}}[:：]|【"
)


def squash(text: str) -> str:
    """Text with every kind of whitespace removed (label comparison)."""
    return _SPACE_RE.sub("", text or "")


def collapse(text: str) -> str:
    """Text with whitespace runs collapsed to one space and trimmed (values)."""
    return _SPACE_RE.sub(" ", text or "").strip()


def extract_meta_tags(sel: Selector) -> dict[str, str]:
    """National meta tags by canonical name (matched case-insensitively); the first of each wins."""
    found: dict[str, str] = {}
    for el in sel.root.iter("meta"):
        name = (el.get("name") or "").strip().lower()
        canon = _META_CANON.get(name)
        if canon and canon not in found:
            found[canon] = collapse(el.get("content") or "")
    return found


def _element_text(el: etree._Element) -> str:
    """Displayed text of an element: comments and script/style content left out."""
    if el.tag in _HIDDEN_TAGS:
        return ""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            parts.append(_element_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _label_key(text: str) -> tuple[str, str] | None:
    """(canonical key, label) when the squashed text is exactly a label, colon optional."""
    core = squash(text).rstrip(_COLONS)
    key = _LABEL_TO_KEY.get(core)
    return (key, core) if key else None


def _inline_label(text: str) -> tuple[str, str] | None:
    """(key, value) for `label：value` written in one text node."""
    m = _INLINE_RE.match(text)
    if not m:
        return None
    value = text[m.end():]
    cut = _INLINE_CUT_RE.search(value)
    if cut:
        value = value[: cut.start()]
    return _LABEL_TO_KEY[squash(m.group("label"))], collapse(value)


def _next_element(el: etree._Element) -> etree._Element | None:
    nxt = el.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    return nxt


def _value_after(label_el: etree._Element) -> str:
    """The value displayed after a label element: next cell / dd, or the text following it inline."""
    if label_el.tag in _CELL_TAGS or label_el.tag == "dt":
        nxt = _next_element(label_el)
        return "" if nxt is None else collapse(_element_text(nxt))
    parts = [label_el.tail or ""]
    sibling = label_el.getnext()
    while sibling is not None:
        if isinstance(sibling.tag, str):
            if sibling.tag in ("script", "style"):
                sibling = sibling.getnext()
                continue
            sibling_text = _element_text(sibling)
            if _label_key(sibling_text) or _inline_label(sibling_text) or sibling.tag == "br":
                break
            parts.append(sibling_text)
        parts.append(sibling.tail or "")
        sibling = sibling.getnext()
    return collapse("".join(parts)).lstrip(_COLONS).strip()


def _label_element(text_node: etree._ElementUnicodeResult) -> etree._Element | None:
    """The outermost element whose displayed text is just the label this text node starts."""
    if not text_node.is_text:
        return None
    el = text_node.getparent()
    if el is None or el.tag in _SKIP_TAGS:
        return None
    if not _label_key(_element_text(el)):
        return None
    while True:
        parent = el.getparent()
        if parent is None or parent.tag in ("body", "html", "table", "tbody", "tr", "ul", "ol", "dl"):
            return el
        if len(squash(_element_text(parent))) > MAX_LABEL_CONTAINER or not _label_key(_element_text(parent)):
            return el
        el = parent


def _candidates(root: etree._Element):
    """Short text nodes that are (or start) a label, in document order."""
    for node in root.xpath("//body//text()[not(ancestor::script)][not(ancestor::style)]"):
        head = squash(node[:40])[:12]
        if head and (head in _LABEL_PREFIXES or _LABEL_START_RE.match(head)):
            yield node


def _pair(node: etree._ElementUnicodeResult) -> tuple[str, str] | None:
    parent = node.getparent()
    if parent is None or parent.tag in _SKIP_TAGS:
        return None
    label_el = _label_element(node)
    if label_el is not None:
        key = _label_key(_element_text(label_el))
        return (key[0], _value_after(label_el)) if key else None
    return _inline_label(str(node))


def extract_disclosure_metadata(sel: Selector) -> dict[str, str]:
    """The metadata block as canonical keys → displayed values (see module doc); the first of each wins."""
    found: dict[str, str] = {}
    for node in _candidates(sel.root):
        pair = _pair(node)
        if not pair:
            continue
        key, value = pair
        if not value or len(value) > MAX_VALUE or _label_key(value):
            continue
        found.setdefault(key, value)
    fallback = found.pop("publisher_fallback", None)
    if fallback and "publisher" not in found and len(fallback) <= 40:
        found["publisher"] = fallback
    return found


def is_valid_index_no(s: str | None) -> bool:
    """True when `s` has one of the 索引号 formats of rules.md §7.1."""
    return bool(s) and bool(INDEX_NO_RE.match(squash(s)))
