#!/usr/bin/env python3
"""Computes, independently of GSL, the statistics the Swift wrapper is tested against.
Writes Tests/YusuanStatsTests/Fixtures/expected.json. Run: python3 scripts/stats-expected.py"""
import json, os
import numpy as np
from scipy import stats

here = os.path.dirname(os.path.abspath(__file__))
rosner = [float(l) for l in open(os.path.join(here, "..", "Tests", "YusuanStatsTests", "Fixtures", "rosner-1983.csv")).read().split()[1:]]

samples = {
    "small": [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0],
    "budget_like": [373.01, 8877.52, 9250.53, 2298.19, 901.2, 33.47, 2.19, 1714.56, 300.0, 120.5, 41.77],
    "rosner": rosner,
}

def qn_finite(x):
    # Rousseeuw & Croux (1993) Qn: the k-th smallest of the pairwise distances, k = C(h, 2), h = n//2 + 1,
    # times the consistency constant 2.21914 and the finite-sample factors of R's robustbase (qnsn.R),
    # which GSL also uses.
    x = np.sort(np.asarray(x)); n = len(x)
    diffs = sorted(abs(x[i] - x[j]) for i in range(n) for j in range(i + 1, n))
    h = n // 2 + 1
    q = diffs[h * (h - 1) // 2 - 1]
    small = [.399356, .99365, .51321, .84401, .61220, .85877, .66993, .87344, .72014, .88906, .75743]
    if n <= 12:
        dn = small[n - 2]
    elif n % 2 == 1:
        dn = 1 / (1 + (1.60188 + (-2.1284 - 5.172 / n) / n) / n)
    else:
        dn = 1 / (1 + (3.67561 + (1.9654 + (6.987 - 77 / n) / n) / n) / n)
    return 2.21914 * dn * q

out = {}
for name, xs in samples.items():
    a = np.asarray(xs)
    out[name] = {
        "values": xs,
        "mean": float(np.mean(a)),
        "sd": float(np.std(a, ddof=1)),
        "median": float(np.median(a)),
        "q25": float(np.quantile(a, 0.25)),   # numpy's default = linear (Hyndman–Fan 7) = GSL's definition
        "q75": float(np.quantile(a, 0.75)),
        "q90": float(np.quantile(a, 0.90)),
        "mad0": float(stats.median_abs_deviation(a, scale=1.0)),
        "mad": float(stats.median_abs_deviation(a, scale="normal")),
        "qn": float(qn_finite(xs)),
    }

years = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]
spend = [5120.4, 5391.0, 5702.9, 6180.2, 6952.34, 9250.53, 9010.0, 9833.1]
fit = stats.linregress(years, np.log(spend))
n = len(years)
resid = np.log(spend) - (fit.intercept + fit.slope * np.asarray(years))
out["fit"] = {
    "x": years, "y_log": list(np.log(spend)),
    "slope": float(fit.slope), "intercept": float(fit.intercept),
    "slope_se": float(fit.stderr), "sumsq": float(np.sum(resid ** 2)),
}
out["t_quantiles"] = [{"p": p, "dof": v, "t": float(stats.t.ppf(p, v))}
                      for p, v in [(0.975, 1), (0.975, 6), (0.975, 30), (0.95, 10), (0.025, 5), (1 - 0.05 / (2 * 54), 52)]]

path = os.path.join(here, "..", "Tests", "YusuanStatsTests", "Fixtures", "expected.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
print("wrote", path)
