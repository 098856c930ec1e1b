#!/usr/bin/env bash
# Builds SPO Counter for Linux: the PyInstaller one-folder bundle and its tarball.
#
#   installer/build-linux.sh [OUT_DIR]        (default: dist/ in the checkout)
#
# Needs a Python with the project and PyInstaller installed (PYTHON, default .venv/bin/python:
# `.venv/bin/pip install -e ".[test]"` brings both). Writes
#   OUT_DIR/spo-counter/                          the bundle (run OUT_DIR/spo-counter/spo-counter)
#   OUT_DIR/spo-counter-VERSION-linux-ARCH.tar.gz the same, in a folder spo-counter-VERSION/,
#                                                 with install.sh and uninstall.sh
# and fails when the bundle holds Qt parts the app does not use or the sandbox upstream, or
# reaches 200 MB unpacked.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)
python=${PYTHON:-$root/.venv/bin/python}
version=$("$python" "$root/installer/build_info.py" version)
arch=$(uname -m)
bundle="$out/spo-counter"
tarball="$out/spo-counter-$version-linux-$arch.tar.gz"

"$python" -m PyInstaller --noconfirm --log-level "${PYINSTALLER_LOG_LEVEL:-WARN}" \
  --distpath "$out" --workpath "$out/build" "$root/installer/spo-counter.spec"

# What a Linux installation needs beside the program (installer/linux/).
echo "$version" >"$bundle/VERSION"
install -m 0755 "$root/installer/linux/install.sh" "$root/installer/linux/uninstall.sh" "$bundle/"
install -m 0644 "$root/installer/linux/spo-counter.desktop" "$bundle/"

"$python" "$root/installer/build_info.py" check "$bundle"

tar -C "$out" --owner=0 --group=0 --numeric-owner \
  --transform "s,^spo-counter,spo-counter-$version,S" -czf "$tarball.partial" spo-counter
mv "$tarball.partial" "$tarball"
echo "$tarball: $(du -k "$tarball" | cut -f1) KiB"
