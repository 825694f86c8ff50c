"""Reading and validating the vocabulary in data/ (layer 1).

Every list an analyst may read or extend is a file in ``data/`` (documented in data/README.md):
the sides a story compares (``sides.csv``), the actors and descriptor terms (``actors.csv``,
``affiliations.csv``), reporting verbs (``reporting_verbs.csv``) and the word lists under
``data/words/`` (news channels, titles, organisation, place and document words, abbreviations,
stop words). A malformed file raises VocabularyError naming the file and the line.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .config import DATA_DIR, resolve_path
from .errors import VocabularyError

WORDS_DIR = DATA_DIR / "words"


def read_vocabulary(path, required, name=None):
    """A vocabulary CSV as a DataFrame of stripped strings ('' for empty), with its columns
    checked. Raises VocabularyError naming the file when it is missing, empty, not UTF-8 CSV or
    lacks a required column. Row i of the frame is line i + 2 of the file (line 1 is the header)."""
    path = resolve_path(path)
    name = name or path.name
    if not path.is_file():
        raise VocabularyError(f"{path}: {name} not found")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError:
        raise VocabularyError(f"{path}: {name} is empty (no header row)") from None
    except (UnicodeDecodeError, pd.errors.ParserError) as e:
        raise VocabularyError(f"{path}: {name} cannot be parsed as UTF-8 CSV ({e})") from None
    df.columns = [c.strip() for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise VocabularyError(f"{path}: {name} lacks required column(s) {missing}; has {list(df.columns)}")
    return df.apply(lambda s: s.str.strip())


def _split(cell):
    """The values of a "|"-separated cell, stripped, empty ones dropped."""
    return [v.strip() for v in cell.split("|") if v.strip()]


def _unique(df, col, path, name, fold=True):
    seen = {}
    for i, v in enumerate(df[col], start=2):
        if not v:
            raise VocabularyError(f"{path}: line {i}: empty {col} in {name}")
        k = v.casefold() if fold else v
        if k in seen:
            raise VocabularyError(f"{path}: line {i}: duplicate {col} {v!r} (first on line {seen[k]})")
        seen[k] = i


# --- scope: rows that only make sense for one story ---------------------------------------------

_SCOPE = re.compile(r"general|story:[a-z0-9][a-z0-9_.\-]*")


def apply_scope(df, path, stories=()):
    """Rows of a vocabulary file that apply to this corpus. A ``scope`` column (optional) says
    ``general`` (or empty) for rows that hold for any corpus, and ``story:<id>`` for rows that
    only make sense for one story ("the paper" meaning China's 2023 position paper). Story rows
    are kept only for the stories asked for (``stories``: ids, e.g. from the manifest's ``story``
    column), so they never apply to another corpus silently."""
    if "scope" not in df.columns:
        return df
    for i, v in enumerate(df["scope"], start=2):
        if v and not _SCOPE.fullmatch(v):
            raise VocabularyError(f"{path}: line {i}: scope {v!r} must be 'general' or 'story:<id>'")
    wanted = {f"story:{s}" for s in stories or ()}
    keep = df["scope"].isin(["", "general"]) | df["scope"].isin(wanted)
    return df[keep].reset_index(drop=True)


def story_ids(articles):
    """The stories a corpus declares (the manifest's ``story`` column), for story-scoped rows."""
    if articles is None or "story" not in getattr(articles, "columns", ()):
        return ()
    return tuple(sorted({s for s in articles["story"] if isinstance(s, str) and s}))


# --- sides -------------------------------------------------------------------------------------

#: The two sides every configuration has: a known affiliation outside the named sides, and none.
SPECIAL_SIDES = ("other", "unknown")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_HATCH = re.compile(r"[/\\|\-+xXoO.*]*")
_SIDE_ID = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Sides:
    """The sides a story compares, in display order, with label, colour and hatch for each, and
    what belongs to each (country codes, organisations, parties; see data/README.md)."""
    ids: tuple
    labels: dict = field(hash=False)
    colours: dict = field(hash=False)
    hatches: dict = field(hash=False)
    members: dict = field(hash=False)
    path: str = ""
    lines: dict = field(default_factory=dict, hash=False, compare=False)  # side -> line in the file

    def __contains__(self, side):
        return side in self.ids

    def label(self, side):
        return self.labels.get(side, side)

    @property
    def named(self):
        """The sides a story compares, without other and unknown."""
        return tuple(s for s in self.ids if s not in SPECIAL_SIDES)


def load_sides(path=None):
    """The sides configuration (data/sides.csv by default): columns side, label, colour (#RRGGBB),
    hatch (matplotlib hatch characters, may be empty), order (integer), members ("|"-separated),
    note. Must list ``other`` and ``unknown``. Raises VocabularyError naming file and line."""
    path = resolve_path(path or DATA_DIR / "sides.csv")
    df = read_vocabulary(path, ("side", "label", "colour", "hatch", "order"), "sides configuration")
    if df.empty:
        raise VocabularyError(f"{path}: sides configuration has no rows")
    _unique(df, "side", path, "sides configuration", fold=False)
    orders = {}
    for i, r in enumerate(df.to_dict("records"), start=2):
        if not _SIDE_ID.fullmatch(r["side"]):
            raise VocabularyError(f"{path}: line {i}: side id {r['side']!r} must be lower-case letters, digits, _")
        if not r["label"]:
            raise VocabularyError(f"{path}: line {i}: side {r['side']!r} has no label")
        if not _COLOUR.fullmatch(r["colour"]):
            raise VocabularyError(f"{path}: line {i}: side {r['side']!r} needs a colour as #RRGGBB, "
                                  f"not {r['colour']!r}")
        if not _HATCH.fullmatch(r["hatch"]):
            raise VocabularyError(f"{path}: line {i}: side {r['side']!r}: hatch {r['hatch']!r} is not made "
                                  "of matplotlib hatch characters / \\ | - + x o O . *")
        try:
            orders[r["side"]] = int(r["order"])
        except ValueError:
            raise VocabularyError(f"{path}: line {i}: side {r['side']!r}: order {r['order']!r} is not an integer") from None
    for s in SPECIAL_SIDES:
        if s not in orders:
            raise VocabularyError(f"{path}: the sides configuration must have a row for {s!r}")
    members = {r["side"]: tuple(_split(r.get("members", ""))) for r in df.to_dict("records")}
    ids = tuple(sorted(orders, key=lambda s: (orders[s], s)))
    rec = df.set_index("side")
    lines = {r["side"]: i for i, r in enumerate(df.to_dict("records"), start=2)}
    return Sides(ids=ids, labels=rec["label"].to_dict(), colours=rec["colour"].to_dict(),
                 hatches=rec["hatch"].to_dict(), members=members, path=str(path), lines=lines)


# --- actors and descriptor terms --------------------------------------------------------------

def _read_keyed(path, required, key, name, sides):
    """A table keyed by ``key`` whose rows name a side (column ``side``, or ``bloc`` in older
    files; returned as ``side``), every side checked against the configuration."""
    df = read_vocabulary(path, [c for c in required if c != "side"], name)
    col = "side" if "side" in df.columns else "bloc"
    if col not in df.columns:
        raise VocabularyError(f"{path}: {name} lacks required column 'side'; has {list(df.columns)}")
    _unique(df, key, path, name)
    for i, r in enumerate(df.to_dict("records"), start=2):
        if r[col] not in sides:
            raise VocabularyError(f"{path}: line {i} ({key} {r[key]!r}): side {r[col]!r} is not configured "
                                  f"in {sides.path or 'the sides configuration'} (sides: {', '.join(sides.ids)})")
    return df.rename(columns={col: "side"})


#: What an actor is (the actors table's ``role``): only a person is an antecedent of he/she.
ACTOR_ROLES = ("person", "government", "institution", "party", "organisation", "media", "document")


def load_actors(path=None, sides=None, stories=()):
    """Actor aliases: one row per alias with columns alias, actor, side, role, note.

    ``path`` defaults to data/actors.csv. Raises VocabularyError naming the file and line for a
    missing column, an empty alias or actor, a duplicate alias (compared case-insensitively), a
    side that the sides configuration (``sides``, default data/sides.csv) does not list, or a
    role outside ACTOR_ROLES (an office or party belongs in the note).
    Matching convention (extract_quotes, actor_mentions): an alias written with a capital first
    letter is a name and matches case-sensitively; an alias in lower case ("the Chinese leader")
    is a description and matches case-insensitively, with or without its "the". Rows scoped to a
    story (``scope`` = story:<id>) are kept only for the ``stories`` asked for (apply_scope).
    """
    path = resolve_path(path or DATA_DIR / "actors.csv")
    df = _read_keyed(path, ("alias", "actor", "side", "role", "note"), "alias", "actors table",
                     sides or load_sides())
    df = apply_scope(df, path, stories)
    empty = df.index[df["actor"] == ""]
    if len(empty):
        raise VocabularyError(f"{path}: line {empty[0] + 2}: empty actor")
    bad = df.index[~df["role"].isin(ACTOR_ROLES)]
    if len(bad):
        raise VocabularyError(f"{path}: line {bad[0] + 2} (alias {df.loc[bad[0], 'alias']!r}): role {df.loc[bad[0], 'role']!r} "
                              f"is not one of {', '.join(ACTOR_ROLES)} (write an office or party in the note)")
    return df[["alias", "actor", "side", "role", "note"]].reset_index(drop=True)


def load_affiliations(path=None, sides=None):
    """Descriptor terms that place an unlisted speaker on a side: columns term, side, note.

    ``path`` defaults to data/affiliations.csv; validated like load_actors. Terms with a capital
    letter match case-sensitively as whole words ("Russia" also matches "Russia's"); lower-case
    terms match case-insensitively."""
    path = resolve_path(path or DATA_DIR / "affiliations.csv")
    df = _read_keyed(path, ("term", "side", "note"), "term", "affiliations table", sides or load_sides())
    return df[["term", "side", "note"]].reset_index(drop=True)


# --- word lists -------------------------------------------------------------------------------

def load_word_list(path, column="word"):
    """A one-column word list (data/words/*.csv, plus a note column): the words, lower-cased, in
    file order. Raises VocabularyError for an empty or duplicate entry (naming file and line)."""
    path = resolve_path(path)
    df = read_vocabulary(path, (column,), path.name)
    _unique(df, column, path, path.name)
    return tuple(w.lower() for w in df[column])


@dataclass(frozen=True)
class WordLists:
    """The word lists quote attribution and framing read, loaded once (load_word_lists)."""
    cues: frozenset            # every form of every reporting verb
    relay_forms: frozenset     # forms that relay another source: "CCTV reported Xi as saying"
    verb_group: dict = field(hash=False)  # form -> the group shown in comparisons ("urged" -> "call")
    titles: frozenset = frozenset()
    organisation_words: frozenset = frozenset()
    place_words: frozenset = frozenset()
    document_words: frozenset = frozenset()
    abbreviations: frozenset = frozenset()
    channels: tuple = ()       # (pattern, channel), most specific first
    stop_words: frozenset = frozenset()
    work_words: frozenset = frozenset()  # nouns for works whose titles are quoted ("the show", "her memoir")
    party_labels: dict = field(default_factory=dict, hash=False)  # "R" -> "Republican Party"
    paths: tuple = ()          # the files read, for cache keys

    @property
    def participles(self):
        return frozenset(w for w in self.cues if w.endswith("ing") and w != "according")


def load_reporting_verbs(path=None):
    """data/reporting_verbs.csv: columns verb, forms ("|"-separated inflections), group,
    relay_forms, note. Returns (cues, relay_forms, verb_group). A form listed twice, or a relay
    form that is not one of its verb's forms, raises VocabularyError naming file and line."""
    path = resolve_path(path or DATA_DIR / "reporting_verbs.csv")
    df = read_vocabulary(path, ("verb", "forms", "group", "relay_forms"), "reporting verbs")
    _unique(df, "verb", path, "reporting verbs")
    group, relay, seen = {}, set(), {}
    for i, r in enumerate(df.to_dict("records"), start=2):
        forms = [f.lower() for f in _split(r["forms"])]
        if not forms:
            raise VocabularyError(f"{path}: line {i}: verb {r['verb']!r} has no forms")
        for f in forms:
            if f in seen:
                raise VocabularyError(f"{path}: line {i}: form {f!r} already listed on line {seen[f]}")
            if " " in f:
                raise VocabularyError(f"{path}: line {i}: form {f!r} must be one word")
            seen[f] = i
            group[f] = r["group"] or r["verb"]
        for f in _split(r["relay_forms"]):
            if f.lower() not in forms:
                raise VocabularyError(f"{path}: line {i}: relay form {f!r} is not among the forms of {r['verb']!r}")
            relay.add(f.lower())
    return frozenset(group), frozenset(relay), group


def load_channels(path=None):
    """data/words/channels.csv: pattern (a regular expression without word boundaries; the
    loader adds them), channel, note; most specific first. Returns ((pattern, channel), ...)."""
    path = resolve_path(path or WORDS_DIR / "channels.csv")
    df = read_vocabulary(path, ("pattern", "channel"), "news channels")
    out = []
    for i, r in enumerate(df.to_dict("records"), start=2):
        if not r["pattern"] or not r["channel"]:
            raise VocabularyError(f"{path}: line {i}: empty pattern or channel")
        try:
            re.compile(r["pattern"])
        except re.error as e:
            raise VocabularyError(f"{path}: line {i}: bad regular expression {r['pattern']!r} ({e})") from None
        out.append((r["pattern"], r["channel"]))
    return tuple(out)


def _stamp(paths):
    return tuple((str(p), os.stat(p).st_mtime_ns, os.stat(p).st_size) for p in paths)


def load_word_lists(data_dir=None):
    """Every word list, read once per set of unchanged files (cached on their paths and times)."""
    base = Path(data_dir) if data_dir else DATA_DIR
    words = base / "words"
    paths = (base / "reporting_verbs.csv", words / "channels.csv", words / "titles.csv",
             words / "organisation_words.csv", words / "place_words.csv", words / "document_words.csv",
             words / "abbreviations.csv", words / "stop_words.csv", words / "work_words.csv",
             words / "party_labels.csv")
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise VocabularyError(f"{missing[0]}: word list not found")
    return _load_word_lists(_stamp(paths))


@lru_cache(maxsize=8)
def _load_word_lists(stamp):
    p = [Path(s[0]) for s in stamp]
    cues, relay, group = load_reporting_verbs(p[0])
    return WordLists(cues=cues, relay_forms=relay, verb_group=group, channels=load_channels(p[1]),
                     titles=frozenset(load_word_list(p[2])), organisation_words=frozenset(load_word_list(p[3])),
                     place_words=frozenset(load_word_list(p[4])), document_words=frozenset(load_word_list(p[5])),
                     abbreviations=frozenset(load_word_list(p[6], "abbreviation")),
                     stop_words=frozenset(load_word_list(p[7])), work_words=frozenset(load_word_list(p[8])),
                     party_labels=_party_labels(p[9]), paths=tuple(str(x) for x in p))


def _party_labels(path):
    """data/words/party_labels.csv: label (the letter of "R-Utah"), party (an institution name of
    the gazetteer, or "independent"). Returns {label: party}."""
    df = read_vocabulary(path, ("label", "party"), "party labels")
    _unique(df, "label", path, "party labels", fold=False)
    return dict(zip(df["label"], df["party"]))


__all__ = ["VocabularyError", "read_vocabulary", "Sides", "load_sides", "load_actors",
           "load_affiliations", "load_word_list", "WordLists", "load_word_lists", "load_reporting_verbs",
           "load_channels", "SPECIAL_SIDES"]
