#!/usr/bin/env bash
# Throughput over loopback: a bounded .NET load driver (64 connections, SECONDS seconds, default 20) running
# a mix of create invoice / invoice status / refund against the sandbox, then against Prism
# (@stoplight/prism-cli, tools/prism) mocking the same spec; prints requests/s and p50/p99 for both.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SECONDS_PER_RUN:-20}
connections=${CONNECTIONS:-64}
npm ci --prefix tools/prism --no-audit --no-fund --loglevel=error >/dev/null
dotnet build benchmarks/Qiwi.Benchmarks -c Release --nologo -v q >/dev/null
dotnet build src/Qiwi.Sandbox -c Release --nologo -v q >/dev/null
driver="dotnet benchmarks/Qiwi.Benchmarks/bin/Release/net10.0/Qiwi.Benchmarks.dll load"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

wait_for() { for _ in $(seq 1 60); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "$1 did not come up" >&2; exit 1; }

# The sandbox, with a paid invoice to refund (Logging off: the load is the point).
Logging__LogLevel__Default=Warning dotnet src/Qiwi.Sandbox/bin/Release/net10.0/Qiwi.Sandbox.dll --urls http://127.0.0.1:5181 >/dev/null 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:5181/sandbox/control/notifications
curl -s -X PUT -u 23441234:sandbox-api-password --data "user=tel%3A%2B79031234567&amount=15000.00&ccy=RUB&comment=load&lifetime=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%S)" http://127.0.0.1:5181/api/v2/prv/373712/bills/PAID-1 >/dev/null
curl -s -X POST http://127.0.0.1:5181/sandbox/control/bills/373712/PAID-1/pay >/dev/null
$driver http://127.0.0.1:5181 5 "$connections" 373712 23441234 sandbox-api-password PAID-1 >/dev/null   # warm-up
echo "sandbox: $($driver http://127.0.0.1:5181 "$seconds" "$connections" 373712 23441234 sandbox-api-password PAID-1)"

tools/prism/node_modules/.bin/prism mock spec/qiwi-pull.yaml --port 5182 --host 127.0.0.1 --errors false >/dev/null 2>&1 &
pids+=($!)
wait_for http://127.0.0.1:5182/api/v2/prv/373712/bills/X
$driver http://127.0.0.1:5182 5 "$connections" 373712 23441234 sandbox-api-password PAID-1 >/dev/null   # warm-up
echo "prism:   $($driver http://127.0.0.1:5182 "$seconds" "$connections" 373712 23441234 sandbox-api-password PAID-1)"
