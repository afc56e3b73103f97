#!/usr/bin/env bash
# Installs oidc-provider-mock (a third-party OpenID Connect provider from PyPI) into .venv-oidc,
# for the test of authflow's generic-provider path. It needs Python 3.12 or later.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv-oidc
if [ -x "$venv/bin/oidc-provider-mock" ]; then exit 0; fi

python=""
for candidate in python3.13 python3.12 /root/.pyenv/versions/3.13*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
        python=$candidate
        break
    fi
done
if [ -z "$python" ]; then
    echo "authflow setup: oidc-provider-mock needs Python 3.12+; none found (the generic-provider test will fail)" >&2
    exit 1
fi
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "oidc-provider-mock==0.4.8"
