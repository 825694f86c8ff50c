"""Quotation marks (part of quotes): pairing the marks of one paragraph, and the units
(lines) quotes are found in. Marks are paired within a paragraph by one pass over the marks."""
from __future__ import annotations

import bisect
import re


# Quotation marks: double-type openers and what closes them; single-type handled apart.
DOUBLE_MARKS = re.compile("[\"“”„«»「」『』]")
SINGLE_MARKS = re.compile("['‘’]")
OPENERS = {"“": "”\"", "„": "“”\"", "«": "»", "「": "」", "『": "』"}
OPEN_CHARS = set("\"“„«»「『'‘")
CONTINUATION_OPENERS = set("\"“„«「『")


# --- quotation marks -------------------------------------------------------------------------
def pair_marks(u):
    """Pair quotation marks in one paragraph ``u``.

    Returns (spans, unclosed): spans are (open_index, close_index, family) with family "d"
    (double-type: " “” „“ «» 「」) or "s" (single: ' ‘’); unclosed is the index of a double-type
    opening mark left open at the end of the paragraph, or -1. One pass over the marks only.
    """
    spans = []
    op, closers, och = -1, "", ""
    for m in DOUBLE_MARKS.finditer(u):
        i, ch = m.start(), m.group()
        if op >= 0:
            if ch in closers:
                spans.append((op, i, "d"))
                op = -1
            elif ch == och and ch != '"':  # the same opener again: the first was never closed
                op = i
            continue
        if ch in OPENERS:
            op, och, closers = i, ch, OPENERS[ch]
        elif ch == '"':
            op, och, closers = i, ch, '"”'
        elif ch == "”" and (i == 0 or u[i - 1].isspace()) and i + 1 < len(u) and not u[i + 1].isspace():
            op, och, closers = i, ch, '”"'
        elif ch == "»":  # Danish/Swedish style »…« or »…»
            op, och, closers = i, ch, "«»"
    unclosed = op
    # Single quotes, outside double-quoted spans: an opener follows a space or bracket and
    # precedes a letter; a closer follows a non-space and precedes a non-letter. Apostrophes
    # inside words (Zelensky's, don't) satisfy neither.
    singles = []
    dstarts = [s[0] for s in spans]
    sop = -1
    n = len(u)
    for m in SINGLE_MARKS.finditer(u):
        i, ch = m.start(), m.group()
        k = bisect.bisect_right(dstarts, i) - 1
        if k >= 0 and spans[k][0] < i < spans[k][1]:
            continue
        if unclosed >= 0 and i > unclosed:
            continue
        prev = u[i - 1] if i else " "
        nxt = u[i + 1] if i + 1 < n else " "
        opener = (prev.isspace() or prev in "([{—–-/") and nxt.isalnum()
        closer = not prev.isspace() and not nxt.isalnum()
        if sop >= 0 and closer and ch in "'’":
            singles.append((sop, i, "s"))
            sop = -1
        elif opener and ch in "'‘":
            sop = i
    if singles:  # a single-quoted span containing double-quoted ones wins over them
        keep = []
        sstarts = [x[0] for x in singles]
        for s in spans:
            j = bisect.bisect_right(sstarts, s[0]) - 1
            if not (j >= 0 and singles[j][0] < s[0] and s[1] < singles[j][1]):
                keep.append(s)
        spans = sorted(keep + singles)
    return spans, unclosed


# --- tokens ----------------------------------------------------------------------------------
#: A token: s, e (offsets in the paragraph), t (text), k (kind: w word, p punctuation, o/c an
#: opening/closing quotation mark), low (lower case; a word without a trailing period), cap

def units(text):
    """(start, end, para) of each non-empty line, para = index in text.split('\\n\\n')."""
    units = []
    pos = 0
    for pi, p in enumerate(text.split("\n\n")):
        for m in re.finditer(r"[^\n]+", p):
            s, e = m.start(), m.end()
            while s < e and p[s].isspace():
                s += 1
            while e > s and p[e - 1].isspace():
                e -= 1
            if e > s:
                units.append((pos + s, pos + e, pi))
        pos += len(p) + 2
    return units


def trim(u, s, e):
    """Trim a quote's content to its words: no outer spaces, no trailing , ; :"""
    while s < e and (u[s].isspace()):
        s += 1
    while e > s and (u[e - 1].isspace() or u[e - 1] in ",;:"):
        e -= 1
    return s, e
