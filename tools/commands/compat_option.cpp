#include "tools/commands/compat_option.hpp"

#include <iostream>

namespace authprobe::tools {

CLI::Option* add_compat_option(CLI::App& app, std::optional<std::string>& compat, std::string_view command) {
  auto* option = app.add_option("--compat", compat,
                                "Reference server mode: strict (the RFCs, default) or fastapi (the FastAPI security "
                                "tutorials: their users, paths and answers)")
                     ->check(CLI::IsMember({"strict", "fastapi"}));
  auto* old = app.add_flag_callback(
                     "--compat-fastapi",
                     [&compat, name = std::string(command)] {
                       std::cerr << "authprobe " << name
                                 << ": --compat-fastapi is deprecated and will be removed; use --compat fastapi\n";
                       compat = "fastapi";
                     },
                     "Deprecated spelling of --compat fastapi")
                  ->group("");  // hidden from --help: one spelling is taught
  old->excludes(option);
  return option;
}

config::CompatMode compat_mode(const std::optional<std::string>& compat) {
  if (!compat) return config::CompatMode::strict;
  return config::compat_from_name(*compat).value_or(config::CompatMode::strict);
}

}  // namespace authprobe::tools
