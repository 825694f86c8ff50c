"""Sentence splitting (layer 2): a rule-based splitter, linear in the text length.

Paragraphs always end a sentence; otherwise a sentence ends at . ! ? … (with closing quotes or
brackets after them, or a period after a closing quote, as in ``profit”.``) followed by white
space and an upper-case letter, digit or opening quote, unless the word before the period is an
abbreviation (data/words/abbreviations.csv), a single capital initial or an initialism such as
"U.S". Chinese and Japanese full stops end a sentence without a following space.
"""
from __future__ import annotations

import re

import pandas as pd

from .vocab import load_word_lists


_TERM = re.compile(r"[.!?…。！？]+[\"'”’»)\]]*|[\"”’][.!?]+")
_CJK_END = set("。！？")
_OPENERS = set("\"'“‘«(„[¿¡")


def _split_para(p, abbreviations):
    """Yield (start, end) of sentences in one paragraph (end exclusive, trailing space trimmed)."""
    n = len(p)
    start = 0
    for m in _TERM.finditer(p):
        e = m.end()
        if e >= n:
            break
        nxt = p[e]
        cjk = m.group()[-1] in _CJK_END or (m.group().rstrip("\"'”’»)]")[-1:] in _CJK_END)
        if not cjk:
            if not nxt.isspace():
                continue
            j = e
            while j < n and p[j].isspace():
                j += 1
            if j >= n:
                break
            c = p[j]
            if not (c.isupper() or c.isdigit() or c in _OPENERS or (c.isalpha() and not c.islower())):
                continue
            if m.group()[0] == "." and len(m.group().rstrip("\"'”’»)]")) == 1:
                k = m.start()
                w0 = k
                while w0 > start and not p[w0 - 1].isspace() and p[w0 - 1] not in _OPENERS:
                    w0 -= 1
                tok = p[w0:k]
                low = tok.lower()
                if low in abbreviations or (len(tok) == 1 and tok.isupper()):
                    continue
                # Initialisms such as "U.S" or "J.R.R" (single letters joined by periods).
                if len(tok) >= 3 and all(ch.isalpha() and len(ch) == 1 for ch in tok.split(".")):
                    continue
        else:
            j = e
            while j < n and p[j].isspace():
                j += 1
            if j >= n:
                break
        yield start, e
        start = j
    if start < n:
        end = n
        while end > start and p[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end


def sentences(articles, abbreviations=None):
    """One row per sentence: doc_id, para (0-based paragraph), sent (0-based within the
    article), start, end (offsets into the article's ``text``; ``text[start:end]`` is the
    sentence), text. Rules in the module docstring; ``abbreviations`` defaults to
    data/words/abbreviations.csv. Regular-expression splitter: linear time, no backtracking.
    """
    if abbreviations is None:
        abbreviations = load_word_lists().abbreviations
    docs, paras, sents, starts, ends, texts = [], [], [], [], [], []
    for doc, text in zip(articles["doc_id"], articles["text"]):
        pos, k = 0, 0
        for pi, p in enumerate(text.split("\n\n")):
            for s, e in _split_para(p, abbreviations):
                docs.append(doc)
                paras.append(pi)
                sents.append(k)
                starts.append(pos + s)
                ends.append(pos + e)
                texts.append(p[s:e])
                k += 1
            pos += len(p) + 2
    return pd.DataFrame({"doc_id": pd.Series(docs, dtype="str"), "para": pd.Series(paras, dtype="int64"),
                         "sent": pd.Series(sents, dtype="int64"), "start": pd.Series(starts, dtype="int64"),
                         "end": pd.Series(ends, dtype="int64"), "text": pd.Series(texts, dtype="str")})
