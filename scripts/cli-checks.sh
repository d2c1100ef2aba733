#!/usr/bin/env bash
# End-to-end checks of the yusuan command line: exit codes and the JSON contract.
# Usage: scripts/cli-checks.sh PATH_TO_YUSUAN
set -uo pipefail
bin="$1"
cd "$(dirname "$0")/.."
seed=datasets/guangyang/2021/organization-department.budget.txt
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# The document cache goes to a folder of this run, never the user's.
export YUSUAN_CACHE_DIR="$tmp/cache"
passed=0; failed=0
check() { # name, expected exit, command...
  local name="$1" want="$2"; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  if [ "$got" = "$want" ]; then passed=$((passed+1)); else failed=$((failed+1)); echo "FAIL $name: exit $got, wanted $want"; sed 's/^/  /' "$tmp/err" | head -5; fi
}
check "seed reads" 0 "$bin" ingest "$seed"
check "seed json" 0 "$bin" ingest "$seed" --format json
python3 - "$tmp/out" <<'PY' && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL json contract"; }
import json, sys
d = json.load(open(sys.argv[1]))["disclosures"][0]
assert d["kind"] == "budget" and d["fiscal_year"] == 2021 and d["unit"] == "万元", d
assert len(d["figures"]) >= 30 and len(d["performance_targets"]) == 22 and len(d["procurement"]) == 11
PY
: > "$tmp/empty.txt"
check "empty file fails with 1" 1 "$bin" ingest "$tmp/empty.txt"
check "one bad file among good ones still exits 1" 1 "$bin" ingest "$seed" "$tmp/empty.txt"
check "missing file exits 1" 1 "$bin" ingest "$tmp/nope.txt"
check "no arguments is a usage error" 64 "$bin" ingest
check "unknown option is a usage error" 64 "$bin" ingest "$seed" --format xml
check "folder reads" 0 "$bin" ingest datasets/
# check: the seed has error-severity findings (its arithmetic does not add up), so exit 1.
check "check on the seed exits 1" 1 "$bin" check "$seed" --format json
python3 - "$tmp/out" <<'PY' && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL check findings"; }
import json, sys
rules = {f["rule"] for f in json.load(open(sys.argv[1]))["findings"]}
need = {"prior.reconstruction", "procurement.line_total", "procurement.sum", "indicator.operator", "indicator.misplaced", "indicator.truncated"}
assert need <= rules, need - rules
assert not any(r.startswith("sum.") for r in rules), rules
PY
check "compare on the seed" 0 "$bin" compare "$seed" --real
grep -q "2020\*" "$tmp/out" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL compare shows the derived 2020"; }
check "compare json" 0 "$bin" compare datasets/ --format json
check "outliers refuse small samples, still exit 0" 0 "$bin" outliers "$seed" --metric expenditure.total
check "outliers: unknown metric is a usage error" 64 "$bin" outliers "$seed" --metric "share:nope"
check "chart change on the seed" 0 "$bin" chart change "$seed" --out "$tmp/change.svg"
grep -q "6,952.34" "$tmp/change.svg" && rsvg-convert "$tmp/change.svg" -o "$tmp/change.png" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL change chart renders"; }
check "three-public chart from final accounts alone" 0 "$bin" chart three-public Tests/YusuanIngestTests/Fixtures/tables/three-public-final.txt --out "$tmp/tp.svg"
grep -q "27.45" "$tmp/tp.svg" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL three-public chart of final accounts"; }
check "a benchmark of one department is refused" 1 "$bin" chart benchmark "$seed" --out "$tmp/bench.svg"
[ ! -e "$tmp/bench.svg" ] && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL a refused chart wrote a file"; }
check "report html to a folder" 0 "$bin" report datasets/guangyang/ --format html --out "$tmp/report"
[ -s "$tmp/report/report.html" ] && [ -s "$tmp/report/charts/change.svg" ] && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL report files"; }
check "report markdown into the same folder" 0 "$bin" report datasets/guangyang/ --format markdown --out "$tmp/report"
[ -s "$tmp/report/report.html" ] && [ -s "$tmp/report/report.md" ] && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL a report in another format removed the HTML report (scripts/run.sh writes four formats into one folder)"; }
check "report csv for Excel" 0 "$bin" report datasets/ --format csv --excel --out "$tmp/csv"
head -c 3 "$tmp/csv/report.csv" | od -An -tx1 | grep -q "ef bb bf" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL csv BOM"; }
# Outputs never clobber what is not a regular file, and say in one line what is wrong (issue 14).
mkfifo "$tmp/fifo"
check "chart --out onto a FIFO is refused" 1 "$bin" chart change "$seed" --out "$tmp/fifo"
[ -p "$tmp/fifo" ] && grep -q "not a regular file" "$tmp/err" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL the FIFO was replaced"; }
check "report --out under a file is refused" 1 "$bin" report "$seed" --out "$seed/x"
[ "$(wc -l < "$tmp/err")" = 1 ] && grep -q "is a file, not a folder" "$tmp/err" && ! grep -q NSCocoaErrorDomain "$tmp/err" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL one-line output error"; }
# A report into a folder of an earlier run drops that run's charts, keeps the user's files.
mkdir -p "$tmp/mixed"; echo mine > "$tmp/mixed/notes.txt"
"$bin" synth --out "$tmp/synth" --departments 12 --years 2020-2022 >/dev/null 2>&1
check "synth report into a folder" 0 "$bin" report "$tmp/synth" --format markdown --out "$tmp/mixed"
cp "$tmp/out" "$tmp/first"
check "seed report into the same folder" 0 "$bin" report "$seed" --format markdown --out "$tmp/mixed"
stale=$(grep -vxFf "$tmp/out" "$tmp/first" | wc -l); left=$(find "$tmp/mixed/charts" -type f | grep -vxFf "$tmp/out" | wc -l)
[ "$stale" -gt 0 ] && [ "$left" = 0 ] && [ -s "$tmp/mixed/notes.txt" ] && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL an earlier run's chart stayed ($stale stale, $left left)"; }
# Notebooks: no notebook inside a notebook, outputs stay in its folder, check writes nothing.
mkdir -p "$tmp/nb"
printf '```\n$ yusuan notebook run %s\n```\n' "$tmp/nb/self.md" > "$tmp/nb/self.md"
check "a notebook that runs itself fails once" 1 "$bin" notebook run "$tmp/nb/self.md"
grep -q "cannot run .yusuan notebook" "$tmp/nb/self.md" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL notebook recursion"; }
printf '```\n$ yusuan chart change %s --out %s\n```\n' "$seed" "$tmp/escaped.svg" > "$tmp/nb/out.md"
check "a block writing outside the notebook's folder is refused" 1 "$bin" notebook run "$tmp/nb/out.md"
[ ! -e "$tmp/escaped.svg" ] && grep -q "outside the notebook's folder" "$tmp/nb/out.md" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL a block wrote outside"; }
printf '```\n$ yusuan chart change %s --out=%s\n```\n' "$seed" "$tmp/nb/written.svg" > "$tmp/nb/check.md"
"$bin" notebook check "$tmp/nb/check.md" >/dev/null 2>&1
[ ! -e "$tmp/nb/written.svg" ] && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL notebook check wrote through --out="; }
printf 'departments: 3\n' > "$tmp/bad.yaml"
check "a bad aliases file exits 2" 2 "$bin" check "$seed" --aliases "$tmp/bad.yaml"
# Never skip silently: a folder where one document names no department and one cannot be read.
mkdir -p "$tmp/mixed/x" "$tmp/mixed/某县水利局"
printf '某县林业局\n2022年部门预算公开说明\n2022年支出预算900万元，其中基本支出300万元，项目支出500万元。\n' > "$tmp/mixed/x/named.txt"
printf '2022年部门预算公开说明\n2022年支出预算900万元，其中基本支出300万元，项目支出500万元。\n' > "$tmp/mixed/x/unnamed.txt"
printf '2022年部门预算公开说明\n2022年支出预算100万元。\n' > "$tmp/mixed/某县水利局/budget.txt"
check "check on a folder with an unnamed document exits 1 (its sums are wrong)" 1 "$bin" check "$tmp/mixed" --format json
python3 - "$tmp/out" <<'PY' && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL an unplaced document is checked and listed"; }
import json, sys
d = json.load(open(sys.argv[1]))
assert d["documents_checked"] == 3, d["documents_checked"]
assert [u["path"].endswith("x/unnamed.txt") for u in d["unplaced"]] == [True], d["unplaced"]
paths = [e["path"] for f in d["findings"] if f["rule"] == "sum.expenditure" for e in f["evidence"]]
assert any(p.endswith("unnamed.txt") for p in paths) and any(p.endswith("named.txt") for p in paths), paths
PY
check "check text lists what it could not place" 1 "$bin" check "$tmp/mixed"
grep -q "共检查 3 份文件" "$tmp/out" && grep -q "unnamed.txt：未找到部门名称" "$tmp/out" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL check summary counts and lists"; }
check "--department places the unnamed document" 1 "$bin" check "$tmp/mixed/x/unnamed.txt" --department 某县档案馆 --format json
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['unplaced']==[] and d['findings'][0]['department_name']=='某县档案馆', d" "$tmp/out" \
  && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL --department on check"; }
check "ingest takes the folder name, and --department over it" 0 "$bin" ingest "$tmp/mixed/某县水利局/budget.txt" --format json
grep -q '"department": "某县水利局"' "$tmp/out" && grep -q "file or folder name" "$tmp/out" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL department from the folder name"; }
check "ingest --department" 0 "$bin" ingest "$tmp/mixed/某县水利局/budget.txt" --department 某县水务局 --format json
grep -q '"department": "某县水务局"' "$tmp/out" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL ingest --department"; }
check "a document that could not be read makes check exit 1" 1 "$bin" check "$tmp/mixed/某县水利局" "$tmp/empty.txt"
grep -q "未能读取，未检查" "$tmp/out" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL check lists unread files"; }
check "compare lists what it could not place" 0 "$bin" compare "$tmp/mixed/x"
grep -q "unnamed.txt：未找到部门名称" "$tmp/out" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL compare lists unplaced"; }
# The document cache: a second run reads from it and writes the same bytes; --no-cache neither reads nor writes it;
# a damaged entry is read past and written again.
export YUSUAN_CACHE_DIR="$tmp/cache-e2e"
check "ingest json, cache filled" 0 "$bin" ingest datasets/guangyang Tests/YusuanIngestTests/Fixtures/tables --format json
cp "$tmp/out" "$tmp/first.json"; touch "$tmp/marker"; sleep 1
check "ingest json from the cache" 0 "$bin" ingest datasets/guangyang Tests/YusuanIngestTests/Fixtures/tables --format json
entries=$(find "$YUSUAN_CACHE_DIR" -type f | wc -l); rewritten=$(find "$YUSUAN_CACHE_DIR" -type f -newer "$tmp/marker" | wc -l)
cmp -s "$tmp/out" "$tmp/first.json" && [ "$entries" -gt 5 ] && [ "$rewritten" = 0 ] && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL second ingest from the cache ($entries entries, $rewritten rewritten)"; }
check "ingest json without the cache" 0 env YUSUAN_CACHE_DIR="$tmp/cache-none" "$bin" ingest datasets/guangyang Tests/YusuanIngestTests/Fixtures/tables --format json --no-cache
cmp -s "$tmp/out" "$tmp/first.json" && [ ! -e "$tmp/cache-none" ] && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL --no-cache output or writes"; }
for f in $(find "$YUSUAN_CACHE_DIR" -type f | head -3); do head -c 100 "$f" > "$f.cut" && mv "$f.cut" "$f"; done
check "check reads past damaged entries" 1 "$bin" check datasets/guangyang Tests/YusuanIngestTests/Fixtures/tables --format json
cp "$tmp/out" "$tmp/check-cached.json"
check "check without the cache" 1 "$bin" check datasets/guangyang Tests/YusuanIngestTests/Fixtures/tables --format json --no-cache
cmp -s "$tmp/out" "$tmp/check-cached.json" && [ "$(find "$YUSUAN_CACHE_DIR" -type f -size -200c | wc -l)" = 0 ] && passed=$((passed+1)) \
  || { failed=$((failed+1)); echo "FAIL damaged entries were used or not rewritten"; }
for cmd in "compare" "outliers --metric expenditure.total" "report --format markdown"; do
  "$bin" $cmd datasets/guangyang > "$tmp/a" 2>&1; "$bin" $cmd datasets/guangyang --no-cache > "$tmp/b" 2>&1
  cmp -s "$tmp/a" "$tmp/b" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL $cmd differs with the cache"; }
done
check "chart --no-cache" 0 "$bin" chart change "$seed" --out "$tmp/nc.svg" --no-cache
# check keeps its report: a second check of an unchanged folder prints the same bytes without reading a document
# (the document entries, removed, are not written again); one changed file and it is checked afresh.
export YUSUAN_CACHE_DIR="$tmp/cache-kept"
cp -r datasets/guangyang "$tmp/kept"
for fmt in text json; do
  "$bin" check "$tmp/kept" --format $fmt > "$tmp/k1" 2>&1
  find "$YUSUAN_CACHE_DIR" -type f ! -name '*-check' -delete
  "$bin" check "$tmp/kept" --format $fmt > "$tmp/k2" 2>&1
  "$bin" check "$tmp/kept" --format $fmt --no-cache > "$tmp/k3" 2>&1
  cmp -s "$tmp/k1" "$tmp/k2" && cmp -s "$tmp/k1" "$tmp/k3" && [ "$(find "$YUSUAN_CACHE_DIR" -type f ! -name '*-check' | wc -l)" = 0 ] \
    && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL check from the kept report ($fmt)"; }
  cp "$tmp/k1" "$tmp/kept-$fmt"
done
printf '\n（三）“三公”经费财政拨款支出预算为100.00万元。\n' >> "$tmp/kept/2021/organization-department.budget.txt"
"$bin" check "$tmp/kept" > "$tmp/k1" 2>&1; "$bin" check "$tmp/kept" --no-cache > "$tmp/k3" 2>&1
cmp -s "$tmp/k1" "$tmp/k3" && ! cmp -s "$tmp/k1" "$tmp/kept-text" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL a changed file is checked afresh"; }

# libcrypto is not used, and libxml2 and OpenCC are opened only when a document needs them: a text run maps none
# of them (their loading was most of a start's CPU). Where one cannot be loaded, the file needing it fails naming
# the library, and the others are read (YUSUAN_TEST_UNLOADABLE makes the loader ask for a name that is not there).
html=Tests/YusuanIngestTests/Fixtures/seed-gb18030.html
traditional=Tests/YusuanIngestTests/Fixtures/traditional.txt
LD_DEBUG=files "$bin" ingest "$seed" --format json --no-cache >/dev/null 2>"$tmp/ld"
grep -q "file=" "$tmp/ld" && ! grep -qE "file=(libxml2|libopencc|libcrypto|libicu)" "$tmp/ld" \
  && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL a text run loads libxml2, OpenCC or libcrypto"; }
LD_DEBUG=files "$bin" ingest "$html" "$traditional" --format json --no-cache >/dev/null 2>"$tmp/ld"
grep -q "file=libxml2" "$tmp/ld" && grep -q "file=libopencc" "$tmp/ld" \
  && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL an HTML page and a traditional text load libxml2 and OpenCC"; }
for lib in libxml2.so.2:"$html" libopencc.so.1.1:"$traditional"; do
  check "${lib%%:*} missing fails its file only" 1 env YUSUAN_TEST_UNLOADABLE="${lib%%:*}" "$bin" ingest "$seed" "${lib#*:}" --format json --no-cache
  grep "$(basename "${lib#*:}")" "$tmp/err" | grep -qF "(${lib%%:*}), which could not be loaded" \
    && [ "$(grep -c '"fiscal_year"' "$tmp/out")" = 1 ] \
    && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAIL ${lib%%:*} missing: the error names file and library, the other file is read"; }
done

echo "cli checks: $passed passed, $failed failed"
[ "$failed" = 0 ]

