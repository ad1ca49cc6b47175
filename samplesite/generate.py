"""Random 政府信息公开 platforms, one per seed, each with its ground truth (samplesite/README.md).

    python -m samplesite.generate --seed 17 --serve        # build seed 17, serve it, print the crawl command
    python -m samplesite.generate --seed 17 --out DIR      # only build it into DIR
    python -m samplesite.generate --patterns 1-50          # which patterns seeds 1–50 produce (no crawl)

Seed 0 is the bundled sample county site (``samplesite/build.py``) with its committed ground_truth.json.
Seeds 1 and up are :class:`samplesite.platform.Platform` sites: the platform on ``{site}`` (127.0.0.1),
another government whose 政府信息公开 the footer links on ``{other}`` (127.0.0.2), stand-ins for outside
sites on ``{external}`` (127.0.0.3) and a refused ``{dead}`` port.

The truth (``ground_truth.json`` of the build) is the county's format (build.py) with, per seed:
``seed``, ``render`` (``never`` or ``auto``: the ``--render`` the truth describes), ``patterns`` (the
pattern ids of samplesite/README.md the seed produces), and per site ``defects`` (what a crawl in that
mode observes, nothing more) and ``withheld`` (defects behind pages such a crawl cannot cover).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from samplesite.build import build_external, build_site, manifest, write_data, write_json
from samplesite.model import AS_OF, Linker, Origin
from samplesite.platform import Platform
from samplesite.templates import small_page

ADDRESSES = {"site": "127.0.0.1", "other": "127.0.0.2", "external": "127.0.0.3"}
FAST = ("-s AUTOTHROTTLE_ENABLED=False -s DOWNLOAD_DELAY=0 -s CONCURRENT_REQUESTS=32 "
        "-s CONCURRENT_REQUESTS_PER_DOMAIN=16 -s DOWNLOAD_TIMEOUT=3 -s XXGK_RETRY_BACKOFF=0.5,1 "
        "-s XXGK_PROGRESS_INTERVAL=0")


def build_other(root: Path | None) -> Origin:
    """Another government's own platform (云岭市), which only a scope leak would crawl: its column is
    stale and its landing links a dead page, so a leak shows as findings that are not this site's."""
    origin = Origin("other", root)
    ln = Linker("other", "/zwgk/")
    links = ('<ul><li><a href="/zwgk/zfxxgkzn/">政府信息公开指南</a></li>'
             '<li><a href="/zwgk/gzdt/">工作动态</a></li><li><a href="/zwgk/gone/">政府信息公开年报</a></li></ul>')
    origin.add_page("/zwgk/", small_page("云岭市政府信息公开", f"<h1>云岭市政府信息公开</h1>{links}"), ln, stored=False)
    old = "".join(f'<li><a href="/zwgk/gzdt/t2023010{i}_{i}.html">云岭市工作动态第{i}期</a><span>2023-01-0{i}</span></li>'
                  for i in range(1, 4))
    origin.add_page("/zwgk/gzdt/", small_page("工作动态", f'<ul class="list">{old}</ul>'), Linker("other", "/"),
                    stored=False)
    origin.add_page("/zwgk/zfxxgkzn/", small_page("政府信息公开指南", "<p>指南</p>"), Linker("other", "/"),
                    stored=False)
    origin.add_page("/", small_page("云岭市人民政府", '<a href="/zwgk/">政府信息公开</a>'), Linker("other", "/"),
                    stored=False)
    origin.add_file("/robots.txt", b"User-agent: *\nDisallow:\n")
    return origin


def build_seed(seed: int, out_dir: Path) -> dict:
    """Write seed ``seed`` into ``out_dir`` (served by samplesite.server.start) and return its truth."""
    out_dir = Path(out_dir)
    if seed == 0:
        return build_site(out_dir)
    for name in (*ADDRESSES, "_data"):
        shutil.rmtree(out_dir / name, ignore_errors=True)
    platform = Platform(seed, out_dir / "site")
    platform.build()
    origins = [platform.origin, build_other(out_dir / "other"), build_external(out_dir / "external")]
    for origin in origins:
        write_data(out_dir, origin)
    spec = manifest(origins, {"site": platform.name, "other": "云岭市人民政府"})
    for name, address in ADDRESSES.items():
        spec["origins"][name]["address"] = address
    (out_dir / "site.json").write_text(json.dumps(spec, ensure_ascii=False, indent=1), encoding="utf-8")
    truth = seed_truth(platform)
    write_json(out_dir / "ground_truth.json", truth)
    return truth


def seed_truth(platform: Platform) -> dict:
    return {"as_of": AS_OF.isoformat(), "seed": platform.seed, "render": platform.plan.render,
            "level": platform.level, "patterns": sorted(platform.patterns),
            "sites": {"site": platform.truth()}, "not_defects": platform.not_defects}


def seed_patterns(seed: int) -> set[str]:
    """The patterns a seed produces, from the generator's model alone (nothing is written or served)."""
    platform = Platform(seed)
    platform.build()
    return platform.patterns


def crawl_command(urls: dict[str, str], truth: dict) -> str:
    site = next(iter(truth["sites"]))
    start = urls[site if site in urls else "county"]
    render = truth.get("render", "never")
    return f".venv/bin/xxgk crawl {start} --as-of {truth['as_of']} --render {render} --db /tmp/seed.db {FAST}"


def seed_range(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samplesite.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, help="the platform to build (0: the bundled sample site)")
    parser.add_argument("--out", type=Path, help="build into this directory (default: a temporary one)")
    parser.add_argument("--serve", action="store_true", help="serve the build until interrupted")
    parser.add_argument("--patterns", metavar="A-B", help="print the patterns seeds A to B produce")
    args = parser.parse_args(argv)
    if args.patterns:
        for seed in seed_range(args.patterns):
            print(seed, " ".join(sorted(seed_patterns(seed))))
        return 0
    if args.seed is None:
        parser.error("--seed or --patterns is required")
    from samplesite.server import serve_until_interrupted, start

    with tempfile.TemporaryDirectory(prefix=f"seed{args.seed}-") as tmp:
        out = args.out or Path(tmp)
        truth = build_seed(args.seed, out)
        print(f"seed {args.seed} built into {out}", file=sys.stderr)
        if not args.serve:
            return 0
        site = start(out, slow_seconds=6)
        serve_until_interrupted(site, crawl_command(site.urls, truth))
    return 0


if __name__ == "__main__":
    sys.exit(main())
