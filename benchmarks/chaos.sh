#!/usr/bin/env bash
# Money safety under faults, the long run: the chaos test of tests/Qiwi.Sandbox.Tests (Chaos/) for
# QIWI_CHAOS_SECONDS per setting of the sandbox's repeated refund_id (default 300 s each: 10 minutes in
# all) with more workers. Prints the figures docs/reliability.md quotes; fails on any violated invariant.
#   benchmarks/chaos.sh                      # 2 x 300 s, 48 workers
#   QIWI_CHAOS_SECONDS=60 QIWI_CHAOS_WORKERS=32 benchmarks/chaos.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export QIWI_CHAOS_SECONDS="${QIWI_CHAOS_SECONDS:-300}"
export QIWI_CHAOS_WORKERS="${QIWI_CHAOS_WORKERS:-48}"
dotnet test tests/Qiwi.Sandbox.Tests/Qiwi.Sandbox.Tests.csproj -c Release \
  --filter "FullyQualifiedName~Qiwi.Sandbox.Tests.Chaos.ChaosTests" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "chaos seed|^\s+(cancelBill|createBill|createRefund|faults|ledger):|Passed|Failed|violation|Total tests"
