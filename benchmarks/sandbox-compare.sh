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
source benchmarks/sandbox-load.sh
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT

run() { # dll port -> the load's summary line against a fresh sandbox (logging at Warning, as in sandbox-throughput.sh)
  start_sandbox "$1" "$2"
  pid=$!
  wait_for "http://127.0.0.1:$2/sandbox/control/notifications"
  paid "$2" PAID-1
  load "$2" PAID-1 3 >/dev/null   # warm-up
  local before; before=$(cpu "$pid")
  echo "$(load "$2" PAID-1 "$seconds"), server CPU $(awk -v a="$before" -v b="$(cpu "$pid")" 'BEGIN { printf "%.1f", b - a }') s"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}
cpu() { awk -v t="$(getconf CLK_TCK)" '{ print ($14 + $15) / t }' "/proc/$1/stat"; }   # a process's CPU seconds so far

ratios=()
for p in $(seq 1 "$pairs"); do
  if [ $((p % 2)) -eq 1 ]; then
    old=$(run "$baseline" 5193); new=$(run "$sandbox_dll" 5194)
  else
    new=$(run "$sandbox_dll" 5194); old=$(run "$baseline" 5193)
  fi
  r=$(ratio "$(rps "$new")" "$(rps "$old")")
  ratios+=("$r")
  echo "pair $p: baseline $old | this tree $new | ratio $r"
done
echo "median ratio of requests/s (this tree / baseline) $(median "${ratios[@]}") over $pairs pairs"
