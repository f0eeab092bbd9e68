#!/usr/bin/env bash
# Whole process against whole process: `nswag openapi2csclient` (npm nswag 14.7.1) against our generator run
# by a small console host (CSharpGeneratorDriver), on the same spec, writing their sources; alternating after
# a warm-up, PAIRS pairs (default 5); prints each pair and the median ratio ours/NSwag.
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${PAIRS:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npm ci --prefix tools/nswag --no-audit --no-fund --loglevel=error >/dev/null
dotnet build benchmarks/Qiwi.Benchmarks -c Release --nologo -v q >/dev/null
host="dotnet benchmarks/Qiwi.Benchmarks/bin/Release/net10.0/Qiwi.Benchmarks.dll generate spec/qiwi-pull.yaml $out/ours"
nswag="tools/nswag/node_modules/.bin/nswag openapi2csclient /input:spec/qiwi-pull.yaml /output:$out/nswag/Client.cs /runtime:Net100"

seconds() { local start end; start=$(date +%s.%N); $1 >/dev/null 2>&1; end=$(date +%s.%N); awk -v e="$end" -v s="$start" 'BEGIN { print e - s }'; }

seconds "$host" >/dev/null; seconds "$nswag" >/dev/null   # warm-up
ratios=()
for i in $(seq 1 "$pairs"); do
  a=$(seconds "$host"); b=$(seconds "$nswag")
  ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')
  ratios+=("$ratio")
  printf 'pair %d: Qiwi.Generator %.2f s, NSwag %.2f s, ratio %.3f\n' "$i" "$a" "$b" "$ratio"
done
echo "Qiwi.Generator wrote $(ls "$out/ours" | wc -l) files; NSwag wrote $(wc -l < "$out/nswag/Client.cs") lines."
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
echo "median ratio (Qiwi.Generator / NSwag): $median over $pairs pairs"
