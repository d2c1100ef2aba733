#!/usr/bin/env python3
"""The ingest baseline: the pass over a folder of text disclosures a fluent Python user would write in an
afternoon. Read each file, decode it, and run a few compiled regexes: every amount with its unit (元/万元/亿元,
converted to 万元), the headline labels followed by an amount, and the year and kind in the title. No tables,
no provenance beyond the line number, no checks: the floor for reading the text, not a rival to yusuan's extraction.

  python3 scripts/baseline_ingest.py FOLDER...      # prints counts as JSON (used by scripts/bench.py)
"""
import json, os, re, sys

AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)")
LABEL = re.compile(r"(收入总计|支出总计|收入合计|支出合计|基本支出|项目支出|人员经费|公用经费|\"?三公\"?经费|财政拨款收入|一般公共预算)"
                   r"[^\d\n。；]{0,12}?(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)")
TITLE = re.compile(r"(20\d\d)\s*年度?.{0,30}?(预算|决算)")
TO_WANYUAN = {"元": 0.0001, "万元": 1.0, "亿元": 10000.0}


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    return data.decode("utf-8", errors="replace")


def main(folders):
    files = sorted(os.path.join(r, f) for d in folders for r, _, fs in os.walk(d) for f in fs if f.endswith(".txt"))
    docs, amounts, labelled, size = [], 0, 0, 0
    for path in files:
        text = read(path)
        size += len(text.encode("utf-8"))
        figures = {}
        for n, line in enumerate(text.splitlines(), 1):
            amounts += sum(1 for _ in AMOUNT.finditer(line))
            for m in LABEL.finditer(line):
                figures.setdefault(m.group(1), (float(m.group(2).replace(",", "")) * TO_WANYUAN[m.group(3)], n))
        title = TITLE.search(text[:2000])
        labelled += len(figures)
        docs.append({"path": path, "year": title and int(title.group(1)), "kind": title and title.group(2), "figures": figures})
    json.dump({"files": len(files), "amounts": amounts, "labelled": labelled, "bytes": size}, sys.stdout)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
