#include "reference/server/http/request_util.hpp"

#include <algorithm>

#include "reference/core/http_constants.hpp"

namespace authprobe::server {
namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

AuthScheme scheme_of(std::string_view authorization_value) {
  const std::string_view value = trim(authorization_value);
  if (value.empty()) return AuthScheme::none;
  const std::string scheme = lower(value.substr(0, std::min(value.find_first_of(" \t"), value.size())));
  if (scheme == "basic") return AuthScheme::basic;
  if (scheme == "bearer") return AuthScheme::bearer;
  return AuthScheme::other;
}

std::string header_value(const httplib::Request& request, std::string_view name) {
  const auto found = request.headers.find(std::string(name));
  return found == request.headers.end() ? std::string() : found->second;
}

bool has_control_characters(std::string_view field_value) {
  constexpr unsigned char first_printable = 0x20;
  constexpr unsigned char delete_char = 0x7F;
  return std::any_of(field_value.begin(), field_value.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < first_printable && c != '\t') || u == delete_char;
  });
}

std::string media_type_of(const httplib::Request& request) {
  const std::string content_type = header_value(request, http::header::content_type);
  const std::string_view value = content_type;
  return lower(trim(value.substr(0, std::min(value.find(';'), value.size()))));
}

bool is_form_content_type(const httplib::Request& request) {
  return media_type_of(request) == http::media_type::form_urlencoded;
}

bool is_json_content_type(const httplib::Request& request) { return media_type_of(request) == http::media_type::json; }

std::string_view query_of(const httplib::Request& request) {
  const std::string_view target = request.target;
  const auto question = target.find('?');
  if (question == std::string_view::npos) return {};
  const std::string_view rest = target.substr(question + 1);
  return rest.substr(0, std::min(rest.find('#'), rest.size()));
}

bool query_has_param(const httplib::Request& request, std::string_view name) {
  std::string_view query = query_of(request);
  while (!query.empty()) {
    const auto end = std::min(query.find('&'), query.size());
    const std::string_view pair = query.substr(0, end);
    if (pair.substr(0, std::min(pair.find('='), pair.size())) == name) return true;
    query.remove_prefix(std::min(end + 1, query.size()));
  }
  return false;
}

bool has_ambiguous_framing(const httplib::Request& request) {
  const auto lengths = request.get_header_value_count("Content-Length");
  return lengths > 1 || (lengths == 1 && request.has_header("Transfer-Encoding"));
}

bool has_malformed_field_name(const httplib::Request& request) {
  return std::any_of(request.headers.begin(), request.headers.end(), [](const auto& field) {
    return field.first.empty() || field.first.find_first_of(" \t") != std::string::npos;
  });
}

}  // namespace authprobe::server
