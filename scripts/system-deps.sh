#!/usr/bin/env bash
# Make sure the C libraries that manimpango and pycairo compile against are
# present. Installs them with apt-get where that is allowed; otherwise stops
# with one message saying what to install.
set -euo pipefail

have_pangocairo() {
    command -v pkg-config >/dev/null 2>&1 && pkg-config --exists pangocairo
}

have_pangocairo && exit 0

packages="libcairo2-dev libpango1.0-dev pkg-config"
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        sudo=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo -n"
    else
        sudo="no"
    fi
    if [ "$sudo" != "no" ]; then
        echo "Installing system packages: $packages" >&2
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $packages >/dev/null
        have_pangocairo && exit 0
    fi
fi

cat >&2 <<MSG
error: the Cairo and Pango development files are missing (pkg-config cannot find 'pangocairo'),
and they cannot be installed from here. Install them, then run make again:
  Debian/Ubuntu:  sudo apt-get install libcairo2-dev libpango1.0-dev pkg-config
  Fedora:         sudo dnf install cairo-devel pango-devel pkgconf-pkg-config python3-devel
  macOS:          brew install cairo pango pkg-config
MSG
exit 1
