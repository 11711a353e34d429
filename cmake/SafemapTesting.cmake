# GoogleTest for this build, and safemap_add_gtest() to declare a test executable in one call.
#
# Under a sanitizer every line that runs must be instrumented, the test framework too, or TSan
# misses synchronisation inside it and reports false races. The sanitizer presets therefore set
# SAFEMAP_GTEST_FROM_SOURCE=ON: GoogleTest is compiled here, from Debian's /usr/src/googletest,
# with the sanitizer flags cmake/SafemapSanitizers.cmake puts on the top-level directory (its
# add_compile_options / add_link_options reach this add_subdirectory too). The normal preset
# uses the installed package.
# A machine with neither falls back to FetchContent (never the path taken on the project's CI).
include_guard(GLOBAL)

option(SAFEMAP_GTEST_FROM_SOURCE "Compile GoogleTest from source with this build's flags" OFF)
set(SAFEMAP_GTEST_SOURCE_DIR "/usr/src/googletest" CACHE PATH "GoogleTest source tree")

function(_safemap_gtest_from_source)
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  set(BUILD_GMOCK ON CACHE BOOL "" FORCE)
  if(EXISTS "${SAFEMAP_GTEST_SOURCE_DIR}/CMakeLists.txt")
    add_subdirectory("${SAFEMAP_GTEST_SOURCE_DIR}" "${PROJECT_BINARY_DIR}/_deps/googletest"
      EXCLUDE_FROM_ALL SYSTEM)
  else()
    message(STATUS "safemap: no GoogleTest source at ${SAFEMAP_GTEST_SOURCE_DIR}; "
      "fetching release 1.12.1 with FetchContent")
    include(FetchContent)
    FetchContent_Declare(googletest
      GIT_REPOSITORY https://github.com/google/googletest.git
      GIT_TAG release-1.12.1
      SYSTEM)
    FetchContent_MakeAvailable(googletest)
  endif()
  # GoogleTest's own code is not ours to keep warning-free.
  foreach(target IN ITEMS gtest gtest_main gmock gmock_main)
    set_target_properties(${target} PROPERTIES COMPILE_WARNING_AS_ERROR OFF)
  endforeach()
endfunction()

if(SAFEMAP_GTEST_FROM_SOURCE)
  _safemap_gtest_from_source()
else()
  find_package(GTest CONFIG)
  if(NOT GTest_FOUND)
    _safemap_gtest_from_source()
  endif()
endif()

include(GoogleTest)

# Sanitizer start-up (shadow memory, symbolizer) makes test listing slow; discovery runs at
# test time (PRE_TEST) so it sees the test preset's environment, with a generous time-out.
set(SAFEMAP_DISCOVERY_TIMEOUT 120)

# safemap_add_gtest(<name> SOURCES <files...> [LIBRARIES <targets...>] [LABELS <labels...>])
# One GoogleTest executable <name> (linked with GTest::gtest_main and safemap::warnings) whose
# tests are each registered with ctest as <name>.<Suite>.<Test>: the executable's name prefixes
# them, so two executables with a suite of the same name never register one ctest name twice,
# and `ctest -R '^<name>\.'` runs one executable's tests. LABELS go on every one of them.
function(safemap_add_gtest name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LIBRARIES;LABELS")
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE ${arg_LIBRARIES} safemap::warnings GTest::gtest_main)
  gtest_discover_tests(${name}
    TEST_PREFIX "${name}."
    DISCOVERY_MODE PRE_TEST
    DISCOVERY_TIMEOUT ${SAFEMAP_DISCOVERY_TIMEOUT}
    PROPERTIES LABELS "${arg_LABELS}")
endfunction()

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
set(EXPLORE [==[$<TARGET_FILE:safemap-explore>]==])
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
