# Shared by tools/run and tools/test: install what is missing, then configure and build.
# Sourced, not executed.

AUTHPROBE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
AUTHPROBE_BUILD=${AUTHPROBE_BUILD:-"$AUTHPROBE_ROOT/build"}

# Debian 12 packages; each one is found by CMake with find_package or pkg-config.
AUTHPROBE_PACKAGES=(
  cmake g++ make pkg-config
  libcpp-httplib-dev libssl-dev libsodium-dev nlohmann-json3-dev catch2
  libbenchmark-dev libcrypt-dev libcli11-dev libexpected-dev libsimdjson-dev
  libjwt-dev
  zlib1g-dev libexpat1-dev  # hostile-target tests: a gzip bomb to send, a strict XML parser for JUnit
  clang-14 libclang-rt-14-dev  # tools/fuzz: clang with the libFuzzer and sanitizer runtimes
  gnuplot-nox  # authprobe bench report: the SVG charts
  # conformance/thirdparty: the third-party apps the suite is judged on, run by /usr/bin/python3
  python3-fastapi python3-uvicorn python3-jwt python3-passlib python3-bcrypt python3-multipart
  python3-flask python3-flask-httpauth
)

authprobe_install_dependencies() {
  local missing=() pkg
  for pkg in "${AUTHPROBE_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "authprobe: installing ${missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "authprobe: missing Debian packages. Install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
}

authprobe_build() {
  local werror=OFF
  [ -n "${CI:-}" ] && werror=ON
  cmake -S "$AUTHPROBE_ROOT" -B "$AUTHPROBE_BUILD" -DCMAKE_BUILD_TYPE=Release \
    -DAUTHPROBE_WERROR="$werror" >/dev/null &&
    cmake --build "$AUTHPROBE_BUILD" -j "$(nproc)"
}
