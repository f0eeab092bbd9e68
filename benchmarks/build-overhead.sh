#!/usr/bin/env bash
# Build overhead of the generator: times `dotnet build` after a one-line edit of a consumer project that runs the generator on
# spec/qiwi-pull.yaml (A) against the same project with the generated files checked in as plain sources and
# no generator (B), alternating A B A B after a warm-up, and prints each pair and the median ratio A/B.
# By default it measures what the issue's target is about: the compiler server on (as IDEs and normal builds run;
# COMPILER_SERVER=off for this machine's UseSharedCompilation=false), and A built as a consumer of the NuGet package
# builds it: the generator as analyzer files, its output not written to disk.
# GENERATOR_AS=project: the generator as a ProjectReference to Qiwi.Generator.csproj instead (MSBuild evaluates it each build).
# EMIT_GENERATED=true: A also writes its generated files to gen/ on every build (they are written once, for B, anyway).
# BUILD_ARGS: more arguments for every timed build, e.g. "-p:Features=enable-generator-cache".
# PROFILE=folder: afterwards one more edit-and-build of each with MSBuild's performance summary, the compiler's
# per-analyzer and per-generator times (-p:ReportAnalyzer=true) and a binary log (-bl) each, kept in that folder,
# and a digest of where the time went (Csc task, targets, generator time, generated and emitted sizes).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source benchmarks/timing.sh
if [ "${COMPILER_SERVER:-on}" = on ]; then
  unset UseSharedCompilation
  BUILD_ARGS="-p:UseSharedCompilation=true ${BUILD_ARGS:-}"
fi
pairs=${PAIRS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build src/Qiwi.Generator -c Release --nologo -v q >/dev/null
dotnet build src/Qiwi.Runtime -c Release --nologo -v q >/dev/null

mkdir -p "$work/A" "$work/B/Generated"
# GENERATOR_AS=analyzer: A takes the built generator and YamlDotNet as analyzer files, as a consumer of the NuGet
# package does, instead of a ProjectReference to Qiwi.Generator.csproj (which MSBuild evaluates and checks every build).
if [ "${GENERATOR_AS:-analyzer}" = analyzer ]; then
  generator_reference="    <Analyzer Include=\"$root/src/Qiwi.Generator/bin/Release/netstandard2.0/Qiwi.Generator.dll\" />
    <Analyzer Include=\"$HOME/.nuget/packages/yamldotnet/$(sed -n 's/.*\"YamlDotNet\" Version=\"\([^\"]*\)\".*/\1/p' Directory.Packages.props)/lib/netstandard2.0/YamlDotNet.dll\" />"
else
  generator_reference="    <ProjectReference Include=\"$root/src/Qiwi.Generator/Qiwi.Generator.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />"
fi
cat > "$work/A/A.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><RootNamespace>Consumer</RootNamespace>
    <EmitCompilerGeneratedFiles>${EMIT_GENERATED:-false}</EmitCompilerGeneratedFiles><CompilerGeneratedFilesOutputPath>gen</CompilerGeneratedFilesOutputPath></PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$root/src/Qiwi.Runtime/Qiwi.Runtime.csproj" />
$generator_reference
    <AdditionalFiles Include="$root/spec/qiwi-pull.yaml" QiwiSpec="true" />
    <Compile Remove="gen/**" />
  </ItemGroup>
  <Import Project="$root/src/Qiwi.Generator/build/Qiwi.Generator.props" />
</Project>
XML
cat > "$work/B/B.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><RootNamespace>Consumer</RootNamespace></PropertyGroup>
  <ItemGroup><ProjectReference Include="$root/src/Qiwi.Runtime/Qiwi.Runtime.csproj" /></ItemGroup>
</Project>
XML
echo 'namespace Consumer; public static class Use { public static string Name => nameof(QiwiPullClient); }' > "$work/A/Use.cs"
cp "$work/A/Use.cs" "$work/B/Use.cs"

# The generated files, checked in as sources for B.
dotnet build "$work/A/A.csproj" -c Release --nologo -v q -p:EmitCompilerGeneratedFiles=true >/dev/null
find "$work/A/gen" -name '*.g.cs' -exec cp {} "$work/B/Generated/" \;
dotnet build "$work/B/B.csproj" -c Release --nologo -v q >/dev/null
echo "B holds $(ls "$work/B/Generated" | wc -l) generated files."

build() { # project dir -> seconds of the edit-and-rebuild loop: one source file changed, the project recompiled
  local start end
  echo "// $(date +%s%N)" >> "$1/Use.cs"
  start=$(date +%s.%N)
  dotnet build "$1" -c Release --nologo -v q --no-restore ${BUILD_ARGS:-} >"$work/last-build.log" || { cat "$work/last-build.log" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v e="$end" -v s="$start" 'BEGIN { print e - s }'
}

build "$work/A" >/dev/null; build "$work/B" >/dev/null   # warm-up
ratios=()
for i in $(seq 1 "$pairs"); do
  a=$(build "$work/A"); b=$(build "$work/B")
  r=$(ratio "$a" "$b")
  ratios+=("$r")
  printf 'pair %d: with generator %.2f s, checked-in sources %.2f s, ratio %.3f\n' "$i" "$a" "$b" "$r"
done
echo "median ratio (with generator / checked-in sources): $(median "${ratios[@]}") over $pairs pairs"

if [ -n "${PROFILE:-}" ]; then
  mkdir -p "$PROFILE"
  for p in A B; do
    echo "// $(date +%s%N)" >> "$work/$p/Use.cs"
    dotnet build "$work/$p" -c Release --nologo --no-restore -v n ${BUILD_ARGS:-} -clp:PerformanceSummary -p:ReportAnalyzer=true \
      "-bl:$PROFILE/$p.binlog" > "$PROFILE/$p.log" 2>&1 || { cat "$PROFILE/$p.log" >&2; exit 1; }
    # The compiler's per-analyzer and per-generator report is in the binary log at diagnostic verbosity: replay it.
    dotnet msbuild "$PROFILE/$p.binlog" -noconlog "-flp:logfile=$PROFILE/$p.diag.log;verbosity=diagnostic" >/dev/null 2>&1 || true
    echo "== $p: slowest targets and tasks (MSBuild performance summary)"
    grep -E '^ +[0-9]+ ms +(Csc|CoreCompile|ResolveProjectReferences|ResolveAssemblyReference|_CopyFilesMarkedCopyLocal|Copy|GenerateBuildDependencyFile) +[0-9]+ calls' "$PROFILE/$p.log" | sort -k1,1nr | head -8 || true
    echo "== $p: the compiler's report (-p:ReportAnalyzer=true)"
    grep -E 'Total (analyzer|generator) execution time|Qiwi\.Generator\.QiwiGenerator|CompilerServer: server' "$PROFILE/$p.diag.log" | sed -E 's/^ *//; s/ \(TaskId:[0-9]+\)//' || true
    echo "emitted: $(stat -c %s "$work/$p/bin/Release/net10.0/$p.dll") bytes"
  done
  echo "generated sources: $(find "$work/A/gen" -name '*.g.cs' | wc -l) files, $(find "$work/A/gen" -name '*.g.cs' -exec cat {} + | wc -c) bytes"
fi
