"""Scoring models: which findings veto a site and how many points each one costs (README "Scoring models").

A model is a TOML file. The packaged ones live in `reports/models/` and are named by their file stem
(`guoban-2019`); `--model PATH` loads any other. A model maps findings to points and to vetoes; it holds
no check thresholds (those are the checks' options). Loading validates every key, so a typo is a usage
error rather than a silently ignored rule.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any

from checks import load_checks
from checks.column_freshness import BASIC, NEWS, NOTICE
from crawler.store import StoreError

DEFAULT_MODEL = "guoban-2019"
MODEL_KEYS = {"name", "title", "provisional", "note", "score", "veto", "deduction", "bonus"}
SCORE_KEYS = {"full", "pass", "bonus_above", "bonus_cap"}
SELECTOR_KEYS = {"check", "severity", "confirmed", "linked_from", "column_class", "first_level"}


class ModelError(StoreError):
    """An unknown or malformed model or bonus file: a usage error (exit 2)."""


class LinkPlace(Enum):
    """Where a broken link target is linked from: the homepage counts it, whatever else links it."""

    HOMEPAGE = "homepage"
    OTHER = "other"


@dataclass(frozen=True)
class Selector:
    """Which findings a veto or deduction rule takes; every field set must match."""

    check: str
    severity: str | None = None
    confirmed: bool | None = None
    linked_from: LinkPlace | None = None
    column_class: str | None = None  # news, notice, basic (checks/column_freshness.py)
    first_level: bool | None = None  # a column with no parent column


@dataclass(frozen=True)
class Rule:
    selector: Selector
    points: float


@dataclass(frozen=True)
class Indicator:
    """A deduction indicator: the sum of its rules' points, at most `cap`."""

    name: str
    cap: float
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Veto:
    indicator: str
    selectors: tuple[Selector, ...]


@dataclass(frozen=True)
class Model:
    name: str
    title: str
    provisional: bool
    note: str
    full: float
    pass_mark: float
    bonus_above: float
    bonus_cap: float
    vetoes: tuple[Veto, ...]
    indicators: tuple[Indicator, ...]
    bonus: dict[str, float] = field(default_factory=dict)  # site key or start URL → points
    source: str = ""  # the file it was read from

    def summary(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "provisional": self.provisional, "note": self.note,
                "full": self.full, "pass": self.pass_mark, "bonus_above": self.bonus_above,
                "bonus_cap": self.bonus_cap}


def packaged_models() -> list[str]:
    folder = resources.files("reports").joinpath("models")
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


def load_model(name_or_path: str | None = None, bonus_file: str | None = None) -> Model:
    """The packaged model of that name, else the TOML file at that path; `bonus_file` replaces its bonus.

    :raises ModelError: unknown model, unreadable or malformed file.
    """
    name_or_path = name_or_path or DEFAULT_MODEL
    packaged = resources.files("reports").joinpath("models", f"{name_or_path}.toml")
    if "/" not in name_or_path and packaged.is_file():
        text, source = packaged.read_text(encoding="utf-8"), f"{name_or_path}（内置）"
    elif Path(name_or_path).is_file():
        text, source = _read(Path(name_or_path)), name_or_path
    else:
        raise ModelError(f"没有评分模型 {name_or_path}：内置模型有 {', '.join(packaged_models())}，"
                         f"或给出模型文件路径")
    model = parse_model(_toml(text, source), source)
    if bonus_file:
        model = _with_bonus(model, _bonus_table(_toml(_read(Path(bonus_file)), bonus_file), bonus_file))
    return model


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"无法读取 {path}：{exc}") from exc


def _toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ModelError(f"{source} 不是有效的 TOML：{exc}") from exc


def parse_model(data: dict[str, Any], source: str) -> Model:
    """A Model from a parsed TOML document (format: README "Scoring models")."""
    _no_unknown(data, MODEL_KEYS, source)
    score = _table(data.get("score", {}), f"{source} [score]")
    _no_unknown(score, SCORE_KEYS, f"{source} [score]")
    checks = set(load_checks())
    vetoes = tuple(_veto(v, checks, f"{source} [[veto]] {i + 1}") for i, v in enumerate(data.get("veto", [])))
    indicators = tuple(_indicator(d, checks, f"{source} [[deduction]] {i + 1}")
                       for i, d in enumerate(data.get("deduction", [])))
    return Model(
        name=_text(data, "name", source), title=_text(data, "title", source),
        provisional=bool(data.get("provisional", False)), note=str(data.get("note", "")),
        full=_number(score, "full", source, 100), pass_mark=_number(score, "pass", source, 60),
        bonus_above=_number(score, "bonus_above", source, 80), bonus_cap=_number(score, "bonus_cap", source, 30),
        vetoes=vetoes, indicators=indicators, bonus=_bonus_table(data.get("bonus", {}), source), source=source)


def _veto(data: Any, checks: set[str], where: str) -> Veto:
    data = _table(data, where)
    _no_unknown(data, {"indicator", "match"}, where)
    matches = data.get("match")
    if not isinstance(matches, list) or not matches:
        raise ModelError(f"{where}：match 应为非空的列表")
    return Veto(_text(data, "indicator", where), tuple(_selector(m, checks, where) for m in matches))


def _indicator(data: Any, checks: set[str], where: str) -> Indicator:
    data = _table(data, where)
    _no_unknown(data, {"indicator", "cap", "rules"}, where)
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise ModelError(f"{where}：rules 应为非空的列表")
    parsed = []
    for rule in rules:
        rule = _table(rule, where)
        points = _number(rule, "points", where)
        parsed.append(Rule(_selector({k: v for k, v in rule.items() if k != "points"}, checks, where), points))
    return Indicator(_text(data, "indicator", where), _number(data, "cap", where), tuple(parsed))


def _selector(data: Any, checks: set[str], where: str) -> Selector:
    data = _table(data, where)
    _no_unknown(data, SELECTOR_KEYS, where)
    check = _text(data, "check", where)
    if check not in checks:
        raise ModelError(f"{where}：没有检查项 {check}")
    severity = data.get("severity")
    if severity not in (None, "veto", "deduct", "warn", "info"):
        raise ModelError(f"{where}：severity 应为 veto、deduct、warn 或 info")
    try:
        place = LinkPlace(data["linked_from"]) if "linked_from" in data else None
    except ValueError as exc:
        raise ModelError(f"{where}：linked_from 应为 homepage 或 other") from exc
    column_class = data.get("column_class")
    if column_class not in (None, NEWS, NOTICE, BASIC):
        raise ModelError(f"{where}：column_class 应为 {NEWS}、{NOTICE} 或 {BASIC}")
    for flag in ("confirmed", "first_level"):
        if flag in data and not isinstance(data[flag], bool):
            raise ModelError(f"{where}：{flag} 应为 true 或 false")
    return Selector(check, severity, data.get("confirmed"), place, column_class, data.get("first_level"))


def _bonus_table(data: Any, source: str) -> dict[str, float]:
    """Site key (or start URL) → bonus points; a bonus file may hold the table bare or under [bonus]."""
    data = _table(data, source)
    if set(data) == {"bonus"}:
        data = _table(data["bonus"], source)
    return {str(site): _number(data, site, f"{source} [bonus]") for site in data}


def _with_bonus(model: Model, bonus: dict[str, float]) -> Model:
    return replace(model, bonus=bonus)


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ModelError(f"{where}：应为表")
    return value


def _no_unknown(data: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ModelError(f"{where}：未知的键 {', '.join(unknown)}（可用：{', '.join(sorted(allowed))}）")


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ModelError(f"{where}：缺少 {key}（文本）")
    return value


def _number(data: dict[str, Any], key: str, where: str, default: float | None = None) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ModelError(f"{where}：{key} 应为非负数")
    return float(value)
