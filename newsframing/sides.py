"""Sides (layer 3): whose voice a speaker is, from the words the text uses to introduce them.

A story compares sides (data/sides.csv: e.g. china, russia, ukraine, west, plus other and
unknown). A speaker listed in data/actors.csv takes the side given there; an unlisted speaker
takes the side of a descriptor term (data/affiliations.csv) found in the words that introduce
them ("Russia's foreign ministry spokeswoman", "a French presidential official"); with no
evidence the side is ``unknown``.
"""
from __future__ import annotations

import re


class DescriptorMatcher:
    """The descriptor terms of an affiliations table, compiled: terms with a capital letter
    match case-sensitively as whole words ("Russia" also in "Russia's"), lower-case terms
    case-insensitively. The longest term wins where terms overlap."""

    def __init__(self, affiliations):
        terms = sorted(affiliations["term"], key=len, reverse=True)
        self.term_side = dict(zip(affiliations["term"], affiliations["bloc"]))
        self.term_lower = {t.casefold(): b for t, b in self.term_side.items() if t[:1].islower()}
        alts = [(f"(?i:{re.escape(t)})" if t[:1].islower() else re.escape(t)) for t in terms]
        self.rx = re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)") if alts else None
        self.single = {t for t in self.term_side if " " not in t}

    def is_term(self, word):
        """Is ``word`` (possibly with a possessive 's) a one-word descriptor term?"""
        w = word[:-2] if word.endswith(("'s", "’s")) else word
        return w in self.single

    def find(self, text):
        """(side, term) of the first descriptor term in ``text``, or None."""
        if not self.rx or not text:
            return None
        m = self.rx.search(text)
        if not m:
            return None
        t = m.group()
        return self.term_side.get(t) or self.term_lower.get(t.casefold()), t
