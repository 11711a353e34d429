#include "stress/object/interleaving.hpp"

#include <safemap/detail/stack_trace.hpp>

#include <string_view>

namespace safemap::stress::object {
namespace {

bool own_code(const detail::stack_frame& frame) {
  const std::string_view file = frame.file;
  // Relative paths are the C library's own sources (./nptl/...), absolute ones the program's;
  // the harness's are below src/stress/ in this tree and include/safemap-harness/stress/ when
  // installed (src/stress/CMakeLists.txt).
  return file.starts_with('/') && !file.starts_with("/usr/") &&
         file.find("/src/stress/") == std::string_view::npos &&
         file.find("/safemap-harness/stress/") == std::string_view::npos &&
         !file.ends_with("safemap/detail/stack_trace.hpp") &&
         !file.ends_with("safemap/thread_annotations.hpp");  // the locks' wrappers
}

std::string seat_name(unsigned seat) {
  return seat == 0 ? "init/post" : "thread " + std::to_string(seat - 1);
}

}  // namespace

schedule::scheduler::switch_observer interleaving::recorder() {
  return [this](unsigned from, unsigned to) {
    switch_site site{.from = from, .to = to, .where = {}};
    std::size_t frames = 0;
    for (const auto& frame : detail::capture_stack()) {
      if (!own_code(frame)) continue;
      site.where += (frames == 0 ? "" : ", called at ") + frame.file + ":" +
                    std::to_string(frame.line) + " in " + frame.function;
      if (++frames == frames_shown) break;
    }
    switches_.push_back(std::move(site));
  };
}

std::vector<std::string> interleaving::lines(std::size_t most) const {
  std::vector<std::string> shown;
  for (const auto& site : switches_) {
    if (site.where.empty()) continue;  // at a thread's start or end: no code of its own
    shown.push_back(seat_name(site.from) + " -> " + seat_name(site.to) + " at " + site.where);
  }
  if (shown.size() > most) {
    shown.erase(shown.begin(), shown.end() - static_cast<std::ptrdiff_t>(most));
  }
  return shown;
}

}  // namespace safemap::stress::object
