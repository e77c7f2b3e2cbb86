#!/usr/bin/env bash
# Install what the tests need and run them all: the project with its test extras (pytest,
# Playwright's Python driver) and Debian's Chromium for the browser tests of the HTML report.
# Uses the active virtualenv, or creates .venv. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi

if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing Debian's chromium for the browser tests..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

python -m pip install -q --upgrade pip
python -m pip install -q ".[test]"
# `pytest`, not `python -m pytest`: the tests must import the installed package, not ./auditor.
exec pytest -q "$@"
