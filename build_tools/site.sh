#!/usr/bin/env bash
# Builds the site from seeds/ into site/ (`bash build_tools/site.sh`), or serves it on
# 127.0.0.1:8000 with live reload (`bash build_tools/site.sh serve`). Extra arguments go to
# `python -m build_tools build|serve`, e.g. --seeds DIR --site-dir DIR --strict.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/venv.sh"
cd "$ROOT"
if [ "${1:-}" = "serve" ]; then
  shift
  exec "$VENV/bin/python" -m build_tools serve "$@"
fi
exec "$VENV/bin/python" -m build_tools build "$@"
