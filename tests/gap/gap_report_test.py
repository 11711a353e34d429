#!/usr/bin/env python3
"""The gap report's judgements (ci/gap_report.py): verdicts, the local profile's arguments, how
a finding's location is shortened, what it reads from the driver's --json result and from
sanitizer-report (which must fail loudly), and the declared reason a variant's manifest entry
carries (cmake/SafemapStress.cmake reads it from the header; the report prints it); and the
planted objects' rows (ci/gap_objects.py): their verdicts, the tests read from a ctest listing,
the free-stress command and environment, and what they read from a test's output. The
measuring itself needs the three builds and runs in the main job; these are its pure parts.
Usage: gap_report_test.py <repository root> <build>/safemap-stress-variants.json <cmake>"""
import json
import pathlib
import subprocess
import sys
import tempfile
import types
import unittest

ROOT = pathlib.Path(sys.argv.pop(1)).resolve()
MANIFEST = {variant["name"]: variant
            for variant in json.loads(pathlib.Path(sys.argv.pop(1)).read_text())["variants"]}
CMAKE = sys.argv.pop(1)
sys.path.insert(0, str(ROOT / "ci"))
import gap_objects  # noqa: E402  (the path above makes it importable)
import gap_report  # noqa: E402


def local(passed=0, oracle=0, crash=0, crash_reported=0, hang=0):
    return {"pass": passed, "oracle": oracle, "crash": crash,
            "crash_reported": crash_reported, "hang": hang}


class Verdict(unittest.TestCase):
    def test_gap_reproduced_needs_a_silent_local_pass_and_every_production_run_caught(self):
        self.assertEqual(gap_report.verdict(True, local(passed=1, oracle=4), 5, 5),
                         "gap reproduced")
        self.assertEqual(gap_report.verdict(True, local(passed=5), 4, 5), "MISSED in production")

    def test_a_normal_build_that_dies_with_a_report_is_a_safety_net(self):
        self.assertTrue(gap_report.verdict(True, local(passed=2, crash_reported=3), 5, 5)
                        .startswith("safety net: dies loudly locally (3/5)"))
        # A crash without a report is no safety net: that is the silent corruption we fight.
        self.assertEqual(gap_report.verdict(True, local(passed=2, crash=3), 5, 5),
                         "gap reproduced")

    def test_failing_every_local_run_is_no_gap(self):
        self.assertEqual(gap_report.verdict(True, local(hang=5), 5, 5),
                         "no gap: fails locally too")

    def test_correct_variants_are_clean_only_when_silent_everywhere(self):
        self.assertEqual(gap_report.verdict(False, local(passed=5), 5, 5), "clean")
        self.assertEqual(gap_report.verdict(False, local(passed=4, oracle=1), 5, 5),
                         "NOT CLEAN")
        self.assertEqual(gap_report.verdict(False, local(passed=5), 4, 5), "NOT CLEAN")


class LocalOutcome(unittest.TestCase):
    def test_each_exit_code_of_the_driver_has_its_column(self):
        self.assertEqual(gap_report.classify_local(0, False), "pass")
        self.assertEqual(gap_report.classify_local(3, False), "oracle")  # invariant violated
        self.assertEqual(gap_report.classify_local(5, False), "oracle")  # not linearizable
        self.assertEqual(gap_report.classify_local(4, False), "hang")
        self.assertEqual(gap_report.classify_local("timeout", False), "hang")
        self.assertEqual(gap_report.classify_local(-11, True), "crash_reported")
        self.assertEqual(gap_report.classify_local(-11, False), "crash")


class Arguments(unittest.TestCase):
    RUN = ["--workload", "read_heavy", "--ops", "100000", "--profile", "production",
           "--repeat-for", "120", "--threads", "4,16,64"]

    def test_local_runs_keep_the_workload_and_drop_the_production_amounts(self):
        self.assertEqual(gap_report.with_profile(self.RUN, "local"),
                         ["--workload", "read_heavy", "--profile", "local"])

    def test_production_runs_keep_the_run_lines_amounts(self):
        self.assertEqual(gap_report.with_profile(self.RUN, "production", 16),
                         ["--workload", "read_heavy", "--ops", "100000", "--repeat-for", "120",
                          "--profile", "production", "--threads", "16"])

    def test_runs_are_located_as_the_expectation_test_locates_them(self):
        expect = ["sanitizer-report", "expect", "--kind", "data race", "--source-root", "/r",
                  "--library", "/r/src/safemap", "--library", "/r/src/stress"]
        self.assertEqual(gap_report.locating_options(expect),
                         ["--source-root", "/r", "--library", "/r/src/safemap",
                          "--library", "/r/src/stress"])


class Locations(unittest.TestCase):
    def test_function_names_lose_template_arguments_parameters_and_return_type(self):
        self.assertEqual(gap_report.short_function(
            "bool ns::map<unsigned long, std::hash<unsigned long>>::upsert<F>(K const&, F&&)"),
            "ns::map::upsert")
        self.assertEqual(gap_report.short_function("ns::map<int>::find(int const&) const"),
                         "ns::map::find")

    def test_a_finding_reads_file_line_function(self):
        finding = {"location": {"file": "tests/broken/x.hpp", "line": 7,
                                "function": "ns::x<int>::find(int) const"}}
        self.assertEqual(gap_report.location_text(finding), "tests/broken/x.hpp:7 ns::x::find")
        self.assertEqual(gap_report.location_text({"location": None}), "")
        lineless = {"location": {"file": "tests/broken/x.hpp", "line": None, "function": "ns::x::find"}}
        self.assertEqual(gap_report.location_text(lineless), "tests/broken/x.hpp ns::x::find")


class FindingsIn(unittest.TestCase):
    """findings_in runs sanitizer-report on a run's output; here a stand-in script plays it."""

    def stand_in(self, exit_code, stdout, stderr):
        scratch = tempfile.TemporaryDirectory()
        self.addCleanup(scratch.cleanup)
        script = pathlib.Path(scratch.name) / "sanitizer-report"
        script.write_text(f"#!/bin/sh\nprintf '%s' {json.dumps(stdout)}\n"
                          f"printf '%s\\n' {json.dumps(stderr)} >&2\nexit {exit_code}\n")
        script.chmod(0o755)
        return [str(script), "expect", "--source-root", "/r"]

    def test_no_findings_is_an_empty_list(self):
        self.assertEqual(gap_report.findings_in(self.stand_in(0, "[]", ""), "clean\n"), [])

    def test_findings_are_the_tools_json(self):
        found = [{"kind": "data race", "location": None}]
        self.assertEqual(gap_report.findings_in(self.stand_in(0, json.dumps(found), ""), "x"),
                         found)

    def test_a_truncated_report_keeps_what_it_found(self):
        found = [{"kind": "segmentation fault", "location": None}]
        expect = self.stand_in(2, json.dumps(found), "sanitizer-report: log:3: truncated report")
        self.assertEqual(gap_report.findings_in(expect, "x"), found)

    def test_a_failing_tool_fails_loudly_with_its_code_and_stderr(self):
        expect = self.stand_in(2, "", "sanitizer-report: cannot read the log")
        with self.assertRaises(gap_report.ToolFailed) as failed:
            gap_report.findings_in(expect, "x")
        self.assertIn("exited 2", str(failed.exception))
        self.assertIn("cannot read the log", str(failed.exception))
        with self.assertRaises(gap_report.ToolFailed):
            gap_report.findings_in(self.stand_in(0, "not json", ""), "x")


class DeclaredReason(unittest.TestCase):
    def declared(self, text):
        """What the manifest says a header with this text declares (cmake -P, the real parser)."""
        with tempfile.NamedTemporaryFile("w", suffix=".hpp") as header:
            header.write(text)
            header.flush()
            shown = subprocess.run([CMAKE, f"-DHEADER={header.name}", "-P",
                                    str(ROOT / "tests/gap/fails_locally.cmake")],
                                   capture_output=True, text=True, check=True)
        return json.loads(shown.stderr)

    def test_the_reason_and_its_continuation_lines_are_read(self):
        self.assertEqual(self.declared("// BUG: x\n// Fails locally: every run\n//   races.\n"
                                       "// EXPECT t\n//   not this\n"), "every run races.")

    def test_quotes_backslashes_and_semicolons_survive(self):
        self.assertEqual(self.declared('// Fails locally: a "b"; c\\d\n'), 'a "b"; c\\d')

    def test_a_header_without_one_declares_none(self):
        self.assertIsNone(self.declared("// BUG: x\n//   Fails locally: indented\n"))

    def test_the_catalogue_declares_why_copied_handle_mutex_fails_locally(self):
        reason = MANIFEST["copied_handle_mutex"]["fails_locally"]
        self.assertIn("own copy", reason)
        self.assertIn("by-reference local test", reason)  # from a continuation line
        self.assertIsNone(MANIFEST["unsynchronized_writes"]["fails_locally"])

    def test_the_report_prints_the_reason_or_that_none_is_declared(self):
        rows = [{"variant": "a", "verdict": "no gap: fails locally too", "reason": "it races"},
                {"variant": "b", "verdict": "no gap: fails locally too", "reason": None},
                {"variant": "c", "verdict": "gap reproduced", "reason": None}]
        self.assertEqual(gap_report.reasons(rows),
                         ["- a: it races", "- b: no `// Fails locally:` reason declared"])


class Controlled(unittest.TestCase):
    # The driver's --json result of a controlled run whose oracle found something
    # (src/stress/run/result.hpp): the finding names its replay command, its round the trace.
    ORACLE = {"verdict": "invariant", "exit_code": 3,
              "rounds": [{"workload": "write_heavy", "schedule": {
                  "steps": 100, "switches": 3, "escapes": 0, "trace": "0123456789abcdef"}},
                         {"workload": "write_heavy", "schedule": {
                             "steps": 647, "switches": 5, "escapes": 2,
                             "trace": "42bc809c8a774398"}}],
              "finding": {"detector": "invariant", "kind": "wrong value",
                          "message": "key 140610115800096 holds 32 (written for key 0)",
                          "replay": "/b/safemap-stress-x --profile controlled --seed 41"}}
    # A controlled round's deadlock: the finding carries where the schedule stood.
    DEADLOCK = {"verdict": "deadlock", "exit_code": 4, "rounds": [],
                "finding": {"detector": "watchdog", "kind": "deadlock", "message": "…",
                            "replay": "/b/safemap-stress-y --seed 7",
                            "schedule": {"steps": 57, "switches": 4, "escapes": 0,
                                         "trace": "00000000000000aa"}}}
    # A run that died (a crash): the result kept ready for it, the kind is sanitizer-report's.
    DIED = {"verdict": "died", "exit_code": None, "rounds": [],
            "finding": {"detector": None, "kind": None, "message": "",
                        "replay": "/b/safemap-stress-z --seed 9"}}
    CRASH = [{"kind": "segmentation fault", "location": {"file": "a.hpp", "line": 3}}]

    def changed(self, result, *path_and_value):
        copy = json.loads(json.dumps(result))
        *path, value = path_and_value
        target = copy
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        return copy

    def test_the_replay_command_is_read_from_the_result(self):
        self.assertEqual(gap_report.replay_command(self.ORACLE),
                         "/b/safemap-stress-x --profile controlled --seed 41")
        self.assertEqual(gap_report.replay_command(self.DIED), "/b/safemap-stress-z --seed 9")
        self.assertIsNone(gap_report.replay_command(None))  # the run left no result
        self.assertIsNone(gap_report.replay_command({"finding": None}))

    def test_the_result_file_is_read_or_none(self):
        with tempfile.TemporaryDirectory() as scratch:
            path = pathlib.Path(scratch) / "result.json"
            self.assertIsNone(gap_report.read_result(path))
            path.write_text(json.dumps(self.ORACLE))
            self.assertEqual(gap_report.read_result(path), self.ORACLE)
            path.write_text('{"verdict": ')  # cut short
            self.assertIsNone(gap_report.read_result(path))

    def test_an_oracles_replay_is_the_same_kind_after_the_same_last_round_whatever_it_read(self):
        signature = gap_report.replay_signature(self.ORACLE, [])
        self.assertEqual(signature, ("wrong value", "42bc809c8a774398", None))
        again = self.changed(self.ORACLE, "finding", "message", "key 7 holds 3")
        self.assertEqual(gap_report.replay_signature(again, []), signature)
        other_schedule = self.changed(self.ORACLE, "rounds", 1, "schedule", "trace",
                                      "42bc809c8a774399")
        self.assertNotEqual(gap_report.replay_signature(other_schedule, []), signature)
        other_kind = self.changed(self.ORACLE, "finding", "kind", "lost update")
        self.assertNotEqual(gap_report.replay_signature(other_kind, []), signature)

    def test_a_deadlocks_replay_is_the_same_steps_switches_and_escapes(self):
        signature = gap_report.replay_signature(self.DEADLOCK, [])
        self.assertEqual(signature, ("deadlock", None, (57, 4, 0)))
        one_switch_more = self.changed(self.DEADLOCK, "finding", "schedule", "switches", 5)
        self.assertNotEqual(gap_report.replay_signature(one_switch_more, []), signature)

    def test_a_run_that_died_is_known_by_sanitizer_reports_kind(self):
        self.assertEqual(gap_report.replay_signature(self.DIED, self.CRASH),
                         ("segmentation fault", None, None))
        self.assertEqual(gap_report.replay_signature(None, self.CRASH),
                         ("segmentation fault", None, None))
        self.assertNotEqual(gap_report.replay_signature(self.DIED, []),
                            gap_report.replay_signature(self.DIED, self.CRASH))

    def test_declared_controlled_arguments_win_and_others_keep_their_workload(self):
        options = types.SimpleNamespace(controlled_budget=2.0, correct_workload="resize_storm")
        report = types.SimpleNamespace(local=types.SimpleNamespace(variants=MANIFEST), options=options)
        profile, declared = gap_report.GapReport.controlled_command(report, "self_deadlock")
        self.assertEqual(profile, "controlled")
        self.assertEqual(declared[1:], ["--workload", "write_heavy", "--keys", "4096", "--ops", "3000",
                                        "--profile", "controlled", "--repeat-for", "2",
                                        "--progress", "off"])
        undeclared_variant = {"executable": "/b/x", "broken": True, "expectations": [
            {"profile": "production", "run_args": ["--workload", "erase_churn", "--ops", "9"]}]}
        undeclared_report = types.SimpleNamespace(
            local=types.SimpleNamespace(variants={"x": undeclared_variant}), options=options)
        _, undeclared = gap_report.GapReport.controlled_command(undeclared_report, "x")
        self.assertEqual(undeclared[1:3], ["--workload", "erase_churn"])
        _, correct = gap_report.GapReport.controlled_command(report, "mutex_map")
        self.assertEqual(correct[1:3], ["--workload", "resize_storm"])

    def test_a_race_inside_one_operation_runs_with_memory_points_where_the_build_has_them(self):
        options = types.SimpleNamespace(controlled_budget=2.0, correct_workload="resize_storm")
        report = types.SimpleNamespace(local=types.SimpleNamespace(variants=MANIFEST), options=options)
        variant = MANIFEST["unlocked_reads"]
        profile, command = gap_report.GapReport.controlled_command(report, "unlocked_reads")
        if "points_executable" in variant:  # a build with SAFEMAP_MEMORY_POINTS
            self.assertEqual((profile, command[0]), ("controlled_memory", variant["points_executable"]))
            self.assertEqual(command[1:5], ["--workload", "resize_storm", "--profile",
                                            "controlled_memory"])
        else:
            self.assertEqual((profile, command[0]), ("controlled", variant["executable"]))
            self.assertEqual(command[1:5], ["--workload", "read_heavy", "--profile", "controlled"])

    def test_the_cell_says_found_median_and_replay(self):
        row = {"broken": True, "controlled": {"runs": 20, "found": 20, "kind": "deadlock",
                                              "median_seconds": 0.8, "replayed": True,
                                              "profile": "controlled"}}
        self.assertEqual(gap_report.controlled_cell(row), "20/20 deadlock (median 0.8 s), replays")
        row["controlled"]["profile"] = "controlled_memory"
        self.assertEqual(gap_report.controlled_cell(row),
                         "20/20 deadlock (median 0.8 s, memory points), replays")
        row["controlled"].update(found=0, replayed=None)
        self.assertEqual(gap_report.controlled_cell(row), "0/20")


def free(passed=0, found=0, other=0):
    return {"pass": passed, "found": found, "other": other}


class LayersTable(unittest.TestCase):
    @staticmethod
    def expectation(profile, flavours):
        return {"detector": "invariant", "kind": "lost update", "profile": profile,
                "flavours": flavours}

    def test_an_effect_found_only_with_memory_points_says_so_and_no_flavour(self):
        only = [self.expectation("controlled_memory", ["default"])]
        self.assertEqual(gap_report.layers_table.cell(only), "lost update (memory points only)")
        beside = [self.expectation("production", ["default", "asan", "tsan"]),
                  self.expectation("controlled_memory", ["default"])]
        self.assertEqual(gap_report.layers_table.cell(beside), "lost update (+ memory points)")
        self.assertEqual(gap_report.layers_table.cell([self.expectation("production", ["tsan"])]),
                         "lost update (tsan)")


class ObjectVerdict(unittest.TestCase):
    def test_gap_reproduced_needs_a_local_pass_and_every_controlled_run_finding_it(self):
        self.assertEqual(gap_objects.object_verdict(free(passed=1, found=4), 5, 5),
                         "gap reproduced")
        self.assertEqual(gap_objects.object_verdict(free(passed=5), 4, 5),
                         "MISSED under controlled schedules")

    def test_finding_it_in_every_local_run_is_no_gap(self):
        self.assertEqual(gap_objects.object_verdict(free(found=5), 5, 5),
                         "no gap: fails locally too")

    def test_a_controlled_miss_wins_over_failing_locally(self):
        self.assertEqual(gap_objects.object_verdict(free(found=5), 0, 5),
                         "MISSED under controlled schedules")

    def test_a_free_run_is_a_pass_a_finding_or_another_failure(self):
        found = "[  FAILED  ]\n==12==ERROR: SafemapLinearizability: not linearizable\n"
        self.assertEqual(gap_objects.classify_free(0, "[  PASSED  ] 1 test.\n"), "pass")
        # A filter that picks no test passes too: that is no pass of the object.
        self.assertEqual(gap_objects.classify_free(0, "[  PASSED  ] 0 tests.\n"), "other")
        self.assertEqual(gap_objects.classify_free(1, found), "found")
        self.assertEqual(gap_objects.classify_free(1, "[  FAILED  ] a crash\n"), "other")
        self.assertEqual(gap_objects.classify_free("timeout", found), "other")

    def test_tsan_reports_are_read_once_each_in_order(self):
        output = ("WARNING: ThreadSanitizer: data race (pid=1)\n"
                  "WARNING: ThreadSanitizer: heap-use-after-free (pid=1)\n"
                  "WARNING: ThreadSanitizer: data race (pid=1)\n")
        self.assertEqual(gap_objects.tsan_kinds(output), ["data race", "heap-use-after-free"])


class ObjectTests(unittest.TestCase):
    PLANTED = ["/b/objects_queue_test", "--gtest_also_run_disabled_tests",
               "--gtest_filter=DISABLED_Planted.pop_twice"]

    def test_the_planted_tests_are_read_from_the_listing(self):
        commands = {"objects.queue.pop_twice": self.PLANTED,
                    "objects.bad_input.NoThreads": ["cmake", "-P", "check_exit.cmake"],
                    "objects.spec_check_lists_every_missing_part": ["cmake"],
                    "broken.a.tsan": ["sanitizer-report"]}
        self.assertEqual(gap_objects.planted_tests(commands),
                         {"objects.queue.pop_twice": ("queue", "pop_twice")})

    def test_free_stress_runs_the_same_executable_with_the_free_test(self):
        self.assertEqual(gap_objects.free_stress_command(self.PLANTED, "pop_twice"),
                         ["/b/objects_queue_test", "--gtest_also_run_disabled_tests",
                          "--gtest_filter=DISABLED_PlantedFree.pop_twice"])

    def test_a_bug_registered_in_tsan_only_runs_controlled_there_and_free_in_both(self):
        # `// Needs: atomic scheduling points`: registered only where atomics are points.
        def build(preset, commands):
            return types.SimpleNamespace(preset=preset, commands=commands,
                                         directory=pathlib.Path(f"/r/build/{preset}"))
        atomic = ["/r/build/tsan/tests/objects/objects_stack_test",
                  "--gtest_also_run_disabled_tests", "--gtest_filter=DISABLED_Planted.aba"]
        default = build("default", {"objects.queue.pop_twice": [
            "/r/build/default/tests/objects/objects_queue_test",
            "--gtest_filter=DISABLED_Planted.pop_twice"]})
        tsan = build("tsan", {"objects.stack.aba": atomic,
                              "objects.queue.pop_twice": ["/r/build/tsan/x"]})
        rows = gap_objects.ObjectRows(default, tsan, None, None)
        self.assertIs(rows.tests["objects.stack.aba"], tsan)
        self.assertIs(rows.tests["objects.queue.pop_twice"], default)  # the default build first
        self.assertEqual(rows.executable_in(default, tsan, atomic)[0],
                         "/r/build/default/tests/objects/objects_stack_test")

    def test_the_environment_sets_budget_and_seed_and_drops_inherited_ones(self):
        environment = gap_objects.with_exploration(
            {"PATH": "/bin", "SAFEMAP_EXPLORE_SCHEDULE": "7", "SAFEMAP_EXPLORE_SEED": "9"},
            2.5, 3)
        self.assertEqual(environment, {"PATH": "/bin", "SAFEMAP_EXPLORE_BUDGET_S": "3",
                                       "SAFEMAP_EXPLORE_SEED": "3"})
        self.assertNotIn("SAFEMAP_EXPLORE_SEED",
                         gap_objects.with_exploration({"SAFEMAP_EXPLORE_SEED": "9"}, 0.1))

    def test_the_variable_names_are_the_ones_variables_hpp_defines(self):
        header = (ROOT / "src/stress/explore/variables.hpp").read_text()
        for name in (gap_objects.SEED_VARIABLE, gap_objects.BUDGET_VARIABLE):
            self.assertIn(f'= "{name}";', header)
        self.assertIn(f'prefix = "{gap_objects.VARIABLE_PREFIX}";', header)


class ObjectOutput(unittest.TestCase):
    REPLAY = ("  replay: SAFEMAP_EXPLORE_STRATEGY=pct SAFEMAP_EXPLORE_DEPTH=3 "
              "SAFEMAP_EXPLORE_SEED=1 SAFEMAP_EXPLORE_SCHEDULE=83 /b/objects_queue_test "
              "--gtest_filter=DISABLED_Planted.pop_twice --gtest_also_run_disabled_tests")

    def output(self, pid, returned):
        return "\n".join([
            "[ RUN      ] DISABLED_Planted.pop_twice",
            "[safemap object] bounded_queue: schedule 83 (scenario 4) is not linearizable, "
            "found in 0.46 s",
            "[safemap object] bounded_queue: shrinking a failing scenario of 8 calls",
            f"=={pid}==ERROR: SafemapLinearizability: not linearizable",
            "  bounded_queue: no order of these calls fits the model",
            f"    pop() returned {returned}; the model returns 2",
            self.REPLAY,
            "SUMMARY: SafemapLinearizability: not linearizable",
            f"[  FAILED  ] DISABLED_Planted.pop_twice ({pid} ms)"])

    def test_found_in_is_read_from_the_harness_line(self):
        self.assertEqual(gap_objects.found_in_seconds(self.output(1, 3)), 0.46)
        self.assertIsNone(gap_objects.found_in_seconds("[  PASSED  ] 1 test.\n"))

    def test_the_replay_line_is_assignments_then_the_command(self):
        assignments, command = gap_objects.replay_line(self.output(1, 3))
        self.assertEqual(assignments, {"SAFEMAP_EXPLORE_STRATEGY": "pct",
                                       "SAFEMAP_EXPLORE_DEPTH": "3", "SAFEMAP_EXPLORE_SEED": "1",
                                       "SAFEMAP_EXPLORE_SCHEDULE": "83"})
        self.assertEqual(command, ["/b/objects_queue_test",
                                   "--gtest_filter=DISABLED_Planted.pop_twice",
                                   "--gtest_also_run_disabled_tests"])
        self.assertIsNone(gap_objects.replay_line("no replay here\n"))

    def test_the_report_is_compared_without_process_id_and_timing(self):
        first = gap_objects.report_text(self.output(1, 3))
        self.assertEqual(first, "ERROR: SafemapLinearizability: not linearizable\n"
                                "  bounded_queue: no order of these calls fits the model\n"
                                "    pop() returned 3; the model returns 2")
        self.assertEqual(gap_objects.report_text(self.output(4242, 3)), first)
        self.assertNotEqual(gap_objects.report_text(self.output(1, 4)), first)
        self.assertIsNone(gap_objects.report_text("[  PASSED  ] 1 test.\n"))

    def test_the_cells_say_counts_budget_finders_and_replay(self):
        self.assertEqual(gap_objects.local_cell(free(passed=3, found=1, other=1)),
                         "3 pass / 1 found / 1 other")
        self.assertEqual(gap_objects.production_cell(
            {"preset": "tsan", "runs": 5, "budget_seconds": 10, "found": 4,
             "found_by": {"linearizability": 4, "tsan data race": 1}}),
            "4/5 found (tsan, 10 s: 4 linearizability, 1 tsan data race)")
        controlled = {"preset": "default", "runs": 5, "found": 5,
                      "median_found_in_seconds": 0.4, "replayed": True}
        self.assertEqual(gap_objects.controlled_cell(controlled),
                         "5/5 (default, median found in 0.4 s), replays")
        self.assertEqual(gap_objects.controlled_cell({**controlled, "found": 0}),
                         "0/5 (default)")


class Rendering(unittest.TestCase):
    OPTIONS = types.SimpleNamespace(runs=1, controlled_budget=2, production_budget=10)
    MAP_ROW = {"variant": "racy", "broken": True, "verdict": "gap reproduced", "reason": None,
               "local": local(passed=1),
               "production": {"preset": "tsan", "runs": 1, "caught": 1, "kind": "data race",
                              "median_seconds": 0.1, "location": "a.hpp:3 f"},
               "controlled": {"runs": 1, "found": 1, "kind": "data race",
                              "median_seconds": 0.2, "replayed": True}}
    OBJECT_ROW = {"test": "objects.queue.pop_twice", "verdict": "gap reproduced",
                  "local": free(passed=1),
                  "production": {"preset": "tsan", "runs": 1, "budget_seconds": 10, "found": 0,
                                 "found_by": {}},
                  "controlled": {"preset": "default", "runs": 1, "found": 1,
                                 "median_found_in_seconds": 0.4, "replayed": True}}

    def test_each_table_appears_when_it_has_rows(self):
        both = gap_report.markdown([self.MAP_ROW], [self.OBJECT_ROW], self.OPTIONS,
                                   {"variants": []})
        self.assertIn("| racy |", both)
        self.assertIn("| `objects.queue.pop_twice` |", both)
        objects_only = gap_report.markdown([], [self.OBJECT_ROW], self.OPTIONS, {"variants": []})
        self.assertNotIn("| variant |", objects_only)
        self.assertIn("## Beyond maps", objects_only)
        terminal = gap_report.terminal_table([self.MAP_ROW], [self.OBJECT_ROW])
        self.assertIn("racy: located at a.hpp:3 f", terminal)
        self.assertIn("objects.queue.pop_twice", terminal)
        self.assertNotIn("planted object", gap_report.terminal_table([self.MAP_ROW], []))


if __name__ == "__main__":
    unittest.main(verbosity=2)
