// The Catch2 main of every test binary. SIGPIPE is ignored as in the authprobe CLI: a test
// server that closes a connection while the client still writes must fail that request, not
// kill the test binary (cpp-httplib 0.11 writes without MSG_NOSIGNAL).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <csignal>

int main(int argc, char* argv[]) {
  std::signal(SIGPIPE, SIG_IGN);
  return Catch::Session().run(argc, argv);
}
