"""Framing (layer 4): how outlets name the same things (labels), which frames they invoke (a
transparent lexicon scored per 1,000 words, every score backed by its sentences), which words set
an outlet apart (log-odds with an informative Dirichlet prior, Monroe, Colaresi & Quinn 2008),
the verbs that introduce each side's words, and keyword in context. Vocabulary: data/labels.csv,
data/frames.csv, data/reporting_verbs.csv, data/words/stop_words.csv.
"""
from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from .config import resolve_path
from .errors import VocabularyError
from .lexscan import group_spans, term_regex
from .statements import rank
from .text import collapse_space, count_words, lexical_words
from .vocab import apply_scope, load_word_lists, read_vocabulary


LABEL_COLUMNS = ("concept", "variant", "pattern", "note")
FRAME_COLUMNS = ("frame", "term", "pattern", "basis", "note")

def _read_table(path, required, name):
    """Read a vocabulary CSV through the corpus section's reader (CorpusError on problems)."""
    return read_vocabulary(path, required, name), resolve_path(path)


def _check_patterns(df, key_cols, path, name):
    if (df["pattern"] == "").any():
        bad = df.loc[df["pattern"] == "", list(key_cols)].to_dict("records")
        raise VocabularyError(f"{path}: {name} has empty pattern(s): {bad}")
    dup = df.duplicated(list(key_cols), keep=False)
    if dup.any():
        raise VocabularyError(f"{path}: {name} has duplicate {key_cols}: "
                         f"{df.loc[dup, list(key_cols)].drop_duplicates().to_dict('records')}")
    for rec in df.to_dict("records"):
        try:
            term_regex(rec["pattern"])
        except re.error as e:
            raise VocabularyError(f"{path}: {name} pattern {rec['pattern']!r} "
                             f"({', '.join(rec[k] for k in key_cols)}) is not a valid regex: {e}") from None


def load_labels(path="data/labels.csv", stories=()):
    """Read the labeling vocabulary: one row per (concept, variant).

    Returns columns concept, variant, pattern (regex, matched as whole words, case-insensitive),
    note. Raises CorpusError naming the file for a missing column, an empty or invalid pattern or a
    duplicate (concept, variant).
    """
    df, p = _read_table(path, ("concept", "variant", "pattern"), "labels")
    df = apply_scope(df, p, stories)
    if "note" not in df.columns:
        df["note"] = ""
    _check_patterns(df, ("concept", "variant"), p, "labels")
    return df[list(LABEL_COLUMNS)].reset_index(drop=True)


def load_frames(path="data/frames.csv", stories=()):
    """Read the frame lexicon: one row per (frame, term).

    Returns columns frame, term (readable name of the entry), pattern (regex, whole words,
    case-insensitive), basis (the codebook category it follows), note. Raises CorpusError naming
    the file for a missing column, an empty or invalid pattern or a duplicate (frame, term).
    """
    df, p = _read_table(path, ("frame", "term", "pattern"), "frames")
    df = apply_scope(df, p, stories)
    for c in FRAME_COLUMNS:
        if c not in df.columns:
            df[c] = ""
    _check_patterns(df, ("frame", "term"), p, "frames")
    return df[list(FRAME_COLUMNS)].reset_index(drop=True)

def _context(text, start, end, window):
    """``window`` characters either side of text[start:end], whitespace collapsed."""
    left = collapse_space(text[max(0, start - window):start])
    right = collapse_space(text[end:end + window])
    return left, collapse_space(text[start:end]), right

def label_hits(articles, labels, window=50, text_col="text"):
    """Every occurrence of every label variant: one row per match.

    ``articles`` needs doc_id and ``text_col`` (label optional); ``labels`` is load_labels().
    Returns doc_id, label, concept, variant, start, end (offsets into the article text), match
    (as written), context (``window`` characters either side, the match in [brackets]).
    Within a concept, overlapping matches resolve to the leftmost-longest variant.
    """
    texts = [t or "" for t in articles[text_col].tolist()]
    groups, t, g, s, e, p = group_spans(texts, list(labels["pattern"]), list(labels["concept"]))
    cols = ["doc_id", "label", "concept", "variant", "start", "end", "match", "context"]
    if not len(t):
        return pd.DataFrame([], columns=cols)
    variants = list(labels["variant"])
    matches, contexts = [], []
    for i, a, b in zip(t.tolist(), s.tolist(), e.tolist()):
        text = texts[i]
        left, match, right = _context(text, a, b, window)
        matches.append(match)
        contexts.append(f"{left}[{match}]{right}")
    data = {"doc_id": _pick(articles["doc_id"], t),
            "label": _pick(articles["label"] if "label" in articles.columns else articles["doc_id"], t),
            "concept": pd.Series([groups[k] for k in g.tolist()]),
            "variant": pd.Series([variants[k] for k in p.tolist()]),
            "start": pd.Series(s.tolist()), "end": pd.Series(e.tolist()),
            "match": pd.Series(matches), "context": pd.Series(contexts)}
    return pd.DataFrame(data, columns=cols)


def label_counts(data, labels=None, window=50, max_evidence=3, text_col="text"):
    """How often each article uses each label variant, with evidence.

    ``data``: label_hits() output (e.g. the pipeline's cached ``label_hits`` table), or articles
    (then ``labels``, load_labels(), is matched first). Returns one row per (doc_id, concept,
    variant) that occurs at least once: doc_id, label, concept, variant, count, evidence (up to
    ``max_evidence`` contexts joined by " | "). Variants that never occur are absent (pivot with
    fill_value=0, or use label_table()).
    """
    is_hits = {"concept", "variant", "context"}.issubset(data.columns)
    hits = data if is_hits else label_hits(data, labels, window=window, text_col=text_col)
    cols = ["doc_id", "label", "concept", "variant", "count", "evidence"]
    if hits.empty:
        return pd.DataFrame(columns=cols).astype({"count": int})
    out = (hits.groupby(["doc_id", "label", "concept", "variant"], sort=False)
               .agg(count=("match", "size"),
                    evidence=("context", lambda s: " | ".join(s.iloc[:max_evidence])))
               .reset_index())
    return out[cols]


def label_table(counts, labels, by="label", concepts=None):
    """Side-by-side labeling table: rows (concept, variant) in lexicon order, one column per
    ``by`` value (outlet label), cells = occurrences (0 when absent). Concepts with no
    occurrence at all are kept (all zeros) so the reader sees what was looked for."""
    lab = labels if concepts is None else labels[labels["concept"].isin(concepts)]
    idx = pd.MultiIndex.from_frame(lab[["concept", "variant"]])
    c = counts[counts["concept"].isin(lab["concept"])]
    table = (c.pivot_table(index=["concept", "variant"], columns=by, values="count",
                           aggfunc="sum", fill_value=0)
             if not c.empty else pd.DataFrame(index=idx))
    table = table.reindex(idx, fill_value=0)
    table.columns.name = by
    return table.fillna(0).astype(int)


def cue_verbs(quotes, words=None, by=("side",)):
    """The verbs that introduce quoted words, per side (or any columns in ``by``).

    ``quotes`` is extract_quotes() output (needs ``cue`` and the ``by`` columns). Each cue is
    lower-cased and mapped to its group in data/reporting_verbs.csv ("says", "said" -> "say";
    "urged" -> "call"; ``words``: vocab.load_word_lists()); "according to" by its first word;
    relayed cues ("reported ... as saying") keep their wording. Quotes without a cue are counted
    as "(none)". Returns by..., verb, n, share (of the group's quotes).
    """
    group = (words or load_word_lists()).verb_group
    by = [by] if isinstance(by, str) else list(by)
    q = quotes[by].copy()
    cue = quotes["cue"].fillna("").astype(str).str.strip().str.lower()
    cue = cue.str.replace(r"\s+", " ", regex=True)

    def norm(c):
        if not c:
            return "(none)"
        if c in group:
            return group[c]
        first = c.split(" ", 1)[0]
        return group[first] if "..." not in c and first in group else c
    q["verb"] = cue.map(norm)
    out = q.groupby(by + ["verb"], dropna=False).size().rename("n").reset_index()
    out["share"] = out["n"] / out.groupby(by, dropna=False)["n"].transform("sum")
    return out.sort_values(by + ["n", "verb"], ascending=[True] * len(by) + [False, True],
                           ignore_index=True)


def frame_hits(sents, frames, articles=None):
    """Every frame-lexicon match: one row per hit, with its sentence as evidence.

    ``sents`` is sentences() output (doc_id, sent, start, text; para optional); ``frames`` is
    load_frames(). If ``articles`` is given and ``sents`` lacks ``label``, labels are joined.
    Returns doc_id, label, para, sent, frame, term, match, start, end (offsets into the article
    text: sentence start + position in the sentence), sentence. Within one frame overlapping
    matches resolve to the leftmost-longest term, so "peace talks" counts once; a word may
    count for two different frames if both lexicons list it.
    """
    s = sents
    if "label" not in s.columns:
        if articles is not None:
            s = s.merge(articles[["doc_id", "label"]], on="doc_id", how="left")
        else:
            s = s.assign(label=s["doc_id"])
    texts = [t or "" for t in s["text"].tolist()]
    groups, ix, g, a, b, p = group_spans(texts, list(frames["pattern"]), list(frames["frame"]))
    cols = ["doc_id", "label", "para", "sent", "frame", "term", "match", "start", "end", "sentence"]
    if not len(ix):
        return pd.DataFrame([], columns=cols)
    start = s["start"] if "start" in s.columns else None
    if start is not None and _fast_column(start):
        base = start.to_numpy()[ix]
    else:
        vals = start.tolist() if start is not None else None
        base = np.array([int((vals[i] if vals is not None else 0) or 0) for i in ix.tolist()], dtype=object)
    terms = list(frames["term"])
    data = {"doc_id": _pick(s["doc_id"], ix), "label": _pick(s["label"], ix),
            "para": _pick(s["para"], ix) if "para" in s.columns else pd.Series([np.nan] * len(ix)),
            "sent": _pick(s["sent"], ix), "frame": pd.Series([groups[k] for k in g.tolist()]),
            "term": pd.Series([terms[k] for k in p.tolist()]),
            "match": pd.Series([texts[i][x:y] for i, x, y in zip(ix.tolist(), a.tolist(), b.tolist())]),
            "start": pd.Series((base + a).tolist()), "end": pd.Series((base + b).tolist()),
            "sentence": (s["text"].take(ix).reset_index(drop=True) if _fast_column(s["text"])
                         else pd.Series([texts[i] for i in ix.tolist()]))}
    return pd.DataFrame(data, columns=cols)


_STR_DTYPE = pd.Series(["x"]).dtype


def _fast_column(col):
    """Whether ``col`` is a str (pandas' default string dtype) or int64 column without missing
    values, so that taking its rows gives what building a column from its values would."""
    return col.dtype != object and (col.dtype == _STR_DTYPE or col.dtype == np.int64) and not col.hasnans


def _pick(col, ix):
    """Rows ``ix`` of ``col`` as a new Series (RangeIndex), with the dtype pandas infers from the
    Python values (fast for str and int64 columns: no round trip through Python objects)."""
    if _fast_column(col):
        return col.take(ix).reset_index(drop=True)
    vals = col.tolist()
    return pd.Series([vals[i] for i in ix.tolist()])


def _voice_words(hits, articles, voice):
    """(hits of that voice, articles with n_words = that voice's word count) for voice "reporter",
    "quoted" or "all" (the pipeline's hits carry ``voice``; its articles n_words_reporter/_quoted)."""
    a = articles.copy()
    if "n_words" not in a.columns:
        a["n_words"] = a["text"].map(count_words)
    if voice in (None, "all"):
        return hits, a
    if voice not in ("reporter", "quoted"):
        raise ValueError(f"voice must be 'reporter', 'quoted' or 'all', not {voice!r}")
    if "voice" not in hits.columns or f"n_words_{voice}" not in a.columns:
        raise ValueError("counting by voice needs the pipeline's tables (hits with 'voice', articles with "
                         f"'n_words_{voice}'): pass voice='all' for other tables")
    a["n_words"] = a[f"n_words_{voice}"]
    return hits[hits["voice"] == voice], a


def frame_scores(hits, articles, frames=None, by="label", voice="reporter"):
    """Frame intensity per group: lexicon hits per 1,000 words.

    ``hits`` is frame_hits(); ``articles`` gives the denominators and the groups (``by``:
    "label" for outlets, "doc_id" for articles). ``voice``: "reporter" (default: the outlet's
    own words, hits outside speech quotes per 1,000 reporter words), "quoted" (its sources'
    words) or "all". Every (group, frame) pair appears, zeros included (frames from ``frames`` if
    given, else from the hits). Returns by, frame, hits, sentences (distinct sentences with a
    hit), n_words, per_1000 = hits / n_words * 1000, top_terms (most frequent terms with counts),
    example (the first sentence with a hit).
    """
    hits, a = _voice_words(hits, articles, voice)
    words = a.groupby(by)["n_words"].sum()
    frame_list = (list(dict.fromkeys(frames["frame"])) if frames is not None
                  else list(dict.fromkeys(hits["frame"])))
    grid = pd.MultiIndex.from_product([words.index, frame_list], names=[by, "frame"])
    h = hits if by in hits.columns else hits.merge(a[["doc_id", by]], on="doc_id", how="left")
    if h.empty:
        agg = pd.DataFrame(index=grid, columns=["hits", "sentences", "top_terms", "example"])
    else:
        agg = h.groupby([by, "frame"]).agg(
            hits=("term", "size"),
            sentences=("sent", lambda s: len(set(zip(h.loc[s.index, "doc_id"], s)))),
            top_terms=("term", lambda s: ", ".join(f"{t} ({n})" for t, n in
                                                   Counter(s).most_common(3))),
            example=("sentence", "first"))
    out = agg.reindex(grid).reset_index()
    out["hits"] = out["hits"].fillna(0).astype(int)
    out["sentences"] = out["sentences"].fillna(0).astype(int)
    out["top_terms"] = out["top_terms"].fillna("")
    out["example"] = out["example"].fillna("")
    out["n_words"] = out[by].map(words).astype(int)
    out["per_1000"] = np.where(out["n_words"] > 0, out["hits"] / out["n_words"].clip(lower=1) * 1000, np.nan)
    return out[[by, "frame", "hits", "sentences", "n_words", "per_1000", "top_terms", "example"]]


def word_counts(articles, group_col="label", text_col="text", stop_words=None):
    """Word frequencies per group: group, word, count (words(), minus ``stop_words``)."""
    stop = {w.lower() for w in (stop_words or ())}
    rows = []
    for g, texts in articles.groupby(group_col, sort=True)[text_col]:
        c = Counter(w for t in texts for w in lexical_words(t) if w not in stop)
        rows += [{"group": g, "word": w, "count": n} for w, n in c.items()]
    return pd.DataFrame(rows, columns=["group", "word", "count"])


def log_odds(counts_or_articles, group_col="label", text_col="text", alpha0=None,
             stop_words=None, min_count=1):
    """Distinctive words of each group vs all other groups: log-odds ratio with an informative
    Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", section 3.5).

    Input: articles (``group_col``, ``text_col``) or a counts table (group, word, count).
    For group i and the rest of the corpus j, word w with counts y_iw, y_jw and totals n_i, n_j:
      prior  a_w   = alpha0 * y_w / n   (the whole corpus' frequencies, scaled to total alpha0;
                                          alpha0=None means alpha0 = n, a prior as large as the corpus)
      delta        = log((y_iw+a_w)/(n_i+alpha0-y_iw-a_w)) - log((y_jw+a_w)/(n_j+alpha0-y_jw-a_w))
      var(delta)  ~= 1/(y_iw+a_w) + 1/(y_jw+a_w)
      z            = delta / sqrt(var)
    |z| > 1.96 is the usual "notable" line, but with few, short texts z mostly reflects a word
    appearing in one group at all. Words with a corpus count below ``min_count`` are dropped.
    Returns group, word, count (y_iw), count_rest (y_jw), prior (a_w), delta, z; sorted by group
    then z descending.
    """
    data = counts_or_articles
    if {"group", "word", "count"}.issubset(data.columns):
        counts = data[["group", "word", "count"]]
        if stop_words:
            counts = counts[~counts["word"].isin({w.lower() for w in stop_words})]
    else:
        counts = word_counts(data, group_col=group_col, text_col=text_col, stop_words=stop_words)
    cols = ["group", "word", "count", "count_rest", "prior", "delta", "z"]
    if counts.empty:
        return pd.DataFrame(columns=cols)
    y = counts.pivot_table(index="word", columns="group", values="count", aggfunc="sum",
                           fill_value=0)
    y = y[y.sum(axis=1) >= min_count]
    y_w = y.sum(axis=1)
    n = float(y_w.sum())
    a0 = n if alpha0 is None else float(alpha0)
    a_w = a0 * y_w / n
    out = []
    for g in y.columns:
        yi = y[g]
        yj = y_w - yi
        ni = float(yi.sum())
        nj = n - ni
        delta = (np.log((yi + a_w) / (ni + a0 - yi - a_w))
                 - np.log((yj + a_w) / (nj + a0 - yj - a_w)))
        var = 1.0 / (yi + a_w) + 1.0 / (yj + a_w)
        out.append(pd.DataFrame({"group": g, "word": y.index, "count": yi.values.astype(int),
                                 "count_rest": yj.values.astype(int), "prior": a_w.values,
                                 "delta": delta.values, "z": (delta / np.sqrt(var)).values}))
    res = pd.concat(out, ignore_index=True)
    return res.sort_values(["group", "z"], ascending=[True, False], ignore_index=True)[cols]


def _kwic_regex(term, regex=False, case_sensitive=False):
    terms = [term] if isinstance(term, str) else list(term)
    terms = [t for t in terms if t]
    if not terms:
        raise ValueError("kwic: no term given")
    parts = terms if regex else [re.escape(t) for t in sorted(terms, key=len, reverse=True)]
    return term_regex("|".join(f"(?:{p})" for p in parts), case_sensitive=case_sensitive)


def kwic(data, term, window=60, regex=False, case_sensitive=False, text_col="text"):
    """Keyword in context: every whole-word occurrence of ``term`` with ``window`` characters
    either side.

    ``data``: a sentences table (doc_id, sent, start, text: context stays inside the sentence)
    or articles (doc_id, text: context runs across sentences). ``term``: a word or phrase, a list
    of them (e.g. an actor's aliases), or with ``regex=True`` regular expression(s).
    Returns doc_id, label (if present), sent (sentences only), start, end (offsets into the
    article text), left, match, right (whitespace collapsed), in document order.
    """
    rx = _kwic_regex(term, regex=regex, case_sensitive=case_sensitive)
    has_sent = "sent" in data.columns
    rows = []
    for rec in data.to_dict("records"):
        text = rec[text_col] or ""
        base = int(rec.get("start", 0) or 0) if has_sent else 0
        for m in rx.finditer(text):
            left, match, right = _context(text, m.start(), m.end(), window)
            row = {"doc_id": rec["doc_id"]}
            if "label" in rec:
                row["label"] = rec["label"]
            if has_sent:
                row["sent"] = rec["sent"]
            row.update(start=base + m.start(), end=base + m.end(), left=left, match=match,
                       right=right)
            rows.append(row)
    cols = (["doc_id"] + (["label"] if "label" in data.columns else [])
            + (["sent"] if has_sent else []) + ["start", "end", "left", "match", "right"])
    return pd.DataFrame(rows, columns=cols)


def span_voice(spans, quotes, kinds=("direct", "partial")):
    """"quoted" for each row of ``spans`` (doc_id, start, end) that lies inside a speech quote of
    ``quotes`` (extract_quotes; kinds direct and partial: a scare quote is the reporter's label),
    else "reporter". The outlet's own framing is measured on the reporter's words; a word inside
    Xi's quote is Xi's framing. Returns a numpy array of strings aligned with ``spans``."""
    out = np.full(len(spans), "reporter", dtype=object)
    if not len(spans) or quotes is None or not len(quotes):
        return out
    q = quotes[quotes["kind"].isin(kinds)]
    by_doc = {d: (g["start"].to_numpy(), g["end"].to_numpy()) for d, g in q.sort_values(["doc_id", "start"]).groupby("doc_id")}
    docs, starts, ends = spans["doc_id"].to_numpy(), spans["start"].to_numpy(), spans["end"].to_numpy()
    for d in pd.unique(docs):
        if d not in by_doc:
            continue
        qs, qe = by_doc[d]
        qe_max = np.maximum.accumulate(qe)  # quotes never nest, but be safe
        rows = np.flatnonzero(docs == d)
        k = np.searchsorted(qs, starts[rows], side="right") - 1
        inside = (k >= 0) & (ends[rows] <= qe_max[np.maximum(k, 0)])
        out[rows[inside]] = "quoted"
    return out


def words_by_voice(articles, quotes, kinds=("direct", "partial")):
    """Words per article in the reporter's own text and inside speech quotes: doc_id, label,
    n_words (all), n_words_reporter, n_words_quoted (the workbook's word rule, text.py)."""
    q = quotes[quotes["kind"].isin(kinds)] if quotes is not None and len(quotes) else None
    rows = []
    label = articles["label"] if "label" in articles else articles["doc_id"]
    quoted_text = {}
    if q is not None:
        text = dict(zip(articles["doc_id"], articles["text"]))
        for d, g in q.groupby("doc_id"):
            t = text.get(d, "")
            quoted_text[d] = " ".join(t[s:e] for s, e in zip(g["start"], g["end"]))
    for d, lab, t in zip(articles["doc_id"], label, articles["text"]):
        n = count_words(t)
        nq = count_words(quoted_text.get(d, ""))
        rows.append((d, lab, n, n - nq, nq))
    return pd.DataFrame(rows, columns=["doc_id", "label", "n_words", "n_words_reporter", "n_words_quoted"])


def label_rates(hits, articles, concept=None, by="label", voice="reporter"):
    """How often each group uses each variant of a labeled concept: by, concept, variant, count,
    n_words (the group's words of that voice), per_1000. ``voice`` as in frame_scores (default
    the outlet's own words: a label inside a quote is the source's). Variants a group never uses
    are rows with count 0 (every variant found in any voice), so ties and absences are visible."""
    h, a = _voice_words(hits, articles, voice)
    if concept is not None:
        h = h[h["concept"] == concept]
    words = a.groupby(by)["n_words"].sum()
    variants = (hits if concept is None else hits[hits["concept"] == concept])[["concept", "variant"]].drop_duplicates()
    grid = pd.MultiIndex.from_tuples([(g, c, v) for g in words.index for c, v in variants.itertuples(index=False)],
                                     names=[by, "concept", "variant"])
    counts = h.groupby([by, "concept", "variant"]).size().reindex(grid, fill_value=0)
    out = counts.rename("count").reset_index()
    out["n_words"] = out[by].map(words).astype(int)
    out["per_1000"] = np.where(out["n_words"] > 0, out["count"] / out["n_words"].clip(lower=1) * 1000, np.nan)
    return out


def reporter_text(articles, quotes, kinds=("direct", "partial")):
    """A copy of ``articles`` whose ``text`` keeps only the reporter's own words: every speech
    quote (kinds direct and partial; a scare quote is the reporter's label) replaced by spaces of
    the same length, so offsets still index the article. For measuring an outlet's own
    vocabulary (distinctive words, labels) apart from its sources'."""
    out = articles.copy()
    if quotes is None or not len(quotes):
        return out
    q = quotes[quotes["kind"].isin(kinds)]
    spans = {d: list(zip(g["start"], g["end"])) for d, g in q.groupby("doc_id")}
    texts = []
    for d, t in zip(out["doc_id"], out["text"]):
        chars = list(t)
        for s, e in spans.get(d, ()):
            chars[s:e] = " " * (e - s)
        texts.append("".join(chars))
    out["text"] = texts
    return out


def leading_variants(rates, tol=0.0, by="label"):
    """Which variant of each concept each group uses most, from label_rates(): one row per
    concept and group that uses the concept at all, with ``leaders`` (a tuple: every variant
    within ``tol`` per 1,000 words of the top rate, so a tie names all tied variants, in the
    lexicon's order, never a single one picked by sort order), ``tie``, ``rate`` (per 1,000
    words), ``count`` (occurrences of the first leader) and ``n_words``."""
    rows = []
    for (concept, group), g in rates.groupby(["concept", by], sort=False):
        g = g.set_index("variant")
        r = rank(g["per_1000"].where(g["count"] > 0), tol=tol)
        if not r.leaders:
            continue
        top = r.leaders[0]
        rows.append({"concept": concept, by: group, "leaders": tuple(r.leaders), "tie": r.tie,
                     "rate": float(g.loc[top, "per_1000"]), "count": int(g.loc[top, "count"]),
                     "n_words": int(g.loc[top, "n_words"])})
    return pd.DataFrame(rows, columns=["concept", by, "leaders", "tie", "rate", "count", "n_words"])


def frame_leads(scores, tol=0.0, by="label"):
    """What frame_scores() says across groups, ties kept: a dict with ``wide`` (frame x group,
    per 1,000 words), ``leads`` (group -> the frames within ``tol`` of its top rate; none when it
    has no hit), ``top`` (the frames that lead in the most groups, all of them when tied) and
    ``n_top`` (in how many groups), ``spread`` (max - min rate per frame), ``varies`` (the frames
    with the largest spread), and ``low`` / ``high`` (the groups at the ends of the first of them).
    Empty lists when no frame term occurs."""
    wide = scores.pivot(index="frame", columns=by, values="per_1000")
    wide = wide.reindex(list(dict.fromkeys(scores["frame"])))
    leads = {g: rank(wide[g].where(wide[g] > 0), tol=tol).leaders for g in wide.columns}
    n_lead = pd.Series(Counter(f for fs in leads.values() for f in fs), dtype="float64")
    n_lead = n_lead.reindex([f for f in wide.index if f in n_lead.index])
    top = rank(n_lead).leaders
    spread = (wide.max(axis=1) - wide.min(axis=1)).where(wide.max(axis=1) > 0)
    varies = rank(spread, tol=tol).leaders
    low = high = []
    if varies:
        low = rank(wide.loc[varies[0]], higher_is_first=False, tol=tol).leaders
        high = rank(wide.loc[varies[0]], tol=tol).leaders
    return {"wide": wide, "leads": leads, "top": top, "n_top": int(n_lead.max()) if len(n_lead) else 0,
            "spread": spread, "varies": varies, "low": low, "high": high}
