#include "conformance/checks/http_credentials.hpp"

#include "conformance/checks/support.hpp"
#include "conformance/http_constants.hpp"

namespace authprobe::conformance::http_credentials {
namespace {

using support::request_for;
namespace status = http::status;
namespace scheme = http::scheme;

constexpr std::string_view wrong_password_suffix = "-not-her-password-Zz9";

std::string basic_value(std::string_view user, std::string_view password) {
  return std::string(scheme::basic) + " " + base64(std::string(user) + ":" + std::string(password));
}

Needed<TargetCredentials> bearer_credentials(Context& ctx) {
  auto grant = ctx.session().token("alice");
  if (!grant) return tl::make_unexpected(grant.error());
  const std::string bearer(scheme::bearer);
  return TargetCredentials{.scheme = bearer,
                           .resource = request_for(*ctx.target().endpoints.bearer_read),
                           .valid = bearer + " " + grant->access_token,
                           .invalid = bearer + " garbage",
                           .other = basic_value("alice", "x"),
                           .other_what = "Basic then Bearer"};
}

Needed<TargetCredentials> basic_credentials(Context& ctx) {
  auto alice = ctx.session().basic_user("alice");
  if (!alice) return tl::make_unexpected(alice.error());
  const auto& a = **alice;
  TargetCredentials credentials{.scheme = std::string(scheme::basic),
                                .resource = request_for(*ctx.target().endpoints.basic_user),
                                .valid = basic_value(a.username, a.password),
                                .invalid = basic_value(a.username, a.password + std::string(wrong_password_suffix)),
                                .other = {},
                                .other_what = {}};
  // Two valid identities make the sharpest differential: whichever line wins, someone logs in.
  if (const auto* bob = ctx.session().basic_identity("bob")) {
    credentials.other = basic_value(bob->username, bob->password);
    credentials.other_what = "bob's Basic then alice's";
  } else {
    credentials.other = basic_value(ctx.target().unknown_user, "anything-Zz9");
    credentials.other_what = "the unknown user's Basic then alice's";
  }
  return credentials;
}

}  // namespace

std::optional<std::string> needs_credentials(const TargetProfile& t) {
  const auto no_bearer = support::needs_bearer_read(t);
  const auto no_basic = support::needs_basic(t);
  if (no_bearer && no_basic) return *no_bearer + "; " + *no_basic;
  return std::nullopt;
}

Needed<TargetCredentials> target_credentials(Context& ctx) {
  auto credentials = support::needs_bearer_read(ctx.target()) ? basic_credentials(ctx) : bearer_credentials(ctx);
  if (!credentials) return credentials;
  auto alone = ctx.send(credentials->resource.with_authorization(credentials->valid));
  if (!alone) return tl::make_unexpected(Unmet{"alice's " + credentials->scheme + " credentials alone: no response (" + alone.error().message + ")"});
  if (!status::is_success(alone->status)) {
    const std::string baseline = credentials->scheme == scheme::basic ? "BASIC-02" : "BEARER-02";
    return tl::make_unexpected(Unmet{"baseline " + baseline + " failed (V4): alice's valid " + credentials->scheme + " credentials alone got " +
                                     std::to_string(alone->status) + " on " + credentials->resource.target + ": usually a wrong profile"});
  }
  return credentials;
}

}  // namespace authprobe::conformance::http_credentials
