#!/usr/bin/env python3
"""The gap report's judgements (ci/gap_report.py): verdicts, the local profile's arguments, how
a finding's location is shortened, and the declared reason a variant's manifest entry carries
(cmake/SafemapStress.cmake reads it from the header; the report prints it). The measuring
itself needs the three builds and runs in the main job; these are its pure parts.
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
import gap_report  # noqa: E402  (the path above makes it importable)


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
    REPORT = ("[safemap-stress] x: 147 ops; schedule 647 steps, 5 switches, 0 escapes, trace "
              "42bc809c8a774398, INVARIANTS VIOLATED\n"
              "==6787==ERROR: SafemapInvariant: wrong value\n"
              "  key 140610115800096 holds 32 (written for key 0)\n"
              "  replay: /b/safemap-stress-x --profile controlled --seed 41 (the round left 2 waits to "
              "the OS, so it may not replay exactly)\n"
              "SUMMARY: SafemapInvariant: wrong value\n")

    def test_the_replay_command_is_read_without_the_escape_warning(self):
        self.assertEqual(gap_report.REPLAY_LINE.search(self.REPORT).group(1),
                         "/b/safemap-stress-x --profile controlled --seed 41")

    def test_a_replay_is_the_same_kind_after_the_same_schedule_whatever_it_read(self):
        again = self.REPORT.replace("6787", "9001").replace("140610115800096 holds 32", "7 holds 3")
        self.assertEqual(gap_report.replay_signature(again), gap_report.replay_signature(self.REPORT))
        other_schedule = self.REPORT.replace("42bc809c8a774398", "42bc809c8a774399")
        self.assertNotEqual(gap_report.replay_signature(other_schedule),
                            gap_report.replay_signature(self.REPORT))
        other_kind = self.REPORT.replace("ERROR: SafemapInvariant: wrong value", "ERROR: SafemapInvariant: lost")
        self.assertNotEqual(gap_report.replay_signature(other_kind),
                            gap_report.replay_signature(self.REPORT))

    def test_declared_controlled_arguments_win_and_others_keep_their_workload(self):
        options = types.SimpleNamespace(controlled_budget=2.0, correct_workload="resize_storm")
        report = types.SimpleNamespace(local=types.SimpleNamespace(variants=MANIFEST), options=options)
        declared = gap_report.GapReport.controlled_command(report, "self_deadlock")
        self.assertEqual(declared[1:], ["--workload", "write_heavy", "--keys", "4096", "--ops", "3000",
                                        "--profile", "controlled", "--repeat-for", "2",
                                        "--progress", "off"])
        undeclared = gap_report.GapReport.controlled_command(report, "unlocked_reads")
        self.assertEqual(undeclared[1:3], ["--workload", "read_heavy"])
        correct = gap_report.GapReport.controlled_command(report, "mutex_map")
        self.assertEqual(correct[1:3], ["--workload", "resize_storm"])

    def test_the_cell_says_found_median_and_replay(self):
        row = {"broken": True, "controlled": {"runs": 20, "found": 20, "kind": "deadlock",
                                              "median_seconds": 0.8, "replayed": True}}
        self.assertEqual(gap_report.controlled_cell(row), "20/20 deadlock (median 0.8 s), replays")
        row["controlled"].update(found=0, replayed=None)
        self.assertEqual(gap_report.controlled_cell(row), "0/20")


if __name__ == "__main__":
    unittest.main(verbosity=2)
