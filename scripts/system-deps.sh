#!/usr/bin/env bash
# Make sure the system packages are present: the Cairo and Pango development
# files that manimpango and pycairo compile against, and with --browser
# Chromium for the page test. Installs them with apt-get where that is
# allowed; otherwise stops with one message saying what to install.
set -euo pipefail

want_browser=no
already_installed=no
for arg in "$@"; do
    case "$arg" in
        --browser) want_browser=yes ;;
        --installed) already_installed=yes ;;
    esac
done

missing=()
if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists pangocairo; }; then
    missing+=(libcairo2-dev libpango1.0-dev pkg-config)
fi
if [ "$want_browser" = yes ] && ! command -v chromium >/dev/null 2>&1; then
    missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        sudo=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo -n"
    else
        sudo="no"
    fi
    if [ "$sudo" != "no" ] && [ "$already_installed" = no ]; then
        echo "Installing system packages: ${missing[*]}" >&2
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
        exec "$0" "$@" --installed
    fi
fi

if [ "$already_installed" = yes ]; then
    echo "error: apt-get installed ${missing[*]}, but they are still not usable" >&2
    exit 1
fi

cat >&2 <<MSG
error: system packages are missing (${missing[*]}) and cannot be installed from here.
Install them, then run make again:
  Debian/Ubuntu:  sudo apt-get install ${missing[*]}
  Fedora:         sudo dnf install cairo-devel pango-devel pkgconf-pkg-config python3-devel chromium
  macOS:          brew install cairo pango pkg-config && brew install --cask chromium
MSG
exit 1
