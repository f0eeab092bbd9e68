#!/usr/bin/env bash
# Whole process against whole process: the same small .NET host (Qiwi.Benchmarks) running our generator
# (`generate`, CSharpGeneratorDriver) or NSwag 14.8.0 in process (`generate-nswag`, NSwag.CodeGeneration.CSharp),
# on the same spec, each writing its sources; alternating after a warm-up, PAIRS pairs (default 5); prints each
# pair and the median ratio ours/NSwag. Process start and JIT are in both; the warm, in-process comparison is
# GeneratorBenchmarks (--filter '*GeneratorBenchmarks*').
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/timing.sh
pairs=${PAIRS:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build benchmarks/Qiwi.Benchmarks -c Release --nologo -v q >/dev/null
host=(dotnet benchmarks/Qiwi.Benchmarks/bin/Release/net10.0/Qiwi.Benchmarks.dll)
ours=("${host[@]}" generate spec/qiwi-pull.yaml "$out/ours")
nswag=("${host[@]}" generate-nswag spec/qiwi-pull.yaml "$out/nswag/Client.cs")

seconds "${ours[@]}" >/dev/null; seconds "${nswag[@]}" >/dev/null   # warm-up
ratios=()
for i in $(seq 1 "$pairs"); do
  a=$(seconds "${ours[@]}"); b=$(seconds "${nswag[@]}")
  r=$(ratio "$a" "$b")
  ratios+=("$r")
  printf 'pair %d: Qiwi.Generator %.2f s, NSwag %.2f s, ratio %.3f\n' "$i" "$a" "$b" "$r"
done
echo "Qiwi.Generator wrote $(ls "$out/ours" | wc -l) files; NSwag wrote $(wc -l < "$out/nswag/Client.cs") lines."
echo "median ratio (Qiwi.Generator / NSwag): $(median "${ratios[@]}") over $pairs pairs"
