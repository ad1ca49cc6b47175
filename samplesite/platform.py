"""One random 政府信息公开 platform per seed, built from the patterns of cms-patterns.md (samplesite/README.md).

:class:`Platform` is a :class:`SiteBuilder` like the county: it declares sections and columns, fills them
with documents, marks defects, renders through the same templates and list schemes, and derives its ground
truth from what it rendered. What differs is that every choice comes from ``random.Random(seed)``, and
that each choice is recorded as a pattern id (``self.patterns``), so a test can see, without crawling,
that seeds 1–50 produce every pattern.

Truth is this model's own: a column is stale when its newest dated item is older than the period of the
class its name belongs to (rules.md §1.3), blank when it lists nothing; a report is late after its
issuer's deadline (条例 第四十九条) … The crawler's code is never consulted. Where a judgement could
honestly go two ways (a notice column's depth for the 5-column veto, a multi-issuer report published
between 31 January and 31 March), the generator does not produce the case.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from samplesite import hanweb, ruishu, templates
from samplesite.assets import png_bytes
from samplesite.builder import Report, Section, SiteBuilder
from samplesite.model import AS_OF, QUERY_PARAMS, Column, Doc
from samplesite.reports import HEADINGS, make_numbers, report_body
from samplesite.schemes import SchemeColumns
from samplesite.templates import SiteInfo, esc

DAY = timedelta(days=1)
PAGE_SIZE = 10
QUERY_PARAMS.setdefault("currpage", "currpage")  # generic ?currpage=N pager (Hanweb xxgk module style)
FRESHNESS_DAYS = {"dynamic": 14, "notice": 183, "basic": 365}
SLOW_PATH = "/ysqgk/online/"
LARGE_SIZE = 60 * 1024 * 1024  # past the crawler's 50 MiB download limit: too_large, not broken (contract)
# Related links that fail with a status or a redirect chain: route, truth reason.
RELATED_FAILURES = {
    "http_403": ({"kind": "status", "status": 403}, ("http_403", True)),
    "http_410": ({"kind": "status", "status": 410}, ("http_410", True)),
}
REDIRECT_CHAIN = 25  # hops, past Scrapy's 20: too_many_redirects, not a loop

# List schemes (one adapter of crawler/parse/lists/ each, cms-patterns.md §1–§6): scheme id -> the
# sample column's ``cms`` (None: a plain TRS list rendered by SiteBuilder.render_list_column).
LIST_SCHEMES = ("trs4", "trs_countpage", "trs_pagecontrol", "gansu", "trs_json", "hanweb_post", "hanweb_get",
                "hanweb_uid", "jpaas", "fjdz", "query", "currpage", "inline_json", "html_next", "js")
HANWEB_SCHEMES = ("hanweb_post", "hanweb_get", "hanweb_uid")

# Column names by freshness class (rules.md §1.3 / §1.5): names whose class no rule reads otherwise.
NEWS_NAMES = ("工作动态", "部门动态", "乡镇动态", "政务动态", "要闻动态")
NOTICE_NAMES = ("通知公告", "规范性文件", "政策文件", "公示公告")
BASIC_NAMES = ("人事信息", "规划计划", "财政预决算", "统计信息", "重大项目", "机构领导")
ABBR = {"工作动态": "gzdt", "部门动态": "bmdt", "乡镇动态": "xzdt", "政务动态": "zwdt", "要闻动态": "ywdt",
        "通知公告": "tzgg", "规范性文件": "gfxwj", "政策文件": "zcwj", "公示公告": "gsgg", "人事信息": "rsxx",
        "规划计划": "ghjh", "财政预决算": "czyjs", "统计信息": "tjxx", "重大项目": "zdxm", "机构领导": "jgld"}
CLASS_OF = {**{n: "dynamic" for n in NEWS_NAMES}, **{n: "notice" for n in NOTICE_NAMES},
            **{n: "basic" for n in BASIC_NAMES}}

PLACES = ("青山", "白水", "云溪", "石门", "桃源", "丰乐", "长宁", "安平", "清河", "龙泉", "凤阳", "东湖")
ABBR_PLACE = dict(zip(PLACES, ("qs", "bs", "yx", "sm", "ty", "fl", "cn", "ap", "qh", "lq", "fy", "dh"), strict=True))
DEPARTMENTS = (("教育局", "jyj"), ("财政局", "czj"), ("卫生健康局", "wjj"), ("农业农村局", "nyj"),
               ("民政局", "mzj"), ("交通运输局", "jtj"))
TOWNS = ("城关镇", "河口镇", "石桥乡", "新华镇")
EMPTY_MARKERS = ("暂无信息", "此栏目暂无任何新增信息")

INTERACTION_TEXT = ("<p>县长信箱是县人民政府听取群众意见、接受群众监督的渠道。来信人应如实填写姓名、联系电话和通信地址，"
                    "所反映的问题应当真实、具体、清楚。涉及诉讼、仲裁、行政复议等法定途径解决的事项，请依法向有关机关提出。"
                    "来信办理情况将在十五个工作日内答复，答复内容可在本栏目查询。</p>")
SECTION_LABELS = {  # naming -> section -> label (rules.md §5 2019 standard; older platforms, issue 7)
    "2019": {"guide": "政府信息公开指南", "rules": "政府信息公开制度", "statutory": "法定主动公开内容",
             "annual_report": "政府信息公开年报"},
    "pre2019": {"guide": "信息公开指南", "rules": "信息公开制度", "statutory": "政府信息公开目录",
                "annual_report": "政府信息公开年度报告"},
}
SECTION_ABBR = {"guide": "zfxxgkzn", "rules": "zfxxgkzd", "statutory": "fdzdgknr", "annual_report": "zfxxgknb"}


@dataclass
class Plan:
    """The seed's choices, each of which names one or more patterns."""

    style: str  # trs (deep /zwgk/… paths), hanweb (flat /col/colNNN/), modern (/xxgk/…)
    encoding: str  # utf-8 or gbk, site-wide
    naming: str  # 2019 or pre2019
    render: str  # never or auto: the crawl the truth describes
    soft404: str  # how the site answers a deleted document: soft404, redirect_home, redirect_parent, meta_refresh
    missing_section: str | None
    guide_list: int  # 0: the 指南 is a page; n: a list of n guide documents
    guide_missing: tuple[str, ...]  # items the (single) guide leaves out
    report_split: bool
    report_extras: bool  # 图解/解读 entries in the 年报 column
    departments: int  # department sub-platforms
    veto: str | None  # too_many_stale_columns, too_many_long_stale_columns, too_many_blank_columns
    stale_homepage: bool
    nested_nav: bool
    challenge: bool  # a column behind a 瑞数 challenge
    schemes: list[str] = field(default_factory=list)


class GenColumn(Column):
    """A column whose list pages may also be named by the generator's extra schemes."""

    def page_path(self, index: int) -> str:
        if index and self.cms == "hanweb_uid":
            return f"{self.path}?uid={self.ids['unitid']}&pageNum={index + 1}"
        return super().page_path(index)


def make_plan(seed: int) -> Plan:
    """Every pattern is tied to the seed, with moduli chosen so that the features mix (a TRS site is not
    always a 2019-named one …) and 50 consecutive seeds hold each pattern (see README)."""
    first = (seed * 7) % len(LIST_SCHEMES)
    chosen = [LIST_SCHEMES[(first + i) % len(LIST_SCHEMES)] for i in range(5)]
    veto = {7: "too_many_stale_columns", 3: "too_many_long_stale_columns", 5: "too_many_blank_columns"}.get(seed % 11)
    return Plan(
        style=("trs", "hanweb", "modern")[seed % 3], encoding="gbk" if seed % 4 == 1 else "utf-8",
        naming="pre2019" if seed % 5 in (2, 4) else "2019",
        render="auto" if "js" in chosen and seed % 2 == 0 else "never",
        soft404=("soft404", "redirect_home", "redirect_parent", "meta_refresh")[(seed // 3) % 4],
        missing_section=("rules", None, "guide", None, None, "annual_report", None)[seed % 7],
        guide_list=(0, 1, 0, 2)[(seed // 5) % 4], guide_missing=(("传真号码",), (), ("收费",), ())[(seed // 4) % 4],
        report_split=seed % 7 == 3, report_extras=seed % 4 != 2, departments=(0, 2, 1)[(seed // 2) % 3],
        veto=veto, stale_homepage=seed % 9 == 4, nested_nav=seed % 2 == 1, challenge=seed % 8 == 6,
        schemes=chosen)


class Platform(SchemeColumns, SiteBuilder):
    """A generated county government site with its platform; origin ``site``."""

    level = "government"
    origin_name = "site"

    def __init__(self, seed: int, root=None) -> None:
        super().__init__(root)
        self.seed = seed
        self.rng = random.Random(seed)
        self.plan = make_plan(seed)
        place = PLACES[seed % len(PLACES)]
        self.place = place
        self.name = f"{place}县人民政府"
        self.office = f"{place}县人民政府办公室"
        self.code = f"11{seed % 100:02d}3300MB{seed % 10000:04d}0X"[:18]
        self.patterns: set[str] = set()
        self.box_columns: list[Column] = []
        self.container_pages: dict[str, list[Column]] = {}  # group page path -> its subcolumns
        self.department_sites: list[tuple[str, str, list[Column]]] = []  # (name, landing path, columns)
        self.report_columns: list[tuple[Column, str]] = []  # (column, issuer kind: own/department/town)
        self.guide_docs: list[Doc] = []
        self.budget = {"stale_news": 0, "stale_notice": 0, "stale": 0, "blank": 0}
        self._next_id = 100 + seed * 7

    # ----- identity and paths ------------------------------------------------------------------
    def next_id(self) -> int:
        self._next_id += 1 + self.rng.randint(0, 3)
        return self._next_id

    @property
    def landing_path(self) -> str:
        return {"trs": "/zwgk/", "hanweb": "/col/col1001/index.html", "modern": "/xxgk/"}[self.plan.style]

    def section_path(self, key: str) -> str:
        style = self.plan.style
        if style == "hanweb":
            return f"/col/col{1002 + list(SECTION_ABBR).index(key)}/"
        return f"{self.landing_path}{SECTION_ABBR[key]}/"

    def column_path(self, scheme: str, abbr: str, parent: str | None = None) -> str:
        """Where a statutory column of this scheme lives on a site of this style."""
        if scheme in HANWEB_SCHEMES:
            return f"/col/col{self.next_id()}/index.html"
        if scheme == "jpaas":
            return f"/{self.site_code}/col/col{self.next_id()}/index.html"
        if scheme == "gansu":
            return f"/{self.site_code}/c{self.next_id()}/zwgklist.shtml"
        if self.plan.style == "hanweb":
            return f"/col/col{self.next_id()}/"
        base = parent or (self.section_path("statutory") if self.plan.style == "trs" else self.landing_path)
        return f"{base}{abbr}/"

    @property
    def site_code(self) -> str:
        return f"{ABBR_PLACE.get(self.place, 'xx')}xzf"

    # ----- build -------------------------------------------------------------------------------
    def build(self) -> None:
        self.landing = self.landing_path
        self.declare()
        self.fill_reports()
        self.number_docs(first_id=self._next_id + 10, reports=False)  # reports are listed docs here
        self.mark_defects()
        self.register_broken()
        self.render()

    def note(self, *patterns: str) -> None:
        self.patterns.update(patterns)

    def declare(self) -> None:
        plan = self.plan
        labels = SECTION_LABELS[plan.naming]
        self.note(f"style_{plan.style}", f"encoding_{plan.encoding}", f"naming_{plan.naming}",
                  f"soft404_{plan.soft404}", f"render_{plan.render}")
        keys = [k for k in ("guide", "rules", "statutory", "annual_report") if k != plan.missing_section]
        if plan.missing_section:
            self.note(f"missing_section_{plan.missing_section}")
        self.sections = [Section(k, labels[k], self.section_path(k)) for k in keys]
        self.columns = []
        if "guide" in keys:
            self.declare_guide(labels["guide"])
        if "rules" in keys:
            rules = self.new_column(labels["rules"], self.section_path("rules"), labels["rules"], "rules",
                                    freshness=None)
            self.fill_plain(rules, self.rng.randint(1, 6), AS_OF - self.rng.randint(30, 500) * DAY, "制度")
        self.declare_outside()  # first: a stale homepage spends the stale budget before the platform does
        statutory = self.declare_statutory(labels["statutory"])
        if "annual_report" in keys:
            self.declare_reports(labels["annual_report"])
        self.apply_veto(statutory)
        self.site = SiteInfo(
            origin=self.origin_name, name=self.name, domain=f"www.{self.site_code}.gov.cn",
            idcode=f"33{self.seed:08d}"[-10:], host_unit=self.office, icp=f"东ICP备{10000 + self.seed}号",
            nav=self.header_nav(), platform_title="政府信息公开" if plan.naming == "2019" else "政务公开",
            left_nav=self.left_nav())

    def new_column(self, name: str, path: str, label_path: str, section: str | None, *,
                   freshness: str | None, kind: str = "list", scheme: str | None = "trs", cms: str | None = None,
                   in_platform: bool = True, **ids: str) -> GenColumn:
        column = GenColumn(name, path, label_path, section, kind=kind, scheme=scheme if kind == "list" else None,
                           freshness=freshness, encoding=self.plan.encoding, cms=cms, in_platform=in_platform,
                           ids=dict(ids))
        column.page_size = PAGE_SIZE
        self.columns.append(column)
        return column

    # -- 指南 ------------------------------------------------------------------------------------
    def declare_guide(self, label: str) -> None:
        plan = self.plan
        path = self.section_path("guide")
        if plan.guide_list:
            column = self.new_column(label, path, label, "guide", freshness=None)
            self.note("guide_list", "one_item_list" if plan.guide_list == 1 else "guide_list_many")
            for i in range(plan.guide_list):
                year = AS_OF.year - i
                doc = self.new_doc(f"{self.name}政府信息公开指南（{year}年修订）" if i else
                                   f"{self.name}政府信息公开指南", AS_OF - (40 + 365 * i) * DAY)
                column.docs.append(doc)
                self.guide_docs.append(doc)
        else:
            column = self.new_column(label, path, label, "guide", freshness=None, kind="page")
            column.page_date = AS_OF - 120 * DAY
            self.note("guide_page")
        if plan.guide_missing and plan.guide_list <= 1:
            self.note("defect_incomplete_guide")

    # -- 法定主动公开内容 -------------------------------------------------------------------------
    def declare_statutory(self, label: str) -> list[Column]:
        """Columns of the statutory section, one per chosen scheme, plus page columns and groups."""
        plan = self.plan
        self.statutory_label = label
        names = list(NEWS_NAMES[:4] + NOTICE_NAMES + BASIC_NAMES)
        self.rng.shuffle(names)
        made: list[Column] = []
        functions = self.new_column("机构职能", self.column_path("html_next", "jgzn"), f"{label} > 机构职能",
                                    "statutory", freshness="basic", kind="page")
        functions.page_date = AS_OF - self.rng.randint(10, 200) * DAY
        group_path = None
        if plan.nested_nav:
            group_path = self.column_path("trs4", "zfxx")
        for index, scheme in enumerate(plan.schemes):
            name = names[index]
            nested = group_path is not None and index >= 3 and scheme not in (*HANWEB_SCHEMES, "jpaas", "gansu")
            parent = group_path if nested and self.plan.style == "trs" else None
            path = self.column_path(scheme, ABBR[name], parent)
            label_path = f"{label} > 政务信息 > {name}" if nested else f"{label} > {name}"
            column = self.scheme_column(name, path, label_path, scheme)
            if nested:
                self.container_pages.setdefault(group_path, []).append(column)
            made.append(column)
        if group_path and group_path not in self.container_pages:
            group_path = None  # every column here has a path of its own scheme (Hanweb, jpaas, Gansu): no group
        if group_path:
            self.note("nav_nesting")
            group = self.new_column("政务信息", group_path, f"{label} > 政务信息", "statutory", freshness=None,
                                    kind="page")
            group.page_date = None
            self.columns.remove(group)
            self.columns.insert(self.columns.index(self.container_pages[group_path][0]), group)
        for column in made:
            self.fill_column(column)
            if column.docs:  # an empty column is shown as an empty list, whatever its scheme
                self.note(f"scheme_{column.ids['gen_scheme']}")
        if plan.challenge:
            self.declare_challenged(label)
        if plan.departments:
            self.declare_departments(label)
        return made

    def declare_challenged(self, label: str) -> None:
        """A column behind a 瑞数-style challenge (cms-patterns.md §8): blocked without a browser, crawled
        with one. Fresh and without defects, so that only the challenge differs between the two."""
        column = self.new_column("政府采购", self.column_path("trs4", "zfcg"), f"{label} > 政府采购", "statutory",
                                 freshness="basic")
        column.blocked = True
        self.fill_plain(column, self.rng.randint(3, 8), AS_OF - self.rng.randint(0, 30) * DAY, "采购")
        self.note("challenge_ruishu")

    def scheme_column(self, name: str, path: str, label_path: str, scheme: str) -> GenColumn:
        cls = CLASS_OF[name]
        ids: dict[str, str] = {}
        cms: str | None = None
        kind_scheme = "trs"
        number = path.strip("/").split("/")[-2 if path.endswith(".html") or path.endswith(".shtml") else -1]
        digits = "".join(ch for ch in number if ch.isdigit()) or str(self.next_id())
        if scheme in ("trs_countpage", "trs_pagecontrol", "hanweb_get", "hanweb_uid", "currpage"):
            cms = scheme
            kind_scheme = {"currpage": "html"}.get(scheme, "hanweb_datastore" if "hanweb" in scheme else "trs")
        elif scheme == "hanweb_post":
            kind_scheme = "hanweb_datastore"
        elif scheme == "html_next":
            kind_scheme = "html"
        elif scheme == "trs4":
            pass
        else:
            cms = {"gansu": "gansu", "trs_json": "trs_json", "jpaas": "jpaas", "fjdz": "fjdz", "query": "query",
                   "inline_json": "inline_json", "js": "js"}[scheme]
            kind_scheme = {"jpaas": "jpaas", "trs_json": "trs_json", "fjdz": "fjdz", "query": "html",
                           "inline_json": "inline_json", "js": "script"}.get(scheme, "trs")
        if scheme == "jpaas":
            ids = {"unitid": digits, "site": self.site_code, "code": f"col{digits}"}
        elif scheme == "trs_json":
            ids = {"feed": f"{ABBR[name]}.json"}
        elif scheme == "fjdz":
            ids = {"chnlid": digits}
        elif scheme == "js":
            ids = {"api": f"{ABBR[name]}{digits}"}
        elif scheme in HANWEB_SCHEMES:
            ids = {"unitid": str(int(digits) + 50000)}
        column = self.new_column(name, path, label_path, "statutory", freshness=cls, scheme=kind_scheme, cms=cms,
                                 **ids)
        column.ids.setdefault("gen_scheme", scheme)
        if scheme in HANWEB_SCHEMES:
            self.hanweb_columns[path] = hanweb.HanwebColumn(columnid=digits, unitid=ids["unitid"], webid="1",
                                                            webname=self.name, perpage=PAGE_SIZE)
        return column

    def fill_column(self, column: Column) -> None:
        """Documents for a list column: fresh, stale, blank or a single item, within the veto budget."""
        state = self.pick_state(column)
        if state == "blank":
            self.note("defect_blank_column", "empty_marker" if self.seed % 2 else "empty_plain")
            return
        limit = FRESHNESS_DAYS[column.freshness or "basic"]
        if state == "stale":
            newest = AS_OF - (limit + self.rng.randint(5, 200)) * DAY
            self.note("defect_stale_column")
        else:
            newest = AS_OF - self.rng.randint(0, min(limit - 1, 12)) * DAY
        count = 1 if state == "one" else self.rng.randint(3, 24)
        if state == "one":
            self.note("one_item_list")
        self.fill_plain(column, count, newest, column.name)

    def pick_state(self, column: Column) -> str:
        """fresh / stale / blank / one; stale and blank only while no veto would be ambiguous (see doc)."""
        roll = self.rng.random()
        budget = self.budget
        if column.cms == "js" and self.plan.render == "never":
            return "fresh" if roll < 0.7 else "stale"  # withheld either way: not rendered
        if roll < 0.25 and self.can_be_stale(column):
            self.count_stale(column)
            return "stale"
        if roll < 0.33 and budget["blank"] < 4 and self.plan.veto != "too_many_blank_columns":
            budget["blank"] += 1
            return "blank"
        if roll < 0.43:
            return "one"
        return "fresh"

    def can_be_stale(self, column: Column) -> bool:
        budget = self.budget
        urgent = column.freshness in ("dynamic", "notice")
        if self.plan.veto in ("too_many_stale_columns", "too_many_long_stale_columns"):
            return False  # apply_veto adds exactly the stale columns of the veto
        return budget["stale"] < 9 and (not urgent or budget["stale_news"] + budget["stale_notice"] < 4)

    def count_stale(self, column: Column) -> None:
        self.budget["stale"] += 1
        if column.freshness == "dynamic":
            self.budget["stale_news"] += 1
        elif column.freshness == "notice":
            self.budget["stale_notice"] += 1

    def fill_plain(self, column: Column, count: int, newest: date, topic: str) -> None:
        day = newest
        for i in range(count):
            column.docs.append(self.new_doc(self.title(column, topic, i, day), day,
                                            doc_no=f"{self.place}政发〔{day.year}〕{i + 3}号" if i % 3 == 0 else "无"))
            day -= self.rng.randint(1, 12) * DAY

    def title(self, column: Column, topic: str, index: int, day: date) -> str:
        words = ("工作", "实施方案", "情况通报", "会议召开", "专项行动", "调度会", "进展情况", "管理办法", "公示")
        return f"{self.place}县{topic}{words[(index + self.seed) % len(words)]}（{day.year}年第{index + 1}期）"

    # -- department sub-platforms -----------------------------------------------------------------
    def declare_departments(self, label: str) -> None:
        """部门信息公开: each department a sub-platform page with columns of its own (one may be empty)."""
        self.note("department_subplatforms")
        base = self.landing_path if self.plan.style != "hanweb" else "/col/"
        for k in range(self.plan.departments):
            dept, abbr = DEPARTMENTS[(self.seed + k) % len(DEPARTMENTS)]
            name = f"{self.place}县{dept}"
            landing = f"{base}bmxxgk/{abbr}/" if self.plan.style != "hanweb" else f"/col/col{self.next_id()}/"
            columns = []
            for col_name, cls in (("通知公告", "notice"), ("工作动态", "dynamic")):
                path = f"{landing}{ABBR[col_name]}/"
                column = self.new_column(col_name, path, f"{label} > 部门信息公开 > {name} > {col_name}",
                                         "statutory", freshness=cls)
                columns.append(column)
                self.fill_column(column)
            self.department_sites.append((name, landing, columns))

    # -- 年报 ------------------------------------------------------------------------------------
    def declare_reports(self, label: str) -> None:
        path = self.section_path("annual_report")
        if not self.plan.report_split:
            column = self.new_column(label, path, label, "annual_report", freshness=None)
            self.report_columns.append((column, "own"))
            return
        self.note("report_split")
        section = self.new_column(label, path, label, "annual_report", freshness=None, kind="page")
        section.page_date = None
        for sub, kind in (("政府年报", "own"), ("部门年报", "department"), ("乡镇年报", "town")):
            sub_path = (f"/col/col{self.next_id()}/" if self.plan.style == "hanweb"
                        else f"{path}{'zfnb' if kind == 'own' else 'bmnb' if kind == 'department' else 'xznb'}/")
            column = self.new_column(sub, sub_path, f"{label} > {sub}", "annual_report", freshness=None)
            self.report_columns.append((column, kind))
            self.container_pages.setdefault(path, []).append(column)

    def fill_reports(self) -> None:
        """The body's own reports with random gaps, late and incomplete ones; issuers' reports when split."""
        if not self.report_columns:
            return
        rng = self.rng
        first = rng.choice((2015, 2016, 2017, 2018, 2019, 2020))
        years = list(range(first, 2026))
        missing = set(rng.sample(years[1:-1], k=rng.choice((0, 0, 1, 2)))) if len(years) > 3 else set()
        late = {y for y in years if y not in missing and rng.random() < 0.2}
        incomplete = {y for y in years if y not in missing and y >= 2021 and rng.random() < 0.15}
        carry = None
        own = next(c for c, kind in self.report_columns if kind == "own")
        for year in years:
            numbers = make_numbers(self.name, year, 30, carry)
            carry = numbers.carry_out
            if year in missing:
                continue
            published = (date(year + 1, rng.randint(4, 6), rng.randint(1, 28)) if year in late
                         else date(year + 1, rng.randint(1, 3), rng.randint(5, 25)))
            doc = self.new_doc(f"{self.name}{year}年政府信息公开工作年度报告", published)
            omit = (HEADINGS[rng.randint(1, len(HEADINGS) - 1)],) if year in incomplete and rng.random() < 0.5 else ()
            self.reports.append(Report(year, doc, numbers, omit=omit, unbalanced=year in incomplete and not omit))
        self.note(*(["defect_missing_annual_report"] if missing else []),
                  *(["defect_late_annual_report"] if late else []),
                  *(["defect_incomplete_annual_report"] if incomplete else []))
        own.docs = [r.doc for r in sorted(self.reports, key=lambda r: r.year, reverse=True)]
        if self.plan.report_extras:
            self.add_report_extras(own, missing)
        for column, kind in self.report_columns:
            if kind != "own":
                self.fill_issuer_reports(column, kind)

    def add_report_extras(self, column: Column, missing: set[int]) -> None:
        """图解/解读 entries: never a report, never satisfying a year (a missing year gets one too)."""
        self.note("report_extras")
        years = sorted(r.year for r in self.reports)[-2:] + sorted(missing)[:1]
        extras = []
        for i, year in enumerate(years):
            form = ("图解：{name}{year}年政府信息公开工作年度报告", "一图读懂《{name}{year}年政府信息公开工作年度报告》",
                    "《{name}{year}年政府信息公开工作年度报告》解读")[(i + self.seed) % 3]
            doc = self.new_doc(form.format(name=self.name, year=year), date(year + 1, 3, 28))
            doc.images = []
            extras.append(doc)
        column.docs = sorted(column.docs + extras, key=lambda d: d.day, reverse=True)
        self.report_extra_docs = extras

    def fill_issuer_reports(self, column: Column, kind: str) -> None:
        """Reports of several departments or townships: on time (January) or clearly late (May–June)."""
        self.issuer_reports = getattr(self, "issuer_reports", [])
        issuers = ([f"{self.place}县{d}" for d, _ in DEPARTMENTS[:3]] if kind == "department"
                   else [f"{self.place}县{t}人民政府" for t in TOWNS[:2]])
        for issuer in issuers:
            carry = None
            for year in (2023, 2024, 2025):
                numbers = make_numbers(issuer, year, 8, carry)
                carry = numbers.carry_out
                if self.rng.random() < 0.15:
                    continue  # a gap in a many-issuer column is not judged (contract)
                is_late = self.rng.random() < 0.2
                published = (date(year + 1, self.rng.randint(5, 6), self.rng.randint(1, 28)) if is_late
                             else date(year + 1, 1, self.rng.randint(5, 25)))
                doc = self.new_doc(f"{issuer}{year}年政府信息公开工作年度报告", published, publisher=issuer)
                column.docs.append(doc)
                self.issuer_reports.append((column, kind, issuer, year, doc, numbers, is_late))
                if is_late:
                    self.note("defect_late_issuer_report")
        column.docs.sort(key=lambda d: d.day, reverse=True)

    # -- outside the platform: homepage news, box-only column, 依申请 --------------------------------
    def declare_outside(self) -> None:
        stale_home = self.plan.stale_homepage
        if stale_home:
            self.note("defect_stale_homepage")
        news = self.new_column("要闻动态", "/xwzx/ywdt/", "新闻中心 > 要闻动态", None, freshness="dynamic",
                               in_platform=False)
        notices = self.new_column("通知公告", "/xwzx/tzgg/", "新闻中心 > 通知公告", None, freshness="notice",
                                  in_platform=False)
        towns = self.new_column("乡镇动态", "/xwzx/xzdt/", "乡镇动态", None, freshness="dynamic", in_platform=False)
        self.note("homepage_boxes", "homepage_box_only_column")
        for column, topic in ((news, "要闻"), (notices, "公告"), (towns, "乡镇")):
            limit = FRESHNESS_DAYS[column.freshness]
            if stale_home:
                newest = AS_OF - (20 + self.rng.randint(0, 30)) * DAY
                if column.freshness == "dynamic":
                    self.count_stale(column)
            else:
                newest = AS_OF - self.rng.randint(0, min(limit - 1, 10)) * DAY
            self.fill_plain(column, self.rng.randint(6, 14), newest, topic)
        self.box_columns = [news, notices, towns]
        apply = self.new_column("依申请公开", f"{self.landing_path if self.plan.style != 'hanweb' else '/'}ysqgk/",
                                "依申请公开", None, freshness=None, kind="page")
        apply.page_date = AS_OF - 300 * DAY

    def apply_veto(self, statutory: list[Column]) -> None:
        """Add the columns that reach a veto threshold: stale 动态 columns, or blank ones."""
        veto = self.plan.veto
        if not veto:
            return
        self.note(f"defect_{veto}")
        label = self.statutory_label
        need = {"too_many_stale_columns": 5, "too_many_long_stale_columns": 10, "too_many_blank_columns": 5}[veto]
        have = {"too_many_stale_columns": self.budget["stale_news"], "too_many_long_stale_columns": self.budget["stale"],
                "too_many_blank_columns": self.budget["blank"]}[veto]
        base = self.section_path("statutory") if self.plan.style == "trs" else self.landing_path
        for i in range(need - have):
            town = f"{PLACES[(self.seed + i + 1) % len(PLACES)]}镇"
            name = f"{town}动态" if veto != "too_many_long_stale_columns" or i % 2 else f"{town}规划计划"
            path = f"/col/col{self.next_id()}/" if self.plan.style == "hanweb" else f"{base}xz{i + 1}/"
            column = self.new_column(name, path, f"{label} > {name}", "statutory",
                                     freshness="dynamic" if "动态" in name else "basic")
            if veto == "too_many_blank_columns":
                self.budget["blank"] += 1
                continue
            self.count_stale(column)
            limit = FRESHNESS_DAYS[column.freshness]
            self.fill_plain(column, self.rng.randint(1, 4), AS_OF - (limit + 30 + i) * DAY, town)
            statutory.append(column)

    # ----- navigation --------------------------------------------------------------------------
    def header_nav(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        news, notices = self.box_columns[0], self.box_columns[1]
        entry = "政府信息公开" if self.seed % 2 else "政务公开"
        news_children = [(news.name, self.u(news.path)), (notices.name, self.u(notices.path))]
        return [("首页", self.u("/"), []), (entry, self.u(self.landing_path), []),
                ("新闻中心", self.u(news.path), news_children if self.plan.nested_nav else []),
                *([] if self.plan.nested_nav else [("通知公告", self.u(notices.path), [])]),
                ("互动交流", self.u("/hdjl/"), [])]

    def left_nav(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """Sections with their columns; a nested group shows its subcolumns under it."""
        items = []
        nested = {c.path for cols in self.container_pages.values() for c in cols}
        for s in self.sections:
            children = []
            for column in self.columns:
                if column.section != s.key or column.path == s.path or column.path in nested:
                    continue
                if column.label_path.count(">") > 1 and "部门信息公开" in column.label_path:
                    continue
                children.append((column.name, self.u(column.path)))
                for sub in self.container_pages.get(column.path, []):
                    children.append((f"　{sub.name}", self.u(sub.path)))
            if s.key == "annual_report" and s.path in self.container_pages:
                children = [(sub.name, self.u(sub.path)) for sub in self.container_pages[s.path]]
            if s.key == "statutory" and self.department_sites:
                children.append(("部门信息公开", self.u(self.department_index_path)))
            items.append((s.label, self.u(s.path), children))
        return items

    @property
    def department_index_path(self) -> str:
        return "/col/col1099/" if self.plan.style == "hanweb" else f"{self.landing_path}bmxxgk/"

    # ----- defects -----------------------------------------------------------------------------
    def mark_defects(self) -> None:
        """Broken links of every reason, metadata gaps; documents on the homepage boxes included."""
        rng = self.rng
        docs = [(c, d) for c in self.columns if c.in_platform and c.kind == "list" and c.section == "statutory"
                and not c.browser_only and not c.blocked for d in c.docs]
        if not docs:
            return
        fates = ["404", self.plan.soft404, "500" if self.seed % 3 == 0 else "loop"]
        if self.seed % 4 == 0:
            fates.append("meta_refresh" if self.plan.soft404 != "meta_refresh" else "redirect_home")
        for fate in fates:
            column, doc = docs[rng.randrange(len(docs))]
            if doc.fate != "ok" or doc in self.guide_docs:
                continue
            if fate == "redirect_parent" and not column.path.endswith("/"):
                fate = "redirect_home"  # only a directory column is a parent to redirect to
            doc.fate = fate
            self.note(f"broken_{fate}")
        live = [(c, d) for c, d in docs if d.fate == "ok"]
        rng.shuffle(live)
        for k, (column, doc) in enumerate(live[:6]):
            if k == 0:
                self.attach(doc, "pdf", "附件：实施细则.pdf", exists=False)
                self.note("broken_attachment_404")
            elif k == 1:
                self.attach(doc, "jpg", "现场图片", image=True, exists=False)
                self.note("broken_image_404")
            elif k == 2:
                image = self.seed % 2 == 1
                self.attach(doc, "jpg" if image else "pdf", "办理结果图片" if image else "附件：办理结果.pdf",
                            image=image)
                self.binary_soft404 = (doc, (doc.images if image else doc.attachments)[-1])
                self.note("binary_soft404_image" if image else "binary_soft404")
            elif k == 3 and "部门信息公开" not in column.label_path:
                # Not on a department's sub-platform: whether its documents are this body's 法定主动公开
                # documents is the scope's judgement, not a metadata question.
                doc.index_no = f"{self.code}/{doc.day.year}-"
                self.note("defect_missing_metadata_index")
            elif k == 4:
                self.attach(doc, "docx", "附件：申报表.docx")
            elif k == 5 and self.seed % 2:
                doc.related.append((self.u(SLOW_PATH), "网上申报系统"))
                self.origin.route(SLOW_PATH, {"kind": "slow"})
                self.broken[self.u(SLOW_PATH)] = ("timeout", False)
                self.note("broken_timeout")
        self.mark_link_failures(live[6:])
        for column in self.columns:
            if column.name == "规范性文件" and column.docs and column.in_platform and not column.browser_only:
                target = column.docs[min(1, len(column.docs) - 1)]
                if target.fate == "ok":
                    target.validity = None
                    self.note("defect_missing_metadata_validity")
        # The newest document of a homepage-box column carries a defect only a parsed document shows.
        box = next((c for c in self.platform_box_columns() if c.docs and c.docs[0].fate == "ok"), None)
        if box:
            self.attach(box.docs[0], "pdf", "附件：通知全文.pdf", exists=False)
            self.note("box_document_defect")

    def mark_link_failures(self, live: list[tuple[Column, Doc]]) -> None:
        """Two 相关链接 failing with 403, 410 or a 25-hop redirect chain, and an attachment too large to
        download (recorded with its size, not a broken link)."""
        kinds = ("http_403", "http_410", "too_many_redirects")
        for k, (_, doc) in enumerate(live[:2]):
            kind = kinds[(self.seed + k) % len(kinds)]
            if kind == "too_many_redirects":
                for hop in range(REDIRECT_CHAIN):
                    self.origin.route(f"/go/{doc.doc_id}/{hop}", {"kind": "redirect", "status": 302,
                                                                  "location": f"/go/{doc.doc_id}/{hop + 1}"})
                path, broken = f"/go/{doc.doc_id}/0", ("too_many_redirects", True)
            else:
                path = f"/old/{kind}/{doc.doc_id}.html"
                route, broken = RELATED_FAILURES[kind]
                self.origin.route(path, route)
            self.broken[self.u(path)] = broken
            doc.related.append((self.u(path), "原政策文件"))
            self.note(f"broken_{kind}")
        for _, doc in live[2:3]:
            self.attach(doc, "pdf", "附件：全文扫描件.pdf")
            item = doc.attachments[-1]
            self.origin.route(item.path, {"kind": "large", "size": LARGE_SIZE})
            self.not_defects.append({"target": self.u(item.path),
                                     "why": "60 MiB attachment: too_large, recorded with its size, not broken"})
            self.note("too_large_attachment")

    def platform_box_columns(self) -> list[Column]:
        """Platform columns the homepage shows in boxes (heading + 更多 + newest items)."""
        wanted = [c for c in self.columns if c.in_platform and c.section == "statutory" and c.kind == "list"
                  and c.docs and not c.browser_only and not c.blocked and c.freshness in ("dynamic", "notice")
                  and "部门信息公开" not in c.label_path and c.cms not in ("trs_json", "fjdz")]
        return wanted[:2]

    # ----- rendering ---------------------------------------------------------------------------
    def render(self) -> None:
        self.add_common_files()
        o = self.origin
        o.add_file("/images/logo.png", png_bytes(48, 48, (30 + self.seed % 200, 60, 120)))
        o.add_file("/robots.txt", b"User-agent: *\nDisallow:\n")
        o.add_file(hanweb.JQUERY_PATH, b"/* jQuery stand-in */\n")
        o.add_file(hanweb.JPAGE_SCRIPT_PATH, hanweb.JPAGE_JS.encode("utf-8"))
        self.render_home()
        self.render_landing([("依申请公开", self.column_by_name("依申请公开").path)])
        if any(s.key == "statutory" for s in self.sections):
            self.render_statutory_page()
        for column in self.columns:
            self.render_column(column)
        for path, subs in self.container_pages.items():
            self.render_container(self.column(path), subs)
        if self.department_sites:
            self.render_departments()
        self.render_binary_soft404()
        self.render_interaction()
        for column in self.columns:
            if column.blocked:
                o.route(f"{column.path}*", {"kind": "challenge"})
                o.add_file(ruishu.SCRIPT_PATH, ruishu.challenge_script().encode("utf-8"))

    def column(self, path: str) -> Column:
        return next(c for c in self.columns if c.path == path)

    def column_by_name(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def render_column(self, column: Column) -> None:
        if column.kind == "page":
            if column.path in self.container_pages:
                return  # rendered with its subcolumns
            self.render_page_column(column, self.page_content(column))
            return
        if any(column is c for c, _ in self.report_columns):
            self.render_report_column(column)
            return
        if not column.docs:
            self.render_empty(column)
            return
        scheme = column.ids.get("gen_scheme", "trs4")
        if scheme in ("trs4", "html_next") or not column.in_platform or column.section != "statutory":
            self.render_list_column(column)
        elif scheme == "hanweb_post":
            self.render_hanweb_column(column)
        elif scheme in ("hanweb_get", "hanweb_uid"):
            self.render_hanweb_variant(column, scheme)
        elif scheme in ("trs_countpage", "trs_pagecontrol"):
            self.render_trs_variant(column, scheme)
        elif scheme == "currpage":
            self._render_query(column)
            self.render_docs(column)
        else:
            self.render_scheme_column(column)

    def page_content(self, column: Column) -> str:
        if column.section == "guide":
            self.note("guide_page")
            return guide_html(self.name, self.office, self.plan.guide_missing if self.plan.guide_list <= 1 else ())
        if column.name == "依申请公开":
            ln_text = (f"<p>公民、法人或者其他组织可以向{esc(self.name)}申请获取政府信息。</p>"
                       f"<p>受理机构：{esc(self.office)}　办公时间：工作日8:30—17:30</p>")
            return ln_text
        return (f"<p>{esc(self.name)}是县级国家行政机关，执行县人民代表大会及其常务委员会的决议。</p>"
                "<h3>主要职责</h3><p>（一）执行上级国家行政机关的决定和命令，规定行政措施，发布决定和命令。</p>"
                "<p>（二）领导所属各工作部门和乡镇人民政府的工作。</p>"
                f"<p>办公地址：{esc(self.place)}县府前路1号　联系电话：0598-7000{self.seed:04d}</p>")

    def render_empty(self, column: Column) -> None:
        """A list column with nothing in it, as the platform shows it: an empty list and its marker."""
        marker = EMPTY_MARKERS[self.seed % 2]
        ln = self.origin.linker(column.path)
        body = (f'<div class="list-title"><h2>{esc(column.name)}</h2></div>'
                f'<ul class="list"></ul><div class="no-data"><p>{marker}</p></div>')
        html = self.frame(ln, column, title=f"{column.name}_{self.name}", body=body,
                          current=column.path if column.in_platform else None)
        self.origin.add_page(column.path, html, ln, stored=self.stored(column), encoding=column.encoding)

    def render_trs_variant(self, column: Column, scheme: str) -> None:
        """TRS lists paged by ``var countPage = N`` or Hubei's ``pageControl(N, i, "index", "html")``."""
        for index, docs in enumerate(column.chunks()):
            path = column.page_path(index)
            ln = self.origin.linker(path)
            body = f'<div class="list-title"><h2>{esc(column.name)}</h2></div>'
            body += self.list_rows(ln, column, docs)
            if scheme == "trs_countpage":
                pager = (f"var countPage = {column.list_pages}//共多少页\n"
                         f"var currentPage = {index};//所在页从0开始\nvar prevPage = currentPage - 1;\n"
                         "var nextPage = currentPage + 1;\n"
                         'document.write("共" + countPage + "页");')
            else:
                pager = ("function pageControl(count, current, name, ext) { /* 分页 */ }\n"
                         f'pageControl({column.list_pages}, {index}, "index", "html");')
            body += f'<div class="page"><script type="text/javascript">\n{pager}\n</script></div>'
            html = self.frame(ln, column, title=f"{column.name}_{self.name}", body=body, current=column.path)
            self.origin.add_page(path, html, ln, stored=self.stored(column, index), encoding=column.encoding)
        self.render_docs(column)

    def render_hanweb_variant(self, column: Column, scheme: str) -> None:
        """Hanweb column pages whose further records come through the GET form (no record total on the
        page, only the ``<nextgroup>`` URL), or through ``?uid=&pageNum=`` (no columnid anywhere)."""
        ids = self.hanweb_columns[column.path]
        for index, docs in enumerate(column.chunks() if scheme == "hanweb_uid" else column.chunks()[:1]):
            path = column.page_path(index)
            ln = self.origin.linker(path)
            shown = docs if scheme == "hanweb_uid" else column.docs[:ids.perpage]
            records = [hanweb.record(ln.href(self.u(d.path)), d.title, d.day.isoformat()) for d in shown]
            if scheme == "hanweb_get":
                store = hanweb.datastore(ids, records)
                script = (f"<script type=\"text/javascript\">var unitid = '{ids.unitid}';</script>"
                          f'<script language="javascript" src="{hanweb.JPAGE_SCRIPT_PATH}"></script>')
            else:
                rows = "\n".join(f"<record><![CDATA[{item}]]></record>" for item in records)
                store = (f'<div id="{ids.unitid}"><script type="text/xml"><datastore>\n<recordset>\n{rows}\n'
                         "</recordset>\n</datastore></script></div>")
                script = (f"<script type=\"text/javascript\">var unitid = '{ids.unitid}';\n"
                          f"var pageConfig = {{perPage: {ids.perpage}, totalRecord: {len(column.docs)}}};</script>")
            body = f'<div class="list-title"><h2>{esc(column.name)}</h2></div>{store}\n{script}'
            html = self.frame(ln, column, title=f"{column.name}_{self.name}", body=body, current=column.path,
                              head_extra=hanweb.head_extra(f"{AS_OF.isoformat()} 17:20:11"))
            self.origin.add_page(path, html, ln, stored=self.stored(column, index), encoding=column.encoding)
        if scheme == "hanweb_get":
            records = [hanweb.record(self.u(d.path).split("}", 1)[1], d.title, d.day.isoformat()) for d in column.docs]
            self.origin.data[f"hanweb_{ids.columnid}"] = records
            route = self.origin.routes.setdefault(hanweb.DATAPROXY_PATH, {"kind": "hanweb_dataproxy", "columns": {}})
            route["columns"][ids.columnid] = {"unitid": ids.unitid, "perpage": ids.perpage,
                                              "data": f"hanweb_{ids.columnid}"}
        self.render_docs(column)

    def render_statutory_page(self) -> None:
        """The statutory section page: its first-level columns and the 部门信息公开 entry."""
        section = self.section("statutory")
        nested = {c.path for cols in self.container_pages.values() for c in cols}
        ln = self.origin.linker(section.path)
        entries = [(c.name, c.path) for c in self.columns if c.section == "statutory" and c.path not in nested
                   and "部门信息公开" not in c.label_path]
        if self.department_sites:
            entries.append(("部门信息公开", self.department_index_path))
        items = "".join(f"<li>{ln.a(self.u(path), name)}</li>" for name, path in entries)
        body = f'<div class="list-title"><h2>{section.label}</h2></div><ul class="column-entry">{items}</ul>'
        html = self.frame(ln, None, title=f"{section.label}_{self.name}", body=body, current=section.path,
                          crumbs=[("首页", self.u("/")), (self.site.platform_title, self.u(self.landing)),
                                  (section.label, self.u(section.path))])
        self.origin.add_page(section.path, html, ln)

    def render_container(self, column: Column, subs: list[Column]) -> None:
        """A column that only lists its subcolumns (政务信息 group, a 年报 split by issuer)."""
        ln = self.origin.linker(column.path)
        items = "".join(f"<li>{ln.a(self.u(sub.path), sub.name)}</li>" for sub in subs)
        body = f'<div class="list-title"><h2>{esc(column.name)}</h2></div><ul class="column-entry">{items}</ul>'
        html = self.frame(ln, column, title=f"{column.name}_{self.name}", body=body, current=column.path)
        self.origin.add_page(column.path, html, ln, encoding=column.encoding)

    def render_departments(self) -> None:
        """部门信息公开: the list of departments, and each department's own platform page."""
        index = self.department_index_path
        ln = self.origin.linker(index)
        items = "".join(f"<li>{ln.a(self.u(landing), name)}</li>" for name, landing, _ in self.department_sites)
        body = f'<div class="list-title"><h2>部门信息公开</h2></div><ul class="dept-list">{items}</ul>'
        html = self.frame(ln, None, title=f"部门信息公开_{self.name}", body=body, current=index,
                          crumbs=[("首页", self.u("/")), (self.site.platform_title, self.u(self.landing))])
        self.origin.add_page(index, html, ln)
        for name, landing, columns in self.department_sites:
            ln = self.origin.linker(landing)
            entries = "".join(f"<li>{ln.a(self.u(c.path), c.name)}</li>" for c in columns)
            body = (f'<div class="xxgk-entry"><h2>{esc(name)}信息公开</h2>'
                    f'<ul class="column-entry">{entries}</ul></div>')
            html = self.frame(ln, None, title=f"{name}信息公开_{self.name}", body=body, current=index,
                              crumbs=[("首页", self.u("/")), (self.site.platform_title, self.u(self.landing)),
                                      ("部门信息公开", self.u(index)), (name, self.u(landing))])
            self.origin.add_page(landing, html, ln)

    def render_report_column(self, column: Column) -> None:
        """A 年报 list, its reports (own or issuers'), 图解/解读 entries and guide documents."""
        self.render_list_column(column)
        for report in self.reports:
            if report.doc in column.docs:
                self.render_doc(column, report.doc, 0, body_html=report_body(
                    self.name, report.year, report.numbers, omit=report.omit, unbalanced=report.unbalanced))
        for entry in getattr(self, "issuer_reports", []):
            own_column, _, issuer, year, doc, numbers, _ = entry
            if own_column is column:
                self.render_doc(column, doc, 0, body_html=report_body(issuer, year, numbers))
        for doc in getattr(self, "report_extra_docs", []):
            if doc in column.docs:
                self.render_doc(column, doc, 0, body_html=self.extra_body(doc))

    def extra_body(self, doc: Doc) -> str:
        """图解/解读: a picture and a few lines, not a report."""
        image = f"{doc.path.rsplit('/', 1)[0]}/W0{doc.day:%Y%m%d}{doc.doc_id:06d}9.png"
        self.origin.add_file(image, png_bytes(64, 40, (200, 40, 40)))
        ln = self.origin.linker(doc.path)
        picture = ln.img(self.u(image), doc.title, rel=True)
        self._extra_images = getattr(self, "_extra_images", {})
        self._extra_images[doc.path] = ln.links
        return f'<p style="text-align:center">{picture}</p><p>本图解对年度报告的主要数据进行了可视化展示。</p>'

    def render_doc(self, column: Column, doc: Doc, index: int, body_html: str | None = None) -> None:
        if doc in self.guide_docs and body_html is None:
            missing = self.plan.guide_missing if self.plan.guide_list == 1 else ()
            body_html = guide_html(self.name, self.office, missing)
        super().render_doc(column, doc, index, body_html)
        extra = getattr(self, "_extra_images", {}).pop(doc.path, None)
        if extra:
            self.origin.pages[doc.path].links.extend(extra)
            self.origin.pages[doc.path].link_count += 1

    def render_binary_soft404(self) -> None:
        """An attachment URL that answers 200 with an HTML error page (contract: soft_404)."""
        if not hasattr(self, "binary_soft404"):
            return
        _, item = self.binary_soft404
        self.origin.add_file(item.path, templates.soft_404_page(self.name).encode("utf-8"), "text/html; charset=utf-8")
        self.broken[self.u(item.path)] = ("soft_404", True)

    def render_interaction(self) -> None:
        ln = self.origin.linker("/hdjl/")
        html = templates.layout(self.site, ln, title=f"互动交流_{self.name}", column="互动交流",
                                body="<div class='article'><h1>县长信箱</h1>" + INTERACTION_TEXT + "</div>")
        self.origin.add_page("/hdjl/", html, ln, stored=False)

    def render_home(self) -> None:
        """Homepage: boxes (heading + 更多 + dated list), the platform entry, footer 友情链接."""
        ln = self.origin.linker("/")
        boxes = list(self.box_columns)
        if not self.plan.stale_homepage:
            boxes += self.platform_box_columns()
        shown = []
        blocks = []
        for column in boxes:
            docs = [d for d in column.docs[:5]]
            shown += docs
            more = ln.a(self.u(column.path), "更多>>", attrs='class="more"')
            blocks.append(f'<div class="block"><h3>{esc(column.name)} {more}</h3>'
                          f"{templates.ul_list(ln, docs, rel=False)}</div>")
        dated = [d.day for d in shown if d.dated_in_list]
        self.homepage_newest = max(dated) if dated else None
        entry = f'<div class="block"><h3>{ln.a(self.u(self.landing), self.site.platform_title)}</h3></div>'
        friends = [ln.a("{external}/www.gov.cn/", "中国政府网"),
                   ln.a("{other}/zwgk/", "云岭市政府信息公开"),
                   ln.a("{external}/www.hexi.gov.cn/", "河西县人民政府"),
                   ln.a("{dead}/", "石岭县人民政府")]
        self.broken["{external}/www.hexi.gov.cn/"] = ("http_404", True)
        self.broken["{dead}/"] = ("connection", False)
        self.note("footer_other_platform", "broken_external_404", "broken_connection")
        body = f'<div class="home-news">{"".join(blocks)}</div>{entry}'
        html = templates.layout(self.site, ln, title=self.name, column="首页", body=body,
                                footer_extra=f'<p class="links">友情链接：{"　".join(friends)}</p>')
        self.origin.add_page("/", html, ln)

    def doc_path(self, column: Column, doc: Doc) -> str:
        """Hanweb documents live under /art/Y/M/D/; the rest as their scheme names them."""
        ids = self.hanweb_columns.get(column.path)
        if ids:
            day = doc.day
            return f"/art/{day.year}/{day.month}/{day.day}/art_{ids.columnid}_{doc.doc_id}.html"
        if column.cms == "currpage":
            return f"{column.path}{doc.doc_id}.html"
        if not column.path.endswith("/") and not column.cms:
            return f"{column.path.rsplit('/', 1)[0]}/{doc.day:%Y%m}/t{doc.day:%Y%m%d}_{doc.doc_id}.html"
        return super().doc_path(column, doc)


    # ----- ground truth ------------------------------------------------------------------------
    def report_defects(self) -> list[dict]:
        return super().report_defects() if self.reports else []

    def issuer_report_defects(self) -> list[dict]:
        """A many-issuer 年报 column is judged for lateness only, each report against its issuer's
        deadline: one finding per late report (each issuer answers for its own report; the contract's
        "per year and per report column" keeps the columns apart)."""
        found = []
        for column, kind, issuer, year, doc, _, late in getattr(self, "issuer_reports", []):
            if late:
                deadline = date(year + 1, 1, 31) if kind == "department" else date(year + 1, 3, 31)
                found.append({"check": "late_annual_report", "year": year, "url": self.u(doc.path),
                              "column": column.name, "issuer": issuer, "published": doc.day.isoformat(),
                              "deadline": deadline.isoformat()})
        return found

    def page_defects(self) -> list[dict]:
        """missing_section, incomplete_guide and stale_homepage, from the plan."""
        plan, found = self.plan, []
        if plan.missing_section:
            found.append({"check": "missing_section", "section": plan.missing_section,
                          "label": SECTION_LABELS["2019"][plan.missing_section], "url": self.u(self.landing)})
        if plan.guide_missing and plan.guide_list <= 1 and plan.missing_section != "guide":
            where = self.guide_docs[0].path if self.guide_docs else self.section_path("guide")
            found.append({"check": "incomplete_guide", "url": self.u(where), "missing": list(plan.guide_missing)})
        if plan.stale_homepage:
            found.append({"check": "stale_homepage", "url": self.u("/"),
                          "newest_date": self.homepage_newest.isoformat()})
        return found

    def veto_defects(self, observed: list[dict]) -> list[dict]:
        """The three 单项否决 counts over the stale and blank columns a crawl observes."""
        classes = {self.u(c.path): c.freshness for c in self.columns}
        stale = [d for d in observed if d["check"] == "stale_column"]
        blank = [d for d in observed if d["check"] == "blank_column"]
        news = [d for d in stale if classes[d["url"]] == "dynamic"]
        notice = [d for d in stale if classes[d["url"]] == "notice"]
        if len(news) < 5 <= len(news) + len(notice):
            raise AssertionError(f"seed {self.seed}: whether notice columns are first-level decides the veto")
        found = []
        for check, columns, threshold in (("too_many_stale_columns", news, 5),
                                          ("too_many_long_stale_columns", stale, 10),
                                          ("too_many_blank_columns", blank, 5)):
            if len(columns) >= threshold:
                found.append({"check": check, "url": self.u("/"), "count": len(columns)})
        return found

    def truth(self, with_links: bool = False) -> dict:
        """The county's truth format (build.py), for the crawl the seed's ``render`` mode makes: defects a
        crawl observes in ``defects``, those behind pages it cannot cover in ``withheld``."""
        entry = super().truth(with_links=with_links)
        if self.plan.render == "auto":  # the browser passes the challenge and reads script-filled lists
            browser = entry["with_browser"]
            entry["expected_status"], entry["not_covered"] = browser["expected_status"], browser["not_covered"]
            entry["defects"] = [d for d in entry["defects"] if d not in browser["resolved_defects"]]
        uncovered = {n["url"] for n in entry["not_covered"]}
        # A document only a data endpoint lists (Fujian search, a JSON feed, dataproxy.jsp pages) is linked
        # from no stored page, yet a crawl that walks the list requests it.
        listed = {self.u(d.path) for c in self.columns if self.u(c.path) not in uncovered for d in c.docs}
        observed, withheld = [], []
        for defect in entry["defects"]:
            hidden = ((defect.get("url") in uncovered and defect["check"] != "blocked")
                      or (defect["check"] == "broken_link" and not defect["sources"]
                          and defect["target"] not in listed))
            (withheld if hidden else observed).append(defect)
        observed += self.issuer_report_defects() + self.page_defects()
        observed += self.veto_defects(observed)
        entry["defects"], entry["withheld"] = observed, withheld
        entry["render"] = self.plan.render
        return entry


def guide_html(name: str, office: str, missing: tuple[str, ...]) -> str:
    """A 政府信息公开指南 with every 第十二条 item and the 收费 terms, less those in ``missing``."""
    parts = [
        ("", f"<p>为便于公民、法人和其他组织获取{esc(name)}的政府信息，根据《中华人民共和国政府信息公开条例》，编制本指南。</p>"),
        ("", "<h3>一、主动公开</h3><p>（一）公开范围。主动公开的政府信息分为机构职能、规范性文件、人事信息、财政预决算等类别。</p>"),
        ("", "<p>（二）编排体系。政府信息按照政府信息公开指南、制度、法定主动公开内容、年报四个一级栏目编排。</p>"),
        ("", "<p>（三）公开方式。主动公开的政府信息通过门户网站政府信息公开专栏、政府公报等方式公开。</p>"),
        ("", "<h3>二、依申请公开</h3><p>公民、法人或者其他组织可以通过当面提交、信函、网上申请等方式提出申请。</p>"),
        ("", f"<p>受理机构：{esc(office)}（政府信息公开工作机构）</p>"),
        ("", f"<p>办公地址：{esc(name[:3])}县府前路1号</p><p>办公时间：工作日上午8:30—12:00，下午14:30—17:30</p>"),
        ("", "<p>联系电话：0598-7281 3305</p>"),
        ("传真号码", "<p>传真号码：0598-7281 3306</p>"),
        ("", "<p>电子邮箱：zwgk@example.gov.cn</p>"),
        ("收费", "<p>（四）收费。行政机关依申请提供政府信息，不收取费用；申请数量、频次明显超过合理范围的，按规定收取信息处理费。</p>"),
        ("", "<h3>三、监督和救济</h3><p>认为行政机关侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。</p>"),
    ]
    return "".join(text for item, text in parts if item not in missing)
