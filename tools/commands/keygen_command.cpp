// authprobe keygen: a fresh signing key in a file only its owner can read (mode 0600),
// written atomically (temp file, fsync, rename) and never over an existing file unless
// --force. HS* keys are 64 random bytes (raw, or base64url text); others a PEM private key.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "reference/config/atomic_file.hpp"
#include "reference/jose/base64url.hpp"
#include "reference/jose/key.hpp"
#include "tools/commands/command.hpp"

namespace authprobe::tools {
namespace {

using namespace authprobe::jose;

struct KeygenOptions {
  std::string alg;
  std::string out;
  std::string format = "raw";
  bool force = false;
};

Result<std::string> hmac_file_content(const std::string& format) {
  // The server's config strips one final newline from a secret file; a raw secret ending
  // in '\n' would lose a byte there, so draw again (1 in 256).
  constexpr int max_draws = 64;
  for (int draw = 0; draw < max_draws; ++draw) {
    auto secret = generate_hmac_secret();
    if (!secret) return secret;
    if (format == "base64url") return base64url::encode(*secret) + "\n";
    if (secret->back() != '\n') return secret;
  }
  return fail(JoseErrc::bad_key, "no usable random secret");
}

int run_keygen(const KeygenOptions& options) {
  const auto alg = algorithm_from_name(options.alg);
  if (!alg) {
    std::cerr << "authprobe keygen: unknown --alg " << options.alg << '\n';
    return exit_code::usage;
  }
  std::error_code ignored;
  if (!options.force && std::filesystem::exists(options.out, ignored)) {
    std::cerr << "authprobe keygen: " << options.out << " exists; refusing to overwrite it (use --force)\n";
    return exit_code::failed;
  }
  Result<std::string> content = fail(JoseErrc::bad_key);
  if (is_hmac(*alg)) {
    content = hmac_file_content(options.format);
  } else {
    auto key = Key::generate(*alg);
    if (key) content = key->private_pem();
    else content = tl::unexpected(key.error());
  }
  if (!content || content->empty()) {
    std::cerr << "authprobe keygen: key generation failed\n";
    return exit_code::failed;
  }
  auto written = config::write_file_atomically(options.out, *content, config::owner_only_file_mode);
  if (!written) {
    std::cerr << "authprobe keygen: " << written.error().message() << '\n';
    return exit_code::failed;
  }
  std::cerr << "authprobe keygen: wrote a " << options.alg << " key to " << options.out << " (mode 0600)\n";
  return exit_code::ok;
}

}  // namespace

Command add_keygen_command(CLI::App& parent) {
  auto options = std::make_shared<KeygenOptions>();
  Command command;
  command.app = parent.add_subcommand("keygen", "Generate a signing key file (mode 0600, atomic write)");
  command.app->add_option("--alg", options->alg, "HS256, HS384, HS512, RS256, PS256, ES256 or EdDSA")
      ->required()
      ->check(CLI::IsMember({"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
                             "EdDSA"}));
  command.app->add_option("--out", options->out, "The key file to write")->required();
  command.app->add_option("--format", options->format, "HS* keys: raw bytes or base64url text")
      ->check(CLI::IsMember({"raw", "base64url"}));
  command.app->add_flag("--force", options->force, "Replace an existing file");
  command.run = [options] { return run_keygen(*options); };
  return command;
}

}  // namespace authprobe::tools
