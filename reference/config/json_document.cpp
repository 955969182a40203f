#include "reference/config/json_document.hpp"

#include <cerrno>
#include <cstring>
#include <optional>
#include <set>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace authprobe::config {
namespace {

using json = nlohmann::json;

// Tracks where the parser is (as a JSON pointer) so that a duplicate key can be reported by
// its location; records the first syntax error instead of throwing it.
class CheckingSax final : public nlohmann::json_sax<json> {
 public:
  std::optional<std::string> syntax_error;
  std::optional<std::string> duplicate_key_pointer;

  bool null() override { return scalar(); }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t) override { return scalar(); }
  bool number_unsigned(number_unsigned_t) override { return scalar(); }
  bool number_float(number_float_t, const string_t&) override { return scalar(); }
  bool string(string_t&) override { return scalar(); }
  bool binary(binary_t&) override { return scalar(); }
  bool start_object(std::size_t) override {
    frames_.push_back(Frame{false, 0, {}, {}});
    return true;
  }
  bool key(string_t& name) override {
    Frame& frame = frames_.back();
    frame.key = name;
    if (!frame.keys.insert(name).second && !duplicate_key_pointer) duplicate_key_pointer = pointer();
    return true;
  }
  bool end_object() override { return end_container(); }
  bool start_array(std::size_t) override {
    frames_.push_back(Frame{true, 0, {}, {}});
    return true;
  }
  bool end_array() override { return end_container(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) override {
    // what() is "[json.exception.parse_error.101] parse error at line 3, column 1: ...".
    std::string text = error.what();
    if (const auto bracket = text.find("] "); text.rfind('[', 0) == 0 && bracket != std::string::npos)
      text.erase(0, bracket + 2);
    syntax_error = std::move(text);
    return false;
  }

 private:
  struct Frame {
    bool is_array;
    std::size_t index;
    std::string key;
    std::set<std::string> keys;
  };
  std::vector<Frame> frames_;

  std::string pointer() const {
    std::string out;
    for (const Frame& frame : frames_)
      out = frame.is_array ? pointer_append(out, frame.index) : pointer_append(out, frame.key);
    return out;
  }
  void element_done() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
  }
  bool scalar() {
    element_done();
    return true;
  }
  bool end_container() {
    frames_.pop_back();
    element_done();
    return true;
  }
};

}  // namespace

Error config_error(ConfigErrc code, std::string_view source, std::string_view pointer, std::string_view problem) {
  std::string detail(source);
  if (!pointer.empty()) detail.append(": ").append(pointer);
  detail.append(": ").append(problem);
  return Error{make_error_code(code), std::move(detail)};
}

std::string pointer_append(std::string_view pointer, std::string_view key) {
  std::string out(pointer);
  out += '/';
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string pointer_append(std::string_view pointer, std::size_t index) {
  return std::string(pointer).append("/").append(std::to_string(index));
}

Result<json> parse_json_document(std::string_view text, std::string_view source) {
  CheckingSax sax;
  const bool ok = json::sax_parse(text, &sax, json::input_format_t::json, /*strict=*/true);
  if (!ok || sax.syntax_error) {
    const std::string problem = "not valid JSON (a truncated or half-written file?): " +
                                sax.syntax_error.value_or("parse failed");
    return tl::unexpected(config_error(ConfigErrc::bad_json, source, {}, problem));
  }
  if (sax.duplicate_key_pointer)
    return tl::unexpected(config_error(ConfigErrc::bad_json, source, *sax.duplicate_key_pointer,
                                       "key given more than once"));
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded())
    return tl::unexpected(config_error(ConfigErrc::bad_json, source, {}, "not valid JSON"));
  return document;
}

Result<std::string> read_text_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(ConfigErrc::cannot_read, path.string() + ": " + std::strerror(errno));
  std::string content;
  constexpr std::size_t chunk = 64 * 1024;
  std::vector<char> buffer(chunk);
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      return fail(ConfigErrc::cannot_read, path.string() + ": " + std::strerror(saved));
    }
    content.append(buffer.data(), static_cast<std::size_t>(n));
  }
  ::close(fd);
  return content;
}

}  // namespace authprobe::config
