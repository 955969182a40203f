// POST /token (catalog TOKEN-01..22, 26, 27).
#include <catch2/catch.hpp>

#include "reference/jose/jwt.hpp"
#include "reference/server/testing/fixture_users.hpp"
#include "reference/server/testing/raw_http.hpp"
#include "reference/server/testing/test_server.hpp"

using namespace authprobe::server::testing;

namespace {

const std::string alice_form = password_form("alice", password_of::alice);

void check_token_error(const httplib::Result& r, int status, const std::string& error) {
  REQUIRE(r);
  CHECK(r->status == status);
  CHECK(json_of(r).value("error", "") == error);
  CHECK(r->get_header_value("Content-Type") == "application/json");
  CHECK(r->get_header_value("Cache-Control") == "no-store");
  CHECK(r->get_header_value("Pragma") == "no-cache");
}

httplib::Headers cli_auth() { return {{"Authorization", client_basic("cli", secret_of::cli)}}; }

}  // namespace

TEST_CASE("TOKEN-01/02/23/24: the password grant returns a Bearer token with no-store caching", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto r = post_token(client, alice_form);
  REQUIRE(r);
  REQUIRE(r->status == 200);
  CHECK(r->get_header_value("Content-Type") == "application/json");
  CHECK(r->get_header_value("Cache-Control") == "no-store");
  CHECK(r->get_header_value("Pragma") == "no-cache");
  const auto body = json_of(r);
  CHECK(body.at("token_type") == "Bearer");
  CHECK(body.at("expires_in").is_number_integer());
  CHECK(body.at("access_token").get<std::string>().size() > 0);
  CHECK(body.at("refresh_token").is_string());
  CHECK(body.at("scope") == "todos:read");
  const auto second = post_token(client, alice_form);
  REQUIRE(second);
  CHECK(json_of(second).at("access_token") != body.at("access_token"));
  const auto jti_of = [](const nlohmann::json& response) {
    const auto jws = authprobe::jose::decode_unverified(response.at("access_token").get<std::string>());
    REQUIRE(jws);
    return nlohmann::json::parse(jws->payload).at("jti").get<std::string>();
  };
  const std::string jti = jti_of(body);
  CHECK(jti.size() >= 43);  // 256 random bits, unpadded base64url
  CHECK(jti != jti_of(json_of(second)));
}

TEST_CASE("TOKEN-04: wrong methods and query credentials never yield a token", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto get = client.Get("/token?" + alice_form);
  REQUIRE(get);
  CHECK(get->status == 405);
  CHECK(get->get_header_value("Allow") == "POST, OPTIONS");
  CHECK(client.Put("/token", "", "text/plain")->status == 405);
  CHECK(client.Delete("/token")->status == 405);
  check_token_error(client.Post("/token?" + alice_form, cli_auth(), "", std::string(form_type)), 400, "invalid_request");
}

TEST_CASE("TOKEN-05/HTTP-16: only form bodies are read; a charset parameter is fine", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const std::string json = R"({"grant_type":"password","username":"alice","password":"wonderland-42"})";
  check_token_error(client.Post("/token", cli_auth(), json, "application/json"), 400, "invalid_request");
  check_token_error(client.Post("/token", cli_auth(), alice_form, "text/plain"), 400, "invalid_request");
  check_token_error(client.Post("/token", cli_auth(), alice_form, "multipart/form-data; boundary=x"), 400,
                    "invalid_request");
  CHECK(client.Post("/token", cli_auth(), alice_form, "application/x-www-form-urlencoded; charset=UTF-8")->status ==
        200);
  const auto basic = client_basic("cli", secret_of::cli);
  const auto missing = raw_exchange(ts.port(), "POST /token HTTP/1.1\r\nHost: x\r\nAuthorization: " + basic +
                                                   "\r\nContent-Length: " + std::to_string(alice_form.size()) +
                                                   "\r\nConnection: close\r\n\r\n" + alice_form);
  CHECK(missing.status == 400);
}

TEST_CASE("TOKEN-06: '+' is a space and malformed escapes are invalid_request", "[http]") {
  TestServer ts;
  auto client = ts.client();
  CHECK(post_token(client, "grant_type=password&username=erin&password=p%C3%A4%3Ass+w%C3%B6rd+%F0%9F%94%91")->status ==
        200);
  for (const std::string& bad : std::vector<std::string>{"%ZZ", "%", "%C3"})
    check_token_error(post_token(client, "grant_type=password&username=alice&password=" + bad), 400, "invalid_request");
}

TEST_CASE("TOKEN-07/08: grant_type is required and unknown grants are unsupported_grant_type", "[http]") {
  TestServer ts;
  auto client = ts.client();
  check_token_error(post_token(client, "username=alice&password=wonderland-42"), 400, "invalid_request");
  for (const std::string& grant : std::vector<std::string>{"foo", "Password", "client_credentials"})
    check_token_error(post_token(client, "grant_type=" + grant + "&username=alice&password=wonderland-42"), 400,
                      "unsupported_grant_type");
}

TEST_CASE("TOKEN-09/10/11: missing, empty and repeated parameters are invalid_request", "[http]") {
  TestServer ts;
  auto client = ts.client();
  for (const std::string body :
       {"grant_type=password&password=wonderland-42", "grant_type=password&username=alice",
        "grant_type=password&username=alice&password=", "grant_type=password&username=&password=x",
        "grant_type=password&username=alice&username=bob&password=wonderland-42",
        "grant_type=password&grant_type=password&username=alice&password=wonderland-42",
        "grant_type=password&username=alice&password=wonderland-42&scope=todos:read&scope=todos:read"}) {
    INFO(body);
    check_token_error(post_token(client, body), 400, "invalid_request");
  }
}

TEST_CASE("TOKEN-12: unknown parameters are ignored", "[http]") {
  TestServer ts;
  auto client = ts.client();
  CHECK(post_token(client, alice_form + "&foo=bar&nonce=1")->status == 200);
}

TEST_CASE("TOKEN-13/14: wrong password, unknown and disabled users get byte-identical invalid_grant", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto wrong = post_token(client, password_form("alice", "wrong"));
  const auto unknown = post_token(client, password_form("zed", "anything"));
  const auto disabled = post_token(client, password_form("carol", password_of::carol));
  check_token_error(wrong, 400, "invalid_grant");
  for (const auto* r : {&unknown, &disabled}) {
    REQUIRE(*r);
    CHECK((*r)->status == wrong->status);
    CHECK((*r)->body == wrong->body);
    CHECK((*r)->headers.size() == wrong->headers.size());
  }
}

TEST_CASE("TOKEN-16/17/20: bad or missing client authentication is 401 invalid_client with a Basic challenge", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto wrong_secret = post_token(client, alice_form, {{"Authorization", client_basic("cli", "wrong")}});
  const auto body_secret = post_token(client, alice_form + "&client_id=cli&client_secret=wrong", {});
  const auto no_client = post_token(client, alice_form, {});
  const auto unknown = post_token(client, alice_form, {{"Authorization", client_basic("nobody", "x")}});
  for (const auto* r : {&wrong_secret, &body_secret, &no_client, &unknown}) {
    check_token_error(*r, 401, "invalid_client");
    CHECK(challenge_of(*r) == R"(Basic realm="authprobe", charset="UTF-8")");
  }
}

TEST_CASE("TOKEN-17: client credentials in the body are accepted when right", "[http]") {
  TestServer ts;
  auto client = ts.client();
  CHECK(post_token(client, alice_form + "&client_id=cli&client_secret=" + form_encode(secret_of::cli), {})->status ==
        200);
  CHECK(post_token(client, alice_form + "&client_id=pub", {})->status == 200);
}

TEST_CASE("TOKEN-18: Basic client auth plus body client credentials is invalid_request", "[http]") {
  TestServer ts;
  auto client = ts.client();
  check_token_error(post_token(client, alice_form + "&client_id=cli&client_secret=" + form_encode(secret_of::cli)),
                    400, "invalid_request");
}

TEST_CASE("TOKEN-19: client c:li%nt authenticates as c%3Ali%25nt", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto r = post_token(client, alice_form,
                            {{"Authorization", client_basic(reserved_client_id, secret_of::cli_reserved)}});
  REQUIRE(r);
  CHECK(r->status == 200);
}

TEST_CASE("TOKEN-21: a client without the password grant is unauthorized_client", "[http]") {
  TestServer ts;
  auto client = ts.client();
  check_token_error(post_token(client, alice_form, {{"Authorization", client_basic("svc", secret_of::svc)}}), 400,
                    "unauthorized_client");
}

TEST_CASE("TOKEN-22/AUTHZ-11: unknown or malformed scopes are invalid_scope; known ones are narrowed", "[http]") {
  TestServer ts;
  auto client = ts.client();
  check_token_error(post_token(client, alice_form + "&scope=nonexistent"), 400, "invalid_scope");
  check_token_error(post_token(client, alice_form + "&scope=read%22x"), 400, "invalid_scope");
  check_token_error(post_token(client, alice_form + "&scope=admin"), 400, "invalid_scope");
  const auto narrowed = post_token(client, alice_form + "&scope=todos%3Aread+admin");
  REQUIRE(narrowed);
  CHECK(narrowed->status == 200);
  CHECK(json_of(narrowed).at("scope") == "todos:read");
}

TEST_CASE("TOKEN-26: a refresh token works for its client only and never widens the scope", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const auto bob = login(client, "bob", password_of::bob, "todos:read");
  const std::string refresh = bob.at("refresh_token");
  const std::string form = "grant_type=refresh_token&refresh_token=" + refresh;
  check_token_error(
      post_token(client, form, {{"Authorization", client_basic(reserved_client_id, secret_of::cli_reserved)}}), 400,
      "invalid_grant");
  check_token_error(post_token(client, form + "&scope=todos%3Aread+admin"), 400, "invalid_scope");
  const auto ok = post_token(client, form);
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(json_of(ok).at("scope") == "todos:read");
  CHECK(json_of(ok).at("refresh_token") != refresh);
}

TEST_CASE("TOKEN-27: replaying a rotated refresh token fails and revokes its successor", "[http]") {
  TestServer ts;
  auto client = ts.client();
  const std::string r1 = login(client, "alice", password_of::alice).at("refresh_token");
  const auto first = post_token(client, "grant_type=refresh_token&refresh_token=" + r1);
  REQUIRE(first);
  REQUIRE(first->status == 200);
  const std::string r2 = json_of(first).at("refresh_token");
  check_token_error(post_token(client, "grant_type=refresh_token&refresh_token=" + r1), 400, "invalid_grant");
  check_token_error(post_token(client, "grant_type=refresh_token&refresh_token=" + r2), 400, "invalid_grant");
}

TEST_CASE("A login upgrades a legacy bcrypt hash to argon2id and writes the users file", "[http]") {
  // The FastAPI docs' bcrypt hash of "secret" (cost 12), below the argon2id policy.
  auto users = fixture_users();
  users.users.push_back({"johndoe", "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW", {"user"},
                         {"todos:read"}, false});
  TestServerSettings settings;
  settings.users = users;
  TestServer ts(settings);
  auto client = ts.client();
  REQUIRE(post_token(client, password_form("johndoe", "secret"))->status == 200);
  const auto on_disk = authprobe::config::load_users(ts.users_file());
  REQUIRE(on_disk);
  const auto* john = on_disk->find_user("johndoe");
  REQUIRE(john != nullptr);
  CHECK(john->password_hash.rfind("$argon2id$", 0) == 0);
  CHECK(post_token(client, password_form("johndoe", "secret"))->status == 200);
}
