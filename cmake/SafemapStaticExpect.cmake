# The `static` detector's check, run by ctest as `cmake -P` (registered by
# safemap_add_broken_variant for `// EXPECT static: <diagnostic> at @<MARKER>`): compiling the
# variant with Clang Thread Safety Analysis and the project's clang-tidy checks must produce a
# diagnostic containing <diagnostic> on one of the marked lines of the header, as lit's
# `not %clang ... | FileCheck` does. Absent, or only on other lines: the test fails and prints
# every diagnostic the header got.
#
#   cmake -DCLANG_TIDY=<clang-tidy> -DCONFIG=<.clang-tidy> -DBUILD_DIR=<compile_commands folder>
#         -DSOURCE=<translation unit including the header> -DHEADER=<absolute header path>
#         -DHEADER_REGEX=<the path as a regular expression matching itself>
#         -DLINES=<line|line...> -DDIAGNOSTIC=<text> -P SafemapStaticExpect.cmake
cmake_minimum_required(VERSION 3.25)
foreach(required CLANG_TIDY CONFIG BUILD_DIR SOURCE HEADER HEADER_REGEX LINES DIAGNOSTIC)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "SafemapStaticExpect.cmake: -D${required}=... is required")
  endif()
endforeach()

string(REPLACE "|" ";" LINES "${LINES}")

# -Wno-error: the diagnostics are the result here, not a failed build. The analysis flags come
# last, so they win over the -Wno-thread-safety that broken variants compile with.
execute_process(
  COMMAND "${CLANG_TIDY}" -p "${BUILD_DIR}" "--config-file=${CONFIG}" --quiet
          "--header-filter=^${HEADER_REGEX}$" --extra-arg=-Wno-error --extra-arg=-Wthread-safety
          --extra-arg=-Wthread-safety-beta "${SOURCE}"
  OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE status)

# CMake lists split at semicolons: in the diagnostics (and the expected text) they become commas.
string(REPLACE ";" "," output "${output}")
string(REPLACE ";" "," DIAGNOSTIC "${DIAGNOSTIC}")
string(REGEX MATCHALL "[^\n]*:[0-9]+:[0-9]+: (warning|error): [^\n]*" diagnostics "${output}")
set(found "")
set(of_header "")
foreach(diagnostic IN LISTS diagnostics)
  if(NOT diagnostic MATCHES "^(.*):([0-9]+):[0-9]+: (warning|error): (.*)$")
    continue()
  endif()
  if(NOT CMAKE_MATCH_1 STREQUAL HEADER)
    continue()
  endif()
  list(APPEND of_header "${diagnostic}")
  set(line ${CMAKE_MATCH_2})
  string(FIND "${CMAKE_MATCH_4}" "${DIAGNOSTIC}" at)
  if(line IN_LIST LINES AND NOT at EQUAL -1)
    set(found "${diagnostic}")
  endif()
endforeach()

if(found)
  message("static: found `${DIAGNOSTIC}` at a marked line:\n  ${found}")
  return()
endif()
list(JOIN LINES ", " line_list)
list(JOIN of_header "\n  " header_diagnostics)
if(NOT header_diagnostics)
  set(header_diagnostics "(none)")
endif()
message(FATAL_ERROR "static: expected `${DIAGNOSTIC}` in ${HEADER} at line ${line_list}; "
  "the header's diagnostics:\n  ${header_diagnostics}\nclang-tidy exited with ${status}\n"
  "${errors}")
