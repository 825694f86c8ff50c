"""What a report says about its corpus (presentation): the facts on a reader PDF's title page
and the ``Source:`` line under every chart, both computed from the corpus actually analysed,
so a papermill run on another corpus says so.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .config import ROOT
from .corpus import rejected

#: Columns of a manifest that may hold an article's publication date, in order of preference.
DATE_COLUMNS = ("published", "date", "pub_date")


def _shown_path(path, folder=False):
    """A path as a reader should see it: relative to the repository when inside it, else its
    last two parts (an absolute path says more about the machine than about the corpus)."""
    if path is None or str(path) == "":
        return ""
    p = Path(path).resolve()
    try:
        text = p.relative_to(ROOT).as_posix()
    except ValueError:
        text = "/".join(p.parts[-2:])
    return text + ("/" if folder else "")


def _date(ts):
    return f"{ts.day} {ts:%B %Y}"


def _dates(articles):
    """(dated, span): how many articles carry a parseable publication date (the first of
    DATE_COLUMNS present) and their span as text, "" when none do."""
    col = next((c for c in DATE_COLUMNS if c in articles.columns), None)
    if col is None:
        return 0, ""
    dates = pd.to_datetime(articles[col].replace("", None), errors="coerce", utc=True, format="mixed").dropna()
    if dates.empty:
        return 0, ""
    first, last = dates.min(), dates.max()
    if first.date() == last.date():
        span = _date(first)
    elif (first.year, first.month) == (last.year, last.month):
        span = f"{first.day}\u2013{_date(last)}"
    elif first.year == last.year:
        span = f"{first.day} {first:%B} \u2013 {_date(last)}"
    else:
        span = f"{_date(first)} \u2013 {_date(last)}"
    return len(dates), span


def date_range(articles):
    """The articles' publication dates as text: "26 April 2023", "26 April \u2013 3 May 2023",
    with "(3 of 5 articles dated)" when not all are, or "not recorded in the manifest"."""
    dated, span = _dates(articles)
    if not dated:
        return "not recorded in the manifest"
    return span + (f" ({dated:,} of {len(articles):,} articles dated)" if dated < len(articles) else "")


def corpus_facts(articles, corpus_dir=None, manifest=None):
    """What a title page says about the corpus: a dict with n_articles, n_outlets, n_rejected,
    folder (shown path of ``corpus_dir``), manifest (shown path), dates (date_range). Assumes
    ``articles`` is load_corpus() output (a ``label`` or ``outlet`` column names the outlet;
    rejected files, if any, in ``articles.attrs``)."""
    outlet = "label" if "label" in articles.columns else "outlet" if "outlet" in articles.columns else None
    return {"n_articles": len(articles), "n_outlets": int(articles[outlet].nunique()) if outlet else 0,
            "n_rejected": len(rejected(articles)), "folder": _shown_path(corpus_dir, folder=True),
            "manifest": _shown_path(manifest), "dates": date_range(articles)}


def corpus_source(articles, corpus_dir=None, manifest=None, method=None):
    """The ``Source:`` line for charts of this corpus, written for readers: how many articles
    from how many outlets, when they were published, where they are (folder and manifest),
    then ``method`` (what produced the measure, e.g. "VADER 3.3.2 sentence scores"). Pass it
    to charts.setup; a papermill run on another corpus gets that corpus' line."""
    f = corpus_facts(articles, corpus_dir, manifest)
    n, k = f["n_articles"], f["n_outlets"]
    dated, span = _dates(articles)
    text = f"{n:,} article{'s' if n != 1 else ''} from {k:,} outlet{'s' if k != 1 else ''}"
    if dated == n and n:
        text += f", published {span}"
    elif dated:
        text += f" ({dated:,} dated: {span})"
    else:
        text += " (publication dates not recorded)"
    if f["folder"]:
        text += f" in {f['folder']}"
    if f["manifest"]:
        text += f", listed in {f['manifest']}"
    return text + (f"; {method}" if method else "")
