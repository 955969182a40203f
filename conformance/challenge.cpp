#include "conformance/challenge.hpp"

#include <algorithm>
#include <cctype>

namespace authprobe::conformance {
namespace {

// RFC 9110 §5.6.2 tchar.
bool is_tchar(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (std::isalnum(u) != 0) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 9110 §11.2 token68 characters (before the trailing '=' run).
bool is_token68_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || std::string_view("-._~+/").find(c) != std::string_view::npos;
}

class Cursor {
public:
  explicit Cursor(std::string_view text) : text_(text) {}

  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  [[nodiscard]] char peek() const { return at_end() ? '\0' : text_[pos_]; }
  [[nodiscard]] std::size_t pos() const { return pos_; }
  void reset(std::size_t pos) { pos_ = pos; }
  void advance() { ++pos_; }

  void skip_ows() {
    while (!at_end() && (peek() == ' ' || peek() == '\t')) advance();
  }
  void skip_list_separators() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == ',')) advance();
  }
  std::string_view token() {
    const std::size_t start = pos_;
    while (!at_end() && is_tchar(peek())) advance();
    return text_.substr(start, pos_ - start);
  }
  std::string_view token68() {
    const std::size_t start = pos_;
    while (!at_end() && is_token68_char(peek())) advance();
    while (!at_end() && peek() == '=') advance();
    return text_.substr(start, pos_ - start);
  }
  // RFC 9110 §5.6.4 quoted-string with quoted-pair; nullopt when unterminated.
  std::optional<std::string> quoted_string() {
    advance();  // opening DQUOTE
    std::string value;
    while (!at_end()) {
      const char c = peek();
      advance();
      if (c == '"') return value;
      if (c == '\\') {
        if (at_end()) return std::nullopt;
        value.push_back(peek());
        advance();
        continue;
      }
      value.push_back(c);
    }
    return std::nullopt;
  }

private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::string error_at(const Cursor& cursor, std::string_view what) {
  return std::string(what) + " at offset " + std::to_string(cursor.pos());
}

// Tries `token BWS "=" BWS (token / quoted-string)`; restores the cursor and returns false when
// the text there is not an auth-param.
tl::expected<bool, std::string> parse_param(Cursor& cursor, Challenge& challenge) {
  const std::size_t start = cursor.pos();
  const auto name = cursor.token();
  if (name.empty()) return false;
  cursor.skip_ows();
  if (cursor.peek() != '=') {
    cursor.reset(start);
    return false;
  }
  cursor.advance();
  cursor.skip_ows();
  if (cursor.peek() == '=' ) {  // "name==" is token68 padding, not a parameter
    cursor.reset(start);
    return false;
  }
  std::string value;
  if (cursor.peek() == '"') {
    auto quoted = cursor.quoted_string();
    if (!quoted) return tl::unexpected(error_at(cursor, "unterminated quoted-string"));
    value = std::move(*quoted);
  } else {
    const auto bare = cursor.token();
    if (bare.empty()) {
      cursor.reset(start);
      return false;
    }
    value = std::string(bare);
  }
  challenge.params.emplace_back(to_lower(name), std::move(value));
  return true;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string to_lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return lower;
}

bool Challenge::is(std::string_view scheme_name) const { return iequals(scheme, scheme_name); }

std::optional<std::string> Challenge::param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (iequals(key, name)) return value;
  }
  return std::nullopt;
}

std::size_t Challenge::count(std::string_view name) const {
  return static_cast<std::size_t>(std::count_if(
      params.begin(), params.end(), [&](const auto& param) { return iequals(param.first, name); }));
}

tl::expected<std::vector<Challenge>, std::string> parse_challenges(std::string_view field_value) {
  std::vector<Challenge> challenges;
  Cursor cursor(field_value);
  cursor.skip_list_separators();
  while (!cursor.at_end()) {
    Challenge challenge;
    challenge.scheme = std::string(cursor.token());
    if (challenge.scheme.empty()) return tl::unexpected(error_at(cursor, "expected an auth-scheme"));
    const bool had_space = cursor.peek() == ' ';
    cursor.skip_ows();
    if (had_space && !cursor.at_end() && cursor.peek() != ',') {
      auto first = parse_param(cursor, challenge);
      if (!first) return tl::unexpected(first.error());
      if (!*first) {
        const auto token68 = cursor.token68();
        if (token68.empty()) return tl::unexpected(error_at(cursor, "expected token68 or auth-param"));
        challenge.token68 = std::string(token68);
      } else {
        // Further auth-params of the same challenge follow a comma; anything else after the
        // comma starts the next challenge.
        while (true) {
          cursor.skip_ows();
          if (cursor.at_end()) break;
          if (cursor.peek() != ',') return tl::unexpected(error_at(cursor, "expected ','"));
          const std::size_t before = cursor.pos();
          cursor.skip_list_separators();
          auto more = parse_param(cursor, challenge);
          if (!more) return tl::unexpected(more.error());
          if (!*more) {
            cursor.reset(before);
            break;
          }
        }
      }
    }
    cursor.skip_ows();
    if (!cursor.at_end() && cursor.peek() != ',') return tl::unexpected(error_at(cursor, "unexpected character"));
    challenges.push_back(std::move(challenge));
    cursor.skip_list_separators();
  }
  if (challenges.empty()) return tl::unexpected(std::string("empty WWW-Authenticate value"));
  return challenges;
}

namespace {

// The value of a quoted-string in a field value that does not parse: it ends at the '"' followed
// (after optional whitespace) by a ',', the end, or `name=` (a missing comma), so an unescaped
// '"' inside prose stays in the value.
// Without such a '"', the first one ends it (as the grammar would) and the rest is left to the
// scan. The cursor stands on the opening '"'.
std::string tolerant_quoted(Cursor& cursor) {
  cursor.advance();
  std::string value;
  std::optional<std::pair<std::size_t, std::string>> first_close;  // cursor after it, value up to it
  while (!cursor.at_end()) {
    const char c = cursor.peek();
    cursor.advance();
    if (c == '\\' && !cursor.at_end()) {
      value.push_back(cursor.peek());
      cursor.advance();
      continue;
    }
    if (c == '"') {
      const std::size_t after = cursor.pos();
      if (!first_close) first_close.emplace(after, value);
      cursor.skip_ows();
      if (cursor.at_end() || cursor.peek() == ',') return value;
      // `"x" error="y"`: a parameter follows without its comma, so this '"' ends the value.
      const bool named = !cursor.token().empty();
      cursor.skip_ows();
      if (named && cursor.peek() == '=') {
        cursor.reset(after);
        return value;
      }
      cursor.reset(after);
    }
    value.push_back(c);
  }
  if (!first_close) return value;  // unterminated: the rest of the value
  cursor.reset(first_close->first);
  return first_close->second;
}

// An unquoted value: everything up to the next ',' with surrounding whitespace trimmed.
std::string tolerant_bare(Cursor& cursor) {
  std::string value;
  while (!cursor.at_end() && cursor.peek() != ',') {
    value.push_back(cursor.peek());
    cursor.advance();
  }
  const auto last = value.find_last_not_of(" \t");
  return last == std::string::npos ? std::string() : value.substr(0, last + 1);
}

}  // namespace

std::vector<Challenge> salvage_challenges(std::string_view field_value) {
  std::vector<Challenge> out;
  Cursor cursor(field_value);
  bool comma_before = true;  // the value starts like a list element
  // Each turn consumes at least one character, so the loop ends.
  while (!cursor.at_end()) {
    const std::size_t turn_start = cursor.pos();
    while (!cursor.at_end() && (cursor.peek() == ' ' || cursor.peek() == '\t' || cursor.peek() == ',')) {
      comma_before = comma_before || cursor.peek() == ',';
      cursor.advance();
    }
    if (cursor.at_end()) break;
    const std::size_t name_start = cursor.pos();
    const auto name = cursor.token();
    if (name.empty()) {
      cursor.advance();  // a byte no grammar rule starts with
      continue;
    }
    const std::size_t after_name = cursor.pos();
    cursor.skip_ows();
    const bool bare_scheme = !out.empty() && out.back().params.empty() && !out.back().token68;
    if (cursor.peek() == '=') {
      cursor.advance();
      cursor.skip_ows();
      if (bare_scheme && !comma_before && is_token68_char(name.front()) &&
          (cursor.at_end() || cursor.peek() == '=' || cursor.peek() == ',')) {
        // token68 padding after a scheme ("Negotiate abc=="), not an auth-param.
        cursor.reset(name_start);
        out.back().token68 = std::string(cursor.token68());
      } else {
        std::string value = cursor.peek() == '"' ? tolerant_quoted(cursor) : tolerant_bare(cursor);
        if (out.empty()) out.emplace_back();  // parameters before any scheme
        out.back().params.emplace_back(to_lower(name), std::move(value));
      }
    } else if (bare_scheme && !comma_before) {
      cursor.reset(name_start);  // "Negotiate abc": a token68 after the scheme
      const auto token68 = cursor.token68();
      out.back().token68 = std::string(token68.empty() ? name : token68);
      if (token68.empty()) cursor.reset(after_name);
    } else {
      out.emplace_back();
      out.back().scheme = std::string(name);
      cursor.reset(after_name);
    }
    comma_before = false;
    if (cursor.pos() == turn_start) cursor.advance();
  }
  return out;
}

std::string FoundChallenge::malformation_note() const {
  if (!malformed) return {};
  return " (malformed WWW-Authenticate value \"" + malformed->raw + "\": " + malformed->error + ")";
}

std::vector<FoundChallenge> parse_all_challenges(const std::vector<std::string>& field_values) {
  std::vector<FoundChallenge> all;
  for (const auto& value : field_values) {
    auto parsed = parse_challenges(value);
    if (parsed) {
      for (auto& challenge : *parsed) all.push_back(FoundChallenge{std::move(challenge), std::nullopt});
      continue;
    }
    const MalformedValue malformed{value, parsed.error()};
    auto salvaged = salvage_challenges(value);
    if (salvaged.empty()) salvaged.emplace_back();
    for (auto& challenge : salvaged) all.push_back(FoundChallenge{std::move(challenge), malformed});
  }
  return all;
}

std::optional<FoundChallenge> find_challenge(const std::vector<std::string>& field_values,
                                             std::string_view scheme_name) {
  std::optional<FoundChallenge> salvaged;
  for (auto& challenge : parse_all_challenges(field_values)) {
    if (!challenge.is(scheme_name)) continue;
    if (challenge.well_formed()) return challenge;
    if (!salvaged) salvaged = std::move(challenge);
  }
  return salvaged;
}

}  // namespace authprobe::conformance
