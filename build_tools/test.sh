#!/usr/bin/env bash
# Runs every test: lint, then pytest (unit, golden, MkDocs build, corpus and browser tests).
# Corpus tests skip when ../shared/corpus is absent; browser tests need Debian's chromium
# (skipped without it unless REQUIRE_BROWSER=1). Extra arguments go to pytest.
set -euo pipefail
REQUIREMENTS=requirements-test.txt source "$(dirname "${BASH_SOURCE[0]}")/venv.sh"
cd "$ROOT"
"$VENV/bin/ruff" check build_tools tests
exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
