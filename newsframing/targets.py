"""Sentiment toward a target (layer 5): a linear model over the words around each actor mention,
without priors about the actors it measures (data/models/target_sentiment.json, trained on
NewsMTSC train by benchmarks/train_target_model.py).

Before any feature is computed every name of the mask vocabulary (masking.py: gazetteer countries,
demonyms, capitals, institutions, organisations and the actor aliases) and every mention in the
sentence are replaced by one placeholder, so the model has no feature that names a country or an
actor and cannot carry its training corpus's view of Russia or of Donald Trump.

    model = load_target_model()
    masker = default_masker()        # or Masker(mask_terms(gazetteer, actors)); the pipeline builds one
    target_sentiment(sents, mentions, model=model, masker=masker)
"""
from __future__ import annotations

import json
import os
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .config import DATA_DIR
from .gazetteer import load_gazetteer
from .masking import Masker, mask_terms
from .targetfeatures import (DEFAULT_GROUPS, DEFAULT_WINDOW, FEATURE_VERSION, mention_features,
                             sentence_features, window_valence)
from .vader import analyzer, sentiment_label
from .vocab import load_actors

TARGET_MODEL = DATA_DIR / "models" / "target_sentiment.json"
TARGET_CLASSES = ["negative", "neutral", "positive"]
#: Token distance around the target that counts as "near" (features ``Lw=``/``Rw=`` and the
#: window baseline); chosen by 5-fold cross-validation on NewsMTSC train only.
TARGET_WINDOW = DEFAULT_WINDOW

_FIX = float(2 ** 40)


class TargetModel:
    """A multinomial logistic regression stored as JSON: classes, intercept, coef {feature:
    [3 floats]}, window, groups, feature_version. predict_proba uses numpy only; each row's
    score is an exact (integer, fixed-point) sum of its products, so a mention gets
    bit-identical probabilities alone or in any batch, in any feature order, in any process."""

    def __init__(self, spec):
        if spec.get("classes") != TARGET_CLASSES or "coef" not in spec:
            raise ValueError(f"not a target-sentiment model: classes {spec.get('classes')}")
        if spec.get("feature_version") != FEATURE_VERSION:
            raise ValueError(f"model has feature_version {spec.get('feature_version')!r}; this code "
                             f"computes {FEATURE_VERSION!r}: retrain with benchmarks/train_target_model.py")
        self.spec = spec
        self.classes = list(spec["classes"])
        self.window = int(spec.get("window", DEFAULT_WINDOW))
        self.groups = tuple(spec.get("groups", DEFAULT_GROUPS))
        self.intercept = np.asarray(spec["intercept"], dtype="float64")
        names = sorted(spec["coef"])
        self.index = {k: i for i, k in enumerate(names)}
        self.W = np.asarray([spec["coef"][k] for k in names], dtype="float64").reshape(-1, 3)

    @classmethod
    def load(cls, path):
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh))

    @property
    def features(self):
        return sorted(self.index)

    def mention_features(self, sf, start, end):
        """mention_features() with the model's window and feature groups."""
        return mention_features(sf, start, end, self.window, self.groups)

    def decision(self, feats, chunk=8192):
        """(n, 3) linear scores for a list of feature dicts: the intercept plus each known
        feature's coefficients x value. The products are added exactly, as integers in units of
        2**-40 (|error| < 1e-12 a product), so a score does not depend on the order of a dict,
        on the batch a mention is scored in, or on the process: bit-identical every time."""
        index, W = self.index, self.W
        out = np.zeros((len(feats), 3))
        get = index.get
        for c0 in range(0, len(feats), chunk):
            part = feats[c0:c0 + chunk]
            keys = [k for f in part for k in f]
            vals = np.array([v for f in part for v in f.values()], dtype="float64")
            idx = np.array([get(k, -1) for k in keys], dtype="int64")
            rows = np.repeat(np.arange(len(part)), [len(f) for f in part])
            keep = idx >= 0
            idx, vals, rows = idx[keep], vals[keep], rows[keep]
            q = np.rint(W[idx] * vals[:, None] * _FIX).astype("int64")
            lens = np.bincount(rows, minlength=len(part))
            sums = np.zeros((len(part), 3), dtype="int64")
            full = np.flatnonzero(lens)
            if len(full):
                sums[full] = np.add.reduceat(q, (np.cumsum(lens) - lens)[full], axis=0)
            out[c0:c0 + chunk] = self.intercept + sums / _FIX
        return out

    def predict_proba(self, feats):
        """(n, 3) probabilities (negative, neutral, positive) for a list of feature dicts."""
        z = self.decision(feats)
        z = np.exp(z - z.max(axis=1, keepdims=True)) if len(z) else z
        return z / z.sum(axis=1, keepdims=True) if len(z) else z

    def predict(self, feats):
        """The most probable class of each feature dict."""
        P = self.predict_proba(feats)
        return [self.classes[i] for i in P.argmax(axis=1)] if len(P) else []

    def score_sentence(self, sentence, spans, masker, compound=None):
        """Probabilities for several mentions (start, end) of one sentence: the sentence's
        features are computed once (the vocabulary masked, not the spans)."""
        sf = sentence_features(sentence, masker, compound=compound)
        return self.predict_proba([self.mention_features(sf, a, b) for a, b in spans])


def score_mentions(model, masker, items):
    """(n, 3) probabilities for mentions given as (sentence, start, end, compound_or_None),
    grouped so each distinct sentence is featurised once (in the order given); the vocabulary is
    masked, not the other spans."""
    cache = OrderedDict()
    feats = []
    for s, a, b, comp in items:
        key = (s, comp)
        sf = cache.get(key)
        if sf is None:
            sf = cache[key] = sentence_features(s, masker, compound=comp)
            if len(cache) > 64:
                cache.popitem(last=False)
        feats.append(model.mention_features(sf, a, b))
    return model.predict_proba(feats)


def load_target_model(path=None):
    """The shipped target-sentiment model (data/models/target_sentiment.json), offline."""
    path = Path(path or TARGET_MODEL)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: target-sentiment model not found; rebuild it with "
                                "benchmarks/train_target_model.py")
    with open(path, encoding="utf-8") as fh:
        spec = json.load(fh)
    if not isinstance(spec, dict) or spec.get("classes") != TARGET_CLASSES or "coef" not in spec:
        raise ValueError(f"{path}: not a target-sentiment model (classes "
                         f"{spec.get('classes') if isinstance(spec, dict) else None})")
    return TargetModel(spec)


@lru_cache(maxsize=2)
def _default_masker(stamp):
    return Masker(mask_terms(load_gazetteer(), load_actors()))


def default_masker():
    """The Masker of the default vocabulary: data/gazetteer/ and data/actors.csv (its general
    rows), as load_vocabulary() builds it; cached while those files are unchanged."""
    paths = [*load_gazetteer().paths, str(DATA_DIR / "actors.csv")]
    return _default_masker(tuple((p, os.stat(p).st_mtime_ns, os.stat(p).st_size) for p in paths))


def target_features(sentence, start, end, masker=None, window=TARGET_WINDOW, groups=DEFAULT_GROUPS):
    """Features of one mention ``sentence[start:end]`` (a dict name -> value), as the model reads
    them: the vocabulary of ``masker`` (default_masker() when None) and the mention itself masked,
    so neither the name nor any other actor or country name appears in a feature."""
    masker = default_masker() if masker is None else masker
    sf = sentence_features(sentence, masker, [(start, end)])
    return mention_features(sf, start, end, window, groups)


def target_sentiment(sents, mentions, model=None, window=TARGET_WINDOW, masker=None, chunk=8192):
    """Sentiment toward each mention (a copy of ``mentions`` plus):

    - p_negative, p_neutral, p_positive, target_score (= p_positive - p_negative, in [-1, 1])
      and target_label (the most probable class): the shipped model, which reads the words
      around and governing the mention with every vocabulary name of ``masker`` (default_masker()
      when None) and every mention of the sentence masked;
    - window_compound: a VADER-style compound of ``window`` tokens either side of the mention
      from per-token VADER lexicon values (targetfeatures.window_valence; no "but" or !/?
      emphasis), a simpler target-dependent baseline;
    - sentence_compound, sentence_label: VADER on the whole sentence (what a sentence-level
      method would give every actor in it), and text (the sentence).
    ``sents`` needs doc_id, sent, text; ``mentions`` is actor_mentions(sents). When ``sents``
    has VADER's ``compound`` (score_sentences), sentence_compound is taken from it (the same
    number) instead of scoring the sentence again. Each sentence is featurised once; nothing
    calls VADER per mention.
    """
    model = model or load_target_model()
    masker = default_masker() if masker is None else masker
    out = mentions.copy()
    keys = list(zip(sents["doc_id"], sents["sent"]))
    text = dict(zip(keys, sents["text"]))
    comp = dict(zip(keys, sents["compound"])) if "compound" in sents.columns else None
    v = analyzer()
    use_comp = "compound" in model.groups
    # the mentions of each sentence, in order of first appearance
    by_sent = {}
    for i, (d, k, a, b) in enumerate(zip(out["doc_id"], out["sent"], out["s_start"], out["s_end"])):
        by_sent.setdefault((d, k), []).append((i, int(a), int(b)))
    n = len(out)
    P = np.zeros((n, 3))
    wc, sc = np.zeros(n), np.zeros(n)
    feats, rows = [], []
    for key, ms in by_sent.items():
        t = text[key]
        c = comp[key] if comp is not None else v.polarity_scores(t)["compound"]
        sf = sentence_features(t, masker, [(a, b) for _, a, b in ms], c if use_comp else None)
        for i, a, b in ms:
            feats.append(model.mention_features(sf, a, b))
            rows.append(i)
            wc[i] = window_valence(sf, a, b, window)
            sc[i] = c
        if len(feats) >= chunk:
            P[rows] = model.predict_proba(feats)
            feats, rows = [], []
    if feats:
        P[rows] = model.predict_proba(feats)
    for i, c in enumerate(model.classes):
        out[f"p_{c}"] = P[:, i]
    out["target_score"] = P[:, 2] - P[:, 0]
    out["target_label"] = [model.classes[i] for i in P.argmax(axis=1)] if n else []
    out["window_compound"] = wc
    out["sentence_compound"] = sc
    out["sentence_label"] = sentiment_label(out["sentence_compound"]) if n else []
    out["text"] = [text[(d, k)] for d, k in zip(out["doc_id"], out["sent"])]
    return out


def target_evidence(scored_mentions, by=("label", "actor"), k=2, value="target_score"):
    """Evidence sentences: for each group, the ``k`` most negative and ``k`` most positive
    mentions (by ``value``), with the mention marked [[like this]] in the sentence. Columns:
    the ``by`` columns, side (most negative / most positive), value, target_label, sentence."""
    keys = list(by) if not isinstance(by, str) else [by]
    rows = []
    for key, g in scored_mentions.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        g = g.sort_values(value, kind="stable")
        for side, part in (("most negative", g.head(k)), ("most positive", g.tail(k).iloc[::-1])):
            if side == "most positive":
                part = part[~part.index.isin(g.head(k).index)] if len(g) <= 2 * k else part
            for _, r in part.iterrows():
                t = r["text"]
                marked = t[:r["s_start"]] + "[[" + t[r["s_start"]:r["s_end"]] + "]]" + t[r["s_end"]:]
                rows.append(dict(zip(keys, key), side=side, value=float(r[value]),
                                 target_label=r["target_label"], sentence=marked))
    return pd.DataFrame(rows, columns=keys + ["side", "value", "target_label", "sentence"])
