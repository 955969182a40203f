#include "reference/config/users_edit.hpp"

#include <sstream>

#include "reference/config/users_rules.hpp"

namespace authprobe::config {
namespace {

Result<std::string> new_hash(std::string_view password, const password::HashPolicy& policy) {
  if (auto problem = rules::password_problem(password)) return fail(ConfigErrc::bad_password, "password " + *problem);
  return password::hash_password(password, policy);
}

User* existing(UsersFile& file, std::string_view username) { return file.find_user(username); }

tl::unexpected<Error> no_such_user(std::string_view username) {
  return fail(ConfigErrc::no_such_entry, std::string("no user named '").append(username).append("'"));
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out.append(out.empty() ? "" : ",").append(item);
  return out.empty() ? "-" : out;
}

std::string_view scheme_of(const std::string& hash) {
  const auto scheme = password::identify(hash);
  return scheme ? password::algorithm_name(*scheme) : std::string_view("unknown");
}

}  // namespace

Result<void> add_user(UsersFile& file, const NewUser& user, std::string_view password,
                      const password::HashPolicy& policy) {
  const auto invalid = [](std::string_view field, const std::string& problem) {
    return fail(ConfigErrc::bad_field, std::string(field).append(": ").append(problem));
  };
  if (auto problem = rules::username_problem(user.username)) return invalid("username", *problem);
  if (auto problem = rules::roles_problem(user.roles)) return invalid("roles", *problem);
  if (auto problem = rules::scopes_problem(user.scopes)) return invalid("scopes", *problem);
  if (existing(file, user.username) != nullptr)
    return fail(ConfigErrc::duplicate_entry, std::string("user '").append(user.username).append("' already exists"));
  auto hash = new_hash(password, policy);
  if (!hash) return tl::unexpected(hash.error());
  file.users.push_back(User{user.username, std::move(*hash), user.roles, user.scopes, false});
  return {};
}

Result<void> set_disabled(UsersFile& file, std::string_view username, bool disabled) {
  User* user = existing(file, username);
  if (user == nullptr) return no_such_user(username);
  user->disabled = disabled;
  return {};
}

Result<void> set_password(UsersFile& file, std::string_view username, std::string_view password,
                          const password::HashPolicy& policy) {
  User* user = existing(file, username);
  if (user == nullptr) return no_such_user(username);
  auto hash = new_hash(password, policy);
  if (!hash) return tl::unexpected(hash.error());
  user->password_hash = std::move(*hash);
  return {};
}

std::string format_user_list(const UsersFile& file) {
  std::ostringstream out;
  for (const auto& user : file.users)
    out << user.username << '\t' << (user.disabled ? "disabled" : "active") << "\troles=" << joined(user.roles)
        << "\tscopes=" << joined(user.scopes) << "\thash=" << scheme_of(user.password_hash) << '\n';
  return out.str();
}

}  // namespace authprobe::config
