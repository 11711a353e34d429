#!/usr/bin/env bash
# The fork path's first step works: ci/rename-project.sh on a copy of this tree leaves no
# "safemap" behind, and the renamed project configures, builds and passes its unit tests.
# Usage: rename_test.sh SOURCE_ROOT CXX_COMPILER
set -euo pipefail
source_root=$1
compiler=$2
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT

# The working tree as it is (uncommitted edits included), as a fresh one-commit repository.
cd "$source_root"
git ls-files -z --cached --others --exclude-standard --deduplicate |
  while IFS= read -r -d '' file; do
    [[ -e $file ]] && printf '%s\0' "$file"  # tracked but deleted in the working tree: skip
  done | xargs -0 cp --parents -t "$copy"
cd "$copy"
git init -q && git add -A && git -c user.name=test -c user.email=test@example.com commit -qm copy

bash ci/rename-project.sh orders_cache
git -c user.name=test -c user.email=test@example.com commit -qam renamed

if leftovers=$(git grep -Ii -n safemap); then
  echo "FAIL: 'safemap' is still here after the rename:"
  echo "$leftovers" | head -20
  exit 1
fi
[[ -f src/orders_cache/mutex_map.hpp ]] || { echo "FAIL: src/safemap/ was not moved"; exit 1; }

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="$compiler" -DORDERS_CACHE_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build --target orders_cache_unit_tests >/dev/null
./build/tests/unit/orders_cache_unit_tests --gtest_brief=1
echo "PASS: renamed to orders_cache, built, unit tests pass"
