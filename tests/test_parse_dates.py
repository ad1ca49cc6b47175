"""Dates as government pages and CMS URLs write them (crawler/parse/dates.py, rules.md §7.1)."""

from datetime import date

import pytest

from crawler.parse.dates import date_from_url, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-07-01", date(2024, 7, 1)),
        ("2024/7/1", date(2024, 7, 1)),
        ("2024.07.01", date(2024, 7, 1)),
        ("2024年7月1日", date(2024, 7, 1)),
        ("2024年07月01日", date(2024, 7, 1)),
        ("２０２４－０７－０１", date(2024, 7, 1)),
        ("２０２４年７月１日", date(2024, 7, 1)),
        ("发布日期：2024-07-01", date(2024, 7, 1)),
        ("发布时间:2017-12-01 16:10", date(2017, 12, 1)),
        ("发布时间：2026-01-22 11:40:11", date(2026, 1, 22)),
        ("发布日期: 2020/12/31 14:29:32", date(2020, 12, 31)),
        ("时间:2020年09月15日", date(2020, 9, 15)),
        ("[2024-07-01]", date(2024, 7, 1)),
        ("(2024-07-01)", date(2024, 7, 1)),
        ("【2024-07-01】", date(2024, 7, 1)),
        ("2024 年 7 月 1 日", date(2024, 7, 1)),
        ("2022-01-28 00:00:00", date(2022, 1, 28)),
    ],
)
def test_parse_date_formats(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "无",
        "2024-13-01",  # month 13
        "2023-02-30",  # 30 February
        "1899-01-01",  # before the sanity bound
        "2101-01-01",
        "0931-8826049",  # a phone number
        "关于做好2025-2026学年“银龄讲学计划”实施工作的通知",  # years in a title are not a date
    ],
)
def test_parse_date_rejects_non_dates(text):
    assert parse_date(text) is None


def test_parse_date_skips_index_number_serial_and_takes_the_real_date():
    # A table row: 索引号 000014348/2020-35428 must not give "2020-35-…"; the 发布日期 follows.
    assert parse_date("000014348/2020-35428 邯郸市教育局 2020-08-05") == date(2020, 8, 5)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://scjg.hubei.gov.cn/zfxxgk/zcwj/qtwj/202308/t20230828_4813376.shtml", date(2023, 8, 28)),
        ("https://www.nmg.gov.cn/zwyw/jrgz/202202/t20220211_2004628.html", date(2022, 2, 11)),
        ("http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html", date(2016, 11, 22)),
        ("https://www.gov.cn/zhengce/content/2017-06/08/content_5200760.htm", date(2017, 6, 8)),
        ("https://www.example.gov.cn/xw/2024-07/01/c_123.htm", date(2024, 7, 1)),
    ],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        None,
        "https://jyt.gansu.gov.cn/jyt/c110634/202506/174155064.shtml",  # month folder only, no day
        "http://www.example.gov.cn/col/col42150/index.html",
        "http://www.example.gov.cn/a/t20231345_1.html",  # impossible month
    ],
)
def test_date_from_url_without_a_full_date(url):
    assert date_from_url(url) is None
