// safemap::detail::print_stack_trace — the calling thread's symbolized stack, in the frame format
// of AddressSanitizer reports (`    #N 0xADDR in FUNCTION FILE:LINE`), for checked_map's abort
// reports in ordinary optimized builds where no sanitizer runtime is there to symbolize.
//
// Symbols and file:line come from libbacktrace, which GCC ships as libbacktrace.a in libgcc-dev
// and which both g++ and clang++ find with -lbacktrace (the safemap::checked_map CMake target links
// it). It reads the program's own DWARF in-process: no external symbolizer has to be installed
// where the program crashes, and inlined calls are listed as frames of their own, so the user's
// call site shows even when the map's code was inlined into it (-O2). libbacktrace prints no
// column, so frames end in FILE:LINE, as sanitizer frames do when the column is unknown.
// Without libbacktrace (SAFEMAP_NO_LIBBACKTRACE, defined by the CMake target when the link test
// fails) frames come from glibc's backtrace() and dladdr(): function and module+offset only.
//
// Not async-signal-safe (it allocates): call it from an ordinary failure path, never from a
// signal handler.
#pragma once

#include <cxxabi.h>
#include <dlfcn.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#ifdef SAFEMAP_NO_LIBBACKTRACE
#include <execinfo.h>
#else
// libbacktrace's C API (backtrace.h, stable since 2012). Declared here because its header sits in
// GCC's private include folder, which clang does not search; the library itself links with both.
extern "C" {
struct backtrace_state;
typedef void (*backtrace_error_callback)(void* data, const char* msg, int errnum);
typedef int (*backtrace_full_callback)(void* data, std::uintptr_t pc, const char* filename,
                                       int lineno, const char* function);
backtrace_state* backtrace_create_state(const char* filename, int threaded,
                                        backtrace_error_callback error_callback, void* data);
int backtrace_full(backtrace_state* state, int skip, backtrace_full_callback callback,
                   backtrace_error_callback error_callback, void* data);
int backtrace_pcinfo(backtrace_state* state, std::uintptr_t pc, backtrace_full_callback callback,
                     backtrace_error_callback error_callback, void* data);
}
#endif

namespace safemap::detail {

struct stack_frame {
  std::uintptr_t pc = 0;
  std::string function;  // demangled; empty when unknown
  std::string file;      // empty when the program has no debug info for this pc
  int line = 0;
};

inline std::string demangle(const char* name) {
  if (name == nullptr) return {};
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> demangled{
      abi::__cxa_demangle(name, nullptr, nullptr, &status), &std::free};
  return status == 0 ? std::string{demangled.get()} : std::string{name};
}

#ifdef SAFEMAP_NO_LIBBACKTRACE
// The function at a code address, from the dynamic symbol table; no file:line without
// libbacktrace.
inline stack_frame describe_code_address(std::uintptr_t pc) {
  stack_frame frame;
  frame.pc = pc;
  // NOLINTNEXTLINE(performance-no-int-to-ptr): dladdr takes the code address as a pointer.
  if (Dl_info info{}; ::dladdr(reinterpret_cast<void*>(pc), &info) != 0) {
    frame.function = demangle(info.dli_sname);
  }
  return frame;
}

[[gnu::noinline]] inline std::vector<stack_frame> capture_stack() {
  void* pcs[128];
  const int depth = ::backtrace(pcs, 128);
  std::vector<stack_frame> frames;
  for (int i = 0; i < depth; ++i) {
    stack_frame frame;  // function and file unknown: print_frame asks dladdr
    frame.pc = reinterpret_cast<std::uintptr_t>(pcs[i]);
    frames.push_back(frame);
  }
  return frames;
}
#else
// libbacktrace's view of this program's debug info, read once. threaded = 1: other threads may
// still be running while one reports.
inline backtrace_state* program_debug_info() {
  static backtrace_state* const state =
      backtrace_create_state(nullptr, 1, [](void*, const char*, int) {}, nullptr);
  return state;
}

// The function, file and line of a code address (for a function's first instruction: the line
// that declares it). The outermost function when the address lies in inlined code.
inline stack_frame describe_code_address(std::uintptr_t pc) {
  stack_frame described;
  described.pc = pc;
  backtrace_state* state = program_debug_info();
  if (state == nullptr) return described;
  auto keep_outermost = [](void* data, std::uintptr_t, const char* file, int line,
                           const char* function) {
    auto& frame = *static_cast<stack_frame*>(data);
    frame.function = demangle(function);
    frame.file = file != nullptr ? file : "";
    frame.line = line;
    return 0;
  };
  backtrace_pcinfo(state, pc, keep_outermost, [](void*, const char*, int) {}, &described);
  return described;
}

[[gnu::noinline]] inline std::vector<stack_frame> capture_stack() {
  std::vector<stack_frame> frames;
  auto ignore_error = [](void*, const char*, int) {};
  backtrace_state* state = program_debug_info();
  if (state == nullptr) return frames;
  auto add_frame = [](void* data, std::uintptr_t pc, const char* file, int line,
                      const char* function) {
    if (pc == UINTPTR_MAX) return 1;  // libbacktrace's end-of-stack marker
    static_cast<std::vector<stack_frame>*>(data)->push_back(
        {pc, demangle(function), file != nullptr ? file : "", line});
    return 0;
  };
  backtrace_full(state, 0, add_frame, ignore_error, &frames);
  return frames;
}
#endif

// One frame as sanitizers print it: `#N 0xADDR in FUNCTION FILE:LINE` when the debug info knows
// the line, else `#N 0xADDR in FUNCTION (/path/module+0xOFFSET)` with the function from the
// dynamic symbol table when there is one.
inline void print_frame(std::FILE* out, std::string_view indent, std::size_t index,
                        const stack_frame& frame) {
  std::string function = frame.function;
  std::string where;
  if (!frame.file.empty()) {
    where = frame.file + ":" + std::to_string(frame.line);
    // NOLINTNEXTLINE(performance-no-int-to-ptr): dladdr takes the code address as a pointer.
  } else if (Dl_info info{}; ::dladdr(reinterpret_cast<void*>(frame.pc), &info) != 0) {
    if (function.empty()) function = demangle(info.dli_sname);
    char offset[32];
    std::snprintf(
        offset, sizeof offset, "+0x%jx",
        static_cast<std::uintmax_t>(frame.pc - reinterpret_cast<std::uintptr_t>(info.dli_fbase)));
    where = std::string{"("} + (info.dli_fname != nullptr ? info.dli_fname : "") + offset + ")";
  }
  std::fprintf(out, "%.*s#%zu 0x%jx %s%s %s\n", static_cast<int>(indent.size()), indent.data(),
               index, static_cast<std::uintmax_t>(frame.pc), function.empty() ? "" : "in ",
               function.c_str(), where.c_str());
}

// Prints the calling thread's stack to `out`, one frame a line, indented by `indent`. Frames
// from the top down to the deepest one whose file `is_hidden` accepts are left out (the
// reporting machinery and the inlined library code above the user's call), unless that would
// leave none.
inline void print_stack_trace(std::FILE* out, std::string_view indent,
                              bool (*is_hidden)(std::string_view file)) {
  const std::vector<stack_frame> frames = capture_stack();
  std::size_t first_shown = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    if (is_hidden(frames[i].file)) first_shown = i + 1;
  }
  if (first_shown == frames.size()) first_shown = 0;
  for (std::size_t i = first_shown; i < frames.size(); ++i) {
    print_frame(out, indent, i - first_shown, frames[i]);
  }
}

}  // namespace safemap::detail
