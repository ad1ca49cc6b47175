"""The in-memory model of a served site: pages with the links they contain, files, and special routes.

Pages are rendered through a :class:`Linker`, which writes each ``href``/``src`` and records the link at
the same time. The ground truth's ``links`` are therefore exactly what the HTML contains, and no HTML
has to be parsed again to produce them (that would be too slow for the 50,000-document site).

URL notation. Ground truth and the builder name a URL as ``{origin}/path`` (``{county}/zwgk/``). Served
files carry ``{{origin}}`` placeholders where a page links to another origin; the server replaces them
with ``http://127.0.0.1:PORT`` when it answers.
"""

from __future__ import annotations

import html
import os
import posixpath
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from samplesite.assets import ATTACHMENT_EXTENSIONS, IMAGE_EXTENSIONS

AS_OF = date(2026, 6, 30)
# Query parameter that numbers the list pages of the schemes paged by query string (page 1 is the
# column URL itself).
QUERY_PARAMS = {"query": "page", "inline_json": "pageIndex", "js": "p"}
PAGE, ATTACHMENT, IMAGE, EXTERNAL = "page", "attachment", "image", "external"


def url(origin: str, path: str) -> str:
    """Ground-truth form of a URL: ``{county}/zwgk/``."""
    return f"{{{origin}}}{path}"


def split_url(target: str) -> tuple[str, str]:
    """``{county}/zwgk/`` -> ("county", "/zwgk/")."""
    origin, _, path = target[1:].partition("}")
    return origin, path


def link_kind(target: str, page_origin: str, tag: str) -> str:
    """Classify a link as the contract does: external beats image beats attachment beats page."""
    origin, path = split_url(target)
    if origin != page_origin:
        return EXTERNAL
    lowered = path.lower().split("?")[0]
    if tag == "img" or lowered.endswith(IMAGE_EXTENSIONS):
        return IMAGE
    if lowered.endswith(ATTACHMENT_EXTENSIONS):
        return ATTACHMENT
    return PAGE


def relative_href(from_path: str, to_path: str) -> str:
    """TRS-style relative link (``./202606/t…html``, ``../``) between two paths of one origin."""
    from_dir = from_path if from_path.endswith("/") else posixpath.dirname(from_path) + "/"
    rel = posixpath.relpath(to_path, from_dir)
    if to_path.endswith("/") and rel != ".":
        rel += "/"
    if rel == ".":
        return "./"
    return rel if rel.startswith("../") else "./" + rel


@dataclass
class Link:
    target: str  # ground-truth URL
    kind: str


class Linker:
    """Writes links for one page and remembers them in document order."""

    def __init__(self, origin: str, path: str) -> None:
        self.origin = origin
        self.path = path
        self.links: list[Link] = []

    def href(self, target: str, *, rel: bool = False, tag: str = "a", record: bool = True) -> str:
        """The attribute value for ``target``; ``rel`` writes it relative to this page."""
        origin, path = split_url(target)
        if record:
            self.links.append(Link(target, link_kind(target, self.origin, tag)))
        if origin != self.origin:
            return f"{{{{{origin}}}}}{path}"
        return relative_href(self.path, path) if rel else path

    def a(self, target: str, text: str, *, rel: bool = False, title: bool = False, attrs: str = "") -> str:
        """An ``<a>`` element; ``title`` repeats the text in a title attribute, as list pages do."""
        label = html.escape(text)
        extra = f' title="{label}"' if title else ""
        extra += f" {attrs}" if attrs else ""
        return f'<a href="{html.escape(self.href(target, rel=rel))}"{extra}>{label}</a>'

    def extend(self, links: list[Link]) -> None:
        """Record links of a cached fragment (the navigation is the same on every page)."""
        self.links.extend(links)

    def img(self, target: str, alt: str, *, rel: bool = False) -> str:
        """An ``<img>`` element."""
        src = html.escape(self.href(target, rel=rel, tag="img"))
        return f'<img src="{src}" alt="{html.escape(alt)}">'


@dataclass
class PageRecord:
    """What the ground truth needs to know about one served HTML page."""

    target: str
    stored: bool  # a complete crawl fetches and stores it (see builder.py for the rule)
    links: list[Link]  # all links; on a lean origin only those to watched (broken) targets
    link_count: int  # distinct link targets on the page


class Origin:
    """One served site: files under its document root, special routes, and page records.

    Files are written as soon as they are added when ``root`` is given, so the 50,000-document site
    never sits in memory. A lean origin (``keep_links=False``) keeps, per page, only the links to
    targets in ``watch`` (the broken ones, for the defects' ``sources``) and a count of the rest.
    """

    def __init__(self, name: str, root: Path | None = None, *, keep_links: bool = True,
                 watch: dict | None = None) -> None:
        self.name = name
        self.root = root
        self.keep_links = keep_links
        self.watch = watch if watch is not None else {}
        self.files: dict[str, bytes] = {}  # only when there is no root (kept in memory)
        self.headers: dict[str, str] = {}  # URL path -> Content-Type override
        self.routes: dict[str, dict] = {}  # URL path (or prefix ending in *) -> behaviour (server.py)
        self.pages: dict[str, PageRecord] = {}  # URL path -> record
        self.data: dict[str, object] = {}  # extra JSON the server reads (_data/<origin>/<key>.json)
        self._dirs: set[Path] = set()

    def linker(self, path: str) -> Linker:
        return Linker(self.name, path)

    def write(self, path: str, data: bytes) -> None:
        """Store the bytes that answer a URL path."""
        if self.root is None:
            self.files[path] = data
            return
        target = self.root / path.lstrip("/")
        if target.parent not in self._dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(target.parent)
        # os.open/os.write: several times faster than Path.write_bytes for 50,000 small files.
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(handle, data)
        finally:
            os.close(handle)

    def add_page(self, path: str, text: str, linker: Linker, *, stored: bool = True,
                 encoding: str = "utf-8", content_type: str | None = None) -> None:
        """Add an HTML page; a directory path (ending in /) is written as its index.html, and a path
        with a query (``index.html?uid=1&pageNum=2``) under ``/_q/`` (see :func:`file_path`)."""
        self.write(file_path(path), text.encode(encoding))
        if content_type or encoding != "utf-8":
            self.headers[file_path(path)] = content_type or f"text/html; charset={encoding}"
        links = linker.links
        count = len({link.target for link in links})
        if not self.keep_links:
            links = [link for link in links if link.target in self.watch]
        self.pages[path] = PageRecord(url(self.name, path), stored, links, count)

    def add_file(self, path: str, data: bytes, content_type: str | None = None) -> None:
        """Add a non-HTML file (attachment, image, script, robots.txt)."""
        self.write(path, data)
        if content_type:
            self.headers[path] = content_type

    def route(self, path: str, behaviour: dict) -> None:
        """Register a dynamic behaviour for an exact path, or a prefix written as ``/path/*``."""
        self.routes[path] = behaviour


def file_path(path: str) -> str:
    """URL path -> path of the file that answers it.

    A path with a query string is answered by ``/_q/{file of the path}/{query}``, the query's
    parameters sorted (the server looks it up the same way, :func:`query_file`)."""
    if "?" in path:
        base, _, query = path.partition("?")
        return query_file(base, query)
    return path + "index.html" if path.endswith("/") else path


def query_file(path: str, query: str) -> str:
    """Where the page that answers ``path?query`` is stored (parameters sorted, so order is free)."""
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return f"/_q{file_path(path)}/{urlencode(pairs)}"


@dataclass
class Attachment:
    """A file linked from a document: attachment or inline image."""

    path: str  # URL path
    label: str
    exists: bool = True


@dataclass
class Doc:
    """One document (文件/信息) of a list column."""

    title: str
    day: date  # 发布日期
    doc_id: int
    path: str  # URL path
    publisher: str
    index_no: str | None  # None until the builder numbers the site's documents
    doc_no: str
    written: date | None = None  # 成文日期
    validity: str | None = "有效"  # None: the 有效性 row is missing (a defect)
    dated_in_list: bool = True
    fate: str = "ok"  # ok, or the broken-link behaviour of its URL (see builder.render_fate)
    lying_charset: bool = False  # GB2312 bytes and meta, but the HTTP header says utf-8
    attachments: list[Attachment] = field(default_factory=list)
    images: list[Attachment] = field(default_factory=list)
    related: list[tuple[str, str]] = field(default_factory=list)  # (target, label) 相关链接

    @property
    def pub_time(self) -> str:
        """PubDate meta value, ``YYYY-MM-DD HH:MM`` as 政府网站发展指引 asks."""
        hour = 8 + self.doc_id % 9
        return f"{self.day.isoformat()} {hour:02d}:{(self.doc_id * 7) % 60:02d}"


@dataclass
class Column:
    """A column (栏目) of a site."""

    name: str
    path: str  # URL path of its first page
    label_path: str  # "法定主动公开内容 > 规范性文件"
    section: str | None  # guide, rules, statutory, annual_report or None (outside the platform)
    kind: str = "list"  # list or page
    scheme: str | None = "trs"  # trs, hanweb_datastore, html; None for page columns
    list_style: str = "ul"  # ul rows or a Handan-style table
    date_style: str = "iso"  # iso (2026-06-20), bracket ([2026-06-20]) or cn (2026年06月20日)
    freshness: str | None = None  # dynamic (14 days), notice (183), basic (365) or None (exempt)
    encoding: str = "utf-8"
    docs: list[Doc] = field(default_factory=list)
    page_size: int = 15
    blocked: bool = False
    robots: bool = False
    in_platform: bool = True
    page_date: date | None = None  # for page columns: the date the page shows
    page_blank: bool = False  # for page columns: the content area is empty
    # How the list is built when it is not a plain TRS/HTML/Hanweb list (samplesite/schemes.py): jpaas,
    # trs_json, fjdz, gansu, query (?page=N), inline_json, js (only a browser can read it); ``ids``
    # holds the identifiers its markup and data endpoint use.
    cms: str | None = None
    ids: dict[str, str] = field(default_factory=dict)

    @property
    def list_pages(self) -> int:
        if self.kind != "list":
            return 0
        return max(1, -(-len(self.docs) // self.page_size))

    @property
    def browser_only(self) -> bool:
        """The list is filled by a script from data only a browser reads (a crawl without one cannot)."""
        return self.cms == "js"

    def page_path(self, index: int) -> str:
        """URL path of list page ``index`` (0-based): TRS ``index_N.html`` naming, or the scheme's own."""
        if index == 0:
            return self.path
        if self.cms == "jpaas":
            return f"{self.path}?uid={self.ids['unitid']}&pageNum={index + 1}"
        if self.cms == "gansu":
            return self.path.replace(".shtml", f"_{index + 1}.shtml")
        if self.cms in QUERY_PARAMS:
            return f"{self.path}?{QUERY_PARAMS[self.cms]}={index + 1}"
        return f"{self.path}index_{index}.html"

    def chunks(self) -> list[list[Doc]]:
        """The documents of each list page, newest first."""
        return [self.docs[i * self.page_size:(i + 1) * self.page_size] for i in range(self.list_pages)]
