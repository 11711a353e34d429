# Runs a misuse scenario RUNS times and passes when at least MIN_REPORTED runs died by a signal
# (checked_map aborts) after printing the whole report: Go's line, the sanitizer-style header,
# the thread that noticed, frame #0 at the user's call and the SUMMARY line. Prints the rate.
#   cmake -DPROGRAM=<exe> -DSCENARIO=<name> -DKIND=<message> -DRUNS=10 -DMIN_REPORTED=9
#         [-DFUNCTION=<function frame #0 must name, in misuse.cpp>] -P expect_misuse_report.cmake
# Without FUNCTION, frame #0 must be a module+offset frame (the build without libbacktrace).
foreach(required IN ITEMS PROGRAM SCENARIO KIND RUNS MIN_REPORTED)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "expect_misuse_report.cmake: -D${required}=... is required")
  endif()
endforeach()

if(DEFINED FUNCTION)
  set(frame0 "in [^\n]*${FUNCTION}[^\n]* [^\n]*/misuse\\.cpp:[0-9]+\n")
else()
  set(frame0 "[^\n]*\\([^\n]*\\+0x[0-9a-f]+\\)\n")
endif()
string(CONCAT report "fatal error: ${KIND}\n==[0-9]+==ERROR: CheckedMap: ${KIND}\n"
  "  safemap::checked_map<int, long>::[^\n]+ noticed it in thread [0-9]+:\n"
  "    #0 0x[0-9a-f]+ ${frame0}"
  ".*\nSUMMARY: CheckedMap: ${KIND}\n")

set(reported 0)
foreach(run RANGE 1 ${RUNS})
  execute_process(COMMAND "${PROGRAM}" "${SCENARIO}" RESULT_VARIABLE result
    OUTPUT_VARIABLE output ERROR_VARIABLE output)
  # A number is a normal exit; a signal (abort) comes back as its description.
  if(NOT result MATCHES "^[0-9]+$" AND output MATCHES "${report}")
    math(EXPR reported "${reported} + 1")
  else()
    message("run ${run}: not reported (exit: ${result}); output:\n${output}")
  endif()
endforeach()

message("${SCENARIO}: '${KIND}' reported with a stack in ${reported}/${RUNS} runs")
if(reported LESS MIN_REPORTED)
  message(FATAL_ERROR "${SCENARIO}: reported in ${reported}/${RUNS} runs, "
    "fewer than the ${MIN_REPORTED} required")
endif()
