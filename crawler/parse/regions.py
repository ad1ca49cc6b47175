"""Which region of its page each link sits in: header, main navigation, body, sidebar, footer, link list.

Scope depends on it: a site names its own disclosure platform in its header or main navigation, while
its footer and its 友情链接 blocks name other governments' sites, often with the same words
(市政府信息公开). Templates mark regions with HTML5 tags (`nav`, `header`, `footer`, `aside`) or, far more
often, with class and id names (`nav`, `top`, `footer`, `yqlj`, `left-nav` …); a 友情链接 block is also
known by its heading (友情链接, 相关链接, 政府网站, 部门网站 …).

A region holds everything inside it, except where a narrower one starts: the header's navigation is
`nav`, a footer's or sidebar's 友情链接 block is a link list, a navigation menu inside the content is a
sidebar. Class names that could be a box's own heading (`news-head`, `box-top`) do not make a header:
only whole names do (`head`, `top`, `header-wrap`), and no header starts inside the content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from crawler.parse.text import squash
from crawler.parse.types import Region

LINK_TAGS = frozenset({"a", "area", "img", "iframe", "frame"})
_TAG_REGIONS = {"nav": Region.NAV, "header": Region.HEADER, "footer": Region.FOOTER, "aside": Region.SIDEBAR,
                "main": Region.BODY, "article": Region.BODY}
_SUFFIX = r"(?:[-_]?(?:wrap|wrapper|box|bar|con|cont|inner|container|main|bg|area|outer|\d+))?"
# Whole class/id names, most specific region first.
_NAME_PATTERNS: tuple[tuple[Region, re.Pattern[str]], ...] = (
    (Region.LINK_LIST, re.compile(
        r"(?:^|[-_])(?:yqlj|xglj|wzlj|lj|friend|friends|friendlink|friendlinks|flink|flinks|links?|linklist|"
        r"link-list|yqlink|wzq)(?:$|[-_]|\d)")),
    (Region.FOOTER, re.compile(
        r"(?:^|[-_])(?:footer|foot|bottom|copyright|dibu)(?:$|[-_]|\d)")),
    (Region.SIDEBAR, re.compile(
        r"^(?:sidebar|side|aside|left|leftnav|left-nav|left_nav|lnav|subnav|sub-nav|sub_nav|sidenav|side-nav|"
        r"leftmenu|left-menu|left_menu|leftside|left-side|leftbox|left-box|zlm)" + _SUFFIX + "$")),
    (Region.NAV, re.compile(
        r"^(?:[a-z]+[-_])?(?:nav|navbar|navs|navigation|menu|menus|mainnav|topnav|gnav|sitenav|daohang|dh)"
        + _SUFFIX + "$")),
    (Region.HEADER, re.compile(
        r"^(?:g-|site-|page-)?(?:header|head|top|topbar|top-bar|banner|headbox|toubu)" + _SUFFIX + "$")),
    (Region.BODY, re.compile(r"^(?:main|content|contents|article)" + _SUFFIX + "$")),
)
# Headings of blocks that list other sites: 友情链接, 相关链接, 政府网站, 部门网站, 县区网站群 …
_LINK_LIST_HEADING_RE = re.compile(r"^(?:\S{0,8}(?:链接|网站|网站群|站群|网站导航)|友情网站)$")
_HEADING_PUNCT_RE = re.compile(r"[:：>»›\-—|·•\[\]【】()（）]+")
MAX_LINK_LIST_HEADING = 10
_SHORT_TEXTS = etree.XPath(
    "//body//text()[string-length(normalize-space(.)) > 1 and string-length(normalize-space(.)) <= 16]")


def name_region(el: etree._Element) -> Region | None:
    """The region an element's tag or its class/id names say it starts, if any."""
    by_tag = _TAG_REGIONS.get(el.tag)
    if by_tag is not None:
        return by_tag
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()
    if not names:
        return None
    for region, pattern in _NAME_PATTERNS:
        if any(pattern.search(name) for name in names):
            return region
    return None


def refine(outer: Region | None, own: Region | None) -> Region | None:
    """The region of an element inside `outer` that names itself `own` (see module doc)."""
    if own is None or outer == own:
        return outer
    if outer is None:
        return own
    if own == Region.LINK_LIST:
        return Region.LINK_LIST if outer != Region.NAV else outer
    if outer == Region.HEADER:
        return Region.NAV if own == Region.NAV else outer
    if outer == Region.BODY:
        if own in (Region.NAV, Region.SIDEBAR):
            return Region.SIDEBAR
        return Region.FOOTER if own == Region.FOOTER else outer
    return outer  # nav, sidebar, footer and link lists keep what they hold


def link_list_blocks(root: etree._Element) -> set[etree._Element]:
    """Blocks headed 友情链接 (or 相关链接, 政府网站 …): the element the heading starts, holding the links.

    The heading must be the block's first text, so a stray 相关链接 label deep in a page does not make
    the whole page a link list.
    """
    blocks: set[etree._Element] = set()
    for text in _SHORT_TEXTS(root):
        label = _HEADING_PUNCT_RE.sub("", squash(text))
        if not label or len(label) > MAX_LINK_LIST_HEADING or not _LINK_LIST_HEADING_RE.match(label):
            continue
        holder = text.getparent()
        if holder is None:
            continue
        heading_link = holder if holder.tag == "a" else None
        start = holder.getparent() if text.is_tail or heading_link is not None else holder
        block = _block_headed_by(start, squash(text), heading_link)
        if block is not None:
            blocks.add(block)
    return blocks


def _block_headed_by(node: etree._Element | None, heading: str,
                     heading_link: etree._Element | None) -> etree._Element | None:
    """The nearest element (up to three levels above the heading) whose first text is the heading and
    which holds links besides the heading's own."""
    for _ in range(4):
        if node is None or node.tag in ("body", "html"):
            return None
        if squash(next((t for t in node.itertext() if t.strip()), "")) != heading:
            return None
        if any(a is not heading_link for a in node.iter("a")):
            return node
        node = node.getparent()
    return None


def tagged_links(root: etree._Element) -> Iterator[tuple[etree._Element, Region]]:
    """Every link-bearing element (a, area, img, iframe, frame) in document order, with its region."""
    lists = link_list_blocks(root)
    stack: list[tuple[etree._Element, Region | None]] = [(root, None)]
    while stack:
        el, outer = stack.pop()
        if not isinstance(el.tag, str):
            continue
        region = refine(outer, Region.LINK_LIST if el in lists else name_region(el))
        if el.tag in LINK_TAGS:
            yield el, region or Region.BODY
        stack.extend((child, region) for child in reversed(el))
