"""Quote extraction (part of quotes): every quoted span of an article with its speaker.

One article is read paragraph line by paragraph line (a *unit*). In each unit the quotation
marks are paired (marks.py), the quote contents masked and the rest tokenized (tokens.py), the
subject of every reporting verb resolved (speakers.py); then each quote takes the reporting verb
that governs it (``_governing_event``), or continues the speaker of the quote or paragraph
before it (``_continued_speaker``), and is classed direct, partial or scare (``_kind``).
"""
from __future__ import annotations

import bisect
import itertools
import re
from pathlib import Path

import pandas as pd

from ..gazetteer import load_gazetteer
from ..sides import SideResolver
from ..vocab import load_actors, load_affiliations, load_sides, load_word_lists, story_ids
from .marks import CONTINUATION_OPENERS, OPEN_CHARS, pair_marks, trim, units
from .document import Doc
from .lexicon import Vocab
from .speakers import NO_SPEAKER, find_events, register_names, speaker_record
from .tokens import CLOSE_SENTINEL, OPEN_SENTINEL, SENT_END

PEOPLE_COLUMNS = ["doc_id", "name", "side", "side_source", "evidence"]
QUOTE_COLUMNS = ["doc_id", "para", "start", "end", "quote", "kind", "speaker", "speaker_as_written",
                 "cue", "side", "side_source", "evidence", "via", "n_words"]
#: Attribution columns a continuing quote takes over from the next paragraph's speaker.
_SPEAKER_COLUMNS = ("speaker", "speaker_as_written", "cue", "side", "side_source", "evidence", "via")


class _Unit:
    """One line of an article, ready for attribution: its quotes (open, close, family,
    continues-into-next-line), the masked text's tokens, sentence starts, the resolved
    reporting verbs (``events`` by token index) and the channels named outside the quotes."""

    def __init__(self, text, us, ue, ui, para, next_opens, doc, vocab):
        self.u = text[us:ue]
        # markup left in scraped text (<p>, <a href="...">) is blanked: its quotation marks are
        # attribute values, not speech, and a tag is not a word
        u = self.marked = _TAG.sub(lambda m: " " * len(m.group()), self.u) if "<" in self.u else self.u
        self.us, self.ui = us, ui
        spans, self.unclosed = pair_marks(u)
        self.quotes = [(o, c, fam, False) for o, c, fam in spans]
        if self.unclosed >= 0 and next_opens:
            self.quotes.append((self.unclosed, len(u), "d", True))
        elif self.unclosed >= 0 and u[:self.unclosed].rstrip()[-1:] in (":", ","):
            # a quote that never closes, introduced like speech ('Calloway said, "We will ...'):
            # it runs to the end of the line
            self.quotes.append((self.unclosed, len(u), "d", False))
        self.masked = self._mask()
        tk = vocab.tokenizer
        self.toks, tok_text, self.tok_pos = tk.tokenize(self.masked)
        self.close_tok, self.qend_punct = self._closing_marks()
        count = itertools.count
        self.starts = tk.sentence_starts(self.toks, self.qend_punct, list(itertools.compress(
            count(), map(SENT_END.__contains__, tok_text))))
        toks = self.toks
        for i, s0 in enumerate(self.starts):  # what each sentence establishes, for context
            s1 = self.starts[i + 1] if i + 1 < len(self.starts) else len(toks)
            if s1 > s0:
                doc.add_sentence(us + toks[s0].s, para, self.masked[toks[s0].s:toks[s1 - 1].e])
        register_names(u, self.toks, doc, vocab, us, vocab.name_tokens(tok_text))
        self.events = find_events(u, self.toks, self.starts, doc, vocab, us, ui, list(itertools.compress(
            count(), map(tk.cue_texts.__contains__, tok_text))))
        self.ev_idx = sorted(self.events)
        chan = [(m.start(), vocab.channel_index(m.group())) for m in vocab.channel_re.finditer(self.masked)] \
            if self.quotes and vocab.channel_re is not None else []
        self.chan_pos, self.chan_rank = [x[0] for x in chan], [x[1] for x in chan]

    def _mask(self):
        """The line with quote contents blanked and the marks replaced by sentinels, so that
        reporting verbs inside quotes are never read as cues."""
        u = self.marked
        if not self.quotes:
            return u
        chars = list(u)
        for o, c, fam, cont in self.quotes:
            ce = min(c, len(u))
            if ce > o + 1:
                chars[o + 1:ce] = " " * (ce - o - 1)
            chars[o] = OPEN_SENTINEL
            if c < len(u):
                chars[c] = CLOSE_SENTINEL
        return "".join(chars)

    def _closing_marks(self):
        """Token index of each quote's closing mark, and the last character quoted before it."""
        u, close_tok, qend_punct = self.u, {}, {}
        for qi, (o, c, fam, cont) in enumerate(self.quotes):
            ce = c
            while ce > o + 1 and u[ce - 1].isspace():
                ce -= 1
            if c < len(u):
                ti = bisect.bisect_left(self.tok_pos, c)
                close_tok[qi] = ti
                qend_punct[ti] = u[ce - 1] if ce > o + 1 else ""
        return close_tok, qend_punct

    def sentence_of(self, ot, ct):
        """(first token, end token) of the sentence holding tokens ot..ct."""
        s0 = self.starts[bisect.bisect_right(self.starts, ot) - 1]
        sj = bisect.bisect_right(self.starts, ct)  # the first start after the closing mark
        return s0, (self.starts[sj] if sj < len(self.starts) else len(self.toks))


def _governing_event(unit, ot, ct, s0, s1):
    """The reporting verb that introduces the quote spanning tokens ot..ct, or None:
    1. right after the closing mark ('," Xi said', '," said Yu Jun', '," he wrote');
    2. else the nearest one before the quote in its sentence (at most 40 tokens back);
    3. else the nearest one after it in the same sentence (at most 30 tokens on)."""
    toks, events, ev_idx = unit.toks, unit.events, unit.ev_idx
    if ct < len(toks) and unit.qend_punct.get(ct) != ".":
        k = ct + 1
        if k < len(toks) and toks[k].t == ",":
            k += 1
        for x in range(k, min(len(toks), k + 14)):
            if toks[x].k in "oc" or toks[x].t in ".!?;":
                break
            if x in events:
                if events[x].np[0] <= k or (x == k and events[x].np[0] == x + 1):
                    return events[x]
                break
    j = bisect.bisect_left(ev_idx, ot) - 1
    if j >= 0 and ev_idx[j] >= max(s0, ot - 40):
        return events[ev_idx[j]]
    j = bisect.bisect_right(ev_idx, ct)
    if j < len(ev_idx) and ev_idx[j] < min(s1, ct + 30):
        return events[ev_idx[j]]
    return None


def _direct_form(u, o, s, e, cont):
    """Does the quote at u[o] read as quoted speech (a sentence or clause: opening the line, after
    a colon or comma, or starting with a capital or digit) rather than a phrase embedded in the
    reporter's sentence?"""
    x = o - 1
    while x >= 0 and u[x].isspace():
        x -= 1
    prev = u[x] if x >= 0 else ""
    embedded = bool(prev) and prev not in ":,;.!?—–-([" and prev not in OPEN_CHARS \
        and prev not in "”’»」』" and not cont
    first = u[s:e][:1]
    return cont or (not embedded and (first.isupper() or first.isdigit() or prev in (":", ",") or o == 0))


def _continued_speaker(unit, o, fam, unit_quotes, prev_last, doc):
    """For a quote in direct form without a reporting verb: (rec, written, cue) of the speaker it
    continues, or None. A quote after an attributed quote in the same line continues it; a line
    that opens with a quote continues the latest speaker: the previous line's last quote or a
    reporting verb at most two lines back."""
    if unit_quotes and unit_quotes[-1][0]["speaker"]:
        return unit_quotes[-1][0], unit_quotes[-1][1], unit_quotes[-1][2]
    if o != 0 or fam != "d":
        return None
    cands = []
    if prev_last and prev_last[0]["speaker"] and prev_last[3] == "d":
        cands.append((prev_last[5], prev_last[0], prev_last[1]))
    le = doc.last_event
    if le and le[3] >= unit.ui - 2 and le[0] < unit.us:
        cands.append((le[0], le[1], le[2]))
    if not cands:
        return None
    _, rec, written = max(cands, key=lambda c: c[0])
    return rec, written, ""


def _channel_near(unit, vocab, o, c, s0, s1):
    """The most specific channel named in the reporting sentence, at most 300 characters either
    side of the quote ("" if none)."""
    if s1 <= s0:
        return ""
    toks = unit.toks
    lo_c, hi_c = max(toks[s0].s, o - 300), min(toks[s1 - 1].e, c + 300)
    j0 = bisect.bisect_left(unit.chan_pos, lo_c)
    j1 = bisect.bisect_left(unit.chan_pos, hi_c)
    return vocab.channels[min(unit.chan_rank[j0:j1])][1] if j1 > j0 else ""


def _kind(direct_form, has_speaker, n_words, cont):
    """direct | partial | scare (a quoted label of six words or fewer with no speaker)."""
    if has_speaker:
        return "direct" if direct_form else "partial"
    if n_words <= 6 and not cont:
        return "scare"
    return "direct" if direct_form else "partial"


def _row(doc_id, para, start, end, quote, kind, rec, written, cue, via):
    return {"doc_id": doc_id, "para": para, "start": start, "end": end, "quote": quote,
            "kind": kind, "speaker": rec["speaker"], "speaker_as_written": written if rec["speaker"]
            or written else "", "cue": cue, "side": rec["side"], "side_source": rec["side_source"],
            "evidence": rec["evidence"], "via": via, "n_words": len(quote.split())}


def _colon_intro(unit, vocab):
    """A line ending "Xi said:" introduces the next line as Xi's quote: (rec, written, cue, via)
    of that reporting verb, or None."""
    u, toks, ev_idx = unit.u, unit.toks, unit.ev_idx
    if not (u.endswith(":") and ev_idx and toks and unit.unclosed < 0):
        return None
    last_ev = ev_idx[-1]
    if len(toks) - last_ev > 7 or (unit.quotes and unit.quotes[-1][0] >= toks[last_ev].s):
        return None
    e = unit.events[last_ev]
    return (e.rec, e.written, e.cue, e.via or vocab.channel(unit.masked)) if e.rec["speaker"] else None


#: Markup tags left in scraped text.
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>")
#: A dateline: "KYIV, April 28 (Reuters) -", "Moscow (AFP) -", "BEIJING, May 9 (Xinhua) --",
#: "MOSCOW, May 10. /TASS/." The city (and an optional region) is looked up in the gazetteer.
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,2})(?:, (?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?"
    r"(?:,? (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8}))?\.?\s*"
    r"(?:\((?P<agency>[^()\n]{1,30})\)|/(?P<agency2>[^/\n]{1,30})/\.?)?\s*(?:--|[-–—])?\s")
#: A transcript line: "GARRITY: We will win.", "Q: Will you?" (the label in capitals).
_TRANSCRIPT = re.compile(r"^(?P<label>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2}|Q)\s*:\s+(?P<rest>\S.*)$")
_INTERVIEWER = re.compile(r"\b(?:moderator|interviewer|host|anchor|presenter|correspondent)\s+"
                          r"(?P<name>[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){0,2})")


def _dateline(text, vocab):
    """(side, evidence) of the dateline opening the article, or None."""
    m = _DATELINE.match(text)
    if not m or not (m.group("agency") or m.group("agency2") or m.group("city").isupper()):
        return None
    city = m.group("city")
    for cand in ([city.title()] if city.isupper() else [city]) + ([m.group("region")] if m.group("region") else []):
        found = vocab.resolver.descriptor(cand)
        if found:
            return found[0], f"dateline {m.group().strip()}"
    return None


def _transcript_speaker(label, text, doc, vocab):
    """The speaker of a transcript line's label, or None when the label is not a person the
    article names: "GARRITY" -> the Garrity the article introduced, "Q" -> its interviewer."""
    if label == "Q":
        m = _INTERVIEWER.search(text)
        name = m.group("name") if m else ""
        if not name:
            return NO_SPEAKER
    else:
        name = " ".join(w.capitalize() for w in label.split())
        if name in doc.surnames:
            name = doc.surnames[name]
        elif name not in doc.registry and not vocab.actor(name.split()):
            return None
    hit = vocab.actor(name.split())
    if hit and hit[2] == "person":
        return speaker_record(hit[0], hit[1], "actors", hit[3], True)
    return doc.registry.get(name) or speaker_record(name, "unknown", "none", "", True)


def _is_title(unit, ot, s, e, vocab):
    """Is the quoted span the title of a work ('the song "Take Me Home"', 'her memoir, "Fence
    Lines,"', 'appeared on "Face the Nation"') rather than speech? Titles are named right after
    a work word (data/words/work_words.csv), or after "on"/"in" and written in Title Case."""
    words = [t for t in unit.toks[max(0, ot - 4):ot] if t.k == "w"]
    if not words:
        return False
    last = words[-1].low
    if last in vocab.work_words or (last in ("called", "named") and len(words) > 1 and words[-2].low in vocab.work_words):
        return True
    content = unit.u[s:e].rstrip(".,!?")
    big = [w for w in content.split() if len(w) > 3]
    return (last in ("on", "in") and len(content.split()) <= 8 and bool(big)
            and all(w[:1].isupper() for w in big) and content[:1].isupper())


def article_quotes(doc_id, text, vocab, surnames=None):
    """The quote rows of one article (dicts with the QUOTE_COLUMNS), in text order, and the
    people it names (dicts: doc_id, name, side, side_source, evidence). ``surnames``: full names
    other articles of the corpus give (corpus_surnames)."""
    rows = []
    lines = units(text)
    doc = Doc(surnames)
    doc.dateline = _dateline(text, vocab)
    prev_last = None      # (rec, written, cue, family, kind, start) of the previous line's last quote
    colon = None          # a pending "Xi said:" introduction
    pending_cont = False  # the previous line's open quote continues into this one
    lookahead = set()     # rows of continued quotes still without a speaker
    for ui, (us, ue, para) in enumerate(lines):
        next_opens = ui + 1 < len(lines) and text[lines[ui + 1][0]] in CONTINUATION_OPENERS
        unit = _Unit(text, us, ue, ui, para, next_opens, doc, vocab)
        u = unit.u
        if colon is not None and not unit.quotes and not pending_cont:
            # a line introduced by "Xi said:" with no quotation marks is Xi's direct quote
            rec, written, cue, via = colon
            s, e = trim(u, 0, len(u))
            rows.append(_row(doc_id, para, us + s, us + e, u[s:e], "direct", rec, written, cue, via))
            prev_last = (rec, written, cue, "d", "direct", us + s)
            colon = None
            continue
        tm = _TRANSCRIPT.match(unit.marked) if not pending_cont else None
        rec = _transcript_speaker(tm.group("label"), text, doc, vocab) if tm else None
        if rec is not None:  # a transcript line: the rest of the line is the speaker's
            s, e = trim(u, tm.start("rest"), len(u))
            rows.append(_row(doc_id, para, us + s, us + e, u[s:e], "direct", rec, tm.group("label"), "", "transcript"))
            prev_last, colon = (rec, tm.group("label"), "", "d", "direct", us + s), None
            continue
        unit_quotes = []
        for qi, (o, c, fam, cont) in enumerate(unit.quotes):
            s, e = trim(u, o + 1, c)
            if not any(ch.isalnum() for ch in u[s:e]):
                continue
            ot = bisect.bisect_left(unit.tok_pos, o)
            if not cont and _is_title(unit, ot, s, e, vocab):
                rows.append(_row(doc_id, para, us + s, us + e, u[s:e], "title", NO_SPEAKER, "", "", ""))
                continue
            ct = unit.close_tok.get(qi, len(unit.toks))
            s0, s1 = unit.sentence_of(ot, ct)
            ev = _governing_event(unit, ot, ct, s0, s1)
            direct_form = _direct_form(unit.marked, o, s, e, cont)
            rec, written, cue, via = NO_SPEAKER, "", "", ""
            if ev is not None:
                rec, written, cue, via = ev.rec, ev.written, ev.cue, ev.via
                via = via or _channel_near(unit, vocab, o, c, s0, s1)
            elif direct_form:
                rec, written, cue = _continued_speaker(unit, o, fam, unit_quotes, prev_last, doc) or (rec, written, cue)
            kind = _kind(direct_form, bool(rec["speaker"]), len(u[s:e].split()), cont)
            if kind == "scare":
                written, cue, via = "", "", ""
            if cont and not rec["speaker"]:
                lookahead.add(len(rows))
            rows.append(_row(doc_id, para, us + s, us + e, u[s:e], kind, rec, written, cue, via))
            unit_quotes.append((rec, written, cue, fam, kind, us + s))
        if unit_quotes:
            prev_last = unit_quotes[-1]
        pending_cont = unit.unclosed >= 0 and next_opens
        colon = _colon_intro(unit, vocab)
    # '"First paragraph of a quote [no closing mark]' / '"Second paragraph," Holt said.':
    # the speaker named in the continuing paragraph speaks the first one too
    for i in sorted(lookahead, reverse=True):
        if i + 1 < len(rows) and rows[i + 1]["speaker"]:
            for col in _SPEAKER_COLUMNS:
                rows[i][col] = rows[i + 1][col]
            rows[i]["kind"] = "direct"
    names = set(doc.surnames.values()) | {n for n, r in doc.registry.items() if r["person"]}
    people = []
    for n in sorted(names):
        r = doc.registry.get(n)
        hit = vocab.actor(n.split()) if r is None or r["side_source"] == "none" else None
        if (hit and hit[2] != "person") or any(c.start == 0 and c.end == len(n) for c in vocab.resolver.gaz.find(n)):
            continue  # a country, institution or organisation ("United States"), not a person
        if hit:  # a person the actors table lists: its side, with the alias as evidence
            r = speaker_record(hit[0], hit[1], "actors", hit[3], hit[2] == "person")
        r = r or speaker_record(n, "unknown", "none", "", True)
        people.append({"doc_id": doc_id, "name": n, "side": r["side"], "side_source": r["side_source"],
                       "evidence": r["evidence"]})
    return rows, people


def build_vocab(actors=None, affiliations=None, words=None, sides=None, gazetteer=None, stories=()):
    """The compiled vocabulary extract_quotes reads (paths or frames; defaults from data/;
    ``stories``: the story ids whose story-scoped actor rows apply)."""
    sides = sides or load_sides()
    if actors is None or isinstance(actors, (str, Path)):
        actors = load_actors(actors, sides, stories)
    if affiliations is None or isinstance(affiliations, (str, Path)):
        affiliations = load_affiliations(affiliations, sides)
    resolver = SideResolver(sides, gazetteer or load_gazetteer(), affiliations)
    return Vocab(actors, resolver, words or load_word_lists())


_FULL_NAME = re.compile(r"(?<![\w'’.\-])[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]{2,})?(?: [A-Z][a-z]+(?:[-'’][A-Z]?[a-z]{2,})?){1,2}(?![\w'’\-])")


def corpus_surnames(texts, vocab):
    """{surname: full name} for the people a corpus names in full ("Priya Lindqvist"), where
    the surname belongs to one full name only and has at least four letters (Kim, Lee, Li are
    too common to carry across articles). Seeds each article's names, so that a surname used bare
    in one article ("Lindqvist appeared ...; she said") resolves to the person another article
    introduced."""
    found = {}
    for t in texts:
        for m in _FULL_NAME.finditer(t or ""):
            words = m.group().split()
            if all(vocab.name_ok.get(w, None) if w in vocab.name_ok else vocab._name_ok(w) for w in words):
                found.setdefault(words[-1], set()).add(m.group())
    return {s: next(iter(n)) for s, n in found.items() if len(n) == 1 and len(s) >= 4}


def quotes_and_people(articles, vocab, surnames=None):
    """(quote rows, people rows) of every article, before corpus memory (the per-article part
    of extract_quotes: the pipeline runs it on slices of a corpus, then corpus_memory on all).
    ``surnames``: corpus_surnames() of the whole corpus (default: of ``articles``)."""
    rows, people = [], []
    if articles is not None and len(articles):
        if surnames is None:
            surnames = corpus_surnames(articles["text"], vocab)
        for doc_id, text in zip(articles["doc_id"], articles["text"]):
            if isinstance(text, str) and text:
                r, p = article_quotes(doc_id, text, vocab, surnames)
                rows.extend(r)
                people.extend(p)
    return _frame(rows, QUOTE_COLUMNS, ("para", "start", "end", "n_words"), ["doc_id", "start"]), \
        _frame(people, PEOPLE_COLUMNS, (), ["doc_id", "name"])


def _frame(rows, cols, ints, order):
    out = pd.DataFrame(rows, columns=cols)
    out = out.sort_values(order, kind="stable").reset_index(drop=True)
    for c in cols:
        if c in ints:
            out[c] = out[c].astype("int64")
        else:
            out[c] = out[c].astype("str") if len(out) else pd.Series([], dtype="str")
    return out


_NAME_LIKE = re.compile(r"[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*)*")


def corpus_memory(quotes, people):
    """Quotes with the corpus' memory of people applied: a speaker quoted bare in one article
    ("Dorosh said") whom another article of the corpus introduced ("Halyna Dorosh, a Ukrainian
    lawmaker") takes that person's full name, when the surname is unique in the corpus, and
    side, with side_source "corpus" and the other article as evidence. A person whose articles
    disagree on the side (a tie) stays unknown."""
    if quotes.empty or people.empty:
        return quotes
    full = sorted(set(people.loc[people["name"].str.contains(" "), "name"]))
    by_surname = {}
    for n in full:
        by_surname.setdefault(n.split()[-1], set()).add(n)
    known = people[(people["side"] != "unknown") & people["side_source"].isin(["descriptor", "context"])]
    side_of = {}
    if len(known):
        per = (known.groupby(["name", "side"], sort=True)
               .agg(n_docs=("doc_id", "nunique"), docs=("doc_id", lambda d: frozenset(d)),
                    first=("doc_id", "first"), evidence=("evidence", "first"))
               .reset_index().sort_values(["name", "n_docs", "side"], ascending=[True, False, True], kind="stable"))
        for name, g in per.groupby("name", sort=False):
            top = g.iloc[0]
            if len(g) == 1 or g["n_docs"].iloc[0] > g["n_docs"].iloc[1]:  # a tie stays unknown
                side_of[name] = (top["side"], top["docs"], f"{top['first']}: {top['evidence']}")
    out = quotes.copy()
    cols = {c: out[c].tolist() for c in ("doc_id", "speaker", "side", "side_source", "evidence")}
    for i, (doc, sp, source) in enumerate(zip(cols["doc_id"], cols["speaker"], cols["side_source"])):
        if source != "none" or not sp or not _NAME_LIKE.fullmatch(sp):
            continue
        if " " not in sp and len(sp) >= 4 and len(by_surname.get(sp, ())) == 1:
            sp = cols["speaker"][i] = next(iter(by_surname[sp]))
        hit = side_of.get(sp)
        if hit and hit[1] != {doc}:
            cols["side"][i], cols["side_source"][i], cols["evidence"][i] = hit[0], "corpus", hit[2]
    for c in ("speaker", "side", "side_source", "evidence"):
        out[c] = pd.Series(cols[c], index=out.index, dtype="str")
    return out


def extract_quotes(articles, actors=None, affiliations=None, words=None, sides=None, gazetteer=None):
    """One row per quoted span in each article's ``text``.

    ``articles`` needs doc_id and text (paragraphs separated by a blank line). ``actors`` and
    ``affiliations`` are load_actors()/load_affiliations() frames or paths, ``sides`` the sides
    configuration, ``gazetteer``, ``words`` the word lists (defaults: the files in data/).
    Columns (QUOTE_COLUMNS): doc_id; para (0-based index in text.split("\\n\\n")); start, end
    (offsets into text, ``text[start:end] == quote``); quote (the words inside the marks: outer
    spaces and a trailing , ; : trimmed); kind: direct (a quoted sentence or clause: introduced by
    a colon or comma, followed by the reporting clause, a paragraph of quoted speech, or a
    transcript line), partial (a quoted phrase inside the reporter's sentence, with a speaker),
    scare (a quoted label of <= 6 words with no speaker), title (the title of a show, book, film,
    song or ad: not speech); speaker (canonical actor name, or the name/description as written
    for people not in actors.csv; "" if none); speaker_as_written; cue (reporting verb as written,
    "reported ... as saying", "according to"; "" for a paragraph that only continues an earlier
    quote); side (the speaker's side in the sides configuration); side_source: actors (the actors
    table), descriptor (the words introducing the speaker, here or earlier in the article),
    context (an office named without a country, placed by what the article established: the
    same office earlier, the subject of the sentence, the previous sentence or the paragraph, or
    the dateline), corpus (the same person introduced in another article), none; evidence (the
    alias, descriptor words, context or other article that gave the side); via (channel named
    in the reporting sentence: CCTV, Twitter, Telegram, readout, press conference, transcript,
    ...; else ""); n_words.

    Assumes English reporting conventions. Quotes never cross a paragraph (a line), except an
    unclosed quote whose next paragraph opens with a quotation mark (the news convention).
    Deterministic order (doc_id, start). Linear time in the text length.
    """
    vocab = build_vocab(actors, affiliations, words, sides, gazetteer, story_ids(articles))
    quotes, people = quotes_and_people(articles, vocab)
    return corpus_memory(quotes, people)


def people_table(articles, **vocab_args):
    """Every person each article names, with the side the article gives them (doc_id, name,
    side, side_source, evidence): the second table of quotes_and_people."""
    return quotes_and_people(articles, build_vocab(**vocab_args))[1]


def suggest_actors(quotes, people=None):
    """People not in actors.csv, as candidate rows for it: alias, actor, side, role, note,
    n_quotes, n_articles. With ``people`` (the pipeline's people table) every person the corpus
    names is a candidate, quoted or not; else every unlisted speaker. side is the side most of
    their articles give them (unknown when none, or when articles disagree equally); note gives
    the evidence. Sorted by n_articles, then n_quotes, descending."""
    cols = ["alias", "actor", "side", "role", "note", "n_quotes", "n_articles"]
    q = quotes[(quotes["side_source"] != "actors") & (quotes["speaker"] != "") & quotes["kind"].isin(["direct", "partial"])]
    n_quotes = q.groupby("speaker").size()
    rows = []
    if people is not None and len(people):
        listed = people["side_source"] == "actors"
        pool = people.loc[~listed, ["doc_id", "name", "side", "evidence"]].rename(columns={"name": "speaker"})
        pool = pd.concat([pool, q[["doc_id", "speaker", "side", "evidence"]]], ignore_index=True)
    else:
        pool = q[["doc_id", "speaker", "side", "evidence"]]
    for sp, g in pool.groupby("speaker", sort=True):
        known = g.loc[g["side"] != "unknown"].drop_duplicates(["doc_id", "side"])
        counts = known.groupby("side")["doc_id"].nunique().sort_values(ascending=False, kind="stable")
        side = counts.index[0] if len(counts) and (len(counts) == 1 or counts.iloc[0] > counts.iloc[1]) else "unknown"
        ev = sorted(set(f"{d}: {e}" for d, e in zip(g["doc_id"], g["evidence"]) if e))
        role = "person" if sp[:1].isupper() and len(sp.split()) <= 4 else "description"
        rows.append({"alias": sp, "actor": sp, "side": side, "role": role,
                     "note": ("evidence: " + "; ".join(ev[:3])) if ev else "no affiliation in the text",
                     "n_quotes": int(n_quotes.get(sp, 0)), "n_articles": g["doc_id"].nunique()})
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["n_articles", "n_quotes", "alias"], ascending=[False, False, True]).reset_index(drop=True)
