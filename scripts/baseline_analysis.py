#!/usr/bin/env python3
"""The analysis yusuan-bench times, done with pandas/numpy/scipy on the same panel exported as CSV, two ways:

  --style apply       groupby.apply with scipy.stats.linregress per department, GESD by popping from a list: how
                      the analysis is often first written (the baseline of earlier benchmark tables);
  --style vectorised  what a fluent pandas/numpy user writes: OLS slopes from grouped sums, t quantiles for every
                      degree of freedom in one scipy.stats.t.ppf call, medians/MAD/quantiles with numpy, GESD on
                      the sorted sample with running sums (the farthest value is always at one end).

Both: the prior year derived from the first year's stated change (as yusuan's panel does), growth (year-on-year
%, CAGR, log-linear trend with a 95 % interval) of total, basic and project spending per department, the six mix
shares and their change, and modified z (MAD), Tukey fences and generalized ESD on five metrics in the latest year.
Prints JSON: CPU and wall seconds of the CSV load and of the analysis, peak RSS, the outlier check numbers, and a
digest of the growth and mix numbers (sums over departments) that bench.py holds against yusuan's.

Usage: python3 scripts/baseline_analysis.py PANEL.csv [--style apply|vectorised]"""
import json, resource, sys, time
import numpy as np, pandas as pd
from scipy import stats

FIGURES = ["expenditure.total", "expenditure.basic", "expenditure.project"]
SHARES = [("basic_share", "expenditure.basic", "expenditure.total"), ("project_share", "expenditure.project", "expenditure.total"),
          ("personnel_share", "expenditure.basic.personnel", "expenditure.basic"), ("public_share", "expenditure.basic.public", "expenditure.basic"),
          ("three_public_to_basic", "three_public.total", "expenditure.basic"), ("operating_costs_to_basic", "operating_costs", "expenditure.basic")]


class Clock:
    """CPU (process) and wall seconds since the last lap."""
    def __init__(self): self.cpu, self.wall = time.process_time(), time.perf_counter()
    def lap(self):
        c, w = time.process_time(), time.perf_counter()
        out = (c - self.cpu, w - self.wall)
        self.cpu, self.wall = c, w
        return out


def load(path):
    df = pd.read_csv(path)
    wide = df.set_index(["department", "year", "figure"])["value"].unstack("figure").sort_index()
    # The year before each department's first document, from its stated change of total spending.
    if "change.expenditure.total" in wide:
        prior = (wide["expenditure.total"] - wide["change.expenditure.total"]).dropna()
        prior.index = pd.MultiIndex.from_arrays([prior.index.get_level_values(0), prior.index.get_level_values(1) - 1], names=wide.index.names)
        missing = prior[~prior.index.isin(wide.index)]
        if len(missing):
            wide = pd.concat([wide, missing.to_frame("expenditure.total")]).sort_index()
    return wide


def metrics_of(wide):
    latest = int(wide.index.get_level_values(1).max())
    last, prev = wide.xs(latest, level=1), wide.xs(latest - 1, level=1)
    # Growth in the latest year needs the department in both years (yusuan: a cell with the figure for each year).
    both = last["expenditure.total"].dropna().index.intersection(prev["expenditure.total"].dropna().index)
    g = (last["expenditure.total"][both] - prev["expenditure.total"][both]) / prev["expenditure.total"][both].abs() * 100
    return latest, {
        "expenditure.total": last["expenditure.total"].dropna(), "expenditure.project": last["expenditure.project"].dropna(),
        "growth:expenditure.total": g[prev["expenditure.total"][both] != 0],
        "share:basic_share": (last["expenditure.basic"] / last["expenditure.total"].replace(0, np.nan) * 100).dropna(),
        "share:personnel_share": (last["expenditure.basic.personnel"] / last["expenditure.basic"].replace(0, np.nan) * 100).dropna(),
    }


# ---------------------------------------------------------------- apply style

def apply_style(wide):
    digest = {}
    for f in FIGURES:
        s = wide[f].dropna()
        yoy = s.groupby(level=0).pct_change()
        def per_dept(g):
            y = g.values; x = g.index.get_level_values(1).values
            res = {"cagr": (y[-1] / y[0]) ** (1 / (x[-1] - x[0])) - 1 if len(y) > 1 else np.nan}
            if len(y) >= 3:
                fit = stats.linregress(x, np.log(y)); t = stats.t.ppf(0.975, len(y) - 2)
                res.update(rate=np.exp(fit.slope) - 1, lo=np.exp(fit.slope - t * fit.stderr) - 1, hi=np.exp(fit.slope + t * fit.stderr) - 1)
            return pd.Series(res)
        trends = s.groupby(level=0).apply(per_dept).unstack()
        digest[f] = {"points": int(len(s)), "cagr_sum": float(trends["cagr"].sum()), "rate_sum": float(trends["rate"].sum()),
                     "upper_sum": float(trends["hi"].sum())}
    mix = pd.DataFrame({sid: wide[n] / wide[d] * 100 for sid, n, d in SHARES})
    mix_change = mix.groupby(level=0).diff()
    digest["mix"] = {"basic_share_sum": float(mix["basic_share"].sum()), "basic_share_change_sum": float(mix_change["basic_share"].sum())}

    def gesd(x, r, alpha=0.05):
        x = list(x); n = len(x); count = 0
        for i in range(1, r + 1):
            a = np.asarray(x); m = a.mean(); s = a.std(ddof=1)
            if s == 0: break
            k = int(np.argmax(np.abs(a - m))); R = abs(a[k] - m) / s
            p = 1 - alpha / (2 * (n - i + 1)); t = stats.t.ppf(p, n - i - 1)
            lam = (n - i) * t / np.sqrt((n - i - 1 + t * t) * (n - i + 1))
            if R > lam: count = i
            x.pop(k)
        return count

    latest, metrics = metrics_of(wide)
    checks = {}
    for name, v in metrics.items():
        x = v.values.astype(float); n = len(x)
        med = float(np.median(x)); mad = stats.median_abs_deviation(x, scale=1.0)
        mz = 0.6745 * (x - med) / mad
        q1, q3 = np.quantile(x, [0.25, 0.75]); iqr = q3 - q1
        checks[name] = {"year": latest, "n": n, "median": med, "mad": int((np.abs(mz) > 3.5).sum()),
                        "tukey": int(((x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr)).sum()), "gesd": gesd(x, min(n // 2, 10))}
    return checks, digest


# ---------------------------------------------------------------- vectorised style

def growth_vectorised(s):
    """YoY %, CAGR and the log-linear trend of every department at once; s is indexed (department, year)."""
    s = s.dropna()
    dept = s.index.get_level_values(0)
    codes, _ = pd.factorize(dept)  # sorted index: departments in runs
    x = s.index.get_level_values(1).to_numpy(dtype=float); y = s.to_numpy(dtype=float)
    first = np.r_[True, codes[1:] != codes[:-1]]
    prev = np.r_[np.nan, y[:-1]]
    yoy = np.where(first, np.nan, (y - prev) / np.abs(prev) * 100)
    starts = np.flatnonzero(first); ends = np.r_[starts[1:], len(y)] - 1
    n = np.bincount(codes).astype(float)
    span = x[ends] - x[starts]
    with np.errstate(divide="ignore", invalid="ignore"):
        cagr = np.where((span > 0) & (y[starts] > 0) & (y[ends] > 0), (y[ends] / y[starts]) ** (1 / span) - 1, np.nan)
        ly = np.log(y)
        # OLS slope and its standard error from grouped sums, centred on the group means.
        xm = np.bincount(codes, x) / n; ym = np.bincount(codes, ly) / n
        dx = x - xm[codes]; dy = ly - ym[codes]
        sxx = np.bincount(codes, dx * dx); sxy = np.bincount(codes, dx * dy); syy = np.bincount(codes, dy * dy)
        slope = sxy / sxx
        se = np.sqrt(np.maximum(syy - slope * sxy, 0) / (n - 2) / sxx)
        ok = n >= 3
        t = np.full_like(n, np.nan); t[ok] = stats.t.ppf(0.975, n[ok] - 2)
        rate = np.where(ok, np.exp(slope) - 1, np.nan)
        lo, hi = np.exp(slope - t * se) - 1, np.exp(slope + t * se) - 1
    return {"yoy": yoy, "cagr": cagr, "rate": rate, "lower": lo, "upper": hi, "points": len(y)}


def gesd_vectorised(x, r, alpha=0.05):
    """Generalized ESD: on the sorted sample the value farthest from the mean is the lowest or the highest left,
    so each step is O(1) with running sums; the t quantiles of all steps come from one call."""
    x = np.sort(x); n = len(x)
    i = np.arange(1, r + 1)
    p = 1 - alpha / (2 * (n - i + 1)); t = stats.t.ppf(p, n - i - 1)
    lam = (n - i) * t / np.sqrt((n - i - 1 + t * t) * (n - i + 1))
    lo, hi = 0, n - 1
    s1, s2 = x.sum(), (x * x).sum()
    count = 0
    for k in range(r):
        m = hi - lo + 1
        mean = s1 / m
        sd = np.sqrt(max(s2 - m * mean * mean, 0) / (m - 1))
        if sd == 0: break
        if mean - x[lo] > x[hi] - mean: v = x[lo]; lo += 1
        else: v = x[hi]; hi -= 1
        if abs(v - mean) / sd > lam[k]: count = k + 1
        s1 -= v; s2 -= v * v
    return count


def vectorised_style(wide):
    digest = {}
    for f in FIGURES:
        g = growth_vectorised(wide[f])
        digest[f] = {"points": g["points"], "cagr_sum": float(np.nansum(g["cagr"])), "rate_sum": float(np.nansum(g["rate"])),
                     "upper_sum": float(np.nansum(g["upper"]))}
    shares = {sid: (wide[n] / wide[d] * 100).to_numpy() for sid, n, d in SHARES}
    codes, _ = pd.factorize(wide.index.get_level_values(0))
    first = np.r_[True, codes[1:] != codes[:-1]]
    b = shares["basic_share"]
    change = np.where(first, np.nan, b - np.r_[np.nan, b[:-1]])
    digest["mix"] = {"basic_share_sum": float(np.nansum(b)), "basic_share_change_sum": float(np.nansum(change))}

    latest, metrics = metrics_of(wide)
    checks = {}
    for name, v in metrics.items():
        x = v.to_numpy(dtype=float); n = len(x)
        q1, med, q3 = np.quantile(x, [0.25, 0.5, 0.75])
        mad = np.median(np.abs(x - med))
        mz = 0.6745 * (x - med) / mad
        iqr = q3 - q1
        checks[name] = {"year": latest, "n": n, "median": float(med), "mad": int((np.abs(mz) > 3.5).sum()),
                        "tukey": int(((x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr)).sum()), "gesd": gesd_vectorised(x, min(n // 2, 10))}
    return checks, digest


if __name__ == "__main__":
    style = sys.argv[sys.argv.index("--style") + 1] if "--style" in sys.argv else "apply"
    clock = Clock()
    wide = load(sys.argv[1])
    load_cpu, load_wall = clock.lap()
    checks, digest = (vectorised_style if style == "vectorised" else apply_style)(wide)
    cpu, wall = clock.lap()
    print(json.dumps({"style": style, "load_cpu_s": load_cpu, "load_wall_s": load_wall, "analysis_cpu_s": cpu, "analysis_wall_s": wall,
                      "with_load_cpu_s": load_cpu + cpu, "with_load_wall_s": load_wall + wall,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "metrics": checks, "digest": digest}))
