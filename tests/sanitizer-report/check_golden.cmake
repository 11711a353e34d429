# Runs sanitizer-report and compares its standard output with a golden file.
#   cmake -DTOOL=<exe> -DWORKDIR=<dir> -DGOLDEN=<file> "-DARGS=a|b|c" -P check_golden.cmake
# With SANITIZER_REPORT_UPDATE_GOLDEN=1 in the environment it rewrites the golden file instead
# (review the diff before committing it).
string(REPLACE "|" ";" args "${ARGS}")
execute_process(COMMAND "${TOOL}" ${args} WORKING_DIRECTORY "${WORKDIR}"
  OUTPUT_VARIABLE actual ERROR_VARIABLE errors RESULT_VARIABLE exit_code)
if(NOT exit_code EQUAL 0)
  message(FATAL_ERROR "sanitizer-report ${args} exited with ${exit_code}:\n${errors}")
endif()
if("$ENV{SANITIZER_REPORT_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE "${GOLDEN}" "${actual}")
  message(STATUS "updated ${GOLDEN}")
  return()
endif()
file(READ "${GOLDEN}" expected)
if(NOT actual STREQUAL expected)
  get_filename_component(name "${GOLDEN}" NAME)
  set(actual_file "${CMAKE_CURRENT_BINARY_DIR}/${name}.actual")
  file(WRITE "${actual_file}" "${actual}")
  execute_process(COMMAND diff -u "${GOLDEN}" "${actual_file}" OUTPUT_VARIABLE difference)
  message(FATAL_ERROR "output differs from ${GOLDEN}:\n${difference}")
endif()
