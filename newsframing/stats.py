"""Small statistics shared by the analysis modules (layer 1): bootstrap intervals and rates."""
from __future__ import annotations

import numpy as np
import pandas as pd


def bootstrap_ci(values, clusters=None, n_boot=2000, ci=0.95, random_state=0):
    """(mean, low, high): the mean of ``values`` and a percentile bootstrap interval.

    Without ``clusters`` values are resampled; with ``clusters`` (e.g. doc_id per value) whole
    clusters are resampled (sentences of one article are not independent) and the statistic is
    the pooled mean of the values drawn. Deterministic for a given ``random_state``. With one
    value (or one cluster) the interval is (mean, mean): nothing to resample.
    """
    v = np.asarray(values, dtype="float64")
    v = v[~np.isnan(v)] if clusters is None else v
    if len(v) == 0:
        return (float("nan"),) * 3
    mean = float(v.mean()) if clusters is None else float(np.nanmean(v))
    rng = np.random.default_rng(random_state)
    alpha = (1 - ci) / 2
    if clusters is None:
        if len(v) < 2:
            return mean, mean, mean
        idx = rng.integers(0, len(v), size=(n_boot, len(v)))
        stats = v[idx].mean(axis=1)
    else:
        codes, uniq = pd.factorize(pd.Series(list(clusters)))
        ok = ~np.isnan(v)
        sums = np.bincount(codes[ok], weights=v[ok], minlength=len(uniq))
        counts = np.bincount(codes[ok], minlength=len(uniq)).astype("float64")
        if len(uniq) < 2:
            return mean, mean, mean
        idx = rng.integers(0, len(uniq), size=(n_boot, len(uniq)))
        stats = sums[idx].sum(axis=1) / np.maximum(counts[idx].sum(axis=1), 1)
    lo, hi = np.quantile(stats, [alpha, 1 - alpha])
    return mean, float(lo), float(hi)


def per_1000(count, n_words):
    """count / n_words * 1000, NaN where n_words is 0 (arrays or scalars)."""
    count = np.asarray(count, dtype="float64")
    n = np.asarray(n_words, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, count / np.where(n > 0, n, 1) * 1000, np.nan)
