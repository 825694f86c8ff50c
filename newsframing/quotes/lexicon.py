"""The compiled vocabulary of quote attribution (part of quotes): actor aliases, the side
resolver and the word lists, with the caches the hot loops share."""
from __future__ import annotations

import itertools
import re

from .tokens import DETS, STOP, tokenizer


class Vocab:
    """Everything attribution reads, compiled once: actor aliases, the side resolver (the sides
    configuration, the gazetteer and the story's descriptor terms; sides.py) and the word lists
    (reporting verbs, titles, organisation, place, document and work words, abbreviations, news
    channels; vocab.load_word_lists)."""

    def __init__(self, actors, resolver, words):
        self.exact, self.lower = {}, {}
        for r in actors.itertuples(index=False):
            rec = (r.actor, r.side, r.role, r.alias)
            if r.alias[:1].islower():
                self.lower[r.alias.casefold()] = rec
                if r.alias.casefold().startswith("the ") and " " in r.alias[4:].strip():
                    self.lower.setdefault(r.alias.casefold()[4:], rec)
            else:
                self.exact[r.alias] = rec
        self.roles = {r.actor: r.role for r in actors.itertuples(index=False)}
        self.resolver = resolver
        self.descriptors = resolver.terms
        # one-word names of countries, nationalities, capitals and institutions: never part of a
        # personal name ("Russian Foreign Minister Sergei Lavrov")
        self.place_tokens = resolver.gaz.one_word_names()
        self.cues, self.relay_forms, self.participles = words.cues, words.relay_forms, words.participles
        self.titles, self.org_words = words.titles, words.organisation_words
        self.place_words, self.doc_words = words.place_words, words.document_words
        self.work_words = words.work_words
        self.party_labels = words.party_labels
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
        """Is ``word`` a one-word affiliation (a descriptor term, a country, nationality,
        capital or institution), so not part of a personal name?"""
        w = word[:-2] if word.endswith(("'s", "’s")) else word
        return w in self.place_tokens or (self.descriptors is not None and self.descriptors.is_term(word))

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
