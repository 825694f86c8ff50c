"""Turning numbers into statements an editor can let through (layer 2).

Every finding the notebooks state about a comparison goes through here, so that two notebooks
stating the same fact compute it the same way and cannot disagree:

* ``rank``: who leads, with ties named as ties (never an alphabetical or dictionary order);
* ``compare``: whether two estimates with intervals differ, or "no clear difference" when the
  intervals overlap or either rests on fewer than ``min_n`` observations;
* ``order_by_interval``: a ranking that only separates items whose intervals do not overlap;
* small helpers that write numbers and lists the house way.

Thresholds are parameters, and the statements say which were used.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd


def join(items, conj="and"):
    """"a", "a and b", "a, b and c"."""
    items = [str(x) for x in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conj} {items[-1]}"


def plural(n, word, plural_form=None):
    """"1 article", "2 articles"."""
    return f"{n:,} {word if n == 1 else (plural_form or word + 's')}"


def pct(x, digits=0):
    """A share as a percentage, "55%"; "n/a" for a missing share."""
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:.{digits}f}%"


@dataclass
class Ranking:
    """The result of rank(): ``order`` (items, best first, ties in a stable order), ``leaders``
    (every item tied for first), ``values`` (item -> value) and whether the top is a tie."""
    order: list
    leaders: list
    values: dict = field(repr=False)
    higher_is_first: bool = True

    @property
    def tie(self):
        return len(self.leaders) > 1

    def text(self, fmt="{:,.0f}", quote="'", unit=""):
        """The leaders as a phrase: "'invasion' (4)" or "'invasion', 'conflict' and 'crisis'
        (4 each)"; "" when there is nothing to rank."""
        if not self.leaders:
            return ""
        v = fmt.format(self.values[self.leaders[0]]) + (f" {unit}" if unit else "")
        names = [f"{quote}{x}{quote}" for x in self.leaders]
        return f"{join(names)} ({v}{' each' if self.tie else ''})"


def rank(values, higher_is_first=True, tol=0.0):
    """Rank a mapping or Series item -> value. Items within ``tol`` of the best share the lead
    (a tie); NaN values are left out. Order among equal values follows the input order, which
    callers should make meaningful (it is never used to pick a single leader)."""
    s = pd.Series(values, dtype="float64").dropna()
    if not s.index.is_unique:
        dup = sorted({str(k) for k in s.index[s.index.duplicated()]})[:5]
        raise ValueError(f"rank() needs one value per item; repeated: {', '.join(dup)} (aggregate first)")
    if s.empty:
        return Ranking([], [], {}, higher_is_first)
    sign = 1 if higher_is_first else -1
    order = sorted(s.index, key=lambda k: (-sign * s[k], list(s.index).index(k)))
    best = s[order[0]]
    leaders = [k for k in order if abs(s[k] - best) <= tol]
    return Ranking(order, leaders, s.to_dict(), higher_is_first)


@dataclass
class Comparison:
    """The result of compare(): whether ``a`` and ``b`` clearly differ, and the sentence saying
    so (``text``), which names the rule that decided it."""
    clear: bool
    higher: object
    text: str


def compare(name_a, est_a, name_b, est_b, min_n=10, fmt="{:+.2f}", what="mean"):
    """Compare two estimates, each a dict/Series with mean, low, high and n. Clearly different
    only when both rest on at least ``min_n`` observations and their intervals do not overlap;
    otherwise the sentence says "no clear difference" and why."""
    a, b = dict(est_a), dict(est_b)
    vals = f"{name_a} {fmt.format(a['mean'])} (n={a['n']:,}), {name_b} {fmt.format(b['mean'])} (n={b['n']:,})"
    if min(a["n"], b["n"]) < min_n:
        return Comparison(False, None, f"no clear difference in the {what}: under {min_n} observations "
                                       f"on one side ({vals})")
    if a["low"] <= b["high"] and b["low"] <= a["high"]:
        return Comparison(False, None, f"no clear difference in the {what}: the 95 % intervals overlap ({vals})")
    hi, lo = (name_a, name_b) if a["mean"] > b["mean"] else (name_b, name_a)
    return Comparison(True, hi, f"{hi} is higher than {lo} and the intervals do not overlap ({vals})")


def order_by_interval(frame, label="label", mean="mean", low="ci_low", high="ci_high", n="n", min_n=10, noun="item"):
    """Which items the data separate. Returns (top, bottom, statement): ``top`` are the items
    whose interval lies wholly above every other eligible item's interval (usually none or one),
    ``bottom`` likewise below; items with fewer than ``min_n`` observations are not ranked. The
    statement names what can be said, or says that no ``noun`` stands apart."""
    f = frame[frame[n] >= min_n]
    few = frame[frame[n] < min_n]
    note = f" ({join(few[label].tolist())} left out: fewer than {min_n} observations)" if len(few) else ""
    if len(f) < 2:
        return [], [], f"too few {noun}s with at least {min_n} observations to compare{note}"
    top = [r[label] for _, r in f.iterrows() if all(r[low] > o[high] for _, o in f.iterrows() if o[label] != r[label])]
    bottom = [r[label] for _, r in f.iterrows() if all(r[high] < o[low] for _, o in f.iterrows() if o[label] != r[label])]
    if not top and not bottom:
        return [], [], f"no {noun} stands apart (every 95 % interval overlaps another){note}"
    parts = []
    if top:
        parts.append(f"{join(top)} highest")
    if bottom:
        parts.append(f"{join(bottom)} lowest")
    return top, bottom, f"{' and '.join(parts)}, with intervals clear of the others{note}"


def describe_range(values, fmt="{:.0f}"):
    """"30-52" for a set of numbers (a single value if they are all equal)."""
    v = [x for x in np.asarray(values, dtype="float64") if not math.isnan(x)]
    if not v:
        return "n/a"
    lo, hi = min(v), max(v)
    return fmt.format(lo) if fmt.format(lo) == fmt.format(hi) else f"{fmt.format(lo)}–{fmt.format(hi)}"


def proportion(k, n, z=1.96):
    """A share k / n with its Wilson score interval (95 % by default), as the dict compare()
    takes: mean, low, high, n."""
    if n <= 0:
        return {"mean": float("nan"), "low": float("nan"), "high": float("nan"), "n": 0}
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return {"mean": p, "low": max(0.0, centre - half), "high": min(1.0, centre + half), "n": int(n)}


def sample_caveat(n_articles, n_stories, articles_per_outlet, small_n=30):
    """The sample-size limit of a notebook, as one Markdown bullet true for the corpus analysed:
    how many articles and distinct stories (wire copies counted once), and what an outlet's
    figure can mean given its number of articles. ``articles_per_outlet``: a Series or mapping
    outlet -> articles."""
    per = pd.Series(articles_per_outlet, dtype="float64")
    copies = n_articles - n_stories
    head = (f"**Sample.** {plural(n_articles, 'article')}"
            + (f" ({plural(n_stories, 'distinct story', 'distinct stories')} when copies of one wire story count once)"
               if copies > 0 else "") + ". ")
    if n_articles < small_n:
        body = "A case study: every comparison describes these texts, not the outlets in general"
    else:
        body = "Comparisons between outlets describe these articles; they are not a sample drawn to represent the outlets"
    if len(per) and per.min() <= 1:
        body += (f"; {int((per <= 1).sum())} of {len(per)} outlets rest on a single article, so an outlet's interval "
                 "describes that article only")
    elif len(per) and per.min() < small_n:
        body += f"; the smallest outlet has {int(per.min())} articles"
    return head + body + ". Nothing here is a test of significance across outlets."
