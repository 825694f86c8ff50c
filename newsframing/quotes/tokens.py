"""Tokens of a paragraph for quote attribution (part of quotes), and the grammar words the
attribution rules read.

The paragraph is first *masked* (quote contents blanked, the marks replaced by sentinels), so a
reporting verb inside a quote is never read as a cue. Tokens: words, punctuation and quote
marks, with their offsets. The word lists that vary by story or house style (reporting verbs,
titles, abbreviations, ...) are data (data/reporting_verbs.csv, data/words/); the function words
below are English grammar, not vocabulary, and stay here.
"""
from __future__ import annotations

import collections
import itertools
import operator
import re

# --- grammar: function words the rules read (not story vocabulary) ----------------------------
AUX = frozenset("""has have had also then later previously again repeatedly once still recently
earlier publicly reportedly separately further simply immediately would will could can may might
did does do not never first just already only""".split())
STOP = frozenset("""that which who whom whose when where while because if as than and or but nor
so yet though although after before during since until in on at by for with from into about
against between through over under to of upon via per without within like is are was were be
been being there here what how why not no however meanwhile according then now today yesterday
tomorrow tonight monday tuesday wednesday thursday friday saturday sunday last next his her
their its our my your he she they it we i you him them us me this said says week weeks month
months year years morning afternoon evening night day days weekend ago earlier later""".split())
DETS = frozenset("""the a an some many several two three four five both all most other another
these those one few each every any""".split())
EXT_PREPS = frozenset("from at of to for with in".split())
PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "nonperson"}
OPENER_PREPS = frozenset("""in on at after before during since as while when following according
earlier later last despite with without under for speaking asked responding""".split())
TIME = frozenset("""this last next earlier week weeks month months year years morning
afternoon evening night day weekend monday tuesday wednesday thursday friday saturday
sunday""".split())
POSS_PRON = {"his": "he", "her": "she", "their": "they", "its": "it"}
OBJ_PREPS = frozenset("to with by for of at from about against on in into over than".split())

# --- tokens ------------------------------------------------------------------------------------
#: A token: s, e (offsets in the paragraph), t (text), k (kind: w word, p punctuation, o/c an
#: opening/closing quotation mark), low (lower case; a word without a trailing period), cap (a
#: word with a capital first letter). A named tuple so that tokenize can build a paragraph's
#: tokens with C-level map/zip instead of one __init__ call per token.
Tok = collections.namedtuple("Tok", "s e t k low cap")
OPEN_SENTINEL, CLOSE_SENTINEL = "\x01", "\x02"
# One match per token (split() keeps the whitespace between them): leading punctuation of a
# whitespace-separated chunk one character at a time, then the word (first to last
# alphanumeric character of the chunk, plus a period ending the chunk, split off again below
# unless the word is an abbreviation), then trailing punctuation one character at a time.
_TOKEN_RE = re.compile(r"([^\W_](?:\S*[^\W_])?(?:\.(?!\S))?|\S)")
SENT_END = frozenset(".!?…" + CLOSE_SENTINEL)  # token texts that can end a sentence


class Tokenizer:
    """Tokenizer for one set of abbreviations and reporting verbs, with its caches:
    ``info`` token text -> (k, low, cap); ``split`` "word." texts whose period is a token of its
    own; ``cue_texts`` token texts that are reporting verbs (lower-case words in ``cues``)."""

    def __init__(self, abbreviations, cues):
        self.abbreviations, self.cues = abbreviations, cues
        self.info, self.split, self.cue_texts = {}, set(), set()

    def _info(self, g):
        if not g[0].isalnum():
            return ("o" if g == OPEN_SENTINEL else "c" if g == CLOSE_SENTINEL else "p", g.lower(), False)
        if g[-1] == "." and len(g) > 1:
            w = g[:-1]
            if not (w.lower() in self.abbreviations or (len(w) == 1 and w.isupper())):
                self.split.add(g)
        low, cap = g.lower().rstrip("."), g[:1].isupper()
        if not cap and low in self.cues:
            self.cue_texts.add(g)
        return ("w", low, cap)

    def tokenize(self, masked):
        """(toks, texts, starts): the Tok tuples of a masked paragraph, their texts and starts."""
        parts = _TOKEN_RE.split(masked)  # [space, token, space, token, ..., space]
        cum = list(itertools.accumulate(map(len, parts)))
        S, E = cum[0:-1:2], cum[1::2]
        T = parts[1::2]
        info = self.info
        if len(info) > 500_000:  # bound the caches (entries are recomputed on demand, below)
            info.clear()
            self.split.clear()
            self.cue_texts.clear()
        infos = list(map(info.get, T))
        if not all(infos):  # (k, low, cap) tuples are truthy; None marks an unseen text
            for g in set(T).difference(info):
                info[g] = self._info(g)
            infos = list(map(info.__getitem__, T))
        split = list(itertools.compress(itertools.count(), map(self.split.__contains__, T)))
        if split:
            for i in reversed(split):
                g, s, e = T[i], S[i], E[i]
                T[i:i + 1] = [g[:-1], "."]
                S[i:i + 1] = [s, e - 1]
                E[i:i + 1] = [e - 1, e]
            for g in set(T).difference(info):
                info[g] = self._info(g)
            infos = map(info.__getitem__, T)
        toks = list(map(tuple.__new__, itertools.repeat(Tok), map(operator.add, zip(S, E, T), infos)))
        return toks, T, S

    def is_abbrev(self, tok):
        return tok.low in self.abbreviations or (len(tok.t) <= 2 and tok.t[:1].isupper()) or "." in tok.t

    def sentence_starts(self, toks, qend_punct, cand=None):
        """Token indices where sentences start. ``qend_punct[i]`` is the last character of the
        quote closed by token i (for a closing mark), so '"We won." The minister...' splits.
        ``cand``: the indices of tokens whose text is in SENT_END, if known (only those can
        end a sentence)."""
        starts = [0]
        last = len(toks) - 1
        if cand is None:
            cand = range(last)
        for i in cand:
            if i >= last:
                break
            t, nx = toks[i], toks[i + 1]
            nxt_ok = nx.k == "o" or (nx.k == "w" and (nx.t[0].isupper() or nx.t[0].isdigit()))
            if not nxt_ok:
                continue
            if t.k == "p" and t.t in ".!?…":
                if t.t == "." and i and toks[i - 1].k == "w" and self.is_abbrev(toks[i - 1]) \
                        and toks[i - 1].e == t.s:
                    continue
                starts.append(i + 1)
            elif t.k == "c" and qend_punct.get(i, "") == ".":
                starts.append(i + 1)
        return starts


_TOKENIZERS = {}


def tokenizer(abbreviations, cues):
    """The Tokenizer for these word sets, shared between calls (its caches stay warm)."""
    key = (abbreviations, cues)
    tk = _TOKENIZERS.get(key)
    if tk is None:
        if len(_TOKENIZERS) > 8:
            _TOKENIZERS.clear()
        tk = _TOKENIZERS[key] = Tokenizer(abbreviations, cues)
    return tk
