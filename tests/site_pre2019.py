"""A small county platform named the pre-2019 way, served on 127.0.0.1 for crawl tests.

青山县 (cms-patterns.md "Pre-2019 naming"): its homepage links 政府信息公开; the platform's sections are
信息公开指南 (a list whose one item is the guide), 信息公开制度 (a one-item list), 政府信息公开目录 (the
statutory content: 机构职能, 通知公告, and 人事信息 marked 此栏目暂无任何新增信息) and 信息公开年报, split
by issuer into 政府年报 (the county's own reports: 2022 has only its 一图读懂, a 图解 beside the 2024 report), 部门年报
(the 教育局 published its 2024 report after 31 January) and 乡镇年报 (one township report). Department and
township sub-platforms have columns of their own, an empty one among them. `TRUTH` is what a crawl on
`AS_OF` must find.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from lxml import html

SHARED = Path(__file__).resolve().parents[2] / "shared"
REPORT_HTML = SHARED / "replay" / "pingtan" / "site" / "zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm"
AS_OF = "2025-06-30"

# (url path, label, children): the platform's left navigation, nested as its columns are.
NAV = (
    ("/xxgk/xxgkzn/", "信息公开指南", ()),
    ("/xxgk/xxgkzd/", "信息公开制度", ()),
    ("/xxgk/xxgkml/", "政府信息公开目录", (("/xxgk/xxgkml/jgzn/", "机构职能"), ("/xxgk/xxgkml/tzgg/", "通知公告"),
                                       ("/xxgk/xxgkml/rsxx/", "人事信息"))),
    ("/xxgk/xxgknb/", "信息公开年报", (("/xxgk/xxgknb/zfnb/", "政府年报"), ("/xxgk/xxgknb/bmnb/", "部门年报"),
                                     ("/xxgk/xxgknb/xznb/", "乡镇年报"))),
    ("/xxgk/ysqgk/", "依申请公开", ()),
    ("/xxgk/bmxxgk/", "部门信息公开", (("/xxgk/bmxxgk/jyj/", "县教育局"),)),
    ("/xxgk/xzxxgk/", "乡镇信息公开", (("/xxgk/xzxxgk/qsz/", "青山镇"),)),
)
GUIDE = "/xxgk/xxgkzn/201803/t20180301_101.html"
RULES_DOC = "/xxgk/xxgkzd/201705/t20170510_102.html"
JGZN_RELATED = "/xxgk/xxgkml/jgzn/202401/t20240105_103.html"
NOTICES = (("/xxgk/xxgkml/tzgg/202506/t20250626_111.html", "青山县人民政府关于做好2025年防汛抗旱工作的通知", "2025-06-26"),
           ("/xxgk/xxgkml/tzgg/202506/t20250612_112.html", "青山县人民政府办公室关于开展安全生产大检查的通知", "2025-06-12"),
           ("/xxgk/xxgkml/tzgg/202505/t20250520_113.html", "青山县人民政府关于公布第二批县级非遗名录的通知", "2025-05-20"))
OWN_REPORTS = (("/xxgk/xxgknb/zfnb/202503/t20250320_201.html", "青山县人民政府2024年政府信息公开工作年度报告", "2025-03-20"),
               ("/xxgk/xxgknb/zfnb/202503/t20250321_202.html", "图解：青山县人民政府2024年政府信息公开工作年度报告", "2025-04-21"),
               ("/xxgk/xxgknb/zfnb/202403/t20240325_203.html", "青山县人民政府2023年政府信息公开工作年度报告", "2024-03-25"),
               ("/xxgk/xxgknb/zfnb/202303/t20230328_205.html", "一图读懂青山县2022年政府信息公开工作年度报告", "2023-03-28"),
               ("/xxgk/xxgknb/zfnb/202203/t20220320_204.html", "青山县人民政府2021年政府信息公开工作年度报告", "2022-03-20"))
DEPARTMENT_REPORTS = (("/xxgk/xxgknb/bmnb/202502/t20250210_301.html", "青山县教育局2024年政府信息公开工作年度报告", "2025-02-10"),
                      ("/xxgk/xxgknb/bmnb/202501/t20250120_302.html", "青山县财政局2024年政府信息公开工作年度报告", "2025-01-20"))
TOWNSHIP_REPORTS = (("/xxgk/xxgknb/xznb/202503/t20250320_401.html", "青山镇人民政府2024年政府信息公开工作年度报告", "2025-03-20"),)
NEWS = (("/xwdt/202506/t20250625_1.html", "青山县召开防汛工作会议部署汛期安全生产", "2025-06-25"),
        ("/xwdt/202506/t20250620_2.html", "青山县开展2025年度农村人居环境整治", "2025-06-20"))

TRUTH = {
    "sections": {"guide": "/xxgk/xxgkzn/", "rules": "/xxgk/xxgkzd/", "statutory": "/xxgk/xxgkml/",
                 "annual_report": "/xxgk/xxgknb/"},
    "one_item_lists": {"/xxgk/xxgkzn/": GUIDE, "/xxgk/xxgkzd/": RULES_DOC,
                       "/xxgk/xxgknb/xznb/": TOWNSHIP_REPORTS[0][0]},
    "page_columns": ["/xxgk/xxgkml/jgzn/", "/xxgk/ysqgk/", "/xxgk/bmxxgk/jyj/jgzn/"],
    "blank": ["/xxgk/xxgkml/rsxx/", "/xxgk/bmxxgk/jyj/tzgg/", "/xxgk/xzxxgk/qsz/gzdt/"],
    "missing_annual_report": [(2022, "信息公开年报 > 政府年报")],
    "late_annual_report": [(2024, "信息公开年报 > 部门年报", DEPARTMENT_REPORTS[0][0])],
}

COMPLETE_GUIDE = """<p>一、信息分类与编排体系：本机关政府信息按主题分类编排。</p>
<p>二、获取方式：主动公开的信息通过县政府门户网站公开；公民可以依申请公开，提出书面申请。</p>
<p>三、政府信息公开工作机构：青山县人民政府办公室，办公地址：青山县人民路1号，办公时间：周一至周五，
联系电话：0571-12345678，传真号码：0571-12345679，电子邮箱：xxgk@qingshan.gov.cn。</p>
<p>四、收费：依申请提供政府信息，不收取费用；超过合理范围的按规定收取信息处理费。</p>"""
JGZN_TEXT = ("<p>青山县人民政府办公室是县人民政府的办事机构，主要职责是：负责县政府会议的组织工作，协助县政府领导"
             "组织起草或审核以县政府、县政府办公室名义发布的公文；督促检查县政府各部门和各乡镇人民政府对县政府"
             "公文、会议决定事项及县政府领导同志指示的贯彻落实情况，及时向县政府领导报告；负责处理县政府各部门"
             "和各乡镇人民政府请示县政府的事项，提出审核意见，报县政府领导审批；协助县政府领导做好需由县政府"
             "处理的重要事项的协调工作；负责全县政务公开、政府信息公开和政务服务的组织协调、指导推进和监督"
             "检查工作。</p>")


def _nav() -> str:
    rows = []
    for path, label, children in NAV:
        sub = "".join(f'<li><a href="{p}">{lab}</a></li>' for p, lab in children)
        rows.append(f'<li><a href="{path}">{label}</a>' + (f"<ul>{sub}</ul>" if sub else "") + "</li>")
    return f'<div class="left-nav"><ul>{"".join(rows)}</ul></div>'


def _page(title: str, main: str, nav: str | None = None) -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_青山县人民政府</title></head><body>'
            f'<div class="header"><a href="/">首页</a> <a href="/xxgk/">政府信息公开</a></div>'
            f'{_nav() if nav is None else nav}<div class="main"><h2>{title}</h2>{main}</div>'
            f'<div class="footer">青山县人民政府办公室主办 网站标识码 3301000001</div></body></html>')


def _list(rows: tuple[tuple[str, str, str], ...]) -> str:
    items = "".join(f'<li><a href="{u}" title="{t}">{t}</a><span class="date">{d}</span></li>' for u, t, d in rows)
    return f'<ul class="list">{items}</ul><div class="page">共{len(rows)}条 共1页</div>'


def _metadata(title: str, day: str, number: int) -> str:
    return (f'<table class="xxgk-meta"><tr><td>索引号：</td><td>113301000000000001/{day[:4]}-{number:05d}</td>'
            f'<td>发布机构：</td><td>青山县人民政府办公室</td></tr><tr><td>成文日期：</td><td>{day}</td>'
            f'<td>发布日期：</td><td>{day}</td></tr><tr><td>文号：</td><td>青政办〔{day[:4]}〕{number}号</td>'
            f'<td>名称：</td><td>{title}</td></tr></table>')


def _document(title: str, day: str, body: str, number: int) -> str:
    return _page(title, _metadata(title, day, number) + f'<div class="content">{body}</div>', nav="")


def _subplatform(base: str, name: str, columns: tuple[tuple[str, str], ...]) -> str:
    links = "".join(f'<li><a href="{base}{slug}/">{label}</a></li>' for slug, label in columns)
    return f'<div class="sub-nav"><h3>{name}</h3><ul>{links}</ul></div>'


def report_body() -> str:
    """The text and tables of a real 2021-format report (Pingtan 2024, complete and balanced), without
    the Pingtan site around it."""
    tree = html.fromstring(REPORT_HTML.read_text(encoding="utf-8"))
    return html.tostring(tree.xpath("//div[@class='TRS_Editor']")[0], encoding="unicode")


def pages() -> dict[str, str]:
    report = report_body()
    site: dict[str, str] = {
        "/": _page("青山县人民政府", _list(NEWS), nav='<div class="nav"><ul><li><a href="/">首页</a></li>'
                   '<li><a href="/xwdt/">新闻动态</a></li><li><a href="/xxgk/">政府信息公开</a></li></ul></div>'),
        "/xwdt/": _page("新闻动态", _list(NEWS), nav=""),
        "/xxgk/": _page("政府信息公开", "<p>欢迎访问青山县政府信息公开专栏。</p>"),
        "/xxgk/xxgkzn/": _page("信息公开指南", _list(((GUIDE, "青山县人民政府信息公开指南", "2018-03-01"),))),
        GUIDE: _document("青山县人民政府信息公开指南", "2018-03-01", COMPLETE_GUIDE, 1),
        "/xxgk/xxgkzd/": _page("信息公开制度", _list(((RULES_DOC, "青山县政府信息公开工作制度", "2017-05-10"),))),
        RULES_DOC: _document("青山县政府信息公开工作制度", "2017-05-10", "<p>第一条 为规范政府信息公开工作……</p>", 2),
        "/xxgk/xxgkml/": _page("政府信息公开目录", "<p>政府信息公开目录</p>"),
        "/xxgk/xxgkml/jgzn/": _page("机构职能", JGZN_TEXT + '<h4>相关文件</h4><ul class="list"><li>'
                                    f'<a href="{JGZN_RELATED}">青山县人民政府办公室主要职责调整的通知</a>'
                                    "<span>2024-01-05</span></li></ul>"),
        JGZN_RELATED: _document("青山县人民政府办公室主要职责调整的通知", "2024-01-05", "<p>各乡镇人民政府……</p>", 3),
        "/xxgk/xxgkml/tzgg/": _page("通知公告", _list(NOTICES)),
        "/xxgk/xxgkml/rsxx/": _page("人事信息", "<p>本栏目公开县人民政府人事任免、公务员考试录用等信息。</p>"
                                    '<div class="list-empty">此栏目暂无任何新增信息</div>'),
        "/xxgk/xxgknb/": _page("信息公开年报", "<p>信息公开年报</p>"),
        "/xxgk/xxgknb/zfnb/": _page("政府年报", _list(OWN_REPORTS)),
        "/xxgk/xxgknb/bmnb/": _page("部门年报", _list(DEPARTMENT_REPORTS)),
        "/xxgk/xxgknb/xznb/": _page("乡镇年报", _list(TOWNSHIP_REPORTS)),
        "/xxgk/ysqgk/": _page("依申请公开", "<p>公民、法人或者其他组织可以向青山县人民政府办公室申请获取相关政府信息。"
                             "申请人应当填写《政府信息公开申请表》，通过当面、邮寄或者网络方式提交。</p>"),
        "/xxgk/bmxxgk/": _page("部门信息公开", '<ul><li><a href="/xxgk/bmxxgk/jyj/">县教育局</a></li></ul>'),
        "/xxgk/bmxxgk/jyj/": _page("县教育局", _subplatform("/xxgk/bmxxgk/jyj/", "县教育局",
                                                          (("jgzn", "机构职能"), ("tzgg", "通知公告")))),
        "/xxgk/bmxxgk/jyj/jgzn/": _page("机构职能", JGZN_TEXT.replace("人民政府办公室", "教育局")),
        "/xxgk/bmxxgk/jyj/tzgg/": _page("通知公告", '<ul class="list"><li>暂无信息</li></ul>'),
        "/xxgk/xzxxgk/": _page("乡镇信息公开", '<ul><li><a href="/xxgk/xzxxgk/qsz/">青山镇</a></li></ul>'),
        "/xxgk/xzxxgk/qsz/": _page("青山镇", _subplatform("/xxgk/xzxxgk/qsz/", "青山镇", (("gzdt", "工作动态"),))),
        "/xxgk/xzxxgk/qsz/gzdt/": _page("工作动态", "<p>本栏目发布青山镇人民政府工作动态信息。</p>"
                                        "<p>此栏目暂无任何新增信息</p>"),
    }
    for number, (url, title, day) in enumerate(NOTICES, start=10):
        site[url] = _document(title, day, f"<p>{title}。</p>", number)
    for url, title, day in NEWS:
        site[url] = _document(title, day, f"<p>{title}。</p>", 90)
    for number, (url, title, day) in enumerate(OWN_REPORTS + DEPARTMENT_REPORTS + TOWNSHIP_REPORTS, start=20):
        if title.startswith(("图解", "一图读懂")):
            site[url] = _document(title, day, '<p><img src="/xxgk/xxgknb/tj2024.png" alt="图解"></p>', number)
        else:
            site[url] = _document(title, day, report, number)
    site["/xxgk/xxgknb/tj2024.png"] = "PNG"
    return site


class _Handler(BaseHTTPRequestHandler):
    site: ClassVar[dict[str, str]] = {}

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/robots.txt" or path not in self.site:
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            return
        data = self.site[path].encode("utf-8")
        self.send_response(200)
        ctype = "image/png" if path.endswith(".png") else "text/html; charset=utf-8"
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve() -> Iterator[str]:
    """The platform on 127.0.0.1 (an OS-chosen port); yields its origin."""
    handler = type("Handler", (_Handler,), {"site": pages()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
