#!/usr/bin/env bash
# Whole process against whole process: `nswag openapi2csclient` (npm nswag 14.7.1) against our generator run
# by a small console host (CSharpGeneratorDriver), on the same spec, writing their sources; alternating after
# a warm-up, PAIRS pairs (default 5); prints each pair and the median ratio ours/NSwag.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/timing.sh
pairs=${PAIRS:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npm ci --prefix tools/nswag --no-audit --no-fund --loglevel=error >/dev/null
dotnet build benchmarks/Qiwi.Benchmarks -c Release --nologo -v q >/dev/null
host=(dotnet benchmarks/Qiwi.Benchmarks/bin/Release/net10.0/Qiwi.Benchmarks.dll generate spec/qiwi-pull.yaml "$out/ours")
nswag=(tools/nswag/node_modules/.bin/nswag openapi2csclient /input:spec/qiwi-pull.yaml "/output:$out/nswag/Client.cs" /runtime:Net100)

seconds "${host[@]}" >/dev/null; seconds "${nswag[@]}" >/dev/null   # warm-up
ratios=()
for i in $(seq 1 "$pairs"); do
  a=$(seconds "${host[@]}"); b=$(seconds "${nswag[@]}")
  r=$(ratio "$a" "$b")
  ratios+=("$r")
  printf 'pair %d: Qiwi.Generator %.2f s, NSwag %.2f s, ratio %.3f\n' "$i" "$a" "$b" "$r"
done
echo "Qiwi.Generator wrote $(ls "$out/ours" | wc -l) files; NSwag wrote $(wc -l < "$out/nswag/Client.cs") lines."
echo "median ratio (Qiwi.Generator / NSwag): $(median "${ratios[@]}") over $pairs pairs"
