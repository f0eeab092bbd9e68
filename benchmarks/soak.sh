#!/usr/bin/env bash
# The long-run (leak) tests of each component on many more operations than CI's run: the client over an in-memory server
# with every fault, the notification endpoint with every outcome, configuration reloads under DI, and the sandbox's API.
# Each runs a warm-up window, two measured windows and WINDOWS more, printing the heap after a full collection after each
# (flat: nothing grows with the operations), and checks its invariants (no live response, stream or timer; an empty gate;
# a ledger of the ids used). docs/reliability.md "seventh session: a process that runs for months" records its figures.
#   bash benchmarks/soak.sh                      # CALLS=50000 per window, WINDOWS=8, every component
#   CALLS=200000 WINDOWS=20 ONLY=Runtime bash benchmarks/soak.sh
# Exit 1 when a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${CALLS:-50000}
WINDOWS=${WINDOWS:-8}
ONLY=${ONLY:-Runtime AspNetCore DependencyInjection Sandbox}
status=0
for component in $ONLY; do
  project=tests/Qiwi.$component.Tests
  dotnet build "$project" -c Release -v quiet -nologo >/dev/null
  calls=$CALLS
  # The sandbox's calls go over loopback HTTP (about 2,000 a second on 2 cores): a tenth as many per window.
  [ "$component" = Sandbox ] && calls=$(( CALLS / 10 ))
  start=$(date +%s)
  log=$(mktemp)
  QIWI_SOAK_CALLS=$calls QIWI_SOAK_WINDOWS=$WINDOWS dotnet test "$project" -c Release --no-build \
    --filter "FullyQualifiedName~.Soak." --logger "console;verbosity=detailed" > "$log" 2>&1 || status=1
  echo "== $component: $calls operations a window, $(( WINDOWS + 3 )) windows, $(( $(date +%s) - start )) s"
  grep -E "^ +(heap|after|outcomes|answers|responses|gate|invoices|reloads)|Passed |Failed |Assert" "$log" | cut -c1-300 | awk '!seen[$0]++' || true
  rm -f "$log"
done
exit $status
