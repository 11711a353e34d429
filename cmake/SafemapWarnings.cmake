# safemap::warnings: the warning set every target of this project compiles with.
# It is an INTERFACE target, not global flags, so third-party code built in the same tree
# (GoogleTest from source under the sanitizer presets) keeps its own flags.
# Warnings become errors through CMAKE_COMPILE_WARNING_AS_ERROR, set by the presets.
include_guard(GLOBAL)

add_library(safemap_warnings INTERFACE)
add_library(safemap::warnings ALIAS safemap_warnings)
target_compile_options(safemap_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough -Wformat=2
  # Clang Thread Safety Analysis: the locking policy written as annotations
  # (src/safemap/thread_annotations.hpp) is checked on every build with clang; -beta adds the
  # lock-order check of SAFEMAP_ACQUIRED_BEFORE / AFTER. Not for a target marked
  # SAFEMAP_PLANTED_BUG (a broken variant's stress executable): breaking its annotated policy is
  # its point, and its `static` expectation checks that the analysis sees it
  # (cmake/SafemapStaticExpect.cmake).
  $<$<AND:$<CXX_COMPILER_ID:Clang>,$<NOT:$<BOOL:$<TARGET_PROPERTY:SAFEMAP_PLANTED_BUG>>>>:-Wthread-safety;-Wthread-safety-beta>)
