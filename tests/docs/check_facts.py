#!/usr/bin/env python3
"""docs.facts: each fact the docs share with the code has one source, and the docs agree with it.

  exit codes   the table in docs/architecture.md against src/stress/exit_code.hpp, the one
               definition: its enum (code and name of every row) and its `exit_codes` table
               (one entry per enumerator, named as it, with the C++ tools that return it: the
               rows that say a C++ tool returns a code, and each C++ tool's --help, which
               exit_codes_help() makes from that table for the tool it names); the sanitizer
               row against TSAN_OPTIONS' exitcode in presets/base.json; every other exit
               constant in the tree (EXIT_* in Python, `constexpr int exit_* = N` in C++: its
               value must be in the table, and a name that matches an enumerator's must have
               its value); and a script tool's --help list of codes against its rows;
  workloads    the table in docs/harness.md against the list in src/stress/workloads/list.hpp
               (which cmake/SafemapStress.cmake reads too) and the name each workload's file
               src/stress/workloads/<name>.hpp declares;
  detectors    the table in docs/harness.md against the detectors (and their default build
               flavours) cmake/SafemapStress.cmake accepts, and its "known:" error message;
  profiles     the table in docs/harness.md against src/stress/run/profile.cpp and the test presets'
               SAFEMAP_STRESS_PROFILE_<NAME> overrides in presets/base.json;
  catalogue    the table in docs/catalogue.md against the broken variants of the manifest
               (written by cmake/SafemapStress.cmake, the one reader of the header format) and
               tests/broken/*.hpp: one row each, naming every detector its EXPECT lines declare;
  excerpt      every gap-table row README.md shows is a row of docs/gap-report.md's table;
  layers       the layers table in docs/catalogue.md and docs/gap-report.md is exactly what
               ci/layers_table.py generates from the manifest;
  explore      the scheduling-point table in docs/explore.md against the functions the
               controlled runtime defines (src/stress/schedule/blocking_hooks.cpp) and the
               lock wrappers (src/stress/schedule/pthread_hooks.cpp); its settings table
               against the SAFEMAP_EXPLORE_* variables of src/stress/explore/variables.hpp,
               their one spelling (no other file of src/ quotes one);
  planted      the planted-bug table in docs/explore.md against tests/controlled/planted/*.hpp:
               one row each, naming the correct twin its `// Correct twin:` line names;
  escapes      when a thread escapes the schedule, in docs/harness.md, against escape_after and
               runnable_escape_after of src/stress/schedule/scheduler.hpp;
  objects      docs/objects.md: the spec it shows against tests/objects/queue/spec.hpp's struct
               (line for line, and its line count), its settings table against the defaults of
               scenario_shape and object_settings (src/stress/object/), its free-stress progress
               and watchdog times against stress_object.hpp, and its worked-examples table
               against tests/objects/*/spec.hpp and their planted/*.hpp.
Adding a workload, a detector, an exit code or a broken variant means editing the code and the
docs table; this check says where they disagree.
Usage: check_facts.py REPO_ROOT MANIFEST   (MANIFEST: <build>/safemap-stress-variants.json)
Exit 0 all agree; 1 disagreements (each printed); 2 bad usage or unreadable input.
"""
import ast
import importlib.util
import json
import pathlib
import re
import sys

FLAVOURS = ("default", "asan", "tsan")
# The C++ tools, by the name the exit-code table uses for them: the exit_code_tools constant of
# src/stress/exit_code.hpp that stands for the tool, and the sources whose --help prints
# exit_codes_help() for it.
CXX_TOOLS = {
    "safemap-stress": ("safemap_stress",
                       ["src/stress/run/options.cpp", "src/tools/safemap-stress/main.cpp"]),
    "sanitizer-report": ("sanitizer_report", ["src/tools/sanitizer-report/cli.cpp"]),
    "safemap-explore": ("safemap_explore", ["src/tools/safemap-explore/main.cpp"]),
}
# The other tools whose --help lists exit codes in its own text.
TOOL_HELP = {
    "bench/compare/report.py": "bench/compare/report.py",
}
EXIT_CODE_HPP = "src/stress/exit_code.hpp"
EXPLORE_VARIABLES_HPP = "src/stress/explore/variables.hpp"
SCHEDULER_HPP = "src/stress/schedule/scheduler.hpp"
EXPLORE_VARIABLE = re.compile(r'"(SAFEMAP_EXPLORE_\w+)"')
EXPLORE_SPELLING = re.compile(r'"(SAFEMAP_EXPLORE_\w*)')  # a name, a prefix, or NAME=value
CONSTANT_FOLDERS = ("src", "ci", "bench", "tests", "cmake")


class Unreadable(Exception):
    pass


def code_names(cell):
    return re.findall(r"`([^`]+)`", cell)


def table(text, first_header, where):
    """The rows (lists of cells) of the first Markdown table whose first header cell is
    first_header; raises Unreadable when there is none."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("|") and cells[0] == first_header:
            rows = []
            for row in lines[index + 2:]:
                if not row.lstrip().startswith("|"):
                    break
                rows.append([cell.strip() for cell in row.strip().strip("|").split("|")])
            return rows
    raise Unreadable(f"{where}: no table whose first column is '{first_header}'")


def read(root, relative):
    path = root / relative
    if not path.is_file():
        raise Unreadable(f"{relative} is missing")
    return path.read_text()


def words(name):
    return [word for word in name.lower().removeprefix("exit_").split("_") if word]


def same_meaning(a, b):
    """exit_no_progress ~ EXIT_NO_PROGRESS, EXIT_INVARIANT ~ exit_invariant_violated: one name's
    words are a run of the other's."""
    short, long = sorted((words(a), words(b)), key=len)
    return any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))


class Facts:
    def __init__(self, root, manifest):
        self.root, self.manifest = root, manifest
        self.problems = []
        self.checked = 0

    def expect_equal(self, what, documented, actual, source):
        """documented and actual are sets; each difference is a problem naming both sides."""
        self.checked += 1
        if missing := sorted(actual - documented):
            self.problems.append(f"{what}: lacks {missing}, which {source} has")
        if extra := sorted(documented - actual):
            self.problems.append(f"{what}: has {extra}, which {source} does not")

    # --- exit codes ---------------------------------------------------------------------------

    def exit_codes(self):
        text = read(self.root, EXIT_CODE_HPP)
        enum = re.search(r"enum\s+exit_code\s*:[^{]*\{([^}]*)\}", text)
        if not enum:
            raise Unreadable(f"{EXIT_CODE_HPP}: no `enum exit_code : int {{ ... }}`")
        defined = {name: int(value) for name, value in re.findall(r"(\w+)\s*=\s*(\d+)", enum[1])}
        entries = exit_code_entries(text)
        rows = table(read(self.root, "docs/architecture.md"), "code", "docs/architecture.md")
        documented, sanitizer, returned_by = {}, {}, {}
        for row in rows:
            code = int(row[0])
            returned_by[code] = row[3] if len(row) > 3 else ""
            names = [name for name in code_names(row[1]) if name.startswith("exit_")]
            exitcode = re.search(r"exitcode=(\d+)", row[1])
            if names:
                documented[names[0]] = code
            elif exitcode:
                sanitizer[code] = int(exitcode[1])
        self.expect_equal("exit codes (name = code) in docs/architecture.md",
                          {f"{n} = {c}" for n, c in documented.items()},
                          {f"{n} = {c}" for n, c in defined.items()}, EXIT_CODE_HPP)
        self.expect_equal(f"the entries of the exit_codes table in {EXIT_CODE_HPP}",
                          {f"{code}: {name}" for code, name, _ in entries},
                          {f"{code}: {code}" for code in defined}, "its enum exit_code")
        presets = json.loads(read(self.root, "presets/base.json"))
        tsan = {int(code) for preset in presets.get("testPresets", [])
                for code in re.findall(r"exitcode=(\d+)",
                                       preset.get("environment", {}).get("TSAN_OPTIONS", ""))}
        self.expect_equal("the ThreadSanitizer exit code in docs/architecture.md",
                          {code for code, value in sanitizer.items() if code == value}, tsan,
                          "TSAN_OPTIONS in presets/base.json")
        codes = set(returned_by)
        for source, name, value in self.exit_constants():
            self.checked += 1
            if value not in codes:
                self.problems.append(f"{source}: {name} = {value} is no exit code of the table in "
                                     f"docs/architecture.md")
            for enumerator, code in defined.items():
                if same_meaning(name, enumerator) and value != code:
                    self.problems.append(f"{source}: {name} = {value}, but {enumerator} = {code} "
                                         f"in {EXIT_CODE_HPP}")

        def claimed_by(tool):
            return {code for code, cell in returned_by.items()
                    if "every tool" in cell or tool in code_names(cell)}

        for tool, (constant, sources) in CXX_TOOLS.items():
            returned = {defined[code] for code, _, tools in entries
                        if code in defined and (constant in tools or "every_tool" in tools)}
            self.expect_equal(f"the exit codes `{tool}` returns (docs/architecture.md)",
                              claimed_by(tool), returned,
                              f"the exit_codes table in {EXIT_CODE_HPP} (its --help)")
            for relative in sources:
                self.checked += 1
                helped = re.findall(r"exit_codes_help\(\s*(?:[\w:]*::)?(\w+)",
                                    read(self.root, relative))
                if helped != [constant]:
                    self.problems.append(f"{relative}: its --help must print "
                                         f"exit_codes_help({constant}) once (the codes `{tool}` "
                                         f"returns), not {helped or 'nothing'}")
        for tool, relative in TOOL_HELP.items():
            self.expect_equal(f"the exit codes `{tool}` returns (docs/architecture.md)",
                              claimed_by(tool), self.help_codes(relative),
                              f"its --help ({relative})")

    def exit_constants(self):
        """(file, name, value) of every exit-code constant outside src/stress/exit_code.hpp (a
        C++ constant made from the header's, `= stress::exit_ok`, is not another one)."""
        for folder in CONSTANT_FOLDERS:
            for path in sorted((self.root / folder).rglob("*")):
                if path.suffix not in (".py", ".cpp", ".hpp") or not path.is_file():
                    continue
                relative, text = str(path.relative_to(self.root)), path.read_text(errors="replace")
                if path.suffix == ".py" and "EXIT_" in text:
                    yield from ((relative, n, v) for n, v in python_constants(text))
                elif path.suffix != ".py":
                    for name, value in re.findall(r"constexpr\s+int\s+(exit_\w+)\s*=\s*(\d+)\s*;",
                                                  text):
                        yield relative, name, int(value)

    def help_codes(self, relative):
        """The codes a tool's `Exit codes:` help text lists (`N word` pairs)."""
        text = read(self.root, relative)
        start = text.find("Exit codes:")
        if start < 0:
            raise Unreadable(f"{relative}: no 'Exit codes:' help text")
        end = re.compile(r'"\s*[};)]|\)"|"""').search(text, start)
        block = text[start + len("Exit codes:"):end.start() if end else None]
        return {int(code) for code in re.findall(r"(?<![\w.])(\d+)\s+(?=[a-z(])", block)}

    # --- workloads, detectors, profiles -------------------------------------------------------

    def workloads(self):
        relative = "src/stress/workloads/list.hpp"
        listed = re.search(r"// workload list begins\n[^<]*<([^>]*)>;\n// workload list ends",
                           read(self.root, relative))
        if not listed:
            raise Unreadable(f"{relative}: no workload list between its markers")
        actual = [name.strip() for name in listed[1].split(",")]
        declared = {}
        for name in actual:
            path = self.root / f"src/stress/workloads/{name}.hpp"
            found = path.is_file() and re.search(
                r'static constexpr std::string_view name = "(\w+)"', path.read_text())
            declared[name] = found[1] if found else None
        self.expect_equal("workload names in src/stress/workloads/<name>.hpp",
                          {f"{e}: {n}" for e, n in declared.items()},
                          {f"{e}: {e}" for e in actual}, f"the list in {relative}")
        documented = [code_names(row[0])[0] for row in
                      table(read(self.root, "docs/harness.md"), "workload", "docs/harness.md")]
        self.expect_equal("workloads in docs/harness.md", set(documented), set(actual),
                          f"the list in {relative}")

    def detectors(self):
        cmake = read(self.root, "cmake/SafemapStress.cmake")
        accepted = {}
        for single, several, flavours in re.findall(
                r'if\(detector (?:STREQUAL "(\w+)"|MATCHES "\^\(([\w|]+)\)\$")\)\s*'
                r'set\(default_flavours ([\w ]+)\)', cmake):
            for name in ([single] if single else several.split("|")):
                accepted[name] = " ".join(sorted(flavours.split()))
        known = re.search(r"\(known: ([\w ]+)\)", cmake)
        if not accepted or not known:
            raise Unreadable("cmake/SafemapStress.cmake: cannot read the detectors it accepts "
                             "(`if(detector STREQUAL ...)` + `set(default_flavours ...)`) or its "
                             "'(known: ...)' message")
        documented = {}
        for row in table(read(self.root, "docs/harness.md"), "detector", "docs/harness.md"):
            flavours = [word.strip() for word in row[1].split(",")]
            documented[code_names(row[0])[0]] = " ".join(sorted(flavours))
        self.expect_equal("detectors and their build flavours in docs/harness.md",
                          {f"{d}: {f}" for d, f in documented.items()},
                          {f"{d}: {f}" for d, f in accepted.items()}, "cmake/SafemapStress.cmake")
        self.expect_equal("the '(known: ...)' detectors of cmake/SafemapStress.cmake",
                          set(known[1].split()), set(accepted), "its detector branches")

    def profiles(self):
        builtin = {}
        for name, threads, ops in re.findall(
                r'\.name\s*=\s*"(\w+)",\s*\.threads\s*=\s*\{([\d,\s]*)\},\s*\.ops\s*=\s*(\d+)',
                read(self.root, "src/stress/run/profile.cpp")):
            builtin[name] = {"threads": [int(t) for t in threads.split(",")], "ops": int(ops)}
        if not builtin:
            raise Unreadable("src/stress/run/profile.cpp: cannot read the built-in profiles")
        overrides = {}
        for preset in json.loads(read(self.root, "presets/base.json")).get("testPresets", []):
            flavour = preset["name"].removeprefix("stress-")
            for variable, value in preset.get("environment", {}).items():
                if variable.startswith("SAFEMAP_STRESS_PROFILE_"):
                    profile = variable.removeprefix("SAFEMAP_STRESS_PROFILE_").lower()
                    overrides[(profile, flavour)] = json.loads(value)
        documented, actual = set(), set()
        for profile, settings in builtin.items():
            for flavour in FLAVOURS:
                merged = {**settings, **overrides.get((profile, flavour), {})}
                actual.add(f"{profile} in {flavour}: threads {merged['threads']}, "
                           f"ops {merged['ops']}")
        for row in table(read(self.root, "docs/harness.md"), "profile", "docs/harness.md"):
            flavours = FLAVOURS if row[1] == "all" else [f.strip() for f in row[1].split(",")]
            threads = [int(t) for t in row[2].split(",")]
            for flavour in flavours:
                documented.add(f"{code_names(row[0])[0]} in {flavour}: threads {threads}, "
                               f"ops {int(row[3])}")
        self.expect_equal("profiles in docs/harness.md", documented, actual,
                          "src/stress/run/profile.cpp with the overrides of presets/base.json")

    # --- the catalogue and the README's excerpt -----------------------------------------------

    def catalogue(self):
        try:
            variants = json.loads(self.manifest.read_text())["variants"]
        except (OSError, ValueError, KeyError) as error:
            raise Unreadable(f"{self.manifest}: {error} (configure a preset first)") from error
        broken = {v["name"]: v for v in variants if v.get("broken")}
        headers = {path.stem for path in (self.root / "tests/broken").glob("*.hpp")}
        self.expect_equal("broken variants in the manifest", set(broken), headers,
                          "tests/broken/*.hpp (re-configure)")
        rows = {code_names(row[0])[0]: row[2] for row in
                table(read(self.root, "docs/catalogue.md"), "broken variant", "docs/catalogue.md")}
        self.expect_equal("broken variants in docs/catalogue.md", set(rows), set(broken),
                          "the manifest (tests/broken/*.hpp)")
        for name in sorted(set(broken) - set(rows)):
            summary = pathlib.Path(broken[name]["header"]).read_text().splitlines()[0]
            found = "; ".join(f"{e['detector']}: {e['kind']}" for e in broken[name]["expectations"])
            self.problems.append(f"  a row to start from: | `{name}` | "
                                 f"{summary.partition(' — ')[2] or summary} | {found} |")
        for name in sorted(set(rows) & set(broken)):
            for expectation in broken[name]["expectations"]:
                self.checked += 1
                if not re.search(rf"(?<!\w){expectation['detector']}(?!\w)", rows[name]):
                    self.problems.append(f"docs/catalogue.md: the row of {name} does not name "
                                         f"the detector {expectation['detector']} its header "
                                         f"declares")

    def readme_excerpt(self):
        header = "variant"
        full = {"|".join(row) for row in table(read(self.root, "docs/gap-report.md"), header,
                                                "docs/gap-report.md")}
        for row in table(read(self.root, "README.md"), header, "README.md"):
            self.checked += 1
            if "|".join(row) not in full:
                self.problems.append(f"README.md: the gap-table row of {row[0]} is not a row of "
                                     f"docs/gap-report.md's table (one measurement, one source)")

    def explore(self):
        hooks = read(self.root, "src/stress/schedule/blocking_hooks.cpp")
        wrappers = read(self.root, "src/stress/schedule/pthread_hooks.cpp")
        # The definitions stand in the file's last extern "C" block.
        c_block = hooks[hooks.rfind('extern "C" {'):]
        defined = set(re.findall(r"^(?:int|long) (\w+)\([^;{]*\)\s*\{", c_block, re.M))
        defined |= set(re.findall(r"^int __wrap_(\w+)\(", wrappers, re.M))
        doc = read(self.root, "docs/explore.md")
        documented = {code_names(row[0])[0] for row in table(doc, "call", "docs/explore.md")}
        self.expect_equal("scheduling points in docs/explore.md", documented, defined,
                          "the controlled runtime and the lock wrappers")
        variables = set(EXPLORE_VARIABLE.findall(read(self.root, EXPLORE_VARIABLES_HPP)))
        documented = {code_names(row[0])[0] for row in table(doc, "variable", "docs/explore.md")}
        self.expect_equal("settings in docs/explore.md", documented, variables,
                          EXPLORE_VARIABLES_HPP)
        self.checked += 1
        for path in sorted((self.root / "src").rglob("*")):
            relative = str(path.relative_to(self.root))
            if path.suffix not in (".cpp", ".hpp") or relative == EXPLORE_VARIABLES_HPP:
                continue
            for name in sorted(set(EXPLORE_SPELLING.findall(path.read_text(errors="replace")))):
                self.problems.append(f"{relative}: spells {name}; name it from "
                                     f"{EXPLORE_VARIABLES_HPP}, its one spelling")

    def planted(self):
        folder = self.root / "tests/controlled/planted"
        actual = set()
        for header in folder.glob("*.hpp"):
            twin = re.search(r"^// Correct twin: correct/(\w+)\.hpp$", header.read_text(), re.M)
            actual.add(f"{header.stem} (twin {twin[1] if twin else 'none'})")
        documented = {f"{code_names(row[0])[0]} (twin {code_names(row[2])[0]})" for row in
                      table(read(self.root, "docs/explore.md"), "planted bug", "docs/explore.md")}
        self.expect_equal("planted bugs in docs/explore.md", documented, actual,
                          "tests/controlled/planted/*.hpp")

    def escapes(self):
        header = read(self.root, SCHEDULER_HPP)
        constants = {}
        for name in ("escape_after", "runnable_escape_after"):
            found = re.search(rf"constexpr std::chrono::milliseconds {name}(?:\{{(\d+)\}}| = "
                              rf"(\d+) \* escape_after);", header)
            if not found:
                raise Unreadable(f"{SCHEDULER_HPP}: no `{name}` in milliseconds")
            constants[name] = (int(found[1]) if found[1] else
                               int(found[2]) * constants["escape_after"])
        documented = re.search(r"makes no scheduling point for (\d+) ms while another thread is "
                               r"ready, and\s+meanwhile sleeps in the kernel or uses (\d+) ms of "
                               r"CPU time \(or (\d+) ms pass", read(self.root, "docs/harness.md"))
        if not documented:
            raise Unreadable("docs/harness.md: no sentence on when a thread escapes")
        roles = ("without a point", "of CPU time", "runnable")
        actual = {f"{role}: {ms} ms" for role, ms in zip(roles, (
            constants["escape_after"], constants["escape_after"],
            constants["runnable_escape_after"]))}
        self.expect_equal("escape times in docs/harness.md",
                          {f"{role}: {ms} ms" for role, ms in zip(roles, documented.groups())},
                          actual, SCHEDULER_HPP)

    def objects(self):
        doc = read(self.root, "docs/objects.md")
        spec_file = read(self.root, "tests/objects/queue/spec.hpp")
        struct = re.search(r"^template <class Queue>\nstruct spec \{\n.*?^\};$", spec_file,
                           re.M | re.S)
        shown = re.search(r"^```cpp\n(template <class Queue>\nstruct spec \{\n.*?^\};)\n```",
                          doc, re.M | re.S)
        if not struct or not shown:
            raise Unreadable("docs/objects.md or tests/objects/queue/spec.hpp: no queue spec")
        self.expect_equal("the queue spec shown in docs/objects.md", {shown[1]}, {struct[0]},
                          "tests/objects/queue/spec.hpp")
        count = re.search(r"`tests/objects/queue/spec\.hpp`, (\d+) lines", doc)
        self.expect_equal("the queue spec's line count in docs/objects.md",
                          {int(count[1]) if count else None},
                          {len(struct[0].splitlines()) - 1}, "tests/objects/queue/spec.hpp")
        defaults = {}
        for relative, struct_name in (("src/stress/object/scenario.hpp", "scenario_shape"),
                                      ("src/stress/object/explore_object.hpp", "object_settings")):
            body = re.search(rf"^struct {struct_name} {{\n(.*?)^}};", read(self.root, relative),
                             re.M | re.S)
            if not body:
                raise Unreadable(f"{relative}: no struct {struct_name}")
            prefix = "shape." if struct_name == "scenario_shape" else ""
            for name, value in re.findall(r"^\s+\w[\w:]* (\w+) = (\d+);", body[1], re.M):
                defaults[prefix + name] = value
        documented = {f"{code_names(row[0])[0]} = {row[1]}" for row in
                      table(doc, "setting", "docs/objects.md")}
        self.expect_equal("object settings in docs/objects.md", documented,
                          {f"{name} = {value}" for name, value in defaults.items()},
                          "src/stress/object/{scenario,explore_object}.hpp")
        stress = read(self.root, "src/stress/object/stress_object.hpp")
        code_times = [re.search(rf"{name} = (\d+);", stress) for name in
                      ("stress_progress_every_s", "stuck_after_s")]
        doc_times = re.search(r"a progress line every (\d+) s, and when no\s+run ends for (\d+) s",
                              doc)
        if not all(code_times) or not doc_times:
            raise Unreadable("docs/objects.md or stress_object.hpp: no free-stress watchdog times")
        self.expect_equal("free-stress progress and watchdog in docs/objects.md",
                          set(doc_times.groups()), {found[1] for found in code_times},
                          "src/stress/object/stress_object.hpp")
        actual = set()
        for spec in (self.root / "tests/objects").glob("*/spec.hpp"):
            for bug in (spec.parent / "planted").glob("*.hpp"):
                actual.add(f"{spec.parent.name}: {bug.stem}")
        documented = {f"{code_names(row[0])[0]}: {code_names(row[1])[0]}" for row in
                      table(doc, "example", "docs/objects.md")}
        self.expect_equal("worked examples in docs/objects.md", documented, actual,
                          "tests/objects/*/spec.hpp, planted/*.hpp")

    def layers(self):
        spec = importlib.util.spec_from_file_location("layers_table",
                                                      self.root / "ci/layers_table.py")
        layers_table = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(layers_table)
        try:
            generated = layers_table.block(json.loads(self.manifest.read_text()))
        except (OSError, ValueError, KeyError) as error:
            raise Unreadable(f"{self.manifest}: {error} (configure a preset first)") from error
        stale = False
        for relative in LAYERS_TABLE_FILES:
            self.checked += 1
            text = read(self.root, relative)
            replaced = layers_table.replace_block(text, generated)
            if replaced is None:
                self.problems.append(f"{relative}: no layers table (its marker lines "
                                     f"`{layers_table.BEGIN}` ... `{layers_table.END}`)")
            elif replaced != text:
                self.problems.append(f"{relative}: the layers table is not what the catalogue's "
                                     f"EXPECT lines give")
                stale = True
        if stale:  # one command for every file, whichever of them is stale
            self.problems.append(f"  {REGENERATE}{layers_command(self.manifest.resolve())}")


LAYERS_TABLE_FILES = ("docs/catalogue.md", "docs/gap-report.md")
REGENERATE = "regenerate the layers tables, from the repository root: "


def layers_command(manifest):
    """The one command that rewrites every layers table from the manifest."""
    return f"python3 ci/layers_table.py {manifest} --write {' '.join(LAYERS_TABLE_FILES)}"


def exit_code_entries(text):
    """(enumerator, name, tools) of each entry of the `exit_codes` table of exit_code.hpp, with
    clang-format's line breaks and split string literals undone."""
    table_text = re.search(r"exit_codes\s*\{(.*?)\n\};", text, re.S)
    if not table_text:
        raise Unreadable(f"{EXIT_CODE_HPP}: no `inline constexpr std::array exit_codes{{...}};`")
    flat = re.sub(r'"\s+"', "", " ".join(table_text[1].split()))
    entries = re.findall(r'exit_code_entry\{(\w+), "([^"]*)", "[^"]*", ([\w |]+)\}', flat)
    if not entries:
        raise Unreadable(f"{EXIT_CODE_HPP}: cannot read the entries of `exit_codes`")
    return [(code, name, set(re.findall(r"\w+", tools))) for code, name, tools in entries]


def python_constants(source):
    """(name, value) of the module-level EXIT_* = int assignments of Python source."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found = []
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            pairs = (zip(target.elts, node.value.elts)
                     if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple)
                     else [(target, node.value)])
            for name, value in pairs:
                if (isinstance(name, ast.Name) and name.id.startswith("EXIT_")
                        and isinstance(value, ast.Constant) and isinstance(value.value, int)):
                    found.append((name.id, value.value))
    return found


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    facts = Facts(pathlib.Path(argv[1]).resolve(), pathlib.Path(argv[2]))
    try:
        for check in (facts.exit_codes, facts.workloads, facts.detectors, facts.profiles,
                      facts.catalogue, facts.readme_excerpt, facts.layers, facts.explore, facts.planted,
                      facts.escapes, facts.objects):
            check()
    except (Unreadable, ValueError, IndexError) as error:
        print(f"docs.facts: cannot check: {error}", file=sys.stderr)
        return 2
    for problem in facts.problems:
        print(problem)
    print(f"docs.facts: {facts.checked} comparisons, {len(facts.problems)} problem(s)")
    return 1 if facts.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
