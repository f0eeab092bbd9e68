#!/usr/bin/env bash
# How generation time grows with the spec: spec/qiwi-pull.yaml at 1x, 10x and 100x operations and schemas
# (renamed copies of its paths and of its component schemas, parameters and responses; SpecScaler), our generator
# (CSharpGeneratorDriver, full run) and NSwag in process on each, in one process, sizes in rotating order after a
# warm-up; ROUNDS rounds (default 7). Prints per size the wall and CPU medians and the within-round ratios.
# FACTORS="1 10 100" by default (100x is 5 MB: the generator runs with its size limits raised by item metadata, as
# a project with such a spec would set them); WRITE=folder keeps the generated specs for a look.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/Qiwi.Benchmarks -c Release --nologo -v q >/dev/null
# shellcheck disable=SC2086
dotnet benchmarks/Qiwi.Benchmarks/bin/Release/net10.0/Qiwi.Benchmarks.dll scale-generation spec/qiwi-pull.yaml \
  "${ROUNDS:-7}" ${FACTORS:-1 10 100} --nswag ${WRITE:+--write "$WRITE"}
