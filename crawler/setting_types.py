"""Checking `-s NAME=VALUE` overrides before a crawl starts.

A value Scrapy cannot use (`DOWNLOAD_TIMEOUT=abc`) would otherwise surface deep inside the crawl as a
traceback and leave the run `interrupted`. A value must fit the type of the setting's default, read the
way Scrapy itself reads it (getbool, getint, getfloat, getlist, getdict); a class path must import. Names
without a default (a setting of some extension we do not know) pass as given.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable
from typing import Any

from scrapy.settings import Settings
from scrapy.settings import default_settings as scrapy_defaults
from scrapy.utils.misc import load_object

from crawler import settings as project_defaults

IMPORT_PATH_RE = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$")
# Settings whose values are names from a fixed set, not free text.
CHOICES: dict[str, tuple[str, ...]] = {
    "LOG_LEVEL": tuple(name for name in logging.getLevelNamesMapping() if name != "NOTSET"),
    "XXGK_RENDER": ("auto", "never", "always"),
}


class BadSetting(ValueError):
    """An override the setting cannot take; the message is one line, in Chinese."""


def default_of(name: str) -> tuple[bool, Any]:
    """(known, default) of a setting: the project's defaults first, then Scrapy's."""
    for module in (project_defaults, scrapy_defaults):
        if hasattr(module, name):
            return True, getattr(module, name)
    return False, None


def check_overrides(overrides: dict[str, str]) -> None:
    """Raise BadSetting for the first override its setting cannot take."""
    for name, value in overrides.items():
        known, default = default_of(name)
        if known:
            check_value(name, value, default)


def check_value(name: str, value: str, default: Any) -> None:
    if name in CHOICES:
        allowed = CHOICES[name]
        if (value.upper() if name == "LOG_LEVEL" else value) not in allowed:
            raise BadSetting(f"-s {name}={value}：应为 {'、'.join(allowed)} 之一")
        return
    getter, expected = _reader(default)
    if getter is None:
        return
    try:
        with warnings.catch_warnings():  # reading a deprecated setting warns; using it is not our call
            warnings.simplefilter("ignore")
            read = getter(Settings({name: value}), name)
    except (ValueError, TypeError) as exc:
        shown = "" if isinstance(default, dict | list | tuple) else f"（默认值 {default!r}）"
        raise BadSetting(f"-s {name}={value}：应为{expected}{shown}") from exc
    if isinstance(default, list) and default:
        _check_elements(name, value, read, type(default[0]))
    if _is_class_path(default):
        _check_import(name, value)
    if isinstance(default, dict):
        for key, priority in read.items():
            # Component dicts map class paths to orders; other dicts (XXGK_HOST_MAP) have dotted keys too.
            if isinstance(priority, int) and isinstance(key, str) and IMPORT_PATH_RE.match(key):
                _check_import(name, key)


def _reader(default: Any) -> tuple[Callable[[Settings, str], Any] | None, str]:
    """How Scrapy reads a setting with this default, and what to call the type in a message."""
    if isinstance(default, bool):
        return Settings.getbool, "布尔值（True/False 或 1/0）"
    if isinstance(default, int):
        return Settings.getint, "整数"
    if isinstance(default, float):
        return Settings.getfloat, "数字"
    if isinstance(default, list | tuple):
        return Settings.getlist, "以逗号分隔的列表"
    if isinstance(default, dict):
        return Settings.getdict, "JSON 对象"
    if isinstance(default, str):
        return Settings.get, "字符串"
    return None, ""


def _check_elements(name: str, value: str, read: list[Any], element_type: type) -> None:
    if element_type not in (int, float):
        return
    for element in read:
        try:
            element_type(element)
        except (ValueError, TypeError) as exc:
            kind = "整数" if element_type is int else "数字"
            raise BadSetting(f"-s {name}={value}：列表中的 {element!r} 应为{kind}") from exc


def _is_class_path(value: Any) -> bool:
    """Whether a default names an importable object (DNS_RESOLVER, SCHEDULER …)."""
    if not isinstance(value, str) or not IMPORT_PATH_RE.match(value):
        return False
    try:
        load_object(value)
    except (ImportError, NameError, ValueError, AttributeError):
        return False
    return True


def _check_import(name: str, path: str) -> None:
    try:
        load_object(path)
    except (ImportError, NameError, ValueError, AttributeError) as exc:
        raise BadSetting(f"-s {name}：无法导入 {path}（{type(exc).__name__}）") from exc
