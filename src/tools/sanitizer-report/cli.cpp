#include "cli.hpp"

#include <filesystem>
#include <iostream>
#include <regex>
#include <string>
#include <vector>

#include "command.hpp"
#include "command_line/cli11.hpp"
#include "command_line/numeric_checks.hpp"
#include "dedupe.hpp"
#include "expect.hpp"
#include "inputs.hpp"
#include "locator.hpp"
#include "parser.hpp"
#include "render.hpp"
#include "stress/exit_code.hpp"

namespace safemap::sanitizer_report {
namespace {

// The project's codes (src/stress/exit_code.hpp); exit_codes_note says what each means here.
constexpr int exit_ok = stress::exit_ok;
constexpr int exit_not_met = stress::exit_expectation_not_met;
constexpr int exit_bad_input = stress::exit_bad_usage;

constexpr std::string_view exit_codes_note =
    "report: 0 when findings are rendered; 2 also for a log without any report (unless\n"
    "--allow-empty) or a truncated report. expect: 0 when the expected finding is there\n"
    "(--none: no finding and the command exited 0), 1 otherwise (what was found is printed).\n"
    "The command's own exit code is never passed through; expect names it.";

struct common_options {
  std::string format = "text";
  std::string source_root;
  std::vector<std::string> library_directories;
};

void add_common_options(CLI::App& command, common_options& options) {
  command.add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember(std::vector<std::string>(format_names.begin(), format_names.end())))
      ->capture_default_str();
  command.add_option("--source-root", options.source_root,
                     "Project source tree as the log's paths name it (a path prefix, compared "
                     "lexically; default: the git top level of the working directory)");
  command
      .add_option("--library", options.library_directories,
                  "A directory of the project's own libraries (relative to the source root; "
                  "repeatable): a report is located at the first project frame outside them, "
                  "e.g. the caller that misused src/safemap, not the library line that raced")
      ->allow_extra_args(false);  // one directory per --library, so `-- COMMAND` stays intact
}

locator make_locator(const common_options& options) {
  const auto root = options.source_root.empty()
                        ? default_source_root(std::filesystem::current_path())
                        : std::filesystem::absolute(options.source_root);
  return locator{root, {options.library_directories.begin(), options.library_directories.end()}};
}

// Warns about every truncated report; true when there was one.
bool warn_truncated(const std::vector<report>& reports) {
  bool any = false;
  for (const report& raw : reports) {
    if (!raw.truncated) continue;
    any = true;
    std::cerr << "sanitizer-report: " << raw.log << ":" << raw.log_line << ": truncated "
              << raw.sanitizer << " report '" << raw.kind
              << "' (no SUMMARY line before the next report or the end of the log)\n";
  }
  return any;
}

int run_report(const common_options& options, const std::vector<std::string>& logs,
               bool allow_empty) {
  std::vector<report> reports;
  for (const log_text& log : read_logs(logs)) {
    auto found = parse_log(log.text, log.name);
    reports.insert(reports.end(), std::make_move_iterator(found.begin()),
                   std::make_move_iterator(found.end()));
  }
  if (reports.empty() && !allow_empty) {
    std::cerr << "sanitizer-report: no sanitizer report in the input (expected lines such as "
                 "'WARNING: ThreadSanitizer: ...', '==1==ERROR: AddressSanitizer: ...' or "
                 "'file:1:2: runtime error: ...'; pass --allow-empty to accept clean logs)\n";
    return exit_bad_input;
  }
  const bool truncated = warn_truncated(reports);
  const locator source = make_locator(options);
  const auto findings = deduplicate(std::move(reports), source);
  std::cout << render(*parse_format(options.format), findings, {source.root()});
  return truncated ? exit_bad_input : exit_ok;
}

int run_expect(const common_options& options, const expectation& expected,
               const std::vector<std::string>& command) {
  [[maybe_unused]] const std::regex validated{expected.location_pattern,
                                              std::regex::ECMAScript};  // a bad pattern throws here
  const command_outcome outcome = run_command(command, stdout);
  auto reports = parse_log(outcome.output, command.front());
  warn_truncated(reports);
  const locator source = make_locator(options);
  const auto findings = deduplicate(std::move(reports), source);
  if (!findings.empty()) {
    std::cout << render(*parse_format(options.format), findings, {source.root()});
  }
  std::cout.flush();
  const verdict result = check(expected, findings, outcome);
  std::cerr << "sanitizer-report expect: " << (result.met ? "PASS: " : "FAIL: ")
            << result.explanation << " (command ended with " << describe_end(outcome) << ")\n";
  return result.met ? exit_ok : exit_not_met;
}

// `sanitizer-report LOG` means `sanitizer-report report LOG`.
std::vector<std::string> with_subcommand(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  const bool named = args.size() > 1 && (args[1] == "report" || args[1] == "expect" ||
                                         args[1] == "-h" || args[1] == "--help");
  if (!named) args.insert(args.begin() + (args.empty() ? 0 : 1), "report");
  return args;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{
      "Turns raw sanitizer output (TSan, ASan, LSan, UBSan, safemap watchdog and "
      "invariant reports) into located, deduplicated findings.",
      "sanitizer-report"};
  app.footer(stress::exit_codes_help(stress::sanitizer_report, exit_codes_note));
  app.require_subcommand(1);

  common_options report_options;
  std::vector<std::string> logs;
  bool allow_empty = false;
  CLI::App* report_command =
      app.add_subcommand("report", "Render the findings in logs (the default subcommand)");
  add_common_options(*report_command, report_options);
  report_command->add_flag("--allow-empty", allow_empty,
                           "A log without any report is fine: render no findings, exit 0");
  report_command->add_option("logs", logs, "Log files; standard input when none or '-'");

  common_options expect_options;
  expectation expected;
  std::string kind;
  bool none = false;
  std::vector<std::string> command;
  CLI::App* expect_command = app.add_subcommand(
      "expect", "Run COMMAND and check its output holds the expected finding (or none)");
  add_common_options(*expect_command, expect_options);
  auto* kind_option = expect_command->add_option(
      "--kind", kind,
      "Expected kind, exact: 'data race', 'heap-use-after-free', 'store to null pointer', ...; "
      "for UBSan also its class ('null pointer use')");
  auto* location_option = expect_command->add_option(
      "--location", expected.location_pattern,
      "ECMAScript regex searched in the finding's 'FILE:LINE FUNCTION' ('FILE FUNCTION' when no "
      "project frame has a line)");
  expect_command->add_option("--min-count", expected.min_count, "Reports the finding must merge")
      ->check(command_line::whole_number<std::size_t>())
      ->capture_default_str();
  expect_command
      ->add_option("--stack-frames", expected.min_project_frames,
                   "Project frames the finding's stacks must hold together")
      ->check(command_line::whole_number<std::size_t>())
      ->capture_default_str();
  auto* none_flag =
      expect_command->add_flag("--none", none, "Expect no finding at all and exit code 0");
  expect_command->add_option("command", command, "The command to run, after --")->required();
  none_flag->excludes(kind_option)->excludes(location_option);
  kind_option->needs(location_option);
  location_option->needs(kind_option);

  auto args = with_subcommand(argc, argv);
  std::vector<char*> arg_pointers;
  arg_pointers.reserve(args.size());
  for (std::string& arg : args) arg_pointers.push_back(arg.data());
  try {
    app.parse(static_cast<int>(arg_pointers.size()), arg_pointers.data());
    if (expect_command->parsed() && !none && kind.empty()) {
      throw CLI::RequiredError{"expect needs --kind KIND --location REGEX, or --none"};
    }
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? exit_ok : exit_bad_input;
  }

  try {
    if (report_command->parsed()) return run_report(report_options, logs, allow_empty);
    if (!none) expected.kind = kind;
    return run_expect(expect_options, expected, command);
  } catch (const input_error& error) {
    std::cerr << "sanitizer-report: " << error.what() << '\n';
  } catch (const command_error& error) {
    std::cerr << "sanitizer-report: " << error.what() << '\n';
  } catch (const std::regex_error& error) {
    std::cerr << "sanitizer-report: bad --location regex '" << expected.location_pattern
              << "': " << error.what() << '\n';
  }
  return exit_bad_input;
}

}  // namespace safemap::sanitizer_report
