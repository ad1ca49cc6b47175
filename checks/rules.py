"""The thresholds the checks apply: checks/rules.toml, shipped with the package, overlaid by a user's file.

One file holds every threshold (the check modules hold their rule, source and logic), so an evaluator
or a local government edits one place: `xxgk crawl --rules PATH` / `xxgk check --rules PATH` overlay
a TOML file of the same shape, table by check id and key by option. An unknown check or option, or a
value of another type than the packaged one, is a RulesError (a usage error: exit 2). Each run records
the rules it was judged by: the overlay's text and a hash of the rules in force.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

PACKAGED = "rules.toml"


class RulesError(ValueError):
    """A rules file that cannot be used; the message names the file, table and key."""


def packaged_rules() -> dict[str, dict[str, Any]]:
    return tomllib.loads(resources.files("checks").joinpath(PACKAGED).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Rules:
    """The rules in force: per check id, its options."""

    options: dict[str, dict[str, Any]]
    overlay_text: str | None = None  # the user's file, as recorded in the run
    overlay_path: str | None = field(default=None, compare=False)

    @property
    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.options, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]

    def record(self) -> dict[str, Any]:
        """What a run stores of the rules it was judged by."""
        return {"hash": self.digest, "overlay": self.overlay_text, "path": self.overlay_path}


def load_rules(path: str | Path | None = None, *, text: str | None = None) -> Rules:
    """The packaged rules overlaid by a file (path) or by the text a run recorded."""
    base = packaged_rules()
    if path is None and text is None:
        return Rules(base)
    where = str(path) if path is not None else "记录的规则"
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RulesError(f"无法读取规则文件 {where}：{exc}") from exc
    try:
        overlay = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"规则文件 {where} 不是有效的 TOML：{exc}") from exc
    return Rules(merge(base, overlay, where), text, str(path) if path is not None else None)


def merge(base: dict[str, dict[str, Any]], overlay: dict[str, Any], where: str) -> dict[str, dict[str, Any]]:
    merged = {check: dict(options) for check, options in base.items()}
    for check, options in overlay.items():
        if check not in base:
            raise RulesError(f"规则文件 {where}：没有检查 [{check}]；可用：{', '.join(sorted(base))}")
        if not isinstance(options, dict):
            raise RulesError(f"规则文件 {where}：[{check}] 应为表")
        for key, value in options.items():
            if key not in base[check]:
                raise RulesError(f"规则文件 {where}：[{check}] 没有参数 {key}；可用：{', '.join(base[check])}")
            _check_type(where, check, key, value, base[check][key])
            merged[check][key] = value
    return merged


def _check_type(where: str, check: str, key: str, value: Any, default: Any) -> None:
    expected = type(default)
    fits = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        fits = True
    if not fits:
        raise RulesError(f"规则文件 {where}：[{check}] {key} 应为 {expected.__name__}（默认 {default!r}），"
                         f"而不是 {value!r}")
    if key.endswith("_deadline") and not _is_month_day(value):
        raise RulesError(f"规则文件 {where}：[{check}] {key} 应为 \"MM-DD\"，而不是 {value!r}")


def _is_month_day(value: str) -> bool:
    from datetime import date

    try:
        month, day = (int(part) for part in value.split("-"))
        date(2001, month, day)
    except ValueError:
        return False
    return True
