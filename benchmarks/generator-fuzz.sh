#!/usr/bin/env bash
# The generator fuzz run on demand (issue 10): COUNT mutants of spec/qiwi-pull.yaml from seed FROM, each batch in
# a child process (a crash fails its mutant and the rest of the batch reruns). Prints the Markdown report that
# docs/reliability.md "Generator fuzzing" records; failures stream to stderr as they happen. Exit 1 on any failure.
#   bash benchmarks/generator-fuzz.sh                 # 10,000 mutants from seed 0
#   COUNT=2000 FROM=5000 JOBS=2 bash benchmarks/generator-fuzz.sh
# Reproduce one mutant: dotnet tests/Qiwi.Generator.Fuzz/bin/Release/net10.0/Qiwi.Generator.Fuzz.dll mutant spec/qiwi-pull.yaml SEED
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-10000}
FROM=${FROM:-0}
JOBS=${JOBS:-1}
BATCH=${BATCH:-250}

dotnet build tests/Qiwi.Generator.Fuzz/Qiwi.Generator.Fuzz.csproj -c Release -v quiet -nologo >/dev/null
runner=tests/Qiwi.Generator.Fuzz/bin/Release/net10.0/Qiwi.Generator.Fuzz.dll
out=$(mktemp -d)
per=$(( (COUNT + JOBS - 1) / JOBS ))
status=0
pids=()
for ((job = 0; job < JOBS; job++)); do
  start=$(( FROM + job * per ))
  count=$(( per < FROM + COUNT - start ? per : FROM + COUNT - start ))
  [ "$count" -gt 0 ] || continue
  dotnet "$runner" fuzz spec/qiwi-pull.yaml "$start" "$count" "$BATCH" > "$out/$job.md" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
cat "$out"/*.md
rm -rf "$out"
exit $status
