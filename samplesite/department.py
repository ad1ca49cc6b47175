"""青山县教育局: a smaller department site whose platform (``/xxgk/``) has no 制度 section.

Its defects: the 政府信息公开制度 section is missing, and the 2024 annual report came out on
2025-02-20, after a department's 31 January deadline. One column is disallowed by robots.txt: a
crawl must report it as not covered, never as missing or blank.
"""

from __future__ import annotations

from datetime import date, timedelta

from samplesite import content as c
from samplesite import templates
from samplesite.assets import png_bytes
from samplesite.builder import Report, Section, SiteBuilder
from samplesite.model import AS_OF, Column
from samplesite.reports import make_numbers
from samplesite.templates import SiteInfo

DAY = timedelta(days=1)
REPORT_DATES = {2024: date(2025, 2, 20), 2025: date(2026, 1, 20)}
ROBOTS_PATH = "/xxgk/fdzdgknr/jysf/"


class Department(SiteBuilder):
    """Builds the department origin."""

    name = "青山县教育局"
    level = "department"
    origin_name = "department"
    code = "11331100MB0123456K"
    office = "青山县教育局"
    landing = "/xxgk/"

    def build(self) -> None:
        self.declare()
        self.fill_columns()
        carry = None
        for year, published in REPORT_DATES.items():
            doc = self.new_doc(f"{self.name}{year}年政府信息公开工作年度报告", published)
            numbers = make_numbers(self.name, year, 8, carry)
            carry = numbers.carry_out  # 2025's 上年结转 is 2024's 结转下年度, as the check requires
            self.reports.append(Report(year, doc, numbers))
        self.number_docs(first_id=52000)
        self.attach(self.column("/xxgk/fdzdgknr/tzgg/").docs[0], "pdf", "附件：实施方案.pdf")
        self.register_broken()
        self.render()
        self.explain()

    def declare(self) -> None:
        self.sections = [Section("guide", "信息公开指南", "/xxgk/xxgkzn/"),
                         Section("statutory", "法定主动公开内容", "/xxgk/fdzdgknr/"),
                         Section("annual_report", "信息公开年报", "/xxgk/xxgknb/")]
        statutory = [
            Column("机构职能", "/xxgk/fdzdgknr/jgzn/", "", "statutory", kind="page", scheme=None,
                   freshness="basic", page_date=date(2026, 2, 3)),
            Column("通知公告", "/xxgk/fdzdgknr/tzgg/", "", "statutory", freshness="notice"),
            Column("工作动态", "/xxgk/fdzdgknr/gzdt/", "", "statutory", freshness="dynamic"),
            Column("教育收费", ROBOTS_PATH, "", "statutory", freshness="basic", robots=True),
        ]
        for column in statutory:
            column.label_path = f"法定主动公开内容 > {column.name}"
        self.columns = [
            Column("信息公开指南", "/xxgk/xxgkzn/", "信息公开指南", "guide", kind="page", scheme=None,
                   page_date=date(2025, 6, 5)),
            *statutory,
            Column("信息公开年报", "/xxgk/xxgknb/", "信息公开年报", "annual_report"),
            Column("教育动态", "/jydt/", "教育动态", None, freshness="dynamic", in_platform=False),
        ]
        for column in self.columns:
            column.page_size = self.page_size
        self.site = SiteInfo(
            origin="department", name=self.name, domain="jyj.qingshan.gov.cn", idcode="3399000034",
            host_unit="青山县教育局", icp="东ICP备05012345号-3",
            nav=[("首页", self.u("/"), []), ("信息公开", self.u(self.landing), []),
                 ("教育动态", self.u("/jydt/"), [])],
            platform_title="信息公开",
            left_nav=[(s.label, self.u(s.path), [(col.name, self.u(col.path)) for col in statutory]
                       if s.key == "statutory" else []) for s in self.sections])

    def column(self, path: str) -> Column:
        return next(col for col in self.columns if col.path == path)

    def fill_columns(self) -> None:
        col = self.column
        self.fill(col("/xxgk/fdzdgknr/tzgg/"), 6, AS_OF - 51 * DAY,
                  lambda i, d: c.education_title(i, "notice"), doc_no=lambda i, d: f"青教〔{d.year}〕{i + 11}号")
        self.fill(col("/xxgk/fdzdgknr/gzdt/"), 9, AS_OF - 6 * DAY,
                  lambda i, d: c.education_title(i + 2, "news"))
        self.fill(col(ROBOTS_PATH), 4, AS_OF - 90 * DAY, lambda i, d: c.education_title(i, "fee"))
        self.fill(col("/jydt/"), 10, AS_OF - 3 * DAY, lambda i, d: c.education_title(i + 4, "news"))

    def render(self) -> None:
        t = c.texts()["department"]
        col = self.column
        self.add_common_files()
        self.render_home()
        self.render_landing([])
        self.render_section_page("statutory")
        self.render_page_column(col("/xxgk/xxgkzn/"), t["guide"].format(address=t["address"]))
        self.render_page_column(col("/xxgk/fdzdgknr/jgzn/"), t["functions"].format(address=t["address"]))
        for path in ("/xxgk/fdzdgknr/tzgg/", "/xxgk/fdzdgknr/gzdt/", ROBOTS_PATH, "/jydt/"):
            self.render_list_column(col(path))
        self.render_reports(col("/xxgk/xxgknb/"))
        self.robots_disallow = [ROBOTS_PATH]
        self.origin.add_file("/robots.txt", f"User-agent: *\nDisallow: {ROBOTS_PATH}\n".encode())
        self.origin.add_file("/images/logo.png", png_bytes(48, 48, (20, 90, 160)))

    def render_home(self) -> None:
        """Homepage: latest 教育动态 with dates, the 信息公开 entry, links to the county and gov.cn."""
        ln = self.origin.linker("/")
        news = self.column("/jydt/").docs[:5]
        self.homepage_newest = max(doc.day for doc in news)
        more = ln.a(self.u("/jydt/"), "更多>>", attrs='class="more"')
        body = (f'<div class="block"><h3>教育动态 {more}</h3>'
                f"{templates.ul_list(ln, news, rel=False)}</div>"
                f'<div class="block"><h3>{ln.a(self.u(self.landing), "信息公开")}</h3></div>')
        links = "　".join([ln.a("{county}/", "青山县人民政府"), ln.a("{external}/www.gov.cn/", "中国政府网")])
        html = templates.layout(self.site, ln, title=self.name, column="首页", body=body,
                                footer_extra=f'<p class="links">相关链接：{links}</p>')
        self.origin.add_page("/", html, ln)

    def explain(self) -> None:
        self.defects.append({"check": "missing_section", "section": "rules", "label": "政府信息公开制度",
                             "url": self.u(self.landing)})
        self.not_defects += [
            {"target": self.u(ROBOTS_PATH), "column": "教育收费",
             "why": "disallowed by robots.txt: not covered (run partial), never missing or blank"},
            {"target": self.u("/xxgk/xxgkzn/"), "why": "labelled 信息公开指南: a synonym of 政府信息公开指南"},
            {"target": self.u("/xxgk/xxgknb/"), "why": "labelled 信息公开年报: a synonym of 政府信息公开年报"},
            {"year": 2025, "why": "report published 2026-01-20, before the department deadline 2026-01-31"},
        ]
