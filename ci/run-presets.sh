#!/usr/bin/env bash
# Runs each preset's workflow (configure, build, test), exactly as `cmake --workflow --preset X`
# does for a person (with one ctest job per core), and prints one summary line per preset.
# Usage: ci/run-presets.sh [--all | PRESET...]
#   No argument: the three flavours with their preferred compiler: default, asan, tsan.
#   --all: every workflow preset (the gcc sanitizer and clang normal builds too) whose compiler
#   is installed; the others are listed as skipped.
#   Logs: build/logs/<preset>.log. Exit 0 when every preset that ran passed, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ${1:-} == --all ]]; then
  mapfile -t presets < <(cmake --list-presets=workflow | sed -n 's/^  "\([^"]*\)".*/\1/p')
elif (($# > 0)); then
  presets=("$@")
else
  presets=(default asan tsan)
fi

# The compiler a preset names, read from CMake's own view of the preset.
compiler_of() {
  cmake --preset "$1" -N 2>/dev/null | sed -n 's/.*CMAKE_CXX_COMPILER="\([^"]*\)".*/\1/p'
}

# One test per core: the tests that keep every core busy say so (PROCESSORS, see
# cmake/SafemapWholeMachine.cmake) and run alone. A person's own CTEST_PARALLEL_LEVEL wins.
export CTEST_PARALLEL_LEVEL=${CTEST_PARALLEL_LEVEL:-$(nproc)}

mkdir -p build/logs
summary=()
failed=0
for preset in "${presets[@]}"; do
  compiler=$(compiler_of "$preset")
  if [[ -n $compiler ]] && ! command -v "$compiler" >/dev/null; then
    summary+=("$(printf '%-14s SKIP  %s is not installed' "$preset" "$compiler")")
    continue
  fi
  log=build/logs/$preset.log
  echo "==> $preset: cmake --workflow --preset $preset (log: $log)"
  start=$SECONDS
  if cmake --workflow --preset "$preset" >"$log" 2>&1; then
    verdict=PASS
  else
    verdict=FAIL
    failed=1
    tail -n 60 "$log"
  fi
  tests=$(grep -Eo 'tests failed out of [0-9]+' "$log" | grep -Eo '[0-9]+$' || echo 0)
  summary+=("$(printf '%-14s %s  %s tests  %d s' "$preset" "$verdict" "$tests" $((SECONDS - start)))")
  echo "    ${summary[-1]}"
done

echo
echo "Summary:"
printf '  %s\n' "${summary[@]}"
exit "$failed"
