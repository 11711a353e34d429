#!/usr/bin/env bash
# The main job: shows the "works locally, dies in production" gap for every variant.
# Builds what the report needs (the default, tsan and asan presets: every stress executable, the
# points builds the manifest names, and sanitizer-report; in default and tsan also every
# tests/objects/<example>/ test executable, for the planted objects' rows), then runs
# ci/gap_report.py, which prints the table and writes build/gap/gap-report.{md,json} and
# build/gap/gap-chart.svg.
# Usage: ci/gap-report.sh [--runs K] [--sweep-threads 2,4,16,64] [...]  (--help: all options)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ " $* " == *" --help "* || " $* " == *" -h "* ]]; then
  exec python3 ci/gap_report.py --help
fi

# --objects-only measures the planted objects alone: the default and tsan builds of their tests
# suffice.
presets=(default tsan asan)
objects_only=false
if [[ " $* " == *" --objects-only "* ]]; then
  presets=(default tsan)
  objects_only=true
fi

mkdir -p build/logs
for preset in "${presets[@]}"; do
  log=build/logs/gap-build-$preset.log
  echo "==> building the $preset preset's stress executables (log: $log)"
  if ! cmake --preset "$preset" >"$log" 2>&1; then
    tail -n 40 "$log"
    exit 2
  fi
  targets=()
  if ! $objects_only; then
    targets=(sanitizer-report)
    mapfile -t -O 1 targets < <(python3 -c '
import json, sys
for variant in json.load(open(sys.argv[1]))["variants"]:
    print("safemap-stress-" + variant["name"])
    if "points_executable" in variant:
        print("safemap-stress-" + variant["name"] + "-points")
' "build/$preset/safemap-stress-variants.json")
  fi
  if [[ $preset != asan ]]; then
    for spec in tests/objects/*/spec.hpp; do
      example=${spec#tests/objects/}
      targets+=("objects_${example%/spec.hpp}_test")
    done
  fi
  if ! cmake --build --preset "$preset" --target "${targets[@]}" >>"$log" 2>&1; then
    tail -n 40 "$log"
    exit 2
  fi
done

exec python3 ci/gap_report.py "$@"
