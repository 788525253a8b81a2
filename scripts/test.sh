#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine, then run it.
# Usage: bash scripts/test.sh [pytest args...]
#
# Python packages go into a virtual environment, .venv (a stock Debian/Ubuntu or Homebrew
# Python refuses `pip install` into itself: PEP 668). It is made with --system-site-packages,
# so packages the machine already has at the pinned versions are reused, not downloaded again.
# Debian without python3-venv: installed when run as root; where a venv is impossible all the
# same, pip installs with --break-system-packages into the user site instead (said loudly).
set -euo pipefail
cd "$(dirname "$0")/.."

py=${PYTHON:-python3}
if [ "$(id -u)" = 0 ]; then apt=(apt-get); else apt=(sudo apt-get); fi
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then "${apt[@]}" update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "$@" >/dev/null
}

make_venv() { "$py" -m venv --system-site-packages .venv >/dev/null 2>&1; }
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c '' 2>/dev/null; then
  rm -rf .venv
  if ! make_venv; then
    rm -rf .venv
    ver=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || command -v sudo >/dev/null; }; then
      apt_install "python$ver-venv" || apt_install python3-venv || true
    fi
    make_venv || rm -rf .venv
  fi
fi
if [ -x .venv/bin/python ]; then
  vpy=.venv/bin/python
  "$vpy" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
else
  echo "scripts/test.sh: cannot create a virtual environment (python3-venv missing);" \
       "installing into the user site with --break-system-packages" >&2
  vpy=$py
  "$vpy" -m pip install --quiet --disable-pip-version-check --user --break-system-packages \
    -r requirements-dev.txt
fi

# Debian's chromium (never `playwright install`), a font that renders Chinese, emoji for the
# page icons in screenshots, and nginx for the deployment test (tests/test_deploy.py).
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi microhei \
    || ! fc-list 2>/dev/null | grep -qi 'color emoji' \
    || { ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; }; then
  apt_install chromium fonts-wqy-microhei fonts-noto-color-emoji nginx
fi

exec "$vpy" -m pytest "$@"
