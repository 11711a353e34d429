#!/usr/bin/env python3
"""Check that the GitHub workflows only name things that exist in this repository.

Every preset a workflow names (a literal `--preset NAME`, or a `preset:` value of a job matrix)
must be a workflow preset of CMakePresets.json, and every repository script a `run:` step calls
(`ci/...`, `.ci/run`) must exist. It fails when it finds nothing to check, so it cannot pass
vacuously on a workflow it no longer understands.

Usage: check_consistency.py REPO_ROOT
Exit 0 consistent, 1 something named does not exist, 2 bad usage or unreadable input.
"""
import pathlib
import re
import subprocess
import sys

import yaml

SCRIPT = re.compile(r"(?<![\w/.-])(\.ci/run|ci/[\w./-]+\.(?:sh|py))")
LITERAL_PRESET = re.compile(r"--preset[ =]([\w.-]+)")


def workflow_presets(root):
    listing = subprocess.run(["cmake", "--list-presets=workflow"], cwd=root, check=True,
                             capture_output=True, text=True).stdout
    return set(re.findall(r'^\s+"([^"]+)"', listing, re.MULTILINE))


def walk(node):
    """Yield every (key, value) pair of a parsed YAML document, depth first."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def matrix_presets(job):
    matrix = (job.get("strategy") or {}).get("matrix") or {}
    names = list(matrix.get("preset", []) if isinstance(matrix.get("preset"), list) else [])
    names += [entry["preset"] for entry in matrix.get("include", []) if "preset" in entry]
    return names


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(argv[1])
    workflows = sorted((root / ".github" / "workflows").glob("*.yml"))
    if not workflows:
        print(f"no workflows under {root}/.github/workflows", file=sys.stderr)
        return 2
    known = workflow_presets(root)
    problems, presets_checked, scripts_checked = [], 0, 0
    for path in workflows:
        document = yaml.safe_load(path.read_text())
        for job_name, job in (document.get("jobs") or {}).items():
            for preset in matrix_presets(job):
                presets_checked += 1
                if preset not in known:
                    problems.append(f"{path.name}: job {job_name}: matrix preset '{preset}' "
                                    f"is not a workflow preset")
        for key, value in walk(document):
            if key != "run" or not isinstance(value, str):
                continue
            for preset in LITERAL_PRESET.findall(value):
                presets_checked += 1
                if preset not in known:
                    problems.append(f"{path.name}: '--preset {preset}' is not a workflow preset")
            for script in SCRIPT.findall(value):
                scripts_checked += 1
                if not (root / script).is_file():
                    problems.append(f"{path.name}: calls {script}, which does not exist")
    for problem in problems:
        print(problem)
    print(f"checked {len(workflows)} workflow(s): {presets_checked} preset references, "
          f"{scripts_checked} script references, {len(problems)} problem(s)")
    if presets_checked == 0 or scripts_checked == 0:
        print("nothing to check: the workflows name no preset or no ci/ script", file=sys.stderr)
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
