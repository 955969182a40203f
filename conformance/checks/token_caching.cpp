// TOKEN-02, TOKEN-03 — RFC 6749 §5.1: the token response, and every other response with
// sensitive content, carries Cache-Control: no-store (and Pragma: no-cache).
#include "conformance/checks/token_caching.hpp"

#include <map>

#include "conformance/checks/token_support.hpp"

namespace authprobe::conformance::token {
namespace {

using namespace support;
namespace status = http::status;

constexpr std::string_view wrong_password = "wrong-password-Zz9";

bool pragma_no_cache(const Response& r) {
  const auto pragma = r.header(http::header::pragma);
  return pragma && to_lower(*pragma).find("no-cache") != std::string::npos;
}

// The logged response as a Response, so the same header helpers judge it.
Response as_response(const ResponseRecord& record) {
  Response r;
  r.status = record.status;
  r.headers = record.headers;
  r.body = record.body_excerpt;
  return r;
}

// V8: TOKEN-03 judges the responses to the token endpoint's method (POST) at its path, whatever
// check sent them: the wrong-password answer, and just as much the framework's own page for a
// malformed body (a 400/413/415/422 produced before the OAuth code runs), a throttling 429 or a 5xx.
bool token_endpoint_error(const TargetProfile& target, const Exchange& exchange) {
  const auto& rq = exchange.request;
  const auto& rs = exchange.response;
  if (!rs || rs->status < status::bad_request) return false;
  return iequals(rq.method, target.endpoints.token->method) && rq.target.substr(0, rq.target.find('?')) == target.endpoints.token->path;
}

}  // namespace

// RFC 6749 §5.1: Cache-Control: no-store and Pragma: no-cache on the token response (D5). It needs a
// token response, not a faultless one: a grant whose body TOKEN-01 finds wanting still issues a
// token that a cache could keep.
Check forbids_caching_of_token_response() {
  return {.id = "TOKEN-02", .level = Level::must, .cites = "RFC 6749 §5.1",
          .summary = "the token response carries Cache-Control: no-store and Pragma: no-cache",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("Cache-Control contains no-store; Pragma: no-cache");
            auto params = password_params(ctx);
            if (!params) return errored("profile declares no fixture user 'alice'");
            auto r = ctx.send(token_post(ctx, *params));
            if (!j.reached(r, "grant")) return j.finish();
            if (!issued_token(*r)) return errored("the grant issued no token (" + describe(*r) + "): no token response to judge");
            const bool no_store = cache_control_has(*r, "no-store");
            const bool no_cache = pragma_no_cache(*r);
            part(j, ctx, no_store && no_cache ? Verdict::pass : ctx.deviation(Deviation::d5),
                 std::string(no_store ? "no-store" : "no Cache-Control: no-store") + (no_cache ? ", Pragma: no-cache" : ", no Pragma: no-cache"), r);
            return j.finish();
          }};
}

// RFC 6749 §5.1 (sensitive content), §5.2 example: error responses are not cached either. Run-wide
// (V8, V10): every POST response at the token endpoint the run saw counts, not one sample.
Check forbids_caching_of_token_errors() {
  return {.id = "TOKEN-03", .level = Level::should,
          .cites = "RFC 6749 §5.1 (any response with sensitive content), §5.2 (example)",
          .summary = "every token error response carries Cache-Control: no-store",
          .applies = needs_token_endpoint,
          .run = [](Context& ctx) {
            Judged j("Cache-Control: no-store (and Pragma: no-cache) on every error response to POST at the token endpoint");
            // One error of its own, so a run of TOKEN-03 alone has something to judge.
            if (auto params = password_params(ctx)) {
              FormParams wrong = *params;
              for (auto& [name, value] : wrong) {
                if (name == "password") value = wrong_password;
              }
              (void)ctx.send(token_post(ctx, wrong));
            }
            std::size_t judged = 0;
            std::map<std::string, std::size_t> cacheable;  // "TOKEN-06 400" -> count
            for (const auto& o : ctx.log().all()) {
              if (!token_endpoint_error(ctx.target(), o.exchange)) continue;
              ++judged;
              const Response r = as_response(*o.exchange.response);
              if (cache_control_has(r, "no-store")) continue;
              const auto key = o.check_id + " " + std::to_string(r.status);
              if (cacheable[key]++ == 0) j.evidence(o.exchange);
            }
            if (judged == 0) return skipped("no error response at the token endpoint was seen in this run (V6)");
            if (cacheable.empty()) {
              j.part(Verdict::pass, std::to_string(judged) + " error responses, each with no-store");
            }
            for (const auto& [where, count] : cacheable) {
              j.part(judge_miss(Level::should), std::to_string(count) + " without no-store (" + where + ")");
            }
            return j.finish();
          },
          .run_wide = true};
}

}  // namespace authprobe::conformance::token
