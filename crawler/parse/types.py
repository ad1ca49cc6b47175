"""Plain data passed from the parsers to the spider, the store and the checks.

Every parser returns these types and nothing else, so the spider never reads HTML itself and the
checks never parse pages again: they read what the store kept of these objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

# Link kinds, as the store records them (issue 2: page, attachment, image or external).
PAGE, ATTACHMENT, IMAGE, EXTERNAL = "page", "attachment", "image", "external"


class Region(StrEnum):
    """Where on its page a link sits (crawler/parse/regions.py).

    The site speaks for itself in its header and main navigation; a footer, a 友情链接 block or a list of
    other governments' sites points elsewhere, whatever its links are named.
    """

    HEADER = "header"  # the banner and top bar above the content
    NAV = "nav"  # the main navigation menu
    BODY = "body"  # the content, homepage boxes included
    SIDEBAR = "sidebar"  # a side column beside the content (a platform's left navigation)
    FOOTER = "footer"  # the bottom of the page: copyright, 主办单位, 网站标识码
    LINK_LIST = "link_list"  # 友情链接 and lists of other sites (政府网站, 部门网站 …)


SITE_FRAME = frozenset({Region.HEADER, Region.NAV})  # where a page names the site's own parts


@dataclass
class Link:
    url: str  # absolute, fragment removed
    anchor: str  # visible text (or alt/title for images), whitespace collapsed
    kind: str  # PAGE, ATTACHMENT or IMAGE; the spider turns out-of-scope ones into EXTERNAL
    nav_parent: str | None = None  # in a nested menu (li > ul > li > a): the URL of the item it sits under
    region: Region = Region.BODY


@dataclass
class ListItem:
    title: str
    url: str  # absolute
    date: date | None  # None: the list shows no date for it (counts as not updated, rules.md §1.4)
    date_source: str | None = None  # "list", "url", "json" …


@dataclass
class ColumnBox:
    """A column as a page shows it in a box: a heading, a 更多 link and its newest articles, dated.

    Homepages, landing pages and platform sidebars show columns this way, one box each or several
    behind a row of tabs (crawler/parse/boxes.py).
    """

    name: str  # the heading (or tab) as the site labels it: 通知公告
    url: str  # the column's own page: the box's 更多 link, else the heading's link
    items: list[ListItem]  # the articles the box lists, as shown


@dataclass
class PageRequest:
    """A further page of a list, as the list's own pager or data endpoint would ask for it."""

    url: str
    method: str = "GET"
    # for POST endpoints (Hanweb dataproxy.jsp, Fujian /fjdzapp/search)
    formdata: dict[str, str] | None = None
    note: str = ""  # e.g. "createPageHTML 2/3"


@dataclass
class ListResult:
    # adapter that found the list: "trs", "hanweb_datastore", "hanweb_dataproxy", "jpaas", "fjdz", "html", …
    scheme: str
    items: list[ListItem] = field(default_factory=list)
    more_pages: list[PageRequest] = field(default_factory=list)
    total_records: int | None = None  # as the pager or API says
    total_pages: int | None = None
    needs_render: bool = False  # the list is filled by a script we could not read


@dataclass
class Decoded:
    text: str
    encoding: str  # the codec actually used
    declared: str | None  # what the header/meta claimed, if anything
    mojibake: bool = False  # text still looks double-decoded after our best effort
    repaired: bool = False  # double-decoded runs were found and turned back into what they said


@dataclass
class ParsedPage:
    title: str
    links: list[Link]
    meta: dict[str, str]  # national meta tags: SiteName, ColumnName, PubDate, ArticleTitle …
    # disclosure table, canonical keys: index_no, publisher, pub_date, written_date, doc_no, validity, topic
    metadata: dict[str, str]
    pub_date: date | None  # best publish date: metadata, then PubDate meta, then URL pattern
    pub_date_source: str | None
    text_length: int  # visible main text, in characters (blank-page detection)
    list: ListResult | None  # None when the page holds no list
    platform: str | None  # CMS fingerprint: "trs", "hanweb", "jpaas", "fjdz", "kaipuyun", None
    meta_refresh: str | None = None  # absolute target of <meta http-equiv=refresh>, if any
    boxes: list[ColumnBox] = field(default_factory=list)  # only when asked for (parse_page(boxes=True))
