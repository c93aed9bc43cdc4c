#!/usr/bin/python3
"""One-off generator of reference values for the comparison statistics tests.

Run once with Debian's SciPy, NumPy and mpmath (`apt-get install python3-scipy python3-numpy python3-mpmath`,
then `/usr/bin/python3 generate_reference.py > reference.json`). The tests only read reference.json; they never run
this script. It is committed so that every number in reference.json can be traced to how it was produced.

Sources of the values:
  * log_gamma, log_beta, incomplete_beta, student_t: mpmath at 50 significant digits (loggamma, beta,
    betainc; the two-sided t p-value is I_{df/(df+t^2)}(df/2, 1/2)), rounded once to double. SciPy's
    gammaln / betaln / betainc / t.sf values are stored next to them as a cross-check ("scipy"); they agree to
    about 1e-10 relative or better (betaln(0.5, 5e5) and t.sf at df = 1e6 are the least accurate).
  * paired_t_tests: the t statistic and p-value in mpmath from the double differences treatment - baseline,
    plus scipy.stats.ttest_rel on the same pairs as a cross-check.
  * exact_randomization: a brute-force enumeration of all 2^n sign patterns in exact integer arithmetic (the
    differences have 4 decimals, so they are scaled to integers and ties are exact, no tolerance involved).
  * percentiles: numpy.percentile (linear interpolation, the default method).
  * xoshiro256**: a direct transcription of the published algorithm (SplitMix64 seeding), with Lemire's
    bounded integer method, in Python's arbitrary-precision integers.
  * sampled_randomization, bootstrap: the documented procedures (PairedRandomizationTest and
    PercentileBootstrap remarks: which bit flips which difference, the tie tolerance, the order of summation,
    the type-7 quantile) re-implemented here on top of that generator. Python floats are IEEE doubles and the
    operations are done in the same order, so the C# results must match exactly.
"""
import itertools
import json
import sys

import mpmath
import numpy as np
import scipy
from scipy import special, stats

MASK = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Xoshiro:
    def __init__(self, seed):
        st = seed
        self.s = []
        for _ in range(4):
            st, out = splitmix64(st)
            self.s.append(out)

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def bounded(self, n):
        m = self.next() * n
        low = m & MASK
        if low < n:
            threshold = ((1 << 64) - n) % n
            while low < threshold:
                m = self.next() * n
                low = m & MASK
        return m >> 64


def exact_randomization(diffs4):
    """diffs4: integers (differences times 10^4). Returns (count, total) of |sum*| >= |sum|."""
    observed = abs(sum(diffs4))
    count = 0
    for signs in itertools.product((1, -1), repeat=len(diffs4)):
        if abs(sum(s * d for s, d in zip(signs, diffs4))) >= observed:
            count += 1
    return count, 2 ** len(diffs4)


def main():
    out = {"generator": "generate_reference.py", "scipy": scipy.__version__, "numpy": np.__version__}

    mpmath.mp.dps = 50

    def d(v):
        return float(v)

    out["log_gamma"] = [{"x": x, "value": d(mpmath.loggamma(x)), "scipy": float(special.gammaln(x))}
                        for x in [1e-5, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 7.3, 9.99, 10.0, 10.5, 50.0, 100.0,
                                  1e3, 1e6]]
    out["log_beta"] = [{"a": a, "b": b, "value": d(mpmath.log(mpmath.beta(a, b))),
                        "scipy": float(special.betaln(a, b))}
                       for a, b in [(0.5, 0.5), (2.0, 3.0), (0.5, 5e5), (5e5, 5e5), (12.0, 15.0), (3.0, 40.0),
                                    (100.0, 0.5), (1.0, 1.0), (0.5, 12.5), (1e-3, 2.0)]]
    out["incomplete_beta"] = [{"a": a, "b": b, "x": x,
                               "value": d(mpmath.betainc(a, b, 0, x, regularized=True)),
                               "scipy": float(special.betainc(a, b, x))}
                              for a, b, x in [(0.5, 0.5, 0.3), (2.0, 3.0, 0.4), (5.0, 0.5, 0.99), (0.5, 5.0, 0.01),
                                              (10.0, 10.0, 0.5), (50.0, 0.5, 0.9), (1.0, 1.0, 0.37),
                                              (100.0, 200.0, 0.3), (2.5, 0.5, 0.999999), (0.5, 0.5, 1e-10),
                                              (20.0, 0.5, 0.05), (3.0, 7.0, 0.95), (0.5, 2.0, 0.5),
                                              (5000.0, 0.5, 0.999), (15.0, 0.5, 0.2)]]

    def t_two_sided(t, df):
        t = mpmath.mpf(t)
        df = mpmath.mpf(df)
        return mpmath.betainc(df / 2, mpmath.mpf(1) / 2, 0, df / (df + t * t), regularized=True)

    t_cases = [(2.2281388519649385, 10.0), (0.5, 1.0), (1.0, 1.0), (3.0, 2.0), (-2.5, 5.0), (10.0, 3.0),
               (50.0, 30.0), (1000.0, 4.0), (1.96, 1e6), (5.0, 1e6), (0.001, 7.0), (40.0, 100.0), (0.0, 9.0),
               (-12.0, 49.0), (2.0, 2000.0), (0.8, 150000.0)]
    out["student_t"] = []
    for t, df in t_cases:
        p = t_two_sided(t, df)
        cdf = 1 - p / 2 if t > 0 else p / 2
        out["student_t"].append({"t": t, "df": df, "two_sided_p": d(p), "cdf": d(cdf),
                                 "scipy": float(2 * stats.t.sf(abs(t), df))})

    rng = np.random.default_rng(20240607)
    vectors = [
        ("n2", [0.3, 0.5], [0.1, 0.2]),
        ("n3_negative", [0.1, 0.25, 0.4], [0.3, 0.35, 0.45]),
        ("n5", [0.61, 0.42, 0.33, 0.9, 0.5], [0.55, 0.40, 0.41, 0.70, 0.45]),
        ("large_t", [1.0 + x for x in [1.0, 1.0001, 0.9999, 1.00005, 0.99995]], [1.0] * 5),
    ]
    base50 = rng.uniform(0, 1, 50)
    vectors.append(("n50", list(np.clip(base50 + rng.normal(0.05, 0.1, 50), 0, 1)), list(base50)))
    base25 = rng.uniform(0, 1, 25)
    vectors.append(("n25_negative", list(np.clip(base25 - rng.normal(0.08, 0.15, 25), 0, 1)), list(base25)))
    base500 = rng.uniform(0, 1, 500)
    vectors.append(("n500_small_effect", list(np.clip(base500 + rng.normal(0.01, 0.2, 500), 0, 1)),
                    list(base500)))
    base43 = np.round(rng.uniform(0, 1, 43), 4)
    vectors.append(("n43_four_decimals", list(np.round(np.clip(base43 + rng.normal(0.03, 0.1, 43), 0, 1), 4)),
                    list(base43)))
    out["paired_t_tests"] = []
    for name, a, b in vectors:
        a = [float(v) for v in a]
        b = [float(v) for v in b]
        res = stats.ttest_rel(a, b)
        diffs = [mpmath.mpf(x - y) for x, y in zip(a, b)]  # the double differences, then exact arithmetic
        n = len(diffs)
        mean = mpmath.fsum(diffs) / n
        var = mpmath.fsum((v - mean) ** 2 for v in diffs) / (n - 1)
        t = mean / mpmath.sqrt(var / n)
        out["paired_t_tests"].append({"name": name, "treatment": a, "baseline": b, "t": d(t),
                                      "p": d(t_two_sided(t, n - 1)), "df": n - 1,
                                      "scipy_t": float(res.statistic), "scipy_p": float(res.pvalue)})

    out["exact_randomization"] = []
    for n in range(5, 13):
        diffs4 = [int(v) for v in rng.integers(-1500, 3000, n)]
        if n % 3 == 0:  # repeated magnitudes and zeros: many exact ties among the sign patterns
            diffs4[1] = -diffs4[0]
            diffs4[2] = 0
            diffs4[3] = diffs4[0]
        count, total = exact_randomization(diffs4)
        out["exact_randomization"].append({"differences": [d / 10000 for d in diffs4], "count": count,
                                           "patterns": total, "p": count / total})

    data = list(np.round(rng.normal(0.02, 0.1, 37), 4))
    out["percentiles"] = [{"values": [float(v) for v in data], "q": q,
                           "value": float(np.percentile(data, q * 100))} for q in [0.025, 0.5, 0.975, 0.0, 1.0]]

    out["splitmix64"] = {"seed": 0, "outputs": []}
    st = 0
    for _ in range(4):
        st, o = splitmix64(st)
        out["splitmix64"]["outputs"].append(str(o))
    out["xoshiro256starstar"] = []
    for seed in [0, 42, MASK]:
        g = Xoshiro(seed)
        words = [str(g.next()) for _ in range(8)]
        g = Xoshiro(seed)
        bounded7 = [g.bounded(7) for _ in range(20)]
        g = Xoshiro(seed)
        bounded_big = [g.bounded(2 ** 31 - 1) for _ in range(8)]
        out["xoshiro256starstar"].append({"seed": str(seed), "outputs": words, "bounded_7": bounded7,
                                          "bounded_2147483647": bounded_big})

    out["sampled_randomization"] = []
    for n, seed, draws in [(30, 42, 2000), (70, 7, 1500), (25, 12345, 999)]:
        diffs = [float(v) for v in np.round(rng.normal(0.015, 0.1, n), 4)]
        observed = 0.0
        absolute = 0.0
        for v in diffs:
            observed += v
            absolute += abs(v)
        threshold = abs(observed) - 1e-10 * absolute
        g = Xoshiro(seed)
        extreme = 0
        for _ in range(draws):
            total = 0.0
            bits = 0
            for i, v in enumerate(diffs):
                if i % 64 == 0:
                    bits = g.next()
                total += v if bits & 1 else -v
                bits >>= 1
            if abs(total) >= threshold:
                extreme += 1
        out["sampled_randomization"].append({"differences": diffs, "seed": str(seed), "permutations": draws,
                                             "extreme": extreme, "p": (extreme + 1) / (draws + 1)})

    def type7(sorted_values, q):
        position = (len(sorted_values) - 1) * q
        index = int(np.floor(position))
        if index >= len(sorted_values) - 1:
            return sorted_values[-1]
        fraction = position - index
        low, high = sorted_values[index], sorted_values[index + 1]
        return low if fraction == 0.0 or low == high else low + fraction * (high - low)

    out["bootstrap"] = []
    for n, seed, resamples, level in [(15, 42, 2000, 0.95), (40, 3, 1000, 0.9), (7, 99, 500, 0.99)]:
        values = [float(v) for v in np.round(rng.normal(0.02, 0.12, n), 4)]
        g = Xoshiro(seed)
        means = []
        for _ in range(resamples):
            total = 0.0
            for _ in range(n):
                total += values[g.bounded(n)]
            means.append(total / n)
        means.sort()
        tail = (1.0 - level) / 2.0
        out["bootstrap"].append({"values": values, "seed": str(seed), "resamples": resamples, "level": level,
                                 "lower": type7(means, tail), "upper": type7(means, 1.0 - tail)})

    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
