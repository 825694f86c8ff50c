"""Per-article state of quote attribution (part of quotes): who spoke last, the names seen,
the speakers already placed on a side, and what the article establishes for context (the
subjects of its sentences, the offices it ties to a country, its dateline)."""
from __future__ import annotations

import bisect


class Doc:
    """Per-article state: who spoke last, names seen, speakers already placed on a side, and
    the places and offices the article has established (for context)."""

    def __init__(self, corpus_surnames=None):
        self.last = {"person": None, "nonperson": None, "any": None}  # (pos, rec)
        self.surnames = {}
        self.corpus_surnames = corpus_surnames or {}  # surname -> full name from other articles
        self.registry = {}
        self.mentions = []       # (pos, rec) of named people, in text order
        self.last_event = None   # (pos, rec, written, unit) of the latest attributed cue
        self.sent_pos = []       # article offset of each sentence's start, in order
        self.sent_para = []      # the paragraph (line) of each sentence
        self.sent_text = []      # the sentence's reporter text (quote contents blanked)
        self.subjects = {}       # sentence index -> its subject's (side, words) or None (computed on demand)
        self.offices = {}        # office word -> [(pos, side, words)]: "China's special envoy"
        self.offices_upto = 0    # sentences scanned for offices so far
        self.dateline = None     # (side, words)

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

    def add_sentence(self, pos, para, text):
        """Record a sentence of reporter's text (quote contents blanked) at article offset ``pos``;
        what it establishes (the affiliation its subject names, "Poland summoned ...", and the
        offices it ties to one, "Russia's foreign ministry") is read when context needs it."""
        self.sent_pos.append(pos)
        self.sent_para.append(para)
        self.sent_text.append(text)

    def _subject(self, k, vocab):
        if k not in self.subjects:
            self.subjects[k] = vocab.resolver.subject_clue(self.sent_text[k])
        return self.subjects[k]

    def _scan_offices(self, upto, vocab):
        for k in range(self.offices_upto, upto):
            for office, side, words in vocab.resolver.office_clues(self.sent_text[k]):
                self.offices.setdefault(office, []).append((self.sent_pos[k], side, words))
        self.offices_upto = max(self.offices_upto, upto)

    def context(self, text, pos, vocab):
        """(side, evidence) the article established for an office named without a country in
        ``text`` ("the foreign minister", "the ministry's spokesperson"), or None. In order: the
        same office tied to a country earlier in the article ("China's special envoy ... the
        envoy"); the subject of the same or the previous sentence, or of the paragraph's first
        sentence ("Hungary struck a different tone ... the state secretary said"); the dateline."""
        offices = vocab.resolver.gaz.offices_in(text)
        if not offices or pos < 0:
            return None
        k = bisect.bisect_right(self.sent_pos, pos) - 1
        self._scan_offices(k + 1, vocab)
        for w, *_ in sorted(offices, key=lambda o: -len(o[0])):
            for cand in (w, w.split()[-1]):
                hits = [h for h in self.offices.get(cand, ()) if h[0] < pos]
                if hits:
                    return hits[-1][1], hits[-1][2]
        if k >= 0:
            para = self.sent_para[k]
            first = self.sent_para.index(para)
            for ak in sorted({k, k - 1, first}, reverse=True):
                subj = self._subject(ak, vocab) if ak >= 0 else None
                if subj:
                    return subj
        return self.dateline
