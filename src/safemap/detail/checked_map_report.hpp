// safemap::detail::report_map_misuse — how checked_map dies: Go's one-line fatal error, then a
// sanitizer-style report that the project's sanitizer-report tool parses like an ASan finding:
//
//   fatal error: concurrent map writes
//   ==4242==ERROR: CheckedMap: concurrent map writes
//     safemap::checked_map<int, int>::insert_or_assign noticed it in thread 4250:
//       #0 0x55d3c0a1b2c3 in writer(safemap::checked_map<int, int>&) /src/app.cpp:12
//       #1 ...
//     <what the kind means and how to fix it>
//   SUMMARY: CheckedMap: concurrent map writes
//
// then std::abort(). Only the first thread to notice reports; any other that notices while the
// report is being written parks forever, so reports never interleave and the process still dies
// with SIGABRT (like Go's throw, nothing is recoverable: no exception, no handler).
#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>

#include <safemap/detail/stack_trace.hpp>

namespace safemap::detail {

enum class map_misuse {
  concurrent_writes,       // a writer entered or left while another writer was inside
  read_during_write,       // a reader overlapped a writer
  iteration_during_write,  // an iterator advanced over a map written to since it was made
};

inline const char* misuse_kind(map_misuse misuse) {
  switch (misuse) {
    case map_misuse::concurrent_writes: return "concurrent map writes";
    case map_misuse::read_during_write: return "concurrent map read and map write";
    case map_misuse::iteration_during_write: return "concurrent map iteration and map write";
  }
  return "concurrent map misuse";
}

inline const char* misuse_advice(map_misuse misuse) {
  switch (misuse) {
    case map_misuse::concurrent_writes:
    case map_misuse::read_during_write:
      return "checked_map is not thread-safe and another thread was writing to it at the same "
             "time. Guard every access with one mutex, or use a thread-safe safemap variant.";
    case map_misuse::iteration_during_write:
      return "the map was written to (insert, erase, clear, rehash) while this iterator walked "
             "it: by another thread, or by this thread inside a loop over the map. To erase "
             "while iterating use `it = map.erase(it)` or erase_if(map, pred).";
  }
  return "";
}

// Leaves out of the printed stack the reporting code and the inlined checked_map code above the
// user's call, so frame #0 is the user's line (what a sanitizer-report tool locates).
inline bool is_checked_map_internal(std::string_view file) {
  for (std::string_view internal : {"safemap/checked_map.hpp", "safemap/detail/checked_map_",
                                    "safemap/detail/stack_trace.hpp"}) {
    if (file.find(internal) != std::string_view::npos) return true;
  }
  return false;
}

// Where an operation noticed the misuse. Built from constants at each call site; read only here.
struct misuse_site {
  const char* operation;      // e.g. "insert_or_assign", "iterator::operator++"
  std::string (*map_type)();  // e.g. "safemap::checked_map<int, int>"
};

[[noreturn, gnu::cold, gnu::noinline]] inline void report_map_misuse(map_misuse misuse,
                                                                     misuse_site site) {
  static std::atomic<bool> reporting{false};
  if (reporting.exchange(true)) {
    for (;;) std::this_thread::sleep_for(std::chrono::hours{1});  // the reporter aborts us all
  }
  const char* kind = misuse_kind(misuse);
  std::fprintf(stderr, "fatal error: %s\n==%d==ERROR: CheckedMap: %s\n", kind,
               static_cast<int>(::getpid()), kind);
  std::fprintf(stderr, "  %s::%s noticed it in thread %d:\n", site.map_type().c_str(),
               site.operation, static_cast<int>(::gettid()));
  print_stack_trace(stderr, "    ", is_checked_map_internal);
  std::fprintf(stderr, "  %s\nSUMMARY: CheckedMap: %s\n", misuse_advice(misuse), kind);
  std::fflush(stderr);
  std::abort();
}

}  // namespace safemap::detail
