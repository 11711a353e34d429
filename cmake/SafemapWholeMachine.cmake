# SAFEMAP_WHOLE_MACHINE: the PROCESSORS value of a test that keeps every core busy on its own (a
# thread sweep, clang-tidy over the tree, a nested build). ci/run-presets.sh runs ctest with one
# job per core; a test that asks for all of them runs with nothing beside it, so it neither slows
# its neighbours nor gets slowed past its time-out. No include guard: the value is a directory
# variable, so every directory that uses it includes this file.
cmake_host_system_information(RESULT SAFEMAP_WHOLE_MACHINE QUERY NUMBER_OF_LOGICAL_CORES)
set(SAFEMAP_WHOLE_MACHINE_LABEL whole_machine)

# safemap_whole_machine_tests(<test>...): each test asks for every core and carries the label
# SAFEMAP_WHOLE_MACHINE_LABEL, the one list of such tests (ci.whole_machine_tests_run_alone finds
# them by it).
# Call it after the tests' own LABELS, which set_tests_properties would replace.
function(safemap_whole_machine_tests)
  set_tests_properties(${ARGN} PROPERTIES PROCESSORS ${SAFEMAP_WHOLE_MACHINE})
  set_property(TEST ${ARGN} APPEND PROPERTY LABELS ${SAFEMAP_WHOLE_MACHINE_LABEL})
endfunction()
