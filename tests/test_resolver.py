"""XXGK_HOST_MAP: named hosts answered before DNS, for Scrapy and for Chromium (crawler/resolver.py)."""

import pytest
from scrapy.settings import Settings

from crawler.render import playwright_settings
from crawler.resolver import HostMapResolver, chromium_rules, host_map

HOSTS = '{"WWW.qingshan.gov.cn": "127.0.0.2", "www.zj.gov.cn": "127.0.0.4"}'


def test_the_map_is_read_from_a_json_setting_and_names_are_case_free():
    assert host_map(Settings({"XXGK_HOST_MAP": HOSTS})) == {"www.qingshan.gov.cn": "127.0.0.2",
                                                             "www.zj.gov.cn": "127.0.0.4"}
    with pytest.raises(ValueError):
        host_map(Settings({"XXGK_HOST_MAP": '{"www.qingshan.gov.cn": "localhost"}'}))


def test_mapped_names_resolve_without_dns():
    # No reactor is needed for a mapped name (and installing one here would outlive the test).
    resolver = HostMapResolver(None, 0, 5.0, {"www.qingshan.gov.cn": "127.0.0.2"})
    answers = []
    resolver.getHostByName("WWW.QINGSHAN.GOV.CN").addCallback(answers.append)
    assert answers == ["127.0.0.2"]


def test_chromium_gets_the_same_map():
    rules = chromium_rules({"www.zj.gov.cn": "127.0.0.4", "www.qingshan.gov.cn": "127.0.0.2"})
    assert rules == "MAP www.qingshan.gov.cn 127.0.0.2, MAP www.zj.gov.cn 127.0.0.4"
    args = playwright_settings("/usr/bin/chromium", 4, rules)["PLAYWRIGHT_LAUNCH_OPTIONS"]["args"]
    assert f"--host-resolver-rules={rules}" in args
    assert not any(a.startswith("--host-resolver-rules") for a in
                   playwright_settings("/usr/bin/chromium", 4)["PLAYWRIGHT_LAUNCH_OPTIONS"]["args"])
