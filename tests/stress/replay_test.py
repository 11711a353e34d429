#!/usr/bin/env python3
"""A controlled run's finding replays: the command it prints gives the same report again, line for
line (process ids aside), and its schedule's trace is the same.
Usage: replay_test.py <safemap-stress-executable of a planted bug> <stress arguments...>"""
import re
import shlex
import subprocess
import sys

REPLAY = re.compile(r"replay: (\S.*?)(?: \(the round left .*)?$", re.MULTILINE)


def run(command):
    done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return done.returncode, done.stderr + done.stdout


def report(output):
    """The report block, ERROR line to SUMMARY, without the process id and the code addresses
    (both change from process to process)."""
    match = re.search(r"==\d+==ERROR:.*?^SUMMARY:[^\n]*", output, re.DOTALL | re.MULTILINE)
    if not match:
        return None
    return re.sub(r"0x[0-9a-f]+", "0x?", re.sub(r"==\d+==", "==PID==", match.group(0)))


def trace(output):
    found = re.findall(r"trace ([0-9a-f]{16})[^\n]*\n==\d+==ERROR", output)
    return found[-1] if found else None


def main(executable, arguments):
    code, output = run([executable, *arguments])
    found = report(output)
    if code == 0 or found is None:
        sys.exit(f"FAIL: no finding to replay (exit {code}):\n{output[-3000:]}")
    replay = REPLAY.search(found)
    if replay is None:
        sys.exit(f"FAIL: the finding names no replay command:\n{found}")
    command = shlex.split(replay.group(1))
    print("replaying:", replay.group(1))
    again_code, again = run(command)
    if again_code != code or report(again) != found or trace(again) != trace(output):
        sys.exit(f"FAIL: the replay (exit {again_code}, trace {trace(again)}) differs from the finding "
                 f"(exit {code}, trace {trace(output)}):\n--- finding\n{found}\n--- replay\n{report(again)}")
    print(f"PASS: exit {code}, trace {trace(output)}, the same {len(found.splitlines())}-line report")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
