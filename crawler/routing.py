"""Routing: which link on a crawled page gets which role, and so which request.

The spider hands every parsed page here with the roles it holds (crawler/pages.py); the router answers
with `Want`s: the pages the crawl wants next and in which role. On the way it records what the links
teach about the platform: its landing pages and sections (scope) and its columns (crawl state).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from crawler.crawlstate import CrawlState
from crawler.pages import PageEntry
from crawler.parse.names import is_platform_link, match_section
from crawler.parse.types import (
    ATTACHMENT,
    EXTERNAL,
    IMAGE,
    PAGE,
    ColumnBox,
    Link,
    ListResult,
    ParsedPage,
    Region,
)
from crawler.roles import BOX_ROLES, COLUMN_ROLES, LIST_ROLES, VERIFY_ONLY_ROLES, Role
from crawler.scope import (
    Scope,
    common_directory,
    directory_of,
    host_key,
    is_column_anchor,
    is_document_url,
    is_homepage_url,
    names_own_host,
)
from crawler.traps import TrapBounds

ENTRY_ROLES = frozenset({Role.START, Role.HOMEPAGE, Role.LANDING})
PLATFORM_PAGE_ROLES = frozenset({Role.LANDING, Role.COLUMN})  # the platform's own pages: its menus speak for it
MENU_REGIONS = frozenset({Region.NAV, Region.SIDEBAR})
INDEX_FILE_RE = re.compile(r"/index\.(s?html?|jsp|php|aspx?)$")


@dataclass(frozen=True)
class Want:
    """A page the crawl wants, and in which role."""

    url: str
    role: Role
    method: str = "GET"
    kind: str = PAGE
    formdata: dict[str, str] | None = None
    anchor: str = ""
    source: str | None = None
    depth: int = 0
    column: str | None = None
    trap: bool = False  # past the trap bounds (crawler/traps.py): not requested, listed as not covered


class Router:
    def __init__(self, scope: Scope, state: CrawlState, start_url: str, verify_external: bool, traps: TrapBounds):
        self.scope = scope
        self.state = state
        self.start_url = start_url
        self.verify_external = verify_external
        self.traps = traps

    # -- roles the response itself decides -------------------------------------------------------
    def settle_roles(self, entry: PageEntry, final_url: str) -> None:
        """Links routed before the platform's bounds were known are crawled as platform pages once they
        are: as columns when the link named one (its anchor was a column label)."""
        if entry.method != "GET" or entry.kind != PAGE or not self.scope.is_platform(final_url):
            return
        if Role.NAV_COLUMN in entry.roles:
            entry.roles.discard(Role.NAV_COLUMN)
            entry.roles.add(Role.COLUMN)
            self.state.column(entry.url).anchors[entry.anchor] += 1
        elif entry.roles == {Role.TARGET}:
            if is_column_anchor(entry.anchor) and not is_document_url(entry.url):
                self.state.column(entry.url).anchors[entry.anchor] += 1
                entry.roles.add(Role.COLUMN)
            else:
                entry.roles.add(Role.PAGE)

    # -- following a parsed page -----------------------------------------------------------------
    def follow(self, url: str, entry: PageEntry, page: ParsedPage) -> Iterator[Want]:
        """What a page with these roles leads to. Columns are known by the URL their links name, even
        when a redirect ends elsewhere, so `url` is the requested URL."""
        roles = entry.roles
        if Role.START in roles and entry.final_url and not self.scope.is_site(entry.final_url):
            self.scope.add_site(entry.final_url)  # the start URL the site was given answers from this host
        if roles & ENTRY_ROLES:
            yield from self.find_platform(url, roles, page)
        if roles & BOX_ROLES:
            yield from self.box_wants(url, page.boxes, entry.depth)
        # A column's own list is the column's, even when another column's list links it as a document.
        column_url = url if roles & COLUMN_ROLES else entry.column
        if roles & COLUMN_ROLES:
            col = self.state.column(url, in_platform=Role.COLUMN in roles)
            col.in_platform = col.in_platform or Role.COLUMN in roles  # a nav link that proved to be in it
            col.fetched = True
            col.meta_name = page.meta.get("ColumnName", "")
            col.title = page.title
            col.text_length = page.text_length
        listed: set[str] = set()
        undated: set[str] = set()
        own_links: set[tuple[str, str]] = set()
        list_roles = roles & LIST_ROLES
        if page.list is not None and column_url and list_roles:
            walks = list_roles != {Role.NAV_COLUMN}  # outside the platform: the newest item is enough
            self.state.column(column_url, in_platform=walks).add_list(url, page.list)
            if walks:
                self.traps.list_page_seen(column_url, list_page_key(url, entry.formdata))
                yield from self.list_wants(page.list, column_url, url, entry.depth)
                listed = {i.url for i in page.list.items} | {m.url for m in page.list.more_pages}
                own_links = {(i.url, i.title) for i in page.list.items}
                undated = {i.url for i in page.list.items if i.date is None}
        for link in page.links:
            if (link.url, link.anchor) in own_links:
                continue  # the list's own link to its item: requested as a document above
            want = self.route(link, url, roles, entry.depth)
            # The list's items and further pages are requested as such (a pager cut as a trap must not be
            # followed as a plain page). Another link naming an undated item as a column (the menu beside
            # a list of sub-columns) makes it a column as well; a dated row is a document.
            if want is not None and (want.url not in listed or (want.role is Role.COLUMN and want.url in undated)):
                yield self.bounded(want)

    def follow_list_data(self, page_key: str, entry: PageEntry, result: ListResult | None) -> Iterator[Want]:
        """A data endpoint (dataproxy.jsp XML, /fjdzapp/search JSON): a list without HTML around it."""
        if result is None or not entry.column:
            return
        self.state.column(entry.column).add_list(page_key, result)
        yield from self.list_wants(result, entry.column, entry.final_url or entry.url, entry.depth)

    def list_wants(self, result: ListResult, column_url: str, source: str, depth: int) -> Iterator[Want]:
        """The list's documents (wherever they are on the site), one below the list, and its further
        pages, at the list's own depth: a column's pager is bounded per column, not by depth."""
        for item in result.items:
            if self.scope.is_site(item.url):
                yield self.bounded(Want(item.url, Role.DOCUMENT, column=column_url, source=source, depth=depth + 1))
        self.traps.announce(column_url, result.total_pages)
        walked = {same_list_page(u) for u in self.state.column(column_url).list_pages | {column_url}}
        for more in result.more_pages:
            if more.formdata or same_list_page(more.url) not in walked:
                trap = self.traps.list_page_cut(column_url, list_page_key(more.url, more.formdata))
                yield self.bounded(Want(more.url, Role.LIST_PAGE, method=more.method, formdata=more.formdata,
                                        column=column_url, source=source, depth=depth, trap=trap))

    def bounded(self, want: Want) -> Want:
        """The want, marked as a trap when it lies past the depth or repetition bound."""
        if want.trap or not self.traps.page_cut(want.url, want.role, want.depth):
            return want
        return replace(want, trap=True)

    # -- the platform ----------------------------------------------------------------------------
    def find_platform(self, url: str, roles: set[Role], page: ParsedPage) -> Iterator[Want]:
        """Landing pages link the four sections by name; homepages link the landing (政务公开 …).

        A homepage may link the sections directly as well; its platform link is still followed,
        because the landing page's directory is what bounds the platform. A link to another host counts
        only where the site names its own platform (crawler/scope.py): elsewhere it is another
        government's, verified like any external link.
        """
        on_landing = Role.LANDING in roles or (Role.START in roles and not is_homepage_url(url))
        own = [link for link in page.links if link.kind == PAGE and (
            self.scope.is_site(link.url) or names_own_host(link.region, on_landing))]
        sections: dict[str, Link] = {}
        for link in own:
            key = match_section(link.anchor)
            if key and key not in sections:
                sections[key] = link
        if len(sections) >= 2 or (Role.LANDING in roles and sections):
            self.adopt_landing(url, sections)
        for link in own:
            if is_platform_link(link.anchor, link.url) and not match_section(link.anchor) and link.url != url:
                if not self.scope.is_site(link.url):
                    self.scope.add_site(link.url)  # the platform lives on a host of its own
                yield Want(link.url, Role.LANDING, anchor=link.anchor, source=url)

    # -- column boxes ----------------------------------------------------------------------------
    def box_wants(self, source: str, boxes: list[ColumnBox], depth: int) -> Iterator[Want]:
        """Columns the page shows in boxes and tab groups (crawler/parse/boxes.py).

        The box's page (its 更多 link, else its heading's) is the column, so a box and its 更多 list are
        one column, named as the box names it and dated by what both show; the box's articles are
        documents of it, crawled like its list's.
        """
        for box in boxes:
            url = self.known_column(box.url)
            if same_list_page(url) == same_list_page(source) or not self.scope.is_site(url) \
                    or is_document_url(url) or is_homepage_url(url) or not is_column_anchor(box.name):
                continue
            in_platform = self.scope.is_platform(url)
            col = self.state.column(url, in_platform=in_platform)
            col.anchors[box.name] += 1
            col.add_box(box.items)
            yield self.bounded(Want(url, Role.COLUMN if in_platform else Role.NAV_COLUMN, anchor=box.name,
                                    source=source, depth=depth + 1))
            for item in box.items:
                if self.scope.is_site(item.url):
                    yield self.bounded(Want(item.url, Role.DOCUMENT, column=url, source=source, depth=depth + 2))

    def known_column(self, url: str) -> str:
        """The column already known under another spelling of this URL (`…/tzgg/index.html` for
        `…/tzgg/`), else the URL itself: a box and a menu naming one column make one column."""
        key = same_list_page(url)
        return next((known for known in self.state.columns if same_list_page(known) == key), url)

    def adopt_landing(self, url: str, sections: dict[str, Link]) -> None:
        """Take this page as (a) landing of the platform, bounded by the directory its sections share.

        Sections bound it better than the landing's own URL: a homepage links its sections from "/",
        and a 法定主动公开内容 link often points deep into its first column (…/fdzdgknr/jgjj/dwzz/).
        """
        if url not in self.state.landings:
            self.state.landings.append(url)
        same_host = [link.url for link in sections.values() if host_key(link.url) == host_key(url)]
        at_root = directory_of(url) == "/" and host_key(url) == host_key(self.start_url)
        prefix = common_directory(same_host if at_root else [url, *same_host])
        if prefix != "/" or not at_root:
            self.scope.add_platform(url, prefix)
        for key, link in sections.items():
            if key not in self.state.sections:
                self.state.sections[key] = link.url
                self.state.section_anchors[key] = link.anchor
                self.scope.add_platform(link.url)
                self.state.column(link.url).anchors[link.anchor] += 1

    # -- one link --------------------------------------------------------------------------------
    def route(self, link: Link, source: str, roles: set[Role], depth: int) -> Want | None:
        """Crawled, crawled as a column, or only verified."""
        if link.kind in (ATTACHMENT, IMAGE):
            return self.verify(link, source)
        if not self.scope.is_site(link.url):
            return self.verify(Link(link.url, link.anchor, EXTERNAL), source)
        if roles <= VERIFY_ONLY_ROLES:
            return self.verify(link, source)
        if self.scope.is_platform(link.url) or link.url in self.state.sections.values():
            if is_column_anchor(link.anchor) and not is_document_url(link.url):
                col = self.state.column(link.url)
                col.anchors[link.anchor] += 1
                if link.nav_parent:
                    col.nav_parents[link.nav_parent] += 1
                return Want(link.url, Role.COLUMN, anchor=link.anchor, source=source, depth=depth + 1)
            return Want(link.url, Role.PAGE, source=source, depth=depth + 1)
        if self.nested_in_platform(link, roles):
            return self.platform_column(link, source, depth)
        if roles & {Role.START, Role.HOMEPAGE} and is_column_anchor(link.anchor) and not is_document_url(link.url) \
                and not is_homepage_url(link.url):  # the site's name in its header links home, not a column
            self.state.column(link.url, in_platform=False).anchors[link.anchor] += 1
            return Want(link.url, Role.NAV_COLUMN, anchor=link.anchor, source=source, depth=depth + 1)
        return self.verify(link, source)

    def nested_in_platform(self, link: Link, roles: set[Role]) -> bool:
        """A column the platform's own menu (its sidebar, on its own pages) nests under one of its
        sections or columns, wherever its URL lives: Hanweb `/col/colNNN/` and Gansu `/site/cNNN/`
        columns sit beside the platform's directory, not in it."""
        parent = link.nav_parent
        return bool(roles & PLATFORM_PAGE_ROLES) and parent is not None and link.region in MENU_REGIONS \
            and (parent in self.state.sections.values() or self.scope.is_platform(parent)) \
            and is_column_anchor(link.anchor) and not is_document_url(link.url) and not is_homepage_url(link.url)

    def platform_column(self, link: Link, source: str, depth: int) -> Want:
        """The nested column joins the platform, and so does its directory (its pager, its sub-columns)
        unless that is the site's root."""
        col = self.state.column(link.url)
        col.in_platform = True
        col.anchors[link.anchor] += 1
        col.nav_parents[link.nav_parent] += 1
        if directory_of(link.url) != "/":
            self.scope.add_platform(link.url)
        return Want(link.url, Role.COLUMN, anchor=link.anchor, source=source, depth=depth + 1)

    def verify(self, link: Link, source: str) -> Want | None:
        """A link target we do not crawl: HEAD first (cheap for attachments and other sites)."""
        internal = self.scope.is_site(link.url)
        if not internal and not self.verify_external:
            return None
        method = "GET" if internal and link.kind == PAGE else "HEAD"
        return Want(link.url, Role.TARGET, method=method, anchor=link.anchor, source=source,
                    kind=link.kind if internal else EXTERNAL)


def same_list_page(url: str) -> str:
    """`…/gfxwj/index.html` and `…/gfxwj/` are one list page: TRS pagers link page 0 by file name."""
    return INDEX_FILE_RE.sub("/", url)


def list_page_key(url: str, formdata: dict[str, str] | None) -> str:
    """One list page: its URL as the pager names page 0 folded, and a POST endpoint's form."""
    form = "&".join(f"{k}={v}" for k, v in sorted(formdata.items())) if formdata else ""
    return same_list_page(url) + ("?" + form if form else "")
