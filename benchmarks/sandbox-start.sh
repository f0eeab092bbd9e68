#!/usr/bin/env bash
# How long the sandbox takes to start on a data file holding INVOICES invoices (default 20000): one sandbox fills a
# data file through its public API (`Qiwi.Benchmarks fill`) and stops; then STARTS (default 3) sandboxes are started
# on copies of that file, each timed from its start to its first answer (the load, with every row and field checked,
# happens before it listens). SANDBOX_DLL times another build of the sandbox on the same file (an A/B of two builds).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/timing.sh
source benchmarks/sandbox-load.sh
invoices=${INVOICES:-20000}
starts=${STARTS:-3}
dll=${SANDBOX_DLL:-$sandbox_dll}
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

start_sandbox "$sandbox_dll" 5197 "--Sandbox:DataFile=$dir/filled.db"; pid=$!
wait_for "http://127.0.0.1:5197/sandbox/control/notifications"
$bench fill http://127.0.0.1:5197 "$invoices" 32 >/dev/null
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
echo "data file: $invoices invoices, $(du -k "$dir/filled.db" | cut -f1) KB"

# first_answer URL: waits (polling every 50 ms, at most 60 s) until URL answers.
first_answer() { for _ in $(seq 1 1200); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done; echo "$1 did not come up" >&2; exit 1; }

times=()
for n in $(seq 1 "$starts"); do
  cp "$dir/filled.db" "$dir/start.db"; rm -f "$dir/start.db-journal"
  begin=$(date +%s.%N)
  start_sandbox "$dll" 5198 "--Sandbox:DataFile=$dir/start.db"; pid=$!
  first_answer "http://127.0.0.1:5198/sandbox/control/notifications"
  took=$(awk -v s="$begin" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  echo "start $n: first answer after $took s"
  times+=("$took")
done
echo "median: $(median "${times[@]}") s to the first answer ($dll)"
