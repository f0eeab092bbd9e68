#!/usr/bin/env bash
# Throughput over loopback: a bounded .NET load driver (`Qiwi.Benchmarks load`, CONNECTIONS=64, SECONDS_PER_RUN seconds,
# default 20) running a mix of create invoice / invoice status / refund against the sandbox and against Prism
# (@stoplight/prism-cli, tools/prism) mocking the same spec, alternating (S P, P S, ...) for PAIRS pairs (default 3) so
# that drift in the machine's other load falls on both; prints each run (requests/s, p50/p99, answers refused, the
# driver's CPU), each pair's ratio sandbox / Prism of requests/s, and the median ratio.
# DATA_FILE=1: the sandbox keeps a fresh data file (--Sandbox:DataFile, in a temporary directory), so every state-changing
# request waits for its (group) commit.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/timing.sh
seconds=${SECONDS_PER_RUN:-20}
pairs=${PAIRS:-3}
npm ci --prefix tools/prism --no-audit --no-fund --loglevel=error >/dev/null
source benchmarks/sandbox-load.sh
pids=()
data_dir=$(mktemp -d)
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$data_dir"' EXIT

# The sandbox (logging at Warning: the load is the point) and Prism, both up for the whole run.
start_sandbox "$sandbox_dll" 5181 ${DATA_FILE:+"--Sandbox:DataFile=$data_dir/5181.db"}
pids+=($!)
tools/prism/node_modules/.bin/prism mock spec/qiwi-pull.yaml --port 5182 --host 127.0.0.1 --errors false >/dev/null 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:5181/sandbox/control/notifications
wait_for http://127.0.0.1:5182/api/v2/prv/373712/bills/X
paid 5181 WARM
load 5181 WARM 5 >/dev/null; load 5182 WARM 5 >/dev/null   # warm-up

ratios=()
for p in $(seq 1 "$pairs"); do
  paid 5181 "PAID-$p"   # a fresh paid invoice per pair for the refunds
  if [ $((p % 2)) -eq 1 ]; then
    sandbox=$(load 5181 "PAID-$p" "$seconds"); prism=$(load 5182 "PAID-$p" "$seconds")
  else
    prism=$(load 5182 "PAID-$p" "$seconds"); sandbox=$(load 5181 "PAID-$p" "$seconds")
  fi
  r=$(ratio "$(rps "$sandbox")" "$(rps "$prism")")
  ratios+=("$r")
  echo "pair $p sandbox: $sandbox"
  echo "pair $p prism:   $prism"
  echo "pair $p ratio sandbox / prism of requests/s: $r"
done
echo "median ratio sandbox / prism of requests/s: $(median "${ratios[@]}") over $pairs pairs of $seconds s"
