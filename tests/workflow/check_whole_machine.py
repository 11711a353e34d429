#!/usr/bin/env python3
"""Check that the tests which keep every core busy run alone under a parallel ctest.

ci/run-presets.sh runs one test per core. A production sweep (up to 64 threads), clang-tidy over
the tree and the fork's nested build each load the whole machine on their own; beside another
test they would slow it past its time-out, so each must ask for every core (the PROCESSORS
property). They are the tests that carry LABEL (safemap_whole_machine_tests in
cmake/SafemapWholeMachine.cmake gives both, and its label is the one list of them). Fails when the
build registers none of them, so it cannot pass on a suite it no longer recognises.

Usage: check_whole_machine.py BUILD_DIR LABEL
Exit 0 every such test asks for the whole machine, 1 one does not, 2 bad usage or no ctest.
"""
import json
import os
import subprocess
import sys


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        listing = subprocess.run(["ctest", "--test-dir", argv[1], "--show-only=json-v1"],
                                 check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"check_whole_machine: cannot list the tests of {argv[1]}: {error}", file=sys.stderr)
        return 2
    cores = os.cpu_count()
    checked, wrong = 0, []
    for test in json.loads(listing)["tests"]:
        properties = {p["name"]: p["value"] for p in test.get("properties", [])}
        if argv[2] not in properties.get("LABELS", []):
            continue
        checked += 1
        processors = properties.get("PROCESSORS")
        if processors != cores:
            wrong.append(f"{test['name']}: PROCESSORS {processors}, expected {cores}")
    if checked == 0:
        print(f"check_whole_machine: no test labelled {argv[2]} registered in this build")
        return 1
    for line in wrong:
        print(f"check_whole_machine: {line}")
    print(f"check_whole_machine: {checked - len(wrong)} of {checked} tests ask for {cores} cores")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
