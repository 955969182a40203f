// The Catch2 main of every test binary. SIGPIPE is ignored as in the authprobe CLI: a test
// server that closes a connection while the client still writes must fail that request, not
// kill the test binary (cpp-httplib 0.11 writes without MSG_NOSIGNAL).
// AUTHPROBE_DATA_DIR defaults to the build tree's staged data directory, so a test binary that
// starts the in-process reference server works wherever the build tree puts it (the installed
// authprobe finds its data beside itself instead: tools/data_dir.hpp).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>

int main(int argc, char* argv[]) {
  std::signal(SIGPIPE, SIG_IGN);
  ::setenv("AUTHPROBE_DATA_DIR", AUTHPROBE_BUILD_DATA_DIR, /*overwrite=*/0);
  return Catch::Session().run(argc, argv);
}
