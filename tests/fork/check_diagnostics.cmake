# Compiles SOURCE and passes when the compile fails with exactly one error per `// MISSING: <req>`
# comment in it, each matching NEEDS with <req> in place of `<part>` (default: check_concurrent_map's
# `concurrent_map: needs ... <req>(`; tests/objects gives check_object_spec's words).
#   cmake -DCOMPILER=<c++> -DINCLUDE=<dir> -DSOURCE=<file.cpp> [-DNEEDS=<regex>]
#         -P check_diagnostics.cmake
if(NOT DEFINED NEEDS)
  set(NEEDS "concurrent_map: needs [^\n]*<part>\\(")
endif()
file(STRINGS "${SOURCE}" missing_lines REGEX "// MISSING: ")
set(expected "")
foreach(line IN LISTS missing_lines)
  string(REGEX REPLACE ".*// MISSING: ([a-z_]+).*" "\\1" requirement "${line}")
  list(APPEND expected "${requirement}")
endforeach()
execute_process(COMMAND "${COMPILER}" -std=c++20 -fsyntax-only -I "${INCLUDE}" "${SOURCE}"
  OUTPUT_VARIABLE output ERROR_VARIABLE output RESULT_VARIABLE status)
if(status EQUAL 0)
  message(FATAL_ERROR "the incomplete component compiled")
endif()
string(REPLACE ";" "," listable "${output}")  # a `;` in a message must not split the list
string(REGEX MATCHALL "[^\n]*error:[^\n]*" errors "${listable}")
list(LENGTH errors error_count)
list(LENGTH expected expected_count)
foreach(requirement IN LISTS expected)
  string(REPLACE "<part>" "${requirement}" needs_requirement "${NEEDS}")
  if(NOT output MATCHES "${needs_requirement}")
    message(FATAL_ERROR "${output}\nno diagnostic names the missing `${requirement}`")
  endif()
endforeach()
if(NOT error_count EQUAL expected_count)
  list(JOIN errors "\n" shown)
  message(FATAL_ERROR "expected ${expected_count} errors (one per missing requirement), got "
    "${error_count}:\n${shown}")
endif()
message("one compile listed all ${expected_count} missing requirements: ${expected}")
