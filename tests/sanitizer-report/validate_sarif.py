#!/usr/bin/env python3
"""Runs sanitizer-report with the given arguments and validates its SARIF output against the
SARIF 2.1.0 JSON schema, plus the parts GitHub code scanning needs beyond the schema.

usage: validate_sarif.py SCHEMA TOOL ARGS...
"""
import json
import subprocess
import sys

import jsonschema


def main() -> int:
    schema_path, tool, *args = sys.argv[1:]
    with open(schema_path, encoding="utf-8") as schema_file:
        schema = json.load(schema_file)
    run = subprocess.run([tool, "--format", "sarif", *args], capture_output=True, text=True,
                         check=False)
    if run.returncode != 0:
        print(run.stderr, file=sys.stderr)
        print(f"sanitizer-report exited with {run.returncode}", file=sys.stderr)
        return 1
    log = json.loads(run.stdout)
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.path))
    for error in errors:
        print(f"schema: {'/'.join(map(str, error.path))}: {error.message}", file=sys.stderr)
    results = log["runs"][0]["results"]
    if not results:
        errors.append("no results")
        print("no results in the SARIF log", file=sys.stderr)
    for result in results:
        # GitHub code scanning needs a location with a line for an inline alert; a finding whose
        # frames have no line names the file and the function, never a line below 1.
        location = result["locations"][0]
        region = location["physicalLocation"].get("region")
        usable = region["startLine"] >= 1 if region else "logicalLocations" in location
        if not usable:
            errors.append(result)
            print(f"result without a usable line or function: {result['ruleId']}", file=sys.stderr)
    print(f"{len(results)} results, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
