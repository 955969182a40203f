#include "reference/server/describe/server_description.hpp"

#include <algorithm>
#include <cstddef>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "reference/server/describe/demo_credentials.hpp"
#include "reference/server/routes.hpp"

namespace authprobe::server::description {
namespace {

using Row = std::vector<std::string>;
constexpr std::string_view indent = "  ";
constexpr std::string_view column_gap = "  ";
constexpr std::string_view not_shown = "(not shown)";

// Characters on screen, near enough for a table: UTF-8 continuation bytes take no column.
std::size_t columns(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

void write_table(std::ostringstream& out, const std::vector<Row>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], columns(row[i]));
  }
  for (const auto& row : rows) {
    std::string line(indent);
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - columns(row[i]), ' ') + std::string(column_gap);
    }
    out << line << '\n';
  }
}

std::string schemes_of(Offer offer) {
  switch (offer) {
    case Offer::none: return "open";
    case Offer::basic: return "Basic";
    case Offer::bearer: return "Bearer";
    case Offer::basic_and_bearer: return "Basic or Bearer";
  }
  return "open";
}

std::string needs_of(const Need& need) {
  std::string text = schemes_of(need.offer);
  if (!need.role.empty()) {
    text += ", role ";
    text += need.role;
  }
  if (!need.scope.empty()) {
    text += need.role.empty() ? ", scope " : " (Bearer: scope ";
    text += need.scope;
    if (!need.role.empty()) text += ")";
  }
  if (!need.rule.empty()) {
    text += "; ";
    text += need.rule;
  }
  return text;
}

// POSIX shell single quotes: everything literal, a ' written as '\''.
std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// The first active user who is not an admin (so that /admin refuses their token), with the
// password known when the demo fixture is served.
struct Pupil {
  std::string name = "USER";
  std::string password = "PASSWORD";
};

Pupil pick_pupil(const config::UsersFile& users, bool demo, config::CompatMode mode) {
  const auto passwords = demo_user_passwords(mode);
  for (const auto& user : users.users) {
    const bool admin = std::find(user.roles.begin(), user.roles.end(), "admin") != user.roles.end();
    if (user.disabled || admin) continue;
    const std::string* password = demo ? find_secret(passwords, user.username) : nullptr;
    return {user.username, password != nullptr ? *password : std::string("PASSWORD")};
  }
  return {};
}

// How the curl line authenticates as a client: Basic for a confidential client whose secret is
// known, client_id in the form for a public client, nothing when no client takes the grant.
std::string client_part(const config::UsersFile& users, bool demo) {
  const auto secrets = demo_client_secrets();
  for (const auto& client : users.clients) {
    if (!client.allows_grant("password")) continue;
    if (!client.secret_sha256) return "-d client_id=" + shell_quote(client.client_id) + " ";
    const std::string* secret = demo ? find_secret(secrets, client.client_id) : nullptr;
    return "-u " + shell_quote(client.client_id + ":" + (secret != nullptr ? *secret : std::string("SECRET"))) + " ";
  }
  return {};
}

void write_users(std::ostringstream& out, const config::UsersFile& users, bool demo, config::CompatMode mode) {
  const auto passwords = demo_user_passwords(mode);
  std::vector<Row> rows{{"name", "password", "roles", "scopes", "disabled"}};
  for (const auto& user : users.users) {
    const std::string* password = demo ? find_secret(passwords, user.username) : nullptr;
    rows.push_back({user.username, password != nullptr ? *password : std::string(not_shown), join(user.roles, ","),
                    join(user.scopes, " "), user.disabled ? "yes" : "no"});
  }
  out << "Users";
  out << (demo ? " (the demo fixture: test passwords published on purpose, never reuse them)\n"
               : " (passwords not shown: this users file was supplied by the operator)\n");
  write_table(out, rows);
}

void write_clients(std::ostringstream& out, const config::UsersFile& users, bool demo) {
  const auto secrets = demo_client_secrets();
  std::vector<Row> rows{{"id", "secret", "public", "grants"}};
  for (const auto& client : users.clients) {
    const bool is_public = !client.secret_sha256.has_value();
    const std::string* secret = demo ? find_secret(secrets, client.client_id) : nullptr;
    rows.push_back({client.client_id, is_public ? "-" : (secret != nullptr ? *secret : std::string(not_shown)),
                    is_public ? "yes" : "no", client.grant_types.empty() ? "-" : join(client.grant_types, ",")});
  }
  out << "\nClients\n";
  if (users.clients.empty()) {
    out << indent << "none: POST /token takes the password grant without client authentication\n";
    return;
  }
  write_table(out, rows);
}

void write_routes(std::ostringstream& out, config::CompatMode mode) {
  std::vector<Row> rows{{"method", "path", "needs", "what"}};
  for (const auto& route : route_table(mode))
    for (const auto& operation : route.operations)
      rows.push_back({std::string(method_name(operation.method)), std::string(route.path), needs_of(operation.need),
                      std::string(operation.summary)});
  out << "\nRoutes (every other method answers 405 with Allow; OPTIONS answers CORS preflights)\n";
  write_table(out, rows);
}

// The route the curl lines read with the pupil's token: the first Bearer GET that needs no role
// (strict /users/me, fastapi /users/me/).
std::string own_account_path(config::CompatMode mode) {
  for (const auto& route : route_table(mode)) {
    const Operation* get = find_operation(route, Method::get);
    if (get != nullptr && get->need.offer == Offer::bearer && get->need.role.empty()) return std::string(route.path);
  }
  return "/";
}

void write_curl(std::ostringstream& out, const ServerState& state, bool demo) {
  const auto users = state.accounts.snapshot();
  const Pupil pupil = pick_pupil(users, demo, state.config.compat);
  const std::string& base = state.base_url;
  const std::string own = own_account_path(state.config.compat);
  out << "\nTry it (" << pupil.name << " gets a token, reads " << own << ", and /admin refuses it: not an admin)\n";
  out << indent << "TOKEN=$(curl -s " << client_part(users, demo) << "-d grant_type=password -d username="
      << shell_quote(pupil.name) << " --data-urlencode password=" << shell_quote(pupil.password) << " " << base
      << "/token | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')\n";
  out << indent << "curl -s -H \"Authorization: Bearer $TOKEN\" " << base << own << "\n";
  out << indent << "curl -si -H \"Authorization: Bearer $TOKEN\" " << base << "/admin\n";
}

}  // namespace

std::string server_description(const ServerState& state) {
  const bool demo = state.show_demo_credentials;
  std::ostringstream out;
  out << "authprobe reference server, " << config::compat_name(state.config.compat) << " mode, at " << state.base_url
      << "\nThe same text: GET " << state.base_url << "/ ; the OpenAPI document: GET " << state.base_url
      << "/openapi.json ; the auth console in a browser: " << state.base_url << "/docs\n\n";
  write_users(out, state.accounts.snapshot(), demo, state.config.compat);
  write_clients(out, state.accounts.snapshot(), demo);
  write_routes(out, state.config.compat);
  write_curl(out, state, demo);
  return out.str();
}

}  // namespace authprobe::server::description
