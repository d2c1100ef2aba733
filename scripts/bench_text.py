#!/usr/bin/env python3
"""Text ingest per core: `yusuan ingest DIR --format json` over real-size text documents, in CPU seconds.

  python3 scripts/bench_text.py                 # builds release yusuan, 5 runs per row
  python3 scripts/bench_text.py --runs 3 --yusuan .build/release/yusuan

Corpora: the 50 KB seed disclosure ×200 (10 MB), and the text documents `yusuan synth` makes (36 departments ×
30 years). yusuan runs pinned to one core (taskset). Each row gives the CPU time (user + system, of the child, from wait4) as min / median of the runs,
MB/s per core from both, the wall time and the peak memory. Baselines on the same files: a plain Python regex
pass (read, decode, split lines, find the amounts with their units) and `grep -rc 万元`.
Prints a Markdown table. `--no-cache`: every run reads the files (the document cache would answer from the
second run on); `bench.py --ingest` has the same corpora with 1-core/2-core wall times and the cache rows."""
import os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SEED = os.path.join(ROOT, "datasets/guangyang/2021/organization-department.budget.txt")

# The regex baseline: what a researcher would write to pull amounts out of the same files.
REGEX_PASS = r"""
import os, re, sys
amount = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|千元|元|万|亿|%)")
found = 0
for root, _, files in os.walk(sys.argv[1]):
    for f in sorted(files):
        with open(os.path.join(root, f), "rb") as h:
            text = h.read().decode("utf-8", errors="replace")
        for line in text.splitlines():
            found += len(amount.findall(line))
print(found)
"""

def run(cmd):
    """CPU seconds (user + system), wall seconds and peak RSS (MB) of one child process."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{cmd[0]} failed")
    return ru.ru_utime + ru.ru_stime, time.perf_counter() - t, ru.ru_maxrss / 1024

def repeat(cmd, runs):
    results = [run(cmd) for _ in range(runs)]
    cpu = [r[0] for r in results]
    return min(cpu), statistics.median(cpu), statistics.median(r[1] for r in results), max(r[2] for r in results)

def size_of(d):
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)

def corpora(yusuan, work):
    seed = os.path.join(work, "seed200")
    os.makedirs(seed)
    for i in range(200):
        shutil.copy(SEED, os.path.join(seed, f"{i:03d}.txt"))
    synth, texts = os.path.join(work, "synth"), os.path.join(work, "synth-txt")
    subprocess.run([yusuan, "synth", "--departments", "36", "--years", "2000-2029", "--seed", "11", "--out", synth], check=True, capture_output=True)
    os.makedirs(texts)
    n = 0
    for r, _, fs in os.walk(synth):
        for f in sorted(fs):
            if f.endswith(".txt"):
                shutil.copy(os.path.join(r, f), os.path.join(texts, f"{n:05d}.txt"))
                n += 1
    return [("seed ×200", seed, 200), (f"synth text ({n} docs)", texts, n)]

def rows(yusuan, runs=5):
    out = []
    work = tempfile.mkdtemp(prefix="yusuan-bench-text-")
    try:
        for name, d, docs in corpora(yusuan, work):
            mb = size_of(d) / 1e6
            # Per core: yusuan pinned to one core (it reads on every core it has; the baselines use one).
            pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
            cmin, cmed, wall, rss = repeat(pin + [yusuan, "ingest", d, "--format", "json", "--no-cache"], runs)
            pmin, pmed, _, _ = repeat([sys.executable, "-c", REGEX_PASS, d], runs)
            gmin, _, _, _ = repeat(["grep", "-rc", "万元", d], runs)
            out.append((f"text ingest per core, {name}, {mb:.1f} MB", cmin, cmed, wall, rss,
                        f"{mb / cmin:.1f} / {mb / cmed:.1f} MB/s per core (min / median CPU)",
                        f"Python regex pass {mb / pmin:.1f} MB/s ({pmin:.2f} s CPU); grep -c {gmin * 1000:.0f} ms"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out

def main():
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    if "--yusuan" in sys.argv:
        yusuan = os.path.abspath(sys.argv[sys.argv.index("--yusuan") + 1])
    else:
        subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "yusuan"], cwd=ROOT, check=True, capture_output=True)
        bin_path = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
        yusuan = os.path.join(bin_path, "yusuan")
    print(f"| what | CPU min / median | wall (median) | peak memory | throughput | baselines (same files, CPU) |")
    print("|---|---:|---:|---:|---|---|")
    for name, cmin, cmed, wall, rss, tput, base in rows(yusuan, runs):
        print(f"| {name} | {cmin:.2f} / {cmed:.2f} s | {wall:.2f} s | {rss:.0f} MB | {tput} | {base} |")

if __name__ == "__main__":
    main()
