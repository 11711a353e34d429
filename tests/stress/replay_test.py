#!/usr/bin/env python3
"""A controlled run's finding replays: the command it prints gives the same report again, line for
line (process ids aside), and its schedule's trace is the same.
The replay line and the failing round's trace are read as the gap report reads them.
Usage: replay_test.py <repository root> <safemap-stress-executable of a planted bug> <arguments...>"""
import pathlib
import re
import shlex
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(sys.argv.pop(1)).resolve() / "ci"))
from gap_report import REPLAY_LINE, failing_round_trace  # noqa: E402  (the path above)


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


def main(executable, arguments):
    code, output = run([executable, *arguments])
    found = report(output)
    if code == 0 or found is None:
        sys.exit(f"FAIL: no finding to replay (exit {code}):\n{output[-3000:]}")
    replay = REPLAY_LINE.search(found)
    if replay is None:
        sys.exit(f"FAIL: the finding names no replay command:\n{found}")
    command = shlex.split(replay.group(1))
    print("replaying:", replay.group(1))
    again_code, again = run(command)
    trace, again_trace = failing_round_trace(output), failing_round_trace(again)
    if again_code != code or report(again) != found or again_trace != trace:
        sys.exit(f"FAIL: the replay (exit {again_code}, trace {again_trace}) differs from the finding "
                 f"(exit {code}, trace {trace}):\n--- finding\n{found}\n--- replay\n{report(again)}")
    print(f"PASS: exit {code}, trace {trace}, the same {len(found.splitlines())}-line report")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
