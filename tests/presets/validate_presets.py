#!/usr/bin/env python3
"""Validate CMakePresets.json and every file it includes against CMake's own preset schema,
and check that no configure preset puts -fsanitize into CMAKE_CXX_FLAGS: a preset names its
sanitizers once, in SAFEMAP_SANITIZER, and cmake/SafemapSanitizers.cmake derives the flags.

Usage: validate_presets.py SCHEMA PRESETS_JSON
Exit 0 when every file validates, 1 when one does not, 2 on bad usage or unreadable input.
"""
import json
import pathlib
import sys

import jsonschema


def included_files(path, seen):
    """Yield path and, depth first, every file its "include" lists (each once)."""
    path = path.resolve()
    if path in seen:
        return
    seen.add(path)
    yield path
    for name in json.loads(path.read_text()).get("include", []):
        yield from included_files(path.parent / name, seen)


def sanitizer_flags(document):
    """The names of the configure presets whose CMAKE_CXX_FLAGS hold a -fsanitize flag."""
    found = []
    for preset in document.get("configurePresets", []):
        flags = preset.get("cacheVariables", {}).get("CMAKE_CXX_FLAGS", "")
        if isinstance(flags, dict):
            flags = flags.get("value", "")
        if "-fsanitize" in str(flags):
            found.append(preset["name"])
    return found


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        schema = json.loads(pathlib.Path(argv[1]).read_text())
        files = list(included_files(pathlib.Path(argv[2]), set()))
    except (OSError, json.JSONDecodeError) as error:
        print(f"validate_presets: {error}", file=sys.stderr)
        return 2
    validator = jsonschema.Draft7Validator(schema)
    failures = 0
    for path in files:
        document = json.loads(path.read_text())
        errors = sorted(validator.iter_errors(document), key=str)
        for error in errors:
            print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
        for name in sanitizer_flags(document):
            print(f"{path}: configure preset {name}: -fsanitize in CMAKE_CXX_FLAGS; name the "
                  f"sanitizers in SAFEMAP_SANITIZER instead (cmake/SafemapSanitizers.cmake)")
            errors.append(name)
        failures += bool(errors)
        print(f"{path}: {'INVALID' if errors else 'valid'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
