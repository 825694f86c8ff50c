"""Text reuse (layer 4): which articles copy which, by shared word shingles.

A sparse document-by-shingle matrix times its transpose gives every pair's overlap at once (no
loop over pairs), so it scales to tens of thousands of articles. ``_shingle_matrix`` is the fast
path; ``_shingle_matrix_simple`` (shingles() per text) is its readable reference
(tests/test_speed_equivalence.py).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
from scipy import sparse

from .lexscan import word_codes
from .sentences import sentences
from .text import LETTER, WORD_RE


def shingles(text, k=5):
    """The set of k-word shingles of a text, lower-cased, punctuation and quote style ignored
    (so a curly-quoted copy of a straight-quoted wire story still matches)."""
    toks = [t.lower() for t in WORD_RE.findall(text.replace("’", "'"))]
    return {" ".join(toks[i:i + k]) for i in range(max(0, len(toks) - k + 1))}


def _shingle_matrix(texts, k):
    """Documents x distinct k-word shingles, 1 where the document has the shingle (int32 CSR).

    The same matrix as building shingles() per text, up to the order of its columns (which no
    result depends on): tokens are cut for the whole corpus at once (word_codes, same
    WORD_RE rule, lower-cased), numbered, and each run of k token numbers is numbered in turn,
    so equal shingles get equal columns exactly (no hashing)."""
    if k < 1:
        return _shingle_matrix_simple(texts, k)
    codes, _, wt = word_codes([t.replace("’", "'") for t in texts], LETTER, lower=True)
    n = len(codes)
    start = np.arange(max(0, n - k + 1))
    start = start[wt[start] == wt[start + k - 1]] if len(start) else start
    bits = max(1, int(codes.max()).bit_length() if n else 1)
    sid, width = codes[start], bits
    for j in range(1, k):  # pack token numbers side by side; renumber when 62 bits are full
        if width + bits > 62:
            sid = pd.factorize(sid)[0].astype(np.int64)
            width = max(1, int(sid.max()).bit_length() if len(sid) else 1)
        sid = (sid << bits) | codes[start + j]
        width += bits
    sid = pd.factorize(sid)[0].astype(np.int64)
    n_sh = int(sid.max()) + 1 if len(sid) else 0
    pairs = np.sort(wt[start].astype(np.int64) * max(1, n_sh) + sid)
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if len(pairs) else pairs
    rows, cols = pairs // max(1, n_sh), pairs % max(1, n_sh)
    data = np.ones(len(pairs), dtype=np.int32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(texts), max(1, n_sh)))


def _shingle_matrix_simple(texts, k):
    """_shingle_matrix the plain way: shingles() per text (the reference for tests)."""
    rows, cols, vocab = [], [], {}
    for i, t in enumerate(texts):
        for sh in sorted(shingles(t, k)):
            j = vocab.setdefault(sh, len(vocab))
            rows.append(i)
            cols.append(j)
    data = np.ones(len(rows), dtype=np.int32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(texts), max(1, len(vocab))))


def text_reuse(articles, k=5, min_shared=1):
    """Pairwise text reuse between articles, by shared k-word shingles.

    Returns one row per ordered pair (doc_id_a, doc_id_b) with at least ``min_shared`` shared
    shingles: n_a (shingles in a), shared, containment (shared / n_a: the share of a's text also
    found in b), jaccard (shared / |a ∪ b|). Containment is asymmetric: a short copy of a long
    wire story is highly contained in it, not the reverse.
    """
    docs = list(articles["doc_id"])
    cols = ["doc_id_a", "doc_id_b", "n_a", "n_b", "shared", "containment", "jaccard"]
    if len(docs) < 2:
        return pd.DataFrame(columns=cols)
    X = _shingle_matrix(list(articles["text"]), k)
    n = np.asarray(X.sum(axis=1)).ravel()
    inter = (X @ X.T).tocoo()
    keep = (inter.row != inter.col) & (inter.data >= min_shared)
    a, b, s = inter.row[keep], inter.col[keep], inter.data[keep]
    out = pd.DataFrame({"doc_id_a": np.array(docs, dtype=object)[a], "doc_id_b": np.array(docs, dtype=object)[b],
                        "n_a": n[a], "n_b": n[b], "shared": s})
    out["containment"] = out["shared"] / out["n_a"].clip(lower=1)
    out["jaccard"] = out["shared"] / (out["n_a"] + out["n_b"] - out["shared"]).clip(lower=1)
    return out.sort_values(["doc_id_a", "doc_id_b"]).reset_index(drop=True)


def reuse_families(reuse, threshold=0.2):
    """Group articles into families of copies: connected components of the graph whose edges are
    pairs with containment >= threshold in either direction. Returns doc_id, family (an integer,
    numbered by the family's first doc_id) and family_size."""
    docs = sorted(set(reuse["doc_id_a"]) | set(reuse["doc_id_b"])) if len(reuse) else []
    parent = {d: d for d in docs}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b, c in zip(reuse["doc_id_a"], reuse["doc_id_b"], reuse["containment"]):
        if c >= threshold:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    roots = {d: find(d) for d in docs}
    order = {r: i for i, r in enumerate(sorted(set(roots.values())))}
    df = pd.DataFrame({"doc_id": docs, "family": [order[roots[d]] for d in docs]})
    df["family_size"] = df.groupby("family")["doc_id"].transform("size")
    return df


def sentence_reuse(articles, sents=None, k=5, threshold=0.5):
    """For each sentence, whether its text is found in each other article: one row per
    (sentence, other article) with containment = share of the sentence's shingles present in the
    other article. ``best_match``/``shared`` columns summarise: a sentence is 'shared' with the
    family when containment >= threshold in some other article, else the outlet 'added' it.
    Returns doc_id, sent, text, best_doc, best_containment, shared."""
    sents = sentences(articles) if sents is None else sents
    docs = list(articles["doc_id"])
    doc_sh = {d: shingles(t, k) for d, t in zip(docs, articles["text"])}
    rows = []
    for d, s, t in zip(sents["doc_id"], sents["sent"], sents["text"]):
        sh = shingles(t, k)
        best, bestc = "", 0.0
        if sh:
            for o in docs:
                if o == d:
                    continue
                c = len(sh & doc_sh[o]) / len(sh)
                if c > bestc:
                    best, bestc = o, c
        rows.append((d, s, t, best, bestc, bestc >= threshold))
    return pd.DataFrame(rows, columns=["doc_id", "sent", "text", "best_doc", "best_containment", "shared"])


def wire_stories(articles, reuse, threshold=0.2):
    """One row per article: doc_id, label, story (the family of copies it belongs to, by
    reuse_families; an article that copies no other is a story of its own), story_size, and
    weight = 1 / story_size: summing any count times ``weight`` counts each wire story once
    instead of once per copy."""
    fam = reuse_families(reuse, threshold) if len(reuse) else pd.DataFrame(columns=["doc_id", "family"])
    fam_of = dict(zip(fam["doc_id"], fam["family"]))
    docs = list(articles["doc_id"])
    labels = articles["label"] if "label" in articles else articles["doc_id"]
    groups = {}
    for d in docs:
        key = ("family", fam_of[d]) if d in fam_of else ("alone", d)
        groups.setdefault(key, []).append(d)
    story_of = {}
    for i, key in enumerate(sorted(groups, key=lambda k: min(groups[k]))):
        for d in groups[key]:
            story_of[d] = i
    out = pd.DataFrame({"doc_id": docs, "label": list(labels), "story": [story_of[d] for d in docs]})
    out["story_size"] = out.groupby("story")["doc_id"].transform("size")
    out["weight"] = 1.0 / out["story_size"]
    return out


_KEY_CHARS = re.compile(r"[^\w]+")


def count_per_story(table, value, by, stories, key=None):
    """Totals of ``value`` (a column, or None to count rows) per ``by`` group, twice: per article
    (every copy counts) and per wire story (``stories``: wire_stories()), where rows that repeat
    across the copies of one story count once. Two rows repeat when their ``key`` text is the
    same after lower-casing and dropping punctuation (default key: the column ``quote``, else
    ``sentence``, else ``text``: the same quote or sentence carried by two copies of an AFP
    story is one quote of that story). Returns by, per_article, per_story, share_per_article,
    share_per_story (shares of the grand totals)."""
    by = [by] if isinstance(by, str) else list(by)
    key = key or next((c for c in ("quote", "sentence", "text") if c in table.columns), None)
    if key is None:
        raise ValueError("count_per_story needs a key column (quote, sentence or text) to find repeated rows")
    t = table.merge(stories[["doc_id", "story"]], on="doc_id", how="left")
    t["story"] = t["story"].fillna(-1)
    t["_v"] = t[value].astype("float64") if value else 1.0
    t["_k"] = [_KEY_CHARS.sub(" ", str(x).lower()).strip() for x in t[key]]
    once = t.drop_duplicates(["story", "_k"] + by)
    out = (t.groupby(by, sort=True)["_v"].sum().rename("per_article").to_frame()
           .join(once.groupby(by, sort=True)["_v"].sum().rename("per_story"), how="left").fillna(0.0).reset_index())
    for c in ("per_article", "per_story"):
        total = out[c].sum()
        out[f"share_{c}"] = out[c] / total if total else float("nan")
    return out


def wire_edits(articles, sents, stories, k=5, threshold=0.5):
    """What each outlet added to or cut from the wire story it shares with other outlets: one row
    per sentence, doc_id, label, story, change ("added": found in no other copy; "cut": a
    sentence of another copy not found in this one), sent (in the article the sentence comes
    from), text. Articles that copy no other are left out. A sentence is found in an article
    when at least ``threshold`` of its k-word shingles are."""
    multi = stories[stories["story_size"] > 1]
    rows = []
    text = dict(zip(articles["doc_id"], articles["text"]))
    shingle_sets = {d: shingles(text[d], k) for d in multi["doc_id"]}
    by_doc = {d: g for d, g in sents.groupby("doc_id")}
    label = dict(zip(stories["doc_id"], stories["label"]))
    for story, g in multi.groupby("story", sort=True):
        docs = sorted(g["doc_id"])
        for d in docs:
            others = [o for o in docs if o != d]
            for r in by_doc.get(d, pd.DataFrame(columns=["sent", "text"])).itertuples():
                sh = shingles(r.text, k)
                if sh and max(len(sh & shingle_sets[o]) / len(sh) for o in others) < threshold:
                    rows.append((d, label[d], story, "added", d, r.sent, r.text))
            seen = set()
            for o in others:
                for r in by_doc.get(o, pd.DataFrame(columns=["sent", "text"])).itertuples():
                    sh = shingles(r.text, k)
                    key = " ".join(sorted(sh))
                    if sh and key not in seen and len(sh & shingle_sets[d]) / len(sh) < threshold:
                        seen.add(key)
                        rows.append((d, label[d], story, "cut", o, r.sent, r.text))
    return pd.DataFrame(rows, columns=["doc_id", "label", "story", "change", "from_doc", "sent", "text"])
