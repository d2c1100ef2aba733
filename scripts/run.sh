#!/usr/bin/env bash
# The main job: install what is missing, build yusuan, and run it on datasets/ into out/:
#   out/<dataset>/report.html, report.md, report.json, report.csv, findings.csv, charts/*.svg   (one per dataset)
#   out/findings.json, out/findings.csv, out/disclosures.json                                   (everything)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
# The Swift runtime and Foundation linked in: a start costs ~15 ms less CPU, and the binary runs without Swift.
swift build -c release --static-swift-stdlib --product yusuan
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)/yusuan"

out=out
mkdir -p "$out"
status=0
for ds in datasets/*/; do
  name="$(basename "$ds")"
  [ "$name" = deflators ] && continue
  for fmt in html markdown json; do
    "$bin" report "$ds" --format "$fmt" --out "$out/$name" > /dev/null 2>>"$out/.warnings" || status=$?
  done
  "$bin" report "$ds" --format csv --excel --out "$out/$name" > /dev/null 2>>"$out/.warnings" || status=$?
done
# Everything at once, as JSON and CSV (temporary file, then rename: never half-written).
tmp="$(mktemp "$out/.tmp.XXXXXX")"
"$bin" check datasets/ --format json > "$tmp" || true     # exit 1 means error-severity findings: news, not failure
mv -f "$tmp" "$out/findings.json"
tmp="$(mktemp "$out/.tmp.XXXXXX")"
"$bin" report datasets/ --format csv --excel --out "$tmp.d" > /dev/null 2>&1 || status=$?
mv -f "$tmp.d/findings.csv" "$out/findings.csv"; rm -rf "$tmp" "$tmp.d"
tmp="$(mktemp "$out/.tmp.XXXXXX")"
"$bin" ingest datasets/ --format json > "$tmp" || status=$?
mv -f "$tmp" "$out/disclosures.json"
rm -f "$out/.warnings"

echo "yusuan wrote:"
find "$out" -type f -not -name '.*' | sort | sed 's/^/  /'
echo "Open out/guangyang/report.html (the real 2021 disclosure) or out/example-district/report.html (示例数据) in a browser."
exit $status
