#!/usr/bin/env python3
"""The layout of src/stress/: one folder per question, each allowed to include only the
primitives at the top, itself and the folders listed before it. This list is the one source of
that order; docs/architecture.md's table of the folders is checked against it.

Fails (exit 1) on:
  - a file at the top of src/stress/ that is neither the driver nor a primitive that includes no
    folder;
  - a folder missing from LAYERS, or listed but absent;
  - an #include "stress/..." that runs from a folder to a later one (or from a primitive to any
    folder);
  - a folder's main header that does not open with what goes in the folder (as LAYERS says);
  - docs/architecture.md's folder table out of step with LAYERS.
Usage: stress_layers.py REPO_ROOT    (exit 2 on bad usage)
"""
import pathlib
import re
import sys

# (folder, its main header, the question it answers): earlier folders are lower; a folder may include
# the primitives, itself and any folder above it in this list.
LAYERS = [
    ("schedule", "scheduler.hpp", "which thread runs next: controlled schedules, strategies, scheduling points"),
    ("map", "operation_kind.hpp", "what the map under test offers: its operations, where it implements them"),
    ("linearizability", "checker.hpp", "does a recorded history fit the sequential model"),
    ("invariants", "findings.hpp", "what must hold after a round; the sink every finding goes to"),
    ("watchdog", "monitor.hpp", "is the run still moving, and where did it crash"),
    ("explore", "explore.hpp", "any code under many controlled schedules, and which schedule fails"),
    ("object", "spec.hpp", "is any object linearizable against its spec's model"),
    ("workloads", "list.hpp", "what the threads of a round do, one file per workload"),
    ("differential", "run.hpp", "does a program give the map's results and the model's alike"),
    ("run", "session.hpp", "running a variant: options, profiles, the session, the JSON result"),
]
# The one top-level file that may include every folder: it puts them together.
DRIVER = "driver.hpp"

INCLUDE = re.compile(r'^\s*#\s*include\s+"stress/([^"]+)"', re.M)


def main(argv):
    if len(argv) != 2 or not pathlib.Path(argv[1], "src/stress").is_dir():
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(argv[1])
    stress = root / "src/stress"
    rank = {folder: index for index, (folder, _, _) in enumerate(LAYERS)}
    problems = []

    present = {p.name for p in stress.iterdir() if p.is_dir()}
    for folder in sorted(present - rank.keys()):
        problems.append(f"src/stress/{folder}/ is not in LAYERS (tests/lint/stress_layers.py): "
                        "give it its place in the order")
    for folder in sorted(rank.keys() - present):
        problems.append(f"LAYERS lists src/stress/{folder}/, which does not exist")

    for path in sorted(stress.rglob("*")):
        if path.suffix not in (".hpp", ".cpp"):
            continue
        relative = path.relative_to(stress)
        own = relative.parts[0] if len(relative.parts) > 1 else None
        for included in INCLUDE.findall(path.read_text()):
            parts = pathlib.PurePosixPath(included).parts
            target = parts[0] if len(parts) > 1 else None
            if target is None or target == own or relative.name == DRIVER and own is None:
                continue
            if own is None:
                problems.append(f"src/stress/{relative}: a primitive includes stress/{included}; "
                                "primitives include no folder (move it into a folder, or move "
                                "what it needs up)")
            elif target in rank and own in rank and rank[target] > rank[own]:
                problems.append(f"src/stress/{relative}: includes stress/{included}, which is in "
                                f"{target}/, a later layer than {own}/ (tests/lint/stress_layers.py)")

    for folder, main_header, what in LAYERS:
        header = stress / folder / main_header
        opening = f"// {folder}/: {what}"
        if folder in present and not (header.is_file() and
                                      header.read_text().startswith(opening)):
            problems.append(f"src/stress/{folder}/{main_header} must open with '{opening}' "
                            "(what goes in the folder, as LAYERS says)")

    docs = (root / "docs/architecture.md").read_text()
    table = re.findall(r"^\| `src/stress/([a-z_]+)/` \| (.*) \|$", docs, re.M)
    expected = [(folder, what) for folder, _, what in LAYERS]
    if table != expected:
        problems.append("docs/architecture.md's table of src/stress/ folders must list LAYERS' "
                        f"folders and questions in order: it has {table}, LAYERS {expected}")

    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"src/stress/: {len(LAYERS)} folders in order, every include runs downward or sideways "
          "to a primitive")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
