"""Section and platform names (crawler/parse/names.py), including labels read from real pages."""

import pytest

from crawler.parse.names import SECTION_NAMES, is_platform_link, match_section


@pytest.mark.parametrize(("key", "names"), sorted(SECTION_NAMES.items()))
def test_every_documented_synonym_matches_its_section(key, names):
    for name in names:
        assert match_section(name) == key, name


@pytest.mark.parametrize(
    ("anchor", "key"),
    [
        # Labels as real sites show them (realpages #1, #5, #9, #19).
        ("政府信息公开制度文件", "rules"),
        ("政府信息公开年度报告", "annual_report"),
        (" 法定主动公开内容 ", "statutory"),
        (">> 政府信息公开指南", "guide"),
        ("【政府信息公开年报】", "annual_report"),
        ("1.政府信息公开指南", "guide"),
    ],
)
def test_real_labels(anchor, key):
    assert match_section(anchor) == key


@pytest.mark.parametrize(
    "anchor",
    [
        "关于政府信息公开年报的通知",
        "平潭综合实验区2025年度政府信息公开工作年度报告",  # one report, not the section
        "2023年度报告",
        "依申请公开",
        "政府信息公开申请",
        "办事指南",
        "行政许可办事服务指南",
        "政府信息公开",
        "重点领域信息公开",
        "",
        "关于印发《政府信息公开制度》的通知及相关材料汇编",
    ],
)
def test_not_sections(anchor):
    assert match_section(anchor) is None


@pytest.mark.parametrize(
    ("anchor", "url"),
    [
        ("政府信息公开", "http://hdzfxxgk.hd.gov.cn/"),
        ("信息公开", "http://www.example.gov.cn/#"),
        ("政务公开", "https://www.pingtan.gov.cn/zwgk/"),
        ("邯郸市政府信息公开", "http://www.example.gov.cn/a/"),
        ("政府信息公开专栏", "http://www.example.gov.cn/a/"),
        ("", "http://www.example.gov.cn/zfxxgk/"),
        ("更多", "http://www.example.gov.cn/xxgk/index.html"),
        ("", "http://www.example.gov.cn/gkmlpt/index"),
        ("", "http://xxgk.jl.gov.cn/"),
    ],
)
def test_platform_links(anchor, url):
    assert is_platform_link(anchor, url)


@pytest.mark.parametrize(
    ("anchor", "url"),
    [
        ("市政府部门信息公开", "http://hdzfxxgk.hd.gov.cn/gszbm/"),
        ("重点领域信息公开", "https://www.pingtan.gov.cn/zwgk/zdlyxxgk/"),
        ("新闻动态", "http://www.example.gov.cn/xwdt/"),
        ("关于进一步做好政府信息公开工作的通知", "http://www.example.gov.cn/zwgk/tzgg/202401/t20240101_1.html"),
        ("通知公告", "http://www.example.gov.cn/zwgk/tzgg/202401/t20240101_1.html"),
    ],
)
def test_not_platform_links(anchor, url):
    assert not is_platform_link(anchor, url)
