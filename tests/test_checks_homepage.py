"""stale_homepage: what the homepage shows, the pages and columns it links to, and when it is not judged."""

from __future__ import annotations

from test_checks_support import REALPAGES, SITE, RunBuilder, read

AS_OF = "2025-06-30"


def homepage(*items: tuple[str, str], extra_links: int = 12) -> str:
    """A homepage with a news list (title, date) and navigation links."""
    rows = "".join(f'<li><a href="/xw/{i}.html">{title}</a><span class="date">{day}</span></li>'
                   for i, (title, day) in enumerate(items))
    nav = "".join(f'<a href="/lm{i}/">栏目{i}</a>' for i in range(extra_links))
    return f"<html><body><div class='nav'>{nav}</div><ul class='news'>{rows}</ul></body></html>"


def test_recent_homepage_news_is_not_stale(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.page(SITE, "start", body=homepage(("县政府召开常务会议", "2025-06-20"), ("旧闻", "2025-01-02")))
    assert b.findings("stale_homepage") == []


def test_homepage_without_news_for_two_weeks_is_a_veto(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.page(SITE, "start", body=homepage(("县政府召开常务会议", "2025-06-01"), ("旧闻", "2025-01-02")))
    rows = b.findings("stale_homepage")
    assert len(rows) == 1
    row = rows[0]
    assert row["severity"] == "veto" and row["url"] == SITE
    assert row["evidence"]["newest_date"] == "2025-06-01"
    assert row["evidence"]["days_since"] == 29
    assert row["evidence"]["newest_source"] == "homepage_list"


def test_dates_after_as_of_are_ignored(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.page(SITE, "start", body=homepage(("预告", "2025-07-10"), ("旧闻", "2025-05-02")))
    rows = b.findings("stale_homepage")
    assert rows[0]["evidence"]["newest_date"] == "2025-05-02"
    assert rows[0]["evidence"]["future_dates_ignored"] == 1


def test_dates_in_linked_urls_count(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    body = homepage().replace("</body>", '<a href="/xw/202506/t20250625_1.html">新闻</a></body>')
    b.page(SITE, "start", body=body)
    assert b.findings("stale_homepage") == []


def test_a_navigation_only_homepage_is_judged_by_its_columns(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.page(SITE, "start", body=homepage())
    b.link(SITE, SITE + "lm0/", "工作动态")
    b.column(SITE + "lm0/", "工作动态", in_platform=0, items=[("a", SITE + "lm0/a.html", "2025-06-28")])
    assert b.findings("stale_homepage") == []

    b2 = RunBuilder(tmp_path / "2", as_of=AS_OF)
    b2.page(SITE, "start", body=homepage())
    b2.link(SITE, SITE + "lm0/", "工作动态")
    b2.column(SITE + "lm0/", "工作动态", in_platform=0, items=[("a", SITE + "lm0/a.html", "2025-03-01")])
    rows = b2.findings("stale_homepage")
    assert rows[0]["evidence"]["newest_source"] == "nav_column"


def test_a_homepage_showing_no_dates_counts_as_not_updated(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.page(SITE, "start", body=homepage())
    rows = b.findings("stale_homepage")
    assert len(rows) == 1
    assert rows[0]["evidence"]["newest_date"] is None
    assert "未注明发布时间" in rows[0]["message"]


def test_a_homepage_that_failed_is_not_judged(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.page(SITE + "zwgk/", "start", body=homepage(("旧闻", "2024-01-02")))
    b.page(SITE, "homepage", reason="timeout")
    assert b.findings("stale_homepage") == []
    b2 = RunBuilder(tmp_path / "2", as_of=AS_OF)
    b2.page(SITE, "start", blocked="ruishu")
    assert b2.findings("stale_homepage") == []


def test_a_landing_start_page_does_not_stand_in_for_the_homepage(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.page(SITE + "zwgk/", "start", body=homepage(("公开", "2025-06-29")))
    b.page(SITE, "homepage", body=homepage(("旧闻", "2025-03-02")))
    rows = b.findings("stale_homepage")
    assert len(rows) == 1 and rows[0]["url"] == SITE


def test_a_column_that_timed_out_may_hold_the_news(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.page(SITE, "start", body=homepage(("旧闻", "2025-03-02")))
    b.link(SITE, SITE + "lm0/", "工作动态")
    b.column(SITE + "lm0/", "工作动态", in_platform=0, reason="timeout", items=[])
    assert b.findings("stale_homepage") == []


def test_real_trs_homepage(tmp_path):
    """湖北省市场监督管理局's homepage (realpages): its newest list item is dated 2023-07-31
    (`<span class="date">2023-07-31</span>` inside the 抽检信息公告 link)."""
    html = read(REALPAGES / "trs_scjg-hubei_homepage.html")
    late = RunBuilder(tmp_path, as_of="2023-08-15")
    late.page("http://scjg.hubei.gov.cn/", "start", body=html)
    rows = late.findings("stale_homepage")
    assert len(rows) == 1
    assert rows[0]["evidence"]["newest_date"] == "2023-07-31"
    assert rows[0]["evidence"]["days_since"] == 15
    in_time = RunBuilder(tmp_path / "2", as_of="2023-08-14")
    in_time.page("http://scjg.hubei.gov.cn/", "start", body=html)
    assert in_time.findings("stale_homepage") == []


def test_publish_dates_of_linked_documents_count_but_not_those_of_list_pages(tmp_path):
    b = RunBuilder(tmp_path, as_of=AS_OF)
    b.page(SITE, "start", body=homepage(("旧闻", "2025-03-02")))
    b.link(SITE, SITE + "lm1/", "通知公告")
    b.page(SITE + "lm1/", "nav_column", body="<html></html>", pub_date="2025-06-29", pub_date_source="meta")
    assert len(b.findings("stale_homepage")) == 1
    b2 = RunBuilder(tmp_path / "2", as_of=AS_OF)
    b2.page(SITE, "start", body=homepage(("旧闻", "2025-03-02")))
    b2.link(SITE, SITE + "xw/0.html", "旧闻")
    b2.page(SITE + "xw/0.html", body="<html></html>", pub_date="2025-06-29")
    assert b2.findings("stale_homepage") == []
