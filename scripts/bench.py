#!/usr/bin/env python3
"""yusuan against the tools people use today, measured side by side in one run.

  python3 scripts/bench.py            # all: ingest per format, analysis at 10k/100k (and 1M with --big), reports
  python3 scripts/bench.py --quick    # a smaller corpus and 10k only
  python3 scripts/bench.py --ingest   # the ingest rows only (with text ingest per core, scripts/bench_text.py)

Baselines: `grep -rc 万元` over the same corpus (the cost of just reading the bytes), and the analysis done the way a
researcher would do it today, pandas and scipy on the same panel exported as CSV (scripts/baseline_analysis.py),
cross-checked against yusuan's numbers. Prints a Markdown table of times, peak memory and ratios.
Needs: a release build of yusuan and of Benchmarks/ (this script builds them), pandas and scipy. The .doc and .xls
rows are the corpus's .docx and .xlsx saved as Word/Excel 97-2003 by LibreOffice (soffice), when it is installed;
LibreOffice is a benchmark-only tool, not a yusuan dependency."""
import json, os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
quick = "--quick" in sys.argv
big = "--big" in sys.argv
ingest_only = "--ingest" in sys.argv

def build():
    subprocess.run(["swift", "build", "-c", "release", "--product", "yusuan"], cwd=ROOT, check=True, capture_output=True)
    yb = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    if ingest_only: return os.path.join(yb, "yusuan"), None
    subprocess.run(["swift", "build", "-c", "release", "--product", "yusuan-bench"], cwd=os.path.join(ROOT, "Benchmarks"), check=True, capture_output=True)
    bb = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=os.path.join(ROOT, "Benchmarks"), check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(yb, "yusuan"), os.path.join(bb, "yusuan-bench")

def measure(cmd, stdout=subprocess.DEVNULL):
    """Wall time and peak RSS (MB) of one child process, from wait4."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    return time.perf_counter() - t, ru.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)

def size_of(d):
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)

yusuan, bench = build()
rows = []
work = tempfile.mkdtemp(prefix="yusuan-bench-")
try:
    # ---------------------------------------------------------------- ingest per format
    corpus = os.path.join(work, "corpus")
    years = "2015-2024" if quick else "2000-2029"
    subprocess.run([yusuan, "synth", "--departments", "36", "--years", years, "--seed", "11", "--out", corpus], check=True, capture_output=True)
    by_ext = {}
    for r, _, fs in os.walk(corpus):
        for f in fs:
            ext = f.rsplit(".", 1)[-1]
            if ext in ("txt", "docx", "html", "xlsx"):
                by_ext.setdefault(ext, []).append(os.path.join(r, f))
    print(f"corpus: {sum(len(v) for v in by_ext.values())} documents, {size_of(corpus) / 1e6:.1f} MB", file=sys.stderr)
    # Legacy formats: the same documents saved by LibreOffice as .doc and .xls (one soffice run per format).
    if shutil.which("soffice"):
        for src, legacy, filt in (("docx", "doc", "MS Word 97"), ("xlsx", "xls", "MS Excel 97")):
            staged, out = os.path.join(work, f"{legacy}-src"), os.path.join(work, f"{legacy}-made")
            os.makedirs(staged); os.makedirs(out)
            for i, f in enumerate(by_ext[src]): shutil.copy(f, os.path.join(staged, f"{i:05d}.{src}"))
            subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/lo-profile", "--headless", "--convert-to", f"{legacy}:{filt}",
                            "--outdir", out] + sorted(os.path.join(staged, f) for f in os.listdir(staged)), check=True, capture_output=True)
            by_ext[legacy] = [os.path.join(out, f) for f in sorted(os.listdir(out))]
    else:
        print("soffice not found: no .doc/.xls rows (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui)", file=sys.stderr)
    for ext, files in sorted(by_ext.items()):
        d = os.path.join(work, ext); os.makedirs(d)
        for i, f in enumerate(files): shutil.copy(f, os.path.join(d, f"{i:05d}.{ext}"))
        mb = size_of(d) / 1e6
        tg, mg, _ = measure(["grep", "-rc", "万元", d])
        ty, my, code = measure([yusuan, "ingest", d, "--format", "json"])
        rows.append((f"ingest .{ext} ({len(files)} docs, {mb:.1f} MB)", ty, my, f"{len(files) / ty:.0f} docs/s, {mb / ty:.2f} MB/s", f"{ty / tg:.0f}× grep ({tg * 1000:.0f} ms)"))
    # Memory as the corpus grows: the text corpus at half and full size.
    txt = os.path.join(work, "txt"); half = os.path.join(work, "txt-half"); os.makedirs(half)
    for f in sorted(os.listdir(txt))[: len(os.listdir(txt)) // 2]: shutil.copy(os.path.join(txt, f), half)
    _, m_half, _ = measure([yusuan, "ingest", half, "--format", "json"])
    _, m_full, _ = measure([yusuan, "ingest", txt, "--format", "json"])
    rows.append(("ingest .txt: peak memory, half vs full corpus", None, None, f"{m_half:.0f} MB vs {m_full:.0f} MB", ""))
    # Text ingest per core on real-size documents: CPU time, min / median of the runs (scripts/bench_text.py).
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import bench_text
    for name, cmin, cmed, wall, rss, tput, base in bench_text.rows(yusuan, 3 if quick else 5):
        rows.append((f"{name} (CPU s, min; median {cmed:.2f} s)", cmin, rss, tput, base))

    # ---------------------------------------------------------------- analysis: yusuan vs pandas/scipy
    for n in [] if ingest_only else ([10000] if quick else [10000, 100000] + ([1000000] if big else [])):
        csv = os.path.join(work, f"panel{n}.csv")
        subprocess.run([bench, "export", str(n), csv], check=True)
        out = subprocess.run([bench, "analysis", str(n)], check=True, capture_output=True, text=True).stdout
        y = json.loads(out)
        _, my, _ = measure([bench, "analysis", str(n)])
        p = json.loads(subprocess.run([sys.executable, os.path.join(ROOT, "scripts/baseline_analysis.py"), csv], check=True, capture_output=True, text=True).stdout)
        # Cross-check: the same samples, medians and flag counts.
        for m, a in y["metrics"].items():
            b = p["metrics"][m]
            assert a["n"] == b["n"] and abs(a["median"] - b["median"]) <= 1e-6 * max(1, abs(b["median"])), (m, a, b)
            assert (a["mad"], a["tukey"], a["gesd"]) == (b["mad"], b["tukey"], b["gesd"]), (m, a, b)
        rows.append((f"analysis, {y['department_years']:,} department-years", y["analysis_total_s"], my,
                     f"pandas/scipy {p['analysis_total_s']:.2f} s ({p['peak_rss_mb']:.0f} MB), same numbers",
                     f"{p['analysis_total_s'] / y['analysis_total_s']:.1f}× faster than pandas/scipy"))

    # ---------------------------------------------------------------- report and charts for 100 departments
    hundred = os.path.join(work, "hundred")
    if not ingest_only: subprocess.run([yusuan, "synth", "--departments", "100", "--years", "2019-2023", "--seed", "5", "--out", hundred], check=True, capture_output=True)
    if not ingest_only:
        t, m, _ = measure([yusuan, "report", hundred, "--format", "html", "--out", os.path.join(work, "report100")])
        tg, _, _ = measure(["grep", "-rc", "万元", hundred])
        rows.append(("report (HTML + charts), 100 departments × 5 years", t, m, "", f"{t / tg:.0f}× grep"))
finally:
    shutil.rmtree(work, ignore_errors=True)

print("| what | yusuan time | peak memory | throughput / baseline | ratio |")
print("|---|---:|---:|---|---|")
for name, t, m, extra, ratio in rows:
    print(f"| {name} | {'' if t is None else f'{t:.2f} s'} | {'' if m is None else f'{m:.0f} MB'} | {extra} | {ratio} |")
