// authprobe serve: the reference server in the foreground until SIGINT/SIGTERM.
// Settings: defaults < config file < environment < these flags (reference/config/server_config.hpp).
// Shutdown: on SIGINT/SIGTERM the listening socket is closed at once, requests in flight are
// finished and answered, and the process exits 0 within server::shutdown_bound (connections
// still trickling a request after that are cut off by the exit).
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <pthread.h>

#include "reference/config/server_config.hpp"
#include "reference/config/users.hpp"
#include "reference/server/reference_server.hpp"
#include "tools/commands/command.hpp"
#include "tools/commands/compat_option.hpp"
#include "tools/commands/embedded_reference.hpp"
#include "tools/data_dir.hpp"

namespace authprobe::tools {
namespace {

namespace fs = std::filesystem;

struct ServeFlags {
  std::optional<std::string> config_file;
  std::optional<std::string> host;
  std::optional<int> port;
  std::optional<std::string> users_file;
  std::optional<std::string> compat;
  std::optional<std::string> tls_cert;
  std::optional<std::string> tls_key;
  std::vector<std::string> cors_origins;
  bool no_rehash = false;
  bool no_login_throttle = false;
  bool quiet = false;
};

constexpr int max_port = 65535;

int config_error(const std::string& message) {
  std::cerr << "authprobe serve: " << message << '\n';
  return exit_code::usage;
}

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec) && !ec;
}

// The flags over the loaded settings. Without --users, a config naming the shipped fixture users
// serves the fixture of its mode: `serve --compat fastapi` has the tutorials' users
// (fixtures/README.md).
Result<config::ServerConfig> apply_flags(config::ServerConfig config, const ServeFlags& flags,
                                         const std::optional<fs::path>& fixtures) {
  if (flags.host) config.host = *flags.host;
  if (flags.port) config.port = static_cast<std::uint16_t>(*flags.port);
  if (flags.compat) config.compat = compat_mode(flags.compat);
  if (flags.users_file) {
    config.users_file = *flags.users_file;
  } else if (fixtures && same_file(config.users_file, fixture_users_file(*fixtures, config::CompatMode::strict))) {
    config.users_file = fixture_users_file(*fixtures, config.compat);
  }
  if (flags.tls_cert || flags.tls_key) config.tls = config::TlsConfig{*flags.tls_cert, *flags.tls_key};
  if (!flags.cors_origins.empty()) config.cors_origins = flags.cors_origins;
  if (flags.no_rehash) config.rehash_on_login = false;
  if (flags.no_login_throttle) config.login_throttle.enabled = false;
  config.source += " + command-line flags";
  return config::validate(std::move(config));
}

// Rehash-on-login must never rewrite the shipped fixture users (read-only once installed, and
// the committed file in a checkout): their upgraded hashes stay in memory for this run. Nothing
// is copied to disk, so no copy of the password hashes can outlive the process.
bool is_fixture_users_file(const fs::path& users_file, const std::optional<fs::path>& fixtures, config::CompatMode mode) {
  return fixtures && same_file(users_file, fixture_users_file(*fixtures, mode));
}

// Blocks SIGINT/SIGTERM in this thread before any server thread exists, so every thread
// inherits the mask and sigwait below is the only receiver.
sigset_t block_stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

int serve(const ServeFlags& flags) {
  // The data directory is needed for the default config only; with --config it may be absent.
  std::optional<fs::path> fixtures;
  if (auto dir = reference_fixture_dir()) fixtures = *dir;
  else if (!flags.config_file) return config_error(dir.error());
  const fs::path config_file = flags.config_file ? fs::path(*flags.config_file) : *fixtures / "server.json";
  auto loaded = config::load_server_config(config_file);
  if (!loaded) return config_error(loaded.error().message());
  auto config = apply_flags(std::move(*loaded), flags, fixtures);
  if (!config) return config_error(config.error().message());
  auto users = config::load_users(config->users_file);
  if (!users) return config_error(users.error().message());
  auto key = config::load_signing_key(config->signing_key);
  if (!key) return config_error(key.error().message());
  if (config->tls) config::warn_if_key_file_shared(config->tls->key_file, "TLS key file", std::cerr);

  server::ServerOptions options;
  std::string note;
  if (is_fixture_users_file(config->users_file, fixtures, config->compat)) {
    // The published test passwords are shown for the demo fixture only, never for an operator's file.
    options.show_demo_credentials = true;
    options.write_back_to_config_users_file = false;
    note = "serving the fixture users; upgraded password hashes stay in memory";
  }
  const sigset_t stop_signals = block_stop_signals();
  auto server = server::ReferenceServer::create(*config, std::move(*users), std::move(*key), std::move(options));
  if (!server) return config_error(server.error().message());
  auto port = (*server)->start();
  if (!port) return config_error(port.error().message());
  if (!note.empty()) std::cerr << "authprobe: " << note << '\n';
  std::cout << "authprobe: listening on " << (*server)->base_url() << std::endl;
  // What the server is, for a class: on stdout, apart from the log (stderr), and the same text
  // as GET /.
  if (!flags.quiet) std::cout << '\n' << (*server)->description() << std::endl;

  int received = 0;
  sigwait(&stop_signals, &received);
  std::cerr << "authprobe: stopping (" << (received == SIGINT ? "SIGINT" : "SIGTERM")
            << "): no new connections, finishing requests in flight" << std::endl;
  if (!(*server)->stop_within(server::shutdown_bound)) {
    // The server object cannot be destroyed while its workers run; exiting ends them.
    std::cerr << "authprobe: connections still open after " << server::shutdown_bound.count()
              << " s are closed by exiting" << std::endl;
    std::fflush(nullptr);
    std::_Exit(exit_code::ok);
  }
  std::cerr << "authprobe: stopped" << std::endl;
  return exit_code::ok;
}

}  // namespace

Command add_serve_command(CLI::App& parent) {
  auto flags = std::make_shared<ServeFlags>();
  Command command;
  command.app = parent.add_subcommand("serve", "Run the reference server until SIGINT/SIGTERM");
  auto* app = command.app;
  app->add_option("--config", flags->config_file, "Config file (default: reference/server.json in the data directory, see `authprobe paths`)")
      ->check(CLI::ExistingFile);
  app->add_option("--host", flags->host, "Address to listen on (default 127.0.0.1)");
  app->add_option("--port", flags->port, "Port; 0 picks a free one and prints it")->check(CLI::Range(0, max_port));
  app->add_option("--users", flags->users_file, "Users file (JSON); default: the fixture users of the --compat mode");
  add_compat_option(*app, flags->compat, "serve");
  auto* cert = app->add_option("--tls-cert", flags->tls_cert, "PEM certificate: serve HTTPS")->check(CLI::ExistingFile);
  auto* tls_key = app->add_option("--tls-key", flags->tls_key, "PEM private key for --tls-cert")->check(CLI::ExistingFile);
  cert->needs(tls_key);
  tls_key->needs(cert);
  app->add_option("--cors-origin", flags->cors_origins, "Allowed CORS origin (exact, repeatable)");
  app->add_flag("--no-rehash", flags->no_rehash, "Do not upgrade weak password hashes on login");
  app->add_flag("--no-login-throttle", flags->no_login_throttle,
                "Do not throttle failed logins (for benchmarks; never on a real deployment)");
  app->add_flag("--quiet", flags->quiet,
                "Print only the listening line, not the users, clients, routes and curl lines (also at GET /)");
  command.run = [flags] { return serve(*flags); };
  return command;
}

}  // namespace authprobe::tools
