#include "parser.hpp"

#include <optional>
#include <string>
#include <utility>

#include "frame_line.hpp"
#include "kind.hpp"
#include "text_util.hpp"

namespace safemap::sanitizer_report {
namespace {

// A report keeps at most this many message lines, so that a truncated report followed by
// megabytes of program output stays small.
constexpr std::size_t max_messages = 64;

struct header {
  std::string_view name;
  std::string_view text;
};

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// `[==PID==](ERROR|WARNING): <Name>: <text>`.
std::optional<header> parse_header(std::string_view line) {
  line = trim(line);
  if (line.starts_with("==")) {
    const auto close = line.find("==", 2);
    if (close == std::string_view::npos) return std::nullopt;
    line = line.substr(close + 2);
  }
  if (line.starts_with("ERROR: ")) {
    line.remove_prefix(7);
  } else if (line.starts_with("WARNING: ")) {
    line.remove_prefix(9);
  } else {
    return std::nullopt;
  }
  std::size_t name_end = 0;
  while (name_end < line.size() && is_name_char(line[name_end])) ++name_end;
  if (name_end == 0 || line.substr(name_end, 2) != ": ") return std::nullopt;
  const std::string_view text = trim(line.substr(name_end + 2));
  if (text.empty()) return std::nullopt;
  return header{line.substr(0, name_end), text};
}

// `SUMMARY: <Name>: <text>` -> text.
std::optional<std::string_view> parse_summary(std::string_view line) {
  line = trim(line);
  if (!line.starts_with("SUMMARY: ")) return std::nullopt;
  line.remove_prefix(9);
  const auto colon = line.find(": ");
  return colon == std::string_view::npos ? line : trim(line.substr(colon + 2));
}

struct runtime_error {
  frame position;
  std::string_view message;
};

// `file:line[:col]: runtime error: message`.
std::optional<runtime_error> parse_runtime_error(std::string_view line) {
  constexpr std::string_view marker = ": runtime error: ";
  const auto at = line.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view position = trim(line.substr(0, at));
  runtime_error error;
  error.message = trim(line.substr(at + marker.size()));
  auto colon = position.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto last = to_int(position.substr(colon + 1));
  if (!last) return std::nullopt;
  std::string_view rest = position.substr(0, colon);
  colon = rest.rfind(':');
  if (const auto line_number =
          colon == std::string_view::npos ? std::nullopt : to_int(rest.substr(colon + 1))) {
    error.position.line = *line_number;
    error.position.column = *last;
    rest = rest.substr(0, colon);
  } else {
    error.position.line = *last;
  }
  if (rest.empty()) return std::nullopt;
  error.position.file = std::string{rest};
  return error;
}

bool is_separator(std::string_view line) {
  return !line.empty() && line.find_first_not_of('=') == std::string_view::npos;
}

std::string without_colon(std::string_view title) {
  title = trim(title);
  if (title.ends_with(':')) title.remove_suffix(1);
  return std::string{trim(title)};
}

class log_parser {
 public:
  explicit log_parser(std::string_view log_name) : log_name_{log_name} {}

  void feed(std::string_view line, std::size_t line_number) {
    if (const auto found = parse_header(line)) {
      finish(true);
      begin(found->name, found->text, line_number);
      current_->kind = normalise_kind(found->text);
      return;
    }
    if (const auto error = parse_runtime_error(line)) {
      finish(true);
      begin("UndefinedBehaviorSanitizer", error->message, line_number);
      current_->kind = runtime_error_kind(error->message);
      current_->error_class = classify_runtime_error(error->message);
      current_->messages.emplace_back(error->message);
      current_->position = error->position;
      return;
    }
    if (!current_) return;
    if (current_->position) {
      feed_runtime_error(line);
    } else {
      feed_report(line);
    }
  }

  std::vector<report> finish_all() && {
    finish(true);
    return std::move(reports_);
  }

 private:
  void begin(std::string_view name, std::string_view text, std::size_t line_number) {
    current_.emplace();
    current_->sanitizer = std::string{name};
    current_->header = std::string{text};
    current_->log = std::string{log_name_};
    current_->log_line = line_number;
  }

  // UBSan: frames right after the runtime error line, then an optional SUMMARY line. Before the
  // frames, a `note:` line may introduce a dump of the memory involved: indented lines of bytes,
  // a caret under the byte, a label (`vptr for 'Base'`).
  void feed_runtime_error(std::string_view line) {
    if (auto parsed = parse_frame_line(line)) {
      if (current_->stacks.empty()) current_->stacks.emplace_back();
      current_->stacks.back().frames.push_back(std::move(*parsed));
      in_note_ = false;
      return;
    }
    if (trim(line).empty()) return;
    if (current_->stacks.empty() && contains(line, ": note: ")) {
      if (current_->messages.size() < max_messages) current_->messages.emplace_back(trim(line));
      in_note_ = true;
      return;
    }
    if (in_note_ && (line.starts_with(' ') || line.starts_with('\t'))) return;
    if (const auto summary = parse_summary(line)) {
      current_->summary = std::string{*summary};
      finish(false);
      return;
    }
    finish(false);
  }

  void feed_report(std::string_view line) {
    if (auto parsed = parse_frame_line(line)) {
      if (pending_title_ || !stack_open_) {
        current_->stacks.push_back(stack{without_colon(pending_title_.value_or("")), {}});
        pending_title_.reset();
        stack_open_ = true;
      }
      current_->stacks.back().frames.push_back(std::move(*parsed));
      return;
    }
    stack_open_ = false;
    flush_pending_title();
    if (const auto summary = parse_summary(line)) {
      current_->summary = std::string{*summary};
      finish(false);
      return;
    }
    const std::string_view text = trim(line);
    if (!text.empty() && !is_separator(text)) pending_title_ = std::string{text};
  }

  void flush_pending_title() {
    if (!pending_title_) return;
    if (current_->messages.size() < max_messages) {
      current_->messages.push_back(std::move(*pending_title_));
    }
    pending_title_.reset();
  }

  // Closes the open report. A sanitizer report closed by anything but its SUMMARY line is
  // truncated; a UBSan runtime error is complete with or without a stack.
  void finish(bool without_summary) {
    if (!current_) return;
    flush_pending_title();
    if (current_->position) {
      if (current_->stacks.empty())
        current_->stacks.push_back(stack{"runtime error", {*current_->position}});
    } else if (without_summary) {
      current_->truncated = true;
    }
    reports_.push_back(std::move(*current_));
    current_.reset();
    stack_open_ = false;
    in_note_ = false;
  }

  std::string_view log_name_;
  std::vector<report> reports_;
  std::optional<report> current_;
  std::optional<std::string> pending_title_;
  bool stack_open_ = false;
  bool in_note_ = false;  // a UBSan report's `note:` dump is being read
};

}  // namespace

std::vector<report> parse_log(std::string_view text, std::string_view log_name) {
  log_parser parser{log_name};
  std::size_t line_number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    parser.feed(line, ++line_number);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return std::move(parser).finish_all();
}

}  // namespace safemap::sanitizer_report
