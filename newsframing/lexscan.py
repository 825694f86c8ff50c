"""Fast term matching over a whole corpus (layer 2).

A lexicon pattern whose matches form a small finite set of strings, each starting with a word
character, can only match where a text token (a run of \\w) equals one of the strings' first
words. So the texts are cut into tokens ONCE, with numpy over the whole corpus, and tokens are
looked up (two cheap integer keys, then the lower-cased string); only at such a token is the
real regex tried (rx.match at that offset of the same text, so look-arounds see exactly what
finditer would see), and for plain one-word patterns not even that (the token is the match).
Tokens with non-ASCII word characters (Unicode case folding) are left to the regex engine. A
pattern whose matches all contain some word (e.g. '["“]?position paper') runs finditer only on
the texts with that word; patterns that fit neither (unbounded repeats, classes such as \\w) run
finditer over every text. ``scan`` is the fast path; its readable reference is
``[m for m in term_regex(p).finditer(t)]`` (tests/test_speed_equivalence.py pins the equality).

Also here: the corpus-wide word cutting (``word_codes``, equal to ``re.findall`` per text) and
per-character lookup tables over numpy code-point arrays, used by several analysis modules.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

try:
    import re._parser as _sre  # Python >= 3.11
except ImportError:  # pragma: no cover
    import sre_parse as _sre


def term_regex(pattern, case_sensitive=False):
    """Compile a lexicon pattern so it matches whole words only.

    ``pattern`` is a regular expression written without boundaries ("Kiev", "inva(?:sion|ded)");
    it is wrapped in ``(?<!\\w)(?:...)(?!\\w)``: "Kiev" does not match "Kievan", "war" does not
    match "warning", but "Kyiv" matches in "Kyiv's" and "war" in "war-torn". Case-insensitive
    unless ``case_sensitive``.
    """
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", flags)

_TOKEN_RE = re.compile(r"\w+")
#: The non-ASCII characters that case-insensitive matching equates with an ASCII word character
#: (İ ı ſ and the Kelvin sign; tests/test_speed_equivalence.py checks the list against re).
ASCII_FOLDS = np.array([0x130, 0x131, 0x17F, 0x212A], dtype=np.uint32)


def _language(pattern, limit=2048):
    """(strings, plain): the finite set of strings ``pattern`` can match, with its look-arounds
    and anchors ignored (so a superset of its matches), and whether it has none of those nor
    inline flags. None if the set is unbounded, larger than ``limit`` or not derivable."""
    try:
        tree = _sre.parse(pattern)
    except Exception:  # noqa: BLE001 - not derivable: the caller falls back to finditer
        return None
    plain = [not (tree.state.flags & ~_sre.SRE_FLAG_UNICODE)]

    def seq(items):
        out = {""}
        for op, av in items:
            s = one(op, av)
            if s is None:
                return None
            out = {a + b for a in out for b in s}
            if len(out) > limit:
                return None
        return out

    def one(op, av):
        if op is _sre.LITERAL:
            return {chr(av)}
        if op is _sre.IN:
            chars = set()
            for o, a in av:
                if o is _sre.LITERAL:
                    chars.add(chr(a))
                elif o is _sre.RANGE and a[1] - a[0] < 128:
                    chars.update(map(chr, range(a[0], a[1] + 1)))
                else:
                    return None
            return chars
        if op is _sre.BRANCH:
            out = set()
            for b in av[1]:
                s = seq(b)
                if s is None:
                    return None
                out |= s
            return out
        if op is _sre.SUBPATTERN:
            if av[1] or av[2]:
                plain[0] = False
            return seq(av[3])
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            lo, hi, sub = av
            s = seq(sub)
            if s is None or hi > 4:
                return None
            out, cur = set(), {""}
            for k in range(hi + 1):
                if k >= lo:
                    out |= cur
                cur = {a + b for a in cur for b in s}
                if len(cur) > limit:
                    return None
            return out
        if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            plain[0] = False
            return {""}
        return None

    strings = seq(list(tree))
    return None if strings is None else (strings, plain[0])


@lru_cache(maxsize=16)
def _ascii_lut(core):
    rx = re.compile(core)
    return np.array([bool(rx.fullmatch(chr(c))) for c in range(128)] + [False])


def char_mask(cp, core):
    """Boolean array: which code points of ``cp`` (uint32) the one-character regex ``core``
    matches (decided by the regex engine itself, once per distinct character)."""
    mask = _ascii_lut(core)[np.minimum(cp, 128)]
    hi = cp >= 128
    if hi.any():
        u, inv = np.unique(cp[hi], return_inverse=True)
        rx = re.compile(core)
        ok = np.array([bool(rx.fullmatch(chr(c))) for c in u.tolist()])
        mask[hi] = ok[inv]
    return mask


@lru_cache(maxsize=4096)
def _pattern_plan(pattern):
    """How scan handles one lexicon pattern: None (finditer over every text), a dict
    {first word of a possible match (lower-cased): direct} (direct: a token equal to that word IS
    the match: no look-around, no longer string starts with it), or a str: a word (lower-cased)
    every match contains as a whole token (finditer over the texts that have it)."""
    lang = _language(pattern)
    if lang is None:
        return None
    strings, plain = lang
    if not strings or not all(strings):
        return None
    if all(_TOKEN_RE.match(s) and _TOKEN_RE.match(s).group().isascii() for s in strings):
        firsts = {}
        for s in strings:
            w = _TOKEN_RE.match(s).group()
            firsts[w.lower()] = firsts.get(w.lower(), plain) and w == s
        return firsts
    common = set.intersection(*({w.lower() for w in _TOKEN_RE.findall(s) if w.isascii()}
                                for s in strings))
    return max(sorted(common), key=len) if common else None


def _token_keys(cp, starts, ends):
    """A 19-bit key per token from its length and first two and last characters, blind to
    ASCII case (the low 5 bits of a letter): equal tokens up to ASCII case have equal keys."""
    n = ends - starts
    second = np.where(n > 1, cp[np.minimum(starts + 1, len(cp) - 1)] & 31, 0)
    return ((n & 15) << 15) | ((cp[starts] & 31) << 10) | (second << 5) | (cp[ends - 1] & 31)


def _token_keys2(cp, starts, ends):
    """A second 15-bit key (third, second-to-last and middle character, ASCII case blind)."""
    n = ends - starts
    last = len(cp) - 1
    third = np.where(n > 2, cp[np.minimum(starts + 2, last)] & 31, 0)
    penult = np.where(n > 1, cp[np.maximum(ends - 2, 0)] & 31, 0)
    return (third << 10) | (penult << 5) | (cp[starts + n // 2] & 31)


def _word_key2(w):
    c = [ord(ch) & 31 for ch in w]
    return ((c[2] if len(w) > 2 else 0) << 10) | ((c[-2] if len(w) > 1 else 0) << 5) | c[len(w) // 2]


def _word_key(w):
    c = [ord(ch) & 31 for ch in w]
    return ((len(w) & 15) << 15) | (c[0] << 10) | ((c[1] if len(w) > 1 else 0) << 5) | c[-1]


def scan(texts, patterns):
    """Every match of every pattern in every text, exactly those of
    ``[m for m in term_regex(p).finditer(t) if m.end() > m.start()]``: four int64 arrays
    (text index, start, end, pattern index), in no particular order. ``texts``: strings."""
    compiled = [term_regex(p) for p in patterns]
    plans = [_pattern_plan(p) for p in patterns]
    found = []  # (text, start, end, pattern) tuples from the regex engine

    def finditer(pid, which):
        rx = compiled[pid]
        found.extend((i, m.start(), m.end(), pid) for i in which for m in rx.finditer(texts[i])
                     if m.end() > m.start())

    def arrays(extra=()):
        cols = [np.array([f[c] for f in found], dtype=np.int64) for c in range(4)]
        return tuple(np.concatenate([c] + [x[k] for x in extra]) for k, c in enumerate(cols))
    by_word, needs = {}, {}
    for pid, plan in enumerate(plans):
        if plan is None:
            finditer(pid, range(len(texts)))
        elif isinstance(plan, str):
            needs.setdefault(plan, []).append(pid)
        else:
            for w, direct in plan.items():
                by_word.setdefault(w, []).append((pid, direct))
    if not (by_word or needs) or not texts:
        return arrays()
    joined = "\n".join(texts)
    try:
        cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # lone surrogates: every pattern by finditer
        found.clear()
        for pid in range(len(patterns)):
            finditer(pid, range(len(texts)))
        return arrays()
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    word = char_mask(cp, r"\w")
    edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    # tokens with a non-ASCII word character may still match by Unicode case folding (e.g. the
    # Kelvin sign matches 'k'): for them the regex engine decides, below
    hi_word = word & (cp >= 128)
    na_tok = np.unique(np.searchsorted(starts, np.flatnonzero(hi_word), side="right") - 1)
    is_na = np.zeros(len(starts), dtype=bool)
    is_na[na_tok] = True
    # (the words looked for are ASCII: only a token whose other characters are among the four
    # that fold to ASCII letters can match one; Cyrillic or Chinese tokens are skipped at once)
    odd = np.unique(np.searchsorted(starts, np.flatnonzero(hi_word & ~np.isin(cp, ASCII_FOLDS)),
                                    side="right") - 1)
    na_tok = np.setdiff1d(na_tok, odd)
    # ASCII tokens equal (up to case) to a first word: a cheap key filters, the string decides
    vocab = list(by_word) + [w for w in needs if w not in by_word]
    wanted = np.zeros(1 << 19, dtype=bool)
    wanted[[_word_key(w) for w in vocab]] = True
    hits = np.flatnonzero(wanted[_token_keys(cp, starts, ends)] & ~is_na)
    wanted2 = np.zeros(1 << 15, dtype=bool)
    wanted2[[_word_key2(w) for w in vocab]] = True
    hits = hits[wanted2[_token_keys2(cp, starts[hits], ends[hits])]]
    windex = {w: k for k, w in enumerate(vocab)}
    hs, he = starts[hits], ends[hits]
    wid = np.fromiter((windex.get(joined[a:b].lower(), -1) for a, b in zip(hs.tolist(), he.tolist())),
                      dtype=np.int64, count=len(hits))
    keep = wid >= 0
    hs, he, wid = hs[keep], he[keep], wid[keep]
    need_pos = {w: hs[wid == windex[w]].tolist() for w in needs}
    # (token, pattern) pairs: direct ones are matches as they stand, the others are verified
    lists = [by_word.get(w, []) for w in vocab]
    n_of = np.array([len(x) for x in lists], dtype=np.int64)
    flat_pid = np.array([p for x in lists for p, _ in x], dtype=np.int64)
    flat_direct = np.array([d for x in lists for _, d in x], dtype=bool)
    n = n_of[wid]
    pair_tok = np.repeat(np.arange(len(wid)), n)
    j = np.repeat(np.cumsum(n_of)[wid] - n, n) + (np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n))
    pid, direct = flat_pid[j], flat_direct[j]
    pos, tlen = hs[pair_tok], (he - hs)[pair_tok]
    checks = list(zip(pos[~direct].tolist(), pid[~direct].tolist()))
    first_rx, seen = {}, {}
    for k in na_tok.tolist():
        a = int(starts[k])
        tok = joined[a:int(ends[k])]
        if tok not in seen:  # the patterns whose words this token equals, by the regex engine
            seen[tok] = []
            for q, plan in enumerate(plans):
                if plan is None:
                    continue
                rx = first_rx.get(q)
                if rx is None:
                    ws = [plan] if isinstance(plan, str) else sorted(plan, key=len, reverse=True)
                    rx = first_rx[q] = re.compile("|".join(map(re.escape, ws)), re.IGNORECASE)
                if rx.fullmatch(tok):
                    seen[tok].append(q)
        for q in seen[tok]:
            if isinstance(plans[q], str):
                need_pos[plans[q]].append(a)
            else:
                checks.append((a, q))
    for w, pids in needs.items():
        which = sorted(set((np.searchsorted(offsets, need_pos[w], side="right") - 1).tolist()))
        for q in pids:
            finditer(q, which)
    # verify with the regex at the token, in position order, each pattern resuming after its
    # previous match as finditer does; a verified match can swallow later candidates
    checks.sort()
    ctix = (np.searchsorted(offsets, [a for a, _ in checks], side="right") - 1).tolist()
    cbase = offsets[ctix].tolist() if checks else []
    last, vstart, vend, vpid = {}, [], [], []
    for (a, q), i, base in zip(checks, ctix, cbase):
        if a < last.get(q, -1):
            continue
        m = compiled[q].match(texts[i], a - base)
        if m is None or m.end() <= m.start():
            continue
        found.append((i, m.start(), m.end(), q))
        last[q] = base + m.end()
        vstart.append(a)
        vend.append(base + m.end())
        vpid.append(q)
    dpos, dpid, dlen = pos[direct], pid[direct], tlen[direct]
    if vstart:  # direct candidates inside a verified match of the same pattern are skipped
        vs, ve, vp = (np.array(x, dtype=np.int64) for x in (vstart, vend, vpid))
        span = int(len(joined)) + 1
        order = np.argsort(vp * span + vs, kind="stable")
        vkey, ve = (vp * span + vs)[order], ve[order]
        k = np.searchsorted(vkey, dpid * span + dpos, side="right") - 1
        inside = (k >= 0) & (vkey[np.maximum(k, 0)] // span == dpid) & (dpos < ve[np.maximum(k, 0)])
        dpos, dpid, dlen = dpos[~inside], dpid[~inside], dlen[~inside]
    dtix = np.searchsorted(offsets, dpos, side="right") - 1
    drel = dpos - offsets[dtix]
    return arrays([(dtix, drel, drel + dlen, dpid)])


def group_spans(texts, patterns, group_of):
    """Per text, per group (in first-appearance order): the leftmost-longest non-overlapping
    matches of the group's patterns: sorted by start, longer first, then pattern order, each
    kept unless it overlaps the last kept one ("12-point peace plan" is one match). Returns
    (groups, and int64 arrays text index, group index, start, end, pattern index), sorted by
    text, group, start."""
    groups = list(dict.fromkeys(group_of))
    gix = {g: k for k, g in enumerate(groups)}
    t, s, e, p = scan(texts, patterns)
    g = np.array([gix[x] for x in group_of], dtype=np.int64)[p] if len(p) else p
    order = np.lexsort((p, s - e, s, g, t))
    t, g, s, e, p = t[order], g[order], s[order], e[order], p[order]
    if len(t):
        seg = np.concatenate(([0], np.cumsum((t[1:] != t[:-1]) | (g[1:] != g[:-1]))))
        big = int(e.max()) + 1
        run = np.maximum.accumulate(e + seg * big) - seg * big  # furthest end so far in the segment
        prev = np.concatenate(([-1], run[:-1]))
        prev[np.concatenate(([True], seg[1:] != seg[:-1]))] = -1
        keep = np.ones(len(t), dtype=bool)
        for k in np.unique(seg[s < prev]).tolist():  # segments with overlaps: the greedy pass
            idx = np.flatnonzero(seg == k)
            last = -1
            for j in idx.tolist():
                if s[j] >= last:
                    last = e[j]
                else:
                    keep[j] = False
        t, g, s, e, p = t[keep], g[keep], s[keep], e[keep], p[keep]
    return groups, t, g, s, e, p


def words_joined(texts, core, joiners="'’-"):
    """The words of every text by the rule ``core+(?:[joiners]core+)*`` (``core``: a
    one-character regex class, e.g. ``[^\\W\\d_]``), exactly as re.findall would give them, but
    found for all texts at once with numpy (re.findall over millions of characters is the slow
    part of counting words). Returns (spaced: "\\n".join(texts) with every character outside a
    word replaced by a space, so that its white-space-separated pieces are the words in order;
    the words' start offsets; the text index of each word), or None when the texts cannot be
    handled this way (the caller then uses re.findall)."""
    joined = "\n".join(texts)
    try:
        cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # lone surrogates
        return None
    core_rx = re.compile(core)
    if "\n" in joiners or " " in joiners or core_rx.fullmatch("\n") or core_rx.fullmatch(" "):
        return None
    letter = char_mask(cp, core)
    keep = letter.copy()
    if joiners and len(cp) > 2:  # a joiner between two letters belongs to the word
        gap = np.flatnonzero(letter[:-2] & letter[2:] & ~letter[1:-1]) + 1
        keep[gap[np.isin(cp[gap], np.array([ord(c) for c in joiners], dtype=np.uint32))]] = True
    spaced = np.where(keep, cp, np.uint32(32)).tobytes().decode("utf-32-le")
    prev = np.concatenate(([False], keep[:-1]))
    starts = np.flatnonzero(keep & ~prev)
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]) if texts else np.zeros(0, int)
    return spaced, starts, np.searchsorted(offsets, starts, side="right") - 1


def word_codes(texts, core, joiners="'’-", lower=False):
    """The words of every text as ``re.findall(core + "+(?:[" + joiners + "]" + core + "+)*",
    text)`` gives them, numbered: (codes: one per word, in order; uniques: the distinct words,
    codes index them; text index of each word). ``lower``: words compared lower-cased (each
    distinct word lower-cased with str.lower, as ``w.lower()`` per word would). The words of a
    corpus are cut and numbered without making a Python string per word (numpy, pyarrow)."""
    res = words_joined(texts, core, joiners)
    codes = None
    if res is not None:
        spaced, starts, text_ix = res
        try:
            import pyarrow as pa
            import pyarrow.compute as pc
            words = pc.utf8_split_whitespace(pa.array([spaced], type=pa.large_string())).flatten()
            words = words.filter(pc.greater(pc.utf8_length(words), 0))
            if len(words) == len(starts):  # the only white space in ``spaced`` is " "
                enc = words.dictionary_encode()
                codes = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
                uniques = enc.dictionary.to_pylist()
        except (ImportError, ValueError, TypeError, UnicodeError, AttributeError):  # pragma: no cover
            codes = None
        if codes is None:
            words = spaced.split()
            if len(words) == len(starts):
                codes, uniques = factorize(words)
    if codes is None:
        rx = re.compile(rf"{core}+(?:[{re.escape(joiners)}]{core}+)*" if joiners else rf"{core}+")
        per = [rx.findall(t) for t in texts]
        codes, uniques = factorize([w for ws in per for w in ws])
        text_ix = np.repeat(np.arange(len(texts)), [len(ws) for ws in per])
    if lower:
        low, uniques = factorize([u.lower() for u in uniques])
        codes = low[codes]
    return codes, uniques, text_ix


def factorize(values):
    """(codes ndarray, uniques list) of a list of strings, uniques in first-appearance order."""
    try:
        import pyarrow as pa
        enc = pa.array(values, type=pa.string()).dictionary_encode()
        if enc.indices.null_count == 0:
            return enc.indices.to_numpy(zero_copy_only=False).astype(np.int64), enc.dictionary.to_pylist()
    except (ImportError, ValueError, TypeError, UnicodeError):  # pragma: no cover
        pass
    index = {}  # missing values, non-strings or no pyarrow: a dict does it
    codes = np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.int64,
                        count=len(values))
    return codes, list(index)

_CHAR_TABLES = {}


def char_table(codes, name, test, present=None):
    """``test(chr(c))`` for each code point of ``codes`` (uint32 array) as a numpy array,
    evaluated once per distinct character (cached under ``name``): no per-character loop.
    ``present``: the distinct code points of ``codes``, sorted, when already known."""
    kind = type(test("a"))
    if not len(codes):
        return np.zeros(0, dtype=kind)
    cache = _CHAR_TABLES.setdefault(name, {})
    present = np.flatnonzero(np.bincount(codes)) if present is None else present
    lut = np.zeros(int(present[-1]) + 1, dtype=kind)
    for c in present.tolist():
        v = cache.get(c)
        if v is None:
            v = cache[c] = test(chr(c))
        lut[c] = v
    return lut[codes]


def code_points(texts, sep=""):
    """(joined, code points of joined as uint32, offsets): the texts joined by ``sep``; text i
    starts at offsets[i] (len(texts) + 1 offsets)."""
    joined = sep.join(texts)
    offs = np.zeros(len(texts) + 1, dtype="int64")
    np.cumsum(np.fromiter((len(t) + len(sep) for t in texts), dtype="int64", count=len(texts)),
                 out=offs[1:])
    return joined, np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32), offs
