"""政府信息公开工作年度报告 bodies in the 2021 format (国办公开办函〔2021〕30号; rules.md §3).

Table structure is copied from the Pingtan reports in ``shared/replay/pingtan``: table 二 in four
blocks (第二十条第（一）（五）（六）（八）项), table 三 with seven applicant columns and 25 rows (rowspans as
the real reports have), table 四 with 15 cells. Numbers are seeded per issuer and year and balance
(一 + 二 = 三（七） + 四 in every column), unless a report is built unbalanced on purpose.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from samplesite.content import texts

HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
RESULT_GROUPS = (
    ("（一）予以公开", ()),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ()),
    ("（三）不予公开", ("1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
                    "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
                    "7.属于行政执法案卷", "8.属于行政查询事项")),
    ("（四）无法提供", ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确")),
    ("（五）不予处理", ("1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                    "5.要求行政机关确认或重新出具已获取信息")),
    ("（六）其他处理", ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他")),
)
# How likely each of the 21 result rows is, in the order they are printed.
RESULT_WEIGHTS = (40, 12, 1, 1, 0, 2, 3, 2, 0, 0, 18, 3, 2, 1, 2, 0, 0, 0, 1, 0, 2)


@dataclass
class ReportNumbers:
    """Every number a report prints."""

    regulations: tuple[int, int, int]  # 行政规范性文件: 制发, 废止, 现行有效
    licences: int
    penalties: int
    enforcement: int
    fees: float  # 万元
    new: list[int]  # per applicant column (6)
    carry_in: list[int]
    results: list[list[int]]  # 21 rows x 6 columns
    carry_out: list[int]
    review: list[int]  # 15 cells of table 四, totals included

    @property
    def received(self) -> int:
        return sum(self.new)


def make_numbers(issuer: str, year: int, scale: int, carry_in: list[int] | None) -> ReportNumbers:
    """Seeded, balanced numbers; ``scale`` is roughly the yearly number of applications."""
    rng = random.Random(f"{issuer}-{year}")
    new = [rng.randint(scale // 2, scale)] + [rng.choice((0, 0, 1, 2, 3)) for _ in range(5)]
    carry_in = carry_in or [rng.randint(0, 2)] + [0] * 5
    carry_out = [rng.randint(0, min(2, n)) for n in new]
    results = [[0] * 6 for _ in RESULT_WEIGHTS]
    for col in range(6):
        for _ in range(new[col] + carry_in[col] - carry_out[col]):
            row = rng.choices(range(len(RESULT_WEIGHTS)), weights=RESULT_WEIGHTS)[0]
            results[row][col] += 1
    review = []
    for _ in range(3):
        cells = [rng.randint(0, 2) for _ in range(4)]
        review += [*cells, sum(cells)]
    return ReportNumbers(
        regulations=(rng.randint(8, 30), rng.randint(0, 6), rng.randint(120, 260)),
        licences=rng.randint(800, 3000), penalties=rng.randint(100, 900), enforcement=rng.randint(0, 40),
        fees=round(rng.uniform(800, 5000), 2), new=new, carry_in=carry_in, results=results,
        carry_out=carry_out, review=review)


def _cells(values: list[int]) -> str:
    return "".join(f"<td>{v}</td>" for v in [*values, sum(values)])


def table_active(n: ReportNumbers) -> str:
    """Table 二 (主动公开政府信息情况)."""
    made, repealed, valid = n.regulations

    def block(title: str, header: str, rows: list[tuple[str, object]]) -> str:
        body = "".join(f'<tr><td>{label}</td><td colspan="3">{value}</td></tr>' for label, value in rows)
        return (f'<tr><td colspan="4">{title}</td></tr>'
                f'<tr><td>信息内容</td><td colspan="3">{header}</td></tr>{body}')

    return ('<table border="1" cellspacing="0" align="center"><tbody>'
            '<tr class="firstRow"><td colspan="4">第二十条第（一）项</td></tr>'
            "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
            "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>"
            f"<tr><td>行政规范性文件</td><td>{made}</td><td>{repealed}</td><td>{valid}</td></tr>"
            + block("第二十条第（五）项", "本年处理决定数量", [("行政许可", n.licences)])
            + block("第二十条第（六）项", "本年处理决定数量", [("行政处罚", n.penalties), ("行政强制", n.enforcement)])
            + block("第二十条第（八）项", "本年收费金额（单位：万元）", [("行政事业性收费", f"{n.fees:.2f}")])
            + "</tbody></table>")


def table_requests(n: ReportNumbers, unbalanced: bool = False) -> str:
    """Table 三 (收到和处理政府信息公开申请情况); ``unbalanced`` adds 2 to 自然人 in row 一."""
    new = list(n.new)
    if unbalanced:
        new[0] += 2
    header = ('<tr class="firstRow"><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，'
              '等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>'
              '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>'
              "<tr>" + "".join(f"<td>{a}</td>" for a in APPLICANTS[1:]) + "</tr>")
    rows = [f'<tr><td colspan="3">一、本年新收政府信息公开申请数量</td>{_cells(new)}</tr>',
            f'<tr><td colspan="3">二、上年结转政府信息公开申请数量</td>{_cells(n.carry_in)}</tr>']
    index = 0
    for group, items in RESULT_GROUPS:
        lead = '<td rowspan="22">三、本年度办理结果</td>' if index == 0 else ""
        if not items:
            rows.append(f'<tr>{lead}<td colspan="2">{group}</td>{_cells(n.results[index])}</tr>')
            index += 1
            continue
        for position, item in enumerate(items):
            group_cell = f'<td rowspan="{len(items)}">{group}</td>' if position == 0 else ""
            rows.append(f"<tr>{lead if position == 0 else ''}{group_cell}<td>{item}</td>"
                        f"{_cells(n.results[index])}</tr>")
            index += 1
    totals = [sum(row[col] for row in n.results) for col in range(6)]
    rows.append(f'<tr><td colspan="2">（七）总计</td>{_cells(totals)}</tr>')
    rows.append(f'<tr><td colspan="3">四、结转下年度继续办理</td>{_cells(n.carry_out)}</tr>')
    return f'<table border="1" cellspacing="0" align="center"><tbody>{header}{"".join(rows)}</tbody></table>'


def table_review(n: ReportNumbers) -> str:
    """Table 四 (行政复议、行政诉讼)."""
    five = "".join(f'<td rowspan="2">{label}</td>' for label in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
    sub = "".join(f"<td>{label}</td>" for label in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2)
    values = "".join(f"<td>{v}</td>" for v in n.review)
    return ('<table border="1" cellspacing="0" align="center"><tbody>'
            '<tr class="firstRow"><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>'
            f'<tr>{five}<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>'
            f"<tr>{sub}</tr><tr>{values}</tr></tbody></table>")


def heading(text: str) -> str:
    return f'<p style="text-indent:2em"><span style="font-family:黑体,SimHei">{text}</span></p>'


def paragraph(text: str) -> str:
    return f'<p style="text-indent:2em">{text}</p>'


def report_body(issuer: str, year: int, n: ReportNumbers, *, omit: tuple[str, ...] = (),
                unbalanced: bool = False) -> str:
    """The report text with its six headings and three tables; ``omit`` drops whole sections."""
    t = texts()["report"]
    fill = {"issuer": issuer, "year": year, "received": n.received, "published": 600 + n.licences // 10,
            "regulations": n.regulations[0], "explanations": 20 + n.regulations[0] // 2, "news": 300}
    sections = {
        HEADINGS[0]: [paragraph(t[key].format(**fill))
                      for key in ("overall", "active", "requests", "management", "platform", "oversight")],
        HEADINGS[1]: [table_active(n)],
        HEADINGS[2]: [table_requests(n, unbalanced)],
        HEADINGS[3]: [table_review(n)],
        HEADINGS[4]: [paragraph(t["problems"].format(**fill))],
        HEADINGS[5]: [paragraph(t["other"].format(**fill))],
    }
    parts = [paragraph(t["preface"].format(**fill))]
    for title, blocks in sections.items():
        if title not in omit:
            parts += [heading(title), *blocks]
    return "\n".join(parts)
