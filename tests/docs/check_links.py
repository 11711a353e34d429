#!/usr/bin/env python3
"""docs.links: README.md and docs/*.md point only at things that exist, and their commands parse.

For README.md and every docs/*.md:
  - README.md has at most 150 lines and keeps its two commands, each in an sh block;
  - every relative link [text](target) resolves to a file or folder inside the repository, and
    its #anchor to a heading of the target Markdown file;
  - every repository path mentioned (one that starts with a top-level folder of the repository,
    such as src/stress/driver.hpp or ci/gap-report.sh) exists; placeholders (<preset>, *, {a,b})
    and build outputs (build/...) are not paths to check;
  - a FILE:LINE citation names a line the file has, and a `FILE:LINE FUNCTION` citation a line in
    that function: the function's own name appears on one of the FUNCTION_WINDOW lines ending at
    LINE (so a citation left behind when the code moved fails);
  - every sh block passes `bash -n`, and every json block parses.
Usage: check_links.py REPO_ROOT
Exit 0 all good; 1 problems (each printed as FILE:LINE: what); 2 bad usage.
"""
import functools
import json
import pathlib
import re
import subprocess
import sys

README_MAX_LINES = 150
README_COMMANDS = ("bash ci/setup.sh && bash ci/gap-report.sh",
                   "bash ci/setup.sh && bash ci/run-presets.sh")
FUNCTION_WINDOW = 25
NOT_SOURCES = {"build", ".git", "__pycache__"}  # top-level folders that are no documented source

FENCE = re.compile(r"^\s*```(\S*)\s*$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
PATH = re.compile(r"(?<![\w./~$@-])((?:\.?[\w-]+/)+[\w.@+-]*)(?::(\d+)(?::\d+)?)?")
FUNCTION_AFTER = re.compile(r" (?:\(anonymous namespace\)::)?([A-Za-z_~][\w:~]*)")
PLACEHOLDER = re.compile(r"[<>*{}$]|\.\.\.|…")


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def blocks_and_lines(text):
    """Yield (line number, line, block) for every line that is not a fence: block is None for
    prose, else (info string, first line number) of the fenced code block the line is in."""
    block = None
    for number, line in enumerate(text.splitlines(), 1):
        fence = FENCE.match(line)
        if fence:
            block = (fence.group(1) or "text", number + 1) if block is None else None
            continue
        yield number, line, block


def code_blocks(text, kinds):
    """(first line number, code) of every fenced block whose info string is in kinds."""
    found = {}
    for _, line, block in blocks_and_lines(text):
        if block is not None and block[0] in kinds:
            found.setdefault(block[1], []).append(line)
    return [(start, "\n".join(lines) + "\n") for start, lines in found.items()]


@functools.lru_cache(maxsize=None)
def anchors(path):
    """The anchors of a Markdown file's headings, with GitHub's -1, -2 suffixes for repeats."""
    seen, result = {}, set()
    for _, line, block in blocks_and_lines(path.read_text()):
        heading = HEADING.match(line) if block is None else None
        if heading:
            base = slug(heading.group(2))
            count = seen.get(base, 0)
            seen[base] = count + 1
            result.add(base if count == 0 else f"{base}-{count}")
    return result


def parse_error(code):
    """bash -n's complaint about a shell snippet, or None when it parses."""
    parsed = subprocess.run(["bash", "-n"], input=code, capture_output=True, text=True)
    return None if parsed.returncode == 0 else parsed.stderr.strip()


class Checker:
    def __init__(self, root):
        self.root = root
        self.problems = []
        self.counts = {"links": 0, "paths": 0, "citations": 0, "sh blocks": 0, "json blocks": 0}
        self.top_level = {entry.name for entry in root.iterdir()} - NOT_SOURCES

    def problem(self, doc, line, what):
        self.problems.append(f"{doc.relative_to(self.root)}:{line}: {what}")

    def check_link(self, doc, number, target):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            return
        self.counts["links"] += 1
        file_part, _, anchor = target.partition("#")
        path = (doc.parent / file_part) if file_part else doc
        if file_part.startswith("/") or not path.resolve().is_relative_to(self.root):
            self.problem(doc, number, f"link {target} leaves the repository")
        elif not path.exists():
            self.problem(doc, number, f"link {target}: {path.relative_to(self.root)} is missing")
        elif anchor and path.suffix == ".md" and anchor not in anchors(path.resolve()):
            self.problem(doc, number, f"link {target}: no heading #{anchor} in "
                                      f"{path.relative_to(self.root)}")

    def check_path(self, doc, number, line, match):
        token = match.group(1).rstrip(".")
        if (token.split("/")[0] not in self.top_level or line[:match.start()].endswith("](")
                or PLACEHOLDER.search(line[match.start():match.end() + 1])):
            return  # not a repository path, a link target (checked as a link), a placeholder
        self.counts["paths"] += 1
        path = self.root / token
        if not path.exists():
            self.problem(doc, number, f"{token} does not exist")
            return
        if match.group(2) is None:
            return
        self.counts["citations"] += 1
        cited = int(match.group(2))
        if path.is_dir():
            self.problem(doc, number, f"{token}:{cited} cites a line of a folder")
            return
        lines = path.read_text(errors="replace").splitlines()
        if not 1 <= cited <= len(lines):
            self.problem(doc, number, f"{token}:{cited}: the file has {len(lines)} lines")
            return
        function = FUNCTION_AFTER.match(line, match.end())
        if function:
            name = function.group(1).split("::")[-1]
            window = lines[max(0, cited - FUNCTION_WINDOW):cited]
            if not any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for text in window):
                self.problem(doc, number, f"{token}:{cited} is not in {function.group(1)}: "
                                          f"'{name}' appears on none of lines "
                                          f"{max(1, cited - FUNCTION_WINDOW + 1)}-{cited}")

    def check_document(self, doc):
        text = doc.read_text()
        for number, line, block in blocks_and_lines(text):
            if block is None:
                for target in LINK.findall(line):
                    self.check_link(doc, number, target)
            for match in PATH.finditer(line):
                self.check_path(doc, number, line, match)
        shell = code_blocks(text, {"sh", "bash"})
        self.counts["sh blocks"] += len(shell)
        # One bash for all blocks; only when that fails, one per block to say which.
        if shell and parse_error("\n".join(code for _, code in shell)) is not None:
            for start, code in shell:
                if (error := parse_error(code)) is not None:
                    self.problem(doc, start, f"sh block does not parse: {error}")
        for start, code in code_blocks(text, {"json"}):
            self.counts["json blocks"] += 1
            try:
                json.loads(code)
            except json.JSONDecodeError as error:
                self.problem(doc, start + error.lineno - 1, f"json block: {error.msg}")

    def check_readme(self, readme):
        lines = readme.read_text().splitlines()
        if len(lines) > README_MAX_LINES:
            self.problem(readme, len(lines), f"README.md has {len(lines)} lines, at most "
                                             f"{README_MAX_LINES} keep it a one-minute read")
        commands = {line.strip() for _, code in code_blocks(readme.read_text(), {"sh"})
                    for line in code.splitlines()}
        for command in README_COMMANDS:
            if command not in commands:
                self.problem(readme, 1, f"the command `{command}` is missing from README.md's "
                                        f"sh blocks")


def main(argv):
    if len(argv) != 2 or not (pathlib.Path(argv[1]) / "README.md").is_file():
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(argv[1]).resolve()
    documents = [root / "README.md"] + sorted((root / "docs").glob("*.md"))
    if len(documents) == 1:
        print(f"no docs/*.md under {root}", file=sys.stderr)
        return 2
    checker = Checker(root)
    checker.check_readme(root / "README.md")
    for doc in documents:
        checker.check_document(doc)
    for problem in checker.problems:
        print(problem)
    counted = ", ".join(f"{count} {what}" for what, count in checker.counts.items())
    print(f"docs.links: {len(documents)} files, {counted}; {len(checker.problems)} problem(s)")
    if not checker.counts["links"] or not checker.counts["paths"]:
        print("docs.links: found no link or no path to check: the checker no longer reads the "
              "docs", file=sys.stderr)
        return 1
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
