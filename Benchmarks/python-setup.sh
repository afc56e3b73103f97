#!/usr/bin/env bash
# Installs the benchmark's Python side into .venv-bench: PyJWT with cryptography (what `authflow
# decode` is compared with). The http.client comparison uses the standard library only.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv-bench
if "$venv/bin/python" -c 'import jwt, cryptography' 2>/dev/null; then exit 0; fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "pyjwt[crypto]==2.10.1"
