// safemap::detail::spin_pause — the body of a spin-wait loop.
// Tells the core this is a spin-wait: it yields resources to its hyper-thread sibling and avoids
// the memory-order pipeline flush when the loop ends.
#pragma once

namespace safemap::detail {

inline void spin_pause() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

}  // namespace safemap::detail
