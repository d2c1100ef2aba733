#!/usr/bin/env python3
"""yusuan against the tools people use today, measured side by side in one run.

  python3 scripts/bench.py            # all: ingest per format, analysis at 10k/100k (and 1M with --big), reports
  python3 scripts/bench.py --quick    # a smaller corpus and 10k only
  python3 scripts/bench.py --ingest [--runs N]   # the ingest rows only (N ≥ 3 runs per row)
  python3 scripts/bench.py --analysis [--big] [--runs N] [--sizes 100000,1000000]   # the analysis rows only

Ingest (synthetic documents of every format, the seed ×200 as text and ×100 as .docx with its tables): wall time
on both cores and pinned to one (taskset), run by turns so that the host's swings in speed fall on both alike (the
2-core speed-up is the median of 15 turns' ratios, with the middle half of them; the pinned runs take the cores in
turn), CPU time, peak RSS, min/median of 3 runs, against
`grep -rc 万元` over the same files (the cost of just reading the bytes) and a plain Python regex pass
(scripts/baseline_ingest.py); `check` of ≈2,500 documents with an empty and with a filled document cache.
Analysis: done with
pandas/numpy/scipy on the same panel exported as CSV (scripts/baseline_analysis.py), written two ways: vectorised, as
a fluent user would, and with groupby.apply and linregress per department. Each is cross-checked against yusuan's
numbers (samples, medians, flag counts, sums of growth and mix numbers) before any time is reported. Times are CPU
and wall seconds of the timed phases as each process measures them, min and median of --runs runs; peak RSS is the
process's. Prints Markdown tables.
Needs: a release build of yusuan and of Benchmarks/ (this script builds them), pandas and scipy. The .doc and .xls
rows are the corpus's .docx and .xlsx saved as Word/Excel 97-2003 by LibreOffice (soffice), when it is installed;
LibreOffice is a benchmark-only tool, not a yusuan dependency."""
import json, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
quick = "--quick" in sys.argv
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
analysis_only = "--analysis" in sys.argv
# pandas and scipy: the interpreter running this script if it has them, else the system's (Debian's python3-pandas).
PY = sys.executable
if subprocess.run([PY, "-c", "import pandas, scipy"], capture_output=True).returncode != 0 and os.path.exists("/usr/bin/python3"):
    PY = "/usr/bin/python3"
big = "--big" in sys.argv
# The 2-core speed-up is a ratio of two wall times, each swinging by ±15% on a shared virtual machine within a
# second: five pairs gave medians from 1.65× to 2.01× for one build. Fifteen pairs, and the middle half shown.
PAIRS = 15
ingest_only = "--ingest" in sys.argv

def build():
    yb = None
    if not analysis_only:
        subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "yusuan"], cwd=ROOT, check=True, capture_output=True)
        yb = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    if ingest_only: return os.path.join(yb, "yusuan"), None
    subprocess.run(["swift", "build", "-c", "release", "--product", "yusuan-bench"], cwd=os.path.join(ROOT, "Benchmarks"), check=True, capture_output=True)
    bb = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=os.path.join(ROOT, "Benchmarks"), check=True, capture_output=True, text=True).stdout.strip()
    return (os.path.join(yb, "yusuan") if yb else None), os.path.join(bb, "yusuan-bench")

def measure(cmd, stdout=subprocess.DEVNULL):
    """Wall time and peak RSS (MB) of one child process, from wait4."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    return time.perf_counter() - t, ru.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)

def run_json(cmd):
    """One run of a command that prints one JSON object, with its peak RSS (MB) from wait4 added if it has none."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out, _ = p.communicate()
    if p.returncode != 0: raise SystemExit(f"{cmd[0]} exited {p.returncode}")
    return json.loads(out)

def stat(xs):
    """(min, median) of the runs."""
    xs = sorted(xs)
    return xs[0], xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2

def ratio(other, ours):
    return f"{other / ours:.1f}×" if ours > 0 else ""

def size_of(d):
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)

class Timing:
    """Min and median wall and CPU (user + system) seconds over the runs, and the largest peak RSS (MB)."""
    def __init__(self, walls, cpus, rsss):
        self.wall_min, self.wall_median = min(walls), statistics.median(walls)
        self.cpu_min, self.cpu_median = min(cpus), statistics.median(cpus)
        self.rss = max(rsss)

def run_once(cmd, cpus=None, env=None):
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one run; `cpus="0"` pins it to core 0 with taskset."""
    t = time.perf_counter()
    p = subprocess.Popen((["taskset", "-c", cpus] if cpus else []) + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    return time.perf_counter() - t, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024

def timed(cmd, count=None, cpus=None, env=None):
    """`cmd` run `runs` times (≥ 3); `cpus="0"` pins it to one core with taskset; `env` is a dict or a function
    called before each run (a fresh cache folder per run)."""
    results = [run_once(cmd, cpus, env() if callable(env) else env) for _ in range(count or max(3, runs))]
    return Timing(*zip(*results))

def run_split(cmds):
    """Wall seconds until every command is done, each started at once and pinned to a core of its own."""
    cores = sorted(os.sched_getaffinity(0))
    t = time.perf_counter()
    ps = [subprocess.Popen(["taskset", "-c", str(cores[i % len(cores)])] + c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
          for i, c in enumerate(cmds)]
    for p in ps: os.wait4(p.pid, 0)
    return time.perf_counter() - t

def quartiles(xs):
    xs = sorted(xs)
    return statistics.median(xs), xs[len(xs) // 4], xs[(3 * len(xs)) // 4]

def timed_pair(cmd, halves=None):
    """`cmd` on every core and pinned to one, run by turns (two, one, two, one …), so that the host's slow swings
    in speed fall on both alike. The pinned runs take the cores in turn (0, 1, 0 …): on a virtual machine one core
    can be steadily slower than the other (the host's interrupts land on it), and pinning to that one alone would
    tilt the ratio. With `halves` (two commands, each reading half the files), each turn also runs them at once,
    each pinned to its own core: the most any split of the work over two cores could gain on this machine, start-up
    included, against which the 2-core run is measured. Returns both Timings, the (median, lower, upper quartile)
    of each turn's wall-time ratio one / two, and of one / halves (or None)."""
    two, one, split = [], [], []
    cores = sorted(os.sched_getaffinity(0))
    for i in range(max(PAIRS, runs)):
        two.append(run_once(cmd)); one.append(run_once(cmd, str(cores[i % len(cores)])))
        if halves: split.append(run_split(halves))
    speedup = quartiles(o[0] / t[0] for o, t in zip(one, two))
    ceiling = quartiles(o[0] / h for o, h in zip(one, split)) if halves else None
    return Timing(*zip(*two)), Timing(*zip(*one)), speedup, ceiling

def span(lo, mid, unit="s"):
    return f"{lo:.2f} / {mid:.2f} {unit}"

yusuan, bench = build()
rows = []
ingest_rows = []
analysis_rows = []
work = tempfile.mkdtemp(prefix="yusuan-bench-")
# A document cache of this run only: nothing here reads or fills the user's (rows that time reading pass --no-cache).
os.environ["YUSUAN_CACHE_DIR"] = os.path.join(work, "cache")
try:
    if not analysis_only:
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
        # Real-size text: the seed (a real 2021 disclosure, 50 KB) 200 times.
        seed = os.path.join(ROOT, "datasets/guangyang/2021/organization-department.budget.txt")
        copies = 40 if quick else 200
        by_ext["seed"] = [seed] * copies
        # Real-size .docx: the seed as a Word document with its tables (the test fixture), 100 times.
        by_ext["seed-docx"] = [os.path.join(ROOT, "Tests/YusuanIngestTests/Fixtures/seed.docx")] * (copies // 2)
        folders = {}
        for ext, files in sorted(by_ext.items()):
            d = os.path.join(work, ext); os.makedirs(d)
            suffix = {"seed": "txt", "seed-docx": "docx"}.get(ext, ext)
            for i, f in enumerate(files): shutil.copy(f, os.path.join(d, f"{i:05d}.{suffix}"))
            folders[ext] = d
        for ext, d in sorted(folders.items()):
            n, mb = len(os.listdir(d)), size_of(d) / 1e6
            what = {"seed": f"seed ×{n} .txt ({mb:.1f} MB)", "seed-docx": f"seed ×{n} .docx ({mb:.1f} MB, real size)"}.get(ext, f".{ext} ({n} docs, {mb:.1f} MB)")
            cmd = [yusuan, "ingest", d, "--format", "json", "--no-cache"]
            halves = None
            if ext in ("seed", "seed-docx"):
                names = sorted(os.listdir(d)); halves = []
                for part, chosen in (("a", names[: len(names) // 2]), ("b", names[len(names) // 2:])):
                    h = f"{d}-split-{part}"; os.makedirs(h)
                    for f in chosen: shutil.copy(os.path.join(d, f), h)
                    halves.append([yusuan, "ingest", h, "--format", "json", "--no-cache"])
            two, one, speedup, ceiling = timed_pair(cmd, halves)
            grep = timed(["grep", "-rc", "万元", d])
            # Per core: the run pinned to one core (taskset). With both cores busy the same work takes more CPU
            # seconds (shared caches and memory bandwidth); that rate is given beside it.
            per_core = (f"{mb / one.cpu_median:.1f} MB/s, {n / one.cpu_median:.0f} docs/s on one core; "
                        f"{mb / two.cpu_median:.1f} MB/s, {n / two.cpu_median:.0f} docs/s per core on two")
            vs = [f"grep -c {grep.wall_median * 1000:.0f} ms ({two.wall_median / grep.wall_median:.0f}×)",
                  f"2 cores {speedup[0]:.2f}× faster than 1 (median of {max(PAIRS, runs)} paired runs; middle half {speedup[1]:.2f}–{speedup[2]:.2f}×)"]
            if ceiling:
                vs.append(f"two processes, half the files each, one per core: {ceiling[0]:.2f}× (middle half {ceiling[1]:.2f}–{ceiling[2]:.2f}×), "
                          f"so the 2-core run has {speedup[0] / ceiling[0]:.0%} of what splitting the work gains here")
            if ext in ("txt", "seed"):
                # The plain Python regex pass over the same files (one process: a loop over files, as written).
                py = timed([sys.executable, os.path.join(ROOT, "scripts/baseline_ingest.py"), d])
                vs.insert(0, f"Python regex {py.wall_median:.2f} s, {mb / py.cpu_median:.1f} MB/s, {py.rss:.0f} MB"
                             f" (yusuan takes {two.cpu_median / py.cpu_median:.1f}× its CPU)")
            ingest_rows.append((f"ingest {what}", two, one, per_core, "; ".join(vs)))
        # Memory as the corpus grows: `ingest --format json` is written one document at a time.
        for ext in ("txt", "seed"):
            d = folders[ext]; half = d + "-half"; os.makedirs(half)
            names = sorted(os.listdir(d))
            for f in names[: len(names) // 2]: shutil.copy(os.path.join(d, f), half)
            m_half = timed([yusuan, "ingest", half, "--format", "json", "--no-cache"]).rss
            m_full = timed([yusuan, "ingest", d, "--format", "json", "--no-cache"]).rss
            ingest_rows.append((f"ingest {'seed ×' + str(len(names)) if ext == 'seed' else '.' + ext}: peak RSS, half vs full corpus",
                                None, None, f"{m_half:.0f} MB vs {m_full:.0f} MB", ""))
        # The document cache: `check` of a folder of ≈2,500 documents, first run (empty cache) vs second (unchanged folder).
        many = os.path.join(work, "many")
        subprocess.run([yusuan, "synth", "--departments", "12" if quick else "82", "--years", "2000-2029", "--seed", "3", "--out", many],
                       check=True, capture_output=True)
        n_many = sum(len(fs) for _, _, fs in os.walk(many) if fs) - 1   # the manifest is not a document
        fresh = []
        def empty_cache():
            fresh.append(tempfile.mkdtemp(prefix="cache-", dir=work))
            return dict(os.environ, YUSUAN_CACHE_DIR=fresh[-1])
        nocache = timed([yusuan, "check", many, "--no-cache"])
        first = timed([yusuan, "check", many], env=empty_cache)
        second = timed([yusuan, "check", many], env=lambda: dict(os.environ, YUSUAN_CACHE_DIR=fresh[-1]))
        ingest_rows.append((f"check, {n_many:,} documents, no cache", nocache, None, "", ""))
        ingest_rows.append((f"check, {n_many:,} documents, first run (empty cache)", first, None, "", f"{first.wall_median / nocache.wall_median:.2f}× no cache"))
        ingest_rows.append((f"check, {n_many:,} documents, second run (cached)", second, None, "",
                            f"**{second.wall_median / first.wall_median:.1%} of the first** (wall), {second.cpu_median / first.cpu_median:.1%} (CPU)"))

    # ---------------------------------------------------------------- analysis: yusuan vs pandas/numpy/scipy
    sizes = [int(x) for x in sys.argv[sys.argv.index("--sizes") + 1].split(",")] if "--sizes" in sys.argv else \
        [10000] if quick else [10000, 100000] + ([1000000] if big else [])
    for n in [] if ingest_only else sizes:
        csv = os.path.join(work, f"panel{n}.csv")
        subprocess.run([bench, "export", str(n), csv], check=True)
        contenders = [("yusuan", [bench, "analysis", str(n)]),
                      ("pandas, vectorised", [PY, os.path.join(ROOT, "scripts/baseline_analysis.py"), csv, "--style", "vectorised"])]
        if n <= 100000:  # the apply style takes minutes from 100k on
            contenders.append(("pandas, groupby.apply", [PY, os.path.join(ROOT, "scripts/baseline_analysis.py"), csv, "--style", "apply"]))
        results = {}
        for name, cmd in contenders:
            results[name] = [run_json(cmd) for _ in range(runs if name != "pandas, groupby.apply" or n <= 10000 else 1)]
        # Cross-check: the same samples, medians and flag counts, and the same growth and mix digests.
        y = results["yusuan"][0]
        for name, rs in results.items():
            p = rs[0]
            for m, a in y["metrics"].items():
                b = p["metrics"][m]
                assert a["n"] == b["n"] and abs(a["median"] - b["median"]) <= 1e-9 * max(1, abs(b["median"])), (name, m, a, b)
                assert (a["mad"], a["tukey"], a["gesd"]) == (b["mad"], b["tukey"], b["gesd"]), (name, m, a, b)
            for f, dy in y["digest"].items():
                for k, v in dy.items():
                    w = p["digest"][f][k]
                    assert abs(v - w) <= 1e-9 * max(1, abs(w)), (name, f, k, v, w)
        cells = y["department_years"]
        ys = results["yusuan"]
        y_cpu, y_wall, y_mb = stat([r["analysis_cpu_s"] for r in ys]), stat([r["analysis_total_s"] for r in ys]), max(r["peak_rss_mb"] for r in ys)
        analysis_rows.append((f"{cells:,}", "yusuan (panel, growth, mix, outliers)", y_cpu, y_wall, y_mb, len(ys), "", ""))
        for name, rs in results.items():
            if name == "yusuan": continue
            cpu, wall = stat([r["analysis_cpu_s"] for r in rs]), stat([r["analysis_wall_s"] for r in rs])
            lcpu, lwall = stat([r["with_load_cpu_s"] for r in rs]), stat([r["with_load_wall_s"] for r in rs])
            mb = max(r["peak_rss_mb"] for r in rs)
            analysis_rows.append((f"{cells:,}", f"{name}: analysis only", cpu, wall, None, len(rs), ratio(cpu[1], y_cpu[1]), ratio(wall[1], y_wall[1])))
            analysis_rows.append((f"{cells:,}", f"{name}: with CSV load", lcpu, lwall, mb, len(rs), ratio(lcpu[1], y_cpu[1]), ratio(lwall[1], y_wall[1])))
        print(f"done: {cells:,} department-years; yusuan CPU {y_cpu}, wall {y_wall}, {y_mb:.0f} MB", file=sys.stderr)

    # ---------------------------------------------------------------- report and charts for 100 departments
    hundred = os.path.join(work, "hundred")
    if not ingest_only and not analysis_only: subprocess.run([yusuan, "synth", "--departments", "100", "--years", "2019-2023", "--seed", "5", "--out", hundred], check=True, capture_output=True)
    if not ingest_only and not analysis_only:
        t, m, _ = measure([yusuan, "report", hundred, "--format", "html", "--out", os.path.join(work, "report100"), "--no-cache"])
        tg, _, _ = measure(["grep", "-rc", "万元", hundred])
        rows.append(("report (HTML + charts), 100 departments × 5 years", t, m, "", f"{t / tg:.0f}× grep"))
finally:
    shutil.rmtree(work, ignore_errors=True)

if ingest_rows:
    print("| ingest | wall, 2 cores (min / median) | wall, 1 core | CPU, 2 cores | peak RSS | per core (CPU median) | baselines and ratios |")
    print("|---|---:|---:|---:|---:|---|---|")
    for name, two, one, per_core, vs in ingest_rows:
        if two is None:
            print(f"| {name} |  |  |  |  | {per_core} | {vs} |"); continue
        print(f"| {name} | {span(two.wall_min, two.wall_median)} | {'' if one is None else span(one.wall_min, one.wall_median)} | "
              f"{span(two.cpu_min, two.cpu_median)} | {two.rss:.0f} MB | {per_core} | {vs} |")
    print()
if rows:
    print("| what | yusuan time | peak memory | throughput / baseline | ratio |")
    print("|---|---:|---:|---|---|")
    for name, t, m, extra, r in rows:
        print(f"| {name} | {'' if t is None else f'{t:.2f} s'} | {'' if m is None else f'{m:.0f} MB'} | {extra} | {r} |")
if analysis_rows:
    print()
    print("| department-years | what | CPU s, min / median | wall s, min / median | peak RSS | runs | CPU vs yusuan | wall vs yusuan |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for cells, name, cpu, wall, mb, k, rc, rw in analysis_rows:
        print(f"| {cells} | {name} | {cpu[0]:.3f} / {cpu[1]:.3f} | {wall[0]:.3f} / {wall[1]:.3f} | {'' if mb is None else f'{mb:.0f} MB'} | {k} | {rc} | {rw} |")
