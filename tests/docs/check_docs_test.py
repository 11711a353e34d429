#!/usr/bin/env python3
"""docs.self_test: the two docs checkers pass on the tree as it is and fail on each kind of
drift they exist to catch, planted in a copy of the tree (a broken link, a moved line, a new exit
code, workload, detector or broken variant the docs do not list, ...). Without this, a checker
that stopped reading the docs would pass forever.
Usage: check_docs_test.py REPO_ROOT MANIFEST"""
import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(sys.argv.pop(1)).resolve()
MANIFEST = pathlib.Path(sys.argv.pop(1)).resolve()
HERE = pathlib.Path(__file__).resolve().parent
NOT_COPIED = shutil.ignore_patterns("build", ".git", "node_modules", "__pycache__")


def link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copy2(source, target)


# The layers table's last row, `| **caught, of N** | **K** | ...`: read from the table as it is, so
# that the drift below (a hand edit of K) does not depend on how many bugs the catalogue holds.
CAUGHT_ROW = re.compile(r"\| \*\*caught, of \d+\*\* \| \*\*(\d+)\*\* \|")


def hand_edited(match):
    """The caught row with its first count raised by one."""
    return match[0].replace(f"**{match[1]}** |", f"**{int(match[1]) + 1}** |", 1)


# One planted drift each: (what, file, text to replace or None to append, new text, checker,
# what the checker must print). The text to replace may be a compiled pattern instead, whose
# first match is replaced by new(match).
DRIFTS = [
    ("a broken link", "README.md", "](docs/fork.md)", "](docs/forks.md)",
     "links", "README.md:"),
    ("a missing anchor", "docs/fork.md", "catalogue.md#the-header-format",
     "catalogue.md#the-header-form", "links", "no heading #the-header-form in docs/catalogue.md"),
    ("a link out of the repository", "docs/ci.md", None, "\n[elsewhere](../../notes.md)\n",
     "links", "leaves the repository"),
    ("a missing path", "docs/harness.md", None, "\nSee `src/stress/no_such_file.hpp`.\n",
     "links", "src/stress/no_such_file.hpp does not exist"),
    ("a citation past the end of its file", "docs/gap-report.md", "unlocked_iteration.hpp:45 ",
     "unlocked_iteration.hpp:8500 ", "links", "tests/broken/unlocked_iteration.hpp:8500: the file has"),
    ("a citation outside its function", "docs/gap-report.md", "unsynchronized_writes.hpp:44 ",
     "unsynchronized_writes.hpp:33 ", "links",
     "unsynchronized_writes.hpp:33 is not in safemap::broken::unsynchronized_writes::insert"),
    ("a long README", "README.md", None, "more\n" * 60, "links", "at most 150"),
    ("a README without its command", "README.md", "bash ci/setup.sh && bash ci/run-presets.sh\n",
     "bash ci/run-presets.sh\n", "links",
     "`bash ci/setup.sh && bash ci/run-presets.sh` is missing"),
    ("an sh block that does not parse", "docs/hacking.md", None, "\n```sh\nif then fi (\n```\n",
     "links", "sh block does not parse"),
    ("a json block that does not parse", "docs/hacking.md", '"version": 6,', '"version": 6,,',
     "links", "json block"),
    ("an exit code the table lacks", "src/stress/exit_code.hpp", "  exit_not_linearizable = 5,\n",
     "  exit_not_linearizable = 5,\n  exit_planted = 6,\n", "facts", "exit_planted = 6"),
    ("a tool constant that contradicts the enum", "ci/gap_report.py",
     "EXIT_INVARIANT, EXIT_NO_PROGRESS, EXIT_NOT_LINEARIZABLE = 3, 4, 5",
     "EXIT_INVARIANT, EXIT_NO_PROGRESS, EXIT_NOT_LINEARIZABLE = 3, 6, 5",
     "facts", "ci/gap_report.py: EXIT_NO_PROGRESS = 6"),
    ("a code the table gives to a tool the docs do not", "src/stress/exit_code.hpp",
     '"no progress (deadlock or livelock)",',
     '"no progress (deadlock or livelock)", sanitizer_report |',
     "facts", "the exit codes `sanitizer-report` returns (docs/architecture.md): lacks [4]"),
    ("a table entry named unlike its enumerator", "src/stress/exit_code.hpp",
     '"exit_not_linearizable", "not', '"exit_not_linearisable", "not',
     "facts", "exit_not_linearizable: exit_not_linearisable"),
    ("a --help made for another tool", "src/stress/run/options.cpp",
     "exit_codes_help(safemap_stress", "exit_codes_help(sanitizer_report", "facts",
     "src/stress/run/options.cpp: its --help must print exit_codes_help(safemap_stress)"),
    ("a TSan exit code the presets do not set", "presets/base.json", "exitcode=66",
     "exitcode=67", "facts", "the ThreadSanitizer exit code"),
    ("a workload the docs lack", "src/stress/workloads/list.hpp", "    hot_key_counters,\n",
     "    hot_key_counters,\n    planted_workload,\n", "facts", "workloads in docs/harness.md"),
    ("a detector the docs lack", "cmake/SafemapStress.cmake",
     "    else()\n      message(FATAL_ERROR",
     '    elseif(detector STREQUAL "planted_detector")\n'
     "      set(default_flavours default asan tsan)\n    else()\n      message(FATAL_ERROR",
     "facts", "planted_detector: asan default tsan"),
    ("a profile figure the code does not have", "presets/base.json", '\\"ops\\": 2000',
     '\\"ops\\": 3000', "facts", "production in tsan: threads [4, 16, 64], ops 3000"),
    ("a catalogue row without its detector", "docs/catalogue.md",
     "; tsan: lock-order-inversion; watchdog (default, asan): deadlock |",
     "; tsan: lock-order-inversion |", "facts",
     "the row of lock_order_inversion does not name the detector watchdog"),
    ("a hand-edited layers table", "docs/catalogue.md", CAUGHT_ROW, hand_edited, "facts",
     "docs/catalogue.md: the layers table is not"),
    ("a setting the docs lack", "src/stress/explore/variables.hpp",
     'inline constexpr const char* replay = "SAFEMAP_EXPLORE_REPLAY";\n',
     'inline constexpr const char* replay = "SAFEMAP_EXPLORE_REPLAY";\n'
     'inline constexpr const char* planted = "SAFEMAP_EXPLORE_PLANTED";\n',
     "facts", "settings in docs/explore.md: lacks ['SAFEMAP_EXPLORE_PLANTED']"),
    ("a second spelling of a setting", "src/stress/explore/explore.cpp",
     "setting(variable::strategy)", 'setting("SAFEMAP_EXPLORE_STRATEGY")', "facts",
     "src/stress/explore/explore.cpp: spells SAFEMAP_EXPLORE_STRATEGY"),
    ("a README excerpt that differs from the full table", "README.md",
     "5/5 data race (tsan, median 0.2 s)", "5/5 data race (tsan, median 0.10 s)", "facts",
     "the gap-table row of unsynchronized_writes"),
    ("a planted bug's row naming another twin", "docs/explore.md", "| `object_pool` |",
     "| `pool` |", "facts", "planted bugs in docs/explore.md"),
    ("an object spec shown unlike its file", "tests/objects/queue/spec.hpp",
     "int_between{1, 3}", "int_between{1, 4}", "facts", "the queue spec shown in docs/objects.md"),
    ("an object default the docs do not say", "src/stress/object/explore_object.hpp",
     "schedules_per_scenario = 20;", "schedules_per_scenario = 30;", "facts",
     "object settings in docs/objects.md"),
    ("a worked example the docs lack", "docs/objects.md",
     "| `queue` | `pop_in_two_critical_sections` |", "| `queue` | `pop_twice` |", "facts",
     "worked examples in docs/objects.md"),
]


def link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copy2(source, target)


class Tree(unittest.TestCase):
    """A fresh copy of the repository and its manifest (fresh_copy()). Its files are hard links
    to the real tree where the file system allows (fast): a copy's file changes only through
    replace(), which writes a new file instead of writing through the link."""

    def fresh_copy(self):
        scratch = tempfile.TemporaryDirectory()
        self.addCleanup(scratch.cleanup)
        self.root = pathlib.Path(scratch.name) / "repo"
        shutil.copytree(ROOT, self.root, ignore=NOT_COPIED, copy_function=link_or_copy)
        self.manifest = pathlib.Path(scratch.name) / "safemap-stress-variants.json"
        shutil.copy(MANIFEST, self.manifest)

    def replace(self, relative, text):
        path = self.root / relative
        path.unlink()  # never write through a hard link into the real tree
        path.write_text(text)

    def run_checker(self, checker):
        script, arguments = {"links": ("check_links.py", []),
                             "facts": ("check_facts.py", [str(self.manifest)])}[checker]
        return subprocess.run([sys.executable, str(HERE / script), str(self.root), *arguments],
                              capture_output=True, text=True)

    def assertFails(self, result, *expected):
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        for text in expected:
            self.assertIn(text, result.stdout)


class Checkers(Tree):
    def test_the_tree_as_it_is_passes_both(self):
        self.fresh_copy()
        for checker in ("links", "facts"):
            result = self.run_checker(checker)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_each_planted_drift_fails(self):
        for what, relative, old, new, checker, expected in DRIFTS:
            with self.subTest(what):
                self.fresh_copy()
                text = (self.root / relative).read_text()
                if old is None:
                    planted = text + new
                elif isinstance(old, re.Pattern):
                    match = old.search(text)
                    self.assertIsNotNone(match, f"the test's anchor pattern is gone from {relative}")
                    planted = text[:match.start()] + new(match) + text[match.end():]
                else:
                    self.assertIn(old, text, f"the test's anchor text is gone from {relative}")
                    planted = text.replace(old, new, 1)
                self.assertNotEqual(planted, text, f"{what}: nothing planted")
                self.replace(relative, planted)
                self.assertFails(self.run_checker(checker), expected)

    def test_a_stale_layers_table_prints_the_one_command_that_regenerates_it(self):
        self.fresh_copy()
        text = (self.root / "docs/gap-report.md").read_text()
        match = CAUGHT_ROW.search(text)
        self.assertIsNotNone(match, "the caught row is gone from docs/gap-report.md")
        self.replace("docs/gap-report.md",
                     text[:match.start()] + hand_edited(match) + text[match.end():])
        result = self.run_checker("facts")
        self.assertFails(result, "docs/gap-report.md: the layers table is not",
                         "regenerate the layers tables, from the repository root: python3 "
                         "ci/layers_table.py ")
        self.assertNotIn("docs/catalogue.md: the layers table is not", result.stdout)
        command = result.stdout.partition("from the repository root: ")[2].splitlines()[0]
        for relative in ("docs/catalogue.md", "docs/gap-report.md"):  # never through a link
            self.replace(relative, (self.root / relative).read_text())
        regenerated = subprocess.run(shlex.split(command), cwd=self.root, capture_output=True,
                                     text=True)
        self.assertEqual(regenerated.returncode, 0, regenerated.stdout + regenerated.stderr)
        result = self.run_checker("facts")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_a_broken_variant_without_a_catalogue_row_fails_and_suggests_one(self):
        self.fresh_copy()
        header = self.root / "tests/broken/shared_key_race.hpp"
        header.write_text("// safemap::broken::shared_key_race — two writers on one key.\n")
        manifest = json.loads(self.manifest.read_text())
        manifest["variants"].append({"name": "shared_key_race", "broken": True,
                                     "header": str(header), "expectations": [
                                         {"detector": "tsan", "kind": "data race",
                                          "flavours": ["tsan"], "profile": "production"}]})
        self.manifest.write_text(json.dumps(manifest))
        self.assertFails(self.run_checker("facts"),
                         "broken variants in docs/catalogue.md: lacks ['shared_key_race']",
                         "| `shared_key_race` | two writers on one key. | tsan: data race |")


if __name__ == "__main__":
    unittest.main(verbosity=2)
