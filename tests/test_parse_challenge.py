"""Anti-bot challenge pages vs real content on protected sites (crawler/parse/challenge.py)."""

import os
from pathlib import Path

import pytest

from crawler.parse.challenge import classify_challenge

SHARED = Path(os.environ.get("XXGK_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
REALPAGES = SHARED / "realpages"
needs_realpages = pytest.mark.skipif(not REALPAGES.is_dir(),
                                     reason=f"shared realpages not found at {REALPAGES} (set XXGK_SHARED)")


def realpage(name: str) -> str:
    return (REALPAGES / name).read_text(encoding="utf-8")


@needs_realpages
@pytest.mark.parametrize(
    ("name", "protection"),
    [
        ("rs-challenge_scjg-gansu_guestweb4-search.html", "ruishu"),  # 14
        ("rs-challenge_nmpa_sdxxyp-column.html", "ruishu"),  # 15
        ("rs-challenge-ss-variant_zscqj-hubei_column.html", "ruishu"),  # 16, $_ss variant
        ("waf-challenge_yngp_mojibake-title.html", "panyun"),  # 17, title still in mojibake
    ],
)
@pytest.mark.parametrize("status", [200, 412])
def test_realpage_challenges_are_blocked(name, protection, status):
    assert classify_challenge(status, {"Content-Type": "text/html"}, realpage(name)) == protection


@needs_realpages
@pytest.mark.parametrize(
    "name",
    [
        "trs_jyt-gansu_wjtz-list_rs-protected.html",  # 10: carries the $_ts bootstrap
        "fzgg-gansu_tzgg-detail_rs-protected.html",  # 11
        "scjg-gansu_article_c110159_rs5-protected.html",  # 12
        "ucap_scjg-gansu_guestweb4-search-results.html",  # 13
    ],
)
def test_realpage_content_on_protected_sites_is_content(name):
    assert classify_challenge(200, {}, realpage(name)) is None


@needs_realpages
def test_every_other_realpage_is_content():
    for path in sorted(REALPAGES.glob("*.htm*")):
        if path.name.startswith(("rs-challenge", "waf-challenge")):
            continue
        assert classify_challenge(200, {}, path.read_text(encoding="utf-8")) is None, path.name


JIASULE_521 = ("<html><body><script>document.cookie=('__jsl_clearance_s=1700000000.1|0|abc');"
               "location.href=location.pathname+location.search</script></body></html>")


@pytest.mark.parametrize(
    ("status", "headers", "text", "protection"),
    [
        (521, {"Server": "nginx"}, JIASULE_521, "jiasule"),
        (200, {"Set-Cookie": "__jsl_clearance_s=1"}, JIASULE_521, "jiasule"),
        (200, {}, "<html><head><title>知道创宇云防御-浏览器安全检查</title></head><body>请稍候…</body></html>", "zhidao"),
        (200, {}, "<html><head><title>请稍候... | 磐云</title></head><body><h1>进入前检查浏览器...</h1></body></html>",
         "panyun"),
        (403, {}, "<html><head><title>403</title></head><body>您的访问已被网站防火墙拦截（WAF）</body></html>", "waf"),
        (418, {}, "<html><body><h2>Request blocked by 安全狗 safedog</h2></body></html>", "waf"),
        (422, {"Server": "yunsuo"}, "<html><body>访问被拦截</body></html>", "waf"),
        (200, {}, "<html><head><title>安全验证</title></head><body><form><input name=code>请输入验证码</form>"
                  "</body></html>", "captcha"),
        (412, {}, "<html><head><meta content='x' r='m'></head><body></body></html>", "ruishu"),
    ],
)
def test_synthetic_challenges(status, headers, text, protection):
    assert classify_challenge(status, headers, text) == protection


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (403, "<html><head><title>403 Forbidden</title></head><body><center>nginx</center></body></html>"),
        (404, "<html><head><title>404 Not Found</title></head><body>Not Found</body></html>"),
        (200, "<html><head><title>关于加强网站防火墙建设的通知</title></head><body>" + "正文" * 500 + "</body></html>"),
        (200, ""),
    ],
)
def test_plain_errors_and_pages_are_not_challenges(status, text):
    assert classify_challenge(status, {}, text) is None
