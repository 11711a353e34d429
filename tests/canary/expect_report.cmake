# Runs PROGRAM and passes only if it printed a sanitizer report matching REPORT and exited with
# EXIT_CODE. Both halves matter: a report with exit code 0 is the "sanitizer printed, test still
# green" failure this canary exists to catch.
#   cmake -DPROGRAM=<exe> -DREPORT=<regex> -DEXIT_CODE=<n> -P expect_report.cmake
execute_process(COMMAND "${PROGRAM}" RESULT_VARIABLE exit_code
  OUTPUT_VARIABLE output ERROR_VARIABLE output)
message("${output}")
if(NOT output MATCHES "${REPORT}")
  message(FATAL_ERROR "CANARY FAILED: ${PROGRAM} printed no report matching '${REPORT}'. "
    "Is the sanitizer really on in this preset?")
endif()
if(NOT exit_code STREQUAL "${EXIT_CODE}")
  message(FATAL_ERROR "CANARY FAILED: ${PROGRAM} reported but exited with '${exit_code}', "
    "not ${EXIT_CODE}. Check the *SAN_OPTIONS exit code and halt_on_error in the test preset.")
endif()
