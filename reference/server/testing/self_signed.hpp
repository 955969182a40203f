#pragma once
// A throwaway self-signed P-256 certificate for 127.0.0.1, written as PEM files, so the HTTPS
// path (cpp-httplib SSLServer) is tested without committed key material.
#include <filesystem>

namespace authprobe::server::testing {

struct CertificateFiles {
  std::filesystem::path cert_file;
  std::filesystem::path key_file;
};

// Writes cert.pem and key.pem into `dir`; false if OpenSSL failed.
[[nodiscard]] bool write_self_signed(const std::filesystem::path& dir, CertificateFiles& out);

}  // namespace authprobe::server::testing
