"""Cleaning (layer 2): boilerplate lines out, line endings and paragraphs normalised.

Only lines matched by a pattern of data/boilerplate.csv are removed, and every removed line is
listed with its pattern and reason (removed_lines): nothing is dropped silently.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .config import DATA_DIR
from .errors import VocabularyError
from .vocab import read_vocabulary

BOILERPLATE = DATA_DIR / "boilerplate.csv"


def load_boilerplate(path=BOILERPLATE):
    """Boilerplate patterns (data/boilerplate.csv), compiled. Kinds: 'line' (remove each line the
    pattern matches) and 'block' (remove from a line matching ``start`` through the next line
    matching ``end``, at most ``max_lines`` lines; a block whose end is not found is kept)."""
    df = read_vocabulary(path, ("pattern_id", "kind", "start", "end", "outlet", "reason"), "boilerplate file")
    out = []
    for i, r in enumerate(df.to_dict("records"), start=2):
        if r["kind"] not in ("line", "block"):
            raise VocabularyError(f"{path}: line {i}: kind must be 'line' or 'block', not {r['kind']!r}")
        if r["kind"] == "block" and not r["end"]:
            raise VocabularyError(f"{path}: line {i}: block pattern {r['pattern_id']!r} has no end pattern")
        try:
            start = re.compile(r["start"])
            end = re.compile(r["end"]) if r["end"] else None
        except re.error as e:
            raise VocabularyError(f"{path}: line {i}: bad regular expression ({e})") from None
        max_lines = int(r.get("max_lines") or 40)
        out.append({**r, "start_re": start, "end_re": end, "max_lines": max_lines})
    return out


def _applies(pat, outlet):
    return not pat["outlet"] or pat["outlet"] == "*" or pat["outlet"].lower() == (outlet or "").lower()


def clean_text(raw, doc_id="", patterns=None, outlet=""):
    """Clean one article. Returns (text, removed) where removed is a list of dicts
    (doc_id, line: 1-based line number in raw, text, pattern_id, reason).

    Line endings (CRLF, CR) become LF; a line that is only whitespace separates paragraphs.
    A hard-wrapped text (blank-line-separated blocks of short lines) keeps each block as one
    paragraph with its lines joined by a space; otherwise every non-blank line is a paragraph.
    Boilerplate patterns are matched against each line with its surrounding whitespace removed.
    """
    patterns = load_boilerplate() if patterns is None else patterns
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    drop = {}
    n = len(lines)
    stripped = [ln.strip() for ln in lines]
    for pat in patterns:
        if not _applies(pat, outlet):
            continue
        i = 0
        while i < n:
            if stripped[i] and i not in drop and pat["start_re"].search(stripped[i]):
                if pat["kind"] == "line":
                    drop[i] = pat
                else:
                    for j in range(i, min(n, i + pat["max_lines"])):
                        if pat["end_re"].search(stripped[j]):
                            for k in range(i, j + 1):
                                if stripped[k]:
                                    drop[k] = pat
                            i = j
                            break
            i += 1
    removed = [{"doc_id": doc_id, "line": i + 1, "text": lines[i], "pattern_id": drop[i]["pattern_id"],
                "reason": drop[i]["reason"]} for i in sorted(drop)]
    # Paragraphs: blocks of non-blank kept lines.
    blocks, cur = [], []
    for i, s in enumerate(stripped):
        if i in drop:
            continue
        if s:
            cur.append(s)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    multi = [b for b in blocks if len(b) > 1]
    line_lens = [len(s) for b in multi for s in b[:-1]]
    hard_wrapped = (len(multi) >= max(2, len(blocks) / 2) and bool(line_lens)
                    and float(np.median(line_lens)) <= 90)
    paras = []
    for b in blocks:
        paras.extend([" ".join(b)] if hard_wrapped else b)
    return "\n\n".join(paras), removed


def removed_lines(articles, patterns=None):
    """Every line cleaning removed: doc_id, line (1-based, in the raw file), text, pattern_id,
    reason. Recomputed from ``raw`` with the boilerplate file load_corpus used (or
    ``patterns``, from load_boilerplate), so it always matches ``text``."""
    if patterns is None:
        patterns = load_boilerplate(articles.attrs.get("boilerplate", BOILERPLATE))
    rows = []
    for doc, raw, outlet in zip(articles["doc_id"], articles["raw"], articles["outlet"]):
        rows.extend(clean_text(raw, doc, patterns, outlet=outlet)[1])
    return pd.DataFrame(rows, columns=["doc_id", "line", "text", "pattern_id", "reason"])


def paragraphs(articles):
    """One row per paragraph: doc_id, para (0-based), start, end (offsets into text), text."""
    rows = []
    for doc, text in zip(articles["doc_id"], articles["text"]):
        pos = 0
        for k, p in enumerate(text.split("\n\n")):
            rows.append((doc, k, pos, pos + len(p), p))
            pos += len(p) + 2
    return pd.DataFrame(rows, columns=["doc_id", "para", "start", "end", "text"])
