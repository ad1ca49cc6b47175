"""`parse_page`: everything the crawl and the checks need from one HTML page, in one pass.

The spider stores what this returns and the checks never parse HTML again, so it gathers: the title,
every link with its kind (page, attachment, image; documents that only a list's script data holds are
links of the page too, as a browser would show them) and the region it sits in (header, navigation,
body, sidebar, footer, 友情链接), the national meta tags, the 信息公开 metadata block,
the best publish date and where it came from, the length of the main text (a blank content area must
read as ~0 even when the site chrome around it is full of text), the list (`crawler.parse.lists`),
the CMS, any meta-refresh target and, when asked, its column boxes. Script, style, noscript and template elements are dropped from the
tree first: their text is never displayed, and lists hidden in them are read from the raw text by the
adapters that know them.
"""

from __future__ import annotations

import re
from datetime import date

from lxml import etree
from parsel import Selector

from crawler.parse.boxes import find_boxes
from crawler.parse.dates import date_from_url, parse_date
from crawler.parse.lists import extract_list
from crawler.parse.lists._common import absolute, base_url, looks_like_json, usable_href
from crawler.parse.metadata import extract_disclosure_metadata, extract_meta_tags
from crawler.parse.platform import detect_platform
from crawler.parse.regions import tagged_links
from crawler.parse.text import HIDDEN_TAGS, collapse, element_text
from crawler.parse.types import ATTACHMENT, IMAGE, PAGE, SITE_FRAME, Link, ListResult, ParsedPage

ATTACHMENT_EXTENSIONS = frozenset({
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "dps", "zip", "rar", "7z", "txt", "csv",
    "ofd", "tif", "tiff", "xml", "ceb", "caj",
})
IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "bmp", "webp", "svg", "ico"})
_DOWNLOAD_RE = re.compile(
    r"/module/download/|(?:down(?:load)?file|filedown(?:load)?|download|getfile|attachment)\w*"
    r"\.(?:jsp|do|action|aspx?|php|ashx)\b",
    re.I,
)

# Main content containers, most specific first (TRS, Kaipuyun/gov.cn, Hanweb and generic templates).
MAIN_CONTAINERS = (
    ("class", "TRS_Editor"), ("class", "TRS_UEDITOR"), ("id", "UCAP-CONTENT"), ("id", "zoom"), ("id", "Zoom"),
    ("class", "zoom"), ("class", "article-content"), ("class", "article"), ("id", "article"),
    ("class", "content"), ("id", "content"), ("class", "main"), ("id", "main"),
)
_MAIN_RANK = {(attr, name): rank for rank, (attr, name) in enumerate(MAIN_CONTAINERS)}
_WITH_CLASS_OR_ID = etree.XPath("//body//*[@class or @id]")
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
_CHROME_RE = re.compile(
    r"(?:^|[\s_-])(nav|navbar|menu|header|head|top|topbar|footer|foot|bottom|breadcrumb|crumb|position|"
    r"location|dqwz|copyright|banner|sidebar|links|yqlj)(?:[\s_-]|\d|$)",
    re.I,
)
_DATE_LINE_RE = re.compile(r"(?:发布|发表|更新|公开)?(?:日期|时间)\s*[:：]\s*")
_REFRESH_URL_RE = re.compile(r"url\s*=\s*['\"]?\s*([^'\"\s;>]+)", re.I)
_PARSER = etree.HTMLParser(encoding="utf-8", huge_tree=True, remove_blank_text=False)


def parse_html(text: str) -> etree._Element:
    """An lxml tree of the page (empty `<html>` for an empty body), hidden elements removed."""
    body = (text or "").replace("\x00", "").encode("utf-8", "surrogatepass")
    root = etree.fromstring(body, _PARSER) if body.strip() else None
    if root is None:
        root = etree.fromstring(b"<html></html>", _PARSER)
    etree.strip_elements(root, *HIDDEN_TAGS, with_tail=False)
    return root


def page_title(root: etree._Element, meta: dict[str, str]) -> str:
    """`<title>`, else the ArticleTitle meta tag."""
    el = root.find(".//head/title")
    if el is None:
        el = root.find(".//title")
    title = collapse(element_text(el)) if el is not None else ""
    return title or meta.get("ArticleTitle", "")


def link_kind(url: str, tag: str) -> str:
    """IMAGE for pictures, ATTACHMENT for documents and download endpoints, else PAGE."""
    if tag == "img":
        return IMAGE
    low = url.lower()
    name = low.split("?", 1)[0].rsplit("/", 1)[-1]
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    if ext in IMAGE_EXTENSIONS:
        return IMAGE
    if ext in ATTACHMENT_EXTENSIONS:
        return ATTACHMENT
    maybe_download = "down" in low or "/module/" in low or "attach" in low or "getfile" in low
    if maybe_download and _DOWNLOAD_RE.search(url):
        return ATTACHMENT
    return PAGE


def _anchor_text(el: etree._Element) -> str:
    if el.tag == "img":
        return collapse(el.get("alt") or el.get("title"))
    text = collapse(element_text(el)) if el.tag == "a" else ""
    if text:
        return text
    img = next(el.iter("img"), None) if el.tag == "a" else None
    return collapse(el.get("title") or (img is not None and (img.get("alt") or img.get("title"))) or "")


def extract_links(root: etree._Element, base: str) -> list[Link]:
    """Every link, image and frame target on the page, absolute and without fragment, deduplicated, each
    with the region of the page it sits in (crawler/parse/regions.py)."""
    links: list[Link] = []
    seen: dict[tuple[str, str, str], Link] = {}
    for el, region in tagged_links(root):
        raw = el.get("href") if el.tag in ("a", "area") else el.get("src")
        if not usable_href(raw):
            continue
        url = absolute(base, raw)
        if not url.startswith(("http://", "https://")):
            continue
        link = Link(url=url, anchor=_anchor_text(el), kind=link_kind(url, el.tag), nav_parent=_nav_parent(el, base),
                    region=region)
        key = (link.url, link.kind, link.anchor)
        if key not in seen:
            seen[key] = link
            links.append(link)
        elif region in SITE_FRAME and seen[key].region not in SITE_FRAME:  # in a box and in the menu too
            seen[key].region = region
    return links


def _nav_parent(el: etree._Element, base: str) -> str | None:
    """The menu item a link is nested under: the first link of the enclosing `li`'s parent `li`.

    Left navigation nests a section's columns under it (法定主动公开内容 > 政策解读) even where the URLs
    are flat (Hanweb /col/colNNN/), so this is how the column tree learns nesting the URLs do not show.
    """
    if el.tag != "a":
        return None
    items = [a for a in el.iterancestors("li")]
    if len(items) < 2:
        return None
    own = [a for a in items[1].iter("a") if next(a.iterancestors("li"), None) is items[1]]
    head = next((a for a in own if usable_href(a.get("href"))), None)
    return absolute(base, head.get("href")) if head is not None else None


def with_list_links(links: list[Link], listing: ListResult | None) -> list[Link]:
    """The page's links plus its list's documents that only script data holds (Hanweb `<datastore>`
    records, jpaas `articleList`): a browser shows them as links of this page."""
    if listing is None or not listing.items:
        return links
    known = {link.url for link in links}
    extra = [Link(url=item.url, anchor=item.title, kind=link_kind(item.url, "a"))
             for item in listing.items if item.url not in known]
    return links + list({link.url: link for link in extra}.values())


def _visible_length(el: etree._Element) -> int:
    return sum(map(len, element_text(el).split()))


def _outermost(elements: list[etree._Element]) -> list[etree._Element]:
    """Those not inside another of the list (an ancestor's text includes its descendants')."""
    ids = {id(el) for el in elements}
    return [el for el in elements if not any(id(a) in ids for a in el.iterancestors())]


def _is_chrome(el: etree._Element) -> bool:
    if el.tag in _CHROME_TAGS:
        return True
    ident = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(ident.strip()) and bool(_CHROME_RE.search(ident))


def _main_containers(marked: list[etree._Element]) -> list[etree._Element]:
    """The elements of the most specific content-container kind present on the page."""
    none = len(MAIN_CONTAINERS)
    best_rank, best = none, []
    for el in marked:
        ranks = [_MAIN_RANK.get(("class", token), none) for token in (el.get("class") or "").split()]
        ranks.append(_MAIN_RANK.get(("id", el.get("id")), none))
        rank = min(ranks)
        if rank < best_rank:
            best_rank, best = rank, [el]
        elif rank == best_rank and best:
            best.append(el)
    return best


def main_text_length(root: etree._Element) -> int:
    """Characters (whitespace excluded) of the main content: the first recognised content container,
    else the body without navigation, header, footer and similar chrome."""
    marked = _WITH_CLASS_OR_ID(root)
    containers = _main_containers(marked)
    if containers:
        return max(_visible_length(el) for el in _outermost(containers))
    body = root.find("body")
    if body is None:
        return _visible_length(root)
    chrome = [el for el in marked if _is_chrome(el)] + list(body.iter(*_CHROME_TAGS))
    total = _visible_length(body) - sum(_visible_length(el) for el in _outermost(chrome))
    return max(total, 0)


def best_pub_date(url: str, root: etree._Element, meta: dict[str, str], metadata: dict[str, str],
                  is_list: bool = False) -> tuple[date | None, str | None]:
    """The publish date and its source: metadata block, PubDate meta, a visible 发布日期 line, the URL.

    On a list page a 发布时间 line belongs to one of its rows, not to the page, so it is not used.
    """
    for value, source in ((metadata.get("pub_date"), "metadata"), (meta.get("PubDate"), "meta")):
        found = parse_date(value)
        if found:
            return found, source
    body = root.find("body")
    text = element_text(body) if body is not None and not is_list else ""
    for m in _DATE_LINE_RE.finditer(text):
        found = parse_date(text[m.end():m.end() + 40])
        if found:
            return found, "text"
    found = date_from_url(url)
    return (found, "url") if found else (None, None)


def meta_refresh_target(root: etree._Element, base: str) -> str | None:
    """Absolute target of `<meta http-equiv="refresh" content="0;url=…">`, if the page has one."""
    for el in root.iter("meta"):
        if (el.get("http-equiv") or "").strip().lower() == "refresh":
            m = _REFRESH_URL_RE.search(el.get("content") or "")
            if m:
                return absolute(base, m.group(1))
    return None


def _data_page(url: str, text: str) -> ParsedPage:
    """A JSON body (a list feed or search API answer): only its list matters."""
    sel = Selector(root=etree.fromstring(b"<html></html>", _PARSER))
    return ParsedPage(title="", links=[], meta={}, metadata={}, pub_date=None, pub_date_source=None,
                      text_length=0, list=extract_list(url, text, sel), platform=detect_platform("", url))


def parse_page(url: str, text: str, expect_list: bool = False, *, boxes: bool = False) -> ParsedPage:
    """Parse one decoded page (see module doc).

    :param expect_list: the crawl reached the page as a column or list page (a list of one is a list).
    :param boxes: also the columns the page shows in boxes and tab groups (crawler/parse/boxes.py:
        homepages, landing pages, a platform's column pages).
    """
    if looks_like_json(text):
        return _data_page(url, text)
    root = parse_html(text)
    sel = Selector(root=root)
    base = base_url(sel, url)
    meta = extract_meta_tags(sel)
    metadata = extract_disclosure_metadata(sel)
    listing = extract_list(url, text, sel, expect_list)
    is_list = listing is not None and len(listing.items) >= (1 if expect_list else 2)
    pub_date, pub_source = best_pub_date(url, root, meta, metadata, is_list)
    return ParsedPage(
        title=page_title(root, meta),
        links=with_list_links(extract_links(root, base), listing),
        meta=meta,
        metadata=metadata,
        pub_date=pub_date,
        pub_date_source=pub_source,
        text_length=main_text_length(root),
        list=listing,
        platform=detect_platform(text, url),
        meta_refresh=meta_refresh_target(root, base),
        boxes=find_boxes(root, base) if boxes else [],
    )
