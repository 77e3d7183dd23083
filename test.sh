#!/usr/bin/env bash
# Runs every test: installs what the tests need, builds once, runs all test projects,
# and ends with one "N passed, N failed" line over all of them.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-deps.sh
dotnet build SocialWatch.sln -c Release -nologo -v quiet
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# One test assembly at a time: the browser and process tests need the two cores to themselves.
dotnet test SocialWatch.sln -c Release --no-build -nologo -m:1 "$@" 2>&1 | tee "$log" || status=$?
totals=$(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+).*/\1 \2/' |
  awk '{ f += $1; p += $2 } END { printf "%d passed, %d failed", p, f }')
echo "$totals"
exit "$status"
