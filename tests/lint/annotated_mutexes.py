#!/usr/bin/env python3
"""Every lock in src/ is one clang's thread-safety analysis tracks (docs/static-analysis.md):
a safemap::mutex, safemap::shared_mutex or safemap::annotated_mutex<...> from
safemap/thread_annotations.hpp, whose guarded members say SAFEMAP_GUARDED_BY. A plain standard
mutex is invisible to the analysis, so a declaration of one is a finding, unless its line says
why it stays plain with the marker

    std::mutex mutex_;  // unannotated: <reason>

(a reason is required; e.g. the lock inside a class that is itself a capability).

Fails (exit 1) on every declaration in a .hpp/.cpp under src/ of a variable or member of type
std::mutex, std::shared_mutex, std::recursive_mutex, std::timed_mutex,
std::recursive_timed_mutex or std::shared_timed_mutex without the marker, printing file:line
and how to fix it. Comments are not searched; template arguments (std::unique_lock<std::mutex>)
and aliases are not declarations of a lock.
Usage: annotated_mutexes.py REPO_ROOT    (exit 2 on bad usage)
"""
import pathlib
import re
import sys

MARKER = re.compile(r"//\s*unannotated:\s*\S")
# A declaration: optional specifiers, the standard type, then a name and what ends a declarator.
DECLARATION = re.compile(
    r"^\s*(?:(?:mutable|static|inline|thread_local|alignas\([^)]*\))\s+)*"
    r"std::(?:recursive_timed_|recursive_|shared_timed_|shared_|timed_)?mutex\s+"
    r"\w+\s*(?:[;{=,\[]|$)")
HINT = ("make it safemap::mutex / safemap::shared_mutex (safemap/thread_annotations.hpp) and mark "
        "what it guards SAFEMAP_GUARDED_BY, or say why not: '// unannotated: <reason>'")


def code_lines(text):
    """The lines of a C++ file, block comments blanked (line numbers kept), each with its
    trailing // comment kept apart for the marker."""
    text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    for number, line in enumerate(text.splitlines(), start=1):
        code, marker, comment = line.partition("//")
        yield number, code, marker + comment


def main(argv):
    if len(argv) != 2 or not pathlib.Path(argv[1], "src").is_dir():
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(argv[1])
    findings = []
    for path in sorted((root / "src").rglob("*")):
        if path.suffix not in (".hpp", ".cpp", ".h") or not path.is_file():
            continue
        for number, code, comment in code_lines(path.read_text()):
            if DECLARATION.search(code) and not MARKER.search(comment):
                findings.append(f"{path.relative_to(root)}:{number}: unannotated lock "
                                f"'{code.strip()}': {HINT}")
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} unannotated lock(s) (tests/lint/annotated_mutexes.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
