# Registering map variants with the stress harness: one call per variant.
#
#   safemap_add_variant(NAME <name> HEADER <file> TYPE <c++ type> [LIBRARIES <targets>...]
#                       [ARGS <stress arguments>...])
#     A correct variant. Builds safemap-stress-<name> and registers, for every workload and
#     profile, the ctest test stress.<name>.<workload>.<profile>, which passes only when
#     `sanitizer-report expect --none` sees no finding at all and a clean exit. ARGS go to every
#     run after the profile, e.g. `--keys 512` for a map whose writes copy the whole table.
#
#   safemap_add_broken_variant(HEADER <file> [NAME <name>] [TYPE <c++ type>] [LIBRARIES ...]
#                              [TEST_PREFIX <prefix>])
#     A planted bug. NAME defaults to the file's stem and TYPE to
#     safemap::broken::<name><std::uint64_t, std::uint64_t>. The header declares, lit-style, what
#     the harness must find and where (read here at configure time; editing the header
#     re-configures):
#       ... buggy line ...   // <- BUG
#       // EXPECT tsan: data race at @BUG
#       // EXPECT watchdog(default,asan): deadlock at @RELOCK
#       // RUN: --workload read_heavy
#       // RUN(invariant): --ops 100000
#       // EXPECT linearizability under controlled: linearizability violation at @OPERATION
#       // RUN(controlled): --workload shared_keys
#       // Fails locally: why this bug shows no gap, when it fails a laptop test too
#       //   (continuation lines indented by three spaces)
#     `EXPECT <detector>[(<flavours>)]: <kind> at @<MARKER>[|@<MARKER>...]` registers the test
#     broken.<name>.<detector> in every build flavour (default, asan, tsan) that the detector
#     watches (tsan: tsan; asan/ubsan/lsan: asan; checked_map: default, where
#     safemap::checked_map is the only net; crash: default, where the harness's own handler
#     reports a crash as a SafemapCrash finding (sanitizer builds keep their runtimes' handlers);
#     watchdog/invariant/linearizability: all three; or the listed ones).
#     It runs the variant at the production profile with the RUN arguments (every `RUN:` line,
#     then the `RUN(<detector>):` lines of that detector). `EXPECT <detector> under <profile>:`
#     (e.g. `under controlled`) registers broken.<name>.<detector>.<profile> instead, run at that
#     profile with only its own `RUN(<profile>):` lines (the shared ones are sized for
#     production). Under `controlled_memory` (controlled, with every plain load and store a
#     scheduling point: a race inside one operation shows as its effect) the test runs the
#     variant's points build, safemap-stress-<name>-points, made for it, and is registered only
#     where SAFEMAP_MEMORY_POINTS (the default preset). Each runs under
#     `sanitizer-report expect`, and passes only when a finding of that kind is located on a line
#     carrying one of the markers (`// <- MARKER`) in this header (or, for `at <file or folder>`,
#     anywhere in that file or folder), with project frames in its stacks. Absent, or located
#     elsewhere: the test fails.
#     TEST_PREFIX (default `broken`) names and labels its tests <prefix>.<name>.<detector>[...]
#     instead: a harness fixture that declares its expectations the same way (tests/crash/) but
#     is no planted bug of the catalogue, so it stays out of the manifest (and the gap report).
#
#   safemap_add_broken_variants(DIRECTORY <dir> [LIBRARIES <targets>...])
#     Every <dir>/*.hpp, found again whenever a file is added: a new planted bug needs no line in
#     any other file. LIBRARIES are linked to every one of them.
#
# Reports are located past the frames of the library and the harness (sanitizer-report --library
# src/safemap --library src/stress): a race inside checked_map's table is the bug of the line that
# called it unguarded. A bug whose effect only surfaces in library code (a lock that orders
# nothing) names that file instead of markers: `// EXPECT tsan: data race at src/safemap/`.
#
# Every variant also lands in <build>/safemap-stress-variants.json, which `safemap-stress --list`
# and the gap report read: this module is the one reader of a broken header's declarations, and
# the manifest carries them (expectations with their run_args, fails_locally) to everything else.
#
# Include this module in each directory that registers variants (its settings are directory
# variables; the functions are global).
include_guard(DIRECTORY)
include(${CMAKE_CURRENT_LIST_DIR}/SafemapWholeMachine.cmake)

set(SAFEMAP_STRESS_MANIFEST "${PROJECT_BINARY_DIR}/safemap-stress-variants.json")
set(_SAFEMAP_STRESS_MODULE_DIR "${CMAKE_CURRENT_LIST_DIR}")

# The `static` detector's tool: clang-tidy runs the project's checks and, with the analysis
# flags, Clang Thread Safety Analysis, in one pass (ci/setup.sh installs it).
find_program(SAFEMAP_CLANG_TIDY NAMES clang-tidy-19 clang-tidy
  DOC "clang-tidy for the static detector and the lint tests")

# The build flavour, in the words EXPECT lines use.
if("thread" IN_LIST SAFEMAP_SANITIZER)
  set(SAFEMAP_BUILD_FLAVOUR tsan)
elseif("address" IN_LIST SAFEMAP_SANITIZER)
  set(SAFEMAP_BUILD_FLAVOUR asan)
else()
  set(SAFEMAP_BUILD_FLAVOUR default)
endif()

# Every workload the driver knows, read from the one list (src/stress/workloads/list.hpp, between
# its markers), and every profile (src/stress/run/profile.cpp).
set(workload_list ${CMAKE_CURRENT_LIST_DIR}/../src/stress/workloads/list.hpp)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${workload_list})
file(READ ${workload_list} workload_list_text)
string(REGEX MATCH "// workload list begins\n[^<]*<([^>]*)>;\n// workload list ends"
  workload_list_text "${workload_list_text}")
string(REGEX REPLACE "[ \n]" "" workload_list_text "${CMAKE_MATCH_1}")
string(REPLACE "," ";" SAFEMAP_STRESS_WORKLOADS "${workload_list_text}")
if(NOT SAFEMAP_STRESS_WORKLOADS)
  message(FATAL_ERROR "${workload_list}: no workload list between the markers "
    "'// workload list begins' and '// workload list ends'")
endif()
set(SAFEMAP_STRESS_PROFILES local production controlled)
# The profile that makes plain loads and stores points too (profile.cpp): only the points build
# of a variant (safemap-stress-<name>-points, where SAFEMAP_MEMORY_POINTS) can run it, so it has
# no stress tests of correct variants, and a planted bug's expectation under it runs that build.
set(SAFEMAP_STRESS_MEMORY_PROFILE controlled_memory)

# Seconds a single stress test may take before ctest kills it. The driver's own watchdog (5 s by
# default) reports hangs long before; this only guards against the harness itself hanging.
set(SAFEMAP_STRESS_TEST_TIMEOUT 300)

# Seconds an expectation test of a planted bug keeps repeating its rounds, with new seeds,
# until the finding appears (`--repeat-for`). A finding stops the run at once; on a loaded
# machine, where threads may not overlap for a while, the test keeps trying instead of failing
# after a fixed amount of work. With a pass of at most three 20 s rounds it ends within the
# test timeout above.
set(SAFEMAP_STRESS_FIND_BUDGET 120)

# How every stress and expectation test reads its run's output. The library and the harness
# (with the generated mains in the build folder) are never the variant's bug: reports point past
# their frames to the variant's own line.
set(SAFEMAP_STRESS_REPORT_OPTIONS --source-root "${PROJECT_SOURCE_DIR}"
  --library "${PROJECT_SOURCE_DIR}/src/safemap" --library "${PROJECT_SOURCE_DIR}/src/stress"
  --library "${PROJECT_BINARY_DIR}")

# _safemap_regex_escape(<out> <text>): text as a regular expression matching itself.
function(_safemap_regex_escape out text)
  string(REGEX REPLACE "([][.+*?^$(){}|\\\\])" "\\\\\\1" escaped "${text}")
  set(${out} "${escaped}" PARENT_SCOPE)
endfunction()

# _safemap_variant_executable(<name> <header> <type> <broken: true|false> <libs> [POINTS])
# POINTS: also its points build, safemap-stress-<name>-points.
function(_safemap_variant_executable name header type broken libraries)
  # Names are global (the executable is safemap-stress-<name>): a second registration would end
  # in CMake's bare "another target with the same name already exists".
  get_property(earlier GLOBAL PROPERTY _SAFEMAP_VARIANT_${name})
  if(earlier)
    message(FATAL_ERROR "the stress variant name `${name}` is registered twice: first as "
      "${earlier}, now as ${type} from ${header}. Give one of them another NAME (a broken "
      "variant's name is its file's stem).")
  endif()
  set_property(GLOBAL PROPERTY _SAFEMAP_VARIANT_${name} "${type} from ${header}")
  set(SAFEMAP_VARIANT_NAME "${name}")
  set(SAFEMAP_VARIANT_HEADER "${header}")
  set(SAFEMAP_VARIANT_TYPE "${type}")
  set(SAFEMAP_VARIANT_BROKEN "${broken}")
  _safemap_variant_source(source ${name})
  configure_file("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/safemap_variant_main.cpp.in" "${source}" @ONLY)
  # The points build, on request: the same main, with every atomic and plain access of the
  # variant (and of the harness code compiled into it) a scheduling point of `--memory-points`
  # runs. A twin, so safemap-stress-<name> stays the normal build the gap report's local column
  # speaks of.
  set(executables safemap-stress-${name})
  if("POINTS" IN_LIST ARGN)
    list(APPEND executables safemap-stress-${name}-points)
  endif()
  foreach(executable IN LISTS executables)
    add_executable(${executable} "${source}")
    target_link_libraries(${executable} PRIVATE safemap::stress safemap::warnings ${libraries})
    set_target_properties(${executable} PROPERTIES
      RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/stress" SAFEMAP_PLANTED_BUG ${broken})
  endforeach()
  if("POINTS" IN_LIST ARGN)
    safemap_use_atomic_points(safemap-stress-${name}-points)
  endif()
endfunction()

# _safemap_variant_source(<out> <name>): the generated main of safemap-stress-<name>.
function(_safemap_variant_source out name)
  set(${out} "${CMAKE_CURRENT_BINARY_DIR}/safemap_variants/${name}.cpp" PARENT_SCOPE)
endfunction()

# Adds one variant's entry (a JSON object) to the manifest written when configuring ends.
function(_safemap_manifest_add entry)
  string(REPLACE ";" "\\;" entry "${entry}")  # a `;` in a text must not split the list
  set_property(GLOBAL APPEND PROPERTY SAFEMAP_STRESS_VARIANTS "${entry}")
  get_property(deferred GLOBAL PROPERTY _SAFEMAP_STRESS_MANIFEST_DEFERRED)
  if(NOT deferred)
    set_property(GLOBAL PROPERTY _SAFEMAP_STRESS_MANIFEST_DEFERRED TRUE)
    set_property(GLOBAL PROPERTY SAFEMAP_STRESS_MANIFEST "${SAFEMAP_STRESS_MANIFEST}")
    cmake_language(DEFER DIRECTORY "${PROJECT_SOURCE_DIR}" CALL _safemap_write_manifest)
  endif()
endfunction()

function(_safemap_write_manifest)
  get_property(path GLOBAL PROPERTY SAFEMAP_STRESS_MANIFEST)
  get_property(entries GLOBAL PROPERTY SAFEMAP_STRESS_VARIANTS)
  list(JOIN entries ",\n" body)
  file(GENERATE OUTPUT "${path}" CONTENT "{\"variants\": [\n${body}\n]}\n")
endfunction()

function(_safemap_manifest_entry out name header type broken)
  set(entry "{}")
  string(JSON entry SET "${entry}" name "\"${name}\"")
  string(JSON entry SET "${entry}" type "\"${type}\"")
  string(JSON entry SET "${entry}" header "\"${header}\"")
  string(JSON entry SET "${entry}" executable "\"$<TARGET_FILE:safemap-stress-${name}>\"")
  string(JSON entry SET "${entry}" broken "${broken}")
  set(${out} "${entry}" PARENT_SCOPE)
endfunction()

function(safemap_add_variant)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;HEADER;TYPE" "LIBRARIES;ARGS")
  if(NOT arg_NAME OR NOT arg_HEADER OR NOT arg_TYPE)
    message(FATAL_ERROR "safemap_add_variant: NAME, HEADER and TYPE are required")
  endif()
  get_filename_component(header "${arg_HEADER}" ABSOLUTE)
  if(NOT EXISTS "${header}")
    message(FATAL_ERROR "safemap_add_variant(${arg_NAME}): no such header ${header}")
  endif()
  _safemap_variant_executable(${arg_NAME} "${header}" "${arg_TYPE}" false "${arg_LIBRARIES}")
  _safemap_manifest_entry(entry ${arg_NAME} "${header}" "${arg_TYPE}" false)
  _safemap_manifest_add("${entry}")

  foreach(workload IN LISTS SAFEMAP_STRESS_WORKLOADS)
    foreach(profile IN LISTS SAFEMAP_STRESS_PROFILES)
      set(test stress.${arg_NAME}.${workload}.${profile})
      add_test(NAME ${test}
        COMMAND $<TARGET_FILE:sanitizer-report> expect --none ${SAFEMAP_STRESS_REPORT_OPTIONS}
                -- $<TARGET_FILE:safemap-stress-${arg_NAME}> --workload ${workload}
                --profile ${profile} ${arg_ARGS})
      set_tests_properties(${test} PROPERTIES
        LABELS "stress;${profile}" TIMEOUT ${SAFEMAP_STRESS_TEST_TIMEOUT})
      if(profile STREQUAL "production")
        # A sweep up to many threads keeps every core of a small machine busy: a parallel ctest
        # (ci/run-presets.sh) runs nothing beside it there.
        safemap_whole_machine_tests(${test})
      endif()
    endforeach()
  endforeach()
endfunction()

# _safemap_marker_lines(<out> <header> <marker>): the line numbers that carry `// <- <marker>`.
# An edit of <header> reconfigures, so the numbers follow its lines.
function(_safemap_marker_lines out header marker)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${header}")
  file(READ "${header}" content)
  set(lines "")
  set(searched 0)
  string(LENGTH "${content}" length)
  while(searched LESS length)
    string(SUBSTRING "${content}" ${searched} -1 rest)
    string(REGEX MATCH "//[ \t]*<-[ \t]*${marker}([^A-Za-z0-9_]|$)" found "${rest}")
    if(NOT found)
      break()
    endif()
    string(FIND "${rest}" "${found}" position)
    math(EXPR position "${searched} + ${position}")
    string(SUBSTRING "${content}" 0 ${position} before)
    string(REGEX REPLACE "[^\n]" "" newlines "${before}")
    string(LENGTH "${newlines}" line)
    math(EXPR line "${line} + 1")
    list(APPEND lines ${line})
    string(LENGTH "${found}" found_length)
    math(EXPR searched "${position} + ${found_length}")
  endwhile()
  set(${out} "${lines}" PARENT_SCOPE)
endfunction()

# _safemap_lines_location(<out> <header> <lines>): the `--location` pattern of
# `sanitizer-report expect` for a finding located on one of <lines> of <header>.
function(_safemap_lines_location out header lines)
  file(RELATIVE_PATH relative "${PROJECT_SOURCE_DIR}" "${header}")
  _safemap_regex_escape(relative_regex "${relative}")
  list(JOIN lines "|" alternatives)
  set(${out} "^${relative_regex}:(${alternatives})( |$)" PARENT_SCOPE)
endfunction()

# _safemap_marker_location(<out> <header> <marker>): the same, for the lines carrying
# `// <- <marker>` (the crash and teardown fixtures' expectations).
function(_safemap_marker_location out header marker)
  _safemap_marker_lines(lines "${header}" ${marker})
  if(NOT lines)
    message(FATAL_ERROR "${header}: no line carries `// <- ${marker}`")
  endif()
  _safemap_lines_location(location "${header}" "${lines}")
  set(${out} "${location}" PARENT_SCOPE)
endfunction()

# _safemap_expected_lines(<out> <header> <relative> <@A|@B> <expect line>): the sorted lines
# carrying `// <- A` or `// <- B`.
function(_safemap_expected_lines out header relative where expect_line)
  string(REPLACE "@" "" markers "${where}")
  string(REPLACE "|" ";" markers "${markers}")
  set(lines "")
  foreach(marker IN LISTS markers)
    _safemap_marker_lines(marker_lines "${header}" ${marker})
    if(NOT marker_lines)
      message(FATAL_ERROR "${relative}: `${expect_line}` names @${marker}, but no line carries "
        "`// <- ${marker}`")
    endif()
    list(APPEND lines ${marker_lines})
  endforeach()
  list(SORT lines COMPARE NATURAL)
  list(REMOVE_DUPLICATES lines)
  set(${out} "${lines}" PARENT_SCOPE)
endfunction()

# _safemap_run_arguments(<out> <header> <detector>): the arguments of the header's `// RUN:` lines
# (detector empty) or of its `// RUN(<detector>):` lines, in order.
function(_safemap_run_arguments out header detector)
  if(detector)
    set(prefix "// RUN\\(${detector}\\):")
  else()
    set(prefix "// RUN:")
  endif()
  file(STRINGS "${header}" run_lines REGEX "^[ \t]*${prefix}")
  set(arguments "")
  foreach(run_line IN LISTS run_lines)
    string(REGEX REPLACE "^[ \t]*${prefix}[ \t]*" "" run_line "${run_line}")
    separate_arguments(words UNIX_COMMAND "${run_line}")
    list(APPEND arguments ${words})
  endforeach()
  set(${out} "${arguments}" PARENT_SCOPE)
endfunction()

# _safemap_fails_locally(<out> <header>): the header's `// Fails locally:` comment and its
# continuation lines (`//   ...`) as one JSON string, or null when it declares none: why the bug
# shows no gap, in the variant's own words (the gap report prints it).
function(_safemap_fails_locally out header)
  file(READ "${header}" content)
  string(REGEX MATCH "\n// Fails locally:[^\n]*(\n//   [^\n]*)*" found "\n${content}")
  if(NOT found)
    set(${out} null PARENT_SCOPE)
    return()
  endif()
  string(REGEX REPLACE "^\n// Fails locally:" "" reason "${found}")
  string(REGEX REPLACE "[ \t]*\n//   [ \t]*" " " reason "${reason}")
  string(STRIP "${reason}" reason)
  string(REPLACE "\\" "\\\\" reason "${reason}")
  string(REPLACE "\"" "\\\"" reason "${reason}")
  set(${out} "\"${reason}\"" PARENT_SCOPE)
endfunction()

# _safemap_read_expect_line(<relative> <expect line>): one `// EXPECT` line of a planted bug's
# header, read into detector, flavours (a list, empty when the line names none), profile, kind
# and where in the caller's scope (the one reader of the form, for tests/broken/ and
# tests/controlled/planted/).
function(_safemap_read_expect_line relative expect_line)
  if(NOT expect_line MATCHES "^[ \t]*// EXPECT ([a-z_]+)(\\(([a-z,]+)\\))?( under ([a-z_]+))?: (.+) at (@[A-Z][A-Z0-9_]*(\\|@[A-Z][A-Z0-9_]*)*|[A-Za-z0-9_./-]+)[ \t]*$")
    message(FATAL_ERROR "${relative}: cannot read `${expect_line}`; the form is "
      "`// EXPECT <detector>[(<flavour>,...)][ under <profile>]: <kind> at "
      "@<MARKER>[|@<MARKER>...]` or `... at <file or folder relative to the project root>`")
  endif()
  set(detector "${CMAKE_MATCH_1}" PARENT_SCOPE)
  string(REPLACE "," ";" flavours "${CMAKE_MATCH_3}")
  set(flavours "${flavours}" PARENT_SCOPE)
  set(profile "${CMAKE_MATCH_5}" PARENT_SCOPE)
  set(kind "${CMAKE_MATCH_6}" PARENT_SCOPE)
  set(where "${CMAKE_MATCH_7}" PARENT_SCOPE)
endfunction()

# _safemap_add_explored_expectation(<test> <header> <expect line> <labels> <command>...): the
# test that <command>, an exploration, reports the kind its `// EXPECT` line names on a line of
# <header> carrying one of the line's markers (sanitizer-report expect), followed by the command
# that replays the schedule (the one registration for tests/controlled/ and its planted/).
function(_safemap_add_explored_expectation test header expect_line labels)
  file(RELATIVE_PATH relative "${PROJECT_SOURCE_DIR}" "${header}")
  _safemap_read_expect_line("${relative}" "${expect_line}")
  _safemap_expected_lines(lines "${header}" "${relative}" "${where}" "${expect_line}")
  _safemap_lines_location(location "${header}" "${lines}")
  add_test(NAME ${test}
    COMMAND $<TARGET_FILE:sanitizer-report> expect --kind "${kind}" --location "${location}"
            --stack-frames 1 ${SAFEMAP_STRESS_REPORT_OPTIONS} -- ${ARGN})
  # The report is followed by the replay command, also where a sanitizer ends the process.
  set_tests_properties(${test} PROPERTIES LABELS "${labels}" TIMEOUT 300 PASS_REGULAR_EXPRESSION
    "replay: (SAFEMAP_EXPLORE_|safemap-explore ).*sanitizer-report expect: PASS")
endfunction()

function(safemap_add_broken_variant)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;HEADER;TYPE;TEST_PREFIX" "LIBRARIES")
  set(test_prefix broken)
  if(arg_TEST_PREFIX)
    set(test_prefix ${arg_TEST_PREFIX})
  endif()
  get_filename_component(header "${arg_HEADER}" ABSOLUTE)
  get_filename_component(name "${header}" NAME_WE)
  if(arg_NAME)
    set(name ${arg_NAME})
  endif()
  set(type "safemap::broken::${name}<std::uint64_t, std::uint64_t>")
  if(arg_TYPE)
    set(type "${arg_TYPE}")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${header}")
  file(RELATIVE_PATH relative "${PROJECT_SOURCE_DIR}" "${header}")

  _safemap_run_arguments(run_args "${header}" "")

  file(STRINGS "${header}" expect_lines REGEX "^[ \t]*// EXPECT ")
  if(NOT expect_lines)
    message(FATAL_ERROR "${relative}: a broken variant needs at least one `// EXPECT` line. "
      "A helper header that broken variants share belongs in tests/broken/support/, which the "
      "catalogue does not scan (docs/catalogue.md).")
  endif()
  set(expectations "[]")
  set(points_build "")
  foreach(expect_line IN LISTS expect_lines)
    _safemap_read_expect_line("${relative}" "${expect_line}")
    if(profile AND NOT profile IN_LIST SAFEMAP_STRESS_PROFILES
       AND NOT profile STREQUAL SAFEMAP_STRESS_MEMORY_PROFILE)
      message(FATAL_ERROR "${relative}: `${expect_line}` names the profile `${profile}` "
        "(known: ${SAFEMAP_STRESS_PROFILES} ${SAFEMAP_STRESS_MEMORY_PROFILE})")
    endif()
    if(detector STREQUAL "tsan")
      set(default_flavours tsan)
    elseif(detector MATCHES "^(asan|ubsan|lsan)$")
      set(default_flavours asan)
    elseif(detector STREQUAL "checked_map")
      set(default_flavours default)
    elseif(detector STREQUAL "crash")
      set(default_flavours default)  # sanitizer builds report crashes with their own handlers
    elseif(detector MATCHES "^(watchdog|invariant|linearizability)$")
      set(default_flavours default asan tsan)
    elseif(detector STREQUAL "static")
      set(default_flavours default)  # the compiler's verdict is the same in every flavour
    else()
      message(FATAL_ERROR "${relative}: unknown detector `${detector}` "
        "(known: static tsan asan ubsan lsan checked_map crash watchdog invariant linearizability)")
    endif()
    if(NOT flavours)
      set(flavours ${default_flavours})
    endif()
    set(executable safemap-stress-${name})
    if(profile STREQUAL SAFEMAP_STRESS_MEMORY_PROFILE)
      set(flavours default)  # and there only where SAFEMAP_MEMORY_POINTS, below
      set(executable safemap-stress-${name}-points)
    endif()

    if(where MATCHES "^@")
      _safemap_expected_lines(lines "${header}" "${relative}" "${where}" "${expect_line}")
      list(JOIN lines "|" line_alternatives)
      _safemap_lines_location(location "${header}" "${lines}")
      set(expected_file "${relative}")
    else()
      # Any line of another project file or folder: for bugs whose effect surfaces in code they
      # do not contain (a lock that orders nothing shows as races in the table code it guards).
      if(NOT EXISTS "${PROJECT_SOURCE_DIR}/${where}")
        message(FATAL_ERROR "${relative}: `${expect_line}` names ${where}, which is not a file "
          "or folder under ${PROJECT_SOURCE_DIR}")
      endif()
      set(lines "")
      _safemap_regex_escape(where_regex "${where}")
      set(location "^${where_regex}[^:]*:[0-9]+( |$)")
      set(expected_file "${where}")
    endif()

    set(expectation "{}")
    string(JSON expectation SET "${expectation}" detector "\"${detector}\"")
    string(JSON expectation SET "${expectation}" kind "\"${kind}\"")
    string(REPLACE ";" "\", \"" flavour_items "${flavours}")
    string(JSON expectation SET "${expectation}" flavours "[\"${flavour_items}\"]")
    string(JSON expectation SET "${expectation}" file "\"${expected_file}\"")
    string(REPLACE ";" ", " line_items "${lines}")
    string(JSON expectation SET "${expectation}" lines "[${line_items}]")

    if(profile)
      _safemap_run_arguments(test_args "${header}" "${profile}")
      set(test_profile ${profile})
      set(test ${test_prefix}.${name}.${detector}.${profile})
    else()
      _safemap_run_arguments(detector_args "${header}" "${detector}")
      set(test_args ${run_args} ${detector_args})
      set(test_profile production)
      set(test ${test_prefix}.${name}.${detector})
    endif()
    string(JSON expectation SET "${expectation}" profile "\"${test_profile}\"")
    if(test_args)
      list(JOIN test_args "\", \"" test_arg_items)
      string(JSON expectation SET "${expectation}" run_args "[\"${test_arg_items}\"]")
    else()
      string(JSON expectation SET "${expectation}" run_args "[]")
    endif()
    string(JSON length LENGTH "${expectations}")
    string(JSON expectations SET "${expectations}" ${length} "${expectation}")

    if(NOT SAFEMAP_BUILD_FLAVOUR IN_LIST flavours)
      continue()
    endif()
    if(profile STREQUAL SAFEMAP_STRESS_MEMORY_PROFILE)
      if(NOT SAFEMAP_MEMORY_POINTS)
        continue()
      endif()
      set(points_build POINTS)
    endif()
    if(detector STREQUAL "static")
      if(profile OR NOT where MATCHES "^@")
        message(FATAL_ERROR "${relative}: `${expect_line}`: a static expectation names markers "
          "and no profile (the compiler runs no schedule)")
      endif()
      _safemap_variant_source(source ${name})
      _safemap_regex_escape(header_regex "${header}")
      add_test(NAME ${test}
        COMMAND ${CMAKE_COMMAND} -DCLANG_TIDY=${SAFEMAP_CLANG_TIDY}
                -DCONFIG=${PROJECT_SOURCE_DIR}/.clang-tidy -DBUILD_DIR=${PROJECT_BINARY_DIR}
                -DSOURCE=${source} -DHEADER=${header} -DHEADER_REGEX=${header_regex}
                -DLINES=${line_alternatives}
                "-DDIAGNOSTIC=${kind}" -P ${_SAFEMAP_STRESS_MODULE_DIR}/SafemapStaticExpect.cmake)
      set_tests_properties(${test} PROPERTIES LABELS "${test_prefix};static" TIMEOUT 300)
      continue()
    endif()
    # The oracles' reports carry one frame per operation involved (the member functions behind
    # them), and a crash's stack may hold one project frame above the harness's (an uncaught
    # exception thrown from the operation); the others carry whole stacks.
    set(frames 2)
    if(detector MATCHES "^(invariant|linearizability|crash)$")
      set(frames 1)
    endif()
    add_test(NAME ${test}
      COMMAND $<TARGET_FILE:sanitizer-report> expect --kind "${kind}" --location "${location}"
              --stack-frames ${frames} ${SAFEMAP_STRESS_REPORT_OPTIONS}
              -- $<TARGET_FILE:${executable}> --profile ${test_profile}
              --repeat-for ${SAFEMAP_STRESS_FIND_BUDGET} ${test_args})
    set_tests_properties(${test} PROPERTIES
      LABELS "${test_prefix};${detector}" TIMEOUT ${SAFEMAP_STRESS_TEST_TIMEOUT})
  endforeach()

  _safemap_variant_executable(${name} "${header}" "${type}" true "${arg_LIBRARIES}" ${points_build})
  if(NOT test_prefix STREQUAL "broken")
    return()  # a harness fixture, not a planted bug of the catalogue
  endif()
  _safemap_manifest_entry(entry ${name} "${header}" "${type}" true)
  if(points_build)
    string(JSON entry SET "${entry}" points_executable
      "\"$<TARGET_FILE:safemap-stress-${name}-points>\"")
  endif()
  string(JSON entry SET "${entry}" expectations "${expectations}")
  _safemap_fails_locally(fails_locally "${header}")
  string(JSON entry SET "${entry}" fails_locally "${fails_locally}")
  _safemap_manifest_add("${entry}")
endfunction()

function(safemap_add_broken_variants)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "DIRECTORY" "LIBRARIES")
  file(GLOB headers CONFIGURE_DEPENDS "${arg_DIRECTORY}/*.hpp")
  foreach(header IN LISTS headers)
    safemap_add_broken_variant(HEADER "${header}" LIBRARIES ${arg_LIBRARIES})
  endforeach()
endfunction()
