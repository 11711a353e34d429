# Checks that the test preset's sanitizer runtime options reach the tests, and prints them.
# Each sanitizer this build uses (SANITIZERS, from SAFEMAP_SANITIZER) needs its *_OPTIONS with
# halt_on_error=1: without it a report can scroll by while the test passes, and a TSan run on a
# corrupted map can hang after its first report.
# The printed lines ("runtime option: NAME=VALUE") are also how ci/gap_report.py runs the stress
# executables with exactly the environment that `ctest --preset X` gives them.
#   cmake -DSANITIZERS=<list> -P runtime_options.cmake
set(required_for_thread TSAN_OPTIONS)
set(required_for_address ASAN_OPTIONS)
set(required_for_undefined UBSAN_OPTIONS)

set(missing "")
foreach(sanitizer IN LISTS SANITIZERS)
  foreach(variable IN LISTS required_for_${sanitizer})
    if(NOT "$ENV{${variable}}" MATCHES "(^| )halt_on_error=1( |$)")
      list(APPEND missing "${variable} (for ${sanitizer}) lacks halt_on_error=1: '$ENV{${variable}}'")
    endif()
  endforeach()
endforeach()

# LeakSanitizer prints every leak it finds: a component that leaks on every operation made a
# report past ctest's output limit, and the test ended as a time-out instead of a finding.
if(";${SANITIZERS};" MATCHES ";address;" AND NOT "$ENV{LSAN_OPTIONS}" MATCHES "(^| )max_leaks=[1-9][0-9]*( |$)")
  list(APPEND missing "LSAN_OPTIONS (for address) lacks max_leaks=N: '$ENV{LSAN_OPTIONS}'")
endif()

foreach(variable IN ITEMS TSAN_OPTIONS ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS)
  if(DEFINED ENV{${variable}})
    message("runtime option: ${variable}=$ENV{${variable}}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E environment OUTPUT_VARIABLE environment)
string(REGEX MATCHALL "(^|\n)SAFEMAP_[A-Z0-9_]+=[^\n]*" safemap_variables "${environment}")
foreach(line IN LISTS safemap_variables)
  string(STRIP "${line}" line)
  message("runtime option: ${line}")
endforeach()

if(missing)
  list(JOIN missing "\n  " missing)
  message(FATAL_ERROR "Run this through the test preset (ctest --preset <name>):\n  ${missing}")
endif()
