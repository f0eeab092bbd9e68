#!/usr/bin/env bash
# Throughput over loopback: a bounded .NET load driver (`Qiwi.Benchmarks load`, CONNECTIONS=64, SECONDS_PER_RUN seconds,
# default 20) running a mix of create invoice / invoice status / refund against the sandbox and against Prism
# (@stoplight/prism-cli, tools/prism) mocking the same spec, alternating (S P, P S, ...) for PAIRS pairs (default 3) so
# that drift in the machine's other load falls on both; prints each run (requests/s, p50/p99, answers refused, the
# driver's CPU), each pair's ratio sandbox / Prism of requests/s, and the median ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/timing.sh
seconds=${SECONDS_PER_RUN:-20}
connections=${CONNECTIONS:-64}
pairs=${PAIRS:-3}
npm ci --prefix tools/prism --no-audit --no-fund --loglevel=error >/dev/null
dotnet build benchmarks/Qiwi.Benchmarks -c Release --nologo -v q >/dev/null
dotnet build src/Qiwi.Sandbox -c Release --nologo -v q >/dev/null
driver="dotnet benchmarks/Qiwi.Benchmarks/bin/Release/net10.0/Qiwi.Benchmarks.dll load"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

wait_for() { for _ in $(seq 1 60); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "$1 did not come up" >&2; exit 1; }
paid() { # bill: a paid invoice in the sandbox for the load's refunds
  curl -sf -o /dev/null -X PUT -u 23441234:sandbox-api-password --data "user=tel%3A%2B79031234567&amount=15000.00&ccy=RUB&comment=load&lifetime=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%S)" "http://127.0.0.1:5181/api/v2/prv/373712/bills/$1"
  curl -sf -o /dev/null -X POST "http://127.0.0.1:5181/sandbox/control/bills/373712/$1/pay"
}
load() { $driver "http://127.0.0.1:$1" "$2" "$connections" 373712 23441234 sandbox-api-password "$3"; }
rps() { sed -n 's/.*requests\/s \([0-9]*\).*/\1/p' <<<"$1"; }

# The sandbox (logging at Warning: the load is the point) and Prism, both up for the whole run.
Logging__LogLevel__Default=Warning dotnet src/Qiwi.Sandbox/bin/Release/net10.0/Qiwi.Sandbox.dll --urls http://127.0.0.1:5181 >/dev/null 2>&1 &
pids+=($!)
tools/prism/node_modules/.bin/prism mock spec/qiwi-pull.yaml --port 5182 --host 127.0.0.1 --errors false >/dev/null 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:5181/sandbox/control/notifications
wait_for http://127.0.0.1:5182/api/v2/prv/373712/bills/X
paid WARM
load 5181 5 WARM >/dev/null; load 5182 5 WARM >/dev/null   # warm-up

ratios=()
for p in $(seq 1 "$pairs"); do
  paid "PAID-$p"   # a fresh paid invoice per pair for the refunds
  if [ $((p % 2)) -eq 1 ]; then
    sandbox=$(load 5181 "$seconds" "PAID-$p"); prism=$(load 5182 "$seconds" "PAID-$p")
  else
    prism=$(load 5182 "$seconds" "PAID-$p"); sandbox=$(load 5181 "$seconds" "PAID-$p")
  fi
  r=$(ratio "$(rps "$sandbox")" "$(rps "$prism")")
  ratios+=("$r")
  echo "pair $p sandbox: $sandbox"
  echo "pair $p prism:   $prism"
  echo "pair $p ratio sandbox / prism of requests/s: $r"
done
echo "median ratio sandbox / prism of requests/s: $(median "${ratios[@]}") over $pairs pairs of $seconds s"
