"""青山县人民政府: the county government site with its 政府信息公开 platform under ``/zwgk/``.

Its 法定主动公开内容 has, besides TRS, Hanweb datastore, plain-pager, GBK, empty, page and challenged
columns, one column per further list scheme (:func:`scheme_columns`, samplesite/schemes.py): jpaas,
TRS JSON feed, Fujian 政务云, Gansu/Kaipuyun, ``?page=N``, an inline JS array, and one only a browser
can read. They are fresh and fully described, so they add no defect.

Every deliberate defect of the county is set up in :meth:`County.mark_defects` (documents, links,
columns) and in :meth:`County.add_reports` (annual reports); the column set-up in
:meth:`County.declare` decides stale and blank columns by the dates and counts it gives them.
"""

from __future__ import annotations

from datetime import date, timedelta

from samplesite import content as c
from samplesite import hanweb, ruishu, templates
from samplesite.assets import docx_bytes, pdf_bytes, png_bytes
from samplesite.builder import Report, Section, SiteBuilder
from samplesite.model import AS_OF, Column
from samplesite.reports import HEADINGS, make_numbers
from samplesite.schemes import SchemeColumns
from samplesite.templates import SiteInfo

DAY = timedelta(days=1)
# Share of the benchmark site's extra documents per column path.
BIG_WEIGHTS = {"/zwgk/fdzdgknr/gfxwj/": 28, "/zwgk/col/col2941/index.html": 17, "/zwgk/fdzdgknr/czyjs/": 6,
               "/zwgk/fdzdgknr/rsxx/": 6, "/zwgk/fdzdgknr/tzgg/": 12, "/zwgk/fdzdgknr/gzdt/": 28,
               "/zwgk/zfxxgkzd/": 3}
REPORT_DATES = {2019: date(2020, 3, 27), 2020: date(2021, 3, 26), 2022: date(2023, 4, 12),
                2023: date(2024, 3, 28), 2024: date(2025, 3, 25), 2025: date(2026, 3, 20)}
SLOW_PATH = "/ysqgk/zxsq/"
REDIRECT_HOME_PATH = "/zwgk/fdzdgknr/gfxwj/201912/t20191203_10012.html"


JPAAS_PATH = "/zwgk/col/col3101/index.html"
GANSU_PATH = "/zwgk/c110634/zwgklist.shtml"
JS_PATH = "/zwgk/fdzdgknr/zdxm/"
SCHEME_PAGE_SIZE = 10  # Fujian's prepage; every scheme column has two or more pages at this size


def scheme_columns() -> list[Column]:
    """The scheme columns of 法定主动公开内容 (samplesite/schemes.py), in left-navigation order."""
    def column(name: str, path: str, cms: str, scheme: str, freshness: str, **ids: str) -> Column:
        return Column(name, path, "", "statutory", scheme=scheme, freshness=freshness, cms=cms, ids=ids)

    return [
        column("建议提案办理", JPAAS_PATH, "jpaas", "jpaas", "basic", unitid="3101", site="qsxzf", code="col3101"),
        column("重大决策预公开", "/zwgk/fdzdgknr/zdjcygk/", "trs_json", "trs_json", "notice", feed="zdjcygk.json"),
        column("行政执法公示", "/zwgk/fdzdgknr/xzzf/", "fjdz", "fjdz", "dynamic", chnlid="2205"),
        column("审计信息", GANSU_PATH, "gansu", "trs", "basic"),
        column("应急管理", "/zwgk/fdzdgknr/yjgl/", "query", "html", "dynamic"),
        column("公共服务", "/zwgk/fdzdgknr/ggfw/", "inline_json", "inline_json", "notice"),
        column("重点项目", JS_PATH, "js", "script", "dynamic", api="zdxm"),
    ]


class County(SchemeColumns, SiteBuilder):
    """Builds the county origin."""

    name = "青山县人民政府"
    level = "government"
    origin_name = "county"
    code = "11331100MB0000000X"
    office = "青山县人民政府办公室"
    landing = "/zwgk/"

    def build(self) -> None:
        self.declare()
        self.fill_columns()
        self.add_reports()
        self.number_docs(first_id=10230, columns=[c for c in self.columns if not c.cms])
        self.number_docs(columns=[c for c in self.columns if c.cms], reports=False)
        self.mark_defects()
        self.register_broken()
        self.render()
        self.explain()

    # ----- structure ---------------------------------------------------------------------------
    def declare(self) -> None:
        """Sections, columns and the page frame."""
        self.sections = [Section("guide", "政府信息公开指南", "/zwgk/zfxxgkzn/"),
                         Section("rules", "政府信息公开制度", "/zwgk/zfxxgkzd/"),
                         Section("statutory", "法定主动公开内容", "/zwgk/fdzdgknr/"),
                         Section("annual_report", "政府信息公开年报", "/zwgk/zfxxgknb/")]
        size = self.page_size
        statutory = [
            Column("机构职能", "/zwgk/fdzdgknr/jgzn/", "", "statutory", kind="page", scheme=None,
                   freshness="basic", page_date=date(2026, 1, 15)),
            Column("规范性文件", "/zwgk/fdzdgknr/gfxwj/", "", "statutory", list_style="table", freshness="notice"),
            Column("政策解读", "/zwgk/col/col2941/index.html", "", "statutory", scheme="hanweb_datastore",
                   freshness="notice"),
            Column("财政预决算", "/zwgk/fdzdgknr/czyjs/", "", "statutory", freshness="basic", encoding="gbk"),
            Column("人事信息", "/zwgk/fdzdgknr/rsxx/", "", "statutory", freshness="basic", date_style="cn"),
            Column("规划计划", "/zwgk/fdzdgknr/ghjh/", "", "statutory", freshness="basic"),
            Column("通知公告", "/zwgk/fdzdgknr/tzgg/", "", "statutory", freshness="notice", date_style="bracket"),
            Column("工作动态", "/zwgk/fdzdgknr/gzdt/", "", "statutory", scheme="html", freshness="dynamic"),
            Column("统计信息", "/zwgk/fdzdgknr/tjxx/", "", "statutory", kind="page", scheme=None,
                   freshness="basic", page_blank=True),
            Column("政府采购", "/zwgk/fdzdgknr/zfcg/", "", "statutory", freshness="basic", blocked=True),
            *scheme_columns(),
        ]
        for column in statutory:
            column.label_path = f"法定主动公开内容 > {column.name}"
        self.columns = [
            Column("政府信息公开指南", "/zwgk/zfxxgkzn/", "政府信息公开指南", "guide", kind="page", scheme=None,
                   page_date=date(2025, 3, 10)),
            Column("政府信息公开制度", "/zwgk/zfxxgkzd/", "政府信息公开制度", "rules"),
            *statutory,
            Column("政府信息公开年报", "/zwgk/zfxxgknb/", "政府信息公开年报", "annual_report"),
            Column("依申请公开", "/zwgk/ysqgk/", "依申请公开", None, kind="page", scheme=None),
            Column("要闻动态", "/xwzx/ywdt/", "新闻中心 > 要闻动态", None, freshness="dynamic", in_platform=False),
            Column("通知公告", "/xwzx/tzgg/", "新闻中心 > 通知公告", None, freshness="notice", in_platform=False),
            Column("互动交流", "/hdjl/", "互动交流", None, kind="page", scheme=None, robots=True,
                   in_platform=False),
        ]
        for column in self.columns:
            column.page_size = SCHEME_PAGE_SIZE if column.cms else size
        self.hanweb_columns["/zwgk/col/col2941/index.html"] = hanweb.HanwebColumn(
            columnid="2941", unitid="51234", webid="1", webname=self.name, perpage=size)
        self.site = SiteInfo(
            origin="county", name=self.name, domain="www.qingshan.gov.cn", idcode="3399000012",
            host_unit="青山县人民政府办公室", icp="东ICP备05012345号-1　东公网安备 33990002000123号",
            nav=[("首页", self.u("/"), []), ("政务公开", self.u("/zwgk/"), []),
                 ("新闻中心", self.u("/xwzx/ywdt/"), [("要闻动态", self.u("/xwzx/ywdt/")),
                                                     ("通知公告", self.u("/xwzx/tzgg/"))]),
                 ("互动交流", self.u("/hdjl/"), [])],
            left_nav=[(s.label, self.u(s.path), [(col.name, self.u(col.path)) for col in statutory]
                       if s.key == "statutory" else []) for s in self.sections]
            + [("依申请公开", self.u("/zwgk/ysqgk/"), [])])

    def column(self, path: str) -> Column:
        return next(col for col in self.columns if col.path == path)

    def extra(self, path: str) -> int:
        """Extra documents for a column on the benchmark site."""
        return self.extra_docs * BIG_WEIGHTS.get(path, 0) // 100

    def fill_columns(self) -> None:
        """Documents per column; the newest dates decide which columns are fresh, stale or blank."""
        col = self.column
        self.fill(col("/zwgk/zfxxgkzd/"), 8 + self.extra("/zwgk/zfxxgkzd/"), date(2025, 9, 18),
                  lambda i, d: c.rules_title(i), doc_no=lambda i, d: f"青政办〔{d.year}〕{i % 40 + 3}号")
        self.fill(col("/zwgk/fdzdgknr/gfxwj/"), 37 + self.extra("/zwgk/fdzdgknr/gfxwj/"), AS_OF - 10 * DAY,
                  lambda i, d: c.regulation_title(i), publisher=lambda i: c.regulation_issuer(i)[0],
                  doc_no=lambda i, d: f"{c.regulation_issuer(i)[1]}〔{d.year}〕{(i * 7) % 45 + 1}号")
        self.fill(col("/zwgk/col/col2941/index.html"), 40 + self.extra("/zwgk/col/col2941/index.html"),
                  AS_OF - 6 * DAY, lambda i, d: c.explanation_title(i), publisher="青山县司法局")
        self.fill(col("/zwgk/fdzdgknr/czyjs/"), 8 + self.extra("/zwgk/fdzdgknr/czyjs/"), AS_OF - 41 * DAY,
                  lambda i, d: c.finance_title(i, d.year), publisher="青山县财政局")
        self.fill(col("/zwgk/fdzdgknr/rsxx/"), 6 + self.extra("/zwgk/fdzdgknr/rsxx/"), AS_OF - 400 * DAY,
                  lambda i, d: c.personnel_title(i), publisher=self.name,
                  doc_no=lambda i, d: f"青政干〔{d.year}〕{i % 20 + 1}号")
        self.fill(col("/zwgk/fdzdgknr/tzgg/"), 8 + self.extra("/zwgk/fdzdgknr/tzgg/"), AS_OF - 200 * DAY,
                  lambda i, d: c.notice_title(i, d.year))
        self.fill(col("/zwgk/fdzdgknr/gzdt/"), 17 + self.extra("/zwgk/fdzdgknr/gzdt/"), AS_OF - 4 * DAY,
                  lambda i, d: c.news_title(i))
        self.fill(col("/zwgk/fdzdgknr/zfcg/"), 6, AS_OF - 15 * DAY, lambda i, d: c.procurement_title(i),
                  publisher="青山县公共资源交易中心")
        # Outside the platform: two list pages each (index.html, index_1.html) at either page size.
        self.fill(col("/xwzx/ywdt/"), self.page_size + 9, AS_OF - DAY, lambda i, d: c.news_title(i + 5))
        self.fill(col("/xwzx/tzgg/"), self.page_size + 5, AS_OF - 8 * DAY,
                  lambda i, d: c.notice_title(i + 3, d.year))
        # One column per list scheme (samplesite/schemes.py): fresh, two or more pages each.
        self.fill(col(JPAAS_PATH), 16, AS_OF - 3 * DAY, lambda i, d: c.proposal_title(i, d.year),
                  publisher=lambda i: c.pick(c.DEPARTMENTS, i).replace("县", "青山县", 1))
        self.fill(col("/zwgk/fdzdgknr/zdjcygk/"), 14, AS_OF - 5 * DAY, lambda i, d: c.decision_title(i),
                  publisher="青山县人民政府办公室")
        self.fill(col("/zwgk/fdzdgknr/xzzf/"), 13, AS_OF - 2 * DAY, lambda i, d: c.enforcement_title(i, d.year),
                  publisher=lambda i: c.pick(c.DEPARTMENTS, i + 3).replace("县", "青山县", 1))
        self.fill(col(GANSU_PATH), 17, AS_OF - 7 * DAY, lambda i, d: c.audit_title(i, d.year), publisher="青山县审计局")
        self.fill(col("/zwgk/fdzdgknr/yjgl/"), 23, AS_OF - 1 * DAY, lambda i, d: c.emergency_title(i, d.year),
                  publisher="青山县应急管理局")
        self.fill(col("/zwgk/fdzdgknr/ggfw/"), 12, AS_OF - 9 * DAY, lambda i, d: c.service_title(i, d.year))
        self.fill(col(JS_PATH), 14, AS_OF - 4 * DAY, lambda i, d: c.project_title(i, d.year),
                  publisher="青山县发展和改革局")

    def add_reports(self) -> None:
        """Reports 2019–2025 except 2021 (missing); 2022 late; 2023 incomplete and unbalanced."""
        carry = None
        for year in range(2019, 2026):
            numbers = make_numbers(self.name, year, 40, carry)
            carry = numbers.carry_out
            if year in REPORT_DATES:
                doc = self.new_doc(f"{self.name}{year}年政府信息公开工作年度报告", REPORT_DATES[year],
                                   publisher=self.name)
                broken = year == 2023
                self.reports.append(Report(year, doc, numbers, omit=(HEADINGS[4],) if broken else (),
                                           unbalanced=broken))

    # ----- defects -----------------------------------------------------------------------------
    def mark_defects(self) -> None:
        """Broken links, metadata gaps and the other document-level defects (see module docstring)."""
        col = self.column
        gfxwj, gzdt = col("/zwgk/fdzdgknr/gfxwj/").docs, col("/zwgk/fdzdgknr/gzdt/").docs
        self.attach(gfxwj[1], "pdf", "附件1：实施细则全文.pdf")
        self.attach(gfxwj[2], "pdf", "附件：政策条款对照表.pdf", exists=False)
        self.attach(gfxwj[4], "docx", "附件：意见反馈表.docx")
        gfxwj[4].related.append((self.u(REDIRECT_HOME_PATH), "原《青山县农村集体资产管理办法》"))
        gfxwj[6].validity = None
        gfxwj[9].index_no = f"{self.code}/{gfxwj[9].day.year}-"
        finance = col("/zwgk/fdzdgknr/czyjs/").docs
        self.attach(finance[0], "xls", "附件：部门预算公开表.xls")
        self.attach(finance[0], "pdf", "附件：预算编制说明.pdf")
        finance[3].lying_charset = True
        col("/zwgk/fdzdgknr/rsxx/").docs[2].fate = "meta_refresh"
        notices = col("/zwgk/fdzdgknr/tzgg/").docs
        notices[2].fate, notices[5].fate = "soft404", "loop"
        col("/zwgk/zfxxgkzd/").docs[3].fate = "redirect_parent"
        gzdt[1].fate, gzdt[2].fate, gzdt[6].fate = "flaky", "404", "500"
        for index in (4, 8, 13):
            gzdt[index].dated_in_list = False
        self.attach(gzdt[0], "jpg", "会议现场", image=True)
        self.attach(gzdt[3], "jpg", "活动现场", image=True, exists=False)
        self.attach(gzdt[5], "png", "工作图解", image=True)
        self.route_extras()

    def route_extras(self) -> None:
        """Broken targets that are not listed documents, and the scripts challenge/Hanweb pages use."""
        o = self.origin
        o.route(REDIRECT_HOME_PATH, {"kind": "redirect", "status": 302, "location": "/"})
        self.broken[self.u(REDIRECT_HOME_PATH)] = ("redirect_home", True)
        o.route(SLOW_PATH, {"kind": "slow"})
        self.broken[self.u(SLOW_PATH)] = ("timeout", False)
        self.broken["{external}/www.dongjiang.gov.cn/"] = ("http_404", True)
        self.broken["{dead}/"] = ("connection", False)
        o.route("/zwgk/fdzdgknr/zfcg/*", {"kind": "challenge"})
        o.add_file(ruishu.SCRIPT_PATH, ruishu.challenge_script().encode("utf-8"))
        o.add_file(hanweb.JQUERY_PATH, b"/* jQuery is not needed by the sample site */\n")
        o.add_file(hanweb.JPAGE_SCRIPT_PATH, hanweb.JPAGE_JS.encode("utf-8"))
        o.add_file("/images/logo.png", png_bytes(48, 48))
        self.robots_disallow = ["/hdjl/"]
        o.add_file("/robots.txt", b"User-agent: *\nDisallow: /hdjl/\n")
        self.bad_inputs()

    def bad_inputs(self) -> None:
        """Unlinked endpoints for CLI tests: non-HTML start page, garbage, wrong charset, loop."""
        o = self.origin
        o.add_file("/bad/report.pdf", pdf_bytes("Qingshan annual report"))
        o.add_file("/bad/malformed.html",
                   '<html><head><title>青山县政府信息公开</ti<<div class="x"'.encode()
                   + b"\x00\xff\xfe<<<>>\x1b[0m<a href=\"\n<table><tr><td>")
        wrong = templates.small_page("青山县财政局", "<p>青山县二〇二六年部门预算公开说明</p>")
        o.add_file("/bad/wrong-charset.html", wrong.encode("gbk"), "text/html; charset=utf-8")
        o.route("/bad/loop", {"kind": "redirect", "status": 302, "location": "/bad/loop2"})
        o.route("/bad/loop2", {"kind": "redirect", "status": 302, "location": "/bad/loop"})

    def explain(self) -> None:
        """Defects no rendering step records by itself, and the traps that are not defects."""
        col = self.column
        self.defects.append({"check": "incomplete_guide", "url": self.u("/zwgk/zfxxgkzn/"),
                             "missing": ["传真号码"]})
        flaky = col("/zwgk/fdzdgknr/gzdt/").docs[1]
        lying = col("/zwgk/fdzdgknr/czyjs/").docs[3]
        self.not_defects += [
            {"target": self.u(flaky.path),
             "why": "answers 503 the first time and 200 afterwards: a re-check recovers it"},
            {"target": self.u("/hdjl/"), "why": "disallowed by robots.txt: not crawled, not a broken link"},
            {"target": self.u("/zwgk/fdzdgknr/gzdt/"), "column": "工作动态",
             "why": "3 rows have no date (they count as not updated); the newest dated row is 4 days old"},
            {"target": self.u(lying.path),
             "why": "GB2312 bytes under an HTTP header saying utf-8 (the meta says gb2312): decode, no flag"},
            {"target": self.u("/zwgk/fdzdgknr/czyjs/"), "column": "财政预决算",
             "why": "GBK list and documents, declared in header and meta: not mojibake"},
            {"target": self.u("/zwgk/fdzdgknr/zfcg/"), "column": "政府采购",
             "why": "瑞数 challenge (HTTP 412): blocked, never blank_column, stale_column or broken_link"},
            {"target": self.u("/zwgk/col/col2941/index.html"), "column": "政策解读",
             "why": "records only in <script type=text/xml> and dataproxy.jsp: not a blank column"},
            {"target": self.u("/zwgk/fdzdgknr/gfxwj/"), "column": "规范性文件",
             "why": "pages 2-3 exist only through createPageHTML(3, 0, \"index\", \"html\")"},
            {"target": self.u("/zwgk/zfxxgkzd/"), "column": "政府信息公开制度",
             "why": "newest document is 2025-09-18: 制度, 指南 and 年报 are exempt from freshness rules"},
            {"year": 2025, "why": "report published 2026-03-20, before the 2026-03-31 deadline"},
            {"target": self.u(JPAAS_PATH), "column": "建议提案办理",
             "why": "jpaas: rows only in the inline articleList JSON, page 2 at ?uid=3101&pageNum=2: not blank"},
            {"target": self.u("/zwgk/fdzdgknr/zdjcygk/"), "column": "重大决策预公开",
             "why": "empty HTML list; a script loads zdjcygk.json, which holds every record: not blank"},
            {"target": self.u("/zwgk/fdzdgknr/xzzf/"), "column": "行政执法公示",
             "why": "Fujian 政务云: page 2 exists only as POST /fjdzapp/search (chnlid=2205)"},
            {"target": self.u(GANSU_PATH), "column": "审计信息",
             "why": "rows and createPageHTML('page_div',2, 1,'zwgklist','shtml',17) inside an HTML comment"},
            {"target": self.u("/zwgk/fdzdgknr/ggfw/"), "column": "公共服务",
             "why": "rows only in an inline `var data = [{title:'…', url:'…'}]` JS literal: not blank"},
            {"target": self.u(JS_PATH), "column": "重点项目",
             "why": "a script fills the empty list from an API of its own shape: without a browser the column "
                    "is not covered (not_rendered, run partial), never blank; a browser crawls all 14 items"},
        ]

    # ----- rendering ---------------------------------------------------------------------------
    def render(self) -> None:
        t = c.texts()["county"]
        col = self.column
        self.add_common_files()
        self.render_home()
        self.render_landing([("依申请公开", "/zwgk/ysqgk/")], latest_from="/zwgk/fdzdgknr/gfxwj/")
        self.render_section_page("statutory")
        self.render_page_column(col("/zwgk/zfxxgkzn/"), t["guide"].format(address=t["address"]))
        self.render_page_column(col("/zwgk/fdzdgknr/jgzn/"), t["functions"].format(address=t["address"]))
        self.render_page_column(col("/zwgk/fdzdgknr/tjxx/"), "")
        self.render_apply(t)
        for path in ("/zwgk/zfxxgkzd/", "/zwgk/fdzdgknr/gfxwj/", "/zwgk/fdzdgknr/czyjs/",
                     "/zwgk/fdzdgknr/rsxx/", "/zwgk/fdzdgknr/ghjh/", "/zwgk/fdzdgknr/tzgg/",
                     "/zwgk/fdzdgknr/gzdt/", "/zwgk/fdzdgknr/zfcg/", "/xwzx/ywdt/", "/xwzx/tzgg/"):
            self.render_list_column(col(path))
        self.render_hanweb_column(col("/zwgk/col/col2941/index.html"))
        for column in self.columns:
            if column.cms:
                self.render_scheme_column(column)
        self.render_reports(col("/zwgk/zfxxgknb/"))
        self.render_interaction()

    def render_home(self) -> None:
        """Homepage: latest news with dates, 政务公开 entry, department link, external links."""
        ln = self.origin.linker("/")
        news, notices = self.column("/xwzx/ywdt/").docs[:6], self.column("/xwzx/tzgg/").docs[:5]
        self.homepage_newest = max(doc.day for doc in news + notices)
        more = lambda path: ln.a(self.u(path), "更多>>", attrs='class="more"')  # noqa: E731
        entries = "".join(f"<li>{ln.a(self.u(s.path), s.label)}</li>" for s in self.sections)
        body = f"""<div class="home-news">
<div class="block"><h3>要闻动态 {more("/xwzx/ywdt/")}</h3>{templates.ul_list(ln, news, rel=False)}</div>
<div class="block"><h3>通知公告 {more("/xwzx/tzgg/")}</h3>{templates.ul_list(ln, notices, rel=False)}</div>
</div>
<div class="block"><h3>{ln.a(self.u("/zwgk/"), "政府信息公开")}</h3><ul class="entry">{entries}</ul></div>
<div class="block"><h3>互动交流</h3><p>{ln.a(self.u("/hdjl/"), "县长信箱")}</p></div>
<div class="block"><h3>部门网站</h3><p>{ln.a("{department}/", "青山县教育局")}</p></div>"""
        links = "　".join([ln.a("{external}/www.gov.cn/", "中国政府网"),
                          ln.a("{external}/www.dongjiang.gov.cn/", "东江省人民政府"),
                          ln.a("{dead}/", "云岭市人民政府")])
        html = templates.layout(self.site, ln, title=self.name, column="首页", body=body,
                                footer_extra=f'<p class="links">相关链接：{links}</p>')
        self.origin.add_page("/", html, ln)

    def render_apply(self, t: dict) -> None:
        """依申请公开: how to apply, the form (docx) and the (slow) online system."""
        column = self.column("/zwgk/ysqgk/")
        ln = self.origin.linker(column.path)
        form = "/zwgk/ysqgk/P020250310000001.docx"
        self.origin.add_file(form, docx_bytes("青山县政府信息公开申请表"))
        content = (t["apply"].format(address=t["address"])
                   + f"<p>申请表下载：{ln.a(self.u(form), '青山县政府信息公开申请表.docx', rel=True)}</p>"
                   + f"<p>{ln.a(self.u(SLOW_PATH), '进入政府信息公开在线申请平台')}</p>")
        body = (f'<div class="article"><h1 class="article-title">依申请公开</h1>'
                f'<div class="TRS_Editor" id="zoom">{content}</div></div>')
        html = self.frame(ln, column, title=f"依申请公开_{self.name}", body=body, current=column.path)
        self.origin.add_page(column.path, html, ln)

    def render_interaction(self) -> None:
        """互动交流: exists, but robots.txt disallows it, so a polite crawl never fetches it."""
        column = self.column("/hdjl/")
        ln = self.origin.linker(column.path)
        body = '<div class="article"><h1 class="article-title">县长信箱</h1><p>来信须知：请如实填写个人信息。</p></div>'
        html = self.frame(ln, column, title=f"互动交流_{self.name}", body=body, current=None)
        self.origin.add_page(column.path, html, ln, stored=False)
