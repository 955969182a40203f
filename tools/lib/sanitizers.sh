# shellcheck shell=bash
# Sanitizer stages for tools/test (CI) and tools/fuzz. Sourced after common.sh, not executed.
# Each stage has its own build directory, so the normal build is never rebuilt with other flags:
#   build-asan  g++ ASan+UBSan, the whole CTest suite (it includes "e2e.the reference server
#               passes every applicable check in strict", `authprobe check`'s suite against the
#               embedded reference server)
#   build-tsan  g++ TSan, the reference server's tests (reference.server.* and load.server.*:
#               the HTTP tests run a real multi-threaded server) and the hostile-target tests
#               (conformance.hostile.*, label hostile)
#   build-fuzz  clang libFuzzer harnesses (tools/fuzz)
# The flags come from AUTHPROBE_SANITIZE in cmake/authprobe_options.cmake, applied per target.

AUTHPROBE_ASAN_BUILD=${AUTHPROBE_ASAN_BUILD:-"$AUTHPROBE_ROOT/build-asan"}
AUTHPROBE_TSAN_BUILD=${AUTHPROBE_TSAN_BUILD:-"$AUTHPROBE_ROOT/build-tsan"}
# The server tests TSan runs: the reference server's HTTP and unit tests and its load and
# fault tests (256 concurrent clients, slow-drip connections, clients vanishing mid-request).
# Plus the suite against the hostile target (label `hostile`): its loopback server runs a thread
# per connection while the suite reads them.
AUTHPROBE_TSAN_TESTS=${AUTHPROBE_TSAN_TESTS:-'^(reference|load)\.server\.|^conformance\.(hostile|runner)\.'}

# Any report fails the test that caused it; leaks are errors (LeakSanitizer is on by default
# with ASan on Linux, stated here so the intent is visible).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$AUTHPROBE_ROOT/tools/lib/tsan_suppressions.txt}

# The clang++ that matches libclang-rt-14-dev (the libFuzzer and sanitizer runtimes).
authprobe_clang_cxx() {
  local cxx
  for cxx in clang++-14 clang++; do
    command -v "$cxx" && return 0
  done
  echo "authprobe: clang++ not found (Debian: apt-get install clang-14 libclang-rt-14-dev)" >&2
  return 1
}

# authprobe_sanitizer_configure DIR SANITIZERS: a tree instrumented with SANITIZERS, built
# -O1 as the sanitizers' documentation advises (the password hashes run in uninstrumented
# libsodium and libxcrypt, so hashing tests stay fast) with line tables for readable reports
# (-g1, cmake/authprobe_options.cmake). -O2 -g compiled twice as slowly on two cores.
authprobe_sanitizer_configure() {
  local dir=$1 sanitize=$2 werror=OFF
  [ -n "${CI:-}" ] && werror=ON
  cmake -S "$AUTHPROBE_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -DNDEBUG" \
    -DAUTHPROBE_SANITIZE="$sanitize" -DAUTHPROBE_WERROR="$werror" >/dev/null
}

# ASan+UBSan: build everything, run the whole CTest suite but the browser tests (label
# `browser`: they judge the HTML page in Chromium, which no sanitizer build changes; the normal
# stage runs them, and the report code itself is covered by the report unit tests here) and the
# install tests (label `install`: they check what is installed and packaged, and run the binary in
# a user namespace with the trees hidden, where LeakSanitizer's stop-the-world is not ours to
# vouch for; the normal stage runs them, and the same binary's behaviour runs here in e2e).
authprobe_asan_suite() {
  echo "== asan+ubsan: whole suite in $AUTHPROBE_ASAN_BUILD"
  authprobe_sanitizer_configure "$AUTHPROBE_ASAN_BUILD" address,undefined
  cmake --build "$AUTHPROBE_ASAN_BUILD" -j "$(nproc)"
  (cd "$AUTHPROBE_ASAN_BUILD" && ctest --output-on-failure -j "$(nproc)" -LE 'load|browser|install')
  # The load tests run 256 clients and 256 server threads on two cores. With the fake stacks of
  # detect_stack_use_after_return every call with a stack buffer allocates, and single requests
  # stalled for up to 16 s (20 s is the client timeout); every other check stays on.
  (cd "$AUTHPROBE_ASAN_BUILD" &&
    ASAN_OPTIONS="${ASAN_OPTIONS//detect_stack_use_after_return=1/detect_stack_use_after_return=0}" \
      ctest --output-on-failure -L load)
}

# TSan: only the server test binary is built; its tests run one at a time, since each HTTP
# test already starts a multi-threaded server and TSan multiplies the cost of every thread.
authprobe_tsan_server_tests() {
  echo "== tsan: $AUTHPROBE_TSAN_TESTS in $AUTHPROBE_TSAN_BUILD"
  authprobe_sanitizer_configure "$AUTHPROBE_TSAN_BUILD" thread
  cmake --build "$AUTHPROBE_TSAN_BUILD" --target reference_server_test reference_server_load_test conformance_hostile_probe_test conformance_hostile_suite_test \
    conformance_runner_test -j "$(nproc)"
  (cd "$AUTHPROBE_TSAN_BUILD" && ctest --output-on-failure -R "$AUTHPROBE_TSAN_TESTS")
}
