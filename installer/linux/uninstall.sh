#!/bin/sh
# Removes SPO Counter's program, command and menu entry. The data folder and the settings stay.
#
#   sudo ./uninstall.sh [--prefix /opt/spo-counter] [--bin-dir /usr/local/bin]
#                       [--applications /usr/share/applications]
#
# The counter's data (/var/lib/spo-counter, or the folder given to install.sh) and
# /etc/spo-counter are never removed: delete them yourself only after the data were handed over.
set -eu

prefix=/opt/spo-counter
bin_dir=/usr/local/bin
applications=/usr/share/applications
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --bin-dir) bin_dir=$2; shift 2 ;;
    --applications) applications=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "uninstall.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

data_dir=$(sed -n "s/^SPO_DATA_DIR='\(.*\)'$/\1/p" "$bin_dir/spo-counter" 2>/dev/null || true)
rm -f "$bin_dir/spo-counter" "$applications/spo-counter.desktop"
# Only the versions this script's installer made (PREFIX/<version> with the app inside).
rm -f "$prefix/current"
for version_dir in "$prefix"/*; do
  [ -L "$version_dir" ] && continue  # never follow a link out of the prefix
  if [ -x "$version_dir/spo-counter" ] && [ -f "$version_dir/VERSION" ]; then
    rm -rf "$version_dir"
  fi
done
rmdir "$prefix" 2>/dev/null || true
echo "SPO Counter removed. The counter's data were kept${data_dir:+: $data_dir}."
