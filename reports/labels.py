"""Chinese names for what reports show: checks, column and report states, reasons, coverage.

Every check id must have a name here (tests/test_report_scoring.py checks the registry against it), so a
new check never reaches an office's scorecard as an English id.
"""

from __future__ import annotations

import re

CHECK_LABELS = {
    "broken_link": "链接不可用",
    "blocked": "页面被防护拦截",
    "unreachable_site": "站点无法访问",
    "stale_homepage": "首页不更新",
    "stale_column": "栏目不更新",
    "blank_column": "空白栏目",
    "too_many_stale_columns": "动态要闻、通知公告类栏目未更新过多",
    "too_many_long_stale_columns": "长期未更新栏目过多",
    "too_many_blank_columns": "空白栏目过多",
    "missing_section": "缺少一级栏目",
    "missing_annual_report": "年报未发布",
    "late_annual_report": "年报逾期发布",
    "incomplete_annual_report": "年报内容不全",
    "incomplete_guide": "公开指南要素不全",
    "removed_document": "文件被撤下",
    "changed_publish_date": "发布日期被修改",
    "changed_document": "文件内容变更",
    "missing_metadata": "文件元数据缺失",
}
VERDICT_CLASSES = {"合格": "pass", "不合格": "fail", "无法评估": "unassessed"}
COVERAGE_LABELS = {"complete": "完整", "partial": "部分覆盖（仅就已抓取的页面评分）", "none": "无（起始页面无法获取）"}
COLUMN_STATE_LABELS = {"fresh": "按期更新", "stale": "未按期更新", "blank": "空白栏目", "not_covered": "未能完整抓取",
                       "exempt": "不考核更新", "unjudged": "无法判断"}
REPORT_STATE_LABELS = {"on_time": "按时发布", "late": "逾期发布", "missing": "未发布", "incomplete": "内容不全",
                       "unknown": "发布日期不明"}
SECTION_LABELS = {"guide": "政府信息公开指南", "rules": "政府信息公开制度", "statutory": "法定主动公开内容",
                  "annual_report": "政府信息公开年报"}

# C0 and C1 control characters (ESC, BEL, CR …) and DEL: a crawled name must not drive the terminal.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A spreadsheet cell starting with one of these is read as a formula (CSV/formula injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def terminal_safe(text: str) -> str:
    """Text with control characters removed and line breaks as spaces: one table row stays one line."""
    return CONTROL_RE.sub("", text.replace("\n", " "))


def cell_safe(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading ' where it would start a formula (OWASP)."""
    text = CONTROL_RE.sub("", text)
    return "'" + text if text.startswith(FORMULA_START) else text


def check_label(check: str) -> str:
    return CHECK_LABELS.get(check, check)
