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
  zlib1g-dev libexpat1-dev  # long requests compressed in reports, hostile-target gzip bomb; a strict XML parser for JUnit
  clang-14 libclang-rt-14-dev  # tools/fuzz: clang with the libFuzzer and sanitizer runtimes
  gnuplot-nox  # authprobe bench report: the SVG charts
  dpkg-dev  # cpack -G DEB: dpkg-shlibdeps fills the package's Depends (install.deb_package)
  # conformance/thirdparty: the third-party apps the suite is judged on, run by /usr/bin/python3
  python3-fastapi python3-uvicorn python3-jwt python3-passlib python3-bcrypt python3-multipart
  python3-flask python3-flask-httpauth
  # tools/browser: the HTML report judged in headless Chromium, driven through chromedriver
  chromium chromium-driver python3-selenium
  # tools/node: node runs the npm packages of tools/node/package.json (the OpenAPI validator)
  nodejs
)

authprobe_install_dependencies() {
  authprobe_install_debian_packages && authprobe_install_node_packages
}

# npm packages into tools/node/node_modules, exactly as tools/node/package-lock.json pins them
# (never global). npm comes with Debian's npm package, or with a nodejs that bundles it.
authprobe_install_node_packages() {
  local dir="$AUTHPROBE_ROOT/tools/node"
  [ -d "$dir/node_modules/@apidevtools/swagger-parser" ] && return 0
  if ! command -v npm >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >&2 || return 1
    else
      echo "authprobe: npm is missing. Install it with:" >&2
      echo "  sudo apt-get install -y npm" >&2
      return 1
    fi
  fi
  echo "authprobe: installing the npm packages of tools/node" >&2
  npm ci --prefix "$dir" --no-audit --no-fund >&2
}

# Packages whose version a test's expectations rest on: an older installed version counts as
# missing, so that apt-get brings the security update. python3-jwt: 2.6.0-1+deb12u1 added the
# `crit` header check (a Debian security update) that conformance/thirdparty's FastAPI app relies on
# for JWT-18.
AUTHPROBE_MIN_VERSIONS=(
  python3-jwt=2.6.0-1+deb12u1
)

authprobe_install_debian_packages() {
  local missing=() pkg entry installed
  for pkg in "${AUTHPROBE_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  for entry in "${AUTHPROBE_MIN_VERSIONS[@]}"; do
    pkg=${entry%%=*}
    installed=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null) || continue
    [ -n "$installed" ] && dpkg --compare-versions "$installed" lt "${entry#*=}" && missing+=("$pkg")
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
