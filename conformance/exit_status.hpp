#pragma once
// The exit codes of the authprobe process, one set for every subcommand: `authprobe check`
// reaches them through conformance::exit_code(report), the other subcommands through
// tools::exit_code (tools/commands/command.hpp, an alias of this namespace). README.md
// ("Test your own server") documents them.
namespace authprobe::conformance::exit_status {

inline constexpr int ok = 0;           // every check that ran passed its MUSTs / the command did its job
inline constexpr int failed = 1;       // a check failed / an operation was refused
inline constexpr int usage = 2;        // bad arguments, config or profile, or the preflight found the profile wrong
inline constexpr int unreachable = 3;  // the target could not be reached
// No FAIL, but some checks could not run (ERROR) or the suite could not obtain what the profile
// promised (a token): not a pass, and usually the profile to fix rather than the server.
inline constexpr int incomplete = 4;

}  // namespace authprobe::conformance::exit_status
