// Text for the HTML report: escaping (everything a target sent is untrusted and lands in the
// page), citation links to the RFC Editor, and the hashes the page's Content-Security-Policy
// allows its own inline script and style by.
#include <array>
#include <cctype>
#include <optional>

#include <openssl/evp.h>

#include "conformance/report/report.hpp"

namespace authprobe::conformance::html {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";  // U+FFFD, UTF-8
constexpr std::string_view rfc_editor = "https://www.rfc-editor.org/rfc/rfc";
constexpr unsigned char c0_end = 0x20;        // U+0000..U+001F: C0 controls
constexpr unsigned char delete_char = 0x7F;
constexpr unsigned char c1_lead_byte = 0xC2;  // U+0080..U+009F (C1 controls) are C2 80..C2 9F
constexpr unsigned char c1_last_trail = 0x9F;

// Invalid UTF-8 (overlongs, surrogates, truncated sequences, stray bytes) becomes U+FFFD, by
// nlohmann-json's validating serializer rather than a decoder of our own: the string is written
// as a JSON string literal with the `replace` handler and read back.
std::string valid_utf8(std::string_view text) {
  const auto literal = nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return nlohmann::json::parse(literal).get<std::string>();
}

bool kept_control(unsigned char c) { return c == '\t' || c == '\n' || c == '\r'; }

std::string link(std::string_view href, std::string_view text) {
  std::string out = "<a href=\"";
  out += escape(href);
  out += "\" rel=\"noopener noreferrer\">";
  out += escape(text);
  out += "</a>";
  return out;
}

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// The longest run of digits and inner dots at `text[from..]` ("11.6.1" of "§11.6.1, ..."); a
// trailing dot ends a sentence, not the section.
std::size_t section_length(std::string_view text, std::size_t from) {
  std::size_t end = from;
  while (end < text.size() && (is_digit(text[end]) || (text[end] == '.' && end > from))) ++end;
  while (end > from && text[end - 1] == '.') --end;
  return end - from;
}

// "B" or "A.4" at `text[from..]`: an appendix letter and its optional numbered sub-parts.
std::size_t appendix_length(std::string_view text, std::size_t from) {
  if (from >= text.size() || std::isupper(static_cast<unsigned char>(text[from])) == 0) return 0;
  std::size_t end = from + 1;
  if (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end])) != 0) return 0;  // a word, not a letter
  if (end + 1 < text.size() && text[end] == '.' && is_digit(text[end + 1])) end += 1 + section_length(text, end + 1);
  return end - from;
}

}  // namespace

std::string escape(std::string_view text) {
  const auto valid = valid_utf8(text);
  std::string out;
  out.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const auto c = static_cast<unsigned char>(valid[i]);
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += "&quot;"; continue;
      case '\'': out += "&#39;"; continue;
      default: break;
    }
    if ((c < c0_end && !kept_control(c)) || c == delete_char) {
      out += replacement_character;
    } else if (c == c1_lead_byte && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) <= c1_last_trail) {
      out += replacement_character;  // valid UTF-8 after valid_utf8, so the next byte is 80..9F
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// A citation is groups separated by ';', each naming one document: "RFC 6749 §4.3.2 (UTF-8),
// Appendix B". Within a group, every "§N.N" and "Appendix X" after an "RFC NNNN" belongs to that
// RFC; a '§' in a group without one (NIST SP 800-63B §5.1.1.2) is not an RFC's and stays text.
std::string cite_links(std::string_view cites) {
  constexpr std::string_view rfc_word = "RFC ";
  constexpr std::string_view section_sign = "§";
  constexpr std::string_view appendix_word = "Appendix ";
  std::string out;
  std::optional<std::string> rfc;  // the number of the group's RFC
  std::size_t text_start = 0;
  const auto flush_text = [&](std::size_t until) {
    out += escape(cites.substr(text_start, until - text_start));
  };
  std::size_t i = 0;
  while (i < cites.size()) {
    const auto rest = cites.substr(i);
    if (cites[i] == ';') {
      rfc.reset();
    } else if (rest.starts_with(rfc_word) && (i == 0 || std::isalnum(static_cast<unsigned char>(cites[i - 1])) == 0)) {
      std::size_t digits = 0;
      while (digits < rest.size() - rfc_word.size() && is_digit(rest[rfc_word.size() + digits])) ++digits;
      if (digits > 0) {
        flush_text(i);
        rfc = std::string(rest.substr(rfc_word.size(), digits));
        const auto length = rfc_word.size() + digits;
        out += link(std::string(rfc_editor) + *rfc, rest.substr(0, length));
        i += length;
        text_start = i;
        continue;
      }
    } else if (rfc && rest.starts_with(section_sign)) {
      if (const auto length = section_length(cites, i + section_sign.size()); length > 0) {
        flush_text(i);
        const auto section = cites.substr(i + section_sign.size(), length);
        out += link(std::string(rfc_editor) + *rfc + "#section-" + std::string(section), rest.substr(0, section_sign.size() + length));
        i += section_sign.size() + length;
        text_start = i;
        continue;
      }
    } else if (rfc && rest.starts_with(appendix_word)) {
      if (const auto length = appendix_length(cites, i + appendix_word.size()); length > 0) {
        flush_text(i);
        const auto appendix = cites.substr(i + appendix_word.size(), length);
        out += link(std::string(rfc_editor) + *rfc + "#appendix-" + std::string(appendix), rest.substr(0, appendix_word.size() + length));
        i += appendix_word.size() + length;
        text_start = i;
        continue;
      }
    }
    ++i;
  }
  flush_text(cites.size());
  return out;
}

std::string csp_hash(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_length = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &digest_length, EVP_sha256(), nullptr) != 1) {
    return "'none'";  // no hash, no inline code: the page still reads, without its filters
  }
  constexpr std::size_t base64_block = 3;
  constexpr std::size_t base64_chars = 4;
  std::string encoded(base64_chars * ((digest_length + base64_block - 1) / base64_block) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), digest.data(), static_cast<int>(digest_length));
  encoded.resize(static_cast<std::size_t>(length));
  return "'sha256-" + encoded + "'";
}

}  // namespace authprobe::conformance::html
