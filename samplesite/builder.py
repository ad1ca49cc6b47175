"""What the county and the department sites have in common: documents, columns, pages, ground truth.

:class:`SiteBuilder` is subclassed once per site (``county.py``, ``department.py``). A subclass declares
its columns and fills them with documents, marks the deliberate defects, then calls the ``render_*``
methods; :meth:`SiteBuilder.truth` turns what was rendered into the site's ground truth.

Which pages a complete crawl stores (ground truth ``pages``), following the contract's crawl scope:
the homepage; the first list page of every column the homepage navigation links to; and every page of
the 政府信息公开 platform that answers 200 with real content (landing, sections, list pages, page
columns, documents, reports). Not stored: pages disallowed by robots.txt, pages behind the challenge,
and link targets that are broken (404, soft-404, meta-refresh, redirects, 500, timeouts).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from samplesite import hanweb, schemes, templates
from samplesite.assets import attachment_bytes
from samplesite.content import body_paragraphs
from samplesite.model import AS_OF, Attachment, Column, Doc, Link, Linker, Origin, PageRecord, url
from samplesite.reports import HEADINGS, ReportNumbers, report_body
from samplesite.templates import SiteInfo, layout

GB2312_META = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
INDEX_NO = re.compile(r"^[0-9A-Z]{8,18}(-[0-9A-Z])?/\d{4}(\d{2})?-\d{5,6}$")  # rules.md §7.1
FRESHNESS_DAYS = {"dynamic": 14, "notice": 183, "basic": 365}
GAPS = (3, 5, 2, 7, 4, 6, 1, 8)
BIG_GAPS = (0, 1, 0, 0, 1, 0, 1)  # the benchmark site packs several documents into a day
DEFAULT_PAGE_SIZE, BIG_PAGE_SIZE = 15, 20

# Broken-link behaviours a document URL can have; reason codes are the contract's vocabulary.
FATES = {
    "404": ("http_404", True),
    "soft404": ("soft_404", True),
    "redirect_home": ("redirect_home", True),
    "redirect_parent": ("redirect_parent", True),
    "meta_refresh": ("meta_refresh", True),
    "loop": ("redirect_loop", True),
    "500": ("http_500", False),
}


def link_rows(record: PageRecord) -> list[dict]:
    """Ground-truth link rows of one page: once per target, first occurrence wins, document order."""
    rows, seen = [], set()
    for link in record.links:
        if link.target not in seen:
            seen.add(link.target)
            rows.append({"source": record.target, "target": link.target, "kind": link.kind})
    return rows


@dataclass
class Report:
    """A 政府信息公开工作年度报告 and what is wrong with it, if anything."""

    year: int
    doc: Doc
    numbers: ReportNumbers
    omit: tuple[str, ...] = ()
    unbalanced: bool = False


@dataclass
class Section:
    key: str  # guide, rules, statutory, annual_report
    label: str
    path: str


class SiteBuilder:
    """Base builder; subclasses set the identity attributes and implement ``build``."""

    name = ""
    level = "government"
    origin_name = ""
    code = ""  # 统一社会信用代码, the first part of every 索引号
    office = ""  # default 发布机构
    landing = "/"  # path of the 政府信息公开 landing page

    def __init__(self, root: Path | None = None, *, big: bool = False, extra_docs: int = 0) -> None:
        self.big = big
        self.extra_docs = extra_docs  # documents to add for the benchmark site
        self.broken: dict[str, tuple[str, bool]] = {}  # target -> (reason, confirmed)
        self.origin = Origin(self.origin_name, root, keep_links=not big, watch=self.broken)
        self.site: SiteInfo | None = None
        self.sections: list[Section] = []
        self.columns: list[Column] = []
        self.reports: list[Report] = []
        self.defects: list[dict] = []
        self.not_defects: list[dict] = []
        self.hanweb_columns: dict[str, hanweb.HanwebColumn] = {}  # column path -> Hanweb ids
        self.rendered_links: dict[str, list[Link]] = {}  # page path -> links only a browser's DOM has
        self._serials: dict[int, int] = {}  # 索引号 serial per year, continued across number_docs calls
        self._last_id = 0
        self.homepage_newest: date | None = None  # newest date the homepage shows
        self.robots_disallow: list[str] = []

    # ----- URLs and navigation -------------------------------------------------------------------
    def u(self, path: str) -> str:
        """Ground-truth URL of a path on this site."""
        return url(self.origin_name, path)

    @property
    def page_size(self) -> int:
        return BIG_PAGE_SIZE if self.big else DEFAULT_PAGE_SIZE

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def crumbs(self, column: Column) -> list[tuple[str, str]]:
        """Breadcrumb from the homepage through the platform and section to the column."""
        trail = [("首页", self.u("/"))]
        if column.in_platform:
            trail.append((self.site.platform_title, self.u(self.landing)))
            parent = self.section(column.section) if column.section else None
            if parent and parent.path != column.path:
                trail.append((parent.label, self.u(parent.path)))
        return [*trail, (column.name, self.u(column.path))]

    def frame(self, ln: Linker, column: Column | None, *, title: str, body: str, current: str | None,
              meta: dict[str, str] | None = None, head_extra: str = "", charset_tag: str | None = None,
              crumbs: list[tuple[str, str]] | None = None) -> str:
        """Lay out a page of this site; ``current`` set means a platform page with the left nav."""
        charset = charset_tag or f'<meta charset="{column.encoding if column else "utf-8"}">'
        return layout(self.site, ln, title=title, column=column.name if column else self.site.platform_title,
                      body=body, charset_tag=charset, meta=meta, head_extra=head_extra,
                      crumbs=crumbs if crumbs is not None else (self.crumbs(column) if column else None),
                      left_nav=self.u(current) if current else None)

    # ----- documents ---------------------------------------------------------------------------
    def new_doc(self, title: str, day: date, *, publisher: str | None = None, doc_no: str = "无") -> Doc:
        """A document without id, path or 索引号 yet: :meth:`number_docs` assigns them in date order."""
        return Doc(title=title, day=day, doc_id=0, path="", publisher=publisher or self.office,
                   index_no=None, doc_no=doc_no)

    def fill(self, column: Column, count: int, newest: date, title: Callable[[int, date], str], *,
             publisher: str | Callable[[int], str] | None = None,
             doc_no: Callable[[int, date], str] | None = None) -> None:
        """Append ``count`` documents, newest first, stepping back by a fixed gap pattern."""
        gaps = BIG_GAPS if self.big and count > 200 else GAPS
        day = newest
        for i in range(count):
            issuer = publisher(i) if callable(publisher) else publisher
            column.docs.append(self.new_doc(title(i, day), day, publisher=issuer,
                                            doc_no=doc_no(i, day) if doc_no else "无"))
            day -= timedelta(days=gaps[i % len(gaps)])

    def number_docs(self, first_id: int | None = None, columns: list[Column] | None = None,
                    reports: bool = True) -> None:
        """Give every document an id, a URL and a 索引号, oldest first, as a CMS would have.

        With ``columns``, only those columns' documents (and the reports unless ``reports`` is False) are
        numbered; a later call continues the ids and 索引号 serials, so columns added later do not
        renumber the others."""
        chosen = self.columns if columns is None else columns
        pairs = [(doc.day, position, index, column, doc) for position, column in enumerate(self.columns)
                 if column in chosen for index, doc in enumerate(column.docs)]
        if reports:
            reports = self.column_of_reports()
            pairs += [(r.doc.day, len(self.columns), r.year, reports, r.doc) for r in self.reports]
        serials = self._serials
        doc_id = first_id if first_id is not None else self._last_id + 100
        for day, _, _, column, doc in sorted(pairs, key=lambda p: p[:3]):
            doc_id += 1 + doc_id % 3
            serials[day.year] = serials.get(day.year, 0) + 1
            doc.doc_id = doc_id
            doc.path = self.doc_path(column, doc)
            doc.index_no = doc.index_no or f"{self.code}/{day.year}-{serials[day.year]:05d}"
            doc.written = doc.written or day - timedelta(days=1 + doc_id % 6)
        self._last_id = doc_id

    def doc_path(self, column: Column, doc: Doc) -> str:
        """TRS ``./YYYYMM/tYYYYMMDD_id.html``, or Hanweb ``/art/Y/M/D/art_col_id.html``."""
        ids = self.hanweb_columns.get(column.path)
        if ids:
            day = doc.day
            return f"{self.landing}art/{day.year}/{day.month}/{day.day}/art_{ids.columnid}_{doc.doc_id}.html"
        return schemes.doc_path(column, doc) or f"{column.path}{doc.day:%Y%m}/t{doc.day:%Y%m%d}_{doc.doc_id}.html"

    def attach(self, doc: Doc, ext: str, label: str, *, image: bool = False, exists: bool = True) -> None:
        """A TRS-named attachment (P0…) or image (W0…) next to the document."""
        prefix = "W0" if image else "P0"
        name = f"{prefix}{doc.day:%Y%m%d}{doc.doc_id:06d}{len(doc.attachments) + len(doc.images)}.{ext}"
        item = Attachment(doc.path.rsplit("/", 1)[0] + "/" + name, label, exists)
        (doc.images if image else doc.attachments).append(item)

    def register_broken(self) -> None:
        """Record every broken document and attachment before rendering, so that a lean origin knows
        which links to keep for the defects' ``sources``."""
        for column in self.columns:
            for doc in column.docs:
                if doc.fate in FATES:
                    self.broken[self.u(doc.path)] = FATES[doc.fate]
                for item in doc.attachments + doc.images:
                    if not item.exists:
                        self.broken[self.u(item.path)] = ("http_404", True)

    def add_common_files(self) -> None:
        """Stylesheet and logo every page of the site refers to."""
        self.origin.add_file(templates.STYLESHEET_PATH, templates.CSS.encode("utf-8"))

    def column_of_reports(self) -> Column:
        return next(c for c in self.columns if c.section == "annual_report")

    # ----- rendering ---------------------------------------------------------------------------
    def stored(self, column: Column, page_index: int = 0) -> bool:
        """Whether a list page of this column is in the ground truth's ``pages`` (module docstring):
        every page of a platform column, only the first page of a column outside the platform."""
        if column.blocked or column.robots:
            return False
        if column.browser_only:
            return page_index == 0  # its pager and rows exist only in a browser (with_browser view)
        return column.in_platform or page_index == 0

    def doc_stored(self, column: Column) -> bool:
        """Documents are stored only inside the platform; outside it they are link targets only. Those
        only a browser's rendering lists are in the with_browser view."""
        return column.in_platform and self.stored(column) and not column.browser_only

    def render_list_column(self, column: Column, heading: str = "") -> None:
        """Every list page of a TRS or plain-HTML column, then its documents."""
        for index, docs in enumerate(column.chunks()):
            path = column.page_path(index)
            ln = self.origin.linker(path)
            body = f'<div class="list-title"><h2>{templates.esc(column.name)}</h2></div>{heading}'
            body += self.list_rows(ln, column, docs)
            if column.scheme == "trs" and column.docs:
                body += templates.trs_pager(column.list_pages, index)
            elif column.scheme == "html":
                body += templates.html_pager(ln, column, index)
            html = self.frame(ln, column, title=f"{column.name}_{self.name}", body=body,
                              current=column.path if column.in_platform else None)
            self.origin.add_page(path, html, ln, stored=self.stored(column, index), encoding=column.encoding)
        self.render_docs(column)

    def list_rows(self, ln: Linker, column: Column, docs: list[Doc]) -> str:
        if not docs:
            return '<ul class="list"></ul><p class="no-data">暂无信息</p>'
        if column.list_style == "table":
            return templates.table_list(ln, docs)
        return templates.ul_list(ln, docs, date_style=column.date_style)

    def render_hanweb_column(self, column: Column) -> None:
        """The Hanweb column page (first page in ``<datastore>``) and the data behind dataproxy.jsp."""
        ids = self.hanweb_columns[column.path]
        ln = self.origin.linker(column.path)
        # Only the first page's records are in the page's HTML (and so are links of the page); later
        # records exist only in dataproxy.jsp answers: column items, not links of any stored page.
        records = [hanweb.record(ln.href(self.u(doc.path), record=index < ids.perpage), doc.title,
                                 doc.day.isoformat()) for index, doc in enumerate(column.docs)]
        body = (f'<div class="list-title"><h2>{templates.esc(column.name)}</h2></div>'
                f"{hanweb.datastore(ids, records[:ids.perpage])}\n{hanweb.init_script(ids, len(records))}")
        html = self.frame(ln, column, title=f"{column.name}_{self.name}", body=body, current=column.path,
                          head_extra=hanweb.head_extra(f"{AS_OF.isoformat()} 17:20:11"))
        self.origin.add_page(column.path, html, ln, stored=self.stored(column))
        self.origin.data[f"hanweb_{ids.columnid}"] = records
        default = {"kind": "hanweb_dataproxy", "columns": {}}
        route = self.origin.routes.setdefault(hanweb.DATAPROXY_PATH, default)
        route["columns"][ids.columnid] = {"unitid": ids.unitid, "perpage": ids.perpage,
                                          "data": f"hanweb_{ids.columnid}"}
        self.render_docs(column)

    def render_landing(self, extra: list[tuple[str, str]], latest_from: str | None = None) -> None:
        """政府信息公开 landing: the sections by their names (plus ``extra`` links), latest documents."""
        ln = self.origin.linker(self.landing)
        entries = "".join(f"<li>{ln.a(self.u(path), label)}</li>"
                          for label, path in [(s.label, s.path) for s in self.sections] + extra)
        body = (f'<div class="xxgk-entry"><h2>{self.site.platform_title}</h2>'
                f'<ul class="entry">{entries}</ul></div>')
        if latest_from:
            docs = next(c for c in self.columns if c.path == latest_from).docs[:5]
            body += f'<div class="block"><h3>最新公开</h3>{templates.ul_list(ln, docs, rel=False)}</div>'
        html = self.frame(ln, None, title=f"{self.site.platform_title}_{self.name}", body=body,
                          current=self.landing,
                          crumbs=[("首页", self.u("/")), (self.site.platform_title, self.u(self.landing))])
        self.origin.add_page(self.landing, html, ln)

    def render_section_page(self, key: str) -> None:
        """A section page (法定主动公开内容) linking its second-level columns."""
        section = self.section(key)
        ln = self.origin.linker(section.path)
        items = "".join(f"<li>{ln.a(self.u(col.path), col.name)}</li>"
                        for col in self.columns if col.section == key)
        body = f'<div class="list-title"><h2>{section.label}</h2></div><ul class="column-entry">{items}</ul>'
        html = self.frame(ln, None, title=f"{section.label}_{self.name}", body=body, current=section.path,
                          crumbs=[("首页", self.u("/")), (self.site.platform_title, self.u(self.landing)),
                                  (section.label, self.u(section.path))])
        self.origin.add_page(section.path, html, ln)

    def render_page_column(self, column: Column, content: str) -> None:
        """A column that is a single page (机构职能, 指南 …); ``column.page_blank`` empties it."""
        ln = self.origin.linker(column.path)
        date_line = (f'<div class="article-info">更新日期：{column.page_date.isoformat()}</div>'
                     if column.page_date and not column.page_blank else "")
        inner = "" if column.page_blank else content
        body = (f'<div class="article"><h1 class="article-title">{templates.esc(column.name)}</h1>{date_line}'
                f'<div class="TRS_Editor" id="zoom">{inner}</div></div>')
        html = self.frame(ln, column, title=f"{column.name}_{self.name}", body=body, current=column.path)
        self.origin.add_page(column.path, html, ln, stored=self.stored(column))

    def render_docs(self, column: Column) -> None:
        for index, doc in enumerate(column.docs):
            if doc.fate in FATES:
                self.render_fate(column, doc)
            else:
                self.render_doc(column, doc, index)

    def render_doc(self, column: Column, doc: Doc, index: int, body_html: str | None = None) -> None:
        """A document page: metadata table (platform only), title, body, attachments and images."""
        ln = self.origin.linker(doc.path)
        if body_html is None:
            body_html = templates.paragraphs_html(body_paragraphs(doc.title, doc.day, index, short=self.big))
        is_hanweb = column.path in self.hanweb_columns
        article = templates.article_html(ln, doc, body_html, hanweb=is_hanweb)
        table = templates.metadata_table(doc) if column.in_platform else ""
        charset_tag = GB2312_META if doc.lying_charset else None
        html = self.frame(ln, column, title=f"{doc.title}_{self.name}", body=table + article,
                          current=column.path if column.in_platform else None, meta=templates.doc_meta(doc),
                          charset_tag=charset_tag,
                          head_extra=hanweb.head_extra(doc.pub_time + ":00") if is_hanweb else "")
        if doc.lying_charset:
            self.origin.add_page(doc.path, html, ln, stored=self.doc_stored(column), encoding="gb2312",
                                 content_type="text/html; charset=utf-8")
        else:
            self.origin.add_page(doc.path, html, ln, stored=self.doc_stored(column), encoding=column.encoding)
        for item in doc.attachments + doc.images:
            if item.exists:
                self.origin.add_file(item.path, attachment_bytes(item.path, f"Qingshan {doc.doc_id}"))
            else:
                self.broken[self.u(item.path)] = ("http_404", True)
        if doc.fate == "flaky":
            self.origin.route(doc.path, {"kind": "flaky", "status": 503, "times": 1})

    def render_fate(self, column: Column, doc: Doc) -> None:
        """Make a listed document's URL fail the way ``doc.fate`` says, and record the broken link."""
        reason, confirmed = FATES[doc.fate]
        self.broken[self.u(doc.path)] = (reason, confirmed)
        if doc.fate == "soft404":
            self.origin.add_file(doc.path, templates.soft_404_page(self.name).encode("utf-8"))
        elif doc.fate == "meta_refresh":
            self.origin.add_file(doc.path, templates.meta_refresh_page("../").encode("utf-8"))
        elif doc.fate == "redirect_home":
            self.origin.route(doc.path, {"kind": "redirect", "status": 302, "location": "/"})
        elif doc.fate == "redirect_parent":
            self.origin.route(doc.path, {"kind": "redirect", "status": 302, "location": column.path})
        elif doc.fate == "loop":
            other = doc.path.replace(".html", ".shtml")
            self.origin.route(doc.path, {"kind": "redirect", "status": 302, "location": other})
            self.origin.route(other, {"kind": "redirect", "status": 302, "location": doc.path})
        elif doc.fate == "500":
            self.origin.route(doc.path, {"kind": "status", "status": 500})

    def render_reports(self, column: Column) -> None:
        """The 年报 list (one TRS page) and every report page."""
        column.docs = [r.doc for r in sorted(self.reports, key=lambda r: r.year, reverse=True)]
        self.render_list_column(column)
        for report in self.reports:
            body = report_body(self.name, report.year, report.numbers, omit=report.omit,
                               unbalanced=report.unbalanced)
            self.render_doc(column, report.doc, 0, body_html=body)

    # ----- annual reports ----------------------------------------------------------------------
    def deadline(self, year: int) -> date:
        """条例 第四十九条 (2019): departments by 31 January, governments by 31 March; 2018 and earlier
        fell under the 2008 条例, 31 March for everyone."""
        if self.level == "department" and year >= 2019:
            return date(year + 1, 1, 31)
        return date(year + 1, 3, 31)

    def report_truth(self) -> list[dict]:
        out = []
        for r in sorted(self.reports, key=lambda r: r.year):
            missing = [h for h in HEADINGS if h in r.omit]
            deadline = self.deadline(r.year)
            out.append({"year": r.year, "title": r.doc.title, "url": self.u(r.doc.path),
                        "published": r.doc.day.isoformat(), "deadline": deadline.isoformat(),
                        "late": r.doc.day > deadline, "complete": not missing and not r.unbalanced,
                        "missing": missing, "unbalanced": r.unbalanced})
        return out

    def report_defects(self) -> list[dict]:
        """missing/late/incomplete annual reports, derived from the reports actually published."""
        years = [r.year for r in self.reports]
        latest_due = max(y for y in range(min(years), AS_OF.year) if self.deadline(y) <= AS_OF)
        found = [{"check": "missing_annual_report", "year": y}
                 for y in range(min(years), latest_due + 1) if y not in years]
        for entry in self.report_truth():
            if entry["late"]:
                found.append({"check": "late_annual_report", "year": entry["year"], "url": entry["url"],
                              "published": entry["published"], "deadline": entry["deadline"],
                              "level": self.level})
            if not entry["complete"]:
                found.append({"check": "incomplete_annual_report", "year": entry["year"], "url": entry["url"],
                              "missing": entry["missing"], "unbalanced": entry["unbalanced"]})
        return found

    # ----- ground truth ------------------------------------------------------------------------
    def column_truth(self, column: Column, with_items: bool = True) -> dict:
        """One column entry of the ground truth."""
        dated = [d.day for d in column.docs if d.dated_in_list]
        newest = max(dated) if dated else column.page_date
        limit = FRESHNESS_DAYS.get(column.freshness or "")
        blank = (column.kind == "list" and not column.docs) or column.page_blank
        entry = {
            "name": column.name, "section": column.section, "path": column.label_path,
            "url": self.u(column.path),
            "kind": column.kind, "scheme": column.scheme, "encoding": column.encoding,
            "item_count": len(column.docs) if column.kind == "list" else None,
            "undated_count": sum(not d.dated_in_list for d in column.docs) if column.kind == "list" else None,
            "newest_date": newest.isoformat() if newest else None, "list_pages": column.list_pages,
            "page_size": column.page_size if column.kind == "list" else None,
            "freshness_class": column.freshness, "freshness_days": limit,
            "stale": bool(limit and newest and not blank and (AS_OF - newest).days > limit),
            "blank": blank, "blocked": column.blocked, "robots": column.robots,
            "in_platform": column.in_platform, "browser_only": column.browser_only,
            **self.crawl_view(column),
        }
        ids = self.hanweb_columns.get(column.path)
        if ids:
            entry["data_endpoint"] = {"url": self.u(hanweb.DATAPROXY_PATH), "columnid": ids.columnid,
                                      "unitid": ids.unitid, "webid": ids.webid, "webname": ids.webname,
                                      "perpage": ids.perpage}
        endpoint = self.scheme_endpoint(column)
        if endpoint:
            entry["data_endpoint"] = endpoint
        if with_items and column.kind == "list":
            entry["items"] = [{"title": d.title, "url": self.u(d.path),
                               "date": d.day.isoformat() if d.dated_in_list else None} for d in column.docs]
        return entry

    def column_defects(self) -> list[dict]:
        """blocked, blank_column and stale_column, read off the column entries."""
        found = []
        for column in self.columns:
            entry = self.column_truth(column, with_items=False)
            where = {"column": column.name, "column_path": column.label_path, "url": entry["url"]}
            if column.blocked:
                found.append({"check": "blocked", **where, "reason": "ruishu"})
            elif column.robots:
                continue
            elif entry["blank"]:
                found.append({"check": "blank_column", **where, "kind": column.kind})
            elif entry["stale"]:
                found.append({"check": "stale_column", **where, "newest_date": entry["newest_date"],
                              "freshness_class": column.freshness, "limit_days": entry["freshness_days"]})
        return found

    def metadata_defects(self) -> list[dict]:
        """missing_metadata for platform documents without 有效性 or with a malformed 索引号."""
        found = []
        for column in self.columns:
            if not self.doc_stored(column):
                continue
            for doc in column.docs:
                if doc.fate in FATES:
                    continue
                missing = [] if doc.validity is not None else ["有效性"]
                invalid = [] if INDEX_NO.match(doc.index_no or "") else ["索引号"]
                if missing or invalid:
                    found.append({"check": "missing_metadata", "url": self.u(doc.path), "column": column.name,
                                  "missing": missing, "invalid": invalid,
                                  "values": {"索引号": doc.index_no} if invalid else {}})
        return found

    def not_covered(self) -> list[dict]:
        """Platform pages a crawl cannot fetch: they make the run partial (contract, run status)."""
        return [{"url": self.u(c.path), "reason": "blocked" if c.blocked else "robots" if c.robots
                 else "not_rendered"}
                for c in self.columns if c.in_platform and (c.blocked or c.robots or c.browser_only)]

    def crawl_view(self, column: Column) -> dict:
        """What a complete crawl reads of a list column: every page inside the platform, only the
        first page outside it (contract scope), nothing when robots.txt or a challenge stops it; and
        the column's status as such a crawl records it (``not_covered`` with reason blocked, robots,
        or not_rendered for a list only a browser can read)."""
        status, reason = "ok", None
        if column.blocked or column.robots:
            status, reason = "not_covered", "blocked" if column.blocked else "robots"
        if column.kind != "list":
            return {"crawled_list_pages": None, "crawled_item_count": None, "status": status, "reason": reason}
        pages = column.chunks() if column.in_platform else column.chunks()[:1]
        if column.blocked or column.robots:
            pages = []
        if column.browser_only:
            # The column page is fetched and its empty, script-filled list seen: nothing more.
            return {"crawled_list_pages": 1, "crawled_item_count": 0, "status": "not_covered",
                    "reason": "not_rendered"}
        if column.cms == "trs_json":
            # The list page and its .json feed, which holds every record.
            return {"crawled_list_pages": 2, "crawled_item_count": len(column.docs), "status": status,
                    "reason": reason}
        return {"crawled_list_pages": len(pages), "crawled_item_count": sum(len(p) for p in pages),
                "status": status, "reason": reason}

    def scheme_endpoint(self, column: Column) -> dict | None:
        """Where a scheme column's later records come from (see samplesite/schemes.py)."""
        if column.cms == "jpaas":
            return {"kind": "jpaas", "unitid": column.ids["unitid"], "perpage": column.page_size,
                    "page_url": self.u(f"{column.path}?uid={column.ids['unitid']}&pageNum={{n}}")}
        if column.cms == "trs_json":
            return {"kind": "trs_json", "url": self.u(column.path + column.ids["feed"])}
        if column.cms == "fjdz":
            return {"kind": "fjdz", "url": self.u(schemes.FJDZ_SEARCH_PATH), "method": "POST",
                    "form": {"channelid": schemes.FJDZ_SEARCH_ID, "classsql": f"chnlid={column.ids['chnlid']}",
                             "sortfield": "-docorderpri,-docreltime", "prepage": str(column.page_size)}}
        if column.cms == "js":
            return {"kind": "js", "url": self.u(schemes.api_path(column)), "method": "GET",
                    "params": {"page": "1", "rows": str(column.page_size)}}
        return None

    def browser_truth(self, with_links: bool) -> dict:
        """How a crawl that renders in a browser differs: the 瑞数 script sets its cookie and reloads,
        so blocked columns are crawled like any other, and script-filled lists (``browser_only``
        columns) show their rows and pager; the run is no longer partial for either.

        ``extra_pages``: pages only such a crawl stores; ``extra_links``: their links, plus the links a
        rendered page has beyond its HTML (source = that page); ``columns``: the crawl view of the
        columns that change (url, crawled_item_count, crawled_list_pages, status, reason)."""
        changed = [c for c in self.columns if c.in_platform and (c.blocked or c.browser_only)]
        extra = [self.origin.pages[path] for c in changed
                 for path in [c.page_path(i) for i in range(c.list_pages)]
                 + [d.path for d in c.docs if d.fate not in FATES]
                 if path in self.origin.pages and not self.origin.pages[path].stored]
        not_covered = [entry for entry in self.not_covered() if entry["reason"] not in ("blocked", "not_rendered")]
        links = [row for record in extra for row in link_rows(record)]
        seen = {(row["source"], row["target"]) for row in links}
        for path, rendered in self.rendered_links.items():
            record = self.origin.pages[path]
            own = {link.target for link in record.links}
            for row in link_rows(PageRecord(record.target, False, rendered, len(rendered))):
                if row["target"] not in own and (row["source"], row["target"]) not in seen:
                    seen.add((row["source"], row["target"]))
                    links.append(row)
        columns = [{"url": self.u(c.path), "crawled_item_count": len(c.docs), "crawled_list_pages": c.list_pages,
                    "status": "ok", "reason": None} for c in changed]
        return {"expected_status": "partial" if not_covered else "complete", "not_covered": not_covered,
                "extra_pages": [r.target for r in extra], "extra_links": links if with_links else None,
                "columns": columns,
                "resolved_defects": [d for d in self.column_defects() if d["check"] == "blocked"]}

    def stored_pages(self) -> list[PageRecord]:
        return [record for record in self.origin.pages.values() if record.stored]

    def link_truth(self) -> list[dict]:
        """Every link on every stored page, once per (source, target), in document order."""
        return [row for record in self.stored_pages() for row in link_rows(record)]

    def broken_link_defects(self) -> list[dict]:
        """One broken_link defect per broken target, with every stored page that links to it."""
        sources: dict[str, list[str]] = {}
        kinds: dict[str, str] = {}
        for record in self.stored_pages():
            for link in record.links:
                if link.target in self.broken:
                    kinds.setdefault(link.target, link.kind)
                    if record.target not in sources.setdefault(link.target, []):
                        sources[link.target].append(record.target)
        return [{"check": "broken_link", "target": target, "reason": reason, "confirmed": confirmed,
                 "kind": kinds.get(target), "sources": sources.get(target, [])}
                for target, (reason, confirmed) in self.broken.items()]

    def truth(self, with_links: bool = True) -> dict:
        """The site's ground truth (see build.py for the format)."""
        columns = [self.column_truth(c, with_items=True) for c in self.columns]
        stored = self.stored_pages()
        return {
            "name": self.name, "level": self.level, "start": self.u("/"), "landing": self.u(self.landing),
            "homepage": {"url": self.u("/"), "newest_date": self.homepage_newest.isoformat()
                         if self.homepage_newest else None},
            "robots_disallow": self.robots_disallow,
            "sections": {s.key: self.u(s.path) for s in self.sections},
            "section_labels": {s.key: s.label for s in self.sections},
            "columns": columns,
            "pages": [record.target for record in stored],
            "page_count": len(stored),
            "links": self.link_truth() if with_links else None,
            "link_count": sum(record.link_count for record in stored),
            "annual_reports": self.report_truth(),
            "defects": (self.broken_link_defects() + self.column_defects() + self.metadata_defects()
                        + self.defects + self.report_defects()),
            "not_covered": self.not_covered(),
            "expected_status": "partial" if self.not_covered() else "complete",
            "with_browser": self.browser_truth(with_links),
        }
