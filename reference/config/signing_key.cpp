// The token signing key: never hard-coded, refused when too short (RFC 7518 §3.2),
// and a loud warning when it is random, because every token then dies with the process.
#include <iostream>

#include <sys/stat.h>

#include "reference/config/json_document.hpp"
#include "reference/config/server_config.hpp"

namespace authprobe::config {
namespace {

tl::unexpected<Error> key_error(std::string_view source, std::string_view problem) {
  return fail(ConfigErrc::bad_key, std::string(source).append(": ").append(problem));
}

void warn_if_shared(const std::filesystem::path& path, std::ostream& warnings) {
  warn_if_key_file_shared(path, "signing key file", warnings);
}

Result<std::string> read_secret_file(const std::filesystem::path& path, std::ostream& warnings) {
  auto bytes = read_text_file(path);
  if (!bytes) return tl::unexpected(Error{make_error_code(ConfigErrc::bad_key), bytes.error().detail});
  warn_if_shared(path, warnings);
  // Editors add a final newline; the secret is the bytes before it. Only one LF is removed,
  // so a secret that really ends in whitespace keeps the rest.
  if (!bytes->empty() && bytes->back() == '\n') bytes->pop_back();
  return bytes;
}

Result<jose::Key> hmac_key(std::string_view secret, std::string_view source, const SigningKeyConfig& config) {
  if (secret.size() < jose::min_hmac_key_bytes)
    return key_error(source, std::to_string(secret.size()) + " bytes; " +
                                 std::string(jose::algorithm_name(config.algorithm)) + " needs at least " +
                                 std::to_string(jose::min_hmac_key_bytes));
  auto key = jose::Key::hmac(secret, config.algorithm, config.kid);
  if (!key) return key_error(source, key.error().message());
  return key;
}

}  // namespace

void warn_if_key_file_shared(const std::filesystem::path& path, std::string_view what, std::ostream& warnings) {
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && (info.st_mode & (S_IRGRP | S_IROTH)) != 0)
    warnings << "authprobe: warning: " << what << " " << path.string()
             << " is readable by group or others; restrict it with chmod 600\n";
}

Result<jose::Key> load_signing_key(const SigningKeyConfig& config, const EnvLookup& env, std::ostream& warnings) {
  const std::string_view alg_name = jose::algorithm_name(config.algorithm);
  if (!jose::is_hmac(config.algorithm)) {
    if (!config.key_file)
      return fail(ConfigErrc::bad_key, "signing_key.key_file: a PEM key file is required for " + std::string(alg_name));
    auto pem = read_text_file(*config.key_file);
    if (!pem) return tl::unexpected(Error{make_error_code(ConfigErrc::bad_key), pem.error().detail});
    warn_if_shared(*config.key_file, warnings);
    auto key = jose::Key::from_pem(*pem, config.algorithm, config.kid);
    if (!key) return key_error(config.key_file->string(), key.error().message());
    if (!key->can_sign()) return key_error(config.key_file->string(), "a public key cannot sign tokens");
    return key;
  }

  if (!config.key_env.empty()) {
    if (auto secret = env(config.key_env))
      return hmac_key(*secret, "environment variable " + config.key_env, config);
  }
  if (config.key_file) {
    auto secret = read_secret_file(*config.key_file, warnings);
    if (!secret) return tl::unexpected(secret.error());
    return hmac_key(*secret, config.key_file->string(), config);
  }

  auto key = jose::Key::generate(config.algorithm, config.kid);
  if (!key) return tl::unexpected(Error{make_error_code(ConfigErrc::bad_key), key.error().message()});
  warnings << "authprobe: warning: no signing key configured (signing_key.key_file"
           << (config.key_env.empty() ? "" : " or " + config.key_env)
           << "); using a random " << alg_name << " key: tokens will not survive a restart\n";
  return key;
}

Result<jose::Key> load_signing_key(const SigningKeyConfig& config) {
  return load_signing_key(config, process_environment(), std::cerr);
}

}  // namespace authprobe::config
