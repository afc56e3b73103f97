#!/usr/bin/env bash
# Records the real-browser HAR fixtures in Tests/FlowEngineTests/Fixtures/BrowserHAR/ (see the
# README.md there). Installs Debian's chromium (apt-get) and Playwright (PyPI, into .venv-browser;
# Playwright's own browser download is not used), starts the simulator built at
# .build/debug/authflow, and runs scripts/record-browser-hars.py. Not part of the tests: the HARs
# are committed, and the tests only read them.
#
# Usage: scripts/record-browser-hars.sh [OUTPUT_DIRECTORY]
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-Tests/FlowEngineTests/Fixtures/BrowserHAR}
authflow=.build/debug/authflow
simulator_port=${AUTHFLOW_HAR_SIMULATOR_PORT:-9471}
spa_port=${AUTHFLOW_HAR_SPA_PORT:-9472}

[ -x "$authflow" ] || { echo "record-browser-hars: build first (swift build): no $authflow" >&2; exit 1; }

if ! command -v chromium >/dev/null 2>&1; then
    echo "record-browser-hars: installing chromium" >&2
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq chromium >/dev/null
fi

venv=.venv-browser
if ! { [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import playwright' 2>/dev/null; }; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "playwright==1.65.2"
fi
bash scripts/har-reader-setup.sh

mkdir -p "$out"
"$authflow" simulate --port "$simulator_port" >/dev/null &
simulator=$!
trap 'kill "$simulator" 2>/dev/null; wait "$simulator" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$simulator_port/5caa81af-ec05-41ff-a709-c7378007a99c/as/jwks" && break
    sleep 0.2
done

curl -sf -o /dev/null "http://127.0.0.1:$simulator_port/5caa81af-ec05-41ff-a709-c7378007a99c/as/jwks" ||
    { echo "record-browser-hars: the simulator did not start on port $simulator_port" >&2; exit 1; }
# The app's page reads the simulator with fetch: the simulator must answer CORS (a build since it does).
if ! curl -sf -D - -o /dev/null -H "Origin: http://127.0.0.1:$spa_port" \
    "http://127.0.0.1:$simulator_port/5caa81af-ec05-41ff-a709-c7378007a99c/as/jwks" | grep -qi '^access-control-allow-origin:'; then
    echo "record-browser-hars: the simulator at $authflow sends no CORS headers; rebuild it (swift build)" >&2
    exit 1
fi

"$venv/bin/python" scripts/record-browser-hars.py --chromium "$(command -v chromium)" \
    --simulator-port "$simulator_port" --spa-port "$spa_port" --out "$out"

# Every fixture must load in a HAR reader made by others.
.venv-har/bin/python - "$out"/*.har <<'PY'
import json, sys
from haralyzer import HarParser
for path in sys.argv[1:]:
    with open(path) as f:
        parser = HarParser(json.load(f))
    entries = [entry for page in parser.pages for entry in page.entries]
    assert parser.version == "1.2" and entries, path
    for entry in entries:
        entry.request.method, entry.status, entry.response.mimeType, entry.startTime, entry.request.url
    print(f"{path}: {len(entries)} entries, {len(parser.pages)} pages")
PY
