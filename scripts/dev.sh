#!/usr/bin/env bash
# One entry point for a fresh machine (Debian, Python 3.11):
#   bash scripts/dev.sh demo    set up, then run the demo against the bundled sample site
#   bash scripts/dev.sh test    set up, then run the test suite
#   bash scripts/dev.sh setup   set up only
# Set-up installs Debian's Chromium (for rendering; Playwright cannot download its own browser here)
# and leaves .venv/ with the `xxgk` command in it. It is idempotent and quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

# Chromium renders script-built pages and takes the evidence screenshots; a CJK font makes the Chinese in
# those screenshots legible (without one every character is a box).
install_chromium() {
  if { command -v chromium >/dev/null || command -v chromium-browser >/dev/null; } \
      && fc-list :lang=zh 2>/dev/null | grep -q .; then return; fi
  if command -v apt-get >/dev/null; then
    echo "安装 Chromium 与中文字体（apt-get）…" >&2
    as_root apt-get update -qq >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null \
      || echo "警告：未能安装 Chromium，需要渲染的页面将标记为未渲染（部分覆盖）" >&2
  else
    echo "警告：没有 apt-get，请自行安装 Chromium 或运行 playwright install chromium" >&2
  fi
}

install_venv() {
  local stamp=.venv/.xxgk-installed want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ -x .venv/bin/xxgk ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then return; fi
  echo "创建 .venv 并安装依赖…" >&2
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip >/dev/null 2>&1 || true
  .venv/bin/pip install -q -e '.[dev]'
  echo "$want" > "$stamp"
}

setup() { install_chromium; install_venv; }

case "${1:-}" in
  setup) setup ;;
  demo) setup; shift; exec .venv/bin/xxgk demo "$@" ;;
  test)
    setup; shift
    set +e
    .venv/bin/python -m pytest -q "$@"
    code=$?
    [ "$code" = 5 ] && { echo "没有可运行的测试" >&2; exit 1; }
    exit "$code" ;;
  *) echo "用法: bash scripts/dev.sh demo|test|setup" >&2; exit 2 ;;
esac
