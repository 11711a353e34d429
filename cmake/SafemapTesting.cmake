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

# safemap_add_controlled_test() and safemap_use_atomic_points(): an installed package gives them
# too (cmake/SafemapControlledTests.cmake).
include(SafemapControlledTests)
