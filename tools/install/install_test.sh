#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then the installed authprobe, run away from the
# source tree (away_from_tree.sh): it reads its data from P/share/authprobe, `check` against the
# in-process reference server exits 0, and `serve --port 0` starts and stops cleanly.
# Usage: install_test.sh CMAKE SOURCE_DIR BUILD_DIR
set -euo pipefail
cmake=$1
export AUTHPROBE_SOURCE=$2 AUTHPROBE_BUILD=$3
source "$AUTHPROBE_SOURCE/tools/install/away_from_tree.sh"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/authprobe-install-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
away_setup

prefix=$WORK/prefix
"$cmake" --install "$AUTHPROBE_BUILD" --prefix "$prefix" >/dev/null
for file in bin/authprobe share/authprobe/reference/server.json share/authprobe/reference/users.json \
            share/authprobe/reference/users-fastapi.json share/authprobe/profiles/reference-fastapi.json \
            share/authprobe/profiles/reference.json share/authprobe/catalog/checks.md share/doc/authprobe/README.md; do
  [ -f "$prefix/$file" ] || fail "not installed: $file"
done

expect_data_dir "$prefix/bin/authprobe" "$prefix/share/authprobe"
expect_check_passes "$prefix/bin/authprobe"
serve_and_stop "$prefix/bin/authprobe" TERM
serve_and_stop "$prefix/bin/authprobe" INT
echo "PASS"
