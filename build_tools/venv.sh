#!/usr/bin/env bash
# Creates .venv/ in the project root with the pinned dependencies of REQUIREMENTS (default
# requirements.txt), reinstalling only when that file changed, and makes build_tools importable.
# Sourced by build_tools/site.sh and build_tools/test.sh; needs only Python 3.11+.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQUIREMENTS="${REQUIREMENTS:-requirements.txt}"
VENV="$ROOT/.venv"
PYTHON_BIN="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
  echo "Creating $VENV"
  "$PYTHON_BIN" -m venv "$VENV"
fi
stamp="$VENV/.installed-$(basename "$REQUIREMENTS")"
wanted="$(cat "$ROOT/$REQUIREMENTS" "$ROOT/requirements.txt" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "Installing $REQUIREMENTS into $VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/$REQUIREMENTS"
  echo "$wanted" > "$stamp"
fi
site_packages="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
echo "$ROOT" > "$site_packages/gov_report_publisher.pth"
export NO_MKDOCS_2_WARNING=1
