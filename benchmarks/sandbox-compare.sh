#!/usr/bin/env bash
# Before/after for sandbox changes: this tree's sandbox against another build of it (BASELINE_DLL, e.g. main's
# built into a folder of its own), alternating A B, B A for PAIRS pairs (default 3) of SECONDS_PER_RUN (default 10)
# with the bounded `Qiwi.Benchmarks load` mix (CONNECTIONS=64), each pair on a newly paid invoice for the refunds
# and each sandbox fresh per pair; prints each run and the median ratio new / baseline of requests/s.
#   git worktree add /tmp/base main && dotnet build /tmp/base/src/Qiwi.Sandbox -c Release
#   BASELINE_DLL=/tmp/base/src/Qiwi.Sandbox/bin/Release/net10.0/Qiwi.Sandbox.dll bash benchmarks/sandbox-compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/timing.sh
baseline=${BASELINE_DLL:?set BASELINE_DLL to the Qiwi.Sandbox.dll to compare against}
pairs=${PAIRS:-3}
seconds=${SECONDS_PER_RUN:-10}
connections=${CONNECTIONS:-64}
dotnet build benchmarks/Qiwi.Benchmarks -c Release --nologo -v q >/dev/null
dotnet build src/Qiwi.Sandbox -c Release --nologo -v q >/dev/null
bench="dotnet benchmarks/Qiwi.Benchmarks/bin/Release/net10.0/Qiwi.Benchmarks.dll"
current=src/Qiwi.Sandbox/bin/Release/net10.0/Qiwi.Sandbox.dll
shop=373712; auth=23441234:sandbox-api-password
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT

run() { # dll port -> the load's summary line against a fresh sandbox (logging at Warning, as in sandbox-throughput.sh)
  Logging__LogLevel__Default=Warning dotnet "$1" --urls "http://127.0.0.1:$2" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$2/sandbox/control/notifications" && break; sleep 0.5; done
  curl -sf -o /dev/null -X PUT -u "$auth" --data "user=tel%3A%2B79031234567&amount=15000.00&ccy=RUB&comment=load&lifetime=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%S)" "http://127.0.0.1:$2/api/v2/prv/$shop/bills/PAID-1"
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$2/sandbox/control/bills/$shop/PAID-1/pay"
  $bench load "http://127.0.0.1:$2" 3 "$connections" "$shop" 23441234 sandbox-api-password PAID-1 >/dev/null   # warm-up
  local before; before=$(cpu "$pid")
  echo "$($bench load "http://127.0.0.1:$2" "$seconds" "$connections" "$shop" 23441234 sandbox-api-password PAID-1), server CPU $(awk -v a="$before" -v b="$(cpu "$pid")" 'BEGIN { printf "%.1f", b - a }') s"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}
cpu() { awk -v t="$(getconf CLK_TCK)" '{ print ($14 + $15) / t }' "/proc/$1/stat"; }   # a process's CPU seconds so far
rps() { sed -n 's/.*requests\/s \([0-9]*\).*/\1/p' <<<"$1"; }

ratios=()
for p in $(seq 1 "$pairs"); do
  if [ $((p % 2)) -eq 1 ]; then
    old=$(run "$baseline" 5193); new=$(run "$current" 5194)
  else
    new=$(run "$current" 5194); old=$(run "$baseline" 5193)
  fi
  r=$(ratio "$(rps "$new")" "$(rps "$old")")
  ratios+=("$r")
  echo "pair $p: baseline $old | this tree $new | ratio $r"
done
echo "median ratio of requests/s (this tree / baseline) $(median "${ratios[@]}") over $pairs pairs"
