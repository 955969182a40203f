// authprobe users add|disable|enable|passwd|list: edits a users file. The edits themselves are
// in reference/config/users_edit.* (unit-tested there); this file reads the password and the
// arguments, and every write goes through save_users (temp file, fsync, rename).
// Passwords come from stdin or a prompt with echo off, never from argv (visible in ps).
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <termios.h>
#include <unistd.h>

#include "reference/config/server_config.hpp"
#include "reference/config/users_edit.hpp"
#include "tools/commands/command.hpp"

namespace authprobe::tools {
namespace {

struct UsersOptions {
  std::string users_file;
  std::string config_file;  // only for its password_policy
  std::string name;
  std::vector<std::string> roles;
  std::vector<std::string> scopes;
};

// Turns terminal echo off for its lifetime.
class EchoOff {
 public:
  EchoOff() {
    if (::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;
  ~EchoOff() {
    if (active_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }

 private:
  termios saved_{};
  bool active_ = false;
};

std::optional<std::string> read_line(std::istream& in) {
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::optional<std::string> prompt_hidden(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  EchoOff echo_off;
  auto line = read_line(std::cin);
  std::cerr << '\n';
  return line;
}

// From a terminal: asked twice, echo off. Otherwise: the first line of stdin.
std::optional<std::string> read_new_password(const std::string& username) {
  if (::isatty(STDIN_FILENO) == 0) return read_line(std::cin);
  auto first = prompt_hidden("New password for " + username + ": ");
  if (!first) return std::nullopt;
  auto second = prompt_hidden("Repeat the password: ");
  if (!second || *second != *first) {
    std::cerr << "authprobe users: the passwords differ\n";
    return std::nullopt;
  }
  return first;
}

std::optional<password::HashPolicy> hash_policy(const UsersOptions& options) {
  if (options.config_file.empty()) return password::HashPolicy{};
  auto config = config::load_server_config(std::filesystem::path(options.config_file));
  if (!config) {
    std::cerr << "authprobe users: " << config.error().message() << '\n';
    return std::nullopt;
  }
  return config->hash_policy;
}

// `users add` may create the file; every other subcommand needs it to exist.
std::optional<config::UsersFile> load(const UsersOptions& options, bool may_create) {
  const std::filesystem::path path(options.users_file);
  if (may_create && !std::filesystem::exists(path)) return config::UsersFile{};
  auto file = config::load_users(path);
  if (!file) {
    std::cerr << "authprobe users: " << file.error().message() << '\n';
    return std::nullopt;
  }
  return std::move(*file);
}

int report(const Result<void>& outcome, const std::string& done) {
  if (!outcome) {
    std::cerr << "authprobe users: " << outcome.error().message() << '\n';
    return exit_code::failed;
  }
  std::cerr << "authprobe users: " << done << '\n';
  return exit_code::ok;
}

// Load, edit, save: the file is written only when the edit succeeded.
template <typename Edit>
int edit_and_save(const UsersOptions& options, bool may_create, Edit edit, const std::string& done) {
  auto file = load(options, may_create);
  if (!file) return exit_code::usage;
  if (auto edited = edit(*file); !edited) return report(edited, done);
  return report(config::save_users(*file, options.users_file), done);
}

int run_with_password(const UsersOptions& options, bool may_create,
                      const std::function<Result<void>(config::UsersFile&, const std::string&,
                                                       const password::HashPolicy&)>& edit,
                      const std::string& done) {
  const auto policy = hash_policy(options);
  if (!policy) return exit_code::usage;
  const auto password = read_new_password(options.name);
  if (!password) {
    std::cerr << "authprobe users: no password read from stdin\n";
    return exit_code::usage;
  }
  return edit_and_save(options, may_create, [&](config::UsersFile& file) { return edit(file, *password, *policy); },
                       done);
}

CLI::App* add_file_option(CLI::App* app, UsersOptions& options) {
  app->add_option("--users", options.users_file, "The users file (JSON) to edit")->required();
  return app;
}

}  // namespace

Command add_users_command(CLI::App& parent) {
  auto options = std::make_shared<UsersOptions>();
  Command command;
  command.app = parent.add_subcommand("users", "Edit a users file; every write is atomic (temp file, fsync, rename)");
  command.app->require_subcommand(1);

  auto* add = add_file_option(
      command.app->add_subcommand("add", "Add a user; the password is read from stdin or a prompt, never argv"),
      *options);
  add->add_option("name", options->name, "User name")->required();
  // One value per occurrence, so `--role user erin` does not swallow the name as a role.
  add->add_option("--role", options->roles, "A role (repeat for more)")->allow_extra_args(false);
  add->add_option("--scope", options->scopes, "A scope the user may be granted (repeat for more)")
      ->allow_extra_args(false);
  add->add_option("--config", options->config_file, "Server config whose password_policy to hash with");

  auto* disable = add_file_option(command.app->add_subcommand("disable", "Disable a user"), *options);
  disable->add_option("name", options->name, "User name")->required();
  auto* enable = add_file_option(command.app->add_subcommand("enable", "Enable a disabled user"), *options);
  enable->add_option("name", options->name, "User name")->required();
  auto* passwd = add_file_option(
      command.app->add_subcommand("passwd", "Set a user's password, read from stdin or a prompt"), *options);
  passwd->add_option("name", options->name, "User name")->required();
  passwd->add_option("--config", options->config_file, "Server config whose password_policy to hash with");
  auto* list = add_file_option(command.app->add_subcommand("list", "List users (never their hashes)"), *options);

  command.run = [options, add, disable, enable, passwd, list]() -> int {
    const UsersOptions& o = *options;
    if (add->parsed())
      return run_with_password(
          o, true,
          [&](config::UsersFile& file, const std::string& password, const password::HashPolicy& policy) {
            return config::add_user(file, config::NewUser{o.name, o.roles, o.scopes}, password, policy);
          },
          "added " + o.name + " to " + o.users_file);
    if (passwd->parsed())
      return run_with_password(
          o, false,
          [&](config::UsersFile& file, const std::string& password, const password::HashPolicy& policy) {
            return config::set_password(file, o.name, password, policy);
          },
          "changed the password of " + o.name + " in " + o.users_file);
    if (disable->parsed() || enable->parsed()) {
      const bool disabled = disable->parsed();
      return edit_and_save(o, false, [&](config::UsersFile& file) { return config::set_disabled(file, o.name, disabled); },
                           (disabled ? "disabled " : "enabled ") + o.name + " in " + o.users_file);
    }
    if (list->parsed()) {
      auto file = load(o, false);
      if (!file) return exit_code::usage;
      std::cout << config::format_user_list(*file);
      return exit_code::ok;
    }
    return exit_code::usage;
  };
  return command;
}

}  // namespace authprobe::tools
