#!/usr/bin/env bash
# `cpack -G DEB` from the build tree: the package's Depends names the runtime libraries, it holds
# the binary, its data and the README, and the binary unpacked with `dpkg -x` runs `check
# --select BASIC` (exit 0) away from the source tree (away_from_tree.sh).
# Usage: deb_test.sh CPACK SOURCE_DIR BUILD_DIR
set -euo pipefail
cpack=$1
export AUTHPROBE_SOURCE=$2 AUTHPROBE_BUILD=$3
source "$AUTHPROBE_SOURCE/tools/install/away_from_tree.sh"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/authprobe-deb-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
away_setup

"$cpack" --config "$AUTHPROBE_BUILD/CPackConfig.cmake" -G DEB -B "$WORK/package" >/dev/null 2>"$WORK/cpack.log" ||
  { cat "$WORK/cpack.log"; fail "cpack failed"; }
debs=("$WORK"/package/*.deb)
[ "${#debs[@]}" -eq 1 ] && [ -f "${debs[0]}" ] || fail "cpack made no single .deb"
deb=${debs[0]}

info=$(dpkg-deb --info "$deb")
depends=$(grep '^ Depends:' <<<"$info") || fail "no Depends: in $(basename "$deb")"
echo "$depends"
packages=$(sed 's/^ Depends://; s/([^)]*)//g; s/|/,/g' <<<"$depends" | tr ',' '\n' | tr -d ' ')
for lib in libssl3 libsodium23 libcrypt1 libcpp-httplib0.11 libc6 libstdc++6; do
  grep -qxF "$lib" <<<"$packages" || fail "Depends lacks $lib"
done

contents=$(dpkg-deb --contents "$deb")
for file in ./usr/bin/authprobe ./usr/share/authprobe/reference/server.json ./usr/share/authprobe/reference/users.json \
            ./usr/share/authprobe/reference/users-fastapi.json ./usr/share/authprobe/profiles/reference-fastapi.json \
            ./usr/share/authprobe/profiles/reference.json ./usr/share/authprobe/catalog/checks.md \
            ./usr/share/doc/authprobe/README.md; do
  grep -qE " $file\$" <<<"$contents" || fail "the package lacks $file"
done

dpkg -x "$deb" "$WORK/root"
expect_data_dir "$WORK/root/usr/bin/authprobe" "$WORK/root/usr/share/authprobe"
# The BASIC section only: the whole suite already ran from the installed prefix
# (install.prefix_runs_away_from_tree); this run shows the unpacked binary finds its data.
expect_check_passes "$WORK/root/usr/bin/authprobe" --select BASIC
echo "PASS"
