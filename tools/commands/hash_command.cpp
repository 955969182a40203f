// `authprobe hash`: makes a password hash for the users file, or checks one (--verify).
// The password comes from stdin or a prompt, never from argv: argv is visible to every user
// of the machine (ps, /proc/<pid>/cmdline) and lands in shell history.
#include <termios.h>
#include <unistd.h>

#include <cstdint>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reference/password/password_hash.hpp"
#include "tools/commands/command.hpp"

namespace authprobe::tools {
namespace {

namespace pw = authprobe::password;

struct HashOptions {
  std::string algorithm = std::string(pw::algorithm_name(pw::Algorithm::argon2id));
  std::uint32_t cost = 0;
  std::uint32_t memory_kib = 0;
  std::string verify_hash;
  CLI::Option* cost_option = nullptr;
  CLI::Option* memory_option = nullptr;
  CLI::Option* verify_option = nullptr;
};

// Echo stays off only while this guard lives, and is restored on every path.
class EchoOff {
 public:
  EchoOff() : active_(tcgetattr(STDIN_FILENO, &saved_) == 0) {
    if (!active_) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

std::optional<std::string> prompt(const char* label) {
  std::cerr << label << std::flush;
  std::string line;
  {
    const EchoOff quiet;
    if (!std::getline(std::cin, line)) return std::nullopt;
  }
  std::cerr << '\n';
  return line;
}

// From a terminal: asked twice (once when only checking). Otherwise: all of stdin, minus one
// trailing newline, so that `echo pw | authprobe hash` and `printf pw | ...` agree.
std::optional<std::string> read_password(bool confirm) {
  if (isatty(STDIN_FILENO) == 1) {
    auto first = prompt("Password: ");
    if (!first || !confirm) return first;
    auto second = prompt("Again: ");
    if (!second || *second != *first) {
      std::cerr << "authprobe hash: the two passwords differ\n";
      return std::nullopt;
    }
    return first;
  }
  std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

// The policy from the flags; --cost is the algorithm's own work factor.
pw::HashPolicy policy_from(const HashOptions& options) {
  pw::HashPolicy policy;
  policy.algorithm = pw::parse_algorithm_name(options.algorithm).value_or(pw::Algorithm::argon2id);
  if (options.memory_option->count() > 0) policy.argon2_memory_kib = options.memory_kib;
  if (options.cost_option->count() > 0) {
    switch (policy.algorithm) {
      case pw::Algorithm::argon2id: policy.argon2_iterations = options.cost; break;
      case pw::Algorithm::bcrypt: policy.bcrypt_cost = options.cost; break;
      case pw::Algorithm::scrypt: policy.scrypt_log2_n = options.cost; break;
      case pw::Algorithm::pbkdf2_sha256: policy.pbkdf2_iterations = options.cost; break;
    }
  }
  return policy;
}

int verify(const HashOptions& options, const pw::HashPolicy& policy) {
  const auto password = read_password(false);
  if (!password) return exit_code::usage;
  const auto result = pw::verify_password(*password, options.verify_hash, policy);
  if (!result) {
    std::cerr << "authprobe hash: " << result.error().message() << '\n';
    const auto refused = result.error().code == pw::PasswordErrc::too_long_for_bcrypt ||
                         result.error().code == pw::PasswordErrc::nul_byte_for_bcrypt ||
                         result.error().code == pw::PasswordErrc::password_too_long;
    return refused ? exit_code::failed : exit_code::usage;
  }
  if (!*result) {
    std::cerr << "mismatch\n";
    return exit_code::failed;
  }
  std::cerr << "match\n";
  if (pw::needs_rehash(options.verify_hash, policy))
    std::cerr << "note: this hash is weaker than the " << options.algorithm << " policy; rehash it\n";
  return exit_code::ok;
}

int make_hash(const pw::HashPolicy& policy) {
  if (auto valid = pw::validate_policy(policy); !valid) {
    std::cerr << "authprobe hash: " << valid.error().message() << '\n';
    return exit_code::usage;
  }
  const auto password = read_password(true);
  if (!password) return exit_code::usage;
  const auto hash = pw::hash_password(*password, policy);
  if (!hash) {
    std::cerr << "authprobe hash: " << hash.error().message() << '\n';
    return exit_code::failed;
  }
  std::cout << *hash << '\n';
  return exit_code::ok;
}

}  // namespace

Command add_hash_command(CLI::App& parent) {
  auto options = std::make_shared<HashOptions>();
  Command command;
  command.app = parent.add_subcommand(
      "hash", "Hash a password read from stdin (or a prompt) for the users file, or check one with --verify");
  std::vector<std::string> names;
  for (auto algorithm : {pw::Algorithm::argon2id, pw::Algorithm::bcrypt, pw::Algorithm::scrypt,
                         pw::Algorithm::pbkdf2_sha256})
    names.emplace_back(pw::algorithm_name(algorithm));
  command.app->add_option("--algorithm", options->algorithm, "Scheme for the new hash")
      ->check(CLI::IsMember(names))
      ->capture_default_str();
  options->cost_option = command.app->add_option(
      "--cost", options->cost,
      "Work factor: argon2id passes (t), bcrypt cost, scrypt log2 N, pbkdf2-sha256 iterations "
      "(defaults 2, 12, 17, 600000; OWASP floors enforced)");
  options->memory_option =
      command.app->add_option("--memory-kib", options->memory_kib, "argon2id memory in KiB (m, minimum 19456)");
  options->verify_option = command.app->add_option(
      "--verify", options->verify_hash,
      "Check the password from stdin against HASH: exit 0 on a match, 1 on a mismatch");
  command.app->footer("The password is never taken from the command line.");
  command.run = [options] {
    const auto policy = policy_from(*options);
    return options->verify_option->count() > 0 ? verify(*options, policy) : make_hash(policy);
  };
  return command;
}

}  // namespace authprobe::tools
