#include "stress/object/interleaving.hpp"

#include <safemap/detail/stack_trace.hpp>

#include <string_view>

namespace safemap::stress::object {
namespace {

bool own_code(const detail::stack_frame& frame) {
  const std::string_view file = frame.file;
  // Relative paths are the C library's own sources (./nptl/...), absolute ones the program's.
  return file.starts_with('/') && !file.starts_with("/usr/") &&
         file.find("/src/stress/") == std::string_view::npos &&
         !file.ends_with("safemap/detail/stack_trace.hpp");
}

std::string seat_name(unsigned seat) {
  return seat == 0 ? "init/post" : "thread " + std::to_string(seat - 1);
}

}  // namespace

schedule::scheduler::switch_observer interleaving::recorder() {
  return [this](unsigned from, unsigned to) {
    switch_site site{.from = from, .to = to, .function = {}, .file = {}, .line = 0};
    for (const auto& frame : detail::capture_stack()) {
      if (!own_code(frame)) continue;
      site.function = frame.function;
      site.file = frame.file;
      site.line = frame.line;
      break;
    }
    switches_.push_back(std::move(site));
  };
}

std::vector<std::string> interleaving::lines(std::size_t most) const {
  std::vector<std::string> shown;
  for (const auto& site : switches_) {
    if (site.file.empty()) continue;  // at a thread's start or end: no code of its own
    shown.push_back(seat_name(site.from) + " -> " + seat_name(site.to) + " at " + site.file + ":" +
                    std::to_string(site.line) + " in " + site.function);
  }
  if (shown.size() > most)
    shown.erase(shown.begin(), shown.end() - static_cast<std::ptrdiff_t>(most));
  return shown;
}

}  // namespace safemap::stress::object
