"""Sides (layer 3): whose voice a speaker is, from what the text says about them.

A story compares sides, a configuration in data/sides.csv (side, label, colour, hatch, order,
members): for the seed story china, russia, ukraine and west, plus ``other`` (a known affiliation
outside them) and ``unknown`` (no evidence). Members are country codes (ISO 3166 alpha-2),
organisation codes and institution names from the gazetteer (data/gazetteer/): a country that
belongs to a listed organisation belongs to its side (Poland through the EU and NATO), a
territory to its sovereign's (Hong Kong to China's), an institution to its country's unless the
configuration lists it by name (a party, in an election story).

``SideResolver.descriptor`` reads the words that introduce a speaker ("Poland's deputy foreign
minister", "a member of the Verkhovna Rada", "NATO's secretary general", "Kyiv-based") and
applies the nationality-versus-destination rule: in "China's ambassador to France" or "the UN
envoy for Ukraine", the place after an office that takes a destination (ambassador, envoy,
delegation: data/gazetteer/offices.csv) is where they are sent, not whose they are.
"""
from __future__ import annotations

import re

from .errors import VocabularyError

#: An opening phrase before the subject: "On Monday, ", "In a statement, ", "Earlier, ".
_OPENER = re.compile(r"^\W*(?:(?:On|In|At|After|Before|During|Earlier|Later|Meanwhile|Separately|However|Also|"
                     r"Last|This|Late|Early)\b[^,.;:]{0,60},\s*)")
#: What may precede the subject's affiliation: nothing, an article, an opening quote mark.
_LEAD = re.compile(r"\W*(?:(?:the|The|a|A|an|An)\s+)?")
_DESTINATION_GAP = re.compile(r"\s*,?\s*(?:to|in|at|for|on|with)\s+(?:the\s+)?$", re.IGNORECASE)


class DescriptorMatcher:
    """A story's own descriptor terms (data/affiliations.csv: term -> side), for words the
    gazetteer has no entry for ("Western"). Terms with a capital letter match case-sensitively
    as whole words ("Russia" also in "Russia's"), lower-case terms case-insensitively; the longest
    term wins where terms overlap."""

    def __init__(self, affiliations):
        terms = sorted(affiliations["term"], key=len, reverse=True)
        self.term_side = dict(zip(affiliations["term"], affiliations["side"]))
        self.term_lower = {t.casefold(): b for t, b in self.term_side.items() if t[:1].islower()}
        alts = [(f"(?i:{re.escape(t)})" if t[:1].islower() else re.escape(t)) for t in terms]
        self.rx = re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)") if alts else None
        self.single = {t for t in self.term_side if " " not in t}

    def is_term(self, word):
        """Is ``word`` (possibly with a possessive 's) a one-word descriptor term?"""
        w = word[:-2] if word.endswith(("'s", "’s")) else word
        return w in self.single

    def find_all(self, text):
        """[(side, term, start, end)] of every descriptor term in ``text``."""
        if not self.rx or not text:
            return []
        out = []
        for m in self.rx.finditer(text):
            t = m.group()
            out.append((self.term_side.get(t) or self.term_lower.get(t.casefold()), t, m.start(), m.end()))
        return out


class SideResolver:
    """Maps gazetteer references and descriptor words to the configured sides."""

    def __init__(self, sides, gazetteer, affiliations=None):
        self.sides, self.gaz = sides, gazetteer
        self.terms = DescriptorMatcher(affiliations) if affiliations is not None else None
        self.by_country, self.by_org, self.by_inst = {}, {}, {}
        for side in sides.ids:
            for m in sides.members.get(side, ()):
                if m == "*":
                    continue
                kind, _, code = m.rpartition(":")
                if kind in ("", "country") and code in gazetteer.countries:
                    self.by_country.setdefault(code, side)
                elif kind in ("", "org") and code in gazetteer.orgs:
                    self.by_org.setdefault(code, side)
                elif kind in ("", "institution") and code in gazetteer.institutions:
                    self.by_inst.setdefault(code, side)
                else:
                    raise VocabularyError(f"{sides.path}: line {sides.lines.get(side, '?')}: side {side!r}: member {m!r} "
                                          f"is not a country code, "
                                          f"organisation code or institution name of the gazetteer")
        self._cache = {}
        self._clues = {}
        self._descriptors = {}

    def side_of(self, ref):
        """The side a gazetteer reference belongs to (``other`` for a known affiliation outside
        the named sides)."""
        key = (ref.kind, ref.code)
        if key not in self._cache:
            self._cache[key] = self._side_of(ref)
        return self._cache[key]

    def _side_of(self, ref):
        if ref.kind == "institution":
            if ref.code in self.by_inst:
                return self.by_inst[ref.code]
            return self._country_side(ref.country) if ref.country else "other"
        if ref.kind == "org":
            return self._org_side(ref.code) or "other"
        return self._country_side(ref.code)

    def _org_side(self, code, seen=()):
        if code in self.by_org:
            return self.by_org[code]
        parent = self.gaz.org_parent.get(code, "")
        return self._org_side(parent, seen + (code,)) if parent and parent not in seen else None

    def _country_side(self, code):
        if code in self.by_country:
            return self.by_country[code]
        sov = self.gaz.sovereign.get(code, "")
        if sov and sov in self.by_country:
            return self.by_country[sov]
        for org, side in self.by_org.items():
            if code in self.gaz.org_members.get(org, ()):
                return side
        return "other"

    def clues(self, text):
        """[(side, words, start, end)] of every affiliation the text names: the story's own
        descriptor terms first, then the gazetteer, overlaps dropped, in text order (memoised:
        the same descriptors recur)."""
        hit = self._clues.get(text)
        if hit is None:
            if len(self._clues) > 200_000:
                self._clues.clear()
            hit = self._clues[text] = self._find_clues(text)
        return hit

    def _find_clues(self, text):
        if not text:
            return []
        found = list(self.terms.find_all(text)) if self.terms else []
        taken = [(s, e) for _, _, s, e in found]
        for c in self.gaz.find(text):
            if not any(s < c.end and c.start < e for s, e in taken):
                found.append((self.side_of(c.ref), c.text, c.start, c.end))
        return sorted(found, key=lambda x: x[2])

    def descriptor(self, text):
        """(side, words) from the words introducing a speaker, or None (memoised; see _descriptor)."""
        if text not in self._descriptors:
            if len(self._descriptors) > 200_000:
                self._descriptors.clear()
            self._descriptors[text] = self._descriptor(text)
        return self._descriptors[text]

    def _descriptor(self, text):
        """(side, words) from the words introducing a speaker, or None: the first affiliation
        named that is not a destination (a place after "to/in/at/for" following an office that
        takes one: "China's ambassador to France" is China's)."""
        found = self.clues(text)
        if not found:
            return None
        offices = [(w, s, e) for w, s, e, dest in self.gaz.offices_in(text) if dest]
        for side, words, s, e in found:
            if any(oe <= s and _DESTINATION_GAP.fullmatch(text[oe:s]) for _, os_, oe in offices):
                continue
            return side, words
        return None

    def subject_clue(self, sentence):
        """(side, words) of an affiliation that opens a sentence, as its subject ("Poland
        summoned ...", "Ukraine's foreign ministry said ...", "On Monday, the Russian foreign
        ministry said ..."), or None. An affiliation later in the sentence ("It buys Russian oil")
        is not its subject."""
        head = _OPENER.sub("", sentence, count=1)
        lead = _LEAD.match(head).end()
        if not self.gaz.could_start(head[lead:lead + 60]) and not (self.terms and self.terms.find_all(head[:60])):
            return None
        for side, words, s, e in self.clues(head[:120]):
            if not _LEAD.fullmatch(head[:s]):
                return None
            return side, words
        return None

    def office_clues(self, text):
        """[(office, side, words)]: offices the text ties to an affiliation ("China's special
        envoy", "the Polish foreign ministry", "Russia's foreign ministry"), for later bare
        mentions ("the envoy", "the ministry") in the same article."""
        out = []
        offices = self.gaz.offices_in(text)
        if not offices:
            return out
        found = self.clues(text)
        if not found:
            return out
        for w, s, e, _ in offices:
            before = [f for f in found if f[3] <= s and len(text[f[3]:s].split()) <= 3 and "," not in text[f[3]:s]]
            if before:
                side, evidence = before[-1][0], text[before[-1][2]:e]
                out.append((w, side, evidence))
                head = w.split()[-1]
                if head != w:
                    out.append((head, side, evidence))
        return out
