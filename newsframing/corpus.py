"""The corpus (layer 3): the manifest, reading and decoding files, rejects.

A corpus is a folder of plain-text articles plus a manifest (CSV, one row per article). Every
input article is either loaded or listed by ``rejected()`` with its reason; nothing is lost
silently.
"""
from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

import pandas as pd

from .cleaning import BOILERPLATE, clean_text, load_boilerplate
from .config import MAX_BYTES, UNIDENTIFIED, resolve_path
from .errors import CorpusError, CorpusWarning
from .text import count_words
from .vocab import read_vocabulary

#: Columns a manifest must have; the others are filled with "" (unknown) when absent.
MANIFEST_REQUIRED = ("doc_id", "file", "outlet")
MANIFEST_OPTIONAL = ("label", "outlet_country", "wire", "headline", "published", "story", "evidence")


def read_manifest(manifest="data/corpus.csv"):
    """The manifest as a DataFrame of strings, validated: required columns present, at least one
    row, no empty or duplicate doc_id. Raises CorpusError naming the manifest and the problem."""
    path = resolve_path(manifest)
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
                boilerplate=BOILERPLATE, max_bytes=MAX_BYTES):
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
    corpus = resolve_path(corpus_dir)
    if not corpus.is_dir():
        raise CorpusError(f"{corpus}: corpus folder not found")
    root = corpus.resolve()
    man = read_manifest(manifest)
    man_path = resolve_path(manifest).resolve()
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
    articles["n_words"] = [count_words(t) for t in articles["text"]]
    articles["n_paras"] = [t.count("\n\n") + 1 for t in articles["text"]]
    articles["label"] = outlet_labels(articles)
    articles = articles.reset_index(drop=True)
    # Plain records, not a DataFrame: attrs must stay comparable (merge/concat compare them)
    # and JSON-serialisable (to_parquet writes them).
    articles.attrs["rejected"] = [dict(r) for r in rejected]
    articles.attrs["corpus_dir"] = str(corpus)
    articles.attrs["boilerplate"] = str(resolve_path(boilerplate))
    return articles


def is_unidentified(outlet):
    """Does the manifest's ``outlet`` say the outlet is not known ("", "unidentified", ...)?"""
    return str(outlet if outlet is not None else "").strip().lower() in UNIDENTIFIED


def unidentified(articles):
    """Per article (a boolean Series): the manifest names no outlet."""
    return articles["outlet"].map(is_unidentified).astype(bool)


def outlet_labels(articles):
    """Display label per article: manifest label, else outlet; unidentified outlets get one
    label per article so that unrelated unknown sources are not pooled."""
    out = []
    for lab, outlet, doc in zip(articles.get("label", []), articles["outlet"], articles["doc_id"]):
        if lab:
            out.append(lab)
        elif is_unidentified(outlet):
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
    df["n_words"] = [count_words(t) for t in df["text"]]
    df["n_paras"] = [t.count("\n\n") + 1 for t in df["text"]]
    df["label"] = outlet_labels(df)
    df.attrs["rejected"] = []
    return df.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
