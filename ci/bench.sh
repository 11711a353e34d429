#!/usr/bin/env bash
# Runs the comparison benchmark and prints its table (Markdown; also written with JSON and an
# SVG chart to build/bench-report/). Builds safemap-compare in the default preset, and in the
# asan and tsan presets to measure what the harness costs, then runs bench/compare/report.py.
# Usage: ci/bench.sh [--no-harness-cost] [report.py options, e.g. --full, --clock wall]
set -euo pipefail
cd "$(dirname "$0")/.."

presets=(default asan tsan)
report_args=()
for arg in "$@"; do
  case $arg in
    --no-harness-cost)
      presets=(default)
      report_args+=(--harness-cost-dirs)
      ;;
    *) report_args+=("$arg") ;;
  esac
done

for preset in "${presets[@]}"; do
  echo "bench: building safemap-compare in preset $preset" >&2
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" --target safemap-compare >&2
done
exec python3 bench/compare/report.py "${report_args[@]}"
