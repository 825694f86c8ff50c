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
from pathlib import Path

import pandas as pd

from ..vocab import load_actors, load_affiliations, load_sides, load_word_lists
from .marks import CONTINUATION_OPENERS, OPEN_CHARS, pair_marks, trim, units
from .speakers import NO_SPEAKER, Doc, Vocab, find_events, register_names
from .tokens import CLOSE_SENTINEL, OPEN_SENTINEL, SENT_END

QUOTE_COLUMNS = ["doc_id", "para", "start", "end", "quote", "kind", "speaker", "speaker_as_written",
                 "cue", "bloc", "bloc_source", "affiliation", "via", "n_words"]
#: Attribution columns a continuing quote takes over from the next paragraph's speaker.
_SPEAKER_COLUMNS = ("speaker", "speaker_as_written", "cue", "bloc", "bloc_source", "affiliation", "via")


class _Unit:
    """One line of an article, ready for attribution: its quotes (open, close, family,
    continues-into-next-line), the masked text's tokens, sentence starts, the resolved
    reporting verbs (``events`` by token index) and the channels named outside the quotes."""

    def __init__(self, text, us, ue, ui, next_opens, doc, vocab):
        u = self.u = text[us:ue]
        self.us, self.ui = us, ui
        spans, self.unclosed = pair_marks(u)
        self.quotes = [(o, c, fam, False) for o, c, fam in spans]
        if self.unclosed >= 0 and next_opens:
            self.quotes.append((self.unclosed, len(u), "d", True))
        self.masked = self._mask()
        tk = vocab.tokenizer
        self.toks, tok_text, self.tok_pos = tk.tokenize(self.masked)
        self.close_tok, self.qend_punct = self._closing_marks()
        count = itertools.count
        self.starts = tk.sentence_starts(self.toks, self.qend_punct, list(itertools.compress(
            count(), map(SENT_END.__contains__, tok_text))))
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
        u = self.u
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
            or written else "", "cue": cue, "bloc": rec["bloc"], "bloc_source": rec["bloc_source"],
            "affiliation": rec["affiliation"], "via": via, "n_words": len(quote.split())}


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


def article_quotes(doc_id, text, vocab):
    """The quote rows of one article (dicts with the QUOTE_COLUMNS), in text order."""
    rows = []
    lines = units(text)
    doc = Doc()
    prev_last = None      # (rec, written, cue, family, kind, start) of the previous line's last quote
    colon = None          # a pending "Xi said:" introduction
    pending_cont = False  # the previous line's open quote continues into this one
    lookahead = set()     # rows of continued quotes still without a speaker
    for ui, (us, ue, para) in enumerate(lines):
        next_opens = ui + 1 < len(lines) and text[lines[ui + 1][0]] in CONTINUATION_OPENERS
        unit = _Unit(text, us, ue, ui, next_opens, doc, vocab)
        u = unit.u
        if colon is not None and not unit.quotes and not pending_cont:
            # a line introduced by "Xi said:" with no quotation marks is Xi's direct quote
            rec, written, cue, via = colon
            s, e = trim(u, 0, len(u))
            rows.append(_row(doc_id, para, us + s, us + e, u[s:e], "direct", rec, written, cue, via))
            prev_last = (rec, written, cue, "d", "direct", us + s)
            colon = None
            continue
        unit_quotes = []
        for qi, (o, c, fam, cont) in enumerate(unit.quotes):
            s, e = trim(u, o + 1, c)
            if not any(ch.isalnum() for ch in u[s:e]):
                continue
            ot = bisect.bisect_left(unit.tok_pos, o)
            ct = unit.close_tok.get(qi, len(unit.toks))
            s0, s1 = unit.sentence_of(ot, ct)
            ev = _governing_event(unit, ot, ct, s0, s1)
            direct_form = _direct_form(u, o, s, e, cont)
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
    return rows


def extract_quotes(articles, actors=None, affiliations=None, words=None, sides=None):
    """One row per quoted span in each article's ``text``.

    ``articles`` needs doc_id and text (paragraphs separated by a blank line). ``actors`` and
    ``affiliations`` are load_actors()/load_affiliations() frames or paths (default: the files in
    data/); ``words`` the word lists (vocab.load_word_lists()). Columns (QUOTE_COLUMNS):
    doc_id; para (0-based index in text.split("\\n\\n")); start, end (offsets into text,
    ``text[start:end] == quote``); quote (the words inside the marks: outer spaces and a trailing
    , ; : trimmed); kind: direct (a quoted sentence or clause: introduced by a colon or comma,
    followed by the reporting clause, or a paragraph of quoted speech), partial (a quoted
    phrase inside the reporter's sentence, with a speaker), scare (a quoted label of <= 6
    words with no speaker); speaker (canonical actor name, or the name/description as written
    for people not in actors.csv; "" if none); speaker_as_written; cue (reporting verb as
    written, "reported ... as saying", "according to"; "" for a paragraph that only continues
    an earlier quote); bloc (the speaker's side); bloc_source (actors | descriptor | none);
    affiliation (the alias or descriptor words that gave the side); via (channel named in the
    reporting sentence: CCTV, Twitter, Telegram, readout, press conference, ...; else "");
    n_words.

    Assumes English reporting conventions. Quotes never cross a paragraph (a line), except an
    unclosed quote whose next paragraph opens with a quotation mark (the news convention).
    Deterministic order (doc_id, start). Linear time in the text length.
    """
    if actors is None or isinstance(actors, (str, Path)) or affiliations is None \
            or isinstance(affiliations, (str, Path)):
        sides = sides or load_sides()
    if actors is None or isinstance(actors, (str, Path)):
        actors = load_actors(actors, sides)
    if affiliations is None or isinstance(affiliations, (str, Path)):
        affiliations = load_affiliations(affiliations, sides)
    vocab = Vocab(actors, affiliations, words or load_word_lists())
    rows = []
    if articles is not None and len(articles):
        for doc_id, text in zip(articles["doc_id"], articles["text"]):
            if isinstance(text, str) and text:
                rows.extend(article_quotes(doc_id, text, vocab))
    out = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    out = out.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    for c in ("para", "start", "end", "n_words"):
        out[c] = out[c].astype("int64")
    for c in QUOTE_COLUMNS:
        if c not in ("para", "start", "end", "n_words"):
            out[c] = out[c].astype("str") if len(out) else pd.Series([], dtype="str")
    return out


def suggest_actors(quotes):
    """Speakers not in actors.csv, as candidate rows for it: alias, actor, bloc, role, note,
    n_quotes, n_docs. bloc is the most common inferred side (unknown when none); note gives
    the evidence (the descriptor words). Sorted by n_quotes, descending."""
    cols = ["alias", "actor", "bloc", "role", "note", "n_quotes", "n_docs"]
    q = quotes[(quotes["bloc_source"] != "actors") & (quotes["speaker"] != "")]
    if q.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for sp, g in q.groupby("speaker", sort=True):
        blocs = g.loc[g["bloc"] != "unknown", "bloc"]
        bloc = blocs.mode().iloc[0] if len(blocs) else "unknown"
        ev = sorted(set(a for a in g["affiliation"] if a))
        role = "person" if sp[:1].isupper() and len(sp.split()) <= 4 else "description"
        rows.append({"alias": sp, "actor": sp, "bloc": bloc, "role": role,
                     "note": "inferred from: " + "; ".join(ev) if ev else "no affiliation in text",
                     "n_quotes": len(g), "n_docs": g["doc_id"].nunique()})
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["n_quotes", "alias"], ascending=[False, True]).reset_index(drop=True)
