#!/usr/bin/env bash
# Retakes the pictures of docs/shop.md (docs/images/shop-*.png) in one command:
#   bash samples/shop-screenshots.sh
# ShopScreenshotTests draws every page on seeded orders (fixed ids, times, customer and refund ids) in Debian's
# headless Chromium (/usr/bin/chromium: sudo apt-get install -y chromium) at a fixed 1100x700 viewport; the same run
# takes the same pictures. They are then made smaller with Debian's pngquant and optipng when installed
# (sudo apt-get install -y pngquant optipng); without them they are kept as Chromium wrote them.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null 2>&1 || { echo "Chromium is missing: sudo apt-get install -y chromium" >&2; exit 1; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# CI=true: the test fails, rather than being skipped, if the browser cannot be used.
CI=true QIWI_SHOP_SCREENSHOTS="$out" dotnet test tests/Qiwi.Samples.Tests -c Release \
  --filter "FullyQualifiedName~Qiwi.Samples.Tests.Shop.ShopScreenshotTests" --logger "console;verbosity=minimal"

shopt -s nullglob
pictures=("$out"/shop-*.png)
[ "${#pictures[@]}" -gt 0 ] || { echo "The test wrote no picture." >&2; exit 1; }
for picture in "${pictures[@]}"; do
  if command -v pngquant >/dev/null 2>&1; then
    # 256 colours at most: a page of flat colours and anti-aliased text loses nothing visible. Exit 98/99: kept as is.
    pngquant --force --strip --speed 1 --quality 85-100 --output "$picture" -- "$picture" || echo "pngquant kept $(basename "$picture") as taken"
  fi
  if command -v optipng >/dev/null 2>&1; then
    optipng -quiet -o2 -strip all "$picture"
  fi
done
command -v pngquant >/dev/null 2>&1 || echo "pngquant not installed: the pictures are not reduced to a palette (sudo apt-get install -y pngquant)"
command -v optipng >/dev/null 2>&1 || echo "optipng not installed: the pictures are not recompressed (sudo apt-get install -y optipng)"

cp "${pictures[@]}" docs/images/
ls -l docs/images/shop-*.png
