#!/usr/bin/env bash
# The figures of docs/explore.md's planted-bug table: for each expectation test of this folder
# (planted.<name>.<detector>), in how many of 20 explorations of at most 2 s (seeds 1 to 20) it
# finds its bug at the marked line, and how many of 10 runs of the first finding's printed replay
# assignments find it there again. Runs the ctest tests themselves, so "found" means what they
# check. Usage, from the repository root after building them: measure.sh [PRESET [REGEX]]
# (default: the default preset, every test; REGEX picks tests among them).
set -euo pipefail
preset=${1:-default}
only=${2:-.}

passes() {  # passes TEST [VARIABLE=VALUE...]: the test passes under those variables
  local test=$1
  shift
  env "$@" ctest --preset "$preset" -R "^${test//./\\.}\$" -V 2>&1
}

echo "| expectation test | found in | replayed |"
echo "|---|---|---|"
for test in $(ctest --preset "$preset" -N -R '^planted\.' -E '^planted\.existing_' |
  sed -n 's/^ *Test *#[0-9]*: //p' | grep -e "$only"); do
  found=0
  replay=""
  for seed in $(seq 1 20); do
    if output=$(passes "$test" SAFEMAP_EXPLORE_SEED="$seed" SAFEMAP_EXPLORE_BUDGET_S=2); then
      found=$((found + 1))
      if [[ -z $replay ]]; then
        replay=$(grep -o -m1 'replay: \(SAFEMAP_EXPLORE_[A-Z_]*=[^ ]* \)*' <<<"$output" |
          head -1 | sed 's/^replay: //')
      fi
    fi
  done
  replayed=0
  if [[ -n $replay ]]; then
    for _ in $(seq 1 10); do
      # shellcheck disable=SC2086 # the replay line's assignments, one word each
      if passes "$test" $replay >/dev/null; then replayed=$((replayed + 1)); fi
    done
  fi
  echo "| \`$test\` | $found/20 | $replayed/10 |"
done
