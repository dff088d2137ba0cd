#!/usr/bin/env bash
# Installs the system libraries Qt needs (offscreen and on a desktop) when they are missing.
# Linux only; installs on Debian/Ubuntu, elsewhere it says what is missing and carries on.
set -u
# macOS and Windows wheels of Qt carry what they need; only Linux relies on system libraries.
[ "$(uname -s 2>/dev/null)" = Linux ] || exit 0
need=()
check() { ldconfig -p 2>/dev/null | grep -q "$1" || need+=("$2"); }
check 'libEGL.so.1' libegl1
check 'libGL.so.1' libgl1
check 'libOpenGL.so.0' libopengl0
check 'libxkbcommon.so.0' libxkbcommon0
check 'libfontconfig.so.1' libfontconfig1
check 'libfreetype.so.6' libfreetype6
check 'libdbus-1.so.3' libdbus-1-3
check 'libglib-2.0.so.0' libglib2.0-0
[ ${#need[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
    echo "Installing Qt's system libraries: ${need[*]}"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null \
        || echo "warning: could not install ${need[*]}; Qt may fail to start" >&2
else
    echo "warning: missing system libraries for Qt: ${need[*]} (install them with your package manager)" >&2
fi
exit 0
