#!/usr/bin/env bash
# Make sure the system packages are present: the Cairo and Pango development
# files that manimpango and pycairo compile against, with --browser
# Chromium for the page test, and with --npm npm (make slides fetches
# reveal.js with it). Installs them with apt-get where that is
# allowed; otherwise stops with one message saying what to install.
set -euo pipefail

want_browser=no
want_npm=no
already_installed=no
for arg in "$@"; do
    case "$arg" in
        --browser) want_browser=yes ;;
        --npm) want_npm=yes ;;
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
if [ "$want_npm" = yes ] && ! command -v npm >/dev/null 2>&1; then
    missing+=(npm)
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
  Fedora:         sudo dnf install cairo-devel pango-devel pkgconf-pkg-config python3-devel chromium npm
  macOS:          brew install cairo pango pkg-config node && brew install --cask chromium
MSG
exit 1
