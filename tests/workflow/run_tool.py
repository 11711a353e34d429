#!/usr/bin/env python3
"""Runs a workflow tool, or says what to do when ci/setup.sh has not installed it yet: without
this a missing ci/tools/node_modules showed as a Node stack trace.
Usage: run_tool.py --needs PATH [--needs PATH ...] -- COMMAND [ARG ...]"""
import argparse
import os
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--needs", action="append", default=[], help="a file the command needs")
parser.add_argument("command", nargs=argparse.REMAINDER)
arguments = parser.parse_args()
command = arguments.command[1:] if arguments.command[:1] == ["--"] else arguments.command
if not command:
    parser.error("no command after --")

missing = [path for path in arguments.needs if not os.path.isfile(path)]
if missing:
    for path in missing:
        print(f"run_tool: {path} is missing", file=sys.stderr)
    print("run_tool: run ci/setup.sh first: it installs node, shellcheck and the pinned Node "
          "tools of ci/tools", file=sys.stderr)
    sys.exit(2)
os.execv(command[0], command)
