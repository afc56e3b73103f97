#!/usr/bin/env bash
# Installs haralyzer (a third-party HAR reader from PyPI) into .venv-har, for the test that loads
# the HAR files `authflow run --out` writes.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv-har
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import haralyzer' 2>/dev/null; then exit 0; fi

python=""
for candidate in python3.13 python3.12 python3.11 python3.10 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 8))' 2>/dev/null; then
        python=$candidate
        break
    fi
done
if [ -z "$python" ]; then
    echo "authflow setup: haralyzer needs Python 3.8+; none found (the HAR reader test will fail)" >&2
    exit 1
fi
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "haralyzer==2.4.0"
