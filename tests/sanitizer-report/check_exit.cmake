# Runs a command and passes when it exits with EXIT_CODE and its output matches OUTPUT (regex).
#   cmake -DWORKDIR=<dir> "-DCOMMAND=exe|arg|arg" -DEXIT_CODE=<n> [-DOUTPUT=<regex>] -P check_exit.cmake
string(REPLACE "|" ";" command "${COMMAND}")
execute_process(COMMAND ${command} WORKING_DIRECTORY "${WORKDIR}"
  OUTPUT_VARIABLE output ERROR_VARIABLE output RESULT_VARIABLE exit_code)
message("${output}")
if(NOT exit_code STREQUAL "${EXIT_CODE}")
  message(FATAL_ERROR "expected exit code ${EXIT_CODE}, got '${exit_code}'")
endif()
if(DEFINED OUTPUT AND NOT output MATCHES "${OUTPUT}")
  message(FATAL_ERROR "output does not match '${OUTPUT}'")
endif()
