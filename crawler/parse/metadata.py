"""Document metadata: the national meta tags and the 信息公开 metadata block shown on the page.

`missing_metadata` needs to know what a reader actually sees: 索引号, 发布机构, 成文日期, 发布日期, 文号 …
Sites lay the block out as `<table><tr><td>label</td><td>value</td>` (sometimes two pairs per row),
`<p><strong>label</strong>：value</p>`, `<li><span>label：</span>value</li>` or `<dl><dt>/<dd>`, and pad
labels with spaces, `&ensp;`, `&nbsp;` or spans (`分<span>&ensp;</span>类`). Fields left inside HTML
comments or inside scripts that never run are not displayed, so they are missing (realpages #4, #6): the
DOM walk below never reads comment or script text. Search forms reuse the same labels next to inputs;
those are not values.
"""

from __future__ import annotations

import re

from lxml import etree
from parsel import Selector

from crawler.parse.dates import parse_date
from crawler.parse.text import HIDDEN_TAGS, collapse, squash
from crawler.parse.text import element_text as _text

# National-standard meta names (政府网站发展指引) and common CMS extras, in canonical case.
META_NAMES = (
    "SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "ColumnDescription", "ColumnKeywords",
    "ArticleTitle", "PubDate", "ContentSource", "Keywords", "Description", "Url", "Author", "Generator",
    "Maketime", "ChnlId", "ChannelId", "Others", "Catalog", "FirstImg", "Image",
)
_META_CANON = {name.lower(): name for name in META_NAMES}

# Canonical key → labels as displayed once whitespace is removed.
LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号", "索取号", "信息索引号"),
    "publisher": ("发布机构", "发文机关", "发文单位", "所属机构", "发布单位", "发文机构", "公开机构",
                  "制发机关", "发布部门"),
    "written_date": ("成文日期", "发文日期", "制发日期", "印发日期", "成文时间"),
    "pub_date": ("发布日期", "生成日期", "发布时间", "公开日期", "公开时间"),
    "doc_no": ("发文字号", "文号", "发布文号", "文件编号"),
    "validity": ("有效性", "效力状态", "时效性"),
    "topic": ("主题分类", "分类", "信息分类", "所属主题", "组配分类"),
    "title": ("文件名称", "信息名称", "名称", "标题"),
}
# 信息来源 names the 机构 on many article pages; it fills `publisher` only when nothing better is shown
# and the value is an organ (局, 委员会, 人民政府 …), not a newspaper.
_FALLBACK_KEY = "publisher_fallback"
_LABEL_TO_KEY = {label: key for key, labels in LABELS.items() for label in labels}
_LABEL_TO_KEY["信息来源"] = _FALLBACK_KEY
_LABELS_BY_LENGTH = sorted(_LABEL_TO_KEY, key=len, reverse=True)
_LABEL_PREFIXES = frozenset(label[:i] for label in _LABEL_TO_KEY for i in range(1, len(label)))
_FIRST_CHARS = frozenset(label[0] for label in _LABEL_TO_KEY)

# 索引号 formats of rules.md §7.1: {统一社会信用代码 | 组织机构代码[-x] | 区划码 | MB…}/{YYYY[MM]}-{serial}.
INDEX_NO_RE = re.compile(r"^[0-9A-Z]{6,18}(?:-[0-9A-Z])?/\d{4}(?:\d{2})?-\d{4,6}$")

_COLONS = ":：﹕"
_SKIP_TAGS = HIDDEN_TAGS | {"option", "select", "textarea", "button", "a", "title", "label"}
_CELL_TAGS = {"td", "th"}
_CONTROL_TAGS = ("input", "select", "textarea", "button")
_STOP_CLIMB = {"body", "html", "table", "tbody", "thead", "tr", "ul", "ol", "dl"}
MAX_LABEL_CONTAINER = 30
MAX_VALUE = 300
_MAX_LENGTH = {"index_no": 60, "publisher": 60, _FALLBACK_KEY: 40, "doc_no": 60, "validity": 20,
               "topic": 100, "written_date": 40, "pub_date": 40}
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_ORGAN_RE = re.compile(
    r"(局|厅|委|委员会|政府|办公室|办公厅|办|部|院|中心|所|处|科|站|队|会|署|街道|镇|乡|馆|室|组|司|府|庭)$"
)
_SPACED = r"[\s\u00a0\u2000-\u200b\u3000]*"
_LABEL_ALTERNATION = "|".join(_SPACED.join(map(re.escape, label)) for label in _LABELS_BY_LENGTH)
_LABEL_START_RE = re.compile("|".join(map(re.escape, _LABELS_BY_LENGTH)))
_INLINE_RE = re.compile(rf"{_SPACED}(?P<label>{_LABEL_ALTERNATION}){_SPACED}[:：﹕]{_SPACED}")
# Where an inline value ends: the next field (`发布时间：2024-01-01 来源：…`).
_INLINE_CUT_RE = re.compile(
    rf"(?:{_LABEL_ALTERNATION}|来源|作者|浏览次数|点击数|阅读次数|访问量|字号){_SPACED}[:：﹕]"
    r"|\s{2,}\S{1,8}[:：]|【"
)
_TEXT_NODES = etree.XPath("//body//text()")
_LEADING_SPACE = " \t\r\n\u00a0\u2002\u2003\u2009\u3000\ufeff"


def extract_meta_tags(sel: Selector) -> dict[str, str]:
    """National meta tags by canonical name (matched case-insensitively); the first of each wins.

    A tag present with empty content is kept as "" (an empty SiteIDCode is itself worth reporting).
    """
    found: dict[str, str] = {}
    for el in sel.root.iter("meta"):
        canon = _META_CANON.get((el.get("name") or "").strip().lower())
        if canon and canon not in found:
            found[canon] = collapse(el.get("content"))
    return found


def _label_key(text: str) -> str | None:
    """The canonical key when the text is exactly a label (colon optional)."""
    return _LABEL_TO_KEY.get(squash(text).rstrip(_COLONS))


def _inline_label(text: str) -> tuple[str, str] | None:
    """(key, value) for `label：value` written in one text node."""
    m = _INLINE_RE.match(text)
    if not m:
        return None
    value = text[m.end():]
    cut = _INLINE_CUT_RE.search(value)
    return _LABEL_TO_KEY[squash(m.group("label"))], collapse(value[: cut.start()] if cut else value)


def _has_control(el: etree._Element) -> bool:
    """True for form controls (and elements holding one): search forms reuse metadata labels."""
    return el.tag in _CONTROL_TAGS or next(el.iter(*_CONTROL_TAGS), None) is not None


def _next_element(el: etree._Element) -> etree._Element | None:
    nxt = el.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    return nxt


def _value_after(label_el: etree._Element) -> str:
    """The value displayed after a label element: the next cell / dd, or the text following it inline."""
    if label_el.tag in _CELL_TAGS or label_el.tag == "dt":
        nxt = _next_element(label_el)
        return "" if nxt is None or _has_control(nxt) else collapse(_text(nxt))
    parts = [label_el.tail or ""]
    sibling = label_el.getnext()
    while sibling is not None:
        if isinstance(sibling.tag, str) and sibling.tag not in HIDDEN_TAGS:
            if _has_control(sibling):
                return ""  # a search form's field, not a displayed value
            sibling_text = _text(sibling)
            if sibling.tag == "br" or _label_key(sibling_text) or _inline_label(sibling_text):
                break
            parts.append(sibling_text)
        parts.append(sibling.tail or "")
        sibling = sibling.getnext()
    return collapse("".join(parts)).lstrip(_COLONS).strip()


def _label_element(text_node: etree._ElementUnicodeResult) -> etree._Element | None:
    """The outermost element whose displayed text is just the label this text node starts."""
    el = text_node.getparent()
    if not text_node.is_text or el is None or not _label_key(_text(el)):
        return None
    while True:
        parent = el.getparent()
        if parent is None or parent.tag in _STOP_CLIMB:
            return el
        parent_text = _text(parent)
        if len(squash(parent_text)) > MAX_LABEL_CONTAINER or not _label_key(parent_text):
            return el
        el = parent


def _candidates(root: etree._Element) -> list[etree._ElementUnicodeResult]:
    """Text nodes that are (or start) a label, in document order.

    A first-character test keeps this cheap on 400 KB pages; the label itself is checked after.
    """
    found = []
    for node in _TEXT_NODES(root):
        stripped = node.lstrip(_LEADING_SPACE)
        if not stripped or stripped[0] not in _FIRST_CHARS or len(stripped) > 400:
            continue
        head = squash(stripped[:40])[:12]
        if head in _LABEL_PREFIXES or _LABEL_START_RE.match(head):
            found.append(node)
    return found


def _pair(node: etree._ElementUnicodeResult) -> tuple[str, str] | None:
    parent = node.getparent()
    if parent is None or parent.tag in _SKIP_TAGS:
        return None
    if not node.is_text:
        parent = parent.getparent()  # a tail belongs to the element before it
        if parent is None or parent.tag in _SKIP_TAGS:
            return None
    if any(a.tag in ("form", "select", "script", "style") for a in parent.iterancestors()):
        return None
    label_el = _label_element(node)
    if label_el is not None:
        key = _label_key(_text(label_el))
        return (key, _value_after(label_el)) if key else None
    return _inline_label(str(node))


def _plausible(key: str, value: str) -> bool:
    """Values that fit their field; a label's neighbour in a filter bar or a layout table does not."""
    if not value or len(value) > _MAX_LENGTH.get(key, MAX_VALUE) or _label_key(value):
        return False
    if key in ("written_date", "pub_date"):
        return parse_date(value) is not None
    if key == "index_no":
        return len(re.findall(r"\d", value)) >= 4
    if key == "publisher":
        return bool(_CJK_RE.search(value))
    if key == _FALLBACK_KEY:
        return bool(_ORGAN_RE.search(value))
    return True


def extract_disclosure_metadata(sel: Selector) -> dict[str, str]:
    """The displayed metadata block as canonical keys → values (see module doc); the first of each wins."""
    found: dict[str, str] = {}
    for node in _candidates(sel.root):
        pair = _pair(node)
        if pair and pair[0] not in found and _plausible(*pair):
            found[pair[0]] = pair[1]
    fallback = found.pop(_FALLBACK_KEY, None)
    if fallback and "publisher" not in found:
        found["publisher"] = fallback
    return found


def is_valid_index_no(s: str | None) -> bool:
    """True when `s` has one of the 索引号 formats of rules.md §7.1."""
    return bool(s) and bool(INDEX_NO_RE.match(squash(s)))
