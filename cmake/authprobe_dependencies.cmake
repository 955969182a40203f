# Every dependency is a Debian 12 package (AUTHPROBE_PACKAGES in tools/lib/common.sh; tools/run
# and tools/test install them), found as an imported target.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(tl-expected REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Catch2 2 REQUIRED)
find_package(benchmark REQUIRED)
find_package(simdjson REQUIRED)
# zlib: reports carry long requests compressed (conformance/wire_deflate.hpp); cpp-httplib links it
# already. Found here, globally, because every executable that links the suite links it.
find_package(ZLIB REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(XCRYPT REQUIRED IMPORTED_TARGET libxcrypt)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
# libjwt is optional: the JWT benchmark compares against it when present.
pkg_check_modules(LIBJWT IMPORTED_TARGET libjwt)
