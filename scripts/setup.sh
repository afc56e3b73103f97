#!/usr/bin/env bash
# Installs what authflow needs on a fresh Debian machine with Swift: ncursesw headers, pkg-config,
# tmux (for the terminal tests), tinyproxy and openssl (for the proxy and TLS tests),
# publicsuffix (the list of public suffixes no cookie may be set for), and ncurses-term (terminfo
# entries beyond the basic ones, such as xterm-16color, for the colour tests). Runs `apt-get update` once,
# only when something is missing.
set -euo pipefail

packages=(libncursesw5-dev pkg-config tmux tinyproxy openssl publicsuffix ncurses-term)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
    echo "authflow setup: installing ${missing[*]}" >&2
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v swift >/dev/null || { echo "authflow setup: swift is not on PATH (Swift 6 is needed)" >&2; exit 1; }
