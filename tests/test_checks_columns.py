"""stale_column, blank_column and the three column vetoes, on stored runs shaped as the crawl writes them."""

from __future__ import annotations

from test_checks_support import SITE, RunBuilder

AS_OF = "2025-06-30"


def by_column(rows):
    return {r["column_name"]: r for r in rows}


def dated(prefix: str, *days: str) -> list[tuple]:
    return [(f"{prefix} {i}", f"{SITE}{prefix}/{i}.html", d) for i, d in enumerate(days)]


# -- stale_column ----------------------------------------------------------------------------------
def test_each_class_has_its_own_period(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.column(SITE + "gzdt/", "工作动态", items=dated("gzdt", "2025-06-10", "2025-05-01"))  # 20 days
    b.column(SITE + "yw/", "要闻", items=dated("yw", "2025-06-20"))  # 10 days
    b.column(SITE + "tzgg/", "通知公告", items=dated("tzgg", "2024-12-01"))  # 211 days
    b.column(SITE + "gsgg/", "公示公告", items=dated("gsgg", "2025-01-15"))  # 166 days
    b.column(SITE + "rsxx/", "人事信息", items=dated("rsxx", "2024-06-01"))  # 394 days
    b.column(SITE + "ghjh/", "规划计划", items=dated("ghjh", "2024-08-01"))  # 333 days
    # 272 days: stale if 政策解读 were a 政策文件 column (183), fresh as basic information (365).
    b.column(SITE + "zcjd/", "政策解读", items=dated("zcjd", "2024-10-01"))
    rows = by_column(b.findings("stale_column"))
    assert set(rows) == {"工作动态", "通知公告", "人事信息"}
    assert rows["工作动态"]["evidence"].items() >= {"newest_date": "2025-06-10", "class": "动态/要闻类",
                                                    "limit_days": 14, "days_since": 20}.items()
    assert rows["通知公告"]["evidence"]["limit_days"] == 183
    assert rows["通知公告"]["evidence"]["days_since"] == 211
    assert rows["人事信息"]["evidence"]["limit_days"] == 365
    assert rows["工作动态"]["severity"] == "deduct"
    assert rows["工作动态"]["url"] == SITE + "gzdt/"
    assert "20 天" in rows["工作动态"]["message"]


def test_exempt_columns_and_unknown_periods(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.column(SITE + "ztzl/shce/", "扫黑除恶", path="专题专栏 > 扫黑除恶", items=dated("ztzl", "2020-01-01"))
    b.column(SITE + "zwgk/nb/", "政府信息公开年报", section="annual_report", items=dated("nb", "2020-03-01"))
    b.column(SITE + "zwgk/zd/", "工作制度", section="rules", path="政府信息公开制度 > 工作制度",
             items=dated("zd", "2019-03-01"))
    b.column(SITE + "zjxx/", "走进新区", in_platform=0, items=dated("zjxx", "2019-01-01"))
    # A 法定主动公开内容 column of no named class is basic information (one year).
    b.column(SITE + "zwgk/xzxk/", "行政许可", section="statutory", path="法定主动公开内容 > 行政许可",
             items=dated("xzxk", "2024-01-01"))
    rows = by_column(b.findings("stale_column"))
    assert set(rows) == {"行政许可"}
    assert rows["行政许可"]["section"] == "statutory"
    assert rows["行政许可"]["column_path"] == "法定主动公开内容 > 行政许可"


def test_undated_items_count_as_not_updated(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    items = [("a", SITE + "bmdt/a.html", None), ("b", SITE + "bmdt/b.html", None)]
    b.column(SITE + "bmdt/", "部门动态", items=items)
    for _, url, _ in items:
        b.page(url, body="<html><body>没有日期</body></html>")
    rows = b.findings("stale_column")
    assert len(rows) == 1
    assert rows[0]["evidence"]["newest_date"] is None
    assert rows[0]["evidence"]["undated_items"] == 2
    assert "未注明发布时间" in rows[0]["message"]


def test_document_dates_stand_in_for_missing_list_dates(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.column(SITE + "tpxw/", "图片新闻", items=[("a", SITE + "tpxw/a.html", None)])
    b.page(SITE + "tpxw/a.html", metadata={"pub_date": "2025-06-25"}, body="<html></html>")
    b.column(SITE + "xwzx/", "新闻中心", items=[("b", SITE + "xwzx/202506/t20250628_1.html", None)])
    assert b.findings("stale_column") == []


def test_items_dated_after_as_of_are_ignored(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.column(SITE + "gzdt/", "工作动态", items=dated("gzdt", "2025-07-15", "2025-05-01"))
    rows = b.findings("stale_column")
    assert len(rows) == 1
    assert rows[0]["evidence"]["newest_date"] == "2025-05-01"
    assert rows[0]["evidence"]["future_items"] == 1


def test_an_item_whose_page_failed_is_unknown_not_undated(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.column(SITE + "qxdt/", "区县动态", items=[("old", SITE + "qxdt/old.html", "2025-01-01"),
                                             ("failed", SITE + "qxdt/new.html", None)])
    b.page(SITE + "qxdt/new.html", reason="http_404")
    # The same column with the page read and no date anywhere: the undated item counts as not updated.
    b.column(SITE + "xzdt/", "乡镇动态", items=[("old", SITE + "xzdt/old.html", "2025-01-01"),
                                             ("undated", SITE + "xzdt/new.html", None)])
    b.page(SITE + "xzdt/new.html", body="<html></html>")
    assert set(by_column(b.findings("stale_column"))) == {"乡镇动态"}


def test_columns_not_seen_in_full_are_withheld(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    old = "2024-01-01"
    b.column(SITE + "a/", "工作动态", reason="http_500", items=dated("a", old))
    b.column(SITE + "b/", "部门动态", blocked="ruishu", items=dated("b", old))
    b.column(SITE + "c/", "通知公告", items=dated("c", old))
    b.page(SITE + "c/index_1.html", "list_page", referer=SITE + "c/", reason="timeout")
    b.column(SITE + "d/", "政策文件", fetch=False, items=dated("d", old))
    b.column(SITE + "e/", "人事信息", items=dated("e", old))
    assert set(by_column(b.findings("stale_column"))) == {"人事信息"}


def test_thresholds_can_be_set_per_customer(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.column(SITE + "yw/", "要闻", items=dated("yw", "2025-06-20"))  # 10 days
    assert b.findings("stale_column", {"stale_column": {"news_days": 7}})[0]["evidence"]["limit_days"] == 7


# -- blank_column -----------------------------------------------------------------------------------
def test_blank_list_and_page_columns(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.column(SITE + "empty/", "财政预决算", items=[])
    b.column(SITE + "jgzn/", "机构职能", kind="page", text_length=0)
    b.column(SITE + "ldxx/", "领导信息", kind="page", text_length=800)
    b.column(SITE + "fdzdgknr/", "法定主动公开内容", kind="page", text_length=0, subcolumns=12)
    b.column(SITE + "down/", "统计信息", items=[], reason="http_404")
    b.column(SITE + "waf/", "规划计划", items=[], blocked="jiasule")
    b.column(SITE + "part/", "重大项目", items=[])
    b.page(SITE + "part/index_1.html", "list_page", referer=SITE + "part/", reason="not_rendered")
    b.column(SITE + "never/", "应急管理", kind="page", text_length=0, fetch=False)
    rows = by_column(b.findings("blank_column"))
    assert set(rows) == {"财政预决算", "机构职能"}
    assert rows["财政预决算"]["evidence"]["kind"] == "list"
    assert rows["机构职能"]["evidence"]["text_length"] == 0
    assert "空白栏目" in rows["机构职能"]["message"]
    assert b.findings("too_many_blank_columns") == []
    assert {r["check_id"] for r in b.findings()} >= {"blank_column"}
    assert not [r for r in b.findings("stale_column")]


def test_blank_page_threshold(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.column(SITE + "a/", "机构职能", kind="page", text_length=15)
    assert len(b.findings("blank_column")) == 1
    b2 = RunBuilder(tmp_path / "2", as_of=AS_OF)
    b2.column(SITE + "a/", "机构职能", kind="page", text_length=15)
    assert b2.findings("blank_column", {"blank_column": {"max_page_text": 10}}) == []


def test_five_blank_columns_are_a_veto(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    for i in range(5):
        b.column(f"{SITE}c{i}/", f"栏目{i}", items=[])
    rows = b.findings("too_many_blank_columns")
    assert len(rows) == 1
    assert rows[0]["severity"] == "veto"
    assert rows[0]["evidence"]["count"] == 5
    assert {c["column"] for c in rows[0]["evidence"]["columns"]} == {f"栏目{i}" for i in range(5)}


# -- too_many_stale_columns / too_many_long_stale_columns -------------------------------------------
def test_five_stale_news_or_first_level_notice_columns_are_a_veto(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    for i, name in enumerate(("工作动态", "部门动态", "乡镇动态", "图片新闻")):
        b.column(f"{SITE}n{i}/", name, items=dated(f"n{i}", "2025-05-01"))
    b.column(SITE + "tzgg/", "通知公告", items=dated("tzgg", "2024-10-01"))
    rows = b.findings("too_many_stale_columns")
    assert len(rows) == 1 and rows[0]["severity"] == "veto"
    assert rows[0]["evidence"]["count"] == 5
    assert {c["column"] for c in rows[0]["evidence"]["columns"]} == {"工作动态", "部门动态", "乡镇动态",
                                                                     "图片新闻", "通知公告"}


def test_second_level_notice_columns_and_basic_columns_do_not_count_toward_the_five(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    for i, name in enumerate(("工作动态", "部门动态", "乡镇动态", "图片新闻")):
        b.column(f"{SITE}n{i}/", name, items=dated(f"n{i}", "2025-05-01"))
    b.column(SITE + "zwgk/tzgg/", "通知公告", section="statutory", path="法定主动公开内容 > 通知公告",
             items=dated("tzgg", "2024-10-01"))
    b.column(SITE + "rsxx/", "人事信息", items=dated("rsxx", "2023-01-01"))
    assert len(b.findings("stale_column")) == 6
    assert b.findings("too_many_stale_columns") == []


def test_ten_long_stale_columns_are_a_veto(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    for i in range(10):
        b.column(f"{SITE}zwgk/c{i}/", f"信息{i}", section="statutory", path=f"法定主动公开内容 > 信息{i}",
                 items=dated(f"c{i}", "2023-01-01"))
    rows = b.findings("too_many_long_stale_columns")
    assert len(rows) == 1 and rows[0]["evidence"]["count"] == 10
    assert b.findings("too_many_stale_columns") == []


def test_nine_long_stale_columns_are_not(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    for i in range(9):
        b.column(f"{SITE}zwgk/c{i}/", f"信息{i}", section="statutory", items=dated(f"c{i}", "2023-01-01"))
    assert len(b.findings("stale_column")) == 9
    assert b.findings("too_many_long_stale_columns") == []
