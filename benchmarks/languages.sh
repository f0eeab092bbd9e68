#!/usr/bin/env bash
# Every test, on a machine set to another language: the README's test command under each locale in LANGS (default
# sv_SE: a comma for the decimal point and U+2212 for minus; tr_TR: the dotted and dotless i, and a .NET CLI that
# speaks Turkish; ru_RU: QIWI's own users, a CLI that speaks Russian). .NET takes its culture from LC_ALL/LANG
# through ICU, so the locales need not be installed in the C library. Prints one line per locale (from the test
# results' files, which are not translated) and fails if any test failed. Builds once, then runs with --no-build.
#   benchmarks/languages.sh
#   LANGS="de_DE ar_SA" benchmarks/languages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
langs="${LANGS:-sv_SE tr_TR ru_RU}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet build Toolkit.sln -c Release > "$out/build.log" 2>&1 || { tail -30 "$out/build.log"; exit 1; }
status=0
# How many results of the locale's run have this outcome (0 when none: grep finding nothing is no error here).
count() { { cat "$out/$1"/*.trx 2>/dev/null || true; } | { grep -o "<UnitTestResult [^>]*outcome=\"$2\"" || true; } | wc -l; }
for lang in $langs; do
  LC_ALL="$lang.UTF-8" LANG="$lang.UTF-8" dotnet test Toolkit.sln -c Release --no-build \
    --logger "trx;LogFilePrefix=$lang" --results-directory "$out/$lang" > "$out/$lang.log" 2>&1 || true
  passed=$(count "$lang" Passed)
  failed=$(count "$lang" Failed)
  skipped=$(count "$lang" NotExecuted)
  echo "$lang: $passed passed, $failed failed, $skipped skipped"
  if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
    status=1
    { cat "$out/$lang"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*testName="[^"]*"[^>]*outcome="Failed"' || true; } | sed 's/.*testName="/  failed: /; s/" .*//' | head -20
  fi
done
exit $status
