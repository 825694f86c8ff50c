"""Speakers (part of quotes): the subject of each reporting verb, resolved to an actor or a
description, with the speaker's side from the actors table or the text's own descriptor.

Rules, not a parser: the reporting clause is found in a bounded window of word tokens around
each quote (no regex with nested quantifiers, so the cost is linear in the text length).
"""
from __future__ import annotations

import bisect
import itertools
import re

from ..sides import DescriptorMatcher
from .tokens import tokenizer, AUX, DETS, EXT_PREPS, OBJ_PREPS, OPENER_PREPS, POSS_PRON, PRONOUNS, STOP, TIME


def np_ok(vocab, t):
    """Can token t belong to a speaker noun phrase?"""
    if t.k != "w":
        return False
    if t.low in STOP or t.low in vocab.cues and not t.cap:
        return False
    if not t.cap and t.low.endswith("ly") and len(t.low) > 4:
        return False
    return True


def collect_left(vocab, toks, j, lo, limit=9):
    """Start index of the noun phrase ending at token j (inclusive), or j+1 if none."""
    k = j
    while k >= lo and j - k < limit:
        t = toks[k]
        if t.k != "w":
            break
        if t.low in DETS:
            k -= 1
            break
        if not np_ok(vocab, t):
            break
        k -= 1
    a = k + 1
    if a <= j and all(toks[x].low in DETS for x in range(a, j + 1)):
        return j + 1
    return a


def collect_right(vocab, toks, i, hi, limit=9):
    """End index (exclusive) of the noun phrase starting at token i."""
    k = i
    seen_cap = False
    det = i < hi and toks[i].low in DETS
    while k < hi and k - i < limit:
        t = toks[k]
        if t.k != "w":
            break
        if t.low in DETS and k == i:
            k += 1
            continue
        if t.low == "and" and not seen_cap and k > i and k + 1 < hi and np_ok(vocab, toks[k + 1]) \
                and not toks[k + 1].cap:
            k += 1
            continue
        if not np_ok(vocab, t):
            break
        if t.cap:
            seen_cap = True
        k += 1
    if seen_cap and not det:  # "said Smith yesterday" -> Smith; "said Oilers head coach Ken Hitchcock"
        while k > i and not toks[k - 1].cap and toks[k - 1].low not in vocab.titles \
                and toks[k - 1].low not in vocab.org_words:
            k -= 1
    if k > i and all(toks[x].low in DETS for x in range(i, k)):
        return i
    return k


def name_run(toks, a, b, vocab):
    """(start, end) of the trailing personal-name tokens of toks[a:b], or None."""
    if b <= a:
        return None
    last = toks[b - 1]
    if not last.cap or last.low in vocab.org_words or last.low in vocab.titles:
        return None
    if last.t.isupper() and len(last.t) > 1:  # NATO, CCTV: organisations
        return None
    k = b
    while k > a:
        t = toks[k - 1]
        if not t.cap or t.low in vocab.titles or t.low in vocab.org_words or t.low in DETS \
                or t.t.endswith(("'s", "’s")) or vocab.is_affil(t.t) or t.low in STOP:
            break
        k -= 1
    if k == b or b - k > 4:
        return None
    return k, b


class Vocab:
    """Everything attribution reads, compiled once: actor aliases, descriptor terms (sides.py)
    and the word lists (reporting verbs, titles, organisation, place and document words,
    abbreviations, news channels; vocab.load_word_lists)."""

    def __init__(self, actors, affiliations, words):
        self.exact, self.lower = {}, {}
        for r in actors.itertuples(index=False):
            rec = (r.actor, r.bloc, r.role, r.alias)
            if r.alias[:1].islower():
                self.lower[r.alias.casefold()] = rec
                if r.alias.casefold().startswith("the ") and " " in r.alias[4:].strip():
                    self.lower.setdefault(r.alias.casefold()[4:], rec)
            else:
                self.exact[r.alias] = rec
        self.roles = {r.actor: r.role for r in actors.itertuples(index=False)}
        self.descriptors = DescriptorMatcher(affiliations)
        self.cues, self.relay_forms, self.participles = words.cues, words.relay_forms, words.participles
        self.titles, self.org_words = words.titles, words.organisation_words
        self.place_words, self.doc_words = words.place_words, words.document_words
        self.tokenizer = tokenizer(words.abbreviations, words.cues)
        # the channel patterns in one alternation, word boundaries factored out (one pass per
        # text); the index of the first pattern that matches a found text is its priority
        self.channels = [(re.compile(rf"\b(?:{p})\b"), lab) for p, lab in words.channels]
        self.channel_re = re.compile(r"\b(?:" + "|".join(p for p, _ in words.channels) + r")\b") \
            if words.channels else None
        self.channel_rank = {}  # matched text -> index in self.channels
        self.name_ok = {}  # token text -> can it be part of a name (register_names)
        self.actor_memo = {}  # tuple of words -> actor(words); this object's vocabulary only

    def _name_ok(self, g):
        k, low, cap = self.tokenizer.info.get(g) or self.tokenizer._info(g)
        return (cap and low not in self.titles and low not in self.org_words and low not in STOP
                and low not in DETS and not self.is_affil(g) and not g.isupper()
                and g.replace("-", "").replace("'", "").replace("’", "").isalpha())

    def name_tokens(self, texts):
        """Indices of the token texts ``texts`` that can be part of a personal name."""
        ok = self.name_ok
        flags = list(map(ok.get, texts))
        if None in flags:  # a text not seen yet
            for g in set(texts).difference(ok):
                ok[g] = self._name_ok(g)
            flags = map(ok.__getitem__, texts)
        return list(itertools.compress(itertools.count(), flags))

    def is_affil(self, word):
        return self.descriptors.is_term(word)

    def actor(self, words):
        """Longest alias that is a whole-word suffix of the phrase ``words`` (list of str)."""
        key = tuple(words)
        try:
            return self.actor_memo[key]
        except KeyError:
            hit = self.actor_memo[key] = self._actor(words)
            return hit

    def _actor(self, words):
        for i in range(max(0, len(words) - 8), len(words)):
            phrase = " ".join(words[i:])
            if phrase in self.exact:
                return self.exact[phrase]
            low = phrase.casefold()
            if low in self.lower:
                return self.lower[low]
        return None

    def affiliation(self, text):
        """(side, term) of the first descriptor term in ``text``, or None."""
        return self.descriptors.find(text)

    def channel_index(self, s):
        """Priority of a text the channel regex matched: the index of the first pattern matching it."""
        i = self.channel_rank.get(s)
        if i is None:
            i = self.channel_rank[s] = next(k for k, (rx, _) in enumerate(self.channels) if rx.fullmatch(s))
        return i

    def channel(self, text):
        """The most specific channel named in ``text`` (one pass over the text), or ""."""
        best = len(self.channels)
        if self.channel_re is not None:
            for m in self.channel_re.finditer(text):
                best = min(best, self.channel_index(m.group()))
        return self.channels[best][1] if best < len(self.channels) else ""


def span_text(u, toks, a, b):
    return u[toks[a].s:toks[b - 1].e] if b > a else ""


def speaker_record(speaker, bloc, source, affil, person):
    return {"speaker": speaker, "bloc": bloc, "bloc_source": source, "affiliation": affil,
            "person": person}


NO_SPEAKER = speaker_record("", "unknown", "none", "", False)


def resolve(u, toks, head, extra, doc, vocab):
    """Resolve a speaker noun phrase. ``head`` = (a, b) token range of the head phrase;
    ``extra`` = list of (a, b) ranges with descriptor evidence (prepositional extension,
    appositive). Returns a speaker record."""
    a, b = head
    words = [toks[x].t for x in range(a, b)]
    hit = vocab.actor(words)
    if hit:
        actor, bloc, role, alias = hit
        return speaker_record(actor, bloc, "actors", alias, role == "person")
    run = name_run(toks, a, b, vocab)
    evidence = [(span_text(u, toks, x, y)) for x, y in extra if y > x]
    if run:
        name = " ".join(words[run[0] - a:])
        if run[1] - run[0] == 1 and name in doc.surnames:
            name = doc.surnames[name]
        hit = vocab.actor(name.split())
        if hit and hit[2] == "person":
            return speaker_record(hit[0], hit[1], "actors", hit[3], True)
        premod = span_text(u, toks, a, run[0])
        if run[1] - run[0] >= 2:
            parts = name.split()
            doc.surnames.setdefault(parts[-1], name)
        if name in doc.registry and doc.registry[name]["bloc"] != "unknown":
            return doc.registry[name]
        for ev in [premod] + evidence:
            found = vocab.affiliation(ev)
            if found:
                rec = speaker_record(name, found[0], "descriptor", ev, True)
                break
        else:
            rec = speaker_record(name, "unknown", "none", "", True)
        doc.registry[name] = rec
        return rec
    phrase = span_text(u, toks, a, b)
    first = phrase.split(" ", 1)
    if len(first) == 2 and first[0].lower() in DETS:
        name = first[1]
    else:
        name = phrase
    whole = " ".join([phrase] + evidence)
    found = vocab.affiliation(whole)
    if found:
        return speaker_record(name, found[0], "descriptor", whole, False)
    return speaker_record(name, "unknown", "none", "", False)


def left_subject(vocab, u, toks, ci, s0):
    """Subject of the reporting verb at ci from the tokens before it (same sentence).
    Returns ("pron", word) | ("np", head, extra, (start_tok, end_tok)) | None."""
    j = ci - 1
    if toks[ci].low in ("quoted", "cited") and j >= s0 and toks[j].low in ("was", "is", "were", "are", "been"):
        j -= 1
    while j >= s0 and toks[j].k == "w" and (toks[j].low in AUX or toks[j].low in TIME or
                                             (not toks[j].cap and toks[j].low.endswith("ly"))):
        j -= 1
    if j < s0:
        return None
    t = toks[j]
    if t.k == "w" and t.low in PRONOUNS:
        return ("pron", t.t, (j, j + 1))
    if t.k == "w" and t.low in vocab.doc_words and j - 1 >= s0 and toks[j - 1].low in POSS_PRON:
        return ("pron", POSS_PRON[toks[j - 1].low], (j - 1, j + 1))
    if t.k == "p" and t.t == ",":
        return appositive_left(vocab, toks, j, s0)
    if t.k != "w":
        return None
    a = collect_left(vocab, toks, j, s0)
    while a < j and not toks[a].cap and toks[a].low.endswith(("ed", "ing")) and toks[a].low not in vocab.titles:
        a += 1
    if a > j:
        return None
    head, extra = (a, j + 1), []
    if a - 2 >= s0 and toks[a - 1].low in EXT_PREPS and toks[a - 1].k == "w":
        a0 = collect_left(vocab, toks, a - 2, s0)
        if a0 <= a - 2 and toks[a - 1].low != "to" or (a0 <= a - 2 and toks[a - 2].low in vocab.titles):
            # "Yu Jun from China's foreign ministry", "a spokesman for the Kremlin",
            # "China's ambassador to France" (to only after a title)
            head, extra = (a0, a - 1), [(a - 1, j + 1)]
            a = a0
    return ("np", head, extra, (a, j + 1))


def appositive_left(vocab, toks, j, s0):
    """'Irina Volkova, Russia's foreign ministry spokeswoman, said' and
    'Russia's foreign ministry spokeswoman, Irina Volkova, said': toks[j] is the last comma."""
    k = j - 1
    while k >= s0 and j - k <= 14 and toks[k].k == "w" and (np_ok(vocab, toks[k]) or
                                                              toks[k].low in DETS or
                                                              toks[k].low in EXT_PREPS):
        k -= 1
    if k < s0 or toks[k].t != "," or k == j - 1:
        return None
    seg = (k + 1, j)
    b = k - 1
    if b < s0 or toks[b].k != "w":
        return None
    a = collect_left(vocab, toks, b, s0)
    if a > b:
        return None
    if a - 2 >= s0 and toks[a - 1].low in EXT_PREPS:
        a0 = collect_left(vocab, toks, a - 2, s0)
        if a0 <= a - 2:
            chunk, chunk_extra = (a0, a - 1), [(a - 1, b + 1)]
        else:
            chunk, chunk_extra = (a, b + 1), []
    else:
        chunk, chunk_extra = (a, b + 1), []
    seg_is_name = all(toks[x].cap for x in range(*seg)) and seg[1] - seg[0] <= 4
    if seg_is_name:  # description, Name, said
        return ("np", seg, [(chunk[0], b + 1)], (chunk[0], j))
    return ("np", chunk, chunk_extra + [seg], (chunk[0], j))


def right_subject(vocab, toks, i, hi):
    """Inverted order: 'said Yu Jun, deputy head of ...', 'said a French presidential official'."""
    b = collect_right(vocab, toks, i, hi)
    if b <= i:
        if i < hi and toks[i].k == "w" and toks[i].low in PRONOUNS and (
                i + 1 >= hi or toks[i + 1].k != "w"):
            return ("pron", toks[i].t, (i, i + 1))
        return None
    head, extra, end = (i, b), [], b
    if b + 1 < hi and toks[b].low in EXT_PREPS and toks[b].k == "w":
        c = collect_right(vocab, toks, b + 1, hi)
        if c > b + 1:
            extra.append((b, c))
            end = c
    if end < hi and toks[end].t == ",":
        c = end + 1
        while c < hi and c - end < 14 and toks[c].k == "w" and (np_ok(vocab, toks[c]) or
                                                                 toks[c].low in DETS or
                                                                 toks[c].low in EXT_PREPS):
            c += 1
        if c > end + 1:
            extra.append((end + 1, c))
    return ("np", head, extra, (i, end))


class Event:
    __slots__ = ("rec", "written", "cue", "via", "np")

    def __init__(self, rec, written, cue, via, np):
        self.rec, self.written, self.cue, self.via, self.np = rec, written, cue, via, np

def sentence_subject(vocab, toks, s0, ci):
    """The subject at the start of the sentence (for 'X welcomed the call, saying ...' and
    'X did not reveal details, but said ...'), skipping an opening phrase up to a comma.
    Only for sentences that start at most 60 tokens before the verb (bounded work)."""
    if ci - s0 > 60:
        return None
    k = s0
    if k < ci and toks[k].low in OPENER_PREPS:
        while k < ci and toks[k].t != ",":
            k += 1
        k += 1
    while k < ci and toks[k].low in ("and", "but", "so", "yet", "however", "meanwhile", "also",
                                     "then", "still"):
        k += 1
    if k >= ci:
        return None
    if toks[k].low in PRONOUNS:
        return ("pron", toks[k].t, (k, k + 1))
    b = collect_right(vocab, toks, k, ci)
    if b > k and (any(toks[x].cap for x in range(k, b)) or toks[k].low in DETS):
        return ("np", (k, b), [], (k, b))
    return None


def find_events(u, toks, starts, doc, vocab, base, ui, cues=None):
    """Resolve the subject of every reporting verb in the paragraph, in text order.
    ``cues``: the indices of tokens whose text is in the tokenizer's cue_texts, if known (the only
    candidates)."""
    events = {}
    for ci in (range(len(toks)) if cues is None else cues):
        t = toks[ci]
        if t.k != "w" or t.cap or t.low not in vocab.cues:
            continue
        si = bisect.bisect_right(starts, ci) - 1
        s0 = starts[si]
        s1 = starts[si + 1] if si + 1 < len(starts) else len(toks)
        lo = max(s0, ci - 40)
        cue, via = t.t, ""
        subj = None
        if t.low == "according":
            if ci + 1 < s1 and toks[ci + 1].low == "to":
                subj = right_subject(vocab, toks, ci + 2, s1)
                cue = "according to"
        else:
            if t.low in vocab.relay_forms:  # "CCTV reported Xi as saying"
                b = collect_right(vocab, toks, ci + 1, s1)
                if b > ci + 1 and b + 1 < s1 and toks[b].low == "as" and toks[b + 1].low in vocab.cues:
                    src = left_subject(vocab, u, toks, ci, lo)
                    if src and src[0] == "np":
                        via = span_text(u, toks, *src[1])
                    subj = ("np", (ci + 1, b), [], (ci + 1, b))
                    cue = f"{t.t} ... as {toks[b + 1].t}"
            if subj is None:
                subj = left_subject(vocab, u, toks, ci, lo)
            if subj is None and s0 < ci - 1 <= s0 + 60 and toks[ci - 1].t == "," \
                    and t.low not in vocab.participles:
                k = s0
                while k < ci and toks[k].t != ",":
                    k += 1
                if k < ci - 1 and k > s0 and toks[k - 1].cap:
                    a = collect_left(vocab, toks, k - 1, s0)
                    if a == s0 and a < k:
                        subj = ("np", (a, k), [(k + 1, ci - 1)], (a, k))
            if subj is None and (ci == s0 or toks[ci - 1].k == "c" or toks[ci - 1].t == ","):
                if t.low not in vocab.participles:
                    subj = right_subject(vocab, toks, ci + 1, s1)
            j = ci - 1
            while j >= lo and toks[j].k == "w" and toks[j].low in AUX:
                j -= 1
            coord = j >= lo and toks[j].low in ("and", "but")
            if subj is None and (t.low in vocab.participles or coord):
                # "Beijing called on ..., stating that": the subject of an earlier cue
                for pj in range(ci - 1, lo - 1, -1):
                    if pj in events:
                        ev = events[pj]
                        events[ci] = Event(ev.rec, ev.written, t.t, ev.via, ev.np)
                        break
                else:
                    subj = sentence_subject(vocab, toks, s0, ci)
                if ci in events:
                    continue
        if subj is None:
            continue
        pos = base + t.s
        if subj[0] == "pron":
            rec = doc.antecedent(PRONOUNS[subj[1].lower()], pos) or NO_SPEAKER
            written = subj[1]
        else:
            rec = resolve(u, toks, subj[1], subj[2], doc, vocab)
            written = span_text(u, toks, subj[1][0], max([subj[1][1]] + [y for x, y in subj[2]
                                                                      if x == subj[1][1]]))
            doc.remember(rec, pos)
        if rec["speaker"]:
            doc.last_event = (pos, rec, written, ui)
        events[ci] = Event(rec, written, cue, via, subj[-1])
    return events

def register_names(u, toks, doc, vocab, base, names=None):
    """Names anywhere in the paragraph. Multi-word names are remembered by surname ("Deputy
    Foreign Minister Sergei Lavrenov arrived" -> a later "Lavrenov said" comes out whole), and
    every person named outside a prepositional phrase is a candidate antecedent for he/she.
    ``names``: the indices of the tokens that can be part of a name (vocab.name_tokens), if
    known. A run of consecutive such tokens is a name; a possessive ends it."""
    if names is None:
        names = vocab.name_tokens([t.t for t in toks])
    run = []
    for i in names:
        if run and (i != run[-1] + 1 or toks[run[-1]].t.endswith(("'s", "’s"))):
            register_run(u, toks, run, doc, vocab, base)
            run = []
        run.append(i)
    if run:
        register_run(u, toks, run, doc, vocab, base)


def register_run(u, toks, run, doc, vocab, base):
    """register_names for one run of name tokens (indices ``run``)."""
    words = [toks[x].t for x in run]
    if words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    a, b = run[0], run[-1] + 1
    if 2 <= len(words) <= 3:
        doc.surnames.setdefault(words[-1], " ".join(words))
    prep = a > 0 and (toks[a - 1].low in OBJ_PREPS or toks[a - 1].low in DETS
                      or toks[a - 1].t.endswith(("'s", "’s")))
    prep = prep or toks[b - 1].low in vocab.place_words
    if prep or (a > 0 and toks[a - 1].k == "o"):
        return
    known = len(words) == 1 and (words[0] in doc.surnames or
                                 (vocab.actor(words) or ("", "", ""))[2] == "person")
    if 2 <= len(words) <= 3 or known:
        h0 = collect_left(vocab, toks, b - 1, max(0, b - 10))
        rec = resolve(u, toks, (min(h0, a), b), [], doc, vocab)
        if rec["person"]:
            doc.mentions.append((base + toks[a].s, rec))


class Doc:
    """Per-article state: who spoke last, names seen, speakers already placed in a bloc."""

    def __init__(self):
        self.last = {"person": None, "nonperson": None, "any": None}  # (pos, rec)
        self.surnames = {}
        self.registry = {}
        self.mentions = []       # (pos, rec) of named people, in text order
        self.last_event = None   # (pos, rec, written, unit) of the latest attributed cue

    def remember(self, rec, pos):
        if not rec or not rec["speaker"]:
            return
        self.last["any"] = (pos, rec)
        self.last["person" if rec["person"] else "nonperson"] = (pos, rec)

    def antecedent(self, kind, pos):
        """he/she -> the latest named person (as speaker or as a name mentioned in the text);
        it -> the latest institution or document speaker; they -> the latest speaker."""
        best = self.last[kind]
        if kind == "person":
            lo, hi = 0, len(self.mentions)
            while lo < hi:  # last mention before pos
                mid = (lo + hi) // 2
                if self.mentions[mid][0] < pos:
                    lo = mid + 1
                else:
                    hi = mid
            if lo and (best is None or self.mentions[lo - 1][0] > best[0]):
                best = self.mentions[lo - 1]
        return best[1] if best else None
