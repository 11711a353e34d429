#!/usr/bin/env bash
# Puts the sanitizer findings of a preset's run where people look:
#   - GitHub annotations at the located file:line (printed; Actions reads them from the log),
#   - a Markdown table appended to $GITHUB_STEP_SUMMARY (printed when it is not set),
#   - build/findings-PRESET.sarif for code scanning.
# Usage: ci/publish-findings.sh PRESET       reads build/logs/PRESET.log (ci/run-presets.sh's)
# Exit 0 published (also when there was no finding), 2 bad usage or nothing built to read with.
set -euo pipefail
cd "$(dirname "$0")/.."

(($# == 1)) || { echo "usage: ci/publish-findings.sh PRESET" >&2; exit 2; }
preset=$1
log=build/logs/$preset.log
tool=build/$preset/src/tools/sanitizer-report/sanitizer-report
[[ -f $log ]] || { echo "publish-findings: no log $log (run ci/run-presets.sh $preset)" >&2; exit 2; }
[[ -x $tool ]] || { echo "publish-findings: $tool was not built: the build failed first" >&2; exit 2; }

"$tool" --format github --allow-empty "$log"
"$tool" --format markdown --allow-empty "$log" >>"${GITHUB_STEP_SUMMARY:-/dev/stdout}"
"$tool" --format sarif --allow-empty "$log" >"build/findings-$preset.sarif"
echo "publish-findings: build/findings-$preset.sarif written"
