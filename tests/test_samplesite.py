"""The sample government site serves, over real HTTP, exactly what its ground truth says."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from hashlib import sha256
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlencode, urljoin, urlsplit

import pytest

from samplesite import ruishu
from samplesite.build import build_site
from samplesite.reports import HEADINGS
from samplesite.server import SampleSite, start

COMMITTED = Path(__file__).resolve().parents[1] / "samplesite" / "ground_truth.json"


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode(charset_of(self), "replace")


def fetch(url: str, *, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None,
          timeout: float = 5.0) -> Response:
    """One request, redirects not followed (http.client, so every status is visible)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, target, body=body, headers=headers or {})
        answer = conn.getresponse()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read())
    finally:
        conn.close()


def charset_of(response: Response) -> str:
    """Charset as a browser would pick it: the meta declaration (honest on these pages), else header."""
    meta = re.search(rb'<meta[^>]+charset="?([\w-]+)', response.body[:1024], re.I)
    if meta:
        return meta.group(1).decode()
    header = re.search(r"charset=([\w-]+)", response.headers.get("content-type", ""))
    return header.group(1) if header else "utf-8"


class LinkParser(HTMLParser):
    """Collects <a href> and <img src> the way the ground truth counts links."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        value = dict(attrs).get(wanted) if wanted else None
        if value and not value.startswith(("javascript:", "#", "mailto:")):
            self.links.append(value)


def anchors(text: str) -> list[str]:
    """Raw href/src values of a page, as written."""
    parser = LinkParser()
    parser.feed(text)
    return parser.links


# Documents a page holds as script data: jpaas `"urls":"{\"pc\":\"/…\"}"`, inline `url: '/…'` literals.
DATA_URL_RE = re.compile(r"""\\"pc\\":\\"([^"\\]+)\\"|\burl: '([^']+)'""")


def page_links(url: str, text: str) -> set[str]:
    """Absolute link targets of a page as the ground truth counts them: <a href>/<img src>, Hanweb
    <record> CDATA fragments (not <nextgroup>), rows kept in HTML comments (Gansu), and the documents
    of inline list data (jpaas articleList, `var data = [{url: …}]`)."""
    parser = LinkParser()
    parser.feed(text)
    for fragment in re.findall(r"<record><!\[CDATA\[(.*?)\]\]></record>", text, re.S):
        parser.feed(fragment)
    for comment in re.findall(r"<!--(.*?)-->", text, re.S):
        if "<a " in comment:
            parser.feed(comment)
    links = list(parser.links)
    for script in re.findall(r"<script>(.*?)</script>|<script type=\"text/javascript\">(.*?)</script>", text, re.S):
        for m in DATA_URL_RE.finditer("".join(script)):
            links.append(m.group(1) or m.group(2))
    return {urldefrag(urljoin(url, link))[0] for link in links}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("samplesite")
    return out, build_site(out)


@pytest.fixture(scope="module")
def site(built: tuple[Path, dict]) -> SampleSite:
    with start(built[0], slow_seconds=1.0) as running:
        yield running


@pytest.fixture(scope="module")
def truth(site: SampleSite) -> dict:
    """The ground truth with real URLs."""
    return site.expand(site.ground_truth)


@pytest.fixture(scope="module")
def stored(site: SampleSite, truth: dict) -> dict[str, Response]:
    """Every stored page of both sites, fetched once (the flaky page is retried, as a crawler would)."""
    site.reset()
    pages = {}
    for name in ("county", "department"):
        for url in truth["sites"][name]["pages"]:
            response = fetch(url)
            if response.status == 503:
                response = fetch(url)
            pages[url] = response
    return pages


def defects(truth: dict, site_name: str, check: str) -> list[dict]:
    return [d for d in truth["sites"][site_name]["defects"] if d["check"] == check]


def column(truth: dict, site_name: str, url_suffix: str) -> dict:
    return next(c for c in truth["sites"][site_name]["columns"] if c["url"].endswith(url_suffix))


# ----- ground truth -------------------------------------------------------------------------------

def test_committed_ground_truth_equals_a_fresh_build(built: tuple[Path, dict]) -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(built[1])), "run: python -m samplesite.build --ground-truth " \
        "samplesite/ground_truth.json"


def test_build_is_deterministic(built: tuple[Path, dict], tmp_path: Path) -> None:
    def digest(root: Path) -> dict[str, str]:
        files = (p for p in root.rglob("*") if p.is_file())
        return {str(p.relative_to(root)): sha256(p.read_bytes()).hexdigest() for p in files}

    build_site(tmp_path)
    assert digest(tmp_path) == digest(built[0])


def test_intended_defects_are_all_in_the_ground_truth(truth: dict) -> None:
    county = truth["sites"]["county"]["defects"]
    reasons = sorted(d["reason"] for d in county if d["check"] == "broken_link")
    assert reasons == sorted(["http_404", "http_404", "http_404", "http_404", "soft_404", "redirect_home",
                              "redirect_parent", "meta_refresh", "redirect_loop", "http_500", "timeout",
                              "connection"])
    kinds = {d["kind"] for d in county if d["check"] == "broken_link"}
    assert kinds == {"page", "attachment", "image", "external"}
    summary = {(d["check"], d.get("column") or d.get("year") or d.get("section")) for d in county}
    assert {("stale_column", "人事信息"), ("stale_column", "通知公告"), ("blank_column", "规划计划"),
            ("blank_column", "统计信息"), ("blocked", "政府采购"), ("missing_annual_report", 2021),
            ("late_annual_report", 2022), ("incomplete_annual_report", 2023)} <= summary
    assert defects(truth, "county", "incomplete_guide")[0]["missing"] == ["传真号码"]
    metadata = defects(truth, "county", "missing_metadata")
    assert sorted(tuple(d["missing"] + d["invalid"]) for d in metadata) == [("有效性",), ("索引号",)]
    department = truth["sites"]["department"]["defects"]
    assert {(d["check"], d.get("section") or d.get("year")) for d in department} == {
        ("missing_section", "rules"), ("late_annual_report", 2024)}


def test_every_broken_link_has_sources_among_stored_pages(truth: dict) -> None:
    for name in ("county", "department"):
        pages = set(truth["sites"][name]["pages"])
        for defect in defects(truth, name, "broken_link"):
            assert defect["sources"] and set(defect["sources"]) <= pages, defect
            assert defect["confirmed"] is (defect["reason"] not in ("http_500", "timeout", "connection"))


def test_freshness_is_set_relative_to_as_of(truth: dict) -> None:
    assert truth["as_of"] == "2026-06-30"
    assert column(truth, "county", "/rsxx/")["newest_date"] == "2025-05-26"  # 400 days
    assert column(truth, "county", "/fdzdgknr/tzgg/")["newest_date"] == "2025-12-12"  # 200 days
    gzdt = column(truth, "county", "/gzdt/")
    assert (gzdt["undated_count"], gzdt["stale"], gzdt["newest_date"]) == (3, False, "2026-06-26")
    assert truth["sites"]["county"]["homepage"]["newest_date"] >= "2026-06-16"
    assert truth["sites"]["department"]["homepage"]["newest_date"] >= "2026-06-16"


def test_crawl_view_of_columns(truth: dict) -> None:
    """Outside the platform a crawl reads one list page; robots and the challenge stop it entirely."""
    for c in truth["sites"]["county"]["columns"] + truth["sites"]["department"]["columns"]:
        if c["kind"] != "list":
            continue
        if c["robots"] or c["blocked"]:
            assert (c["crawled_list_pages"], c["crawled_item_count"]) == (0, 0), c["name"]
            assert (c["status"], c["reason"]) == ("not_covered", "blocked" if c["blocked"] else "robots")
        elif c["browser_only"]:
            # Without a browser: the column page, its empty script-filled list, nothing else.
            assert (c["crawled_list_pages"], c["crawled_item_count"]) == (1, 0), c["name"]
            assert (c["status"], c["reason"]) == ("not_covered", "not_rendered")
        elif c["scheme"] == "trs_json":
            assert (c["crawled_list_pages"], c["crawled_item_count"]) == (2, c["item_count"]), c["name"]
        elif not c["in_platform"]:
            assert c["list_pages"] == 2 or c["url"].endswith("/jydt/"), c["name"]
            assert (c["crawled_list_pages"], c["crawled_item_count"]) == (1, min(c["item_count"], c["page_size"]))
        else:
            assert (c["crawled_list_pages"], c["crawled_item_count"]) == (c["list_pages"], c["item_count"])


def test_run_status_expectations(truth: dict) -> None:
    county, department = truth["sites"]["county"], truth["sites"]["department"]
    assert county["expected_status"] == department["expected_status"] == "partial"
    assert [c["reason"] for c in county["not_covered"]] == ["blocked", "not_rendered"]
    assert [c["url"] for c in county["not_covered"] if c["reason"] == "not_rendered"] == [
        c["url"] for c in county["columns"] if c["browser_only"]]
    assert [c["reason"] for c in department["not_covered"]] == ["robots"]
    assert "rules" not in department["sections"]


# ----- served pages ------------------------------------------------------------------------------

def test_every_stored_page_is_served_as_html(stored: dict[str, Response]) -> None:
    assert 150 <= len(stored) <= 400
    for url, response in stored.items():
        assert response.status == 200, url
        assert response.headers["content-type"].startswith("text/html"), url
        assert not re.search(rb"\{\{(county|department|external|dead)\}\}", response.body), url


def test_links_in_served_html_match_ground_truth(truth: dict, stored: dict[str, Response]) -> None:
    for name in ("county", "department"):
        expected: dict[str, set[str]] = {}
        for link in truth["sites"][name]["links"]:
            expected.setdefault(link["source"], set()).add(link["target"])
        for url in truth["sites"][name]["pages"]:
            assert page_links(url, stored[url].text) == expected.get(url, set()), url


def test_homepage_has_meta_tags_identifier_and_outside_links(site: SampleSite, stored: dict) -> None:
    home = stored[site.urls["county"]].text
    for tag in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName"):
        assert f'<meta name="{tag}"' in home
    assert "网站标识码：3399000012" in home
    assert site.urls["external"] + "www.gov.cn/" in home and site.urls["dead"] in home
    assert fetch(site.urls["external"] + "www.gov.cn/").status == 200


def test_landing_links_the_four_sections_by_name(site: SampleSite, stored: dict) -> None:
    landing = stored[site.urls["county"] + "zwgk/"].text
    for label in ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开"):
        assert f">{label}</a>" in landing
    assert '<div class="left-nav">' in landing


def test_trs_list_is_paged_by_script_only(site: SampleSite, truth: dict) -> None:
    base = site.urls["county"] + "zwgk/fdzdgknr/gfxwj/"
    pages = [fetch(base), fetch(base + "index_1.html"), fetch(base + "index_2.html")]
    for index, page in enumerate(pages):
        assert f'createPageHTML(3, {index}, "index", "html");' in page.text
    assert not [href for href in anchors(pages[0].text) if "index_" in href]
    assert fetch(base + "index_3.html").status == 404
    listed = []
    for page, url in zip(pages, (base, base + "index_1.html", base + "index_2.html"), strict=True):
        listed += [urljoin(url, href) for href in re.findall(r'<td><a href="([^"]+)"', page.text)]
    assert listed == [item["url"] for item in column(truth, "county", "/gfxwj/")["items"]]


def test_plain_pager_and_undated_rows(site: SampleSite, truth: dict) -> None:
    base = site.urls["county"] + "zwgk/fdzdgknr/gzdt/"
    first = fetch(base).text
    assert '<a href="./index_1.html">' in first
    listing = re.search(r'<ul class="list">(.*?)</ul>', first, re.S).group(1)
    rows = re.findall(r"<li>.*?</li>", listing)
    assert len(rows) == 15 and sum('class="date"' not in row for row in rows) == 3
    assert column(truth, "county", "/gzdt/")["list_pages"] == 2


def test_hanweb_datastore_and_dataproxy(site: SampleSite, truth: dict) -> None:
    col = column(truth, "county", "/col/col2941/index.html")
    endpoint = col["data_endpoint"]
    page = fetch(col["url"]).text
    assert f'<div id="{endpoint["unitid"]}"><script type="text/xml"><datastore>' in page
    assert f"var columnid = '{endpoint['columnid']}';" in page
    first = re.findall(r"<record><!\[CDATA\[<li><a href='([^']+)'", page)
    form = urlencode({"col": 1, "appid": 1, "webid": 1, "path": "/", "columnid": endpoint["columnid"],
                      "sourceContentType": 1, "unitid": endpoint["unitid"], "webname": endpoint["webname"],
                      "permissiontype": 0}).encode()
    post = fetch(endpoint["url"] + "?startrecord=16&endrecord=30&perpage=15", method="POST", body=form,
                 headers={"Content-Type": "application/x-www-form-urlencoded"}).text
    assert "<totalrecord>40</totalrecord>" in post and "<totalpage>3</totalpage>" in post
    get = fetch(endpoint["url"] + f"?page=3&appid=1&webid=1&path=/&columnid={endpoint['columnid']}"
                f"&unitid={endpoint['unitid']}&permissiontype=0").text
    later = [re.findall(r"<li><a href='([^']+)'", body) for body in (post, get)]
    assert (len(first), len(later[0]), len(later[1])) == (15, 15, 10)
    urls = [urljoin(col["url"], u) for u in first + later[0] + later[1]]
    assert urls == [item["url"] for item in col["items"]]
    group = fetch(endpoint["url"] + "?startrecord=1&endrecord=45&perpage=15", method="POST", body=form).text
    assert group.count("<record>") == 40
    assert "<totalrecord>0</totalrecord>" in fetch(endpoint["url"] + "?page=1&columnid=9999").text


def test_gbk_pages_and_the_lying_header(site: SampleSite, truth: dict) -> None:
    listing = fetch(site.urls["county"] + "zwgk/fdzdgknr/czyjs/")
    assert listing.headers["content-type"] == "text/html; charset=gbk"
    assert b'<meta charset="gbk">' in listing.body
    with pytest.raises(UnicodeDecodeError):
        listing.body.decode("utf-8")
    assert "财政预决算" in listing.body.decode("gbk")
    lying = next(n["target"] for n in truth["not_defects"] if "GB2312" in n["why"])
    response = fetch(lying)
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert b"charset=gb2312" in response.body
    with pytest.raises(UnicodeDecodeError):
        response.body.decode("utf-8")
    assert "青山县财政局" in response.body.decode("gb2312")


def test_challenge_blocks_without_the_cookie(site: SampleSite, truth: dict) -> None:
    challenge = truth["challenge"]
    for url in challenge["pages_behind"][:2]:
        blocked = fetch(url)
        assert blocked.status == 412 and "<title>" not in blocked.text and len(blocked.body) < 10_000
        assert "$_ts.nsd=" in blocked.text and 'r="m"' in blocked.text
        assert "set-cookie" in blocked.headers
        passed = fetch(url, headers={"Cookie": f"{challenge['cookie_name']}={challenge['cookie_value']}"})
        assert passed.status == 200 and "<title>" in passed.text
    assert fetch(challenge["script"]).status == 200


def test_with_browser_view_matches_pages_behind_the_challenge(truth: dict) -> None:
    browser = truth["sites"]["county"]["with_browser"]
    cookie = {"Cookie": f"{truth['challenge']['cookie_name']}={truth['challenge']['cookie_value']}"}
    behind = truth["challenge"]["pages_behind"]
    assert browser["extra_pages"][:len(behind)] == behind
    assert (browser["expected_status"], browser["not_covered"]) == ("complete", [])
    expected: dict[str, set[str]] = {}
    for link in browser["extra_links"]:
        expected.setdefault(link["source"], set()).add(link["target"])
    for url in behind:
        response = fetch(url, headers=cookie)
        assert response.status == 200 and page_links(url, response.text) == expected[url], url
    blocked = column(truth, "county", "/zfcg/")
    assert {"url": blocked["url"], "crawled_item_count": blocked["item_count"], "crawled_list_pages": 1,
            "status": "ok", "reason": None} in browser["columns"]


def test_with_browser_view_of_the_script_rendered_column(site: SampleSite, truth: dict) -> None:
    """Only a browser lists the js column: its second page, documents and rendered links."""
    county = truth["sites"]["county"]
    browser = county["with_browser"]
    js = next(c for c in county["columns"] if c["browser_only"])
    pages = [js["url"], js["url"] + "?p=2"]
    docs = [item["url"] for item in js["items"]]
    assert browser["extra_pages"][-len(docs) - 1:] == [pages[1], *docs]
    assert not set(docs + pages[1:]) & set(county["pages"]) and pages[0] in county["pages"]
    assert {"url": js["url"], "crawled_item_count": 14, "crawled_list_pages": 2, "status": "ok",
            "reason": None} in browser["columns"]
    expected: dict[str, set[str]] = {}
    for link in county["links"] + browser["extra_links"]:
        expected.setdefault(link["source"], set()).add(link["target"])
    # Served HTML links (the frame) plus what the script writes: rows of the API page and the pager.
    endpoint = js["data_endpoint"]
    for number, url in enumerate(pages, start=1):
        text = fetch(url).text
        assert 'id="projList"></ul>' in text and "fetch('" + urlsplit(endpoint["url"]).path in text
        data = json.loads(fetch(f"{endpoint['url']}?page={number}&rows={endpoint['params']['rows']}").text)
        rows = [urljoin(url, row["ljdz"]) for row in data["result"]["rows"]]
        pager = [pages[1] if number == 1 else pages[0]]
        assert expected[url] == page_links(url, text) | set(rows) | set(pager), url
        assert rows == docs[(number - 1) * 10:number * 10]
    for url in docs:
        response = fetch(url)
        assert response.status == 200 and page_links(url, response.text) == expected[url], url


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_challenge_script_sets_the_cookie_the_server_expects(site: SampleSite, truth: dict) -> None:
    page = fetch(truth["challenge"]["url"]).text
    bootstrap = re.search(r"\$_ts=window\['\$_ts'\];.*?\$_ts\.cd=\"[^\"]+\";", page).group(0)
    script = fetch(truth["challenge"]["script"]).text
    program = ("var window = globalThis, document = {cookie: ''}, location = {reload: function () {}};\n"
               f"{bootstrap}\n{script}\n_$gx(); console.log(document.cookie);")
    output = subprocess.run(["node", "-e", program], capture_output=True, text=True, timeout=20).stdout
    assert output.split(";")[0].strip() == f"{ruishu.COOKIE_NAME}={ruishu.cookie_value()}"


def test_broken_links_fail_as_the_ground_truth_says(site: SampleSite, truth: dict) -> None:
    for defect in defects(truth, "county", "broken_link"):
        target, reason = defect["target"], defect["reason"]
        if reason == "connection":
            with pytest.raises(ConnectionRefusedError):
                fetch(target)
            continue
        if reason == "timeout":
            with pytest.raises(TimeoutError):
                fetch(target, timeout=0.3)
            continue
        response = fetch(target)
        if reason.startswith("http_"):
            assert response.status == int(reason[5:]), target
        elif reason == "soft_404":
            assert response.status == 200 and "您访问的页面不存在" in response.text and len(response.text) < 2000
        elif reason == "meta_refresh":
            assert response.status == 200 and 'http-equiv="refresh" content="0;url=../"' in response.text
        elif reason == "redirect_home":
            assert (response.status, response.headers["location"]) == (302, "/")
        elif reason == "redirect_parent":
            location = response.headers["location"]
            assert response.status == 302 and location.endswith("/")
            assert urlsplit(target).path.startswith(location)
        elif reason == "redirect_loop":
            back = fetch(urljoin(target, response.headers["location"]))
            assert response.status == back.status == 302
            assert urljoin(target, back.headers["location"]) == target
        else:
            pytest.fail(f"unexpected reason {reason}")


def test_flaky_page_fails_once_then_recovers(site: SampleSite, truth: dict) -> None:
    flaky = next(n["target"] for n in truth["not_defects"] if "503" in n["why"])
    site.reset()
    assert [fetch(flaky).status for _ in range(3)] == [503, 200, 200]
    assert flaky in truth["sites"]["county"]["pages"]


def test_slow_url_answers_after_slow_seconds(site: SampleSite) -> None:
    began = time.monotonic()
    assert fetch(site.urls["county"] + "ysqgk/zxsq/", timeout=5).status == 200
    assert time.monotonic() - began >= 0.9


def test_robots_txt(site: SampleSite, truth: dict) -> None:
    assert "Disallow: /hdjl/" in fetch(site.urls["county"] + "robots.txt").text
    assert "Disallow: /xxgk/fdzdgknr/jysf/" in fetch(site.urls["department"] + "robots.txt").text
    assert site.urls["county"] + "hdjl/" not in truth["sites"]["county"]["pages"]
    assert column(truth, "department", "/jysf/")["robots"] is True


def test_annual_reports_headings_tables_and_balance(truth: dict) -> None:
    for name in ("county", "department"):
        for report in truth["sites"][name]["annual_reports"]:
            text = fetch(report["url"]).text
            present = [h for h in HEADINGS if h in text]
            assert [h for h in HEADINGS if h not in present] == report["missing"]
            assert report_balances(text) is not report["unbalanced"], report["year"]
            assert f"<title>{report['title']}" in text
    years = [r["year"] for r in truth["sites"]["county"]["annual_reports"]]
    assert years == [2019, 2020, 2022, 2023, 2024, 2025]


def report_balances(text: str) -> bool:
    """Table 三: row 一 + row 二 == 三（七）总计 + row 四, in all seven columns."""
    table = re.search(r"勾稽关系.*?</table>", text, re.S).group(0)
    rows = {}
    for label in ("一、本年新收", "二、上年结转", "（七）总计", "四、结转下年度"):
        row = re.search(re.escape(label) + r".*?</tr>", table, re.S).group(0)
        rows[label] = [int(v) for v in re.findall(r"<td>(\d+)</td>", row)][-7:]
    return all(a + b == c + d for a, b, c, d in zip(*rows.values(), strict=True))


def test_guides(site: SampleSite) -> None:
    county = fetch(site.urls["county"] + "zwgk/zfxxgkzn/").text
    assert "传真" not in county
    for item in ("办公地址", "办公时间", "联系电话", "互联网联系方式", "编排体系", "获取方式"):
        assert item in county
    assert "传真号码" in fetch(site.urls["department"] + "xxgk/xxgkzn/").text


def test_metadata_defects_are_in_the_pages(truth: dict) -> None:
    for defect in defects(truth, "county", "missing_metadata"):
        text = fetch(defect["url"]).text
        if "有效性" in defect["missing"]:
            assert "有&ensp;效&ensp;性" not in text
        if "索引号" in defect["invalid"]:
            assert f"<td>{defect['values']['索引号']}</td>" in text
    ok = column(truth, "county", "/gfxwj/")["items"][0]["url"]
    assert "有&ensp;效&ensp;性" in fetch(ok).text


def test_attachments_and_images_are_real_files(truth: dict) -> None:
    magic = {"pdf": b"%PDF", "docx": b"PK", "xls": bytes.fromhex("d0cf11e0"), "jpg": b"\xff\xd8",
             "png": b"\x89PNG"}
    seen = set()
    for link in truth["sites"]["county"]["links"]:
        ext = link["target"].rsplit(".", 1)[-1]
        if link["kind"] in ("attachment", "image") and ext in magic and link["target"] not in seen:
            seen.add(link["target"])
            response = fetch(link["target"])
            if response.status == 200:
                assert response.body.startswith(magic[ext]), link["target"]
    assert {t.rsplit(".", 1)[-1] for t in seen} >= {"pdf", "docx", "xls", "jpg", "png"}


def test_bad_inputs(site: SampleSite, truth: dict) -> None:
    bad = truth["bad_inputs"]
    pdf = fetch(bad["non_html"])
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body.startswith(b"%PDF")
    assert fetch(bad["malformed"]).status == 200
    wrong = fetch(bad["wrong_charset"])
    assert "utf-8" in wrong.headers["content-type"]
    with pytest.raises(UnicodeDecodeError):
        wrong.body.decode("utf-8")
    first = fetch(bad["redirect_loop"])
    second = fetch(urljoin(bad["redirect_loop"], first.headers["location"]))
    assert first.status == second.status == 302 and second.headers["location"] == "/bad/loop"
    with pytest.raises(ConnectionRefusedError):
        fetch(bad["unreachable"])


def test_directories_redirect_to_the_slash_form(site: SampleSite) -> None:
    response = fetch(site.urls["county"] + "zwgk")
    assert (response.status, response.headers["location"]) == (301, "/zwgk/")
    assert fetch(site.urls["county"] + "../../etc/passwd").status == 404


def test_benchmark_scale_keeps_the_structure(tmp_path: Path) -> None:
    truth = build_site(tmp_path, scale_documents=1500)
    county = truth["sites"]["county"]
    gfxwj = next(c for c in county["columns"] if c["url"].endswith("/gfxwj/"))
    assert gfxwj["page_size"] == 20 and gfxwj["list_pages"] == -(-gfxwj["item_count"] // 20)
    assert 1300 <= truth["county_platform_documents"] <= 1700
    assert county["links"] is None and county["link_count"] > len(county["pages"])
    assert {d["check"] for d in county["defects"]} == {d["check"] for d in json.loads(
        COMMITTED.read_text(encoding="utf-8"))["sites"]["county"]["defects"]}
    last = tmp_path / "county" / "zwgk" / "fdzdgknr" / "gfxwj" / f"index_{gfxwj['list_pages'] - 1}.html"
    assert last.is_file()


# ----- list schemes (samplesite/schemes.py) ---------------------------------------------------------

def scheme_column(truth: dict, scheme: str) -> dict:
    return next(c for c in truth["sites"]["county"]["columns"] if c["scheme"] == scheme and c["name"] != "规范性文件"
                and ("data_endpoint" in c or c["url"].endswith(("zwgklist.shtml", "/yjgl/", "/ggfw/"))))


def test_scheme_columns_are_fresh_paged_and_add_no_defect(truth: dict) -> None:
    county = truth["sites"]["county"]
    names = ["建议提案办理", "重大决策预公开", "行政执法公示", "审计信息", "应急管理", "公共服务", "重点项目"]
    columns = [c for c in county["columns"] if c["name"] in names]
    assert [c["scheme"] for c in columns] == ["jpaas", "trs_json", "fjdz", "trs", "html", "inline_json", "script"]
    for c in columns:
        assert c["list_pages"] >= 2 and c["page_size"] == 10 and c["section"] == "statutory", c["name"]
        assert not c["stale"] and c["path"] == f"法定主动公开内容 > {c['name']}"
    touched = {d.get("column") for d in county["defects"]} | {d.get("url") for d in county["defects"]}
    assert not touched & ({c["name"] for c in columns} | {i["url"] for c in columns for i in c["items"]})


def test_jpaas_article_list_and_uid_page_num(truth: dict) -> None:
    col = column(truth, "county", "/col/col3101/index.html")
    endpoint = col["data_endpoint"]
    urls = []
    for page in (1, 2):
        url = col["url"] if page == 1 else endpoint["page_url"].replace("{n}", str(page))
        text = fetch(url).text
        assert "articleList: [" in text and f"current: {page}," in text and "loadPageData(params, '3101');" in text
        assert '"articleCount":16' in text and "perPage: '10'" in text
        articles = text.split("articleList:", 1)[1].split("\n", 1)[0]
        urls += [urljoin(url, m) for m in re.findall(r'\\"pc\\":\\"([^"\\]+)\\"', articles)]
    assert urls == [item["url"] for item in col["items"]]
    assert all(re.search(r"/content/content_\d{19}\.html$", u) for u in urls)
    assert fetch(col["url"].replace("index.html", "index.html?pageNum=2&uid=3101")).text == \
        fetch(endpoint["page_url"].replace("{n}", "2")).text  # parameter order is free


def test_trs_json_feed_loaded_by_the_list_page(truth: dict) -> None:
    col = scheme_column(truth, "trs_json")
    page = fetch(col["url"]).text
    assert '<ul class="list" id="xxgkList"></ul>' in page and "xhr.open('GET', './zdjcygk.json');" in page
    assert not [href for href in anchors(page) if "/202" in href]
    feed = fetch(col["data_endpoint"]["url"])
    assert feed.headers["content-type"].startswith("application/json")
    records = json.loads(feed.text)["data"]
    assert [urljoin(col["data_endpoint"]["url"], r["URL"]) for r in records] == [i["url"] for i in col["items"]]
    assert [r["PUBDATE"][:10] for r in records] == [i["date"] for i in col["items"]]
    assert {"IdxID", "FILENAME", "FILENUM", "PUBLISHER", "DOCRELTIME"} <= set(records[0])


def test_fjdz_static_page_and_search_api(truth: dict) -> None:
    col = scheme_column(truth, "fjdz")
    endpoint = col["data_endpoint"]
    page = fetch(col["url"]).text
    assert '<meta name="ChnlId" content="2205">' in page and 'ms-visible="showStatic"' in page
    assert "recordCount: '13'" in page and 'classsql: "" || "chnlid=2205"' in page
    static = re.search(r'ms-visible="showStatic">(.*?)</div>', page, re.S).group(1)
    urls = [urljoin(col["url"], href) for href in anchors(static)]
    form = urlencode({**endpoint["form"], "page": 2}).encode()
    answer = fetch(endpoint["url"], method="POST", body=form,
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    data = json.loads(answer.text)
    assert (data["total"], data["pageCount"], len(data["data"])) == (13, 2, 3)
    assert "{{" not in answer.text
    urls += [r["chnldocurl"] for r in data["data"]]
    assert urls == [item["url"] for item in col["items"]]
    other = json.loads(fetch(endpoint["url"], method="POST", body=b"classsql=chnlid%3D1&page=1").text)
    assert other["data"] == [] and other["total"] == 0


def test_gansu_zwgklist_rows_and_pager_in_a_comment(truth: dict) -> None:
    col = column(truth, "county", "/zwgklist.shtml")
    urls = []
    for index, url in enumerate([col["url"], col["url"].replace(".shtml", "_2.shtml")]):
        text = fetch(url).text
        comment = re.search(r'<ul class="jytxxgklist">\s*<!--(.*?)-->', text, re.S).group(1)
        assert f"createPageHTML('page_div',2, {index + 1},'zwgklist','shtml',17);" in comment
        assert not [href for href in anchors(text.replace(comment, "")) if "/c110634/2" in href]
        urls += [urljoin(url, href) for href in anchors(comment)]
        assert all(re.search(r"<b>\d{4}-\d{2}-\d{2}</b>", row) for row in comment.split("</li>")[:-1])
    assert urls == [item["url"] for item in col["items"]]
    assert fetch(col["url"].replace(".shtml", "_3.shtml")).status == 404


def test_query_pager_and_inline_data_pages(truth: dict) -> None:
    query = column(truth, "county", "/fdzdgknr/yjgl/")
    urls = []
    for page in (1, 2, 3):
        url = query["url"] + (f"?page={page}" if page > 1 else "")
        text = fetch(url).text
        assert "<span>共3页</span>" in text and f'<span class="now">{page}</span>' in text
        listing = re.search(r'<ul class="list">(.*?)</ul>', text, re.S).group(1)
        urls += [urljoin(url, href) for href in anchors(listing)]
    assert urls == [item["url"] for item in query["items"]]
    inline = column(truth, "county", "/fdzdgknr/ggfw/")
    urls = []
    for page in (1, 2):
        url = inline["url"] + (f"?pageIndex={page}" if page > 1 else "")
        text = fetch(url).text
        assert '<ul class="list" id="ggfwList"></ul>' in text and "var data = [" in text
        urls += [urljoin(url, u) for u in re.findall(r"\burl: '([^']+)'", text)]
    assert urls == [item["url"] for item in inline["items"]]


def test_browser_only_column_api(truth: dict) -> None:
    col = next(c for c in truth["sites"]["county"]["columns"] if c["browser_only"])
    endpoint = col["data_endpoint"]
    rows = []
    for page in (1, 2, 3):
        answer = fetch(f"{endpoint['url']}?page={page}&rows=10")
        assert answer.headers["content-type"].startswith("application/json")
        data = json.loads(answer.text)
        assert data["result"]["total"] == 14 and set(data["result"]) == {"total", "pageNo", "pageSize", "rows"}
        rows += data["result"]["rows"]
    assert [urljoin(col["url"], r["ljdz"]) for r in rows] == [i["url"] for i in col["items"]]
    assert [r["fbrq"] for r in rows] == [i["date"] for i in col["items"]]
    assert not {"title", "url", "link", "href", "date", "pubDate"} & set(rows[0])  # no adapter can guess it
