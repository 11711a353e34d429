#!/usr/bin/env python3
"""The gap report: "works locally, dies in production", measured for every variant.

For every registered variant (tests/broken/*.hpp and the correct ones), K runs of:
  local       the normal build (preset `default`), the `local` profile (2 threads, short):
              how often the bug passes silently, is found by an oracle (invariant or
              linearizability), crashes or hangs;
  production  the sanitizer build that declares the bug (`tsan`, or `asan` for memory bugs),
              the `production` profile, run exactly as its ctest expectation test runs it
              (`sanitizer-report expect ...`): how often the declared finding is reported,
              the median time to the report, and the line it was located at.
  controlled  the normal build again, with the `controlled` profile (PCT schedules) and a
              budget of --controlled-budget seconds a run (the variant's `under controlled` RUN
              arguments when it declares them, else its workload): how often a finding appears,
              the median time to it, and whether the replay command the first one's --json
              result names gives the same finding again. A race inside one operation, which
              no point of `controlled` interrupts, runs where it declares an expectation under
              `controlled_memory`: its points build, plain loads and stores points too.
Correct variants run the same way with `expect --none`: they must stay silent in all three.
Verdicts: "gap reproduced" (local passes at least once, production always catches it), "safety
net" (every local run that did not pass died with a report: checked_map), "no gap: fails locally
too" (with the reason the variant's header declares in `// Fails locally:`, which the manifest
carries), "MISSED in production"; correct variants: "clean" or "NOT CLEAN".
A sweep then runs a few variants at several thread counts for the chart: how often the bug
manifests in the normal build, and how often TSan reports it, against thread count.
Then the "beyond maps" rows (ci/gap_objects.py, --objects): the planted bugs of tests/objects/,
free stress locally and in tsan beside the controlled exploration; a row whose controlled runs
missed it is "MISSED under controlled schedules". --objects-only measures those rows alone and
needs only the default and tsan builds.

The builds are made by ci/gap-report.sh; this script only reads them:
  <build>/<preset>/safemap-stress-variants.json   the variants (written by cmake/SafemapStress.cmake)
  ctest --show-only=json-v1                       the expectation tests' exact commands

Reads runs only as JSON: the driver's --json result (replay command, kind, schedule) and
sanitizer-report's --format json findings (kind and location; the only source for a run that
died, whose result names no kind).

Writes gap-report.md, gap-report.json and gap-chart.svg (gnuplot) to --out.
Exit 0 when every broken variant is caught in production in K of K runs, every correct
variant is clean and every planted object is found by controlled schedules in K of K runs; 1
otherwise; 2 on bad usage, missing builds or a sanitizer-report that fails.
"""
import argparse
import json
import os
import pathlib
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import gap_objects
import layers_table

EXIT_OK, EXIT_GAP_NOT_SHOWN, EXIT_BAD_USAGE = 0, 1, 2
# The stress driver's codes (src/stress/exit_code.hpp).
EXIT_INVARIANT, EXIT_NO_PROGRESS, EXIT_NOT_LINEARIZABLE = 3, 4, 5
MEMORY_PROFILE = layers_table.MEMORY_PROFILE


class UsageError(Exception):
    pass


class Progress:
    """A live line on a terminal; elsewhere (CI logs) one line every few seconds."""

    def __init__(self, total):
        self.total, self.done, self.last_print = total, 0, 0.0
        self.live = sys.stderr.isatty()

    def step(self, what):
        self.done += 1
        line = f"[{self.done}/{self.total}] {what}"
        if self.live:
            print(f"\r\033[K{line}", end="", file=sys.stderr, flush=True)
        elif time.monotonic() - self.last_print > 5 or self.done == self.total:
            print(line, file=sys.stderr, flush=True)
            self.last_print = time.monotonic()

    def close(self):
        if self.live:
            print(file=sys.stderr)


class Build:
    """One configured and built preset: its variants and its ctest commands."""

    def __init__(self, root, preset):
        self.preset = preset
        self.directory = root / "build" / preset
        manifest = self.directory / "safemap-stress-variants.json"
        if not manifest.is_file():
            raise UsageError(f"{manifest} is missing: build the {preset} preset first "
                             f"(ci/gap-report.sh does)")
        self.variants = {v["name"]: v for v in json.loads(manifest.read_text())["variants"]}
        listing = subprocess.run(["ctest", "--show-only=json-v1"], cwd=self.directory,
                                 capture_output=True, text=True, check=True).stdout
        self.commands = {test["name"]: test["command"]
                         for test in json.loads(listing)["tests"] if "command" in test}
        self.environment = self.test_preset_environment(root)

    def test_preset_environment(self, root):
        """The environment `ctest --preset X` gives tests (TSAN_OPTIONS, SAFEMAP_STRESS_*, ...),
        as printed by the presets.runtime_options test, so runs here match ctest's exactly."""
        shown = subprocess.run(["ctest", "--preset", self.preset, "-R",
                                "^presets.runtime_options$", "-V"], cwd=root,
                               capture_output=True, text=True)
        options = dict(re.findall(r"runtime option: ([A-Z0-9_]+)=(.*)", shown.stdout))
        if shown.returncode != 0:
            raise UsageError(f"cannot read the {self.preset} test preset's runtime options "
                             f"(ctest --preset {self.preset} -R presets.runtime_options -V):\n"
                             f"{shown.stdout[-2000:]}")
        return {**os.environ, **options}

    def expectation_command(self, name):
        """The command of the first expectation test this build registers for variant `name`."""
        for expectation in self.variants[name].get("expectations", []):
            if expectation.get("profile", "production") != "production":
                continue
            test = f"broken.{name}.{expectation['detector']}"
            if test in self.commands:
                return expectation, self.commands[test]
        return None, None


def run(command, environment, timeout):
    """Runs command; returns (exit code or 'timeout', seconds, combined output)."""
    start = time.monotonic()
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              env=environment, timeout=timeout, stdin=subprocess.DEVNULL)
        return done.returncode, time.monotonic() - start, done.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired as expired:
        output = (expired.stdout or b"").decode(errors="replace")
        return "timeout", time.monotonic() - start, output


def locating_options(expect):
    """The --source-root and --library options of a `sanitizer-report expect ...` command: the
    findings of a run are located here exactly as its ctest test locates them."""
    options = []
    for index, argument in enumerate(expect[:-1]):
        if argument in ("--source-root", "--library"):
            options += [argument, expect[index + 1]]
    return options


class ToolFailed(Exception):
    """sanitizer-report could not read a run's output: the report would be wrong, so it stops."""


def findings_in(expect, output):
    """The located findings sanitizer-report reads in a run's output; [] only when there are none.
    A truncated report (a run that died mid-report) still counts with what it has; any other
    failure of the tool raises ToolFailed with its exit code and standard error."""
    with tempfile.NamedTemporaryFile("w", suffix=".log", delete=False) as log:
        log.write(output)
    try:
        command = [expect[0], "report", "--format", "json", "--allow-empty",
                   *locating_options(expect), log.name]
        rendered = subprocess.run(command, capture_output=True, text=True)
        truncated = rendered.returncode == EXIT_BAD_USAGE and "truncated" in rendered.stderr
        if rendered.returncode != EXIT_OK and not truncated:
            raise ToolFailed(f"{shlex.join(command)} exited {rendered.returncode}:\n"
                             f"{rendered.stderr.strip()}")
        try:
            return json.loads(rendered.stdout)
        except json.JSONDecodeError as error:
            raise ToolFailed(f"{shlex.join(command)} printed no JSON ({error}):\n"
                             f"{rendered.stderr.strip()}") from error
    finally:
        os.unlink(log.name)


def classify_local(exit_code, has_finding):
    if exit_code == 0:
        return "pass"
    if exit_code in (EXIT_INVARIANT, EXIT_NOT_LINEARIZABLE):
        return "oracle"
    if exit_code in (EXIT_NO_PROGRESS, "timeout"):
        return "hang"
    return "crash_reported" if has_finding else "crash"


def with_profile(arguments, profile, threads=None):
    """The stress arguments with --profile replaced, and --threads set when given. The local
    profile also drops the variant's --ops and --duration (RUN lines raise them so production
    catches the bug every time; a laptop test runs the local profile's own amount) and the
    expectation test's --repeat-for (a laptop test runs its rounds once)."""
    replaced = ["--profile", "-p", "--threads", "-t"]
    if profile == "local":
        replaced += ["--ops", "-n", "--duration", "-d", "--repeat-for"]
    kept, skip = [], False
    for argument in arguments:
        if skip:
            skip = False
        elif argument in replaced:
            skip = True
        else:
            kept.append(argument)
    kept += ["--profile", profile]
    if threads:
        kept += ["--threads", str(threads)]
    return kept


def workload_arguments(arguments):
    """Only the --workload option of a variant's stress arguments."""
    for index, argument in enumerate(arguments[:-1]):
        if argument in ("--workload", "-w"):
            return [argument, arguments[index + 1]]
    return []


def read_result(path):
    """The driver's --json result, or None when the run left none (killed by the timeout)."""
    try:
        return json.loads(pathlib.Path(path).read_text())
    except (OSError, ValueError):
        return None


def replay_command(result):
    """The command the driver's result names for replaying its finding, or None."""
    finding = (result or {}).get("finding") or {}
    return finding.get("replay")


def replay_signature(result, findings):
    """What a replay must repeat to count as the same finding, all read from JSON: the kind (the
    driver's result for its own detectors; sanitizer-report's for a run that died, which leaves
    none) and the schedule that led to it: an oracle's finding comes from the last round, whose
    trace the result carries; a deadlock's from where its schedule stood (steps, switches and
    escapes). Values read from freed memory, addresses and process ids may differ."""
    finding = (result or {}).get("finding") or {}
    kind = finding.get("kind") or (findings[0].get("kind") if findings else None)
    trace = None
    if finding.get("detector") in ("invariant", "linearizability"):
        rounds = result.get("rounds") or [{}]
        trace = (rounds[-1].get("schedule") or {}).get("trace")
    deadlock = finding.get("schedule")
    schedule = ((deadlock["steps"], deadlock["switches"], deadlock["escapes"])
                if deadlock else None)
    return kind, trace, schedule


def stress_arguments(command):
    """Split `sanitizer-report expect [options] -- EXE ARGS` into (expect part, EXE, ARGS)."""
    separator = command.index("--")
    return command[:separator], command[separator + 1], command[separator + 2:]


def short_function(name):
    """`ns::cls<T, U>::find(K const&) const` -> `ns::cls::find`: template arguments and the
    parameter list dropped, so a location fits on a line."""
    depth, kept = 0, []
    for char in name:
        if char in "<(":
            depth += 1
        elif char in ">)":
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(char)
    words = "".join(kept).replace(" const", "").split()
    return words[-1] if words else ""  # the return type, if any, goes too


def location_text(finding):
    location = finding.get("location") or {}
    if not location.get("file"):
        return ""
    function = short_function(location.get("function") or "")
    line = location.get("line")  # null when no project frame had a line
    where = f"{location['file']}:{line}" if line else location["file"]
    return f"{where} {function}".strip()


class GapReport:
    def __init__(self, options):
        self.options = options
        self.root = pathlib.Path(options.source_root).resolve()
        self.local = Build(self.root, "default")
        self.production = {preset: Build(self.root, preset) for preset in ("tsan", "asan")}

    def plan(self, name):
        """How a variant runs: (production build, its expectation, the `sanitizer-report expect`
        part of the command, the stress arguments). Broken variants run exactly as their ctest
        expectation test; correct ones as their stress test of the workload correct_workload."""
        if self.local.variants[name]["broken"]:
            for build in self.production.values():
                expectation, command = build.expectation_command(name)
                if command:
                    expect, _, arguments = stress_arguments(command)
                    return build, expectation, expect, arguments
            raise UsageError(f"variant {name}: no expectation test in the tsan or asan build")
        build = self.production["tsan"]
        test = f"stress.{name}.{self.options.correct_workload}.production"
        if test not in build.commands:
            raise UsageError(f"variant {name}: no test {test} in the tsan build")
        expect, _, arguments = stress_arguments(build.commands[test])
        return build, None, expect, arguments

    def commands(self, name, threads=None):
        """(local command, production command) of a variant, at its profiles' thread counts or
        at `threads`."""
        build, _, expect, arguments = self.plan(name)
        local = [self.local.variants[name]["executable"]] + with_profile(arguments, "local", threads)
        production = expect + ["--", build.variants[name]["executable"]] + with_profile(
            arguments, "production", threads)
        return local, production

    def controlled_command(self, name):
        """(profile, command): the normal build's executable at the controlled profile, for the
        report's budget; a bug that declares an expectation under the memory-points profile runs
        there instead, in its points build (the manifest's points_executable)."""
        variant = self.local.variants[name]
        expectations = variant.get("expectations", [])
        executable, profile = variant["executable"], "controlled"
        declared = None
        if variant.get("points_executable"):
            declared = next((e for e in expectations if e.get("profile") == MEMORY_PROFILE), None)
        if declared:
            executable, profile = variant["points_executable"], MEMORY_PROFILE
        else:
            declared = next((e for e in expectations if e.get("profile") == "controlled"), None)
        if declared:
            arguments = list(declared["run_args"])
        elif variant["broken"]:
            arguments = workload_arguments(expectations[0]["run_args"]) if expectations else []
        else:
            arguments = ["--workload", self.options.correct_workload]
        return profile, [executable, *arguments, "--profile", profile,
                         "--repeat-for", f"{self.options.controlled_budget:g}", "--progress", "off"]

    def measure_controlled(self, name, expect, progress):
        """K runs under PCT schedules in the normal build, and one replay of the first finding."""
        profile, command = self.controlled_command(name)
        found, seconds, first = 0, [], None
        with tempfile.TemporaryDirectory() as scratch:
            result_path = pathlib.Path(scratch) / "result.json"
            for run_index in range(self.options.runs):
                result_path.unlink(missing_ok=True)
                exit_code, elapsed, output = run([*command, "--json", str(result_path)],
                                                 self.local.environment, self.options.timeout)
                if exit_code not in (0, "timeout"):
                    found += 1
                    seconds.append(elapsed)
                    first = first or (exit_code, output, read_result(result_path))
                progress.step(f"{name}: controlled run {run_index + 1}/{self.options.runs}")
            replayed, kind = None, None
            if first:
                first_code, first_output, first_result = first
                first_findings = findings_in(expect, first_output)
                kind = first_findings[0].get("kind") if first_findings else f"exit {first_code}"
                replay = replay_command(first_result)
                replayed = False
                if replay:
                    result_path.unlink(missing_ok=True)
                    exit_code, _, output = run([*shlex.split(replay), "--json", str(result_path)],
                                               self.local.environment, self.options.timeout)
                    findings = findings_in(expect, output)
                    replayed = (exit_code == first_code and
                                replay_signature(read_result(result_path), findings) ==
                                replay_signature(first_result, first_findings) and
                                [location_text(f) for f in findings] ==
                                [location_text(f) for f in first_findings])
        return {"preset": "default", "profile": profile, "runs": self.options.runs,
                "budget_seconds": self.options.controlled_budget, "found": found, "kind": kind,
                "median_seconds": round(statistics.median(seconds), 2) if seconds else None,
                "replayed": replayed}

    def measure_variant(self, name, progress):
        options = self.options
        build, expectation, expect, _ = self.plan(name)
        local_command, command = self.commands(name)

        local = {"pass": 0, "oracle": 0, "crash": 0, "crash_reported": 0, "hang": 0}
        for run_index in range(options.runs):
            exit_code, _, output = run(local_command, self.local.environment, options.timeout)
            has_finding = exit_code not in (0, EXIT_INVARIANT, EXIT_NO_PROGRESS,
                                            EXIT_NOT_LINEARIZABLE) and bool(
                findings_in(expect, output))
            local[classify_local(exit_code, has_finding)] += 1
            progress.step(f"{name}: local run {run_index + 1}/{options.runs}")

        caught, seconds, locations = 0, [], {}
        for run_index in range(options.runs):
            exit_code, elapsed, output = run(command, build.environment, options.timeout)
            if exit_code == 0:
                caught += 1
                seconds.append(elapsed)
                if expectation:
                    for finding in findings_in(expect, output):
                        if finding.get("kind") == expectation["kind"]:
                            where = location_text(finding)
                            locations[where] = locations.get(where, 0) + 1
                            break
            progress.step(f"{name}: production ({build.preset}) run {run_index + 1}/{options.runs}")

        controlled = self.measure_controlled(name, expect, progress)
        broken = self.local.variants[name]["broken"]
        row_verdict = verdict(broken, local, caught, options.runs)
        if not broken and controlled["found"] > 0:
            row_verdict = "NOT CLEAN"
        return {
            "variant": name,
            "broken": broken,
            "header": os.path.relpath(self.local.variants[name]["header"], self.root),
            "local": {"preset": "default", "profile": "local", "runs": options.runs, **local},
            "production": {
                "preset": build.preset, "profile": "production", "runs": options.runs,
                "detector": expectation["detector"] if expectation else None,
                "kind": expectation["kind"] if expectation else None,
                "caught" if broken else "clean": caught,
                "median_seconds": round(statistics.median(seconds), 2) if seconds else None,
                "location": max(locations, key=locations.get) if locations else None,
            },
            "controlled": controlled,
            "verdict": row_verdict,
            # The header's `// Fails locally:` text, as cmake/SafemapStress.cmake read it.
            "reason": (self.local.variants[name].get("fails_locally")
                       if row_verdict.startswith("no gap") else None),
        }

    def sweep(self, names, progress):
        """Manifestation (normal build) and detection (sanitizer) rate per thread count."""
        points = []
        for name in names:
            build = self.plan(name)[0]
            for threads in self.options.sweep_threads:
                local_command, production_command = self.commands(name, threads)
                manifested = detected = 0
                for _ in range(self.options.sweep_runs):
                    manifested += run(local_command, self.local.environment,
                                      self.options.timeout)[0] != 0
                    detected += run(production_command, build.environment,
                                    self.options.timeout)[0] == 0
                    progress.step(f"sweep {name} at {threads} threads")
                points.append({"variant": name, "threads": threads, "preset": build.preset,
                               "runs": self.options.sweep_runs,
                               "manifested": manifested, "detected": detected})
        return points


def verdict(broken, local, production_hits, runs):
    if not broken:
        clean = local["pass"] == runs and production_hits == runs
        return "clean" if clean else "NOT CLEAN"
    if production_hits < runs:
        return "MISSED in production"
    if local["crash_reported"] > 0 and local["crash_reported"] + local["pass"] == runs:
        # A safety net in the normal build (checked_map): every run that overlapped died with a
        # report; the others never raced.
        return (f"safety net: dies loudly locally ({local['crash_reported']}/{runs}), "
                f"never corrupts silently")
    if local["pass"] > 0:
        return "gap reproduced"
    return "no gap: fails locally too"


def local_cell(local):
    loud = f" ({local['crash_reported']} with report)" if local["crash_reported"] else ""
    return (f"{local['pass']} pass / {local['oracle']} oracle / "
            f"{local['crash'] + local['crash_reported']} crash{loud} / {local['hang']} hang")


def production_cell(row):
    production = row["production"]
    if not row["broken"]:
        return f"{production['clean']}/{production['runs']} clean ({production['preset']})"
    median = production["median_seconds"]
    timing = f", median {median} s" if median is not None else ""
    return (f"{production['caught']}/{production['runs']} {production['kind']} "
            f"({production['preset']}{timing})")


def controlled_cell(row):
    controlled = row["controlled"]
    if not row["broken"]:
        return f"{controlled['runs'] - controlled['found']}/{controlled['runs']} clean"
    if controlled["found"] == 0:
        return f"0/{controlled['runs']}"
    replay = {True: "replays", False: "does NOT replay", None: ""}[controlled["replayed"]]
    memory = ", memory points" if controlled.get("profile") == MEMORY_PROFILE else ""
    return (f"{controlled['found']}/{controlled['runs']} {controlled['kind']} "
            f"(median {controlled['median_seconds']} s{memory}), {replay}")


def markdown(rows, object_rows, options, manifest):
    lines = ["# Gap report: works locally, dies in production", ""]
    if rows:
        lines += map_section(rows, options, manifest)
    if object_rows:
        lines += gap_objects.markdown_section(object_rows, options) + [""]
    return "\n".join(lines) + "\n"


def map_section(rows, options, manifest):
    lines = [
        f"Local: preset `default`, profile `local`. Production: the sanitizer preset that declares "
        f"the bug, profile `production`. Local, controlled: preset `default`, profile `controlled` "
        f"(PCT schedules), or `{MEMORY_PROFILE}` (\"memory points\": plain loads and stores are "
        f"points too, in the variant's points build) where the bug declares it, at most "
        f"{options.controlled_budget:g} s a run; \"replays\" means the "
        f"replay command of the first finding gave the same finding again. {options.runs} runs "
        f"each.",
        "",
        "| variant | local (normal build) | production (sanitizer) | local, controlled schedules "
        "| located at | verdict |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        location = row["production"].get("location") or ""
        lines.append(f"| {row['variant']} | {local_cell(row['local'])} | {production_cell(row)} | "
                     f"{controlled_cell(row)} | {'`' + location + '`' if location else ''} | "
                     f"{row['verdict']} |")
    lines += [""] + reasons(rows)
    lines += ["", "Which layer catches each planted bug, from the catalogue's EXPECT lines:", "",
              layers_table.block(manifest), ""]
    return lines


def reasons(rows):
    """Why a broken variant shows no gap, as its header declares it (or that it declares none)."""
    return [f"- {row['variant']}: {row['reason'] or 'no `// Fails locally:` reason declared'}"
            for row in rows if row["verdict"].startswith("no gap")]


def terminal_table(rows, object_rows):
    out = []
    if rows:
        header = ("variant", "local (normal build)", "production", "local, controlled", "verdict")
        table = [(r["variant"], local_cell(r["local"]), production_cell(r), controlled_cell(r),
                  r["verdict"]) for r in rows]
        out += aligned(header, table)
        for row in rows:
            if row["production"].get("location"):
                out.append(f"  {row['variant']}: located at {row['production']['location']}")
        out += reasons(rows)
    if object_rows:
        header = ("planted object", "local (free stress)", "production (free stress)",
                  "local, controlled", "verdict")
        out += [""] * bool(rows) + aligned(header, gap_objects.terminal_rows(object_rows))
    return "\n".join(out)


def aligned(header, table):
    """The header and rows as lines of columns padded to their widest cell."""
    widths = [max(len(str(row[i])) for row in [header] + table) for i in range(len(header))]
    out = []
    for row in [header] + table:
        out.append("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))
        if row is header:
            out.append("  ".join("-" * width for width in widths))
    return out


def chart(points, out_directory):
    """gap-chart.svg: manifestation (normal build) and detection (sanitizer) rate per thread count."""
    gnuplot = shutil.which("gnuplot")
    if gnuplot is None or not points:
        return None
    data = out_directory / "gap-chart.dat"
    names = list(dict.fromkeys(point["variant"] for point in points))
    with data.open("w") as out:
        for name in names:
            out.write(f"# {name}\n")
            for point in (p for p in points if p["variant"] == name):
                out.write(f"{point['threads']} {100 * point['manifested'] / point['runs']:.1f} "
                          f"{100 * point['detected'] / point['runs']:.1f}\n")
            out.write("\n\n")
    plots = []
    for index, name in enumerate(names):
        plots.append(f"'{data}' index {index} using 1:2 with linespoints dt 2 lc {index + 1} "
                     f"title '{name}: manifests (normal build)'")
        plots.append(f"'{data}' index {index} using 1:3 with linespoints dt 1 lc {index + 1} "
                     f"title '{name}: reported (sanitizer)'")
    svg = out_directory / "gap-chart.svg"
    script = "\n".join([
        # noenhanced: variant names keep their underscores (no subscripts).
        "set terminal svg size 900,560 dynamic noenhanced background rgb 'white'",
        f"set output '{svg}'",
        "set title 'Works locally, dies in production: rate per thread count'",
        "set xlabel 'threads'", "set ylabel '% of runs'", "set logscale x 2",
        "set yrange [0:105]", "set key below horizontal maxcols 2", "set grid",
        "plot " + ", ".join(plots),
    ])
    subprocess.run([gnuplot], input=script, text=True, check=True)
    return svg


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per variant and profile (K)")
    parser.add_argument("--variants", default="", help="comma list (default: all registered)")
    parser.add_argument("--sweep-variants", default="unsynchronized_writes,unlocked_reads",
                        help="variants in the chart (comma list; empty: no sweep)")
    parser.add_argument("--sweep-threads", default="2,4,16,64",
                        help="thread counts of the chart (comma list)")
    parser.add_argument("--sweep-runs", type=int, default=4, help="runs per point of the chart")
    parser.add_argument("--correct-workload", default="resize_storm",
                        help="workload correct variants run (the most common trigger)")
    parser.add_argument("--controlled-budget", type=float, default=2,
                        help="seconds a controlled-schedule run may search (--repeat-for; "
                             "planted objects: rounded up to whole seconds)")
    parser.add_argument("--objects", default="all",
                        help="planted-object rows: all, none or a comma list of their "
                             "expectation tests (objects.<example>.<bug>)")
    parser.add_argument("--objects-only", action="store_true",
                        help="only the planted-object rows (no variants, no sweep; needs only "
                             "the default and tsan builds)")
    parser.add_argument("--production-budget", type=int, default=10,
                        help="seconds of a planted object's free stress in tsan")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a run hangs")
    parser.add_argument("--out", default="build/gap", help="folder for the report files")
    parser.add_argument("--source-root", default=".", help="the repository")
    options = parser.parse_args(argv)
    try:
        options.sweep_threads = [int(t) for t in options.sweep_threads.split(",") if t]
    except ValueError:
        parser.error("--sweep-threads takes a comma list of numbers")
    if options.runs < 1 or options.sweep_runs < 1 or any(t < 1 for t in options.sweep_threads):
        parser.error("--runs, --sweep-runs and thread counts must be at least 1")
    if not options.controlled_budget > 0 or options.controlled_budget == float("inf"):
        parser.error("--controlled-budget must be a finite number of seconds > 0")
    if options.production_budget < 1:
        parser.error("--production-budget must be at least 1 second")
    if options.objects_only and options.objects == "none":
        parser.error("--objects-only with --objects none leaves nothing to measure")
    return options


def main(argv):
    options = parse_arguments(argv)
    root = pathlib.Path(options.source_root).resolve()
    try:
        if options.objects_only:
            report, names, sweep_names = None, [], []
            local, tsan = Build(root, "default"), Build(root, "tsan")
        else:
            report = GapReport(options)
            local, tsan = report.local, report.production["tsan"]
            names = [n for n in options.variants.split(",") if n] or sorted(
                report.local.variants, key=lambda n: (not report.local.variants[n]["broken"], n))
            sweep_names = [n for n in options.sweep_variants.split(",") if n]
        for name in names + sweep_names:
            if name not in report.local.variants:
                raise UsageError(f"unknown variant {name!r} "
                                 f"(known: {', '.join(sorted(report.local.variants))})")
        objects = gap_objects.ObjectRows(local, tsan, options, run)
        object_names = objects.names(options.objects)
    except (UsageError, ValueError, subprocess.CalledProcessError) as error:
        print(f"gap-report: {error}", file=sys.stderr)
        return EXIT_BAD_USAGE

    progress = Progress((len(names) + len(object_names)) * 3 * options.runs +
                        len(sweep_names) * len(options.sweep_threads) * options.sweep_runs)
    try:
        rows = [report.measure_variant(name, progress) for name in names]
        points = report.sweep(sweep_names, progress) if report else []
        object_rows = [objects.measure(name, progress) for name in object_names]
    except ToolFailed as error:
        progress.close()
        print(f"gap-report: sanitizer-report failed: {error}", file=sys.stderr)
        return EXIT_BAD_USAGE
    progress.close()

    out = pathlib.Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    text = markdown(rows, object_rows, options, {"variants": list(local.variants.values())})
    (out / "gap-report.md").write_text(text)
    (out / "gap-report.json").write_text(json.dumps(
        {"runs": options.runs, "variants": rows, "sweep": points, "objects": object_rows},
        indent=2) + "\n")
    svg = chart(points, out)
    if svg:
        text += f"\nChart: `{svg}`\n"
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a") as summary:
            summary.write(text)

    print(terminal_table(rows, object_rows))
    print(f"\nWrote {out}/gap-report.md, {out}/gap-report.json"
          + (f", {svg}" if svg else " (no chart: gnuplot missing or no sweep)"))
    failed = [r["variant"] for r in rows if r["verdict"] in ("MISSED in production", "NOT CLEAN")]
    failed += [r["test"] for r in object_rows if r["verdict"] == gap_objects.VERDICT_MISSED]
    if failed:
        print(f"gap-report: not shown for {', '.join(failed)}", file=sys.stderr)
        return EXIT_GAP_NOT_SHOWN
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
