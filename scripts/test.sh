#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine, then run it.
# Usage: bash scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

py=${PYTHON:-python3}
"$py" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

# Debian's chromium (never `playwright install`), a font that renders Chinese, and emoji for
# the page icons in screenshots.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi microhei \
    || ! fc-list 2>/dev/null | grep -qi 'color emoji'; then
  if [ "$(id -u)" = 0 ]; then apt=(apt-get); else apt=(sudo apt-get); fi
  "${apt[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq chromium fonts-wqy-microhei \
    fonts-noto-color-emoji >/dev/null
fi

exec "$py" -m pytest "$@"
