// safemap::detail::thread_sanitizer_build — whether this translation unit is built with
// ThreadSanitizer (-fsanitize=thread), for the few places where the library must behave
// differently under it: g++ defines __SANITIZE_THREAD__, clang answers __has_feature. Code
// compiled with TSan's instrumentation for the harness's scheduling-points runtime
// (SAFEMAP_POINTS_RUNTIME, cmake/SafemapControlledTests.cmake) has no race detector behind it.
#pragma once

namespace safemap::detail {

#if defined(SAFEMAP_POINTS_RUNTIME)
inline constexpr bool thread_sanitizer_build = false;
#elif defined(__SANITIZE_THREAD__)
inline constexpr bool thread_sanitizer_build = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
inline constexpr bool thread_sanitizer_build = true;
#else
inline constexpr bool thread_sanitizer_build = false;
#endif
#else
inline constexpr bool thread_sanitizer_build = false;
#endif

}  // namespace safemap::detail
