"""The gap report's "beyond maps" rows: the planted bugs of tests/objects/ (docs/objects.md).

For every expectation test objects.<example>.<bug> the builds register (the default build's
command when both do; a bug whose header says `// Needs: atomic scheduling points` is registered
where atomics can be scheduling points: both; `// Needs: memory scheduling points`, where plain
accesses can be: the default build only, whose test turns them on itself), K runs of:
  local       the default build's DISABLED_PlantedFree.<bug>: free stress (real threads, no
              schedule) for LOCAL_BUDGET_S seconds: passes, findings (not linearizable), other
              failures;
  production  the tsan build's same test for --production-budget seconds: runs that found it,
              and by what (the linearizability oracle, a ThreadSanitizer report, or both);
  controlled  the expectation test's own command, with the exploration's budget and seed (run
              index + 1) in its environment: findings, the median of the "found in X s" the
              harness prints, and whether the first finding's printed replay line prints the same
              report again.
Free stress reads its budget and seed from the same variables as an exploration
(src/stress/explore/variables.hpp; stress_object_in_test in src/stress/object/gtest.hpp).
"""
import math
import os
import re
import shlex
import statistics

LINEARIZABILITY_MARKER = "SafemapLinearizability: not linearizable"
# GoogleTest's last line when the filter picked one test and it passed: a filter that picks
# none passes too, and must not count as a silent pass.
ONE_TEST_PASSED = "[  PASSED  ] 1 test."
TSAN_REPORT = re.compile(r"WARNING: ThreadSanitizer: ([a-z][a-z -]*[a-z])")
FOUND_IN = re.compile(r"\[safemap object\] [^\n]*: schedule \d+ \(scenario \d+\) is not "
                      r"linearizable, found in ([0-9.]+) s")
# The variables are defined once, in src/stress/explore/variables.hpp; these are their spellings.
SEED_VARIABLE, BUDGET_VARIABLE = "SAFEMAP_EXPLORE_SEED", "SAFEMAP_EXPLORE_BUDGET_S"
VARIABLE_PREFIX = "SAFEMAP_EXPLORE_"
ASSIGNMENT = re.compile(r"[A-Z][A-Z0-9_]*=\S*")
TEST_NAME = re.compile(r"objects\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)")
PLANTED_FILTER = "--gtest_filter=DISABLED_Planted."
FREE_FILTER = "--gtest_filter=DISABLED_PlantedFree."
LOCAL_BUDGET_S = 2
VERDICT_MISSED = "MISSED under controlled schedules"


def planted_tests(commands):
    """{test name: (example, bug)} of the planted-bug expectation tests in a ctest listing (the
    only objects.<example>.<bug> tests whose command filters DISABLED_Planted.<bug>)."""
    planted = {}
    for name, command in commands.items():
        match = TEST_NAME.fullmatch(name)
        if match and f"{PLANTED_FILTER}{match.group(2)}" in command:
            planted[name] = match.groups()
    return planted


def free_stress_command(planted_command, bug):
    """The expectation test's command with its filter turned to the free-stress test of `bug`."""
    return [FREE_FILTER + bug if argument == PLANTED_FILTER + bug else argument
            for argument in planted_command]


def whole_seconds(seconds):
    """An exploration's budget variable takes whole seconds, at least 1."""
    return str(max(1, math.ceil(seconds)))


def with_exploration(environment, budget_s, seed=None):
    """The environment without inherited exploration variables, with this budget and seed."""
    clean = {k: v for k, v in environment.items() if not k.startswith(VARIABLE_PREFIX)}
    clean[BUDGET_VARIABLE] = whole_seconds(budget_s)
    if seed is not None:
        clean[SEED_VARIABLE] = str(seed)
    return clean


def is_not_linearizable(output):
    return LINEARIZABILITY_MARKER in output


def tsan_kinds(output):
    """The kinds of the ThreadSanitizer reports in an output, in order, once each."""
    return list(dict.fromkeys(TSAN_REPORT.findall(output)))


def classify_free(exit_code, output):
    """A free-stress run: pass (its one test ran and passed), found (reported not linearizable)
    or other (any other failure, a timeout included, or a run of no test at all)."""
    if exit_code == 0:
        return "pass" if ONE_TEST_PASSED in output else "other"
    return "found" if exit_code != "timeout" and is_not_linearizable(output) else "other"


def found_in_seconds(output):
    """The seconds the harness says the exploration took to find the failing schedule, or None."""
    match = FOUND_IN.search(output)
    return float(match.group(1)) if match else None


def report_text(output):
    """The report between the not-linearizable line and the replay line, without the process id
    (`==123==`) a sanitizer-style line starts with: what a replay must print again."""
    lines, inside = [], False
    for line in output.splitlines():
        line = re.sub(r"^==\d+==", "", line)
        if LINEARIZABILITY_MARKER in line:
            inside = True
        if inside and line.strip().startswith("replay:"):
            return "\n".join(lines)
        if inside:
            lines.append(line)
    return None


def replay_line(output):
    """The first `replay:` line of an output as (assignments dict, command list), or None."""
    for line in output.splitlines():
        stripped = line.strip()
        if stripped.startswith("replay:"):
            words = shlex.split(stripped[len("replay:"):])
            assignments = {}
            while words and ASSIGNMENT.fullmatch(words[0]):
                name, value = words.pop(0).split("=", 1)
                assignments[name] = value
            return (assignments, words) if words else None
    return None


def object_verdict(local, controlled_found, runs):
    if controlled_found < runs:
        return VERDICT_MISSED
    if local["pass"] > 0:
        return "gap reproduced"
    return "no gap: fails locally too"


def local_cell(local):
    return f"{local['pass']} pass / {local['found']} found / {local['other']} other"


def production_cell(production):
    found_by = ", ".join(f"{count} {what}" for what, count in production["found_by"].items())
    return (f"{production['found']}/{production['runs']} found ({production['preset']}, "
            f"{production['budget_seconds']:g} s{': ' + found_by if found_by else ''})")


def controlled_cell(controlled):
    if controlled["found"] == 0:
        return f"0/{controlled['runs']} ({controlled['preset']})"
    replay = {True: "replays", False: "does NOT replay", None: "no replay line"}[
        controlled["replayed"]]
    median = controlled["median_found_in_seconds"]
    timing = f", median found in {median} s" if median is not None else ""
    return (f"{controlled['found']}/{controlled['runs']} ({controlled['preset']}{timing}), "
            f"{replay}")


def markdown_section(rows, options):
    lines = [
        "## Beyond maps: the planted objects (tests/objects/)",
        "",
        f"Local: preset `default`, `DISABLED_PlantedFree.<bug>` (free stress, real threads) for "
        f"{LOCAL_BUDGET_S} s. Production: preset `tsan`, the same test for "
        f"{options.production_budget:g} s. Controlled: the expectation test "
        f"`objects.<example>.<bug>` with a budget of {whole_seconds(options.controlled_budget)} s "
        f"and seed = run + 1; \"replays\" means the first finding's printed replay line printed "
        f"the same report. {options.runs} runs each.",
        "",
        "| expectation test | local (free stress) | production (tsan, free stress) "
        "| local, controlled schedules | verdict |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(f"| `{row['test']}` | {local_cell(row['local'])} | "
                     f"{production_cell(row['production'])} | "
                     f"{controlled_cell(row['controlled'])} | {row['verdict']} |")
    return lines


def terminal_rows(rows):
    return [(row["test"], local_cell(row["local"]), production_cell(row["production"]),
             controlled_cell(row["controlled"]), row["verdict"]) for row in rows]


class ObjectRows:
    """Measures the planted-object rows with the default and tsan builds (gap_report.Build)."""

    def __init__(self, local, production, options, run):
        self.local, self.production, self.options, self.run = local, production, options, run
        self.tests = {}  # test name -> the build that registers it (the default build first)
        for build in (production, local):
            for name in planted_tests(build.commands):
                self.tests[name] = build

    def names(self, selection):
        """The tests `selection` picks: "all", "none" or a comma list of test names."""
        if selection == "none":
            return []
        names = sorted(self.tests) if selection == "all" else [
            n for n in selection.split(",") if n]
        unknown = [n for n in names if n not in self.tests]
        if unknown:
            raise ValueError(f"unknown planted-object test {', '.join(unknown)} "
                             f"(known: {', '.join(sorted(self.tests))})")
        self.check_built(names)
        return names

    def check_built(self, names):
        """Raises ValueError naming the first executable a row needs that is not built."""
        for name in names:
            registered_in = self.tests[name]
            for build in (self.local, self.production):
                executable = self.executable_in(build, registered_in,
                                                registered_in.commands[name])[0]
                if not os.access(executable, os.X_OK):
                    raise ValueError(f"{executable} is missing: build the {build.preset} "
                                     f"preset's objects tests first (ci/gap-report.sh does)")

    def executable_in(self, build, registered_in, command):
        """`command` with its executable moved from the build that registers it to `build`."""
        relative = command[0].replace(str(registered_in.directory), str(build.directory), 1)
        return [relative, *command[1:]]

    def free_runs(self, build, command, budget_s, what, progress):
        """K free-stress runs, run i with seed i + 1 (the scenarios it draws)."""
        outcomes, found_by = {"pass": 0, "found": 0, "other": 0}, {}
        for run_index in range(self.options.runs):
            exit_code, _, output = self.run(
                command, with_exploration(build.environment, budget_s, run_index + 1),
                self.options.timeout)
            outcome = classify_free(exit_code, output)
            kinds = tsan_kinds(output)
            if kinds and outcome == "other":
                outcome = "found"
            outcomes[outcome] += 1
            if outcome == "found":
                for what_found in (["linearizability"] if is_not_linearizable(output) else []) + [
                        f"tsan {kind}" for kind in kinds]:
                    found_by[what_found] = found_by.get(what_found, 0) + 1
            progress.step(f"{what}: run {run_index + 1}/{self.options.runs}")
        return outcomes, found_by

    def controlled(self, name, build, progress):
        command = build.commands[name]
        found, seconds, first = 0, [], None
        for run_index in range(self.options.runs):
            exit_code, _, output = self.run(
                command, with_exploration(build.environment, self.options.controlled_budget,
                                          run_index + 1), self.options.timeout)
            if exit_code not in (0, "timeout") and is_not_linearizable(output):
                found += 1
                if found_in_seconds(output) is not None:
                    seconds.append(found_in_seconds(output))
                first = first or output
            progress.step(f"{name}: controlled run {run_index + 1}/{self.options.runs}")
        replayed = None
        replay = replay_line(first) if first else None
        if replay:
            assignments, replay_command = replay
            environment = {**with_exploration(build.environment, self.options.controlled_budget),
                           **assignments}
            _, _, output = self.run(replay_command, environment, self.options.timeout)
            replayed = report_text(output) == report_text(first)
        return {"preset": build.preset, "runs": self.options.runs,
                "budget_seconds": int(whole_seconds(self.options.controlled_budget)),
                "found": found,
                "median_found_in_seconds": (round(statistics.median(seconds), 2)
                                            if seconds else None),
                "replayed": replayed}

    def measure(self, name, progress):
        registered_in = self.tests[name]
        example, bug = TEST_NAME.fullmatch(name).groups()
        free = free_stress_command(registered_in.commands[name], bug)
        local, _ = self.free_runs(self.local, self.executable_in(self.local, registered_in, free),
                                  LOCAL_BUDGET_S, f"{name}: local", progress)
        production, found_by = self.free_runs(
            self.production, self.executable_in(self.production, registered_in, free),
            self.options.production_budget, f"{name}: production", progress)
        controlled = self.controlled(name, registered_in, progress)
        return {
            "test": name, "example": example, "bug": bug,
            "local": {"preset": self.local.preset, "runs": self.options.runs,
                      "budget_seconds": LOCAL_BUDGET_S, **local},
            "production": {"preset": self.production.preset, "runs": self.options.runs,
                           "budget_seconds": self.options.production_budget,
                           "found": production["found"], "found_by": found_by},
            "controlled": controlled,
            "verdict": object_verdict(local, controlled["found"], self.options.runs),
        }
