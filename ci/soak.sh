#!/usr/bin/env bash
# The nightly soak: the production profile, longer and repeated, under ThreadSanitizer.
# Runs the stress tests of correct variants (label "production") and the expectation tests of
# the broken catalogue (label "broken"), each REPEAT times with fresh random seeds: rare
# interleavings get more chances, and a planted bug must be caught every single time.
#
# Sharding, for forks whose suite outgrows one runner: shard I of N runs every N-th test,
# starting at the (I+1)-th (ctest -I start,,stride), so N runners together run each test once.
#   ci/soak.sh [--preset tsan] [--shard I --shards N] [--repeat R]    (R defaults to 10)
# In GitHub Actions: a matrix `shard: [0, 1, 2, 3]` and `ci/soak.sh --shard ${{ matrix.shard }}
# --shards 4` (see .github/workflows/ci.yml, job soak).
# Exit: ctest's (0 every test passed every repetition), 2 bad usage.
set -euo pipefail
cd "$(dirname "$0")/.."

preset=tsan shard=0 shards=1 repeat=10
usage() { sed -n '2,12p' "$0" >&2; exit 2; }
while (($# > 0)); do
  case $1 in
    --preset) preset=${2:?}; shift 2 ;;
    --shard) shard=${2:?}; shift 2 ;;
    --shards) shards=${2:?}; shift 2 ;;
    --repeat) repeat=${2:?}; shift 2 ;;
    *) usage ;;
  esac
done
for number in "$shard" "$shards" "$repeat"; do
  [[ $number =~ ^[0-9]+$ ]] || usage
done
((shards >= 1 && shard < shards && repeat >= 1)) || usage

cmake --preset "$preset"
cmake --build --preset "$preset"
echo "soak: preset $preset, shard $shard of $shards, $repeat repetitions of each test"
ctest --preset "$preset" -L 'production|broken' -I "$((shard + 1)),,$shards" \
  --repeat "until-fail:$repeat"
