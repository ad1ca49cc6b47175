"""Reading a 政府信息公开工作年度报告 page: its headings and the tables of the 2021 format.

Not a check: `incomplete_annual_report` calls `read_report()` on each stored report page. The format is
《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号, rules.md §3):

* six headings 一、总体情况 … 六、其他需要报告的事项 (with the wording variants real reports use);
* table 二 (主动公开): rows 规章, 行政规范性文件, 行政许可, 行政处罚, 行政强制, 行政事业性收费;
* table 三 (依申请): rows 一、本年新收 / 二、上年结转 / 三、本年度办理结果 (一)…(七) with their numbered
  sub-rows / 四、结转下年度继续办理, each with 7 numbers (自然人, five kinds of 法人或其他组织, 总计);
* table 四 (复议/诉讼): 15 numbers, three blocks of 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.

Tables are read row by row (label cells, then the trailing number cells), so rowspan/colspan layouts
and Word-exported markup with spaces inside labels ("本 年 度办 理结果") read the same. Reports for 2019
and 2020 used the trial format (国办公开办函〔2019〕60号) with the same six headings; reports for 2018
and earlier followed the 2008 条例, whose reports covered 主动公开, 依申请公开, 复议/诉讼 and 问题及改进 under
headings of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsel import Selector

from checks.page_text import node_text, selector, squash

# The six headings of the 2019 trial and 2021 formats: canonical name → pattern for the heading text
# (after its numeral). The variants are those of rules.md §3 (上海, 龙岗) and of real pages, such as
# Pingtan 2022's "政府信息公开行政法复议、行政诉讼情况".
HEADINGS: tuple[tuple[str, str], ...] = (
    ("一、总体情况", r"总体情况|概述|总体概况"),
    ("二、主动公开政府信息情况", r"主动公开.{0,8}情况"),
    ("三、收到和处理政府信息公开申请情况",
     r"(收到和处理|收到及处理|依申请).{0,14}申请.{0,6}情况|依申请公开.{0,8}情况"),
    ("四、政府信息公开行政复议、行政诉讼情况", r"复议.{0,14}诉讼.{0,4}情况"),
    ("五、存在的主要问题及改进情况", r"问题.{0,6}改进(情况|措施)?"),
    ("六、其他需要报告的事项", r"其他需要报告的?事项|其他需报告的?事项"),
)
# A heading starts with its numeral ("四、", "第四部分", "4."), which keeps the table of contents some
# reports open with ("本报告共分6个部分：总体情况、…") from passing for the headings themselves.
_NUMERAL = r"(?:第[一二三四五六七]部分[、.．:：]?|[一二三四五六七][、.．]|[1-6][、.．])"
HEADING_RES = tuple((name, re.compile(_NUMERAL + r"[^，。；：:、]{0,14}?(?:" + pattern + ")"))
                    for name, pattern in HEADINGS)

# What the reports of the 2008 条例 (第三十一/三十二条) covered, in whatever headings they used.
OLD_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("主动公开政府信息情况", re.compile(r"主动公开")),
    ("依申请公开政府信息情况", re.compile(r"依申请|申请公开|公开申请")),
    ("行政复议、行政诉讼情况", re.compile(r"复议|诉讼")),
    ("存在的主要问题及改进情况", re.compile(r"问题|不足|改进")),
)

TABLE2_ROWS = ("规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费")
TABLE2_HEADERS = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额")
TABLE3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
TABLE3_GROUPS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
TABLE3_GROUP_NAMES = {1: "予以公开", 2: "部分公开", 3: "不予公开", 4: "无法提供", 5: "不予处理",
                      6: "其他处理", 7: "总计"}
TABLE4_BLOCKS = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
TABLE4_CELLS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

_NUMBER_RE = re.compile(r"^-?\d+(?:\.\d+)?$")
_BLANK_CELLS = {"", "-", "—", "/", "／", "无", "－"}
_GROUP_RE = re.compile(r"（([一二三四五六七])）")
_SUB_RE = re.compile(r"(?:^|[^\d])(\d{1,2})\s*[.．、]")


@dataclass
class Table3:
    """Table 三 by row: `new` (一), `carried_in` (二), `results[(group, sub)]`, `carried_out` (四)."""

    new: list[int] | None = None
    carried_in: list[int] | None = None
    results: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    carried_out: list[int] | None = None

    @property
    def total(self) -> list[int] | None:
        return self.results.get((7, 0))

    def missing_rows(self) -> list[str]:
        missing = [name for name, row in (("一、本年新收政府信息公开申请数量", self.new),
                                          ("二、上年结转政府信息公开申请数量", self.carried_in),
                                          ("四、结转下年度继续办理", self.carried_out)) if row is None]
        groups = {g for g, _ in self.results}
        missing += [f"三、本年度办理结果（{'一二三四五六七'[g - 1]}）{TABLE3_GROUP_NAMES[g]}"
                    for g in range(1, 8) if g not in groups]
        return missing

    def group_sum(self, group: int) -> list[int]:
        rows = [v for (g, _), v in self.results.items() if g == group]
        return [sum(col) for col in zip(*rows, strict=True)] if rows else [0] * 7


@dataclass
class ReportReading:
    """What `read_report` found on one report page."""

    headings: dict[str, int] = field(default_factory=dict)  # heading → position in the text
    text: str = ""
    table2_rows: dict[str, list[float]] = field(default_factory=dict)
    table2_headers: set[str] = field(default_factory=set)
    table3: Table3 | None = None
    table4: list[int] | None = None
    table_count: int = 0
    image_count: int = 0  # images in the page body: tables are sometimes published as pictures

    # -- judgements ------------------------------------------------------------------------------
    def missing_headings(self) -> list[str]:
        return [name for name, _ in HEADINGS if name not in self.headings]

    def headings_out_of_order(self) -> bool:
        positions = [self.headings[name] for name, _ in HEADINGS if name in self.headings]
        return positions != sorted(positions)

    def missing_old_topics(self) -> list[str]:
        return [name for name, pattern in OLD_TOPICS if not pattern.search(self.text)]

    def missing_table2(self) -> list[str]:
        return [row for row in TABLE2_ROWS if row not in self.table2_rows]

    def table3_problems(self) -> list[dict]:
        """Sums that do not hold in table 三, per column (rules.md §3 machine checks 3)."""
        t = self.table3
        if t is None or t.new is None or t.carried_in is None or t.total is None or t.carried_out is None:
            return []
        problems = []
        for i, column in enumerate(TABLE3_COLUMNS):
            left, right = t.new[i] + t.carried_in[i], t.total[i] + t.carried_out[i]
            if left != right:
                problems.append({"rule": "一+二=三(七)+四", "column": column, "一": t.new[i],
                                 "二": t.carried_in[i], "三(七)": t.total[i], "四": t.carried_out[i],
                                 "left": left, "right": right})
        groups = [t.group_sum(g) for g in range(1, 7)]
        for i, column in enumerate(TABLE3_COLUMNS):
            parts = sum(group[i] for group in groups)
            if parts != t.total[i]:
                problems.append({"rule": "三(七)=(一)+…+(六)", "column": column, "三(七)": t.total[i],
                                 "sum": parts})
        for name, row in self.table3_rows():
            if row[:6] and sum(row[:6]) != row[6]:
                problems.append({"rule": "总计列=各申请人之和", "row": name, "总计": row[6],
                                 "sum": sum(row[:6])})
        return problems

    def table3_rows(self) -> list[tuple[str, list[int]]]:
        t = self.table3
        if t is None:
            return []
        rows = [("一、本年新收", t.new), ("二、上年结转", t.carried_in), ("四、结转下年度", t.carried_out)]
        rows += [(f"三（{'一二三四五六七'[g - 1]}）{TABLE3_GROUP_NAMES[g]}" + (f"{s}." if s else ""), v)
                 for (g, s), v in t.results.items()]
        return [(name, row) for name, row in rows if row is not None]

    def table4_problems(self) -> list[dict]:
        if self.table4 is None:
            return []
        problems = []
        for b, block in enumerate(TABLE4_BLOCKS):
            cells = self.table4[5 * b: 5 * b + 5]
            if sum(cells[:4]) != cells[4]:
                problems.append({"rule": "总计=四项之和", "block": block,
                                 "cells": dict(zip(TABLE4_CELLS, cells, strict=True)), "sum": sum(cells[:4])})
        return problems


def read_report(html: str) -> ReportReading:
    """Headings, text and tables of one report page (see module doc)."""
    sel = selector(html)
    body = sel.xpath("//body") or [sel]
    text = squash(node_text(body[0].root))
    reading = ReportReading(text=text)
    for name, pattern in HEADING_RES:
        m = pattern.search(text)
        if m:
            reading.headings[name] = m.start()
    tables = [t for t in sel.xpath("//table") if not t.xpath(".//table")]
    reading.table_count = len(tables)
    reading.image_count = len(sel.xpath("//body//img"))
    for table in tables:
        rows = [row_cells(tr) for tr in table.xpath(".//tr")]
        joined = "".join("".join(r) for r in rows)
        read_table2(rows, reading)
        if "本年新收" in joined and "结转" in joined and reading.table3 is None:
            reading.table3 = read_table3(rows)
        if "复议" in joined and "诉讼" in joined and "维持" in joined and reading.table4 is None:
            reading.table4 = read_table4(rows)
    return reading


def row_cells(tr: Selector) -> list[str]:
    """The squashed text of each cell of a table row."""
    return [squash(node_text(td.root)) for td in tr.xpath("./td|./th")]


def split_row(cells: list[str], count: int) -> tuple[str, list[float]] | None:
    """(label, numbers) when the row ends with `count` number cells (blank cells read as 0)."""
    if len(cells) < count:
        return None
    tail = cells[-count:]
    if not all(_NUMBER_RE.match(c) or c in _BLANK_CELLS for c in tail):
        return None
    if not any(_NUMBER_RE.match(c) for c in tail):
        return None
    values = [float(c) if _NUMBER_RE.match(c) else 0.0 for c in tail]
    return "".join(cells[:-count]), values


def read_table2(rows: list[list[str]], reading: ReportReading) -> None:
    for cells in rows:
        joined = "".join(cells)
        reading.table2_headers.update(h for h in TABLE2_HEADERS if h in joined)
        if not cells:
            continue
        label = cells[0]
        for name in TABLE2_ROWS:
            if label == name or (label.startswith(name) and len(label) <= len(name) + 4):
                numbers = [float(c) for c in cells[1:] if _NUMBER_RE.match(c)]
                reading.table2_rows.setdefault(name, numbers)


def read_table3(rows: list[list[str]]) -> Table3:
    table = Table3()
    group = 0
    for cells in rows:
        split = split_row(cells, 7)
        if split is None:
            continue
        label, floats = split
        values = [int(v) for v in floats]
        label = label.replace("(", "（").replace(")", "）")
        if "本年新收" in label:
            table.new = values
            continue
        if "上年结转" in label:
            table.carried_in = values
            continue
        if "结转下年度" in label:
            table.carried_out = values
            continue
        m = _GROUP_RE.search(label)
        rest = label
        if m:
            group = TABLE3_GROUPS[m.group(1)]
            rest = label[m.end():]
        elif "总计" in label:
            group = 7
            rest = ""
        if not group:
            continue
        sub = _SUB_RE.search(rest) if group not in (1, 2, 7) else None
        table.results.setdefault((group, int(sub.group(1)) if sub else 0), values)
    return table


def read_table4(rows: list[list[str]]) -> list[int] | None:
    for cells in rows:
        split = split_row(cells, 15)
        if split is not None and not split[0]:
            return [int(v) for v in split[1]]
    for cells in rows:
        split = split_row(cells, 15)
        if split is not None:
            return [int(v) for v in split[1]]
    return None
