#!/usr/bin/env bash
# The main job: install what is missing, build yusuan, and run it on everything under datasets/:
# the HTML and Markdown reports, the charts, the findings as JSON and CSV, the figures as JSON and CSV, in out/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
swift build -c release --product yusuan
bin="$(swift build -c release --show-bin-path)/yusuan"

out=out
mkdir -p "$out"
status=0
"$bin" report datasets/ --format html --out "$out" > /dev/null || status=$?
"$bin" report datasets/ --format markdown --out "$out" > /dev/null || status=$?
"$bin" report datasets/ --format csv --excel --out "$out" > /dev/null || status=$?
"$bin" report datasets/ --format json --out "$out" > /dev/null || status=$?
# Findings and disclosures as JSON (written to a temporary file first, then renamed: never half-written).
tmp="$(mktemp "$out/.tmp.XXXXXX")"
"$bin" check datasets/ --format json > "$tmp" || true     # exit 1 means error-severity findings, which is news, not failure
mv -f "$tmp" "$out/findings.json"
tmp="$(mktemp "$out/.tmp.XXXXXX")"
"$bin" ingest datasets/ --format json > "$tmp" || status=$?
mv -f "$tmp" "$out/disclosures.json"

echo "yusuan: wrote"
for f in "$out"/report.html "$out"/report.md "$out"/report.json "$out"/report.csv "$out"/findings.csv "$out"/findings.json "$out"/disclosures.json "$out"/charts/*.svg; do
  [ -e "$f" ] && echo "  $f"
done
echo "Open $out/report.html in a browser."
exit $status
