"""Properties that must hold for any input, fuzzed with Hypothesis, plus adversarial strings that
would make a backtracking regular expression run for super-linear time.

* load_corpus (through temporary files) never raises with on_error="reject", and every article
  is loaded or rejected with a reason; a loaded article's text is exactly what cleaning gives;
* cleaning removes nothing but the lines it lists in the removed-lines table (hard-wrapped lines
  of one paragraph are joined with a space, as clean_text documents);
* sentences: offsets lie inside the text, text[start:end] is the sentence, sentences come in
  order, do not overlap, and only white space lies between (and around) them;
* extract_quotes (when present): no exception, text[start:end] is the quote.

The adversarial cases were timed on a 2-core machine: each finishes well under a second (see
``python tests/test_properties.py``, which prints the timings); the tests only assert completion.
"""
from __future__ import annotations

import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsframing.cleaning import clean_text, load_boilerplate, paragraphs, removed_lines
from newsframing.config import ROOT
from newsframing.corpus import articles_from_records, decode_article, load_corpus, read_manifest, rejected
from newsframing.errors import CorpusWarning
from newsframing.pipeline import analyze
from newsframing.quotes import extract_quotes
from newsframing.readability import readability
from newsframing.reuse import shingles, text_reuse
from newsframing.sentences import sentences
from newsframing.text import words

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters the corpus code treats specially, mixed with arbitrary unicode.
SPECIAL = list(".!?…。！？\"'“”‘’«»„‚「」『』()[]¿¡-—–:;, \t\n\r\u00a0\u2028\u2029\u3000\x0b\x0c\x85\ufeff") + [
    "Mr.", "U.S.", "A.", "e.g.", "No. 5", "\n\n", "\r\n", " he said. ", "“Yes,” she said. ",
    "Advertisement", "WATCH | video", "A Message from The Moscow Times:", "Remind me later.",
    "Share this article", "Путин заявил.", "中国外交部说。",
]
chars = st.one_of(st.sampled_from(SPECIAL), st.characters(exclude_categories=("Cs",)))
texts = st.lists(chars, max_size=120).map("".join)
BOILER = ["Advertisement", "WATCH | Xi meets Putin", "A Message from The Moscow Times:", "Give today.",
          "Remind me later.", "Share this article", "Sign up for our daily newsletter"]
line = st.one_of(texts.filter(lambda s: "\n" not in s and "\r" not in s), st.sampled_from(BOILER),
                 st.sampled_from(["", " ", "\t"]))
raw_texts = st.tuples(st.lists(line, max_size=25), st.sampled_from(["\n", "\r\n", "\r"])).map(
    lambda t: t[1].join(t[0]))
PATTERNS = load_boilerplate()


def check_sentences(text, sents):
    """Offsets valid, spans equal, in order, no overlap, only whitespace in between."""
    pos = 0
    for r in sents.itertuples():
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start:r.end] == r.text
        assert r.start >= pos, "sentences overlap or are out of order"
        assert text[pos:r.start].strip() == "", f"text between sentences lost: {text[pos:r.start]!r}"
        pos = r.end
    assert text[pos:].strip() == "", f"text after the last sentence lost: {text[pos:]!r}"
    assert list(sents["sent"]) == list(range(len(sents)))


def check_quotes(articles):
    q = extract_quotes(articles)
    text = dict(zip(articles["doc_id"], articles["text"]))
    for r in q.itertuples():
        t = text[r.doc_id]
        assert 0 <= r.start <= r.end <= len(t)
        assert t[r.start:r.end] == r.quote


@SETTINGS
@given(raw_texts)
def test_cleaning_removes_only_listed_lines(raw):
    text, removed = clean_text(raw, "d", PATTERNS)
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    gone = {r["line"] for r in removed}
    for r in removed:
        assert lines[r["line"] - 1] == r["text"]
        assert r["reason"] and r["pattern_id"]
    kept = [ln.strip() for i, ln in enumerate(lines, 1) if i not in gone and ln.strip()]
    paras = text.split("\n\n") if text else []
    assert all(p and p == p.strip() and "\n" not in p for p in paras)
    # Modulo the hard-wrap joining (lines of one block joined by a space), nothing else changes.
    assert " ".join(kept) == " ".join(paras)
    if not any(len(p.split(" ")) > 1 for p in paras):
        assert kept == paras


@SETTINGS
@given(raw_texts)
def test_sentences_partition_clean_text(raw):
    arts = articles_from_records([{"doc_id": "d", "text": raw}])
    text = arts["text"].iloc[0]
    s = sentences(arts)
    check_sentences(text, s)
    check_quotes(arts)


@SETTINGS
@given(texts)
def test_sentences_on_any_text(text):
    # Uncleaned text: sentences must not fail and spans must match the text they index.
    s = sentences(pd.DataFrame({"doc_id": ["d"], "text": [text]}))
    for r in s.itertuples():
        assert 0 <= r.start < r.end <= len(text) and text[r.start:r.end] == r.text


@SETTINGS
@given(texts)
def test_extract_quotes_on_any_text(text):
    check_quotes(articles_from_records([{"doc_id": "d", "text": text}]))


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "raw"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(raw_texts, st.sampled_from(ENCODINGS), st.binary(max_size=40)), min_size=1, max_size=4))
def test_load_corpus_accounts_for_every_file(docs):
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "c"
        d.mkdir()
        rows = []
        for i, (text, enc, junk) in enumerate(docs):
            if enc == "raw":
                data = junk
            else:
                try:
                    data = text.encode(enc)
                except UnicodeEncodeError:
                    data = text.encode("utf-8")
            (d / f"a{i}.txt").write_bytes(data)
            rows.append({"doc_id": f"a{i}", "file": f"a{i}.txt", "outlet": "X"})
        man = Path(tmp) / "m.csv"
        pd.DataFrame(rows).to_csv(man, index=False)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorpusWarning)
            arts = load_corpus(d, man, on_error="reject")
        rej = rejected(arts)
        assert set(arts["doc_id"]) | set(rej["doc_id"]) == {r["doc_id"] for r in rows}
        assert not set(arts["doc_id"]) & set(rej["doc_id"])
        assert (rej["reason"].str.len() > 0).all()
        for r in arts.itertuples():
            data = (d / r.file).read_bytes()
            raw, _ = decode_article(data)
            assert r.raw == raw and raw.strip()
            assert r.text == clean_text(raw, r.doc_id, PATTERNS)[0]
        check_sentences_all(arts)


def check_sentences_all(arts):
    s = sentences(arts)
    for doc, text in zip(arts["doc_id"], arts["text"]):
        check_sentences(text, s[s["doc_id"] == doc].reset_index(drop=True).assign(
            sent=lambda x: range(len(x))))


# ---------------------------------------------------------------------------------------------
# Adversarial inputs: each must complete (measured < 1 s each; not asserted, see module doc)

N = 100_000
ADVERSARIAL = {
    "dots": "." * N,
    "dots_spaced": ". " * (N // 2),
    "ellipses": "…" * N,
    "bangs": "?! " * (N // 3),
    "straight_quotes": '"' * N,
    "curly_quotes": "“" * N,
    "closing_quotes": "”" * N,
    "apostrophes": "'" * N,
    "quote_dots": '".' * (N // 2),
    "quote_space": '" ' * (N // 2),
    "spaces": " " * N + "x",
    "spaces_between": "A" + " " * N + ". B",
    "initials": "A. " * (N // 3),
    "initials_tight": "A." * (N // 2) + " B",
    "abbreviations": "Mr. " * (N // 4),
    "initialism": "U.S." * (N // 4) + " A",
    "one_word": "x" * N,
    "one_word_dot": "x" * N + ". A",
    "hyphens": "a-" * (N // 2),
    "apostrophe_words": "a'" * (N // 2),
    "nested_quotes": "“a ‘b «c „d " * (N // 12) + "“" + "”’»“" * 100,
    "nested_closed": "“‘«„" * (N // 8) + "x" + "“’»”" * (N // 8),
    "mixed_openers": "\"“«„「『‘'" * (N // 8),
    "unclosed_quote_long": "He said “" + "word " * (N // 5),
    "said_runs": "“Yes,” he said. " * (N // 16),
    "cjk_stops": "。" * N,
    "cjk_text": "中国外交部说。「好」" * (N // 10),
    "parens": "(" * (N // 2) + ")" * (N // 2),
    "newlines": "\n" * N,
    "cr": "\r" * N,
    "short_lines": "a\n" * (N // 2),
    "blank_separated": "a b\nc d\n\n" * (N // 10),
    "ad_lines": "Advertisement\n" * (N // 14),
    "block_starts": "A Message from The Moscow Times:\n" * (N // 33),
    "newsletter": "Sign up for our " + "a" * N + " newsletter",
    "share": "Share this article" + "!" * N,
    "watch": "WATCH | " + "| " * N,
    "colons": "He said: " * (N // 9),
    "digits_dots": "1." * (N // 2) + " 2",
    "numbers": "3.14 " * (N // 5),
}


def run_pipeline(text):
    arts = articles_from_records([{"doc_id": "adv", "text": text}])
    s = sentences(arts)
    removed_lines(arts)
    shingles(arts["text"].iloc[0])
    words(text)
    extract_quotes(arts)
    return arts, s


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_completes(name):
    text = ADVERSARIAL[name]
    arts, s = run_pipeline(text)
    check_sentences(arts["text"].iloc[0], s)
    check_quotes(arts)


def test_adversarial_through_files(tmp_path):
    d = tmp_path / "c"
    d.mkdir()
    rows = []
    for name, text in ADVERSARIAL.items():
        (d / f"{name}.txt").write_text(text, encoding="utf-8")
        rows.append({"doc_id": name, "file": f"{name}.txt", "outlet": "X"})
    pd.DataFrame(rows).to_csv(tmp_path / "m.csv", index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        arts = load_corpus(d, tmp_path / "m.csv", on_error="reject")
    rej = rejected(arts)
    assert set(arts["doc_id"]) | set(rej["doc_id"]) == set(ADVERSARIAL)
    # Only the inputs with no content (or nothing but boilerplate lines) are rejected.
    assert set(rej["doc_id"]) <= {"newlines", "cr", "ad_lines", "watch"}


if __name__ == "__main__":  # timings: python tests/test_properties.py
    for name in sorted(ADVERSARIAL):
        t = time.perf_counter()
        run_pipeline(ADVERSARIAL[name])
        dt = time.perf_counter() - t
        print(f"{name:22s} {dt:6.3f} s{'  SLOW' if dt >= 1 else ''}")


# ---------------------------------------------------------------------------------------------
# Nothing lost, same answer twice, nothing outside, no network

def _pipeline_tables(corpus_dir, manifest):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        arts = load_corpus(corpus_dir, manifest, on_error="reject")
    tables = {"articles": arts, "rejected": rejected(arts), "sentences": sentences(arts),
              "removed": removed_lines(arts), "paragraphs": paragraphs(arts)}
    tables["quotes"] = extract_quotes(arts)
    res = analyze(arts, cache_dir=None, progress=False)  # every table, no cache (writes nothing)
    tables.update({f"pipeline_{k}": v for k, v in res.items()})
    return tables


def _messy_corpus(base):
    from conftest import Corpus
    c = Corpus(base)
    c.add("gone", None)
    c.add("bin", b"\x00\x01binary")
    c.add("word", b"He said \x93fine\x94. She left.")
    c.add("stray", "Not in the manifest.", listed=False)
    return c


def _corpus_for(which, tmp_path):
    """(corpus folder, manifest) of the seeds or of a messy corpus written for the test."""
    if which == "seeds":
        return ROOT / "seeds", ROOT / "data" / "corpus.csv"
    c = _messy_corpus(tmp_path)
    return c.dir, c.manifest


@pytest.mark.parametrize("which", ["seeds", "messy"])
def test_every_manifest_article_is_accounted_for(which, tmp_path):
    corpus_dir, manifest = _corpus_for(which, tmp_path)
    t = _pipeline_tables(corpus_dir, manifest)
    ids = set(read_manifest(manifest)["doc_id"])
    loaded, rej = set(t["articles"]["doc_id"]), t["rejected"]
    assert ids <= loaded | set(rej["doc_id"])
    assert not loaded & set(rej["doc_id"])
    assert (rej["reason"].str.len() > 0).all()
    if which == "messy":
        assert set(rej["doc_id"]) == {"gone", "bin", "stray"} and loaded == {"good_a", "good_b", "word"}
    for name, df in t.items():
        if name not in ("rejected", "pipeline_rejected") and "doc_id" in df:
            assert set(df["doc_id"]) <= loaded, name
    if "pipeline_rejected" in t:
        pr = t["pipeline_rejected"]
        assert set(zip(pr["doc_id"], pr["reason"])) == set(zip(rej["doc_id"], rej["reason"]))


@pytest.mark.parametrize("which", ["seeds", "messy"])
def test_same_answer_twice(which, tmp_path):
    corpus_dir, manifest = _corpus_for(which, tmp_path)
    runs = []
    for k in range(2):
        out = tmp_path / f"run{k}"
        out.mkdir()
        t = _pipeline_tables(corpus_dir, manifest)
        for name, df in t.items():
            df.to_parquet(out / f"{name}.parquet")
            df.to_csv(out / f"{name}.csv", index=False)
        runs.append(out)
    for f in sorted(runs[0].iterdir()):
        assert f.read_bytes() == (runs[1] / f.name).read_bytes(), f"{f.name} differs between two runs"


def test_no_network_and_nothing_outside(tmp_path, monkeypatch):
    """The corpus pipeline opens no socket and touches no file outside the repository, the
    corpus folder and the Python installation (imports); it writes nothing at all."""
    import os
    import socket
    import sys

    c = _messy_corpus(tmp_path)

    def no_socket(*a, **k):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", no_socket)
    monkeypatch.setattr(socket, "create_connection", no_socket)
    allowed = [str(ROOT), str(c.base.resolve()), sys.prefix, sys.base_prefix, sys.exec_prefix, "/dev/"]
    opened = []

    def hook(event, args):
        if event == "open" and _hook_active[0] and isinstance(args[0], (str, bytes, os.PathLike)):
            opened.append((os.path.realpath(os.fsdecode(args[0])), args[1], args[2]))

    sys.addaudithook(hook)  # audit hooks cannot be removed; a flag turns this one off
    _hook_active[0] = True
    try:
        t = _pipeline_tables(c.dir, c.manifest)
        arts = t["articles"]
        text_reuse(arts)
        readability(arts, t["sentences"])  # reads textstat's dictionary
    finally:
        _hook_active[0] = False
    assert any(p.startswith(str(c.dir.resolve())) for p, *_ in opened), "audit hook saw no article read"
    outside = [p for p, *_ in opened if not any(p.startswith(a) for a in allowed)]
    assert not outside, f"files opened outside the repository/corpus: {outside}"
    writes = [(p, m, fl) for p, m, fl in opened
              if (isinstance(m, str) and any(ch in m for ch in "wax+"))
              or (isinstance(fl, int) and fl & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))]
    assert not writes, f"the pipeline wrote files: {writes}"


_hook_active = [False]
