"""Actor mentions (layer 4): every mention of an actors.csv alias in each sentence, found in one
pass over the corpus.

``actor_mentions`` is the fast path: all sentences are joined and only positions where an alias
can begin (found with numpy) are tried with the alias regex; the readable reference is
``_actor_regex(actors)[0].finditer`` on each sentence (tests/test_speed_equivalence.py).
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .lexscan import char_table, code_points
from .vocab import load_actors


def _actor_regex(actors):
    """One regex over all aliases, longest first. Capitalised aliases are names (case-sensitive);
    lower-case ones are descriptions (case-insensitive, with or without a leading "the"), the
    convention of load_actors()."""
    alts, info = [], {}
    for a, act, bl in sorted(zip(actors["alias"], actors["actor"], actors["side"]), key=lambda r: -len(r[0])):
        if a[:1].islower():
            core = a[4:] if a.lower().startswith("the ") else a
            pat = r"(?i:(?:the\s+)?" + r"\s+".join(re.escape(p) for p in core.split()) + ")"
            key = core.lower()
        else:
            pat = r"\s+".join(re.escape(p) for p in a.split())
            key = a
        if key in info:
            continue
        info[key] = (act, bl, a)
        alts.append(f"(?P<g{len(alts)}>{pat})")
    keys = list(info)
    rx = re.compile(r"(?<![\w'’-])(?:" + "|".join(alts) + r")(?![\w-])") if alts else None
    return rx, [info[k] for k in keys]


def _trie(words):
    """A regex for exactly the strings ``words``, as a prefix tree (fast to try)."""
    tree = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node):
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        body = "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node and body else body
    return emit(tree)


_SCANS = {}
_THE = re.compile(r"(?i:the)\s+")


def _actor_scan(actors):
    """(rx, info, pre, heads), cached per alias table: rx and info of _actor_regex; heads, the
    first words of the aliases (lower case, "the" dropped from lower-case ones, sorted); pre, a
    zero-width regex true wherever a match of rx can begin (word start, optional "the", a head
    word, case ignored): a superset of rx's starts, much cheaper to test."""
    key = tuple(zip(actors["alias"], actors["actor"], actors["side"]))
    if key not in _SCANS:
        rx, info = _actor_regex(actors)
        heads = sorted({(a[4:] if a[:1].islower() and a.lower().startswith("the ") else a).split()[0].lower()
                        for a in actors["alias"]})
        pre = re.compile(r"(?<![\w'’-])(?=(?i:(?:the\s+)?" + _trie(heads) + r")(?![\w-]))") if rx else None
        _SCANS[key] = (rx, info, pre, heads)
    return _SCANS[key]


_START_TABLES = {}


def _start_tables(heads):
    """For _actor_starts, cached per head list: tri, a flag per ASCII trigram (1: a two-letter
    head and a word end; 2: a three-letter head; 4: the start of a longer head), g4 (codes of the
    first four letters of the longer heads) and wordend (ASCII characters that end a word)."""
    key = tuple(heads)
    if key not in _START_TABLES:
        wordend = np.array([re.match(r"[\w-]", chr(c)) is None for c in range(128)])
        tri = np.zeros((128, 128, 128), dtype="int8")
        g4 = []
        for h in heads:
            c = [ord(ch) for ch in h[:4]]
            if len(h) == 2:
                tri[c[0], c[1], wordend] |= 1
            elif len(h) == 3:
                tri[c[0], c[1], c[2]] |= 2
            else:
                tri[c[0], c[1], c[2]] |= 4
                g4.append(((c[0] * 128 + c[1]) * 128 + c[2]) * 128 + c[3])
        _START_TABLES[key] = (tri.ravel(), np.array(sorted(set(g4)), dtype="int64"), wordend)
    return _START_TABLES[key]


def _actor_starts(joined, codes, heads):
    """Sorted positions of ``joined`` where a mention can begin, found with numpy (a superset):
    not after a letter, digit, _, ' or -, and the next characters (ASCII, case ignored) those of
    a head word (a head shorter than four followed by a character that ends a word); plus "the"
    and white space before such a position. A non-ASCII character counts as matching anything.
    Needs ASCII heads of two or more characters not starting with "the"."""
    n = len(codes)
    tri, g4, wordend = _start_tables(heads)
    pad = np.zeros(n + 3, dtype="int64")               # NUL past the end: ends a word
    present = np.flatnonzero(np.bincount(codes)) if n else None
    pad[:n] = char_table(codes, "ascii_lower", lambda ch: ord(ch.lower()) if ch.isascii() else 127, present)
    wild = pad == 127
    k3 = (pad[:n] * 128 + pad[1:n + 1]) * 128 + pad[2:n + 2]
    ok = (tri[k3] != 0) | wild[:n] | wild[1:n + 1] | wild[2:n + 2]
    ok[1:] &= ~char_table(codes, "wordish", lambda ch: re.match(r"[\w'’-]", ch) is not None, present)[:-1]
    pos = np.flatnonzero(ok)
    t, c4 = tri[k3[pos]], pad[pos + 3]
    keep = ((t & 1) != 0) | (((t & 2) != 0) & wordend[np.minimum(c4, 127)]) | wild[pos + 3]
    keep |= ((t & 4) != 0) & np.isin(k3[pos] * 128 + c4, g4)
    keep |= wild[pos] | wild[pos + 1] | wild[pos + 2]
    pos = pos[keep]
    # "the" and white space right before a candidate (lower-case aliases may start with it)
    space = char_table(codes, "space", str.isspace, present)
    q = pos.copy()                                   # back over the white space before each
    more = q > 0
    while more.any():
        more[more] = space[q[more] - 1]
        q[more] -= 1
        more &= q > 0
    sel = (q < pos) & (q >= 3)
    sel[sel] = (((pad[q[sel] - 3] == 116) | wild[q[sel] - 3]) & ((pad[q[sel] - 2] == 104) | wild[q[sel] - 2])
                & ((pad[q[sel] - 1] == 101) | wild[q[sel] - 1]))
    the = [x - 3 for x, p in zip(q[sel].tolist(), pos[sel].tolist())
           if (m := _THE.match(joined, x - 3, p)) is not None and m.end() == p]
    return sorted(set(pos.tolist()) | set(the))


def actor_mentions(sents, actors=None):
    """One row per actor mention in each sentence: doc_id, sent, actor, side, alias (the
    actors.csv row that matched), mention (as written), start, end (offsets into the article's
    text), s_start, s_end (offsets into the sentence's text).

    ``actors``: load_actors() frame or path (default data/actors.csv). The longest alias wins
    and mentions do not overlap ("Chinese President Xi Jinping" is one mention of Xi Jinping).
    Word boundaries are respected ("Russian" is not "Russia"; "Russia's" is).
    """
    if actors is None or isinstance(actors, (str, Path)):
        actors = load_actors(actors)
    cols = ["doc_id", "sent", "actor", "side", "alias", "mention", "start", "end", "s_start", "s_end"]
    rx, info, pre, heads = _actor_scan(actors)
    rows = []
    if rx is not None and len(sents):
        # All sentences joined by NUL (no alias contains it; the look-arounds treat it like the
        # end of a string), scanned once: the same matches as rx.finditer on each sentence.
        # rx is tried only where a match can begin (_actor_starts), resuming after each match.
        joined, codes, offs = code_points(sents["text"].tolist(), "\x00")
        if all(len(h) >= 2 and h.isascii() and not h.startswith("the") for h in heads):
            cands = _actor_starts(joined, codes, heads)
        else:
            cands = [m.start() for m in pre.finditer(joined)]
        found, last, match, check = [], 0, rx.match, pre.match
        for p in cands:
            if p >= last and check(joined, p) is not None:
                m = match(joined, p)
                if m is not None:
                    found.append((p, m.end(), m.lastgroup))
                    last = m.end()
        if found:
            at = np.searchsorted(offs, [f[0] for f in found], side="right") - 1
            ids, ks, s0 = (sents[c].to_numpy(dtype=object) for c in ("doc_id", "sent", "start"))
            for (p, e, grp), i in zip(found, at.tolist()):
                act, bl, al = info[int(grp[1:])]
                o = int(offs[i])
                rows.append((ids[i], ks[i], act, bl, al, joined[p:e], s0[i] + p - o, s0[i] + e - o, p - o, e - o))
    out = pd.DataFrame(rows, columns=cols)
    for c in ("sent", "start", "end", "s_start", "s_end"):
        out[c] = out[c].astype("int64")
    return out
