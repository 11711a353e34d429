#!/usr/bin/env bash
# Renames the project for a fork: every "safemap" in the tracked files' contents and paths
# becomes NEW_NAME, every "Safemap" and "SAFEMAP" its capitalised and upper-case forms (namespace, targets, CMake options,
# package config, include folder src/safemap/, tools such as safemap-stress).
# Usage: ci/rename-project.sh NEW_NAME
#   NEW_NAME: a lower-case C++ identifier, e.g. orders_cache.
# Run it once, in a checkout with no uncommitted changes, then review `git status` and commit.
# Exit 0 renamed, 2 bad usage (bad name, uncommitted changes, not a git checkout).
set -euo pipefail

usage() { echo "usage: ci/rename-project.sh NEW_NAME   (a lower-case C++ identifier)" >&2; exit 2; }
(($# == 1)) || usage
new=$1
[[ $new =~ ^[a-z][a-z0-9_]*$ ]] || usage
[[ $new != safemap ]] || { echo "rename-project: the project is already called safemap" >&2; exit 2; }
upper=${new^^}
capitalised=${new^}

cd "$(dirname "$0")/.."
git rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
  { echo "rename-project: $(pwd) is not a git checkout" >&2; exit 2; }
if [[ -n $(git status --porcelain) ]]; then
  echo "rename-project: commit or stash your changes first, so the rename is one reviewable diff" >&2
  exit 2
fi

mapfile -t -d '' files < <(git grep -lIiz -e safemap || true)
if ((${#files[@]} > 0)); then
  sed -i "s/safemap/$new/g; s/Safemap/$capitalised/g; s/SAFEMAP/$upper/g" "${files[@]}"
fi

mapfile -t paths < <(git ls-files | grep -i safemap || true)
for path in "${paths[@]}"; do
  target=${path//safemap/$new}
  target=${target//Safemap/$capitalised}
  mkdir -p "$(dirname "$target")"
  git mv "$path" "$target"
done
find . -path ./.git -prune -o -type d -empty -iname '*safemap*' -print0 | xargs -0r rmdir

echo "rename-project: ${#files[@]} files edited, ${#paths[@]} paths moved; safemap is now $new."
echo "Review with 'git status' and 'git diff --stat', then commit."
