// Canary: the sanitizers this build claims to use are the ones really compiled in and linked.
//
// The preset names its sanitizers once, in SAFEMAP_SANITIZER, which reaches this file as
// SAFEMAP_EXPECTED_SANITIZERS; cmake/SafemapSanitizers.cmake derives the -fsanitize flags from
// it. Flags lost on the way (a module that derives none, or whose flags stop reaching the
// targets) or a sanitizer added past the variable (-fsanitize=... in CMAKE_CXX_FLAGS or a
// toolchain file) would otherwise run a suite that nothing watched, or one watched unasked.
// Checked twice: at compile time (the compiler's feature macros) and at run time (the runtime's
// entry points are linked into this process).
#include <dlfcn.h>

#include <cstdio>
#include <set>
#include <sstream>
#include <string>

#ifndef __has_feature
#define __has_feature(x) 0  // gcc spells these as __SANITIZE_*__ macros instead
#endif

namespace {

std::set<std::string> compiled_in() {
  std::set<std::string> found;
#if __has_feature(thread_sanitizer) || defined(__SANITIZE_THREAD__)
  found.insert("thread");
#endif
#if __has_feature(address_sanitizer) || defined(__SANITIZE_ADDRESS__)
  found.insert("address");
#endif
  return found;
}

bool runtime_has(const char* symbol) { return dlsym(RTLD_DEFAULT, symbol) != nullptr; }

std::set<std::string> linked_in() {
  std::set<std::string> found;
  if (runtime_has("__tsan_init")) found.insert("thread");
  if (runtime_has("__asan_init")) found.insert("address");
  // UBSan's handlers are linked only when used; tests/canary/signed_overflow.cpp proves it live.
  return found;
}

std::set<std::string> expected() {
  std::set<std::string> wanted;
  std::istringstream list{SAFEMAP_EXPECTED_SANITIZERS};
  for (std::string name; std::getline(list, name, ',');) {
    if (name == "thread" || name == "address") wanted.insert(name);
  }
  return wanted;
}

std::string join(const std::set<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ",") + name;
  return text.empty() ? "none" : text;
}

}  // namespace

int main() {
  const auto wanted = expected();
  const auto compiled = compiled_in();
  const auto linked = linked_in();
  std::printf("expected: %s\ncompiled in: %s\nruntime linked: %s\n", join(wanted).c_str(),
              join(compiled).c_str(), join(linked).c_str());
  if (compiled != wanted || linked != wanted) {
    std::fprintf(stderr,
                 "CANARY FAILED: this build claims sanitizers '%s' but the compiler put in '%s' "
                 "and the runtime linked '%s'. Check the flags cmake/SafemapSanitizers.cmake "
                 "derives from SAFEMAP_SANITIZER, and CMAKE_CXX_FLAGS.\n",
                 join(wanted).c_str(), join(compiled).c_str(), join(linked).c_str());
    return 1;
  }
  return 0;
}
