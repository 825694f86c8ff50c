"""Sentiment (layer 4): VADER per sentence as written, aggregates with bootstrap intervals, the
reporter's voice vs quoted sentences, and what VADER's lexicon can and cannot see.

VADER = vaderSentiment 3.3.2 (Hutto & Gilbert 2014), through vader.py. Aggregates resample
whole articles where there are several (sentences of one article are not independent).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from .config import DATA_DIR
from .errors import VocabularyError
from .lexscan import char_table, code_points
from .stats import bootstrap_ci
from .text import WORD_RE
from .vader import NEUTRAL_BAND, analyzer


def sentiment_by(scored, by="doc_id", value="compound", cluster=None, n_boot=2000, ci=0.95,
                 random_state=0, band=NEUTRAL_BAND):
    """One row per group: the ``by`` column(s), n (rows scored), n_clusters, mean, ci_low,
    ci_high (bootstrap_ci; ``cluster`` e.g. "doc_id" resamples whole articles), share_negative,
    share_positive (share of rows with value <= -band / >= band), ci_unit ("sentence" or the
    cluster column; "sentence" also when a group has fewer than 2 clusters, where resampling
    articles cannot give an interval). Every group uses the same seed, so adding a group never
    changes another group's interval."""
    keys = [by] if isinstance(by, str) else list(by)
    rows = []
    for k, g in scored.groupby(keys, sort=True, dropna=False):
        k = k if isinstance(k, tuple) else (k,)
        v = g[value].to_numpy(dtype="float64")
        ncl = g[cluster].nunique() if cluster else len(g)
        use = cluster if cluster and ncl >= 2 else None
        m, lo, hi = bootstrap_ci(v, None if use is None else g[use], n_boot, ci, random_state)
        rows.append(dict(zip(keys, k), n=len(g), n_clusters=int(ncl), mean=m, ci_low=lo, ci_high=hi,
                         share_negative=float((v <= -band).mean()), share_positive=float((v >= band).mean()),
                         ci_unit=use or "sentence"))
    cols = keys + ["n", "n_clusters", "mean", "ci_low", "ci_high", "share_negative", "share_positive", "ci_unit"]
    return pd.DataFrame(rows, columns=cols)


def sentiment_arc(scored, window=3, value="compound"):
    """The sentence-by-sentence arc of each article: doc_id, sent, position (0 = first sentence,
    1 = last), the value, and ``rolling`` (centred mean over ``window`` sentences, shorter at
    the ends)."""
    d = scored.sort_values(["doc_id", "sent"], kind="stable")[["doc_id", "sent", value]].copy()
    n = d.groupby("doc_id")["sent"].transform("count")
    rank = d.groupby("doc_id").cumcount()
    d["position"] = np.where(n > 1, rank / (n - 1).clip(lower=1), 0.0)
    d["rolling"] = d.groupby("doc_id")[value].transform(
        lambda s: s.rolling(window, center=True, min_periods=1).mean())
    return d.reset_index(drop=True)

def sentence_voice(sents, quotes, threshold=0.5, kinds=("direct", "partial")):
    """A copy of ``sents`` with quote_share, voice, speaker, side.

    quote_share: the share of the sentence's letters and digits inside quote spans of
    extract_quotes (offsets into the article text) whose kind is in ``kinds`` (scare quotes, a
    reporter's label in quotation marks, are the reporter's words). voice: "quoted" when
    quote_share >= ``threshold`` (most of the sentence is someone else's words), else
    "reporter". speaker/side: of the quote covering most of the sentence ("" for reporter
    sentences). A reporter's sentence with a short partial quote stays "reporter".
    """
    # Vectorised (tests/test_sentiment.py keeps the plain loop it must equal): all texts
    # as one array of code points, prefix sums of letters/digits, and each sentence's covered
    # intervals merged in numpy. Ties for "covering most" go to the quote with the earlier start
    # (then the earlier row of ``quotes``).
    out = sents.copy()
    n = len(out)
    _, codes, offs = code_points(out["text"].tolist())
    lens = np.diff(offs)
    csum = np.zeros(len(codes) + 1, dtype="int64")
    np.cumsum(char_table(codes, "alnum", str.isalnum).view(np.int8), out=csum[1:])
    total = np.maximum(csum[offs[1:]] - csum[offs[:-1]], 1)
    n_cov = np.zeros(n, dtype="int64")
    spk, blc = [""] * n, [""] * n
    q = quotes[quotes["kind"].isin(kinds)] if len(quotes) else quotes
    if len(q) and n:
        docs, _ = pd.factorize(pd.concat([out["doc_id"], q["doc_id"]], ignore_index=True))
        sd, qd = docs[:n], docs[n:]
        order = np.lexsort((np.arange(len(q)), q["start"].to_numpy(dtype="int64"), qd))
        order = order[qd[order] >= 0]
        qd, qs, qe = qd[order], q["start"].to_numpy(dtype="int64")[order], q["end"].to_numpy(dtype="int64")[order]
        lo = np.searchsorted(qd, sd, side="left")
        cnt = np.where(sd >= 0, np.searchsorted(qd, sd, side="right") - lo, 0)
        row = np.repeat(np.arange(n), cnt)        # every (sentence, quote of its article) pair
        qi = np.arange(len(row)) - np.repeat(np.cumsum(cnt) - cnt - lo, cnt)
        s = out["start"].to_numpy(dtype="int64")[row]
        a = np.maximum(qs[qi], s)
        b = np.minimum(qe[qi], out["end"].to_numpy(dtype="int64")[row])
        hit = a < b
        row, qi, s, a, b = row[hit], qi[hit], s[hit], a[hit], b[hit]
        # covered characters as positions in the joined texts (none past a sentence's text);
        # sorted by start, each interval adds only what lies beyond the furthest end so far
        ca = offs[row] + np.minimum(a - s, lens[row])
        cb = offs[row] + np.minimum(b - s, lens[row])
        o = np.argsort(ca, kind="stable")
        prev = np.concatenate(([0], np.maximum.accumulate(cb[o])[:-1]))
        new = csum[np.maximum(cb[o], prev)] - csum[np.maximum(ca[o], prev)]
        n_cov = np.bincount(row[o], weights=new, minlength=n).astype("int64")
        share = n_cov / total
        pick = np.lexsort((qi, a - b, row))            # per sentence: largest overlap first
        pick = pick[np.r_[True, row[pick][1:] != row[pick][:-1]]] if len(pick) else pick
        qsp, qbl = q["speaker"].to_numpy(dtype=object), q["side"].to_numpy(dtype=object)
        for r, j in zip(row[pick].tolist(), order[qi[pick]].tolist()):
            if share[r] >= threshold:
                spk[r], blc[r] = qsp[j], qbl[j]
    out["quote_share"] = n_cov / total
    out["voice"] = np.where(out["quote_share"] >= threshold, "quoted", "reporter")
    out["speaker"] = spk
    out["side"] = blc
    return out


# --- lexicon coverage ------------------------------------------------------------------------


def load_sentiment_extension(path=None):
    """The domain extension lexicon (data/sentiment_extension.csv): word, score (VADER's -4..+4
    scale), in_vader (VADER 3.3.2's own score or empty), rationale. Validated: one word per row
    (lower case, no spaces), unique, score in [-4, 4], a rationale for every word."""
    path = Path(path or DATA_DIR / "sentiment_extension.csv")
    if not path.is_file():
        raise VocabularyError(f"{path}: sentiment extension lexicon not found")
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    need = ["word", "score", "rationale"]
    if [c for c in need if c not in df.columns]:
        raise VocabularyError(f"{path}: needs columns {need}; has {list(df.columns)}")
    df = df[need].apply(lambda s: s.str.strip())
    for i, (w, sc, r) in enumerate(zip(df["word"], df["score"], df["rationale"]), start=2):
        if not w or w != w.lower() or " " in w:
            raise VocabularyError(f"{path}: line {i}: word {w!r} must be one lower-case word")
        try:
            v = float(sc)
        except ValueError:
            raise VocabularyError(f"{path}: line {i} ({w}): score {sc!r} is not a number") from None
        if not -4 <= v <= 4:
            raise VocabularyError(f"{path}: line {i} ({w}): score {v} outside VADER's -4..4 scale")
        if not r:
            raise VocabularyError(f"{path}: line {i} ({w}): empty rationale")
    dup = df["word"][df["word"].duplicated()]
    if len(dup):
        raise VocabularyError(f"{path}: duplicate word(s) {sorted(dup)}")
    df["score"] = df["score"].astype("float64")
    lex = analyzer().lexicon
    df["in_vader"] = [lex.get(w, np.nan) for w in df["word"]]
    return df[["word", "score", "in_vader", "rationale"]]


def lexicon_coverage(sents, extension=None, text_col="text"):
    """What VADER can see in this corpus: one row per word type (lower-cased; letters only, so
    numbers and punctuation are not counted), with n (tokens), n_docs, vader (VADER's lexicon
    score, NaN when VADER has no entry: the word contributes nothing), extension (the domain
    lexicon's score, NaN when absent) and status: "vader" (scored by VADER only), "both",
    "extension only" (a sentiment-bearing word of this domain that VADER cannot see), "none".
    Sorted by n, descending. VADER also reads emphasis, negation and "but", which a word list
    cannot show. Use coverage_summary() for the shares."""
    lex = analyzer().lexicon
    ext = {} if extension is None else dict(zip(extension["word"], extension["score"]))
    n, docs = Counter(), {}
    ids = sents["doc_id"] if "doc_id" in sents else pd.Series(range(len(sents)))
    for d, t in zip(ids, sents[text_col]):
        for w in WORD_RE.findall(t if isinstance(t, str) else ""):
            w = w.lower().replace("’", "'")
            n[w] += 1
            docs.setdefault(w, set()).add(d)
    rows = [(w, c, len(docs[w]), lex.get(w, np.nan), ext.get(w, np.nan)) for w, c in n.items()]
    df = pd.DataFrame(rows, columns=["word", "n", "n_docs", "vader", "extension"])
    iv, ie = df["vader"].notna(), df["extension"].notna()
    df["status"] = np.select([iv & ie, iv, ie], ["both", "vader", "extension only"], "none")
    return df.sort_values(["n", "word"], ascending=[False, True], kind="stable").reset_index(drop=True)


def coverage_summary(coverage):
    """Shares from lexicon_coverage(): tokens, word types, share of tokens VADER scores, share
    of tokens only the extension scores, and the same for types. One-row DataFrame."""
    c = coverage
    tok = int(c["n"].sum())
    iv, eo = c["vader"].notna(), c["status"] == "extension only"
    return pd.DataFrame([{
        "tokens": tok, "types": len(c),
        "share_tokens_vader": float(c.loc[iv, "n"].sum() / tok) if tok else float("nan"),
        "share_tokens_extension_only": float(c.loc[eo, "n"].sum() / tok) if tok else float("nan"),
        "share_types_vader": float(iv.mean()) if len(c) else float("nan"),
        "tokens_extension_only": int(c.loc[eo, "n"].sum())}])


def _afinn_lexicon():
    """AFINN-165 (Nielsen 2011, "A new ANEW"): 3,382 English words rated -5..+5 for sentiment,
    read from the afinn package's data (ODbL)."""
    import afinn
    path = Path(afinn.__file__).resolve().parent / "data" / "AFINN-en-165.txt"
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            w, v = line.rsplit("\t", 1)
            out[w.strip().lower()] = float(v)
    return out


def vader_blind_spots(sents, reference=None, text_col="text"):
    """What VADER's lexicon misses among the words a documented sentiment lexicon rates: one row
    per word of ``reference`` (default AFINN-165, word -> score) that occurs in the corpus, with
    n (tokens), afinn (its score), in_vader (VADER 3.3.2 has an entry) and vader (its score).
    ``.attrs["share_missed"]`` is the share of the reference's word tokens in the corpus that
    VADER has no entry for: the part of the sentiment vocabulary VADER cannot see. Sorted by n."""
    ref = reference if reference is not None else _afinn_lexicon()
    lex = analyzer().lexicon
    n = Counter()
    for t in sents[text_col]:
        for w in WORD_RE.findall(t if isinstance(t, str) else ""):
            w = w.lower().replace("’", "'")
            if w in ref:
                n[w] += 1
    rows = [(w, c, ref[w], w in lex, lex.get(w, np.nan)) for w, c in n.items()]
    df = pd.DataFrame(rows, columns=["word", "n", "afinn", "in_vader", "vader"])
    df = df.sort_values(["n", "word"], ascending=[False, True], kind="stable").reset_index(drop=True)
    total = int(df["n"].sum())
    df.attrs["share_missed"] = float(df.loc[~df["in_vader"], "n"].sum() / total) if total else float("nan")
    df.attrs["tokens"] = total
    return df
