# Sourced by .ci/windows/*: where the Windows side lives and how Wine is run.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WIN_DIR="$ROOT/.ci/windows"
# Downloads (packages only: PyPI, Debian) and the Wine folder, kept between runs; ignored by git.
CACHE="${SPO_WINDOWS_CACHE:-$ROOT/.cache/windows}"
export WINEPREFIX="$CACHE/wine"
export WINEARCH=win64
export WINEDEBUG=-all
# winedbg off: a crashing program exits instead of waiting in the debugger. mscoree and mshtml
# off: Wine would offer to download Mono and Gecko. The stand-ins (.ci/windows/standins/) before
# Wine's own DLLs of those names.
export WINEDLLOVERRIDES="winedbg.exe=d;mscoree=d;mshtml=d;bcryptprimitives=n,b;icuuc=n,b"
# The Windows Python, as C:\python and from Linux.
PYDIR="$WINEPREFIX/drive_c/python"
WINPY='C:\python\python.exe'
SITE="$PYDIR/Lib/site-packages"

say() { printf '=== windows: %s\n' "$*"; }

# Runs a Windows program under Wine. Python's standard streams under Wine 8.0 must be pipes, not
# files or a terminal (it fails to start otherwise), so stdin comes from a pipe and the output goes
# through cat; the exit code is the program's.
wine_run() {
  local status=0
  : | wine "$@" 2>&1 | cat || status=$?
  # pipefail: the status is wine's when cat succeeded.
  return "$status"
}

# Z:\... for a Linux path (Wine maps / to Z:).
winpath() { printf 'Z:%s' "$(printf '%s' "$1" | tr '/' '\\')"; }
