#!/usr/bin/env bash
# The figures of this folder's planted bugs: for each expectation test objects.<example>.<bug>, in
# how many of 20 explorations of at most 2 s (seeds 1 to 20) it reports its object not
# linearizable, the fewest calls among the shortest failing scenarios those explorations print,
# and how many of 10 runs of the first finding's printed replay assignments print its report
# again, identically. Runs the ctest tests themselves, so "found" means what they check. Usage,
# from the repository root after building them: measure.sh [PRESET [REGEX]] (default: the default
# preset, every test; REGEX picks tests among them).
set -euo pipefail
preset=${1:-default}
only=${2:-.}

run() {  # run TEST [VARIABLE=VALUE...]: the test's output; fails when the test does
  local test=$1
  shift
  env "$@" ctest --preset "$preset" -R "^${test//./\\.}\$" -V 2>&1
}

report_of() {  # the report in a test's output, without ctest's test number or the process id
  sed 's/^[0-9]*: //; s/^==[0-9]*==//' |
    awk '/SafemapLinearizability: not linearizable/ { on = 1 } on { print } on && /replay:/ { exit }'
}

echo "| expectation test | found in | shortest scenario | replayed |"
echo "|---|---|---|---|"
for test in $(ctest --preset "$preset" -N -L planted -R '^objects\.' |
  sed -n 's/^ *Test *#[0-9]*: //p' | grep -e "$only"); do
  found=0
  shortest=""
  report=""
  for seed in $(seq 1 20); do
    if output=$(run "$test" SAFEMAP_EXPLORE_SEED="$seed" SAFEMAP_EXPLORE_BUDGET_S=2); then
      found=$((found + 1))
      calls=$(sed -n 's/.*shortest failing scenario found, \([0-9]*\) calls.*/\1/p' <<<"$output" |
        head -1)
      if [[ -z $shortest || $calls -lt $shortest ]]; then shortest=$calls; fi
      if [[ -z $report ]]; then report=$(report_of <<<"$output"); fi
    fi
  done
  replayed=0
  if [[ -n $report ]]; then
    replay=$(grep -o -m1 'replay: \(SAFEMAP_EXPLORE_[A-Z_]*=[^ ]* \)*' <<<"$report" |
      sed 's/^replay: //')
    for _ in $(seq 1 10); do
      # shellcheck disable=SC2086 # the replay line's assignments, one word each
      if output=$(run "$test" $replay) && [[ $(report_of <<<"$output") == "$report" ]]; then
        replayed=$((replayed + 1))
      fi
    done
  fi
  echo "| \`$test\` | $found/20 | ${shortest:--} calls | $replayed/10 |"
done
