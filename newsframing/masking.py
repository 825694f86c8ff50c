"""The mask vocabulary of target sentiment (layer 3): names the target model must not learn a
prior about, and a Masker that finds them in a sentence.

    terms = mask_terms(load_gazetteer(), load_actors())   # countries, institutions, organisations, actors
    masker = Masker(terms)                                 # one trie-shaped regex, compiled once
    masker.mask("Putin met Xi in Moscow.")                 # ("<ENT> met <ENT> in <ENT>.", spans)

The vocabulary (mask_terms) is, from the gazetteer: each country's name, aliases, adjectives,
demonyms (with English plurals: Russians) and capitals; each institution's name and aliases; each
organisation's name, aliases, adjectives and its code when that is a running-text acronym
(UNESCO, not ARAB_LEAGUE); plus the ``alias`` column of the actor table(s). ISO country codes,
cities and office words are not in it. Terms need a letter and two letters or digits (G7 stays,
initials do not).

Also the tokeniser and light stemmer shared with the target features (targetfeatures.py).
"""
from __future__ import annotations

import hashlib
import re

#: Placeholder written in masked sentences.
PLACEHOLDER = "<ENT>"

# --- tokens ---------------------------------------------------------------------------------
# words (inner apostrophes kept: don't, O'Malley; a possessive 's is its own token), one
# punctuation character each. Offsets are into the sentence as written.
TOK = re.compile(r"['’][sS](?![^\W_])|[^\W_]+(?:['’](?![sS](?![^\W_]))[^\W_]+)*|[^\w\s]")


def tokenize(text):
    """[(token, start, end)] with the target model's tokeniser."""
    return [(m.group(), m.start(), m.end()) for m in TOK.finditer(text)]


def norm_token(tok):
    """A token as features read it: lower case, typographic apostrophe as '."""
    return tok.lower().replace("’", "'")


_STEMS = {}


def stem(word):
    """A light suffix stripper (criticized, criticizes, criticizing -> criticiz): groups
    inflections of one word; not a linguistic stemmer. Memoised."""
    r = _STEMS.get(word)
    if r is not None:
        return r
    r = word
    if len(word) > 4 and word.isalpha():
        for suf in ("ations", "ation", "ings", "ing", "edly", "ies", "ied", "ed", "es", "ly", "s", "e"):
            if word.endswith(suf) and len(word) - len(suf) >= 4:
                r = word[:-len(suf)]
                break
    if len(_STEMS) < 200000:
        _STEMS[word] = r
    return r


# --- the vocabulary ---------------------------------------------------------------------------
#: Gazetteer fields read for the mask vocabulary (the gazetteer's row dicts, by file).
COLUMNS = {
    "countries": ("name", "aliases", "adjectives", "demonyms", "capitals"),
    "institutions": ("name", "aliases"),
    "organisations": ("name", "aliases", "adjectives", "code"),
}
_LETTER = re.compile(r"[^\W\d_]")
_ALNUM = re.compile(r"[^\W_]")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,9}")


def _split(value):
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _plural(word):
    """English plural of a demonym noun (Russian -> Russians); None when it takes none
    (Chinese, Swiss, French, British) or is not one word."""
    if not word.isalpha() or not word[:1].isupper():
        return None
    if word.endswith(("ese", "ss", "sh", "ch", "s", "x", "z")):
        return None
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def gazetteer_terms(gazetteer):
    """The gazetteer's terms (see the module docstring) from a loaded Gazetteer (load_gazetteer())."""
    terms = set()
    tables = {"countries": gazetteer.countries.values(), "institutions": gazetteer.institutions.values(),
              "organisations": gazetteer.orgs.values()}
    for table, cols in COLUMNS.items():
        for row in tables[table]:
            for c in cols:
                vals = _split(row.get(c))
                if c == "code":
                    # an organisation's code is a running-text acronym (NATO, UNESCO) only when it
                    # is capitals and digits (not ARAB_LEAGUE)
                    vals = [v for v in vals if _ACRONYM.fullmatch(v)]
                for v in vals:
                    terms.add(v)
                    if c in ("demonyms", "adjectives"):
                        p = _plural(v)
                        if p:
                            terms.add(p)
    return terms


def clean_terms(terms):
    """Sorted terms, whitespace normalised; at least one letter and two letters or digits (G7
    and EU stay, a one-letter term would mask initials)."""
    out = set()
    for t in terms:
        t = " ".join(str(t).split())
        if _LETTER.search(t) and len(_ALNUM.findall(t)) >= 2:
            out.add(t)
    return sorted(out)


def mask_terms(gazetteer=None, actors=()):
    """The sorted mask vocabulary: the gazetteer's terms (``gazetteer``: a Gazetteer, or None for
    none) and the ``alias`` column of ``actors`` (an actor table, load_actors(), or a list of
    them)."""
    terms = gazetteer_terms(gazetteer) if gazetteer is not None else set()
    tables = actors if isinstance(actors, (list, tuple)) else [actors]
    for df in tables:
        for a in df["alias"]:
            a = (a or "").strip() if isinstance(a, str) else ""
            if a:
                terms.add(a)
    return clean_terms(terms)


def vocabulary_sha256(terms):
    """SHA-256 of the sorted, de-duplicated vocabulary, one term a line (stored in the model)."""
    return hashlib.sha256("\n".join(sorted(set(terms))).encode("utf-8")).hexdigest()


# --- masking ----------------------------------------------------------------------------------
#: A space in a term matches any run of white space; an apostrophe matches ' or ’.
_CHAR = {" ": r"\s+", "'": "['’]"}


def _trie_pattern(words):
    """One regex alternative for all ``words`` as a character trie (shared prefixes are tried
    once, so thousands of terms cost about as much as a few); longer matches are preferred."""
    trie = {}
    for w in words:
        w = w.replace("’", "'")
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node):
        keys = sorted(k for k in node if k)
        if not keys:
            return ""
        alts = [(_CHAR.get(k) or re.escape(k)) + build(node[k]) for k in keys]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            body = "(?:" + body + ")?"
        return body

    return build(trie)


def _compile_terms(words, flags=0):
    words = sorted(set(w for w in words if w))
    if not words:
        return None
    return re.compile(r"(?<!\w)" + _trie_pattern(words) + r"(?!\w)", flags)


def _first_token(term):
    m = TOK.search(term)
    return m.group().replace("’", "'") if m else None


class Masker:
    """Masks every whole-word occurrence of a vocabulary term (actor aliases, country names and
    aliases, demonyms, capitals, institutions, organisations) by ``placeholder``.

    Matching is case-sensitive as the term is written, plus the term in capitals (RUSSIA) and,
    for a term written in lower case (the paper), with a capital first letter. A possessive 's
    may follow. The longest term wins at each position; matches do not overlap. All terms are
    compiled into one trie-shaped regex, once.

    ``homograph_spans`` finds the remaining case-insensitive occurrences (us for US, turkey for
    Turkey): they are not names, but features read them as a neutral token too, so no feature
    can spell a vocabulary term in any case.
    """

    def __init__(self, terms, placeholder=PLACEHOLDER):
        clean = sorted({" ".join(str(t).split()) for t in terms if str(t).strip()})
        self.terms = tuple(clean)
        self.placeholder = placeholder
        variants = set()
        for t in clean:
            variants.add(t)
            if any(c.islower() for c in t):
                variants.add(t.upper())
            if t[0].islower():
                variants.add(t[0].upper() + t[1:])
        self._exact = _compile_terms(variants)
        self.folded_terms = frozenset(t.lower() for t in clean)
        self._folded = _compile_terms(self.folded_terms, re.IGNORECASE)
        # a term can only start where one of its first tokens starts: the regexes are tried
        # there only (a set look-up per token instead of a regex attempt per character)
        self._first = frozenset(_first_token(t) for t in variants) - {None}
        self._first_folded = frozenset(_first_token(t) for t in self.folded_terms) - {None}
        self._quick = frozenset(x.lower() for x in self._first) | self._first_folded

    def __len__(self):
        return len(self.terms)

    @property
    def sha256(self):
        return vocabulary_sha256(self.terms)

    def scan(self, sentence, toks=None):
        """(spans, homograph_spans): [(start, end)] of the case-sensitive term occurrences, and of
        the remaining case-insensitive ones, in order, not overlapping; the longest term wins.
        ``toks``: tokenize(sentence) when already known."""
        if self._exact is None:
            return [], []
        toks = tokenize(sentence) if toks is None else toks
        spans, hom, last = [], [], 0
        first, first_f = self._first, self._first_folded
        exact, folded = self._exact.match, self._folded.match
        quick = self._quick
        for t, a, _ in toks:
            if a < last or (t.lower() not in quick and "'" not in t and "’" not in t):
                continue
            t = t.replace("’", "'")
            # a term may also end at an inner apostrophe (who'd -> who, Xi'an is a word)
            h = t.split("'", 1)[0] if "'" in t else t
            if t in first or h in first:
                m = exact(sentence, a)
                if m is not None:
                    spans.append(m.span())
                    last = m.end()
                    continue
            tl, hl = t.lower(), h.lower()
            if tl in first_f or hl in first_f:
                m = folded(sentence, a)
                if m is not None:
                    hom.append(m.span())
                    last = m.end()
        return spans, hom

    def spans(self, sentence):
        """[(start, end)] of the case-sensitive term occurrences, in order, not overlapping."""
        return self.scan(sentence)[0]

    def homograph_spans(self, sentence, taken=None):
        """[(start, end)] of case-insensitive occurrences that are not case-sensitive ones (nor
        overlap ``taken`` spans, when given)."""
        hom = self.scan(sentence)[1]
        if taken:
            hom = [(a, b) for a, b in hom if not any(x < b and a < y for x, y in taken)]
        return hom

    def mask(self, sentence):
        """(masked sentence, spans): every case-sensitive term occurrence replaced by the
        placeholder; spans are the (start, end) offsets of the replaced text in ``sentence``."""
        spans = self.spans(sentence)
        parts, last = [], 0
        for a, b in spans:
            parts.append(sentence[last:a])
            parts.append(self.placeholder)
            last = b
        parts.append(sentence[last:])
        return "".join(parts), spans


def merge_spans(spans):
    """Sorted spans with overlapping ones merged."""
    out = []
    for a, b in sorted(spans):
        if b <= a:
            continue
        if out and a < out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [tuple(s) for s in out]
