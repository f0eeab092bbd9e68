#!/usr/bin/env bash
# How the sandbox's throughput holds up as the number of invoices it holds grows (LEVELS, default 10^3 to 10^6).
# For each level: a fresh sandbox filled with that many invoices through its public API (`Qiwi.Benchmarks fill`)
# and a fresh baseline sandbox filled with 10^3, both over loopback; then PAIRS (default 5) alternating runs (A B, B A, ...) of the
# existing bounded load (`Qiwi.Benchmarks load`: create / status / refund, CONNECTIONS=64, SECONDS_PER_RUN=5), each
# pair on a newly paid invoice for the refunds; prints each pair, the median ratio level / baseline of requests/s,
# and each sandbox's resident memory. One level's sandbox runs at a time, so memory stays bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/timing.sh
levels=${LEVELS:-1000 10000 100000 1000000}
pairs=${PAIRS:-5}
seconds=${SECONDS_PER_RUN:-5}
connections=${CONNECTIONS:-64}
dotnet build benchmarks/Qiwi.Benchmarks -c Release --nologo -v q >/dev/null
dotnet build src/Qiwi.Sandbox -c Release --nologo -v q >/dev/null
bench="dotnet benchmarks/Qiwi.Benchmarks/bin/Release/net10.0/Qiwi.Benchmarks.dll"
shop=373712; auth=23441234:sandbox-api-password
declare -A pid
trap 'for p in "${pid[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

start() { # port: a fresh sandbox (logging at Warning: the load is the point)
  [ -n "${pid[$1]:-}" ] && { kill "${pid[$1]}" 2>/dev/null || true; wait "${pid[$1]}" 2>/dev/null || true; }
  Logging__LogLevel__Default=Warning dotnet src/Qiwi.Sandbox/bin/Release/net10.0/Qiwi.Sandbox.dll --urls "http://127.0.0.1:$1" >/dev/null 2>&1 &
  pid[$1]=$!
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$1/sandbox/control/notifications" && return 0; sleep 0.5; done
  echo "sandbox on $1 did not come up" >&2; exit 1
}
paid() { # port bill: a paid invoice for the load's refunds
  curl -sf -o /dev/null -X PUT -u "$auth" --data "user=tel%3A%2B79031234567&amount=15000.00&ccy=RUB&comment=load&lifetime=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%S)" "http://127.0.0.1:$1/api/v2/prv/$shop/bills/$2"
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$1/sandbox/control/bills/$shop/$2/pay"
}
load() { # port bill seconds -> the load's summary line
  $bench load "http://127.0.0.1:$1" "$3" "$connections" "$shop" 23441234 sandbox-api-password "$2"
}
rps() { sed -n 's/.*requests\/s \([0-9]*\).*/\1/p' <<<"$1"; }
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
