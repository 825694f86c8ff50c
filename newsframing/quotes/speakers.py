"""Speakers (part of quotes): the subject of each reporting verb, resolved to an actor or a
description, with the speaker's side from the actors table or the text's own descriptor.

Rules, not a parser: the reporting clause is found in a bounded window of word tokens around
each quote (no regex with nested quantifiers, so the cost is linear in the text length).
"""
from __future__ import annotations

import bisect
import re

from .tokens import AUX, DETS, EXT_PREPS, OBJ_PREPS, OPENER_PREPS, POSS_PRON, PRONOUNS, STOP, TIME


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
                or t.t.endswith(("'s", "’s")) or vocab.is_affil(t.t) or t.low in STOP and not _surname_pronoun(toks, k - 1):
            break
        k -= 1
    if k == b or b - k > 4:
        return None
    return k, b


def span_text(u, toks, a, b):
    return u[toks[a].s:toks[b - 1].e] if b > a else ""


def speaker_record(speaker, side, source, evidence, person):
    """A resolved speaker: canonical name or description, side, side_source (actors |
    descriptor | context | corpus | none), the evidence words, and whether it is a person."""
    return {"speaker": speaker, "side": side, "side_source": source, "evidence": evidence, "person": person}


NO_SPEAKER = speaker_record("", "unknown", "none", "", False)


_POSSESSIVE = re.compile(r"['’]s$")
_INDEFINITE = frozenset("a an one some several many another other any".split())
#: Words allowed inside an appositive besides a noun phrase: a relative clause describing the
#: speaker (", who sits on the Bundestag's defence committee,").
_RELATIVE_CLAUSE = frozenset("who sits serves served works worked heads headed leads led chairs chaired is was "
                             "in on of at for the a an".split())


def resolve(u, toks, head, extra, doc, vocab, pos=-1):
    """Resolve a speaker noun phrase. ``head`` = (a, b) token range of the head phrase;
    ``extra`` = list of (a, b) ranges with descriptor evidence (prepositional extension,
    appositive); ``pos``: the mention's offset in the article (for the article's context).
    Returns a speaker record. The side comes, in order, from the actors table, the speaker's own
    descriptor (sides.SideResolver.descriptor), the same person's descriptor earlier in the
    article, or, for an office named without a country ("the foreign minister", "its
    spokesperson", "Deputy Foreign Minister X"), the country the article established (Doc.context);
    else it is unknown (extract_quotes may still find it in another article of the corpus)."""
    a, b = head
    words = [toks[x].t for x in range(a, b)]
    hit = vocab.actor(words)
    if hit:
        actor, side, role, alias = hit
        return speaker_record(actor, side, "actors", alias, role == "person")
    run = name_run(toks, a, b, vocab)
    evidence = [party_label(span_text(u, toks, x, y), vocab) for x, y in extra if y > x]
    if run:
        name = _POSSESSIVE.sub("", " ".join(words[run[0] - a:]))
        inst = [c for c in vocab.resolver.gaz.find(name) if c.start == 0 and c.end == len(name)
                and c.ref.via not in ("capital", "city")]
        if inst:  # "Downing Street", "Verkhovna Rada": an institution, not a person
            return speaker_record(name, vocab.resolver.side_of(inst[0].ref), "descriptor", name, False)
        if run[1] - run[0] == 1 and name in doc.surnames:
            name = doc.surnames[name]
        elif run[1] - run[0] == 1 and name in doc.corpus_surnames:
            name = doc.corpus_surnames[name]  # the person another article of the corpus named in full
        hit = vocab.actor(name.split())
        if hit and hit[2] == "person":
            return speaker_record(hit[0], hit[1], "actors", hit[3], True)
        premod = span_text(u, toks, a, run[0])
        if run[1] - run[0] >= 2:
            parts = name.split()
            doc.surnames.setdefault(parts[-1], name)
        if name in doc.registry and doc.registry[name]["side"] != "unknown":
            return doc.registry[name]
        rec = None
        for ev in [premod] + evidence:
            found = vocab.resolver.descriptor(ev)
            if found:
                rec = speaker_record(name, found[0], "descriptor", ev, True)
                break
        if rec is None and not any(ev.split(" ", 1)[0].lower() in _INDEFINITE for ev in [premod] + evidence if ev):
            ctx = doc.context(" ".join([premod] + evidence), pos, vocab)
            rec = speaker_record(name, ctx[0], "context", ctx[1], True) if ctx else None
        if rec is None:
            rec = speaker_record(name, "unknown", "none", "", True)
        doc.registry[name] = rec
        return rec
    doc_at = next((x for x in range(b - 1, a - 1, -1) if toks[x].low in vocab.doc_words), None)
    if doc_at is not None and all(not toks[x].cap and toks[x].low.endswith("ed") for x in range(doc_at + 1, b)):
        # a statement, a video, footage: not a person; its author speaks, if the text names one
        return _document_author(u, toks, a, doc_at, b, extra, doc, vocab, pos)
    phrase = span_text(u, toks, a, b)
    first = phrase.split(" ", 1)
    if len(first) == 2 and first[0].lower() in DETS:
        name = first[1]
    else:
        name = phrase
    name = _POSSESSIVE.sub("", name)
    whole = " ".join([phrase] + evidence)
    found = vocab.resolver.descriptor(whole)
    if found:
        return speaker_record(name, found[0], "descriptor", whole, False)
    if first[0].lower() not in _INDEFINITE:
        ctx = doc.context(whole, pos, vocab)
        if ctx:
            return speaker_record(name, ctx[0], "context", ctx[1], False)
    return speaker_record(name, "unknown", "none", "", False)


_PARTY_LABEL = re.compile(r"^\(?\s*([A-Z])\s*-\s*[A-Z][\w.]*\.?\s*\)?,?$")


def party_label(text, vocab):
    """A party-and-state label ("R-Utah", "(D-N.Y.)", "R-Ky.") as the party it stands for
    (data/words/party_labels.csv: "Republican Party (party label R-Utah)"), so the gazetteer can place the
    speaker; any other text unchanged. A label whose party is "independent" names no party."""
    m = _PARTY_LABEL.match(text.strip())
    party = vocab.party_labels.get(m.group(1)) if m else None
    return f"{party} (party label {text.strip()})" if party and party != "independent" else text


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
    label = None
    if toks[j].t == ")":  # "Rep. Dana Kell (R-Utah) said": a bracketed label between name and verb
        k = j - 1
        while k >= s0 and j - k <= 8 and toks[k].t != "(":
            k -= 1
        if k >= s0 and toks[k].t == "(" and k > s0:
            label, j = (k + 1, j), k - 1
    t = toks[j]
    if t.k == "w" and t.low in PRONOUNS:
        return ("pron", t.t, (j, j + 1))
    if t.k == "w" and t.low in vocab.doc_words and j - 1 >= s0 and toks[j - 1].low in POSS_PRON:
        return ("pron", POSS_PRON[toks[j - 1].low], (j - 1, j + 1))
    if t.k == "p" and t.t == ",":
        return appositive_left(vocab, toks, j, s0)
    if t.k != "w":
        return None
    w = j
    while w > s0 and j - w < 12 and toks[w].k == "w" and toks[w].low not in ("who", "which"):
        w -= 1
    if w > s0 and w < j and toks[w].low == "who" and toks[w - 1].k == "w":
        # "a diplomat who asked not to be named said": the relative clause describes the speaker
        a = collect_left(vocab, toks, w - 1, s0)
        if a < w:
            named = any(toks[x].cap and toks[x].low not in DETS for x in range(a, w))
            return ("np", (a, w) if named else (a, j + 1), [(w, j + 1)], (a, j + 1))
    a = collect_left(vocab, toks, j, s0)
    while a < j and not toks[a].cap and toks[a].low.endswith(("ed", "ing")) and toks[a].low not in vocab.titles:
        a += 1
    if a > j:
        return None
    if a - 1 >= s0 and toks[a - 1].low in POSS_PRON and _is_office(toks[j].low, vocab):
        a -= 1  # "its spokesperson", "their envoy": the office of the previous subject
    head, extra = (a, j + 1), ([label] if label else [])
    if a - 2 >= s0 and toks[a - 1].low in EXT_PREPS and toks[a - 1].k == "w":
        a0 = collect_left(vocab, toks, a - 2, s0)
        if a0 <= a - 2 and toks[a - 1].low != "to" or (a0 <= a - 2 and toks[a - 2].low in vocab.titles):
            # "Yu Jun from China's foreign ministry", "a spokesman for the Kremlin",
            # "China's ambassador to France" (to only after a title)
            head, extra = (a0, a - 1), [(a - 1, j + 1)] + ([label] if label else [])
            a = a0
    return ("np", head, extra, (a, j + 1))


def _document_author(u, toks, a, d, b, extra, doc, vocab, pos):
    """The author of a document named as a speaker (toks[d] is the document word, toks[a:b] its
    noun phrase): "a statement from the Garrity campaign", "a video posted by Garrity", "the
    RCMP statement", "the campaign's new ad". No author in the text: no speaker."""
    for x, y in extra:
        if y > x + 1 and toks[x].low in ("from", "by", "of"):
            return resolve(u, toks, (x + 1, y), [], doc, vocab, pos)
    k = b
    while k < len(toks) and toks[k].k == "w" and not toks[k].cap and toks[k].low.endswith("ed"):
        k += 1  # "a video posted by Garrity"
    if k < len(toks) and toks[k].low in ("by", "from"):
        end = collect_right(vocab, toks, k + 1, len(toks))
        if end > k + 1:
            return resolve(u, toks, (k + 1, end), [], doc, vocab, pos)
    poss = [x for x in range(a, d) if toks[x].t.endswith(("'s", "’s"))]
    if poss:
        return resolve(u, toks, (a, poss[-1] + 1), [], doc, vocab, pos)
    caps = [x for x in range(a, d) if toks[x].cap]
    if caps:
        return resolve(u, toks, (caps[0], caps[-1] + 1), [], doc, vocab, pos)
    return NO_SPEAKER


def _surname_pronoun(toks, k):
    """Is toks[k] a capitalised pronoun that is a surname here ("He Lanqing", "It Hui"): mid-sentence
    and followed by another capitalised name word?"""
    t = toks[k]
    return (t.cap and t.low in PRONOUNS and k > 0 and toks[k - 1].t not in ".!?\x01\x02" and k + 1 < len(toks)
            and toks[k + 1].cap and toks[k + 1].k == "w" and toks[k + 1].low not in STOP)


def _is_office(word, vocab):
    """Is ``word`` (lower case) a title or an office or body word (spokesperson, ministry, envoy)?"""
    return word in vocab.titles or word in vocab.resolver.gaz.offices


def appositive_left(vocab, toks, j, s0):
    """'Irina Volkova, Russia's foreign ministry spokeswoman, said' and
    'Russia's foreign ministry spokeswoman, Irina Volkova, said': toks[j] is the last comma."""
    k = j - 1
    while k >= s0 and j - k <= 14 and (toks[k].t == "." and k > s0 and toks[k - 1].k == "w" or
                                       toks[k].k == "w" and toks[k].low in _RELATIVE_CLAUSE) or \
            k >= s0 and j - k <= 14 and toks[k].k == "w" and (np_ok(vocab, toks[k]) or _surname_pronoun(toks, k) or
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
        if ci and (toks[ci - 1].t.endswith(("'s", "’s")) or toks[ci - 1].low in DETS or toks[ci - 1].low in POSS_PRON):
            continue  # "the ambassador's remarks", "his report": a noun, not a reporting verb
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
                if k < ci - 1 and k > s0:
                    # "A memo from the party, obtained by reporters, warned": the noun phrase
                    # that opens the sentence, before its first comma
                    lead = left_subject(vocab, u, toks, k, s0)
                    if lead and lead[0] == "np" and lead[3][0] == s0:
                        subj = ("np", lead[1], lead[2] + [(k + 1, ci - 1)], lead[3])
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
            rec = resolve(u, toks, subj[1], subj[2], doc, vocab, pos)
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
    if 2 <= len(words) <= 3 and toks[b - 1].low not in vocab.place_words:  # "Black Sea" names no person
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
        extra = []
        if b < len(toks) and toks[b].t == ",":  # "Marta Kovalenko, a Ukrainian lawmaker, met ..."
            c = b + 1
            while c < len(toks) and c - b <= 14 and (toks[c].k == "w" or toks[c].t in "'’-"):
                c += 1
            if c > b + 1 and (c == len(toks) or toks[c].t in ",.;"):
                extra = [(b + 1, c)]
        rec = resolve(u, toks, (min(h0, a), b), extra, doc, vocab, base + toks[a].s)
        if rec["person"]:
            doc.mentions.append((base + toks[a].s, rec))
