"""The site registry: the schedule's TOML (contract "Schedule config").

A `[defaults]` table and `[[site]]` tables; a site key replaces the default (lists and tables are not
merged). Every error is a ConfigError whose message names the table and the key (exit 2).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.store import site_key

DURATION_RE = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
DURATION_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
LEVELS = ("government", "department")
RENDER_MODES = ("auto", "never", "always")
# Keys of [defaults] (all but max_parallel may be set per site), their TOML type and default.
DEFAULTS: dict[str, tuple[type | tuple[type, ...], Any]] = {
    "crawl_every": (str, "7d"),
    "probe_every": (str, "1h"),
    "max_parallel": (int, 4),
    "notify": (list, []),
    "render": (str, "auto"),
    "settings": (dict, {}),
    "allow_host": (list, []),
    "ignore_robots": (bool, False),
    "max_pages": (int, 100_000),
    "no_external": (bool, False),
    "rules": (str, ""),
}
SITE_ONLY: dict[str, tuple[type, Any]] = {"name": (str, None), "url": (str, None), "level": (str, "")}
PROCESS_WIDE = {"max_parallel"}


class ConfigError(ValueError):
    """A schedule config that cannot be used; the message names the table and the key."""


@dataclass(frozen=True)
class Site:
    name: str
    url: str
    key: str  # the contract's site key of url
    level: str | None
    crawl_every: timedelta
    probe_every: timedelta
    notify: tuple[str, ...]
    render: str
    settings: dict[str, str]
    allow_host: tuple[str, ...]
    ignore_robots: bool
    max_pages: int
    no_external: bool
    rules: Path | None


@dataclass(frozen=True)
class ScheduleConfig:
    sites: tuple[Site, ...]
    max_parallel: int
    path: Path


def parse_duration(value: str, where: str) -> timedelta:
    """"30s", "15m", "1h", "7d" → timedelta (positive)."""
    match = DURATION_RE.match(value)
    if not match or int(match.group(1)) == 0:
        raise ConfigError(f"{where} 应为时长，如 \"30s\"、\"15m\"、\"1h\"、\"7d\"，而不是 {value!r}")
    return timedelta(**{DURATION_UNITS[match.group(2)]: int(match.group(1))})


def load_config(path: str | Path) -> ScheduleConfig:
    """Read and validate the registry. :raises ConfigError: naming the table and key at fault."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"配置文件 {path} 不是有效的 TOML：{exc}") from exc
    unknown = set(data) - {"defaults", "site"}
    if unknown:
        raise ConfigError(f"配置文件 {path}：未知的表或键 {sorted(unknown)[0]}（只有 [defaults] 与 [[site]]）")
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise ConfigError("[defaults] 应为表")
    merged_defaults = {key: default for key, (_, default) in DEFAULTS.items()}
    for key, value in defaults.items():
        check_key("[defaults]", key, value, DEFAULTS)
        merged_defaults[key] = value
    max_parallel = merged_defaults["max_parallel"]
    if max_parallel < 1:
        raise ConfigError("[defaults] max_parallel 应为正整数")
    raw_sites = data.get("site", [])
    if not isinstance(raw_sites, list) or not all(isinstance(s, dict) for s in raw_sites):
        raise ConfigError("site 应为 [[site]] 表的数组")
    if not raw_sites:
        raise ConfigError(f"配置文件 {path}：没有 [[site]]")
    sites = [site_from(index, raw, merged_defaults, path.parent) for index, raw in enumerate(raw_sites, 1)]
    check_unique(sites)
    return ScheduleConfig(tuple(sites), max_parallel, path)


def check_key(table: str, key: str, value: Any, allowed: dict[str, tuple[Any, Any]]) -> None:
    if key not in allowed:
        raise ConfigError(f"{table} 未知的键 {key}；可用：{', '.join(allowed)}")
    expected = allowed[key][0]
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        names = {str: "字符串", int: "整数", bool: "true/false", list: "数组", dict: "表"}
        raise ConfigError(f"{table} {key} 应为{names.get(expected, expected)}，而不是 {value!r}")


def site_from(index: int, raw: dict[str, Any], defaults: dict[str, Any], base: Path) -> Site:
    table = f"[[site]] 第 {index} 个（{raw.get('name', '未命名')}）"
    allowed = {k: v for k, v in DEFAULTS.items() if k not in PROCESS_WIDE} | SITE_ONLY
    for key, value in raw.items():
        if key in PROCESS_WIDE:
            raise ConfigError(f"{table} {key} 只能在 [defaults] 中设置")
        check_key(table, key, value, allowed)
    for key in ("name", "url"):
        if not raw.get(key):
            raise ConfigError(f"{table} 缺少 {key}")
    values = {"level": "", **defaults, **raw}
    url = values["url"]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{table} url 应为 http(s) 网址，而不是 {url!r}")
    if values["level"] and values["level"] not in LEVELS:
        raise ConfigError(f"{table} level 应为 government 或 department，而不是 {values['level']!r}")
    if values["render"] not in RENDER_MODES:
        raise ConfigError(f"{table} render 应为 auto、never 或 always，而不是 {values['render']!r}")
    if values["max_pages"] < 1:
        raise ConfigError(f"{table} max_pages 应为正整数")
    for key in ("notify", "allow_host"):
        if not all(isinstance(item, str) for item in values[key]):
            raise ConfigError(f"{table} {key} 应为字符串数组")
    return Site(
        name=values["name"], url=url, key=site_key(url), level=values["level"] or None,
        crawl_every=parse_duration(values["crawl_every"], f"{table} crawl_every"),
        probe_every=parse_duration(values["probe_every"], f"{table} probe_every"),
        notify=tuple(values["notify"]), render=values["render"],
        settings={str(k): str(v) for k, v in values["settings"].items()},
        allow_host=tuple(values["allow_host"]), ignore_robots=values["ignore_robots"],
        max_pages=values["max_pages"], no_external=values["no_external"],
        rules=(base / values["rules"]).resolve() if values["rules"] else None)


def check_unique(sites: list[Site]) -> None:
    names: set[str] = set()
    keys: dict[str, str] = {}
    for site in sites:
        if site.name in names:
            raise ConfigError(f"[[site]] name 重复：{site.name}")
        if site.key in keys:
            raise ConfigError(f"[[site]] url 与「{keys[site.key]}」是同一网站（网站标识 {site.key}）：{site.name}")
        names.add(site.name)
        keys[site.key] = site.name
