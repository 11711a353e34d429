#!/usr/bin/env python3
"""Runs safemap-compare and writes the comparison report: Markdown, JSON and an SVG chart.

The default build's binary runs the whole matrix (every map, workload, key count and thread
count, Google Benchmark repetitions randomly interleaved so slow drifts of a shared machine hit
every map alike); the asan and tsan builds' binaries, when present, run safemap's variants on the
in-cache key count to measure what the harness costs. Figures are medians over repetitions.

Throughput (Mops/s) is computed three ways; --clock picks the headline one the ratios use:
  thread  ops * min(threads, cores) / sum over threads of (start-to-finish time minus the time
          the thread waited for a CPU). Counts time on a CPU and time blocked in the map (a
          waiter asleep on a mutex is the map's cost), not time other processes on a shared,
          noisy machine took from our threads. The default.
  cpu     ops * min(threads, cores) / sum of the threads' CPU time. Ignores blocking too, so it
          flatters maps whose waiters sleep.
  wall    ops / (first thread's start to last thread's finish).
The limits (single-threaded maps without synchronisation) are measured on one thread and scaled
by min(threads, cores).

Memory: safemap-compare also records each map's heap bytes per entry after filling a fresh map
with each key count (bench/compare/memory_footprint.hpp); the report tables them. Peers whose
headers the build did not find are listed as skipped.

Exit codes: 0 report written; 2 bad usage or missing binary; 3 a benchmark reported lost
updates; otherwise the failing benchmark binary's own exit code (e.g. 66: TSan found a race).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

CLOCKS = ("thread", "cpu", "wall")
NOISY_MACHINE = 0.2
EXIT_USAGE = 2
EXIT_INVARIANT = 3
SANITIZER_OPTIONS = {  # as in presets/base.json's test presets: a finding fails the run
    "TSAN_OPTIONS": "halt_on_error=1 second_deadlock_stack=1 exitcode=66 history_size=4",
    "ASAN_OPTIONS": "detect_leaks=1 halt_on_error=1",
    "UBSAN_OPTIONS": "print_stacktrace=1 halt_on_error=1",
}

# The targets sharded_map is measured against (docs/benchmarks.md); the report states each with
# its figure, never as a pass/fail test. Against the best peer and the limit in the same run.
SHARDED = "safemap::sharded_map"
TARGET_THREADS = (1, 2, 4)
TARGET_LEAD = 1.3  # parallel_load_s0.99 and read_99: sharded_map / best peer
LEAD_WORKLOADS = ("parallel_load_s0.99", "read_99")
TARGET_LIMIT_RATIO = 0.8  # read_99 at 2 threads: sharded_map / limit
TARGET_WRITE_RATIO = 0.8  # write_heavy: sharded_map / best peer
MEMORY_KEYS = 500000  # bytes per entry: sharded_map's at most the best peer's


def parse_args() -> argparse.Namespace:
    root = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", type=Path, default=root / "build" / "default",
                        help="build folder of the default preset (default: %(default)s)")
    parser.add_argument("--harness-cost-dirs", type=Path, nargs="*",
                        default=[root / "build" / "asan", root / "build" / "tsan"],
                        help="sanitizer build folders to measure harness cost in; "
                             "folders without the binary are reported as not measured")
    parser.add_argument("--out", type=Path, default=root / "build" / "bench-report",
                        help="output folder (default: %(default)s)")
    parser.add_argument("--full", action="store_true",
                        help="the complete matrix: 4x10^6 keys out of cache (default 5x10^5), all "
                             "skews there, more operations, "
                             "more repetitions, thread counts up to twice the cores")
    parser.add_argument("--smoke", action="store_true",
                        help="a toy matrix (seconds): checks the pipeline, not the maps")
    parser.add_argument("--repetitions", type=int, help="repetitions per measurement")
    parser.add_argument("--clock", choices=CLOCKS, default="thread",
                        help="headline throughput the ratios use (default: %(default)s)")
    parser.add_argument("--filter", help="Google Benchmark filter regex for the main run")
    parser.add_argument("--reuse", action="store_true",
                        help="do not run anything: rebuild the report from the raw JSON "
                             "files a previous run left in --out")
    args = parser.parse_args()
    if args.repetitions is not None and args.repetitions < 1:
        parser.error("--repetitions must be at least 1")
    return args


SMOKE_MATRIX = ["--keys", "1000", "--threads", "1", "2", "--min-ops", "20000",
                "--hot-keys", "100"]


def main_matrix(full: bool, cores: int) -> list[str]:
    if not full:
        return ["--keys", "10000", "500000", "--threads", "1", "2", "4",
                "--min-ops", "2000000"]
    threads = [1, 2, 4]
    while threads[-1] < 2 * cores:
        threads.append(threads[-1] * 2)
    return ["--keys", "10000", "4000000", "--threads", *map(str, threads),
            "--min-ops", "10000000"]


# The default run keeps the out-of-cache parallel load to the skew the targets name; --full
# runs all three.
DEFAULT_FILTER = "-parallel_load_s0\\.(01|5)/.*/keys:500000/"
HARNESS_MATRIX = ["--keys", "10000", "--threads", "1", "2", "--min-ops", "200000",
                  "--benchmark_filter=/safemap::"]


def run_benchmark(binary: Path, arguments: list[str], raw: Path, repetitions: int,
                  label: str) -> None:
    command = [str(binary), *arguments, f"--benchmark_repetitions={repetitions}",
               "--benchmark_enable_random_interleaving=true",
               f"--benchmark_out={raw}", "--benchmark_out_format=json"]
    print(f"report: {label}: {' '.join(command)}", file=sys.stderr, flush=True)
    env = {**SANITIZER_OPTIONS, **os.environ}
    # Google Benchmark's console lines (one per finished measurement) are the progress output.
    completed = subprocess.run(command, env=env, stdout=sys.stderr, check=False)
    if completed.returncode != 0:
        why = "lost updates" if completed.returncode == EXIT_INVARIANT else "failed"
        print(f"report: {label}: {binary.name} {why} (exit {completed.returncode})",
              file=sys.stderr)
        sys.exit(completed.returncode)


def load_rows(raw: Path) -> tuple[dict, list[dict]]:
    """The context and one row per measured repetition of a Google Benchmark JSON file."""
    with raw.open() as handle:
        data = json.load(handle)
    rows = []
    for entry in data["benchmarks"]:
        if entry.get("run_type") != "iteration":
            continue
        workload, map_name, keys = entry["run_name"].split("/")[:3]
        if entry.get("error_occurred"):
            print(f"report: {entry['run_name']}: {entry.get('error_message')}", file=sys.stderr)
            sys.exit(EXIT_INVARIANT)
        if entry["ops"] == 0 or entry["thread_wall_s"] == 0:
            continue  # more threads than operations: nothing was measured
        rows.append({"workload": workload, "map": map_name,
                     "keys": int(keys.removeprefix("keys:")), "threads": entry["threads"],
                     **{field: entry[field] for field in
                        ("ops", "wall_s", "thread_wall_s", "run_delay_s", "cpu_s")}})
    return data["context"], rows


def summarise(rows: list[dict], cores: int) -> dict[tuple, dict]:
    """Median figures per (workload, keys, map, threads)."""
    repetitions = defaultdict(list)
    for row in rows:
        repetitions[(row["workload"], row["keys"], row["map"], row["threads"])].append(row)
    figures = {}
    for key, runs in repetitions.items():
        threads = key[3]
        active = min(threads, cores)
        # Never below the CPU time: guards against a kernel's coarse run-delay accounting.
        busy = [max(r["thread_wall_s"] - r["run_delay_s"], r["cpu_s"]) for r in runs]
        figures[key] = {
            "thread": statistics.median(r["ops"] * active / b * 1e-6 for r, b in zip(runs, busy)),
            "cpu": statistics.median(r["ops"] * active / r["cpu_s"] * 1e-6 for r in runs),
            "wall": statistics.median(r["ops"] / r["wall_s"] * 1e-6 for r in runs),
            # Share of the threads' busy time spent asleep (blocked in the map).
            "blocked_share": statistics.median(max(0.0, 1 - r["cpu_s"] / b)
                                               for r, b in zip(runs, busy)),
            # Share of the threads' time spent waiting for a CPU: other load (or, above the
            # core count, our own other threads).
            "run_queue_share": statistics.median(r["run_delay_s"] / r["thread_wall_s"]
                                                 for r in runs),
            "repetitions": len(runs),
        }
    return figures


def scale_limits(figures: dict, roles: dict, thread_counts: list[int], cores: int) -> None:
    """Adds the limits' figures at every thread count: one thread's, times min(threads, cores)."""
    for (workload, keys, map_name, threads), figure in list(figures.items()):
        if roles.get(map_name) != "limit" or threads != 1:
            continue
        for count in thread_counts:
            scale = min(count, cores)
            figures[(workload, keys, map_name, count)] = {
                **figure, **{clock: figure[clock] * scale for clock in CLOCKS},
                "scaled_from_one_thread": scale}


def machine_noise(figures: dict, cores: int) -> float | None:
    """Median share of thread time spent waiting for a CPU where threads <= cores."""
    shares = [f["run_queue_share"] for (_, _, _, t), f in figures.items()
              if t <= cores and "scaled_from_one_thread" not in f]
    return statistics.median(shares) if shares else None


def best(figures: dict, roles: dict, role: str, cell: tuple, clock: str):
    """(map, Mops/s) of the fastest map of `role` in cell (workload, keys, threads)."""
    workload, keys, threads = cell
    candidates = [(figure[clock], name) for (w, k, name, t), figure in figures.items()
                  if (w, k, t) == cell and roles.get(name) == role]
    if not candidates:
        return None, None
    mops, name = max(candidates)
    return name, mops


def compare(figures: dict, roles: dict, clock: str) -> list[dict]:
    """Each safemap variant's ratio to the best peer and to the limit, per cell."""
    comparisons = []
    cells = sorted({(w, k, t) for (w, k, _, t) in figures})
    for cell in cells:
        peer, peer_mops = best(figures, roles, "peer", cell, clock)
        limit, limit_mops = best(figures, roles, "limit", cell, clock)
        for (w, k, name, t), figure in sorted(figures.items()):
            if (w, k, t) != cell or roles.get(name) != "safemap":
                continue
            comparisons.append({
                "workload": w, "keys": k, "threads": t, "map": name, "mops": figure[clock],
                "best_peer": peer, "best_peer_mops": peer_mops,
                "ratio_to_best_peer": figure[clock] / peer_mops if peer_mops else None,
                "limit": limit, "limit_mops": limit_mops,
                "ratio_to_limit": figure[clock] / limit_mops if limit_mops else None})
    return comparisons


def evaluate_targets(figures: dict, roles: dict, memory: dict, clock: str) -> list[dict]:
    targets = []
    cells = sorted({(w, k, t) for (w, k, m, t) in figures if m == SHARDED})
    for workload, keys, threads in cells:
        sharded = figures[(workload, keys, SHARDED, threads)][clock]
        peer, peer_mops = best(figures, roles, "peer", (workload, keys, threads), clock)
        limit, limit_mops = best(figures, roles, "limit", (workload, keys, threads), clock)
        if threads in TARGET_THREADS and workload in LEAD_WORKLOADS:
            targets.append(target_row(f"vs best peer ({peer}) >= {TARGET_LEAD}", workload, keys,
                                      threads, ratio_of(sharded, peer_mops), TARGET_LEAD))
        if threads == 2 and workload == "read_99":
            targets.append(target_row(f"vs limit ({limit}) >= {TARGET_LIMIT_RATIO}", workload,
                                      keys, threads, ratio_of(sharded, limit_mops),
                                      TARGET_LIMIT_RATIO))
        if threads in TARGET_THREADS and workload == "write_heavy":
            targets.append(target_row(f"vs best peer ({peer}) >= {TARGET_WRITE_RATIO}", workload,
                                      keys, threads, ratio_of(sharded, peer_mops),
                                      TARGET_WRITE_RATIO))
    peers_bytes = [(by_keys[MEMORY_KEYS], name) for name, by_keys in memory.items()
                   if roles.get(name) == "peer" and MEMORY_KEYS in by_keys]
    sharded_bytes = memory.get(SHARDED, {}).get(MEMORY_KEYS)
    fewest, fewest_peer = min(peers_bytes) if peers_bytes else (None, None)
    targets.append(target_row(f"bytes per entry: {fewest_peer}'s / sharded_map's >= 1",
                              "memory", MEMORY_KEYS, "-", ratio_of(fewest, sharded_bytes), 1.0))
    return targets


def ratio_of(numerator, denominator):
    return numerator / denominator if numerator and denominator else None


def target_row(target, workload, keys, threads, ratio, threshold) -> dict:
    met = None if ratio is None else ratio >= threshold
    return {"target": target, "workload": workload, "keys": keys, "threads": threads,
            "map": SHARDED, "ratio": ratio, "threshold": threshold, "met": met}


def harness_cost(default_figures: dict, sanitizer_figures: dict[str, dict], clock: str):
    """Per preset and variant: ratio of its Mops/s to the default build's, per cell and overall."""
    detail, summary = [], []
    for preset, figures in sanitizer_figures.items():
        ratios = defaultdict(list)
        for key, figure in sorted(figures.items()):
            baseline = default_figures.get(key)
            if not baseline:
                continue
            ratio = figure[clock] / baseline[clock]
            workload, keys, map_name, threads = key
            ratios[map_name].append(ratio)
            detail.append({"preset": preset, "map": map_name, "workload": workload,
                           "keys": keys, "threads": threads, "ratio_to_default": ratio})
        for map_name, values in sorted(ratios.items()):
            summary.append({"preset": preset, "map": map_name,
                            "geomean_ratio": math.exp(statistics.fmean(map(math.log, values))),
                            "min_ratio": min(values), "max_ratio": max(values),
                            "cells": len(values)})
    return detail, summary


def bytes_per_entry(context: dict) -> dict[str, dict[int, float]]:
    """Per map and key count: heap bytes per entry of a freshly filled map (memory_footprint.hpp)."""
    table = defaultdict(dict)
    for key, value in context.items():
        if key.startswith("bytes_per_entry:"):
            map_name, keys = key.removeprefix("bytes_per_entry:").rsplit("/keys:", 1)
            table[map_name][int(keys)] = float(value)
    return dict(table)


def fmt(value, digits=1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def markdown(report: dict) -> str:
    context, clock = report["context"], report["clock"]
    cores = report["cores"]
    lines = ["# safemap comparison", "",
             f"Machine: `{context.get('host_name')}`, {cores} CPUs at "
             f"{context.get('mhz_per_cpu')} MHz, load average at start "
             f"{', '.join(f'{x:.2f}' for x in context.get('load_avg', []))}; "
             f"{context.get('date')}; build: {context.get('safemap_build')}.",
             f"Headline: **Mops/s by {clock} time** (median of {report['repetitions']} "
             "interleaved repetitions; see bench/compare/report.py for the three clocks, all "
             "in the JSON). Limits are one thread's figure times min(threads, cores). "
             "Safemap cells show the ratio to the best peer and to the best limit. "
             "Other load took a median "
             f"{fmt(report['run_queue_share'] * 100 if report['run_queue_share'] is not None else None, 0)}% "
             "of our threads' time (where threads <= cores); that time is excluded from the "
             "thread clock.", ""]
    if (report["run_queue_share"] or 0) > NOISY_MACHINE:
        lines += [f"**Warning:** other load took more than {NOISY_MACHINE:.0%} of our threads' "
                  "time. Our threads then often ran one after another instead of together, so "
                  "figures at 2+ threads understate contention (a single lock can look as if it "
                  "scaled). Rerun when `uptime` shows a load below the core count.", ""]
    for name, note in sorted(report["map_notes"].items()):
        lines.append(f"- {name}: {note}")
    for name, why in sorted(report["skipped_peers"].items()):
        lines.append(f"- {name}: skipped, {why}")
    if report["map_notes"] or report["skipped_peers"]:
        lines.append("")
    lines += ["## Targets", "", "| target | workload | keys | threads | map | figure | met |",
              "|---|---|---:|---:|---|---:|---|"]
    for target in report["targets"]:
        met = {True: "yes", False: "**no**", None: "not measured"}[target["met"]]
        lines.append(f"| {target['target']} | {target['workload']} | {target['keys']} | "
                     f"{target['threads']} | {target['map']} | {fmt(target['ratio'], 2)} | "
                     f"{met} |")
    lines.append("")

    thread_counts = report["thread_counts"]
    comparisons = {(c["workload"], c["keys"], c["map"], c["threads"]): c
                   for c in report["comparisons"]}
    cells = sorted({(r["workload"], r["keys"]) for r in report["results"]})
    figures = {(r["workload"], r["keys"], r["map"], r["threads"]): r for r in report["results"]}
    role_order = {"safemap": 0, "peer": 1, "limit": 2}
    for workload, keys in cells:
        lines += [f"## {workload}, {keys} keys", "",
                  "| map | role | " + " | ".join(f"{t} thr" for t in thread_counts) + " |",
                  "|---|---|" + "---:|" * len(thread_counts)]
        maps = sorted({name for (w, k, name, _) in figures if (w, k) == (workload, keys)},
                      key=lambda name: (role_order[report["roles"].get(name, "peer")], name))
        for name in maps:
            cells_text = []
            for threads in thread_counts:
                figure = figures.get((workload, keys, name, threads))
                if not figure:
                    cells_text.append("–")
                    continue
                text = fmt(figure[clock])
                comparison = comparisons.get((workload, keys, name, threads))
                if comparison:
                    text += (f" ({fmt(comparison['ratio_to_best_peer'], 2)}× peer, "
                             f"{fmt(comparison['ratio_to_limit'], 2)}× limit)")
                cells_text.append(text)
            lines.append(f"| {name} | {report['roles'].get(name)} | " + " | ".join(cells_text)
                         + " |")
        lines.append("")

    lines += ["## Memory", "",
              "Heap bytes per entry of a fresh map filled with N keys (8-byte keys and values): "
              "bytes allocated through operator new and still live, as malloc_usable_size "
              "counts them, including the map object itself, divided by N. The TBB maps are "
              "measured with std::allocator in place of tbb_allocator (same requests; "
              "tbbmalloc's own rounding not included).", ""]
    memory = report["bytes_per_entry"]
    if memory["maps"]:
        key_counts = sorted({k for per_map in memory["maps"].values() for k in per_map})
        lines += ["| map | role | " + " | ".join(f"{k} keys" for k in key_counts) + " |",
                  "|---|---|" + "---:|" * len(key_counts)]
        for name in sorted(memory["maps"], key=lambda name: (
                role_order[report["roles"].get(name, "peer")], name)):
            lines.append(f"| {name} | {report['roles'].get(name)} | " + " | ".join(
                fmt(memory["maps"][name].get(k)) for k in key_counts) + " |")
    else:
        lines.append(f"- {memory['note'] or 'not measured'}")
    lines.append("")

    lines += ["## Harness cost", "",
              "Mops/s of each variant in the sanitizer builds divided by the default build's "
              "(same workloads, in-cache keys, 1 and 2 threads): geometric mean, and range.", ""]
    if report["harness_cost"]["summary"]:
        lines += ["| preset | map | ratio to default | slowdown | range |",
                  "|---|---|---:|---:|---|"]
        for row in report["harness_cost"]["summary"]:
            lines.append(f"| {row['preset']} | {row['map']} | {row['geomean_ratio']:.3f} | "
                         f"{1 / row['geomean_ratio']:.1f}× | "
                         f"{row['min_ratio']:.3f} – {row['max_ratio']:.3f} |")
    for note in report["harness_cost"]["notes"]:
        lines.append(f"- {note}")
    lines.append("")
    return "\n".join(lines)


def chart(report: dict, out: Path) -> list[str]:
    """One SVG per key count: a panel per workload, Mops/s against threads, a line per map."""
    gnuplot = shutil.which("gnuplot")
    if not gnuplot:
        return ["gnuplot not found: no chart (ci/setup.sh installs gnuplot-nox)"]
    clock, thread_counts = report["clock"], report["thread_counts"]
    figures = {(r["workload"], r["keys"], r["map"], r["threads"]): r for r in report["results"]}
    notes = []
    for keys in sorted({r["keys"] for r in report["results"]}):
        workloads = sorted({w for (w, k, _, _) in figures if k == keys})
        columns = max(1, math.ceil(math.sqrt(len(workloads))))
        rows = math.ceil(len(workloads) / columns)
        svg = out / f"chart-keys-{keys}.svg"
        script = [f"set terminal svg size {420 * columns},{320 * rows} dynamic font 'sans,10'",
                  f"set output '{svg}'", "set termoption noenhanced",
                  f"set multiplot layout {rows},{columns} title 'Mops/s ({clock} time), "
                  f"{keys} keys'", "set logscale x 2", "set xlabel 'threads'",
                  "set key top left font ',7'", "set yrange [0:*]",
                  f"set xtics ({', '.join(str(t) for t in thread_counts)})"]
        for workload in workloads:
            maps = sorted({name for (w, k, name, _) in figures if (w, k) == (workload, keys)})
            data = out / f"chart-{workload}-{keys}.dat"
            with data.open("w") as handle:
                handle.write("threads " + " ".join(f'"{m}"' for m in maps) + "\n")
                for threads in thread_counts:
                    values = [figures.get((workload, keys, m, threads)) for m in maps]
                    handle.write(f"{threads} " + " ".join(
                        f"{v[clock]:.3f}" if v else "NaN" for v in values) + "\n")
            script += [f"set title '{workload}'",
                       f"plot for [i=2:{len(maps) + 1}] '{data}' using 1:i "
                       "with linespoints title columnheader(i)"]
        script.append("unset multiplot")
        completed = subprocess.run([gnuplot], input="\n".join(script), text=True,
                                   capture_output=True, check=False)
        if completed.returncode != 0:
            notes.append(f"gnuplot failed for {svg.name}: {completed.stderr.strip()}")
        else:
            notes.append(f"chart: {svg}")
    return notes


def main() -> int:
    args = parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1
    repetitions = args.repetitions or (5 if args.full else 1 if args.smoke else 3)
    binary_path = Path("bench") / "compare" / "safemap-compare"
    main_raw = args.out / "raw-default.json"
    sanitizer_raws = {directory.name: args.out / f"raw-{directory.name}.json"
                      for directory in args.harness_cost_dirs}

    notes = []
    if not args.reuse:
        binary = args.build_dir / binary_path
        if not binary.is_file():
            print(f"report: {binary} not found; build it first: cmake --preset default && "
                  "cmake --build --preset default --target safemap-compare", file=sys.stderr)
            return EXIT_USAGE
        arguments = SMOKE_MATRIX if args.smoke else main_matrix(args.full, cores)
        if args.filter or not (args.full or args.smoke):
            arguments.append(f"--benchmark_filter={args.filter or DEFAULT_FILTER}")
        run_benchmark(binary, arguments, main_raw, repetitions, "default build")
        for directory in args.harness_cost_dirs:
            sanitizer_binary = directory / binary_path
            raw = sanitizer_raws[directory.name]
            raw.unlink(missing_ok=True)
            if not sanitizer_binary.is_file():
                continue
            run_benchmark(sanitizer_binary, HARNESS_MATRIX, raw, repetitions,
                          f"{directory.name} build (harness cost)")
    if not main_raw.is_file():
        print(f"report: {main_raw} not found (run without --reuse first)", file=sys.stderr)
        return EXIT_USAGE

    context, rows = load_rows(main_raw)
    cores = int(context.get("num_cpus") or cores)
    roles = {key.removeprefix("role:"): value for key, value in context.items()
             if key.startswith("role:")}
    map_notes = {key.removeprefix("note:"): value for key, value in context.items()
                 if key.startswith("note:")}
    skipped_peers = {key.removeprefix("skipped:"): value for key, value in context.items()
                     if key.startswith("skipped:")}
    thread_counts = sorted({row["threads"] for row in rows})
    figures = summarise(rows, cores)
    scale_limits(figures, roles, thread_counts, cores)
    comparisons = compare(figures, roles, args.clock)

    sanitizer_figures = {}
    for preset, raw in sanitizer_raws.items():
        if raw.is_file():
            _, sanitizer_rows = load_rows(raw)
            sanitizer_figures[preset] = summarise(sanitizer_rows, cores)
        else:
            notes.append(f"{preset}: not measured (no safemap-compare in build/{preset}; "
                         f"build it with cmake --build --preset {preset} "
                         "--target safemap-compare)")
    cost_detail, cost_summary = harness_cost(figures, sanitizer_figures, args.clock)

    report = {
        "context": context, "clock": args.clock, "cores": cores, "repetitions": repetitions,
        "thread_counts": thread_counts, "roles": roles, "map_notes": map_notes,
        "skipped_peers": skipped_peers,
        "bytes_per_entry": {"maps": bytes_per_entry(context),
                            "note": context.get("bytes_per_entry")},
        "run_queue_share": machine_noise(figures, cores),
        "results": [{"workload": w, "keys": k, "map": m, "threads": t, "role": roles.get(m),
                     **figure} for (w, k, m, t), figure in sorted(figures.items())],
        "comparisons": comparisons,
        "targets": evaluate_targets(figures, roles, bytes_per_entry(context), args.clock),
        "harness_cost": {"summary": cost_summary, "detail": cost_detail, "notes": notes},
    }
    (args.out / "compare.json").write_text(json.dumps(report, indent=1) + "\n")
    text = markdown(report)
    (args.out / "compare.md").write_text(text + "\n")
    chart_notes = chart(report, args.out)
    print(text)
    for note in chart_notes:
        print(f"report: {note}", file=sys.stderr)
    print(f"report: written {args.out / 'compare.md'} and {args.out / 'compare.json'}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
