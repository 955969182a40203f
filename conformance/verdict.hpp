#pragma once
// The vocabulary of the catalog (../shared/spec/checks.md, "How to read an entry"): the level of
// the cited requirement, the verdict of a check, the mode it needs and the judgement profile.
#include <optional>
#include <string_view>

namespace authprobe::conformance {

// The catalog's LEVEL column. `baseline` is the catalog's `—` (functional baseline).
enum class Level { must, should, may, bcp, owasp, baseline, info };

// PASS/FAIL/WARN/SKIP/INFO as in the catalog; ERROR = the check could not run (kept apart from
// FAIL: a broken profile or an unreachable target is not a server fault).
enum class Verdict { pass, fail, warn, skip, info, error };

// [B] black-box, [K] key-known, [I] inside-only.
enum class Mode { black_box, key_known, inside_only };

// strict = the RFC letter; lenient = strict minus the D-rows' representation deviations;
// bcp = strict + RFC 8725/9068/9700 + OWASP.
enum class Judgement { strict, lenient, bcp };

[[nodiscard]] std::string_view to_string(Level level);
[[nodiscard]] std::string_view to_string(Verdict verdict);
[[nodiscard]] std::string_view to_string(Mode mode);
[[nodiscard]] std::string_view to_string(Judgement judgement);

// Inverse of to_string (case-insensitive); nullopt for unknown names.
[[nodiscard]] std::optional<Level> parse_level(std::string_view text);
[[nodiscard]] std::optional<Verdict> parse_verdict(std::string_view text);
[[nodiscard]] std::optional<Judgement> parse_judgement(std::string_view text);

}  // namespace authprobe::conformance
