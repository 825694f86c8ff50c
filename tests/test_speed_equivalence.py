"""The fast paths of frame_hits, label_hits, readability and text_reuse give exactly what the
plain per-sentence / per-article code gives (kept here as the reference): same rows, order,
values and dtypes. Checked on the seed corpus, on hand-made edge cases (Unicode case folding,
look-arounds at sentence edges, multi-word and non-word-initial patterns, overlaps) and on
randomly assembled texts; on a slice of PolNeAR when the shared benchmark data are present.
"""
import random
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import textstat
from pandas.testing import assert_frame_equal

from newsframing.corpus import articles_from_records, load_corpus
from newsframing.framing import frame_hits, label_hits, load_frames, load_labels
from newsframing.lexscan import ASCII_FOLDS, term_regex, word_codes
from newsframing.readability import (READABILITY_COLUMNS, _base_forms, _familiar, _scores,
                                     _textstat_tables, _word_stats, readability, syllables)
from newsframing import reuse as reuse_module
from newsframing.reuse import _shingle_matrix, _shingle_matrix_simple, shingles, text_reuse
from newsframing.sentences import sentences
from newsframing.text import POSSESSIVE_RE, WORD_RE

ROOT = Path(__file__).resolve().parents[1]


# --- the reference implementations (the code before the speed work) ---------------------------

def ref_spans(text, compiled):
    found = [(m.start(), m.end(), key) for key, rx in compiled for m in rx.finditer(text)
             if m.end() > m.start()]
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept, last = [], -1
    for s in found:
        if s[0] >= last:
            kept.append(s)
            last = s[1]
    return kept


def ref_context(text, start, end, window):
    left = re.sub(r"\s+", " ", text[max(0, start - window):start])
    right = re.sub(r"\s+", " ", text[end:end + window])
    return left, re.sub(r"\s+", " ", text[start:end]), right


def ref_label_hits(articles, labels, window=50, text_col="text"):
    groups = {c: [(v, term_regex(p)) for v, p in zip(g["variant"], g["pattern"])]
              for c, g in labels.groupby("concept", sort=False)}
    rows = []
    for rec in articles.to_dict("records"):
        text = rec[text_col] or ""
        for concept, compiled in groups.items():
            for s, e, variant in ref_spans(text, compiled):
                left, match, right = ref_context(text, s, e, window)
                rows.append({"doc_id": rec["doc_id"], "label": rec.get("label", rec["doc_id"]),
                             "concept": concept, "variant": variant, "start": s, "end": e,
                             "match": match, "context": f"{left}[{match}]{right}"})
    cols = ["doc_id", "label", "concept", "variant", "start", "end", "match", "context"]
    return pd.DataFrame(rows, columns=cols)


def ref_frame_hits(sents, frames, articles=None):
    s = sents
    if "label" not in s.columns:
        if articles is not None:
            s = s.merge(articles[["doc_id", "label"]], on="doc_id", how="left")
        else:
            s = s.assign(label=s["doc_id"])
    groups = {f: [(t, term_regex(p)) for t, p in zip(g["term"], g["pattern"])]
              for f, g in frames.groupby("frame", sort=False)}
    rows = []
    for rec in s.to_dict("records"):
        text = rec["text"] or ""
        base = int(rec.get("start", 0) or 0)
        for frame, compiled in groups.items():
            for a, b, term in ref_spans(text, compiled):
                rows.append({"doc_id": rec["doc_id"], "label": rec["label"],
                             "para": rec.get("para", np.nan), "sent": rec["sent"],
                             "frame": frame, "term": term, "match": text[a:b],
                             "start": base + a, "end": base + b, "sentence": text})
    cols = ["doc_id", "label", "para", "sent", "frame", "term", "match", "start", "end", "sentence"]
    return pd.DataFrame(rows, columns=cols)


def ref_syllables(word):
    w = POSSESSIVE_RE.sub("", word.replace("’", "'")).lower()
    parts = [p for p in re.split(r"-", w) if p]
    n = sum(max(1, int(textstat.syllable_count(p))) for p in parts)
    return max(1, n) if any(ch.isalpha() for ch in w) else 0


def ref_familiar(word):
    w = POSSESSIVE_RE.sub("", word.replace("’", "'")).lower()
    parts = [p for p in w.split("-") if p]
    return bool(parts) and all(any(not textstat.is_difficult_word(b, 0)
                                   for b in _base_forms(p)) for p in parts)


def ref_readability(articles, sents):
    counts = {}
    for doc, text in zip(sents["doc_id"], sents["text"]):
        c = counts.setdefault(doc, [0, 0, 0, 0, 0])
        ws = WORD_RE.findall(text or "")
        if not ws:
            continue
        c[1] += 1
        for w in ws:
            y = ref_syllables(w)
            c[0] += 1
            c[2] += y
            c[3] += y >= 3
            c[4] += not ref_familiar(w)
    label = articles["label"] if "label" in articles.columns else articles["doc_id"]
    cnt = ["n_words", "n_sentences", "n_syllables", "n_long_words", "n_difficult_words"]
    rows = [{"doc_id": d, "label": lab, **dict(zip(cnt, counts.get(d, [0, 0, 0, 0, 0])))}
            for d, lab in zip(articles["doc_id"], label)]
    out = _scores(pd.DataFrame(rows, columns=["doc_id", "label"] + cnt))
    return out[["doc_id", "label"] + READABILITY_COLUMNS]


def ref_text_reuse(articles, k=5, min_shared=1, monkeypatch=None):
    monkeypatch.setattr(reuse_module, "_shingle_matrix", _shingle_matrix_simple)
    try:
        return text_reuse(articles, k=k, min_shared=min_shared)
    finally:
        monkeypatch.undo()


def same(fast, ref):
    assert_frame_equal(fast, ref, check_exact=True)
    assert list(fast.dtypes) == list(ref.dtypes)


# --- fixtures ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def vocab():
    return {"frames": load_frames(ROOT / "data" / "frames.csv"),
            "labels": load_labels(ROOT / "data" / "labels.csv")}


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(ROOT / "seeds", ROOT / "data" / "corpus.csv")


EDGE_TEXTS = [
    "The war in Ukraine. Cold war rhetoric; the cold\nwar; a COLD WAR. War! wars, WARTIME.",
    "Cold. War began. World war II. civil war",  # look-behinds across a sentence edge
    "A 12-point peace plan, the twelve-point paper and a “position paper” and \"position paper\".",
    "Talks, peace talks, peace-talks, peacetalks, PEACE TALKS and peacemaking.",
    "The Kelvin sign: \u212aiev, ſanctions, dıplomacy, İnvasion, ΣΟΦΙΑ, Straße, café talks.",
    "cease-fire, ceasefire, cease fire, ceasefires; front line, frontline, front-line, front  line.",
    "UN Charter; un charter; the U.N. Charter. International law and laws. Lawful? illegal!",
    "Republican parties, all parties, the party to the conflict, two parties concerned.",
    "",
    "   \n\n  ",
    "1234 5678 — 12-point. – ‘Quoted’ “sanctions”… self-determination",
    "NATO's forces' troops’ army’s arms-race. Security-related",
]


def edge_articles():
    return pd.DataFrame({"doc_id": [f"e{i}" for i in range(len(EDGE_TEXTS))],
                         "label": [f"L{i % 3}" for i in range(len(EDGE_TEXTS))],
                         "text": EDGE_TEXTS})


def random_articles(vocab, n=40, seed=7):
    """Texts assembled from lexicon words (random case), fillers and punctuation."""
    rng = random.Random(seed)
    words = []
    for p in list(vocab["frames"]["pattern"]) + list(vocab["labels"]["pattern"]):
        words += [w for w in re.findall(r"[A-Za-z][A-Za-z' -]*[A-Za-z]", p) if len(w) < 30]
    words += ["the", "cold", "world", "civil", "all", "two", "to", "concerned", "twelve", "12",
              "Kiev", "Kyiv", "\u212aiev", "ſ", "İ", "war-torn", "peacekeeping", "don't", "’s"]
    seps = [" ", " ", " ", ", ", ". ", "-", "—", "\n", "\n\n", " “", "” ", "'", "’", "  "]
    texts = []
    for _ in range(n):
        toks = []
        for _ in range(rng.randint(0, 120)):
            w = rng.choice(words)
            w = rng.choice([w, w.lower(), w.upper(), w.title()])
            toks += [w, rng.choice(seps)]
        texts.append("".join(toks))
    return pd.DataFrame({"doc_id": [f"r{i:02d}" for i in range(n)], "label": [f"L{i % 4}" for i in range(n)],
                         "text": texts})


CASES = ["seeds", "edge", "random"]


def case(name, vocab, seeds):
    return {"seeds": seeds, "edge": edge_articles(), "random": random_articles(vocab)}[name]


# --- the equivalence tests --------------------------------------------------------------------

@pytest.mark.parametrize("name", CASES)
def test_label_hits_equals_reference(name, vocab, seeds):
    a = case(name, vocab, seeds)
    same(label_hits(a, vocab["labels"]), ref_label_hits(a, vocab["labels"]))
    same(label_hits(a, vocab["labels"], window=7), ref_label_hits(a, vocab["labels"], window=7))


@pytest.mark.parametrize("name", CASES)
def test_frame_hits_equals_reference(name, vocab, seeds):
    a = case(name, vocab, seeds)
    s = sentences(a)
    same(frame_hits(s, vocab["frames"], articles=a), ref_frame_hits(s, vocab["frames"], articles=a))
    bare = s.drop(columns=["para", "start"])  # optional columns absent
    same(frame_hits(bare, vocab["frames"]), ref_frame_hits(bare, vocab["frames"]))
    # whole articles as "sentences": look-arounds and multi-word terms across sentence edges
    whole = a.assign(sent=0, start=0)
    same(frame_hits(whole, vocab["frames"]), ref_frame_hits(whole, vocab["frames"]))


def test_unusual_patterns_equal_reference():
    """Patterns outside the fast path's comfort zone: classes, unbounded repeats, inline flags,
    lazy and optional parts, a pattern that can match the empty string, non-ASCII literals,
    anchors, a pattern starting with punctuation."""
    lex = pd.DataFrame([
        ("a", "w", r"\w+ing", ""), ("a", "k", "kiev|KYIV", ""), ("b", "nato", "(?-i:NATO)", ""),
        ("b", "lazy", "wars??", ""), ("b", "opt", "x?", ""), ("c", "cafe", "café|straße", ""),
        ("c", "anchor", "^war|talks$", ""), ("c", "quote", "[\"“]position paper", ""),
        ("d", "multi", "peace talks|peace|talks", ""), ("d", "b", r"\bpeace\b", ""),
        ("d", "sigma", "σοφια", ""), ("d", "dotless", "diplomacy|sanctions", ""),
    ], columns=["concept", "variant", "pattern", "note"])
    a = edge_articles()
    same(label_hits(a, lex), ref_label_hits(a, lex))
    fr = lex.rename(columns={"concept": "frame", "variant": "term"}).assign(basis="")
    s = sentences(a)
    same(frame_hits(s, fr), ref_frame_hits(s, fr))


def test_overlaps_follow_finditer_not_all_matches():
    """finditer resumes after each match of a pattern, so a shorter match inside a longer one of
    the same pattern never exists; the group's leftmost-longest pass must not resurrect it."""
    lex = pd.DataFrame([
        ("e1", "ab", "alpha beta", ""), ("e1", "bgd", "beta gamma delta|delta", ""),
        ("e2", "ab", "alpha beta", ""), ("e2", "bgde", "beta gamma delta|delta epsilon", ""),
        ("e3", "war", "(?<!cold )wars?|war games", ""), ("e3", "games", "games|war games", ""),
    ], columns=["concept", "variant", "pattern", "note"])
    a = pd.DataFrame({"doc_id": ["x", "y", "z"], "label": ["L", "L", "M"],
                      "text": ["alpha beta gamma delta", "Alpha beta gamma delta epsilon delta",
                               "cold war games; war games, WAR GAMES and wars"]})
    got = label_hits(a, lex)
    same(got, ref_label_hits(a, lex))
    # x: e1 ab, e2 ab; y: e1 ab + the last "delta" (after the swallowed "beta gamma delta"), e2 ab
    assert list(got.loc[got["concept"] != "e3", "variant"]) == ["ab", "ab", "ab", "bgd", "ab"]


@pytest.mark.parametrize("name", CASES)
def test_readability_equals_reference(name, vocab, seeds):
    a = case(name, vocab, seeds)
    s = sentences(a)
    same(readability(a, s), ref_readability(a, s))


def test_word_stats_equal_textstat():
    words = set(WORD_RE.findall(" ".join(EDGE_TEXTS)))
    words |= {"the", "The", "don't", "Zelenskyy’s", "self-determination", "co-operation", "naïve",
              "rhythm", "queue", "eyes", "studies", "studied", "runner", "quickly", "x", "A", "o'clock"}
    easy = sorted(_textstat_tables()[1])[::10]  # inflections of familiar words
    for e in easy:
        stems = {e, e[:-1], e[:-1] + "i"}
        words |= {s + suf for s in stems for suf in ("", "s", "es", "ies", "ied", "ed", "ing", "er", "est", "ly", "d")}
    for w in sorted(words):
        assert syllables(w) == ref_syllables(w), w
        assert _familiar(w) == ref_familiar(w), w
        assert _word_stats(w) == (ref_syllables(w), 0 if ref_familiar(w) else 1), w


@pytest.mark.parametrize("name", CASES)
def test_text_reuse_equals_reference(name, vocab, seeds, monkeypatch):
    a = case(name, vocab, seeds)
    if name == "random":  # make some copies so that pairs share shingles
        a = pd.concat([a, a.iloc[:10].assign(doc_id=lambda d: d["doc_id"] + "c",
                                             text=lambda d: d["text"].str.upper())], ignore_index=True)
    for k in (1, 3, 5):
        same(text_reuse(a, k=k), ref_text_reuse(a, k=k, monkeypatch=monkeypatch))


def test_shingle_matrix_has_the_same_rows_as_shingles():
    texts = EDGE_TEXTS + ["one two three four five six", "ONE two three four five six seven"]
    fast = _shingle_matrix(texts, 5)
    for i, t in enumerate(texts):
        assert fast[i].nnz == len(shingles(t, 5))
    simple = _shingle_matrix_simple(texts, 5)
    assert ((fast @ fast.T) != (simple @ simple.T)).nnz == 0


def test_polnear_slice_equals_reference(vocab, monkeypatch):
    """On 120 real news articles (skipped when the shared benchmark data are absent)."""
    import json
    from conftest import require_benchmark
    path = require_benchmark("polnear_texts", "polnear_articles.jsonl")
    with open(path, encoding="utf-8") as f:
        recs = [json.loads(line) for _, line in zip(range(120), f)]
    a = articles_from_records([{"doc_id": r["doc_id"], "outlet": r["publisher"], "text": r["text"]}
                                       for r in recs])
    s = sentences(a)
    same(label_hits(a, vocab["labels"]), ref_label_hits(a, vocab["labels"]))
    same(frame_hits(s, vocab["frames"], articles=a), ref_frame_hits(s, vocab["frames"], articles=a))
    same(readability(a, s), ref_readability(a, s))
    same(text_reuse(a), ref_text_reuse(a, monkeypatch=monkeypatch))


@pytest.mark.parametrize("core", [r"[^\W\d_]", r"[^\W_]", r"\w"])
@pytest.mark.parametrize("lower", [False, True])
def test_word_codes_are_re_findall(core, lower):
    """The corpus-wide word cutting equals re.findall per text (words, order, text of each)."""
    texts = EDGE_TEXTS + ["O'Neil’s 12-point co--operation -x- x-", "ΣΟΦΙΑΣ İstanbul ſtraße a\x1cb\x85c", ""]
    codes, uniques, text_ix = word_codes(texts, core, lower=lower)
    rx = re.compile(rf"{core}+(?:['’\-]{core}+)*")
    expected = [(w.lower() if lower else w, i) for i, t in enumerate(texts) for w in rx.findall(t)]
    assert [(uniques[c], i) for c, i in zip(codes.tolist(), text_ix.tolist())] == expected


def test_ascii_folds_are_all_the_non_ascii_characters_that_match_ascii_words():
    import sys
    rx = re.compile(r"[a-z0-9_]", re.IGNORECASE)
    folds = [c for c in range(128, sys.maxunicode + 1) if rx.fullmatch(chr(c))]
    assert folds == ASCII_FOLDS.tolist()


def test_non_latin_corpus_equals_reference(vocab):
    """Cyrillic and Chinese texts (every token non-ASCII) with a few Latin words mixed in."""
    texts = ["Война в Украине. Переговоры о мире; war and peace talks. Санкции, НАТО.",
             "乌克兰危机 和平谈判 peace plan 中方 12-point 立场文件",
             "Ѕанкции ſanctions \u212aiev Kyiv ıslam İnvasion invasion"] * 3
    a = pd.DataFrame({"doc_id": [f"n{i}" for i in range(len(texts))], "label": "L", "text": texts})
    s = sentences(a)
    same(label_hits(a, vocab["labels"]), ref_label_hits(a, vocab["labels"]))
    same(frame_hits(s, vocab["frames"], articles=a), ref_frame_hits(s, vocab["frames"], articles=a))
