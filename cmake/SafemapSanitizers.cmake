# The sanitizers of this build, stated once: SAFEMAP_SANITIZER (set by the sanitizer presets in
# presets/base.json) names them, and this module checks the list and derives every flag from it.
# The flags go on the directory scope of the top-level CMakeLists.txt, which includes this file
# before its first add_subdirectory(): every target of the build gets them, GoogleTest compiled
# from source included (cmake/SafemapTesting.cmake), while the installed targets' interfaces
# carry none of them. The canaries (tests/canary/) check that what SAFEMAP_SANITIZER claims is
# what the compiler and the runtime really did.
include_guard(GLOBAL)

set(SAFEMAP_SANITIZER "" CACHE STRING
  "Sanitizers of this build, a list of: address, undefined, thread (empty: none)")
set_property(CACHE SAFEMAP_SANITIZER PROPERTY STRINGS "" "address;undefined" "thread")

set(_safemap_sanitizers ${SAFEMAP_SANITIZER})
list(REMOVE_DUPLICATES _safemap_sanitizers)
foreach(name IN LISTS _safemap_sanitizers)
  if(NOT name MATCHES "^(address|undefined|thread)$")
    message(FATAL_ERROR "safemap: SAFEMAP_SANITIZER='${SAFEMAP_SANITIZER}' names an unknown "
      "sanitizer '${name}' (known: address, undefined, thread)")
  endif()
endforeach()
if("thread" IN_LIST _safemap_sanitizers AND "address" IN_LIST _safemap_sanitizers)
  message(FATAL_ERROR "safemap: SAFEMAP_SANITIZER='${SAFEMAP_SANITIZER}' combines thread with "
    "address, which one build cannot hold: use \"address;undefined\" (the asan presets) or "
    "\"thread\" (the tsan presets)")
endif()

# SAFEMAP_SANITIZER_FLAGS: the compile and link flags, as a list, for whatever builds against
# this build outside it (tests/consumer). -O1 keeps the instrumented code fast enough to stress;
# with UBSan every finding is fatal.
set(SAFEMAP_SANITIZER_FLAGS "")
if(_safemap_sanitizers)
  list(JOIN _safemap_sanitizers "," _safemap_joined)
  list(APPEND SAFEMAP_SANITIZER_FLAGS "-fsanitize=${_safemap_joined}")
  if("undefined" IN_LIST _safemap_sanitizers)
    list(APPEND SAFEMAP_SANITIZER_FLAGS -fno-sanitize-recover=all)
  endif()
  list(APPEND SAFEMAP_SANITIZER_FLAGS -O1 -g -fno-omit-frame-pointer)
  add_compile_options(${SAFEMAP_SANITIZER_FLAGS})
  add_link_options(${SAFEMAP_SANITIZER_FLAGS})
endif()
unset(_safemap_sanitizers)
unset(_safemap_joined)

# SAFEMAP_ATOMIC_POINTS: whether atomics can be scheduling points in this build. Only
# ThreadSanitizer's instrumentation turns each atomic operation into a call: the tsan presets
# wrap TSan's (src/stress/schedule/atomic_hooks.cpp) in every executable that links the harness;
# builds without a sanitizer compile the executables that ask (safemap_use_atomic_points,
# cmake/SafemapControlledTests.cmake) with the instrumentation and link the harness's own runtime
# (src/stress/schedule/points_runtime.cpp). The asan presets cannot hold the instrumentation.
# SAFEMAP_POINTS_RUNTIME: whether that runtime is how (atomics can be points, and not by TSan).
if("address" IN_LIST SAFEMAP_SANITIZER)
  set(SAFEMAP_ATOMIC_POINTS OFF)
else()
  set(SAFEMAP_ATOMIC_POINTS ON)
endif()
if(SAFEMAP_ATOMIC_POINTS AND NOT "thread" IN_LIST SAFEMAP_SANITIZER)
  set(SAFEMAP_POINTS_RUNTIME ON)
else()
  set(SAFEMAP_POINTS_RUNTIME OFF)
endif()
# SAFEMAP_MEMORY_POINTS: whether that runtime also makes plain loads and stores points on request
# (schedule_settings::memory_points): g++ instruments them, clang is told not to.
if(SAFEMAP_POINTS_RUNTIME AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  set(SAFEMAP_MEMORY_POINTS ON)
else()
  set(SAFEMAP_MEMORY_POINTS OFF)
endif()
