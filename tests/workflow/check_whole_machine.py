#!/usr/bin/env python3
"""Check that the tests which keep every core busy run alone under a parallel ctest.

ci/run-presets.sh runs one test per core. A production sweep (up to 64 threads), clang-tidy over
the tree and the fork's nested build each load the whole machine on their own; beside another
test they would slow it past its time-out, so each must ask for every core (the PROCESSORS
property, cmake/SafemapWholeMachine.cmake). Fails when the build registers none of them, so it
cannot pass on a suite it no longer recognises.

Usage: check_whole_machine.py BUILD_DIR
Exit 0 every such test asks for the whole machine, 1 one does not, 2 bad usage or no ctest.
"""
import json
import os
import re
import subprocess
import sys

WHOLE_MACHINE_TESTS = re.compile(r"^(stress\.[^.]+\.[^.]+\.production|lint\.tidy|fork\.rename)$")


def main(argv):
    if len(argv) != 2:
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
        if not WHOLE_MACHINE_TESTS.match(test["name"]):
            continue
        checked += 1
        processors = {p["name"]: p["value"] for p in test.get("properties", [])}.get("PROCESSORS")
        if processors != cores:
            wrong.append(f"{test['name']}: PROCESSORS {processors}, expected {cores}")
    if checked == 0:
        print("check_whole_machine: no whole-machine test registered in this build")
        return 1
    for line in wrong:
        print(f"check_whole_machine: {line}")
    print(f"check_whole_machine: {checked - len(wrong)} of {checked} tests ask for {cores} cores")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
