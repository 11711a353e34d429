#include "stress/signal_stack.hpp"

#include <csignal>
#include <cstddef>

namespace safemap::stress {

#ifndef SAFEMAP_SANITIZER_OWNS_CRASHES
namespace {
constexpr std::size_t signal_stack_bytes = std::size_t{64} * 1024;
}  // namespace
#endif

alternate_signal_stack::alternate_signal_stack() {
#ifndef SAFEMAP_SANITIZER_OWNS_CRASHES
  memory_ = std::make_unique<char[]>(signal_stack_bytes);
  stack_t stack{};
  stack.ss_sp = memory_.get();
  stack.ss_size = signal_stack_bytes;
  if (::sigaltstack(&stack, nullptr) != 0) memory_.reset();
#endif
}

alternate_signal_stack::~alternate_signal_stack() {
  if (!memory_) return;
  stack_t disabled{};
  disabled.ss_flags = SS_DISABLE;
  (void)::sigaltstack(&disabled, nullptr);  // before the memory goes
}

}  // namespace safemap::stress
