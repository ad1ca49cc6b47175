"""Soft 404s: error templates served with 200, redirects home or to a parent, meta refreshes.

No real soft-404 page could be found (realpages SOURCES.md), so the fixtures are synthetic; the
Fujian 政务云 behaviour (a deleted document meta-refreshes to its column) is from the Pingtan
archive's crawler notes.
"""

import pytest

from crawler.parse.soft404 import soft_404_reason

HOME = "http://www.example.gov.cn/"
CONTENT = "<html><head><title>关于印发某办法的通知</title></head><body>" + "正文内容" * 300 + "</body></html>"


def reason(requested, final, text=CONTENT, title="关于印发某办法的通知", refresh=None, status=200):
    return soft_404_reason(requested, final, status, text, title, HOME, refresh)


@pytest.mark.parametrize(
    ("requested", "final"),
    [
        ("http://www.example.gov.cn/zwgk", "http://www.example.gov.cn/zwgk/"),  # directory slash
        ("http://www.example.gov.cn/zwgk/", "http://www.example.gov.cn/zwgk/index.html"),  # index file
        ("http://www.example.gov.cn/zwgk/", "https://www.example.gov.cn/zwgk/"),  # https upgrade
        ("http://example.gov.cn/zwgk/a.html", "http://www.example.gov.cn/zwgk/a.html"),  # www. added
        ("http://www.example.gov.cn/", "http://www.example.gov.cn/index.html"),  # the homepage itself
        ("http://www.example.gov.cn/zwgk/a.html", "http://www.example.gov.cn/zwgk/a.html"),
        ("http://www.example.gov.cn/old/a.html", "http://www.example.gov.cn/new/a.html"),  # moved, not home
    ],
)
def test_normal_redirects_are_not_soft_404(requested, final):
    assert reason(requested, final) is None


@pytest.mark.parametrize(
    "final", ["http://www.example.gov.cn/", "http://www.example.gov.cn/index.html", "https://example.gov.cn/"]
)
def test_redirect_to_homepage(final):
    assert reason("http://www.example.gov.cn/czyjs/", final) == "redirect_home"


@pytest.mark.parametrize(
    ("requested", "final"),
    [
        ("http://www.example.gov.cn/zwgk/zfxxgknb/202101/t20210101_1.html", "http://www.example.gov.cn/zwgk/zfxxgknb/"),
        ("http://www.example.gov.cn/zwgk/a/b/", "http://www.example.gov.cn/zwgk/"),
        ("http://www.example.gov.cn/zwgk/a/b/", "http://www.example.gov.cn/zwgk/index.html"),
    ],
)
def test_redirect_to_parent_directory(requested, final):
    assert reason(requested, final) == "redirect_parent"


def test_meta_refresh_to_parent_directory_as_fujian_deleted_documents_do():
    url = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202001/t20200120_80576.htm"
    assert reason(url, url, refresh="https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/") == "meta_refresh"


def test_meta_refresh_to_homepage_and_to_elsewhere():
    url = "http://www.example.gov.cn/zwgk/a.html"
    assert reason(url, url, refresh="http://www.example.gov.cn/") == "meta_refresh"
    assert reason(url, url, refresh="http://www.example.gov.cn/zwgk/b.html") is None
    assert reason(HOME, HOME, refresh="http://www.example.gov.cn/index.html") is None


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("404", "<p>抱歉</p>"),
        ("页面不存在", ""),
        ("404 Not Found", ""),
        ("错误页面-某某市人民政府", ""),
        ("某某市人民政府", "<div class=err>抱歉，您访问的页面不存在或已被删除！<a href='/'>返回首页</a></div>"),
        ("某某市人民政府", "<h1>404</h1><p>页面找不到了</p>"),
    ],
)
def test_error_templates(title, body):
    text = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    url = "http://www.example.gov.cn/zwgk/x.html"
    assert reason(url, url, text=text, title=title) == "soft_404"


def test_long_article_mentioning_an_error_phrase_is_not_soft_404():
    text = CONTENT.replace("</body>", "<p>对“页面不存在”等问题进行整改。</p></body>")
    url = "http://www.example.gov.cn/zwgk/x.html"
    assert reason(url, url, text=text) is None


def test_http_errors_are_left_to_their_status():
    url = "http://www.example.gov.cn/zwgk/x.html"
    assert reason(url, HOME, status=404) is None
