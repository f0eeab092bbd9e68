#!/usr/bin/env bash
# How the sandbox's throughput holds up as the number of invoices it holds grows (LEVELS, default 10^3 to 10^6).
# For each level: a fresh sandbox filled with that many invoices through its public API (`Qiwi.Benchmarks fill`)
# and a fresh baseline sandbox filled with 10^3, both over loopback; then PAIRS (default 5) alternating runs (A B, B A, ...) of the
# existing bounded load (`Qiwi.Benchmarks load`: create / status / refund, CONNECTIONS=64, SECONDS_PER_RUN=5), each
# pair on a newly paid invoice for the refunds; prints each pair, the median ratio level / baseline of requests/s,
# and each sandbox's resident memory. One level's sandbox runs at a time, so memory stays bounded.
# DATA_FILE=1: each sandbox keeps a fresh data file (--Sandbox:DataFile, in a temporary directory), so every state-changing
# request also commits its save (the fill then commits one row per invoice).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/timing.sh
levels=${LEVELS:-1000 10000 100000 1000000}
pairs=${PAIRS:-5}
seconds=${SECONDS_PER_RUN:-5}
source benchmarks/sandbox-load.sh
declare -A pid
data_dir=$(mktemp -d)
trap 'for p in "${pid[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$data_dir"' EXIT

start() { # port: a fresh sandbox (logging at Warning: the load is the point)
  [ -n "${pid[$1]:-}" ] && { kill "${pid[$1]}" 2>/dev/null || true; wait "${pid[$1]}" 2>/dev/null || true; }
  rm -f "$data_dir/$1.db"
  start_sandbox "$sandbox_dll" "$1" ${DATA_FILE:+"--Sandbox:DataFile=$data_dir/$1.db"}
  pid[$1]=$!
  wait_for "http://127.0.0.1:$1/sandbox/control/notifications"
}
rss() { awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/${pid[$1]}/status"; }

for level in $levels; do
  start 5191; $bench fill http://127.0.0.1:5191 1000 32 >/dev/null
  start 5192; fill_started=$(date +%s.%N); $bench fill http://127.0.0.1:5192 "$level" 32 >/dev/null
  echo "level $level: filled in $(awk -v s="$fill_started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }') s"
  paid 5191 WARM; paid 5192 WARM; load 5191 WARM 2 >/dev/null; load 5192 WARM 2 >/dev/null   # warm-up
  ratios=()
  for p in $(seq 1 "$pairs"); do
    paid 5191 "PAID-$p"; paid 5192 "PAID-$p"
    if [ $((p % 2)) -eq 1 ]; then   # A B, then B A: drift in the neighbours' load falls on both
      base=$(load 5191 "PAID-$p" "$seconds"); held=$(load 5192 "PAID-$p" "$seconds")
    else
      held=$(load 5192 "PAID-$p" "$seconds"); base=$(load 5191 "PAID-$p" "$seconds")
    fi
    r=$(ratio "$(rps "$held")" "$(rps "$base")")
    ratios+=("$r")
    echo "level $level pair $p: baseline (10^3) $base | level $held | ratio $r"
  done
  echo "level $level: median ratio of requests/s (level / 10^3 baseline) $(median "${ratios[@]}") over $pairs pairs; resident memory: level $(rss 5192), baseline $(rss 5191)"
done
