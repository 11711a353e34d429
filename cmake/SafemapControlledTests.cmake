# safemap_add_controlled_test() and safemap_use_atomic_points(): controlled schedules for a
# project's own tests (docs/explore.md). This project includes it through SafemapTesting.cmake;
# an installed package includes it from its config (find_package(safemap)), with the facts of
# the build it was installed from: SAFEMAP_SANITIZER, SAFEMAP_ATOMIC_POINTS,
# SAFEMAP_POINTS_RUNTIME (cmake/SafemapSanitizers.cmake says what each means).
include_guard(GLOBAL)

# safemap_add_controlled_test(<target> [PLAIN_MAIN] [SCHEDULES <n>] [BUDGET <seconds>]
#                             [STRATEGIES <names>...] [ARGS <arguments...>])
# An existing test executable, its source unchanged, under controlled schedules: links
# safemap::controlled_runtime into <target> and registers, for each GoogleTest test case and
# each strategy (random and pct unless told), the ctest test
# <target>.controlled.<Suite>.<Test>.<strategy>, which runs that case through safemap-explore
# (one process per schedule, at most <n> schedules and <seconds>, defaults 1000 and 20) and fails
# at the first failing schedule with its replay command (docs/explore.md). The cases are listed
# when ctest starts (cmake/SafemapControlledDiscovery.cmake); ARGS reach the listing too, so a
# --gtest_filter there narrows it. PLAIN_MAIN: <target> is no GoogleTest executable; one test per
# strategy, <target>.controlled.<strategy>, runs it whole.
function(safemap_add_controlled_test target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "PLAIN_MAIN" "SCHEDULES;BUDGET" "STRATEGIES;ARGS")
  if(NOT arg_SCHEDULES)
    set(arg_SCHEDULES 1000)
  endif()
  if(NOT arg_BUDGET)
    set(arg_BUDGET 20)
  endif()
  if(NOT arg_STRATEGIES)
    set(arg_STRATEGIES random pct)
  endif()
  target_link_libraries(${target} PRIVATE safemap::controlled_runtime)
  set(discovery "${CMAKE_CURRENT_BINARY_DIR}/${target}_controlled_tests.cmake")
  file(GENERATE OUTPUT "${discovery}" CONTENT "\
set(TARGET [==[${target}]==])
set(EXECUTABLE [==[$<TARGET_FILE:${target}>]==])
set(EXPLORE [==[$<TARGET_FILE:safemap::safemap-explore>]==])
set(ARGS [==[${arg_ARGS}]==])
set(PLAIN_MAIN ${arg_PLAIN_MAIN})
set(SCHEDULES ${arg_SCHEDULES})
set(BUDGET ${arg_BUDGET})
set(STRATEGIES [==[${arg_STRATEGIES}]==])
set(LIST_FILE [==[${CMAKE_CURRENT_BINARY_DIR}/${target}_test_cases.json]==])
set(LABELS explore)
set(TIMEOUT 300)
include([==[${CMAKE_CURRENT_FUNCTION_LIST_DIR}/SafemapControlledDiscovery.cmake]==])
")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${discovery}")
endfunction()

# safemap_use_atomic_points(<target>)
# Makes every atomic operation of <target>'s own code a scheduling point of controlled schedules
# (docs/explore.md#what-is-a-scheduling-point), where the build can (SAFEMAP_ATOMIC_POINTS; not
# in the asan presets, where it is an error). The tsan presets have them in every executable
# that links the harness already. Elsewhere (SAFEMAP_POINTS_RUNTIME) <target> is compiled with
# ThreadSanitizer's instrumentation of atomics (and of nothing else that clang can leave out;
# g++ also instruments plain accesses, which then cost a call each, and can be points too:
# SAFEMAP_MEMORY_POINTS) and linked, instead of TSan's runtime, with the harness's
# scheduling-points runtime: normal semantics, no race detector.
function(safemap_use_atomic_points target)
  if(NOT SAFEMAP_ATOMIC_POINTS)
    message(FATAL_ERROR "safemap_use_atomic_points(${target}): atomics cannot be scheduling "
      "points in a build with SAFEMAP_SANITIZER='${SAFEMAP_SANITIZER}'")
  endif()
  if(NOT SAFEMAP_POINTS_RUNTIME)
    return()
  endif()
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    target_compile_options(${target} PRIVATE -fsanitize=thread
      "SHELL:-mllvm -tsan-instrument-func-entry-exit=0"
      "SHELL:-mllvm -tsan-instrument-memory-accesses=0")
  else()
    # -Wno-tsan: g++ warns that TSan cannot check fences, which this runtime does not do.
    target_compile_options(${target} PRIVATE -fsanitize=thread
      --param=tsan-instrument-func-entry-exit=0 -Wno-tsan)
  endif()
  target_compile_definitions(${target} PRIVATE SAFEMAP_POINTS_RUNTIME)
  target_link_libraries(${target} PRIVATE safemap::points_runtime)
endfunction()
