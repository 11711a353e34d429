// safemap-stress: lists the registered map variants and runs one of them.
//
//   safemap-stress --list [--json]           every variant: correct or broken, its header, and
//                                            for broken ones what the harness must find
//   safemap-stress <variant> [options...]    runs that variant's stress executable with the
//                                            options (see `safemap-stress <variant> --help`)
//
// Each variant is its own executable (so its frames carry its own file:line); the manifest that
// CMake writes at configure time (<build>/safemap-stress-variants.json) says where they are.
// Exit codes are the driver's (src/stress/exit_code.hpp, their one definition; the table in
// docs/architecture.md); sanitizer codes pass through.
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>
#include <vector>

#include "command_line/cli11.hpp"
#include "stress/exit_code.hpp"

namespace {

using safemap::stress::exit_bad_usage;
using safemap::stress::exit_ok;

void print_table(const nlohmann::json& variants) {
  for (const auto& variant : variants) {
    const bool broken = variant.at("broken").get<bool>();
    std::cout << (broken ? "broken   " : "correct  ") << variant.at("name").get<std::string>()
              << "  " << variant.at("header").get<std::string>() << '\n';
    if (!broken) continue;
    for (const auto& expectation : variant.at("expectations")) {
      std::cout << "           expect " << expectation.at("detector").get<std::string>() << ": "
                << expectation.at("kind").get<std::string>() << " at lines "
                << expectation.at("lines").dump() << " (flavours "
                << expectation.at("flavours").dump() << ")\n";
    }
  }
}

int run(const nlohmann::json& variant, std::vector<std::string> arguments) {
  const auto executable = variant.at("executable").get<std::string>();
  arguments.insert(arguments.begin(), executable);
  std::vector<char*> argv;
  argv.reserve(arguments.size() + 1);
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  ::execv(executable.c_str(), argv.data());
  std::cerr << "safemap-stress: cannot run " << executable << ": "
            << std::generic_category().message(errno)
            << " (build it: cmake --build --preset <preset>)\n";
  return exit_bad_usage;
}

int run_command_line(int argc, char** argv) {
  CLI::App app{"Run a map variant's stress test, or list the variants."};
  app.footer(safemap::stress::exit_codes_help(safemap::stress::safemap_stress,
                                              safemap::stress::sanitizer_codes_pass_through));
  std::string manifest_path = SAFEMAP_STRESS_MANIFEST;
  std::string variant_name;
  bool list = false;
  bool json = false;
  app.add_option("--manifest", manifest_path, "Variant manifest written by CMake")
      ->envname("SAFEMAP_STRESS_MANIFEST");
  app.add_flag("-l,--list", list, "List the registered variants");
  app.add_flag("--json", json, "With --list: print the manifest as JSON");
  app.add_option("variant", variant_name, "The variant to run; options after it go to its driver");
  app.prefix_command();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {  // CLI11's own codes (106, 109, ...) are not ours
    return app.exit(error) == 0 ? exit_ok : exit_bad_usage;
  }

  nlohmann::json manifest;
  nlohmann::json variants;
  try {
    std::ifstream in{manifest_path};
    if (!in) throw std::runtime_error{"cannot open it (configure the build first)"};
    manifest = nlohmann::json::parse(in);
    variants = manifest.at("variants");
  } catch (const std::exception& error) {  // unreadable, not JSON, or not a manifest
    std::cerr << "safemap-stress: manifest " << manifest_path << ": " << error.what() << '\n';
    return exit_bad_usage;
  }
  if (list || variant_name.empty()) {
    if (json) {
      std::cout << manifest.dump(2) << '\n';
    } else {
      print_table(variants);
    }
    return variant_name.empty() && !list ? exit_bad_usage : exit_ok;
  }
  for (const auto& variant : variants) {
    if (variant.at("name") == variant_name) return run(variant, app.remaining());
  }
  std::cerr << "safemap-stress: no variant named \"" << variant_name << "\" (see --list)\n";
  return exit_bad_usage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_command_line(argc, argv);
  } catch (const std::exception& error) {  // a manifest entry without a field CMake writes
    std::cerr << "safemap-stress: " << error.what() << '\n';
    return exit_bad_usage;
  }
}
