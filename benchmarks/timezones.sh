#!/usr/bin/env bash
# The suite's time-related projects on a machine set to another time zone: each project in PROJECTS under each zone in
# ZONES (default: Pacific/Chatham +12:45/+13:45 with DST, America/St_Johns -03:30/-02:30 with DST, Asia/Kathmandu
# +05:45, Pacific/Kiritimati +14:00, America/Sao_Paulo -03:00, and UTC to compare). .NET on Linux takes its local
# zone from TZ; Qiwi.Runtime.Tests' QiwiLocalZoneTests fails if it did not. FILTER (optional) is passed to
# dotnet test --filter. Prints one line per zone (from the test results' files) and fails if any test failed.
# Builds once, then runs with --no-build.
#   benchmarks/timezones.sh
#   ZONES="Asia/Kathmandu" PROJECTS="tests/Qiwi.Runtime.Tests" benchmarks/timezones.sh
set -euo pipefail
cd "$(dirname "$0")/.."
zones="${ZONES:-UTC Pacific/Chatham America/St_Johns Asia/Kathmandu Pacific/Kiritimati America/Sao_Paulo}"
projects="${PROJECTS:-tests/Qiwi.Runtime.Tests tests/Qiwi.Sandbox.Tests tests/Qiwi.AspNetCore.Tests}"
filter=()
if [ -n "${FILTER:-}" ]; then filter=(--filter "$FILTER"); fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for project in $projects; do
  dotnet build "$project" -c Release > "$out/build.log" 2>&1 || { tail -30 "$out/build.log"; exit 1; }
done
status=0
# How many results of the zone's run have this outcome (0 when none: grep finding nothing is no error here).
count() { { cat "$out/$1"/*.trx 2>/dev/null || true; } | { grep -o "<UnitTestResult [^>]*outcome=\"$2\"" || true; } | wc -l; }
for zone in $zones; do
  [ -e "/usr/share/zoneinfo/$zone" ] || { echo "$zone: not in /usr/share/zoneinfo (install tzdata)"; status=1; continue; }
  dir="${zone//\//_}"
  start=$(date +%s)
  for project in $projects; do
    TZ="$zone" dotnet test "$project" -c Release --no-build "${filter[@]}" \
      --logger "trx;LogFilePrefix=$dir" --results-directory "$out/$dir" >> "$out/$dir.log" 2>&1 || true
  done
  passed=$(count "$dir" Passed)
  failed=$(count "$dir" Failed)
  skipped=$(count "$dir" NotExecuted)
  echo "$zone ($(TZ="$zone" date +%z)): $passed passed, $failed failed, $skipped skipped, $(( $(date +%s) - start )) s"
  if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
    status=1
    { cat "$out/$dir"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*testName="[^"]*"[^>]*outcome="Failed"' || true; } | sed 's/.*testName="/  failed: /; s/" .*//' | head -20
  fi
done
exit $status
