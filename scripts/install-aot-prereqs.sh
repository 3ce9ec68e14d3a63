#!/usr/bin/env bash
# Installs what `dotnet publish Perstack.App -c Release -r <rid>` (Native AOT) needs besides the .NET SDK: a C
# toolchain to link the native binary (clang; lld is not needed) and zlib's headers. On Debian/Ubuntu this uses
# apt-get and installs only what is missing; on macOS the Xcode command line tools are the prerequisite; on Windows,
# Visual Studio's "Desktop development with C++" workload. Safe to run again.
set -euo pipefail

case "$(uname -s)" in
Linux)
    missing=()
    command -v clang >/dev/null 2>&1 || missing+=(clang)
    # zlib.h is what the linker step needs from zlib1g-dev.
    [[ -f /usr/include/zlib.h ]] || missing+=(zlib1g-dev)
    if ((${#missing[@]} == 0)); then
        echo "Native AOT prerequisites present: clang, zlib1g-dev"
        exit 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "missing: ${missing[*]}; install them with your package manager (not apt-based)" >&2
        exit 1
    fi
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    echo "installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
    ;;
Darwin)
    if ! xcode-select -p >/dev/null 2>&1; then
        echo "installing the Xcode command line tools (a dialog opens; run this script again when done)"
        xcode-select --install
        exit 1
    fi
    echo "Native AOT prerequisites present: Xcode command line tools"
    ;;
*)
    echo "On Windows, install Visual Studio (or its Build Tools) with the 'Desktop development with C++' workload." >&2
    exit 1
    ;;
esac
