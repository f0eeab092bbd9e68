#!/usr/bin/env bash
# The trim/AOT check of generated code (tests/Qiwi.Generator.Tests/RedTeam/Build/AotSpecTests.cs) on SCALE times as
# many seeded accepted specs as CI's run (65 specs at scale 1; a larger scale draws a superset: the same seeds, longer).
# One library project with IsAotCompatible and warnings as errors, every spec in its own namespace, one real build.
# docs/reliability.md "AOT safety of generated code for every accepted spec" records its figures. Exit 1 on a failure.
#   bash benchmarks/aot-specs.sh             # scale 6
#   SCALE=10 bash benchmarks/aot-specs.sh
#   PUBLISH=1 SCALE=1 bash benchmarks/aot-specs.sh   # also `dotnet publish` with PublishAot, the project's assembly rooted
#                                                      # whole: the AOT compiler's own warnings on every generated method
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-6}
PUBLISH=${PUBLISH:-0}

dotnet build tests/Qiwi.Generator.Tests -c Release -v quiet -nologo >/dev/null
start=$(date +%s)
log=$(mktemp)
status=0
QIWI_AOT_SPECS_SCALE=$SCALE QIWI_AOT_SPECS_PUBLISH=$PUBLISH dotnet test tests/Qiwi.Generator.Tests -c Release --no-build \
  --filter "FullyQualifiedName~AotSpecTests" --logger "console;verbosity=detailed" > "$log" 2>&1 || status=1
grep -E "specs:|natively|Passed |Failed |diagnostics in|spec: |line: " "$log" | cut -c1-400 || true
[ "$status" -eq 0 ] || tail -50 "$log"
rm -f "$log"
echo "scale $SCALE, publish $PUBLISH: $(( $(date +%s) - start )) s, exit $status"
exit $status
