// `authprobe serve` as a process: SIGTERM/SIGINT stop accepting at once, a request in flight is
// finished and answered, the exit status is 0 and nothing is left in its TMPDIR (no copy of the
// password hashes outlives it); and after a full conformance run against it, its log (stderr)
// holds neither a fixture password nor the signing key. Its stdout is the listening line and the
// self-description (the demo fixture's published passwords included), printed once at startup
// and never written to again.
#include <algorithm>
#include <array>
#include <chrono>
#include <csignal>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <sodium.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reference/server/reference_server.hpp"
#include "reference/server/testing/fixture_users.hpp"
#include "reference/server/testing/loopback_socket.hpp"
#include "reference/server/testing/test_server.hpp"
#include "reference/server/tokens/random_token.hpp"

extern char** environ;

namespace {

using namespace authprobe::server::testing;
using Clock = std::chrono::steady_clock;

constexpr auto poll_step = std::chrono::milliseconds(20);
constexpr auto start_wait = std::chrono::seconds(20);
constexpr auto exit_wait = authprobe::server::shutdown_bound + std::chrono::seconds(10);
constexpr std::string_view listening = "listening on http://127.0.0.1:";
// A fixed HS256 secret, so the test knows what must never be printed.
constexpr std::string_view signing_secret = "hygiene-test-signing-secret-0123456789abcdef";

struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("authprobe-serve-test-" + authprobe::server::random_base64url(authprobe::server::unique_name_bytes));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A child process with stdout in `out` and stderr in `log` (the same file when `log` is empty).
// Its environment is this one without AUTHPROBE_* (so it finds its data as a user's would) and
// without TMPDIR when `tmpdir` is given.
class Child {
 public:
  Child(const std::vector<std::string>& args, const std::filesystem::path& out, const std::filesystem::path& log = {},
        const std::optional<std::filesystem::path>& tmpdir = std::nullopt) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<std::string> env_strings{"AUTHPROBE_SIGNING_KEY=" + std::string(signing_secret)};
    if (tmpdir) env_strings.push_back("TMPDIR=" + tmpdir->string());
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string_view entry(*e);
      if (entry.rfind("AUTHPROBE_", 0) == 0 || (tmpdir && entry.rfind("TMPDIR=", 0) == 0)) continue;
      env_strings.emplace_back(entry);
    }
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (log.empty()) {
      posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    } else {
      posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    }
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Child() {
    if (pid_ > 0 && !exit_status_) {
      ::kill(pid_, SIGKILL);
      (void)::waitpid(pid_, nullptr, 0);
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  [[nodiscard]] bool started() const { return pid_ > 0; }
  void signal(int sig) const { ::kill(pid_, sig); }
  // The exit status once the child has exited within `wait`; nullopt otherwise (or if signalled).
  std::optional<int> wait_exit(std::chrono::seconds wait) {
    const auto deadline = Clock::now() + wait;
    while (!exit_status_ && Clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        break;
      }
      std::this_thread::sleep_for(poll_step);
    }
    return exit_status_;
  }

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_status_;
};

// The port `authprobe serve --port 0` printed, once it has.
std::optional<std::uint16_t> port_from_log(const std::filesystem::path& log) {
  const auto deadline = Clock::now() + start_wait;
  while (Clock::now() < deadline) {
    const std::string text = read_file(log);
    if (const auto at = text.find(listening); at != std::string::npos) {
      const auto end = text.find('\n', at);
      if (end != std::string::npos)
        return static_cast<std::uint16_t>(std::stoul(text.substr(at + listening.size(), end - at - listening.size())));
    }
    std::this_thread::sleep_for(poll_step);
  }
  return std::nullopt;
}

// The self-description `serve` prints after the listening line, once all of it is there.
constexpr std::string_view description_end = "/admin\n";
std::string printed_description(const std::filesystem::path& out) {
  const auto deadline = Clock::now() + start_wait;
  std::string text = read_file(out);
  while (text.find(description_end) == std::string::npos && Clock::now() < deadline) {
    std::this_thread::sleep_for(poll_step);
    text = read_file(out);
  }
  return text;
}

// GET `path` on loopback: the whole raw answer (Connection: close, so the server ends it).
std::string http_get(std::uint16_t port, std::string_view path) {
  LoopbackSocket socket(port);
  std::string request = "GET ";
  request += path;
  request += " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  if (!socket.send(request)) return {};
  std::string reply;
  constexpr int max_reads = 64;
  for (int i = 0; i < max_reads; ++i) {
    const std::string more = socket.receive(std::chrono::seconds(10));
    if (more.empty()) break;
    reply += more;
  }
  return reply;
}

bool accepts_connections(std::uint16_t port) { return LoopbackSocket(port).connected(); }

std::vector<std::string> serve_args() { return {AUTHPROBE_BINARY, "serve", "--port", "0"}; }

void stops_gracefully(int sig) {
  TempDir dir;
  TempDir tmpdir;  // serve's own TMPDIR: must be empty again once it has exited
  const auto log = dir.path / "serve.log";
  Child serve(serve_args(), log, {}, tmpdir.path);
  REQUIRE(serve.started());
  const auto port = port_from_log(log);
  REQUIRE(port.has_value());

  // A login whose body is still on its way when the signal arrives. "Expect: 100-continue"
  // (RFC 9110 §10.1.1) makes the server say when it has read the head and waits for the body,
  // so the request is provably in flight before the signal, without guessing with a sleep.
  const std::string body = password_form("alice", password_of::alice);
  const std::string head = "POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                           "Authorization: " + client_basic("cli", secret_of::cli) +
                           "\r\nExpect: 100-continue\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  LoopbackSocket in_flight(*port);
  REQUIRE(in_flight.send(head));
  const std::string interim = in_flight.receive(std::chrono::seconds(10));
  REQUIRE(interim.rfind("HTTP/1.1 100", 0) == 0);
  REQUIRE(in_flight.send(body.substr(0, body.size() / 2)));
  serve.signal(sig);

  bool refused = false;  // stop accepting: new connections are refused once the listener is closed
  // Bounded by the documented shutdown bound (a hang guard, not a speed requirement).
  for (const auto deadline = Clock::now() + authprobe::server::shutdown_bound; !refused && Clock::now() < deadline;) {
    refused = !accepts_connections(*port);
    if (!refused) std::this_thread::sleep_for(poll_step);
  }
  CHECK(refused);
  REQUIRE(in_flight.send(body.substr(body.size() / 2)));
  std::string reply;  // the head and the body may come in separate reads
  constexpr int max_reads = 16;
  for (int i = 0; i < max_reads && reply.find("access_token") == std::string::npos; ++i) {
    const std::string more = in_flight.receive(std::chrono::seconds(10));
    if (more.empty()) break;
    reply += more;
  }
  CHECK(reply.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(reply.find("access_token") != std::string::npos);

  const auto status = serve.wait_exit(std::chrono::duration_cast<std::chrono::seconds>(exit_wait));
  REQUIRE(status.has_value());
  CHECK(*status == 0);
  CHECK_THAT(read_file(log), Catch::Contains("stopped"));
  // The fixture users' upgraded hashes stay in memory: no copy of them is left behind.
  CHECK(std::filesystem::is_empty(tmpdir.path));
}

std::string base64_of(std::string_view bytes, int variant) {
  std::string out(bytes.size() / 3 * 4 + 8, '\0');  // room for either variant and the NUL
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), variant);
  out.resize(out.find('\0'));
  return out;
}

}  // namespace

TEST_CASE("serve on SIGTERM stops accepting, answers the request in flight, exits 0 and leaves no file", "[http]") {
  stops_gracefully(SIGTERM);
}

TEST_CASE("serve on SIGINT stops the same way", "[http]") { stops_gracefully(SIGINT); }

TEST_CASE("After a full conformance run against serve, its log holds no password and no key", "[http]") {
  TempDir dir;
  const auto out = dir.path / "serve.out";
  const auto log = dir.path / "serve.log";
  Child serve(serve_args(), out, log);
  REQUIRE(serve.started());
  const auto port = port_from_log(out);
  REQUIRE(port.has_value());
  const std::string startup = printed_description(out);
  // The startup text is the self-description: the demo fixture's published passwords, on stdout.
  CHECK_THAT(startup, Catch::Contains(std::string(password_of::alice)));

  const auto report = dir.path / "report.json";
  Child check({AUTHPROBE_BINARY, "check", "--target", "http://127.0.0.1:" + std::to_string(*port), "--profile",
               std::string(AUTHPROBE_SOURCE_DIR) + "/fixtures/profiles/reference.json", "--format", "json", "--output",
               report.string()},
              dir.path / "check.log");
  REQUIRE(check.started());
  const auto check_status = check.wait_exit(std::chrono::seconds(240));
  REQUIRE(check_status.has_value());
  INFO(read_file(dir.path / "check.log"));
  CHECK(*check_status == 0);

  serve.signal(SIGTERM);
  REQUIRE(serve.wait_exit(std::chrono::duration_cast<std::chrono::seconds>(exit_wait)).has_value());
  // stdout was written once, at startup: nothing a request carried reached it.
  CHECK(read_file(out) == startup);
  const std::string text = read_file(log);
  INFO(text);
  CHECK(text.find("stopped") != std::string::npos);  // the log is the right one
  for (const std::string_view password : {password_of::alice, password_of::bob, password_of::carol, password_of::dave,
                                          password_of::erin, secret_of::cli, secret_of::cli_reserved, secret_of::svc})
    CHECK(text.find(password) == std::string::npos);
  CHECK(text.find(signing_secret) == std::string::npos);
  CHECK(text.find(base64_of(signing_secret, sodium_base64_VARIANT_ORIGINAL)) == std::string::npos);
  CHECK(text.find(base64_of(signing_secret, sodium_base64_VARIANT_URLSAFE_NO_PADDING)) == std::string::npos);
}

TEST_CASE("serve prints its description after the listening line, the same text as GET /", "[http]") {
  TempDir dir;
  const auto out = dir.path / "serve.out";
  Child serve(serve_args(), out, dir.path / "serve.log");
  REQUIRE(serve.started());
  const auto port = port_from_log(out);
  REQUIRE(port.has_value());
  const std::string printed = printed_description(out);
  INFO(printed);
  for (const std::string_view part : {"Users", "Clients", "Routes", "/api/users/{username}", "TOKEN=$(curl", "alice"})
    CHECK_THAT(printed, Catch::Contains(std::string(part)));
  const std::string reply = http_get(*port, "/");
  REQUIRE(reply.rfind("HTTP/1.1 200", 0) == 0);
  const std::string body = reply.substr(reply.find("\r\n\r\n") + 4);
  CHECK(printed.find(body) != std::string::npos);
  serve.signal(SIGTERM);
  CHECK(serve.wait_exit(std::chrono::duration_cast<std::chrono::seconds>(exit_wait)) == 0);
}

TEST_CASE("serve --quiet prints the listening line only", "[http]") {
  TempDir dir;
  const auto out = dir.path / "serve.out";
  auto args = serve_args();
  args.emplace_back("--quiet");
  Child serve(args, out, dir.path / "serve.log");
  REQUIRE(serve.started());
  REQUIRE(port_from_log(out).has_value());
  serve.signal(SIGTERM);
  CHECK(serve.wait_exit(std::chrono::duration_cast<std::chrono::seconds>(exit_wait)) == 0);
  const std::string printed = read_file(out);
  CHECK(printed.find(listening) != std::string::npos);
  CHECK(printed.find("Routes") == std::string::npos);
  CHECK(std::count(printed.begin(), printed.end(), '\n') == 1);
}

TEST_CASE("serve never prints passwords for a users file the operator supplied", "[http]") {
  TempDir dir;
  const auto users = dir.path / "users.json";  // the fixture's content, but the operator's file
  std::filesystem::copy_file(std::filesystem::path(AUTHPROBE_SOURCE_DIR) / "fixtures" / "reference" / "users.json", users);
  const auto out = dir.path / "serve.out";
  auto args = serve_args();
  args.insert(args.end(), {"--users", users.string()});
  Child serve(args, out, dir.path / "serve.log");
  REQUIRE(serve.started());
  REQUIRE(port_from_log(out).has_value());
  const std::string printed = printed_description(out);
  serve.signal(SIGTERM);
  CHECK(serve.wait_exit(std::chrono::duration_cast<std::chrono::seconds>(exit_wait)) == 0);
  INFO(printed);
  CHECK_THAT(printed, Catch::Contains("supplied by the operator"));
  for (const std::string_view password : {password_of::alice, password_of::bob, password_of::carol, password_of::dave,
                                          password_of::erin, secret_of::cli, secret_of::cli_reserved, secret_of::svc})
    CHECK(printed.find(password) == std::string::npos);
}

TEST_CASE("serve --compat fastapi serves the tutorials' users, paths and timing header by default", "[http]") {
  TempDir dir;
  const auto out = dir.path / "serve.out";
  auto args = serve_args();
  args.insert(args.end(), {"--compat", "fastapi"});
  Child serve(args, out, dir.path / "serve.log");
  REQUIRE(serve.started());
  const auto port = port_from_log(out);
  REQUIRE(port.has_value());
  const std::string printed = printed_description(out);
  INFO(printed);
  CHECK_THAT(printed, Catch::Contains("fastapi mode"));
  CHECK_THAT(printed, Catch::Contains("johndoe"));
  CHECK_THAT(printed, Catch::Contains(std::string(tutorial_password_of::alice)));  // the demo fixture's, published
  httplib::Client client("127.0.0.1", *port);
  client.set_read_timeout(std::chrono::seconds(20));
  const auto login = client.Post("/token", "username=johndoe&password=secret", "application/x-www-form-urlencoded");
  REQUIRE(login);
  CHECK(login->status == 200);
  const auto moved = client.Get("/users/me");
  REQUIRE(moved);
  CHECK(moved->status == 307);
  CHECK(moved->has_header("X-Process-Time"));
  serve.signal(SIGTERM);
  CHECK(serve.wait_exit(std::chrono::duration_cast<std::chrono::seconds>(exit_wait)) == 0);
}

TEST_CASE("serve --compat-fastapi, the old spelling, still works and says it is deprecated", "[http]") {
  TempDir dir;
  const auto out = dir.path / "serve.out";
  const auto log = dir.path / "serve.log";
  auto args = serve_args();
  args.emplace_back("--compat-fastapi");
  Child serve(args, out, log);
  REQUIRE(serve.started());
  REQUIRE(port_from_log(out).has_value());
  CHECK_THAT(printed_description(out), Catch::Contains("fastapi mode"));
  serve.signal(SIGTERM);
  CHECK(serve.wait_exit(std::chrono::duration_cast<std::chrono::seconds>(exit_wait)) == 0);
  CHECK_THAT(read_file(log), Catch::Contains("--compat-fastapi is deprecated") && Catch::Contains("--compat fastapi"));
}
