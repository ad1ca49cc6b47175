"""The 政府信息公开工作年度报告 a run found, their years, issuers, publish dates and deadlines.

Not a check: `missing_annual_report`, `late_annual_report` and `incomplete_annual_report` share it.

Reports are the items of the 年报 section's columns (and links on its pages, for a 年报 page that is not
a list) whose title names a 年度报告/年报 and a year: "平潭综合实验区2024年度政府信息公开工作年度报告"
is the report for 2024 (the year a report covers, not the year it was published). 政府网站工作年度报表
and 政府工作报告 are other documents. Companion entries the 年报 column lists beside a report (图解,
一图读懂, 政策解读, 图文/视频解读, H5 …) are not reports: they are not judged as one, never satisfy a year
and never make one expected.

Report columns (contract "Judgements the checks share": per year and per report column). An unsplit 年报
section is one report column, whatever subcolumns it has (one per year, say). Pre-2019 and county
platforms split it by issuer (cms-patterns.md "Pre-2019 naming"): 政府年报 holds the body's own reports, 部门年报
/ 乡镇年报 (or a column per department or township) other bodies' reports. Then the body's own columns are
judged together for missing, late and incomplete reports, and each column of other issuers' reports for
lateness only, every report against its own issuer's deadline (`--level` describes the site, not them).

Deadlines (contract "Judgements the checks share", rules.md §2): a department's report for year Y by
Y+1-01-31, a county-or-higher government's own report by Y+1-03-31 (2019 条例 第四十九条); reports for 2018
and earlier by Y+1-03-31 for every body (2008 条例 第三十一条). Whose report it is: `--level` when given;
else the issuer named in the title (the text before the year), then the page's 发布机构 / 信息来源:
人民政府, 管委会, 政府办公室 … are a government's; 局, 委, 办, 中心 … a department's. When it cannot be told,
the later deadline applies and the finding says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from checks.base import RunContext
from crawler.parse.dates import date_from_url, parse_date

GOVERNMENT, DEPARTMENT = "government", "department"
LEVEL_LABELS = {GOVERNMENT: "本级人民政府", DEPARTMENT: "政府部门", None: "无法判断报告主体"}

REPORT_TITLE_RE = re.compile(r"年度报告|年报|工作报告")
NOT_REPORT_RE = re.compile(r"网站.{0,8}(年度|年报|报表)|报表|政府工作报告|统计公报|预算|决算|审计|"
                           r"工作要点|征求意见")
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
# A government's own report: issued by the 人民政府 (or its 办公室, a 管委会 …), or titled with the place
# name alone ("XX市2024年…").
# Townships and 街道 publish by the later deadline too (their reports are not a 县级以上部门's).
GOVERNMENT_RE = re.compile(r"人民政府|管委会|管理委员会|政府办公室|政府办公厅|行政公署|街道办事处|"
                           r"(?:省|市|县|区|州|旗|盟|乡|镇)政府$|"
                           r"^(?:.{1,10}(?:省|市|县|区|州|旗|盟|乡|镇|街道))$")
DEPARTMENT_RE = re.compile(r"局|委员会|委$|厅|办公室|办$|中心|署|院$|所$|站$|队$|部$|公司|集团")
# Entries a 年报 column lists beside the reports: readings, infographics, videos, H5 pages.
COMPANION_RE = re.compile(r"图解|解读|读懂|看懂|一图|图说|图文|视频|动画|动漫|漫画|长图|海报|音频|"
                          r"(?<![A-Za-z0-9])H5(?![0-9])", re.IGNORECASE)
# A report column below the section named for other issuers than the body itself (部门年报, 乡镇年报,
# 街道, a department's own column …): its reports are theirs.
OTHER_ISSUERS_RE = re.compile(r"部门|单位|委办局|[省市县区]直|乡镇|街道|社区|镇|乡|下属|直属|所属|企业|"
                              r"事业|局|委员会|中心|公司")
# The body speaking of itself (本局年报, 本级政府年报): its own column whatever its name says.
OWN_COLUMN_RE = re.compile(r"本(?:局|委|级|机关|单位|部门|中心)")
TITLE_SEPARATOR_RE = re.compile(r"\s*(?:_|\||｜|\s-\s|\s—\s|--)\s*")


class ColumnKind(Enum):
    """How a report column is judged."""

    OWN = "own"  # the body's own reports: missing, late and incomplete
    OTHER_ISSUERS = "other_issuers"  # 部门年报, 乡镇年报 …: lateness only, per issuer's deadline


@dataclass
class Report:
    year: int
    title: str
    url: str
    published: date | None
    published_source: str | None
    column: dict[str, Any]
    page: dict[str, Any] | None
    issuer: str | None  # the text that told whose report it is
    level: str | None  # government, department or None (cannot be told)
    kind: ColumnKind = ColumnKind.OWN  # of the column it is judged in

    @property
    def prefix(self) -> str:
        """The title before the year: usually the issuer ("平潭综合实验区")."""
        m = YEAR_RE.search(self.title)
        return re.sub(r"\s+", "", self.title[: m.start()]) if m else ""


def is_companion(title: str | None) -> bool:
    """True for a 图解 / 解读 / 一图读懂 / H5 … entry: it accompanies a report, it is not one."""
    return bool(COMPANION_RE.search(re.sub(r"\s+", "", title or "")))


def report_year(title: str, as_of: date) -> int | None:
    """The year a report covers, from its title, or None when the title is not a report's."""
    text = re.sub(r"\s+", "", title or "")
    if not REPORT_TITLE_RE.search(text) or NOT_REPORT_RE.search(text) or is_companion(text):
        return None
    for m in YEAR_RE.finditer(text):
        year = int(m.group(1))
        if 2000 <= year <= as_of.year:
            return year
    return None


# The statutory last days (month, day) of the year after the report's year; local rules may be stricter
# (怀化 2022: 市直单位 by 1月28日, rules.md §2), so the checks take them from the rules file
# (checks/rules.toml: department_deadline, government_deadline). The 2008 条例's 03-31 is history, fixed.
STATUTORY_DEADLINES = {DEPARTMENT: "01-31", GOVERNMENT: "03-31"}


def deadline(year: int, level: str | None, options: dict[str, str] | None = None) -> date:
    """The last day the report for `year` could be published on time (module doc).

    :param options: a check's options, whose `department_deadline` and `government_deadline` ("MM-DD")
        replace the statutory ones for reports of 2019 and later.
    """
    key = DEPARTMENT if year >= 2019 and level == DEPARTMENT else GOVERNMENT
    day_of_year = (options or {}).get(f"{key}_deadline", STATUTORY_DEADLINES[key]) if year >= 2019 \
        else STATUTORY_DEADLINES[GOVERNMENT]
    month, day = (int(part) for part in day_of_year.split("-"))
    return date(year + 1, month, day)


def deadline_basis(year: int, level: str | None) -> str:
    if year <= 2018:
        return "2008年《政府信息公开条例》第三十一条：每年3月31日前公布"
    if level == DEPARTMENT:
        return "《政府信息公开条例》第四十九条：县级以上人民政府部门每年1月31日前公布"
    if level == GOVERNMENT:
        return "《政府信息公开条例》第四十九条：县级以上地方人民政府每年3月31日前公布"
    return "无法判断报告主体，按较晚的截止日期（《政府信息公开条例》第四十九条，3月31日）判断"


def infer_level(*texts: str | None) -> tuple[str | None, str | None]:
    """(level, the text that told it) from issuer texts tried in order."""
    for text in texts:
        name = re.sub(r"\s+", "", text or "")
        if not name:
            continue
        if GOVERNMENT_RE.search(name):
            return GOVERNMENT, name
        if DEPARTMENT_RE.search(name):
            return DEPARTMENT, name
    return None, None


def find_reports(ctx: RunContext) -> list[Report]:
    """Every report the 年报 section lists, dated after as_of or not (see module doc)."""
    return [r for column in report_columns(ctx) for r in column.reports]


@dataclass
class ReportColumn:
    """One report column as the checks judge it: one column, or the body's own columns together."""

    kind: ColumnKind
    columns: list[dict[str, Any]]
    split: bool = False  # the section is split by issuer
    reports: list[Report] = field(default_factory=list)

    @property
    def column(self) -> dict[str, Any]:
        """The column findings name: the section's first column; in a split section the own column
        holding most of the reports (政府年报 rather than a section page listing everyone's)."""
        if not self.split:
            return self.columns[0]
        counts = Counter(r.column["url"] for r in self.reports)
        return max(self.columns, key=lambda c: (counts[c["url"]], c["path"].count(">")))

    @property
    def label(self) -> str:
        """"“政府年报”栏目" where the section is split, else nothing (the section is the column)."""
        return f"“{self.column['name']}”栏目" if self.split else ""


def report_columns(ctx: RunContext) -> list[ReportColumn]:
    """The run's report columns (module doc): the body's own first, then each other issuers' column."""
    return ctx.memo("report_columns", lambda: _report_columns(ctx))


def column_kind(column: dict[str, Any]) -> ColumnKind:
    """OTHER_ISSUERS when the column's path below the section names other issuers (部门年报 …)."""
    below_section = [part.strip() for part in (column.get("path") or "").split(">")][1:]
    others = [p for p in below_section if OTHER_ISSUERS_RE.search(p) and not OWN_COLUMN_RE.match(p)]
    return ColumnKind.OTHER_ISSUERS if others else ColumnKind.OWN


def _report_columns(ctx: RunContext) -> list[ReportColumn]:
    columns = ctx.columns_in("annual_report")
    others = [ReportColumn(ColumnKind.OTHER_ISSUERS, [c], split=True) for c in columns
              if column_kind(c) is ColumnKind.OTHER_ISSUERS]
    own = ReportColumn(ColumnKind.OWN, [c for c in columns if column_kind(c) is ColumnKind.OWN],
                       split=bool(others))
    theirs: set[str] = set()
    for group in others:
        group.reports = _reports_in(ctx, group)
        theirs |= {r.url for r in group.reports}
    # A section page that lists every issuer's reports: theirs stay in their own columns.
    own.reports = [r for r in _reports_in(ctx, own) if r.url not in theirs]
    return [group for group in (own, *others) if group.columns]


def _reports_in(ctx: RunContext, group: ReportColumn) -> list[Report]:
    reports: dict[str, Report] = {}
    for column in group.columns:
        for title, url, listed in _candidates(ctx, column):
            if url in reports or is_companion(title):
                continue
            page = ctx.page_at(url)
            year = report_year(title, ctx.as_of)
            if year is None and ctx.fetched(page):
                year = report_year(_own_title(ctx, page), ctx.as_of)
            if year is None:
                continue
            published, source = _published(ctx, listed, page, url)
            report = Report(year, title, url, published, source, column, page, None, None, group.kind)
            level, report.issuer = infer_level(report.prefix, ctx.metadata(page).get("publisher"),
                                               ctx.meta(page).get("ContentSource"))
            # --level says whose the site is: it decides for the body's own reports, not for others'.
            report.level = (ctx.level if group.kind is ColumnKind.OWN else None) or level
            reports[url] = report
    return sorted(reports.values(), key=lambda r: (r.year, r.published or date.max, r.url))


def _own_title(ctx: RunContext, page: dict[str, Any]) -> str:
    """The document's own title: its ArticleTitle meta, else `<title>` without the site's and column's
    names that CMSs append ("…年度报告_政策解读_XX县人民政府")."""
    title = ctx.meta(page).get("ArticleTitle") or page.get("title") or ""
    return TITLE_SEPARATOR_RE.split(title.strip(), maxsplit=1)[0]


def _candidates(ctx: RunContext, column: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    """(title, url, list date) of the column's items, then of the links on its own page."""
    found = [(item["title"] or "", item["url"], item["date"]) for item in column["items"]]
    page = ctx.page_at(column["url"]) or {}
    for link in ctx.links_from(column["url"], page.get("url"), page.get("final_url")):
        if link["kind"] in ("page", "attachment") and REPORT_TITLE_RE.search(link["anchor"] or ""):
            found.append((link["anchor"], link["target_url"], None))
    return found


def _published(ctx: RunContext, listed: str | None, page: dict[str, Any] | None,
               url: str) -> tuple[date | None, str | None]:
    """The publish date: the list's, else the document's own, else its URL's."""
    if listed:
        return date.fromisoformat(listed[:10]), "list"
    if ctx.fetched(page):
        for source, value in (("metadata", ctx.metadata(page).get("pub_date")),
                              ("meta", ctx.meta(page).get("PubDate")), ("page", page.get("pub_date"))):
            found = parse_date(value)
            if found:
                return found, source
    found = date_from_url(url)
    return (found, "url") if found else (None, None)


def current_reports(ctx: RunContext, group: ReportColumn) -> list[Report]:
    """The column's reports published on or before as_of (or with no known date): later ones are left
    out."""
    return [r for r in group.reports if r.published is None or r.published <= ctx.as_of]


def finding_key(group: ReportColumn, year: int) -> str:
    """The year, and the column's path where the section is split by issuer (one finding per year and
    per report column)."""
    return f"{group.column['path']}|{year}" if group.split else str(year)


def site_level(ctx: RunContext, reports: list[Report]) -> str | None:
    """Whose reports the site publishes: `--level`, else the level most of its reports show."""
    if ctx.level:
        return ctx.level
    levels = Counter(r.level for r in reports if r.level)
    return levels.most_common(1)[0][0] if levels else None


def latest_due_year(as_of: date, level: str | None, options: dict[str, str] | None = None) -> int:
    """The latest year whose report is overdue on as_of."""
    year = as_of.year - 1
    return year if as_of > deadline(year, level, options) else year - 1


def reports_withheld(ctx: RunContext, group: ReportColumn) -> bool:
    """True when part of the report column could not be seen: a report may be on what was missed."""
    return ctx.truncated or any(ctx.column_withheld(c) for c in group.columns)

