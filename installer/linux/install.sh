#!/bin/sh
# Installs (or upgrades) SPO Counter from this unpacked bundle, for every user of the PC.
#
#   sudo ./install.sh [--prefix /opt/spo-counter] [--data-dir /var/lib/spo-counter]
#                     [--bin-dir /usr/local/bin] [--applications /usr/share/applications]
#                     [--group spo-counter] [--config-dir /etc/spo-counter]
#
# - the program goes to PREFIX/VERSION, and PREFIX/current points at it: an upgrade switches the
#   link at once, and the version it replaced stays beside it (rollback: point the link back);
# - BIN_DIR/spo-counter starts it with SPO_DATA_DIR set to the data folder and the settings of
#   CONFIG_DIR/environment (upstream address and token), for the window and the commands alike;
# - the data folder is OUTSIDE the program folder, owned by root and GROUP, setgid: every teller
#   account in GROUP shares one store. Upgrading or uninstalling never touches it.
#
# `--group ''` skips the group (a single-user PC, or a test). See docs/installing.md.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=/opt/spo-counter
data_dir=/var/lib/spo-counter
bin_dir=/usr/local/bin
applications=/usr/share/applications
config_dir=/etc/spo-counter
group=spo-counter

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --data-dir) data_dir=$2; shift 2 ;;
    --bin-dir) bin_dir=$2; shift 2 ;;
    --applications) applications=$2; shift 2 ;;
    --config-dir) config_dir=$2; shift 2 ;;
    --group) group=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

version=$(cat "$here/VERSION")
case "$data_dir/" in
  "$prefix"/*) echo "install.sh: the data folder must not be inside $prefix" >&2; exit 2 ;;
esac
if [ ! -x "$here/spo-counter" ]; then
  echo "install.sh: run it from the unpacked bundle (no spo-counter beside it)" >&2
  exit 2
fi

# The program: a fresh copy of this bundle, then the link switched in one rename. The version
# that was current stays for a rollback; older ones go.
target="$prefix/$version"
mkdir -p "$prefix"
previous=$(readlink "$prefix/current" 2>/dev/null || true)
rm -rf "$target.partial"
cp -a "$here" "$target.partial"
rm -rf "$target"
mv "$target.partial" "$target"
ln -sfn "$version" "$prefix/current.new"
mv -T "$prefix/current.new" "$prefix/current"
for version_dir in "$prefix"/*; do
  name=$(basename "$version_dir")
  [ -L "$version_dir" ] && continue  # current: a link, never followed
  if [ "$name" != "$version" ] && [ "$name" != "$previous" ] && [ -f "$version_dir/VERSION" ]; then
    rm -rf "$version_dir"
  fi
done

# The data folder: made once, shared by the group, never replaced.
mkdir -p "$data_dir"
if [ -n "$group" ]; then
  getent group "$group" >/dev/null || groupadd --system "$group"
  chgrp "$group" "$data_dir"
  chmod 2770 "$data_dir"
fi

# Settings every start reads (upstream address and token): readable by the group only.
mkdir -p "$config_dir"
if [ ! -e "$config_dir/environment" ]; then
  cat >"$config_dir/environment" <<'EOF'
# SPO Counter settings, read at every start (sh syntax). Uncomment and fill in:
# SPO_UPSTREAM_URL=https://spo-upstream.example.bank.co.id
# SPO_UPSTREAM_TOKEN=the-token-of-this-counter
EOF
fi
if [ -n "$group" ]; then
  chgrp "$group" "$config_dir/environment"
fi
chmod 0640 "$config_dir/environment"

# The command: the window without arguments, the commands with them.
mkdir -p "$bin_dir"
cat >"$bin_dir/spo-counter.new" <<EOF
#!/bin/sh
# Written by SPO Counter's install.sh: the shared data folder and this PC's settings.
umask 007
SPO_DATA_DIR='$data_dir'
export SPO_DATA_DIR
if [ -r '$config_dir/environment' ]; then
  set -a
  . '$config_dir/environment'
  set +a
fi
exec '$prefix/current/spo-counter' "\$@"
EOF
chmod 0755 "$bin_dir/spo-counter.new"
mv "$bin_dir/spo-counter.new" "$bin_dir/spo-counter"

# The menu entry and its icon.
mkdir -p "$applications"
sed -e "s|@BIN@|$bin_dir/spo-counter|" \
    -e "s|@ICON@|$prefix/current/_internal/desktop/_resources/icons/spo-counter.png|" \
    "$here/spo-counter.desktop" >"$applications/spo-counter.desktop"
chmod 0644 "$applications/spo-counter.desktop"

echo "SPO Counter $version: $target (linked as $prefix/current)"
echo "Data folder: $data_dir${group:+ (group $group: add each teller with 'usermod -aG $group NAME')}"
echo "Settings: $config_dir/environment"
