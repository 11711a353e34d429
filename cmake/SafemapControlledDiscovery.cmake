# Run by ctest, before any test, for each executable of safemap_add_controlled_test()
# (cmake/SafemapControlledTests.cmake): registers one controlled test per GoogleTest test case and
# strategy, <target>.controlled.<Suite>.<Test>.<strategy>, or, for a plain main,
# <target>.controlled.<strategy>. The test cases are read when the tests run, not when the
# project is configured, so a test added to the source is explored after the next build.
# GoogleTest lists them as JSON (--gtest_list_tests --gtest_output=json:<file>).

function(_safemap_controlled_test name)
  add_test(${name} ${EXPLORE} --strategy ${ARGN})
  set_tests_properties(${name} PROPERTIES LABELS "${LABELS}" TIMEOUT ${TIMEOUT})
endfunction()

# <variable>: 0 to <count> - 1, none for 0 (where `foreach(RANGE 0 -1)` would count down).
function(_safemap_indices variable count)
  set(indices "")
  if(count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(index RANGE ${last})
      list(APPEND indices ${index})
    endforeach()
  endif()
  set(${variable} "${indices}" PARENT_SCOPE)
endfunction()

# <variable>: the "<Suite>.<Test>" names GoogleTest lists for EXECUTABLE ARGS, without its
# disabled tests (they are not run plainly either).
function(_safemap_listed_test_cases variable)
  file(REMOVE "${LIST_FILE}")
  execute_process(
    COMMAND "${EXECUTABLE}" ${ARGS} --gtest_list_tests "--gtest_output=json:${LIST_FILE}"
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output TIMEOUT 120)
  if(NOT result EQUAL 0 OR NOT EXISTS "${LIST_FILE}")
    message(FATAL_ERROR "safemap_add_controlled_test(${TARGET}): `${EXECUTABLE} "
      "--gtest_list_tests` failed (${result}); is it a GoogleTest executable (else say "
      "PLAIN_MAIN)?\n${output}")
  endif()
  file(READ "${LIST_FILE}" listing)
  set(cases "")
  string(JSON suites LENGTH "${listing}" testsuites)
  _safemap_indices(suite_indices ${suites})
  foreach(suite IN LISTS suite_indices)
    string(JSON suite_name GET "${listing}" testsuites ${suite} name)
    string(JSON tests LENGTH "${listing}" testsuites ${suite} testsuite)
    _safemap_indices(test_indices ${tests})
    foreach(test IN LISTS test_indices)
      string(JSON test_name GET "${listing}" testsuites ${suite} testsuite ${test} name)
      if(NOT "${suite_name}.${test_name}" MATCHES "(^|\\.|/)DISABLED_")
        list(APPEND cases "${suite_name}.${test_name}")
      endif()
    endforeach()
  endforeach()
  if(NOT cases)
    message(FATAL_ERROR "safemap_add_controlled_test(${TARGET}): `${EXECUTABLE} ${ARGS}` lists "
      "no test case to explore: does its filter match any?")
  endif()
  set(${variable} "${cases}" PARENT_SCOPE)
endfunction()

set(explored --schedules ${SCHEDULES} --budget ${BUDGET} -- "${EXECUTABLE}" ${ARGS})
if(PLAIN_MAIN)
  foreach(strategy IN LISTS STRATEGIES)
    _safemap_controlled_test(${TARGET}.controlled.${strategy} ${strategy} ${explored})
  endforeach()
else()
  _safemap_listed_test_cases(test_cases)
  foreach(test_case IN LISTS test_cases)
    foreach(strategy IN LISTS STRATEGIES)
      _safemap_controlled_test(${TARGET}.controlled.${test_case}.${strategy} ${strategy}
        ${explored} --gtest_filter=${test_case})
    endforeach()
  endforeach()
endif()
