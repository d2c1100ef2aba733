#!/usr/bin/env python3
"""The analysis done the way a researcher would do it today: pandas and scipy on the panel exported as CSV.
Growth (YoY, CAGR, log-linear trend per department), mix shares, and modified z (MAD), Tukey and generalized ESD
on five metrics. Prints timing and the same check numbers yusuan-bench prints, as JSON.
Usage: python3 scripts/baseline_analysis.py PANEL.csv"""
import json, sys, time, resource
import numpy as np, pandas as pd
from scipy import stats

t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1])
wide = df.pivot_table(index=["department", "year"], columns="figure", values="value", aggfunc="first").sort_index()
t_load = time.perf_counter() - t0

t1 = time.perf_counter()
# Growth: year-on-year, CAGR and a log-linear trend with a 95% interval, for total, basic, project.
growth_points = 0
for f in ["expenditure.total", "expenditure.basic", "expenditure.project"]:
    s = wide[f]
    yoy = s.groupby(level=0).pct_change()
    def per_dept(g):
        y = g.values; x = g.index.get_level_values(1).values
        res = {"cagr": (y[-1] / y[0]) ** (1 / (x[-1] - x[0])) - 1 if len(y) > 1 else np.nan}
        if len(y) >= 3:
            fit = stats.linregress(x, np.log(y)); t = stats.t.ppf(0.975, len(y) - 2)
            res.update(rate=np.exp(fit.slope) - 1, lo=np.exp(fit.slope - t * fit.stderr) - 1, hi=np.exp(fit.slope + t * fit.stderr) - 1)
        return pd.Series(res)
    trends = s.dropna().groupby(level=0).apply(per_dept)
    growth_points += int(s.notna().sum())
t_growth = time.perf_counter() - t1

t2 = time.perf_counter()
mix = pd.DataFrame({
    "basic_share": wide["expenditure.basic"] / wide["expenditure.total"] * 100,
    "personnel_share": wide["expenditure.basic.personnel"] / wide["expenditure.basic"] * 100,
    "project_share": wide["expenditure.project"] / wide["expenditure.total"] * 100,
})
mix_change = mix.groupby(level=0).diff()
t_mix = time.perf_counter() - t2

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

t3 = time.perf_counter()
latest = wide.index.get_level_values(1).max()
last = wide.xs(latest, level=1); prev = wide.xs(latest - 1, level=1)
metrics = {
    "expenditure.total": last["expenditure.total"], "expenditure.project": last["expenditure.project"],
    "growth:expenditure.total": ((last["expenditure.total"] - prev["expenditure.total"]) / prev["expenditure.total"].abs() * 100).dropna(),
    "share:basic_share": last["expenditure.basic"] / last["expenditure.total"] * 100,
    "share:personnel_share": last["expenditure.basic.personnel"] / last["expenditure.basic"] * 100,
}
checks = {}
for name, v in metrics.items():
    x = v.dropna().values.astype(float); n = len(x)
    med = float(np.median(x)); mad = stats.median_abs_deviation(x, scale=1.0)
    mz = 0.6745 * (x - med) / mad
    q1, q3 = np.quantile(x, [0.25, 0.75]); iqr = q3 - q1
    tukey = int(((x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr)).sum())
    checks[name] = {"year": int(latest), "n": n, "median": med, "mad": int((np.abs(mz) > 3.5).sum()), "tukey": tukey,
                    "gesd": gesd(x, min(n // 2, 10))}
t_out = time.perf_counter() - t3

print(json.dumps({"load_s": t_load, "growth_s": t_growth, "mix_s": t_mix, "outliers_s": t_out,
                  "analysis_total_s": t_growth + t_mix + t_out, "with_load_s": t_load + t_growth + t_mix + t_out,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "metrics": checks}))
