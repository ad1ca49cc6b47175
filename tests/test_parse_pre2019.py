"""Older and county platforms: lists of one, empty-column markers, section and sub-platform names.

A one-row list is what a 指南 section listing its guide, a 乡镇年报 column with one report or a list's last
page shows; one dated row is also what a content page's "相关文件" box shows. So a single row is a list
only on a page reached as a column or list page (`expect_list`) that shows almost no text of its own.
"""

from __future__ import annotations

import pytest

from crawler.parse.names import is_platform_link, match_section
from crawler.parse.page import parse_page

COLUMN = "http://www.example.gov.cn/xxgk/xxgkzn/"
FRAME = ('<html><head><title>信息公开指南</title></head><body>'
         '<div class="header"><a href="/">首页</a><a href="/xxgk/">政府信息公开</a></div>'
         '<div class="left-nav"><ul><li><a href="/xxgk/xxgkzn/">信息公开指南</a></li>'
         '<li><a href="/xxgk/xxgkzd/">信息公开制度</a></li><li><a href="/xxgk/xxgkml/">政府信息公开目录</a></li></ul></div>'
         '<div class="main"><div class="position">当前位置：首页 &gt; 政府信息公开 &gt; 信息公开指南</div>{main}</div>'
         '<div class="footer">青山县人民政府办公室主办 地址：青山县人民路1号 电话：0571-12345678</div></body></html>')
ONE_ROW = ('<ul class="list"><li><a href="/xxgk/xxgkzn/201803/t20180301_101.html">青山县人民政府信息公开指南</a>'
           '<span>2018-03-01</span></li></ul>')
BODY = ("<p>青山县人民政府办公室是县人民政府的办事机构，主要职责是：负责县政府会议的组织工作，协助县政府领导组织"
        "起草或审核以县政府、县政府办公室名义发布的公文；督促检查县政府各部门和各乡镇人民政府对县政府公文、"
        "会议决定事项及县政府领导同志指示的贯彻落实情况。</p>")


def test_a_column_listing_one_document_is_a_list_of_one():
    page = parse_page(COLUMN, FRAME.format(main="<h2>信息公开指南</h2>" + ONE_ROW + "<div>共1条 共1页</div>"),
                      expect_list=True)
    assert page.list is not None and page.list.scheme == "html"
    assert [(i.title, i.url, i.date.isoformat()) for i in page.list.items] == [
        ("青山县人民政府信息公开指南", "http://www.example.gov.cn/xxgk/xxgkzn/201803/t20180301_101.html", "2018-03-01")]


def test_a_list_page_in_a_table_with_one_row_is_a_list_of_one():
    row = ('<table class="tb"><tr><td><a href="/xxgk/xxgknb/xznb/202503/t20250320_401.html">'
           '青山镇人民政府2024年政府信息公开工作年度报告</a></td><td>2025-03-20</td></tr></table>')
    page = parse_page("http://www.example.gov.cn/xxgk/xxgknb/xznb/index_1.html", FRAME.format(main=row),
                      expect_list=True)
    assert [i.date.isoformat() for i in page.list.items] == ["2025-03-20"]


def test_one_row_is_no_list_on_a_page_not_reached_as_a_column():
    page = parse_page(COLUMN, FRAME.format(main=ONE_ROW))
    assert page.list is None


def test_a_page_column_with_its_text_and_one_related_document_stays_a_page():
    related = ('<ul class="list"><li><a href="/xxgk/jgzn/202401/t20240105_103.html">青山县人民政府办公室主要职责调整的'
               '通知</a><span>2024-01-05</span></li></ul>')
    page = parse_page("http://www.example.gov.cn/xxgk/jgzn/", FRAME.format(main=BODY + related), expect_list=True)
    assert page.list is None


def test_text_in_the_same_wrapper_as_the_row_is_the_pages_own():
    wrapped = f'<div class="box">{BODY}{ONE_ROW}</div>'
    page = parse_page("http://www.example.gov.cn/xxgk/jgzn/", FRAME.format(main=wrapped), expect_list=True)
    assert page.list is None


def test_a_document_page_is_never_a_list_of_one():
    page = parse_page("http://www.example.gov.cn/xxgk/xxgkzn/201803/t20180301_101.html",
                      FRAME.format(main=ONE_ROW), expect_list=True)
    assert page.list is None


def test_two_lone_dated_rows_in_different_places_are_no_list_of_one():
    other = ('<div class="box"><p><a href="/xxgk/tzgg/202401/t20240105_9.html">青山县关于开展安全生产大检查的通知</a>'
             '<span>2024-01-05</span></p></div>')
    page = parse_page(COLUMN, FRAME.format(main=ONE_ROW + other), expect_list=True)
    assert page.list is None


def test_an_undated_short_link_is_no_list_of_one():
    page = parse_page(COLUMN, FRAME.format(main='<ul><li><a href="/xxgk/ysqgk/">依申请公开</a></li></ul>'),
                      expect_list=True)
    assert page.list is None


@pytest.mark.parametrize("marker", ["此栏目暂无任何新增信息", "该栏目暂无信息", "本栏目下暂无相关内容", "暂无数据",
                                    "暂时没有相关信息！"])
def test_empty_column_markers_make_an_empty_list(marker):
    main = f"<p>本栏目公开县人民政府人事任免、公务员考试录用等信息。</p><div class='list-empty'>{marker}</div>"
    page = parse_page("http://www.example.gov.cn/xxgk/xxgkml/rsxx/", FRAME.format(main=main))
    assert page.list is not None and page.list.items == []


@pytest.mark.parametrize(("anchor", "section"), [
    ("信息公开指南", "guide"), ("信息公开制度", "rules"), ("政府信息公开目录", "statutory"), ("信息公开目录", "statutory"),
    ("信息公开年报", "annual_report"), ("政府年报", None), ("部门年报", None), ("乡镇年报", None)])
def test_pre_2019_section_names(anchor, section):
    assert match_section(anchor) == section


@pytest.mark.parametrize("anchor", ["乡镇信息公开", "部门信息公开", "街道政务公开", "县直部门信息公开"])
def test_sub_platform_directories_are_columns_not_the_platform(anchor):
    assert not is_platform_link(anchor, "http://www.example.gov.cn/xxgk/xzxxgk/")


@pytest.mark.parametrize("anchor", ["政府信息公开", "青山县政府信息公开", "青山镇政务公开"])
def test_the_platform_is_still_named_so(anchor):
    assert is_platform_link(anchor, "http://www.example.gov.cn/xxgk/")
