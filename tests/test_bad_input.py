"""The bad-input catalogue: what an analyst's overnight scrape can contain, and what the workbook
does with each case. Policy (load_corpus docstring):

* a problem that makes the whole corpus unusable (folder or manifest missing, manifest empty,
  without a required column, with duplicate doc_ids) raises CorpusError naming the file;
* a problem of one article raises CorpusError naming the file with on_error="raise", and with
  on_error="reject" warns (CorpusWarning), lists the article in rejected(articles) with the
  reason, and loads every other article;
* recoverable input (BOM, UTF-16 with BOM, Windows-1252, CRLF/CR) loads, with a warning where
  the bytes were re-interpreted.

Each case builds a small corpus (two good articles, see conftest.py) plus the bad input.
"""
from __future__ import annotations

import os
import warnings

import pandas as pd
import pytest

from newsframing.cleaning import removed_lines
from newsframing.corpus import load_corpus, rejected
from newsframing.quotes import extract_quotes
from newsframing.sentences import sentences
from newsframing import vocab
from newsframing.vocab import load_actors
from newsframing.errors import CorpusError, CorpusWarning

GOOD_IDS = {"good_a", "good_b"}


def accounted_for(articles, manifest_ids):
    """Every manifest doc_id is either loaded or rejected with a non-empty reason."""
    rej = rejected(articles)
    assert (rej["reason"].str.len() > 0).all()
    missing = set(manifest_ids) - set(articles["doc_id"]) - set(rej["doc_id"])
    assert not missing, f"articles lost without a reason: {missing}"


def check_rejected(corpus, doc_id, name_part, reason_part, **kw):
    """Both modes: raise names the file and the problem; reject warns, lists it, keeps the rest."""
    with pytest.raises(CorpusError) as err:
        corpus.load(on_error="raise", **kw)
    msg = str(err.value)
    assert name_part in msg, msg
    assert reason_part.lower() in msg.lower(), msg

    with pytest.warns(CorpusWarning, match="rejected") as rec:
        articles = corpus.load(on_error="reject", **kw)
    assert any(name_part in str(w.message) for w in rec), [str(w.message) for w in rec]
    rej = rejected(articles)
    row = rej[rej["doc_id"] == doc_id]
    assert len(row) == 1, rej
    assert reason_part.lower() in row["reason"].iloc[0].lower(), row["reason"].iloc[0]
    assert name_part in row["file"].iloc[0]
    assert GOOD_IDS <= set(articles["doc_id"]), "a good article was lost"
    assert doc_id not in set(articles["doc_id"])
    accounted_for(articles, [r["doc_id"] for r in corpus.rows])
    return articles


def check_recovered(corpus, doc_id, warn_part=None):
    """Loads in both modes; warns when warn_part is given (and does not reject anything)."""
    for mode in ("raise", "reject"):
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            articles = corpus.load(on_error=mode)
        msgs = [str(w.message) for w in rec if issubclass(w.category, CorpusWarning)]
        if warn_part:
            assert any(warn_part.lower() in m.lower() and f"{doc_id}.txt" in m for m in msgs), msgs
        else:
            assert not msgs, msgs
        assert rejected(articles).empty
        assert GOOD_IDS | {doc_id} <= set(articles["doc_id"])
    return articles.set_index("doc_id").loc[doc_id]


# ---------------------------------------------------------------------------------------------
# Whole-corpus problems: a clear error naming the file, in both modes

@pytest.mark.parametrize("mode", ["raise", "reject"])
def test_missing_corpus_folder(corpus, mode):
    with pytest.raises(CorpusError, match="corpus folder not found") as err:
        load_corpus(corpus.base / "no-such-folder", corpus.manifest, on_error=mode)
    assert "no-such-folder" in str(err.value)


@pytest.mark.parametrize("mode", ["raise", "reject"])
def test_manifest_missing(corpus, mode):
    with pytest.raises(CorpusError, match="manifest not found") as err:
        load_corpus(corpus.dir, corpus.base / "nope.csv", on_error=mode)
    assert "nope.csv" in str(err.value)


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b"doc_id,file,outlet\n", "no rows"),
    (b"\n\n", "empty"),
])
def test_manifest_empty(corpus, content, problem):
    corpus.manifest.write_bytes(content)
    for mode in ("raise", "reject"):
        with pytest.raises(CorpusError, match=problem) as err:
            corpus.load(on_error=mode)
        assert corpus.manifest.name in str(err.value)


def test_manifest_missing_column(corpus):
    corpus.write_manifest(columns=("doc_id", "outlet"))
    for mode in ("raise", "reject"):
        with pytest.raises(CorpusError, match=r"lacks required column.*file") as err:
            corpus.load(on_error=mode)
        assert corpus.manifest.name in str(err.value)


def test_manifest_duplicate_doc_id(corpus):
    corpus.add("good_a", "Another article with the same id.", file="other.txt")
    for mode in ("raise", "reject"):
        with pytest.raises(CorpusError, match=r"duplicate doc_id.*good_a") as err:
            corpus.load(on_error=mode)
        assert corpus.manifest.name in str(err.value)


def test_manifest_empty_doc_id(corpus):
    corpus.add("", "An article without an id.", file="noid.txt")
    with pytest.raises(CorpusError, match="empty doc_id") as err:
        corpus.load(on_error="reject")
    assert corpus.manifest.name in str(err.value)


def test_manifest_same_file_twice(corpus):
    corpus.rows.append({"doc_id": "again", "file": "good_a.txt", "outlet": "X"})
    corpus.write_manifest()
    with pytest.raises(CorpusError, match="listed twice.*good_a.txt"):
        corpus.load(on_error="reject")


def test_manifest_not_utf8(corpus):
    corpus.manifest.write_bytes(b"doc_id,file,outlet\nx,x.txt,Caf\xe9 \x81\n")
    with pytest.raises(CorpusError, match="cannot be parsed") as err:
        corpus.load(on_error="reject")
    assert corpus.manifest.name in str(err.value)


def test_on_error_value_checked(corpus):
    with pytest.raises(ValueError, match="on_error"):
        corpus.load(on_error="ignore")


# ---------------------------------------------------------------------------------------------
# Problems of one article: error (raise) or warning + rejected row (reject); nothing else lost

def test_file_absent(corpus):
    corpus.add("gone", None)
    check_rejected(corpus, "gone", "gone.txt", "does not exist")


def test_file_not_in_manifest(corpus):
    corpus.add("stray", "A story nobody listed.", listed=False)
    check_rejected(corpus, "stray", "stray.txt", "not in the manifest")


def test_hidden_folders_are_not_articles(corpus):
    # JupyterLab writes .ipynb_checkpoints/ next to files opened in it.
    corpus.add("ckpt", "A checkpoint copy.", file=".ipynb_checkpoints/good_a-checkpoint.txt", listed=False)
    corpus.add("dot", "A hidden file.", file=".hidden.txt", listed=False)
    articles = corpus.load(on_error="raise")
    assert set(articles["doc_id"]) == GOOD_IDS


def test_manifest_row_without_file(corpus):
    corpus.rows.append({"doc_id": "nofile", "file": "", "outlet": "X"})
    corpus.write_manifest()
    check_rejected(corpus, "nofile", corpus.manifest.name, "no file")


def test_path_escapes_with_dotdot(corpus):
    outside = corpus.base / "secret.txt"
    outside.write_text("Outside the corpus folder.")
    corpus.rows.append({"doc_id": "esc", "file": "../secret.txt", "outlet": "X"})
    corpus.write_manifest()
    articles = check_rejected(corpus, "esc", "secret.txt", "outside the corpus folder")
    assert not articles["raw"].str.contains("Outside the corpus").any()


def test_path_absolute(corpus):
    outside = corpus.base / "abs.txt"
    outside.write_text("Absolute path article.")
    corpus.rows.append({"doc_id": "abs", "file": str(outside), "outlet": "X"})
    corpus.write_manifest()
    check_rejected(corpus, "abs", "abs.txt", "absolute path")


def test_path_symlink_out_of_folder(corpus):
    outside = corpus.base / "target.txt"
    outside.write_text("Reached through a symlink.")
    link = corpus.dir / "link.txt"
    try:
        os.symlink(outside, link)
    except (OSError, NotImplementedError):
        pytest.skip("symlinks not supported here")
    corpus.rows.append({"doc_id": "link", "file": "link.txt", "outlet": "X"})
    corpus.write_manifest()
    articles = check_rejected(corpus, "link", "link.txt", "outside the corpus folder")
    assert not articles["raw"].str.contains("symlink").any()


def test_same_file_two_spellings(corpus):
    corpus.rows.append({"doc_id": "alias", "file": "./good_a.txt", "outlet": "X"})
    corpus.write_manifest()
    check_rejected(corpus, "alias", "good_a.txt", "same file")


def test_folder_listed_as_file(corpus):
    (corpus.dir / "sub.txt").mkdir()
    corpus.rows.append({"doc_id": "sub", "file": "sub.txt", "outlet": "X"})
    corpus.write_manifest()
    check_rejected(corpus, "sub", "sub.txt", "folder")


def test_empty_file(corpus):
    corpus.add("empty", b"")
    check_rejected(corpus, "empty", "empty.txt", "empty file")


@pytest.mark.parametrize("ws", [" ", "\n\n\n", " \t \r\n \u00a0\u3000\n"])
def test_whitespace_only(corpus, ws):
    corpus.add("blank", ws)
    check_rejected(corpus, "blank", "blank.txt", "only whitespace")


def test_only_boilerplate(corpus):
    corpus.add("ads", "Advertisement\n\nShare this article\n")
    check_rejected(corpus, "ads", "ads.txt", "nothing left after boilerplate")


def test_binary_nul_bytes(corpus):
    corpus.add("bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    check_rejected(corpus, "bin", "bin.txt", "binary")


def test_binary_control_characters(corpus):
    corpus.add("ctrl", bytes([1, 2, 3, 4, 5, 6, 7, 8, 0x0e, 0x1b]) * 20 + b"text")
    check_rejected(corpus, "ctrl", "ctrl.txt", "binary")


def test_utf16_without_bom_is_rejected(corpus):
    corpus.add("u16le", "No byte-order mark here.".encode("utf-16-le"))
    check_rejected(corpus, "u16le", "u16le.txt", "UTF-16")


def test_invalid_utf8_not_cp1252_either(corpus):
    # 0x81 and 0x8d are undefined in Windows-1252: neither decoding works.
    corpus.add("bad", b"Caf\xc3 \x81\x8d broken bytes.")
    check_rejected(corpus, "bad", "bad.txt", "not UTF-8")


def test_utf16_bom_with_odd_bytes(corpus):
    corpus.add("u16bad", b"\xff\xfe" + "Text".encode("utf-16-le") + b"\x00\xd8")
    check_rejected(corpus, "u16bad", "u16bad.txt", "UTF-16")


def test_huge_article_rejected_by_default(corpus):
    # 50 MB written sparsely: the size check reads only the file's size.
    path = corpus.add("huge", b"")
    with open(path, "r+b") as f:
        f.truncate(50_000_000)
    articles = check_rejected(corpus, "huge", "huge.txt", "over max_bytes")
    reason = rejected(articles)["reason"].iloc[0]
    assert "50.0 MB" in reason and "20,000,000" in reason and "raise max_bytes" in reason


def test_max_bytes_limit_and_raising_it(corpus):
    body = ("The council met again on Monday. " * 40 + "\n\n") * 50  # ~68 kB
    corpus.add("big", body)
    n = len(body.encode())
    check_rejected(corpus, "big", "big.txt", "over max_bytes", max_bytes=n - 1)
    articles = corpus.load(on_error="raise", max_bytes=n)
    assert "big" in set(articles["doc_id"])


def test_huge_article_loads_when_max_bytes_raised(corpus):
    # A real 50 MB text (repeated paragraphs), loaded once the limit is raised.
    para = ("Leaders met in the capital on Tuesday. They said the talks were useful. " * 20).strip()
    block = (para + "\n\n").encode()
    reps = 50_000_000 // len(block) + 1
    corpus.add("huge", block * reps)
    articles = corpus.load(on_error="raise", max_bytes=60_000_000)
    row = articles.set_index("doc_id").loc["huge"]
    assert len(row["raw"]) >= 50_000_000
    assert row["n_paras"] == reps


# ---------------------------------------------------------------------------------------------
# Recovered input: loads, with a warning where bytes were re-interpreted

def test_utf8_bom(corpus):
    corpus.add("bom", b"\xef\xbb\xbf" + "Kyiv said \u201cno\u201d. Moscow agreed.".encode())
    row = check_recovered(corpus, "bom", "byte-order mark")
    assert row["text"].startswith("Kyiv") and "\ufeff" not in row["raw"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(corpus, codec):
    text = "\ufeffBeijing said \u201cpeace\u201d. \u041a\u0438\u0435\u0432 agreed." if codec == "utf-16-be" else \
        "Beijing said \u201cpeace\u201d. \u041a\u0438\u0435\u0432 agreed."
    corpus.add("u16", text.encode(codec))
    row = check_recovered(corpus, "u16", "UTF-16")
    assert row["text"] == "Beijing said \u201cpeace\u201d. \u041a\u0438\u0435\u0432 agreed."


def test_cp1252_smart_quotes(corpus):
    corpus.add("word", b"He said \x93we will talk\x94 \x96 and left\x85 It\x92s over.")
    row = check_recovered(corpus, "word", "Windows-1252")
    assert row["text"] == "He said \u201cwe will talk\u201d \u2013 and left\u2026 It\u2019s over."
    assert "Windows-1252" in row["encoding_note"]


def test_invalid_utf8_byte_recovered_as_cp1252(corpus):
    corpus.add("latin", b"The caf\xe9 in Kyiv reopened. Officials were pleased.")
    row = check_recovered(corpus, "latin", "invalid byte at offset 7")
    assert "caf\u00e9" in row["text"]


@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_line_endings(corpus, eol):
    lf = "First paragraph. Second sentence.\n\nSecond paragraph.\nAdvertisement\nThird line.\n"
    corpus.add("lf", lf)
    corpus.add("eol", lf.replace("\n", eol))
    articles = corpus.load(on_error="raise").set_index("doc_id")
    assert articles.loc["eol", "text"] == articles.loc["lf", "text"]
    assert "\r" not in articles.loc["eol", "text"]
    rem = removed_lines(articles.reset_index())
    assert rem.loc[rem["doc_id"] == "eol", "line"].tolist() == rem.loc[rem["doc_id"] == "lf", "line"].tolist() == [4]


def test_no_sentence_punctuation(corpus):
    corpus.add("nopunct", "breaking news officials meet in kyiv\n\nmore to follow later today")
    row = check_recovered(corpus, "nopunct")
    s = sentences(pd.DataFrame([{"doc_id": "nopunct", "text": row["text"]}]))
    assert s["text"].tolist() == ["breaking news officials meet in kyiv", "more to follow later today"]


def test_one_very_long_line(corpus):
    line = "Officials met again and talked for hours without a pause, " * 20_000  # ~1.2 MB, no newline
    corpus.add("long", line.strip())
    row = check_recovered(corpus, "long")
    s = sentences(pd.DataFrame([{"doc_id": "long", "text": row["text"]}]))
    assert len(s) == 1 and s["end"].iloc[0] == len(row["text"])


# Quotation marks: unbalanced, nested, mixed, other scripts. Loading and sentences must keep
# working; extract_quotes (quotes section) must not crash and must return valid spans.
QUOTE_CASES = {
    "unbalanced": "He said \u201cwe will never agree. Then he left.\n\nShe replied: \"no comment.",
    "closing_only": "It was \u201d over\u201d, he said. \"\"\" Nothing else.",
    "nested": "\u201cThe minister said \u2018we won\u2019t accept \u201cpeace\u201d on these terms\u2019,\u201d the aide said.",
    "mixed": "\"Talks were \u201cuseful\u201d,' he said.\u201d 'Really\" she asked \u00abyes\u201d.",
    "guillemets": "\u00ab\u041c\u044b \u043d\u0435 \u043e\u0442\u0441\u0442\u0443\u043f\u0438\u043c\u00bb, \u2014 \u0441\u043a\u0430\u0437\u0430\u043b \u043e\u043d. \u00ab\u041d\u0438\u043a\u043e\u0433\u0434\u0430 \u00ab\u0432\u043b\u043e\u0436\u0435\u043d\u043d\u044b\u0435\u00bb\u00bb.",
    "german": "\u201eWir verhandeln nicht\u201c, sagte er. \u201aNie\u2018, sagte sie.",
    "cjk_corner": "\u4ed6\u8bf4\uff1a\u300c\u6211\u4eec\u4e0d\u4f1a\u8ba9\u6b65\u3002\u300d\u5979\u8bf4\uff1a\u300e\u597d\u300f\u3002",
}


@pytest.mark.parametrize("case", sorted(QUOTE_CASES))
def test_quotation_marks(corpus, case):
    corpus.add(case, QUOTE_CASES[case])
    row = check_recovered(corpus, case)
    arts = pd.DataFrame([{**row.to_dict(), "doc_id": case}])
    s = sentences(arts)
    assert "".join(s["text"]).replace(" ", "") == row["text"].replace("\n", "").replace(" ", "")
    q = extract_quotes(arts)
    for r in q.itertuples():
        assert 0 <= r.start < r.end <= len(row["text"])
        assert row["text"][r.start:r.end] == r.quote


def test_cyrillic_and_chinese(corpus):
    ru = "\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b \u043f\u0440\u043e\u0448\u043b\u0438 \u0432 \u041c\u043e\u0441\u043a\u0432\u0435. \u0421\u0442\u043e\u0440\u043e\u043d\u044b \u0434\u043e\u0433\u043e\u0432\u043e\u0440\u0438\u043b\u0438\u0441\u044c."
    zh = "\u4e60\u8fd1\u5e73\u4e0e\u6cfd\u8fde\u65af\u57fa\u901a\u7535\u8bdd\u3002\u53cc\u65b9\u8ba8\u8bba\u4e86\u548c\u5e73\u3002\u4f1a\u8c08\u5f88\u6709\u6210\u679c\uff01"
    corpus.add("ru", ru)
    corpus.add("zh", zh)
    articles = corpus.load(on_error="raise")
    s = sentences(articles)
    assert s.loc[s["doc_id"] == "ru", "text"].tolist() == ru.split(" \u0421", 1)[0:1] + ["\u0421" + ru.split(" \u0421", 1)[1]]
    assert len(s[s["doc_id"] == "zh"]) == 3
    by = articles.set_index("doc_id")
    assert by.loc["ru", "n_words"] == 6 and by.loc["zh", "n_words"] >= 1


# ---------------------------------------------------------------------------------------------
# Actor alias files (load_actors, quotes section)

def _load_actors():
    return load_actors


ACTOR_HEADER = "alias,actor,bloc,role,note\n"


def test_actors_duplicate_alias(tmp_path):
    load_actors = _load_actors()
    p = tmp_path / "actors.csv"
    p.write_text(ACTOR_HEADER + "Xi Jinping,Xi Jinping,china,head of state,\n"
                 "Xi Jinping,Xi Jinping,china,president,\n")
    with pytest.raises(CorpusError, match="(?i)duplicate") as err:
        load_actors(p)
    assert "actors.csv" in str(err.value) and "Xi Jinping" in str(err.value)


def test_actors_unknown_bloc(tmp_path):
    load_actors = _load_actors()
    p = tmp_path / "actors.csv"
    p.write_text(ACTOR_HEADER + "Zelensky,Volodymyr Zelensky,ukraine,president,\n"
                 "Macron,Emmanuel Macron,europe,president,\n")
    with pytest.raises(CorpusError, match="(?i)bloc") as err:
        load_actors(p)
    assert "actors.csv" in str(err.value) and "europe" in str(err.value)


def test_actors_missing_file(tmp_path):
    load_actors = _load_actors()
    with pytest.raises(CorpusError) as err:
        load_actors(tmp_path / "none.csv")
    assert "none.csv" in str(err.value)


# ---------------------------------------------------------------------------------------------
# The rejected table travels with the articles table

def test_rejected_table_survives_pandas_operations(corpus, tmp_path):
    corpus.add("gone", None)
    with pytest.warns(CorpusWarning):
        articles = corpus.load(on_error="reject")
    merged = articles.merge(articles[["doc_id", "label"]], on="doc_id", suffixes=("", "_2"))
    assert len(merged) == len(articles)
    assert list(rejected(articles)["doc_id"]) == ["gone"]
    articles.to_parquet(tmp_path / "a.parquet")
    back = pd.read_parquet(tmp_path / "a.parquet")
    assert list(rejected(back)["doc_id"]) == ["gone"]


# An empty, non-UTF-8 or malformed actors/affiliations file: a CorpusError naming the file, not a
# bare pandas error.
@pytest.mark.parametrize("fn", ["load_actors", "load_affiliations"])
@pytest.mark.parametrize("content", [b"", b"alias,actor,bloc,role,note\nCaf\xe9,X,west,,\n",
                                     b'alias,actor,bloc,role,note\n"Xi,Xi,china,,\n'],
                         ids=["empty", "not-utf8", "unclosed-quote"])
def test_vocabulary_file_unreadable(tmp_path, fn, content):
    p = tmp_path / "vocab.csv"
    p.write_bytes(content)
    with pytest.raises(CorpusError) as err:
        getattr(vocab, fn)(p)
    assert "vocab.csv" in str(err.value)
