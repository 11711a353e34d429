#!/usr/bin/env python3
"""A controlled run's finding replays: the command it names gives the same report again, line for
line (process ids aside), and the same kind after the same schedule trace.
The replay command and the signature (kind, the failing round's trace) are read from the --json
result as the gap report reads them.
Usage: replay_test.py <repository root> <safemap-stress-executable of a planted bug> <arguments...>"""
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(sys.argv.pop(1)).resolve() / "ci"))
from gap_report import read_result, replay_command, replay_signature  # noqa: E402  (the path above)


def run(command):
    """(exit code, output, the --json result or None)."""
    with tempfile.TemporaryDirectory() as scratch:
        path = pathlib.Path(scratch) / "result.json"
        done = subprocess.run([*command, "--json", str(path)], capture_output=True, text=True,
                              stdin=subprocess.DEVNULL)
        return done.returncode, done.stderr + done.stdout, read_result(path)


def report(output):
    """The report block, ERROR line to SUMMARY, without the process id and the code addresses
    (both change from process to process)."""
    match = re.search(r"==\d+==ERROR:.*?^SUMMARY:[^\n]*", output, re.DOTALL | re.MULTILINE)
    if not match:
        return None
    return re.sub(r"0x[0-9a-f]+", "0x?", re.sub(r"==\d+==", "==PID==", match.group(0)))


def main(executable, arguments):
    code, output, result = run([executable, *arguments])
    found = report(output)
    if code == 0 or found is None:
        sys.exit(f"FAIL: no finding to replay (exit {code}):\n{output[-3000:]}")
    replay = replay_command(result)
    if replay is None:
        sys.exit(f"FAIL: the --json result names no replay command:\n{result}")
    print("replaying:", replay)
    again_code, again, again_result = run(shlex.split(replay))
    signature, again_signature = replay_signature(result, []), replay_signature(again_result, [])
    if signature[1] is None:
        sys.exit(f"FAIL: the --json result names no trace for the failing round:\n{result}")
    if again_code != code or report(again) != found or again_signature != signature:
        sys.exit(f"FAIL: the replay (exit {again_code}, {again_signature}) differs from the finding "
                 f"(exit {code}, {signature}):\n--- finding\n{found}\n--- replay\n{report(again)}")
    print(f"PASS: exit {code}, {signature}, the same {len(found.splitlines())}-line report")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
