# Shared by install_test.sh and deb_test.sh (sourced): run an installed authprobe the way a user
# would, away from the source and build trees.
#
# away COMMAND...: replaces the calling (sub)shell with COMMAND, so call it as `(away ...)`,
# `$(away ...)` or `away ... &` ($! is then COMMAND's pid). COMMAND runs from an empty home and
# working directory, with a fresh TMPDIR
# and AUTHPROBE_DATA_DIR unset. Where unprivileged user namespaces are allowed (unshare -rm),
# empty tmpfs mounts also cover the source and build trees for COMMAND, so a binary that still
# looked there would find nothing; elsewhere the data directory it prints (`authprobe paths`)
# still shows where its data comes from.
# Needs: AUTHPROBE_SOURCE, AUTHPROBE_BUILD, WORK (a scratch directory of the test).

away_setup() {
  mkdir -p "$WORK/home" "$WORK/tmp"
  hide=0
  if unshare -rm true 2>/dev/null; then
    hide=1
  else
    echo "note: unshare -rm is not allowed here; the source tree stays visible" >&2
  fi
}

away() {
  local cmd=(env -u AUTHPROBE_DATA_DIR HOME="$WORK/home" TMPDIR="$WORK/tmp" "$@")
  if [ "$hide" -eq 1 ]; then
    # The build tree first: when it lies inside the source tree, hiding the source hides it too.
    cd "$WORK/home" && exec unshare -rm sh -c \
      'mount -t tmpfs authprobe-hidden "$1" && mount -t tmpfs authprobe-hidden "$2" && shift 2 && exec "$@"' \
      sh "$AUTHPROBE_BUILD" "$AUTHPROBE_SOURCE" "${cmd[@]}"
  else
    cd "$WORK/home" && exec "${cmd[@]}"
  fi
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# expect_check_passes BINARY [CHECK FLAGS...]: `check` against the in-process reference server
# exits 0.
expect_check_passes() {
  local status=0
  (away "$1" check "${@:2}") >"$WORK/check.log" 2>&1 || status=$?
  tail -n 3 "$WORK/check.log"
  [ "$status" -eq 0 ] || { cat "$WORK/check.log"; fail "$1 check exited $status"; }
}

# expect_data_dir BINARY DIR: `BINARY paths` names DIR as its data directory.
expect_data_dir() {
  local out
  out=$(away "$1" paths) || fail "$1 paths: exit $?"
  echo "$out"
  grep -qxF "data directory:  $(realpath "$2")" <<<"$out" || fail "data directory is not $2"
}

# serve_and_stop BINARY SIGNAL: `serve --port 0` prints its listening line, stops on SIGNAL with
# exit 0, and leaves nothing in its TMPDIR.
serve_and_stop() {
  local log="$WORK/serve-$2.log" pid status tries=0
  away "$1" serve --port 0 >"$log" 2>&1 &
  pid=$!
  # Bounded: 200 polls of 0.1 s (a hang guard; the server starts in well under a second).
  until grep -q "listening on http://127.0.0.1:" "$log"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 200 ] || ! kill -0 "$pid" 2>/dev/null; then
      cat "$log" >&2
      kill -KILL "$pid" 2>/dev/null || true
      fail "serve did not print its listening line"
    fi
    sleep 0.1
  done
  kill "-$2" "$pid"
  status=0
  wait "$pid" || status=$?
  cat "$log"
  [ "$status" -eq 0 ] || fail "serve stopped by SIG$2 exited $status"
  grep -q "stopped" "$log" || fail "serve did not say it stopped"
  [ -z "$(ls -A "$WORK/tmp")" ] || fail "serve left files in its TMPDIR: $(ls -A "$WORK/tmp")"
}
