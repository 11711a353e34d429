#!/usr/bin/env bash
# The lint checks: clang-format and clang-tidy (19, installed by ci/setup.sh) over src/, tests/ and
# bench/, with the project's .clang-format and .clang-tidy. ctest runs both in the default preset
# (lint.format, lint.tidy); a person runs them the same way.
# Usage: ci/lint.sh format              exit 1 when a file is not formatted (prints the diff)
#        ci/lint.sh tidy BUILD_DIR      exit 1 on any clang-tidy finding; BUILD_DIR holds the
#                                       compile_commands.json of a configured build
#        ci/lint.sh fix                 formats every checked file in place
# Not checked: tests/broken/ (planted bugs: the `static` detector checks what the analysis and
# clang-tidy say about them, at their marked lines, which the gap report cites by number) and
# tests/sanitizer-report/fixtures/ (sources of recorded sanitizer output, cited by line).
# Exit 2 on bad usage or a missing tool.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  sed -n 's/^# Usage: /  /p; s/^#        /  /p' "$0" >&2
  exit 2
}

require() {
  if ! command -v "$1" >/dev/null; then
    echo "lint: $1 is not installed (bash ci/setup.sh installs it)" >&2
    exit 2
  fi
}

checked_files() {
  find src tests bench -type f \( -name '*.hpp' -o -name '*.cpp' \) \
    -not -path 'tests/broken/*' -not -path 'tests/sanitizer-report/fixtures/*' | sort
}

case ${1:-} in
  format)
    require clang-format-19
    mapfile -t files < <(checked_files)
    unformatted=0
    for file in "${files[@]}"; do
      if ! clang-format-19 "$file" | diff -u --label "$file" --label "$file (clang-format-19)" \
        "$file" -; then
        unformatted=$((unformatted + 1))
      fi
    done
    echo "lint format: ${#files[@]} files, $unformatted not formatted"
    ((unformatted == 0)) || { echo "fix with: ci/lint.sh fix" >&2; exit 1; }
    ;;
  fix)
    require clang-format-19
    checked_files | xargs clang-format-19 -i
    ;;
  tidy)
    (($# == 2)) || usage
    require clang-tidy-19
    require run-clang-tidy-19
    build=$2
    if [[ ! -f $build/compile_commands.json ]]; then
      echo "lint: $build/compile_commands.json not found (configure a preset first)" >&2
      exit 2
    fi
    # Translation units of the project's own sources, not the generated variant mains (their
    # headers are the planted bugs) nor GoogleTest built from source.
    root=$(pwd)
    mapfile -t units < <(checked_files | grep '\.cpp$' | sed "s|^|$root/|")
    mapfile -t compiled < <(python3 -c 'import json, sys
for entry in json.load(open(sys.argv[1])): print(entry["file"])' "$build/compile_commands.json" |
      sort -u)
    mapfile -t targets < <(comm -12 <(printf '%s\n' "${units[@]}" | sort) \
      <(printf '%s\n' "${compiled[@]}"))
    echo "lint tidy: ${#targets[@]} translation units"
    # A g++ build's compile commands may hold g++'s own options (the scheduling-points
    # instrumentation's --param and -Wno-tsan, cmake/SafemapTesting.cmake), unknown to clang.
    run-clang-tidy-19 -quiet -p "$build" -j "$(nproc)" \
      -extra-arg=-Wno-unused-command-line-argument -extra-arg=-Wno-unknown-warning-option \
      -header-filter="^$root/(src|tests|bench)/" \
      -exclude-header-filter="^$root/tests/(broken|sanitizer-report/fixtures)/" \
      "${targets[@]}" >"$build/lint-tidy.log" 2>&1 || status=$?
    grep -E ': (warning|error): ' "$build/lint-tidy.log" | sort -u || true
    if ((${status:-0} != 0)); then
      echo "lint tidy: findings above (full log: $build/lint-tidy.log)" >&2
      exit 1
    fi
    echo "lint tidy: no finding"
    ;;
  *) usage ;;
esac
