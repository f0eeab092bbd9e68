#!/usr/bin/env bash
# Where a full generator run spends its CPU: RUNS (default 15000) full runs on spec/qiwi-pull.yaml (a new driver each)
# in one process under Linux `perf` (Debian: apt-get install linux-perf), then the top functions by own time.
# W^X is turned off and perf maps on, so JIT-compiled frames get their names (with W^X on, perf sees only
# "memfd:doublemapper"). EventPipe's sampler (dotnet-trace) is not used: it samples at safe points, which put most
# samples on GC polls here. MODE=read-loop profiles the reader alone (load + model, no emit). OUT=file keeps perf.data (default /tmp/qiwi-generator.perf.data).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v perf >/dev/null || { echo "perf is missing: apt-get install linux-perf" >&2; exit 2; }
out=${OUT:-/tmp/qiwi-generator.perf.data}
dotnet build benchmarks/Qiwi.Benchmarks -c Release --nologo -v q >/dev/null
DOTNET_EnableWriteXorExecute=0 DOTNET_PerfMapEnabled=1 perf record -F 2000 -g -o "$out" \
  dotnet benchmarks/Qiwi.Benchmarks/bin/Release/net10.0/Qiwi.Benchmarks.dll "${MODE:-generate-loop}" spec/qiwi-pull.yaml "${RUNS:-15000}"
perf report -i "$out" --no-children --sort symbol --stdio -g none 2>/dev/null | grep -v '^#' | grep '%' | head -"${TOP:-40}"
