# cmake -P script: installs this build of safemap into a fresh prefix, then configures, builds
# and runs a consumer project against that prefix with the same compiler and flags: its program
# `consumer`, or, with -DRUN_TESTS=ON, its ctest tests.
# Inputs (-D): BUILD_DIR, PROJECT_DIR, WORK_DIR, CXX_COMPILER, CXX_FLAGS, BUILD_TYPE, GENERATOR,
# RUN_TESTS.
foreach(input IN ITEMS BUILD_DIR PROJECT_DIR WORK_DIR CXX_COMPILER GENERATOR)
  if(NOT DEFINED ${input})
    message(FATAL_ERROR "install_and_consume.cmake: -D${input}=... is required")
  endif()
endforeach()

function(run_step description)
  message(STATUS "consumer test: ${description}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "consumer test: ${description} failed (${result})")
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
set(consumer_build "${WORK_DIR}/build")

run_step("install safemap into ${prefix}"
  "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")
# The prefix must hold headers and package files only: nothing of the build tree.
if(NOT EXISTS "${prefix}/include/safemap/safemap.hpp")
  message(FATAL_ERROR "consumer test: headers missing from ${prefix}/include/safemap")
endif()
run_step("configure the consumer against the installed package"
  "${CMAKE_COMMAND}" -S "${PROJECT_DIR}" -B "${consumer_build}" -G "${GENERATOR}"
  "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
  "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}" "-DCMAKE_PREFIX_PATH=${prefix}"
  -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON -DCMAKE_COMPILE_WARNING_AS_ERROR=ON)
run_step("build the consumer" "${CMAKE_COMMAND}" --build "${consumer_build}")
if(RUN_TESTS)
  run_step("run the consumer's tests" "${CMAKE_CTEST_COMMAND}" --test-dir "${consumer_build}"
    --output-on-failure)
else()
  run_step("run the consumer" "${consumer_build}/consumer")
endif()
