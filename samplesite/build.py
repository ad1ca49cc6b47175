"""Generate the sample government sites into a directory and return their ground truth.

    python -m samplesite.build [--out DIR] [--scale N] [--ground-truth PATH]

``build_site(out_dir)`` writes one document root per origin (``county/``, ``department/``,
``external/``), the server's manifest ``site.json`` (special routes, header overrides), data files under
``_data/`` (Hanweb records) and ``ground_truth.json``; it returns the ground truth. Everything is
derived from the fixed evaluation date ``as_of`` = 2026-06-30, so two builds are byte-identical.

Ground truth format (URLs use origin placeholders ``{county}``, ``{department}``, ``{external}``,
``{dead}``; ``SampleSite.expand`` turns them into real URLs):

* ``sites.<name>``: ``name``, ``level``, ``start``, ``landing``, ``homepage`` (newest date shown),
  ``robots_disallow``, ``sections`` (+ ``section_labels``), ``columns`` (one entry per column with its
  items; ``scheme`` is the list scheme a crawler's adapter should report; ``item_count``/``list_pages``
  describe the whole column, ``crawled_item_count``/``crawled_list_pages``/``status``/``reason`` what a
  complete crawl without a browser reads of it and how it records it — ``not_covered`` with
  ``blocked``, ``robots`` or, for a ``browser_only`` column whose list a script fills from an API,
  ``not_rendered``; ``data_endpoint`` where later records come from: Hanweb dataproxy.jsp, the jpaas
  ``?uid=&pageNum=`` pages, the TRS ``.json`` feed, Fujian ``/fjdzapp/search``, the browser-only API),
  ``pages`` (every HTML URL a complete crawl fetches and stores; see builder.py for the rule),
  ``links`` (every ``<a href>``/``<img src>`` in the HTML of those pages, once per source and target,
  the first page of Hanweb ``<record>`` CDATA included; records that only dataproxy.jsp returns are
  column items, not links; scripts, stylesheets and the ``<nextgroup>`` link are not links),
  ``annual_reports``, ``defects``, ``not_covered`` and ``expected_status`` — all as a crawl without a
  browser sees the site — and ``with_browser``: what changes when the crawl renders pages in Chromium
  (the challenge is passed and the browser-only list is rendered: their pages become ``extra_pages``,
  their links and the links rendering adds to a page ``extra_links``, ``columns`` gives those columns'
  crawl view (url, crawled_item_count, crawled_list_pages, status, reason), the ``blocked`` defect goes
  away, and the run is complete).
* ``bad_inputs``: start URLs for CLI error tests; ``challenge``: how the 瑞数-style challenge works;
  ``not_defects``: traps a checker must not report.

The benchmark site (``scale_documents=N``) has the same structure, about N documents on the county
platform, lists of 20 per page and one-paragraph documents; its ``links`` is None (``link_count`` says
how many there are), because a list of over a million links helps no benchmark.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from samplesite import ruishu
from samplesite.builder import SiteBuilder
from samplesite.county import County
from samplesite.department import Department
from samplesite.model import AS_OF, Linker, Origin
from samplesite.templates import small_page

DEFAULT_DOCUMENTS = 150  # about how many documents the default county platform has


def build_external(root: Path) -> Origin:
    """Stand-ins for outside sites (中国政府网 …), so that no link ever leaves 127.0.0.1."""
    origin = Origin("external", root)
    page = small_page("中国政府网_中央人民政府门户网站", "<h1>中国政府网</h1><p>（外部网站的本地替身）</p>")
    origin.add_page("/www.gov.cn/", page, Linker("external", "/www.gov.cn/"), stored=False)
    origin.add_page("/", small_page("外部网站", "<p>外部网站的本地替身。</p>"), Linker("external", "/"),
                    stored=False)
    origin.add_file("/exposure/jiucuo.js", b"/* \xe6\x89\xbe\xe9\x94\x99 (jiucuo) stand-in */\n")
    origin.add_file("/robots.txt", b"User-agent: *\nDisallow:\n")
    return origin


def write_data(out_dir: Path, origin: Origin) -> None:
    """Write an origin's data files (Hanweb records) under ``out_dir/_data/<name>/``."""
    for key, value in origin.data.items():
        target = out_dir / "_data" / origin.name / f"{key}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


def manifest(origins: list[Origin], names: dict[str, str]) -> dict:
    """``site.json``: what the server needs beyond the files (routes, header overrides, site names)."""
    return {"as_of": AS_OF.isoformat(),
            "origins": {o.name: {"site_name": names.get(o.name, "外部网站"), "routes": o.routes,
                                 "headers": o.headers} for o in origins}}


def challenge_truth(county: County) -> dict:
    """How the challenge works, and which pages only a browser that passes it can reach."""
    column = county.column("/zwgk/fdzdgknr/zfcg/")
    behind = [county.u(column.path)] + [county.u(doc.path) for doc in column.docs]
    return {"url": county.u(column.path), "protected_prefix": county.u(column.path), "status": ruishu.STATUS,
            "reason": "ruishu", "cookie_name": ruishu.COOKIE_NAME, "cookie_value": ruishu.cookie_value(),
            "script": county.u(ruishu.SCRIPT_PATH), "pages_behind": behind}


def ground_truth(builders: list[SiteBuilder], county: County, scale: int | None) -> dict:
    """The whole ground truth dict (see the module docstring)."""
    with_links = scale is None
    sites = {b.origin_name: b.truth(with_links=with_links) for b in builders}
    documents = sum(len(c.docs) for c in county.columns if c.in_platform)
    return {
        "as_of": AS_OF.isoformat(),
        "scale_documents": scale,
        "county_platform_documents": documents,
        "sites": sites,
        "bad_inputs": {"non_html": "{county}/bad/report.pdf", "malformed": "{county}/bad/malformed.html",
                       "wrong_charset": "{county}/bad/wrong-charset.html",
                       "redirect_loop": "{county}/bad/loop", "unreachable": "{dead}/",
                       "blocked": "{county}/zwgk/fdzdgknr/zfcg/"},
        "challenge": challenge_truth(county),
        "not_defects": [entry for b in builders for entry in b.not_defects],
    }


def build_site(out_dir: Path, scale_documents: int | None = None) -> dict:
    """Write the sample sites into ``out_dir`` and return the ground truth.

    :param out_dir: directory to fill (created if needed; an earlier build there is replaced).
    :param scale_documents: None for the default site whose ground truth is committed; N for the
        benchmark site with about N documents on the county platform.
    """
    out_dir = Path(out_dir)
    for name in ("county", "department", "external", "_data"):
        shutil.rmtree(out_dir / name, ignore_errors=True)
    big = scale_documents is not None
    extra = max(0, (scale_documents or 0) - DEFAULT_DOCUMENTS)
    county = County(out_dir / "county", big=big, extra_docs=extra)
    department = Department(out_dir / "department", big=big)
    county.build()
    department.build()
    origins = [county.origin, department.origin, build_external(out_dir / "external")]
    for origin in origins:
        write_data(out_dir, origin)
    names = {"county": county.name, "department": department.name}
    (out_dir / "site.json").write_text(json.dumps(manifest(origins, names), ensure_ascii=False, indent=1),
                                       encoding="utf-8")
    truth = ground_truth([county, department], county, scale_documents)
    write_json(out_dir / "ground_truth.json", truth)
    return truth


def _flat(value: object) -> bool:
    """Whether a value is small enough to print on one line."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return True
    if isinstance(value, list):
        return len(value) <= 6 and all(_flat(v) and not isinstance(v, (list, dict)) for v in value)
    if isinstance(value, dict):
        return all(_flat(v) for v in value.values()) and len(json.dumps(value, ensure_ascii=False)) < 400
    return False


def dumps(value: object, level: int = 0) -> str:
    """JSON with one line per link, page or item, so the committed file diffs well."""
    if _flat(value):
        return json.dumps(value, ensure_ascii=False)
    pad, end = " " * (level + 1), " " * level
    if isinstance(value, dict):
        body = ",\n".join(f"{pad}{json.dumps(k, ensure_ascii=False)}: {dumps(v, level + 1)}"
                          for k, v in value.items())
        return "{\n" + body + "\n" + end + "}"
    body = ",\n".join(pad + dumps(v, level + 1) for v in value)  # type: ignore[union-attr]
    return "[\n" + body + "\n" + end + "]"


def write_json(path: Path, value: object) -> None:
    path.write_text(dumps(value) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samplesite.build", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="directory to build into (default: a temporary one)")
    parser.add_argument("--scale", type=int, default=None, help="documents for the benchmark site")
    parser.add_argument("--ground-truth", type=Path, help="also write the ground truth to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="samplesite-") as tmp:
        out = args.out or Path(tmp)
        truth = build_site(out, args.scale)
        if args.ground_truth:
            write_json(args.ground_truth, truth)
        pages = sum(len(site["pages"]) for site in truth["sites"].values())
        where = args.out or "(temporary directory)"
        print(f"built {pages} stored pages into {where}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
