"""VADER access (layer 2): one cached analyzer, sentences scored as written, labels.

VADER = vaderSentiment 3.3.2 (Hutto & Gilbert 2014). Its compound score is in [-1, 1]; it reads
capitals, "!!!", "but" and negation, so sentences are passed to it exactly as written.
"""
from __future__ import annotations

import numpy as np


#: VADER's own convention (Hutto & Gilbert 2014): compound >= 0.05 positive, <= -0.05 negative.
NEUTRAL_BAND = 0.05
SENTIMENT_COLUMNS = ["neg", "neu", "pos", "compound"]

_ANALYZERS = {}


def analyzer(extension=None):
    """A cached SentimentIntensityAnalyzer; with ``extension`` (a frame of word, score) a separate
    analyzer whose lexicon is VADER's updated with those words (VADER's own is never touched)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    key = None if extension is None else tuple(zip(extension["word"], extension["score"]))
    if key not in _ANALYZERS:
        a = SentimentIntensityAnalyzer()
        if key:
            a.lexicon = dict(a.lexicon)
            a.lexicon.update({w.lower(): float(s) for w, s in key})
        _ANALYZERS[key] = a
    return _ANALYZERS[key]


def score_sentences(sents, text_col="text", extension=None):
    """A copy of ``sents`` with VADER's neg, neu, pos, compound for each sentence's text, scored
    exactly as written (no lower-casing or stripping: VADER uses capitals and punctuation).

    With ``extension`` (load_sentiment_extension()), adds ext_neg, ext_neu, ext_pos,
    ext_compound from VADER with the domain words added: side by side, VADER's columns unchanged.
    """
    out = sents.copy()
    texts = ["" if not isinstance(t, str) else t for t in out[text_col]]
    for prefix, ext in [("", None)] + ([("ext_", extension)] if extension is not None else []):
        a = analyzer(ext)
        sc = [a.polarity_scores(t) for t in texts]
        for c in SENTIMENT_COLUMNS:
            out[prefix + c] = np.array([s[c] for s in sc], dtype="float64")
    return out


def sentiment_label(compound, band=NEUTRAL_BAND):
    """negative / neutral / positive from compound scores (VADER's +-0.05 band)."""
    c = np.asarray(compound, dtype="float64")
    return np.where(c >= band, "positive", np.where(c <= -band, "negative", "neutral"))
