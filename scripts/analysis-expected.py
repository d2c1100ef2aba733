#!/usr/bin/env python3
"""Independent numbers for the analysis tests (numpy/scipy, not GSL): generalized ESD on Rosner's data,
modified z-scores, Tukey fences, a log-linear trend with its 95% interval and real terms with the CPI table.
Writes Tests/YusuanAnalyseTests/Fixtures/expected.json. Run: python3 scripts/analysis-expected.py"""
import json, os
import numpy as np
from scipy import stats

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..")
rosner = [float(x) for x in open(os.path.join(root, "Tests/YusuanStatsTests/Fixtures/rosner-1983.csv")).read().split()[1:]]

def gesd(x, r, alpha):
    x = list(x); n = len(x); steps = []
    for i in range(1, r + 1):
        a = np.asarray(x); mean = a.mean(); sd = a.std(ddof=1)
        k = int(np.argmax(np.abs(a - mean))); R = abs(a[k] - mean) / sd
        p = 1 - alpha / (2 * (n - i + 1)); t = stats.t.ppf(p, n - i - 1)
        lam = (n - i) * t / np.sqrt((n - i - 1 + t * t) * (n - i + 1))
        steps.append({"removed": float(a[k]), "r": float(R), "lambda": float(lam)})
        x.pop(k)
    count = max([i + 1 for i, s in enumerate(steps) if s["r"] > s["lambda"]], default=0)
    return {"steps": steps, "count": count}

# Department totals of an imagined district (万元), with two that stand out.
depts = [812.4, 640.0, 955.1, 702.3, 1210.8, 688.0, 731.9, 5120.0, 870.2, 790.5, 15.2, 905.0]
med = float(np.median(depts)); mad0 = float(stats.median_abs_deviation(depts, scale=1.0))
modz = [0.6745 * (v - med) / mad0 for v in depts]
q1, q3 = np.quantile(depts, [0.25, 0.75]); iqr = q3 - q1

years = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]
spend = [5120.4, 5391.0, 5702.9, 6180.2, 6952.34, 9250.53, 9010.0, 9833.1]
fit = stats.linregress(years, np.log(spend)); t975 = stats.t.ppf(0.975, len(years) - 2)
cpi = {2015: 1.4, 2016: 2.0, 2017: 1.6, 2018: 2.1, 2019: 2.9, 2020: 2.5, 2021: 0.9, 2022: 2.0, 2023: 0.2, 2024: 0.2}
def level(y, base):
    l = 1.0
    for k in range(base + 1, y + 1): l *= 1 + cpi[k] / 100
    for k in range(y + 1, base + 1): l /= 1 + cpi[k] / 100
    return l
real = [v / level(y, 2023) for y, v in zip(years, spend)]
rfit = stats.linregress(years, np.log(real))

out = {
    "rosner": gesd(rosner, 10, 0.05),
    "departments": {"values": depts, "median": med, "mad0": mad0, "modified_z": modz,
                    "q1": float(q1), "q3": float(q3), "lower_fence": float(q1 - 1.5 * iqr), "upper_fence": float(q3 + 1.5 * iqr),
                    "gesd": gesd(depts, 6, 0.05)},
    "trend": {"years": years, "values": spend,
              "rate": float(np.exp(fit.slope) - 1), "lower": float(np.exp(fit.slope - t975 * fit.stderr) - 1),
              "upper": float(np.exp(fit.slope + t975 * fit.stderr) - 1),
              "cagr": float((spend[-1] / spend[0]) ** (1 / (years[-1] - years[0])) - 1),
              "real_2023_prices": real, "real_rate": float(np.exp(rfit.slope) - 1)},
}
path = os.path.join(root, "Tests/YusuanAnalyseTests/Fixtures/expected.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1, sort_keys=True); f.write("\n")
print("wrote", path, "GESD on Rosner finds", out["rosner"]["count"])
for s in out["rosner"]["steps"][:3]: print(s)
print("departments GESD", out["departments"]["gesd"]["count"], "modz", [round(z, 2) for z in modz])
