"""Sentiment toward a target (layer 4): a linear model over the words around each actor
mention, with the mention itself masked (data/models/target_sentiment.json, trained on NewsMTSC
by benchmarks/train_target_model.py)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from .config import DATA_DIR
from .text import TOKEN_RE
from .vader import analyzer, sentiment_label


TARGET_MODEL = DATA_DIR / "models" / "target_sentiment.json"
TARGET_CLASSES = ["negative", "neutral", "positive"]

_NEGATORS = frozenset("not no never n't without nor neither hardly cannot".split())
#: Token distance around the target that counts as "near" (features ``Lw=``/``Rw=`` and the
#: windowed VADER scores); chosen by 5-fold cross-validation on NewsMTSC train only.
TARGET_WINDOW = 8


def target_features(sentence, start, end, window=TARGET_WINDOW):
    """Features of one target mention ``sentence[start:end]`` for the target-sentiment model
    (a dict name -> value; the target's own words are masked, so a name carries no sentiment):

    - ``w=word``: words of the sentence outside the target (lower-cased, binary);
    - ``Lw=word`` / ``Rw=word``: words within ``window`` tokens left / right of the target;
    - ``bg=a_b``: word pairs in that window, the target written as <T>;
    - VADER (as written, target replaced by "it"): the sentence compound/pos/neg
      (``v_sent*``), left and right windows (``v_left``, ``v_right``), windows of 3, 5, 12
      tokens either side (``v_w3`` ...), lexicon scores summed with weight 1/distance
      (``v_dist``), and lexicon strength by side, distance band and sign (``lexL1p`` ...);
    - position: ``pos_frac`` (share of the sentence before the target), ``t_first`` (target
      opens the sentence), ``bias_len``; ``neg_near`` (a negator within 3 tokens);
      ``in_quote`` (the target sits inside quotation marks).
    """
    toks = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(sentence)]
    return _target_features(sentence, toks, start, end, window)[0]


def _target_features(sentence, toks, start, end, window, score=None):
    """target_features() from the sentence's tokens (TOKEN_RE matches as (text, start, end)), so
    several mentions of one sentence share them; also returns the tokens left and right.
    ``score``: VADER's polarity_scores or a memo of it (windows often repeat)."""
    lex = analyzer().lexicon
    left = [t for t, s, e in toks if e <= start]
    right = [t for t, s, e in toks if s >= end]
    low_l = [t.lower() for t in left]
    low_r = [t.lower() for t in right]
    f = {"bias_len": min(len(toks), 60) / 60, "pos_frac": len(left) / max(1, len(left) + len(right))}
    for d, w in enumerate(reversed(low_l), 1):
        if d <= window:
            f["Lw=" + w] = 1.0
    for d, w in enumerate(low_r, 1):
        if d <= window:
            f["Rw=" + w] = 1.0
    for w in sorted(set(low_l + low_r)):
        f["w=" + w] = 1.0
    seq = low_l[-window:] + ["<T>"] + low_r[:window]
    for a, b in zip(seq, seq[1:]):
        f[f"bg={a}_{b}"] = 1.0
    score = score or analyzer().polarity_scores
    masked = sentence[:start] + "it" + sentence[end:]
    sc = score(masked)
    f["v_sent"], f["v_sent_pos"], f["v_sent_neg"] = sc["compound"], sc["pos"], sc["neg"]
    lw, rw = " ".join(left[-window:]), " ".join(right[:window])
    f["v_left"] = score(lw)["compound"] if lw else 0.0
    f["v_right"] = score(rw)["compound"] if rw else 0.0
    acc = 0.0
    for side, seqw in (("L", list(reversed(low_l))), ("R", low_r)):
        for d, w in enumerate(seqw, 1):
            s = lex.get(w, 0.0)
            if s:
                acc += s / d
                band = "1" if d <= 2 else "2" if d <= 5 else "3" if d <= window else "4"
                key = f"lex{side}{band}{'p' if s > 0 else 'n'}"
                f[key] = f.get(key, 0.0) + abs(s) / 4
    f["v_dist"] = acc / 4
    for k in (3, 5, 12):
        c = score(" ".join(left[-k:] + ["it"] + right[:k]))
        f[f"v_w{k}"], f[f"v_w{k}_neg"], f[f"v_w{k}_pos"] = c["compound"], c["neg"], c["pos"]
    f["t_first"] = float(len(left) <= 1)
    f["neg_near"] = float(any(w in _NEGATORS for w in low_l[-3:] + low_r[:3]))
    before = sentence[:start]
    f["in_quote"] = float(before.count('"') % 2 == 1 or before.count("“") > before.count("”"))
    return f, left, right


class TargetModel:
    """A multinomial logistic regression stored as JSON (vocabulary + coefficients): predicts
    P(negative), P(neutral), P(positive) toward a target from target_features()."""

    def __init__(self, spec):
        self.spec = spec
        self.classes = list(spec["classes"])
        self.intercept = np.asarray(spec["intercept"], dtype="float64")
        self.coef = {k: np.asarray(c, dtype="float64") for k, c in spec["coef"].items()}
        self.window = int(spec.get("window", TARGET_WINDOW))

    def predict_proba_features(self, feats):
        z = self.intercept.copy()
        # Sum in sorted order: float addition is not associative, and set order varies with
        # PYTHONHASHSEED, so this keeps results bit-identical across processes.
        for k in sorted(feats):
            x = feats[k]
            c = self.coef.get(k)
            if c is not None:
                z += c * x
        z = np.exp(z - z.max())
        return z / z.sum()

    def predict_proba_many(self, feats, chunk=2048):
        """predict_proba_features for a list of feature dicts, as an (n, 3) array: the same
        numbers (products added one at a time in sorted feature order: cumsum along each row,
        zero-padded), computed with numpy."""
        if not hasattr(self, "_W"):
            names = sorted(self.coef)
            self._index = {k: i for i, k in enumerate(names)}
            self._W = np.array([self.coef[k] for k in names], dtype="float64").reshape(-1, 3)
        index, out = self._index, np.zeros((len(feats), 3))
        for c0 in range(0, len(feats), chunk):
            part, idx, val, lens = feats[c0:c0 + chunk], [], [], []
            for f in part:
                ks = [k for k in sorted(f) if k in index]
                idx.extend([index[k] for k in ks])
                val.extend([f[k] for k in ks])
                lens.append(len(ks))
            lens = np.array(lens, dtype="int64")
            Z = np.zeros((len(part), int(lens.max()) + 1, 3))
            Z[:, 0] = self.intercept
            rows = np.repeat(np.arange(len(part)), lens)
            cols = np.arange(len(rows)) - np.repeat(np.cumsum(lens) - lens - 1, lens)
            Z[rows, cols] = self._W[np.array(idx, dtype="int64")] * np.array(val, dtype="float64")[:, None]
            z = np.cumsum(Z, axis=1)[:, -1]
            z = np.exp(z - z.max(axis=1, keepdims=True))
            out[c0:c0 + chunk] = z / z.sum(axis=1, keepdims=True)
        return out

    def predict_proba(self, sentence, start, end):
        return self.predict_proba_features(target_features(sentence, start, end, self.window))

    def predict(self, sentence, start, end):
        return self.classes[int(np.argmax(self.predict_proba(sentence, start, end)))]


def load_target_model(path=None):
    """The shipped target-sentiment model (data/models/target_sentiment.json), offline."""
    path = Path(path or TARGET_MODEL)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: target-sentiment model not found; rebuild it with "
                                "benchmarks/train_target_model.py")
    with open(path, encoding="utf-8") as fh:
        spec = json.load(fh)
    if spec.get("classes") != TARGET_CLASSES or "coef" not in spec:
        raise ValueError(f"{path}: not a target-sentiment model (classes {spec.get('classes')})")
    return TargetModel(spec)


def target_sentiment(sents, mentions, model=None, window=TARGET_WINDOW):
    """Sentiment toward each mention (a copy of ``mentions`` plus):

    - p_negative, p_neutral, p_positive, target_score (= p_positive - p_negative, in [-1, 1])
      and target_label (the most probable class): the shipped model, which reads the words
      around and governing the mention with the mention itself masked;
    - window_compound: VADER compound of ``window`` tokens either side of the mention (a
      simpler target-dependent baseline);
    - sentence_compound, sentence_label: VADER on the whole sentence (what a sentence-level
      method would give every actor in it), and text (the sentence).
    ``sents`` needs doc_id, sent, text; ``mentions`` is actor_mentions(sents). When ``sents``
    has VADER's ``compound`` (score_sentences), sentence_compound is taken from it (the same
    number) instead of scoring the sentence again. Each sentence is tokenised once.
    """
    model = model or load_target_model()
    out = mentions.copy()
    keys = list(zip(sents["doc_id"], sents["sent"]))
    text = dict(zip(keys, sents["text"]))
    comp = dict(zip(keys, sents["compound"])) if "compound" in sents.columns else None
    v, memo = analyzer(), {}

    def score(x):          # VADER is a function of the string: score each distinct one once
        r = memo.get(x)
        if r is None:
            r = memo[x] = v.polarity_scores(x)
        return r
    feats, wc, sc, toks_of = [], [], [], {}
    for d, k, a, b in zip(out["doc_id"], out["sent"], out["s_start"], out["s_end"]):
        t = text[(d, k)]
        toks = toks_of.get((d, k))
        if toks is None:
            toks = toks_of[(d, k)] = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(t)]
        f, left, right = _target_features(t, toks, a, b, model.window, score)
        feats.append(f)
        if window != model.window:
            left = [x for x, s, e in toks if e <= a]
            right = [x for x, s, e in toks if s >= b]
        wc.append(score(" ".join(left[-window:] + [t[a:b]] + right[:window]))["compound"])
        sc.append(comp[(d, k)] if comp is not None else score(t)["compound"])
    P = model.predict_proba_many(feats) if feats else np.zeros((0, 3))
    for i, c in enumerate(model.classes):
        out[f"p_{c}"] = P[:, i]
    out["target_score"] = P[:, 2] - P[:, 0]
    out["target_label"] = [model.classes[i] for i in P.argmax(axis=1)] if len(P) else []
    out["window_compound"] = np.array(wc, dtype="float64")
    out["sentence_compound"] = np.array(sc, dtype="float64")
    out["sentence_label"] = sentiment_label(out["sentence_compound"]) if len(out) else []
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
# ==== END SECTION: sentiment ====

# ==== SECTION: framing ====
# Framing: how outlets name the same things (labels), which frames they invoke (a transparent
# lexicon scored per 1,000 words, every score backed by its sentences), which words set an outlet
# apart (log-odds with an informative Dirichlet prior, Monroe, Colaresi & Quinn 2008), and
