"""The corpus layer on the seeds and on small fixtures written for each case."""
from pathlib import Path

import pandas as pd
import pytest

from newsframing.cleaning import removed_lines
from newsframing.corpus import load_corpus, make_manifest, rejected
from newsframing.reuse import reuse_families, text_reuse
from newsframing.sentences import sentences
from newsframing.text import words

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(SEEDS, ROOT / "data" / "corpus.csv")


def write_corpus(tmp_path, files, manifest_rows=None):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, content in files.items():
        (corpus / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    rows = manifest_rows or [{"doc_id": Path(n).stem, "file": n, "outlet": "X"} for n in files]
    man = tmp_path / "corpus.csv"
    pd.DataFrame(rows).to_csv(man, index=False)
    return corpus, man


def test_seeds_load_with_manifest_columns(seeds):
    assert list(seeds["doc_id"]) == [p.stem for p in sorted(SEEDS.glob("*.txt"))]
    for col in ["doc_id", "file", "outlet", "outlet_country", "wire", "headline", "published", "evidence",
                "raw", "text", "n_words"]:
        assert col in seeds.columns, col
    assert rejected(seeds).empty
    # raw is the file verbatim
    for r in seeds.itertuples():
        assert r.raw == (SEEDS / r.file).read_text(encoding="utf-8")
    assert set(seeds["wire"]) <= {"Reuters", "AFP", "none", "unknown"}


def test_manifest_invents_nothing(seeds):
    m = seeds.set_index("doc_id")
    assert m.loc["001_f5c2eae113f11bca", "outlet"] == "The Moscow Times"
    # Outlets the text does not identify stay unidentified, with evidence.
    for d in ["000_b3046c6bb07cf1a6", "002_6fc04832441e38c0", "003_d2791dde7fa7465f"]:
        assert m.loc[d, "outlet"] == "unidentified"
        assert m.loc[d, "evidence"]
    # Only 004 carries a headline line, only 003 a dateline.
    assert m.loc["004_7037cfa2e97df40a", "headline"].startswith("Zelenskyy says he discussed")
    assert (m["headline"] != "").sum() == 1
    assert m.loc["003_d2791dde7fa7465f", "published"] == "2023-04-27"
    assert (m["published"] != "").sum() == 1
    # Unidentified outlets are not pooled into one 'outlet' for charts.
    assert seeds["label"].is_unique


def test_removed_lines_are_the_appeal_and_the_watch_line(seeds):
    rem = removed_lines(seeds)
    assert set(rem["doc_id"]) == {"001_f5c2eae113f11bca", "004_7037cfa2e97df40a"}
    mt = rem[rem["doc_id"] == "001_f5c2eae113f11bca"]
    assert mt["text"].iloc[0] == "A Message from The Moscow Times:"
    assert mt["text"].iloc[-1] == "Remind me later."
    assert len(mt) == 8 and (mt["line"].diff().dropna() == 1).all()
    cbc = rem[rem["doc_id"] == "004_7037cfa2e97df40a"]
    assert list(cbc["text"]) == ["WATCH | Xi Jinping portrays himself as peacemaker during Putin talks:"]
    assert rem["reason"].str.len().gt(10).all()


def test_moscow_times_ends_with_putin_paragraph_and_000_keeps_standfirst(seeds):
    t = seeds.set_index("doc_id")["text"]
    assert t["001_f5c2eae113f11bca"].rsplit("\n\n", 1)[-1].startswith("Putin called the talks with Xi")
    assert "Dear readers" not in t["001_f5c2eae113f11bca"]
    assert t["000_b3046c6bb07cf1a6"].startswith("China will send an envoy to Ukraine")
    assert "Beijing has refused to condemn" in t["000_b3046c6bb07cf1a6"]
    assert "WATCH |" not in t["004_7037cfa2e97df40a"]


def test_cleaning_loses_nothing_but_listed_lines(seeds):
    rem = removed_lines(seeds)
    for r in seeds.itertuples():
        gone = set(rem.loc[rem["doc_id"] == r.doc_id, "line"])
        kept = [ln.strip() for i, ln in enumerate(r.raw.splitlines(), 1) if ln.strip() and i not in gone]
        assert kept == r.text.split("\n\n")


def test_block_without_end_is_kept(tmp_path):
    corpus, man = write_corpus(tmp_path, {"a.txt": "Story line one.\nA Message from The Moscow Times:\nStory goes on."})
    arts = load_corpus(corpus, man)
    assert "Story goes on." in arts["text"][0]
    assert removed_lines(arts).empty


def test_crlf_and_hard_wrapped_paragraphs(tmp_path):
    wrapped = ("The first paragraph is wrapped\nat a short width, as e-mail\nnewsletters are.\n\n"
               "The second paragraph is\nwrapped too.\n\nThird one\nhere.\n")
    corpus, man = write_corpus(tmp_path, {"a.txt": "One.\r\nTwo.\r\n", "b.txt": wrapped})
    arts = load_corpus(corpus, man).set_index("doc_id")
    assert arts.loc["a", "text"] == "One.\n\nTwo."
    assert arts.loc["b", "text"].split("\n\n") == [
        "The first paragraph is wrapped at a short width, as e-mail newsletters are.",
        "The second paragraph is wrapped too.", "Third one here."]


def test_n_words(tmp_path):
    corpus, man = write_corpus(tmp_path, {"a.txt": "Xi's 12-point plan — isn't new, U.S. said."})
    arts = load_corpus(corpus, man)
    # one definition of a word (text.py): letters joined by ' or -; digits are not words
    assert words(arts["text"][0]) == ["Xi's", "point", "plan", "isn't", "new", "U", "S", "said"]
    assert arts["n_words"][0] == 8


def sents_of(text):
    arts = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    return list(sentences(arts)["text"])


@pytest.mark.parametrize("text,expected", [
    ("The U.S. said it was worried. China denied it.", ["The U.S. said it was worried.", "China denied it."]),
    ("It was published in Feb. 2023 by China. Kyiv welcomed it.",
     ["It was published in Feb. 2023 by China.", "Kyiv welcomed it."]),
    ("Gen. Mark Milley spoke. Then Dr. Jill Biden did.", ["Gen. Mark Milley spoke.", "Then Dr. Jill Biden did."]),
    ('He said it was "a good thing." The call lasted an hour.',
     ['He said it was "a good thing."', "The call lasted an hour."]),
    ("Xi said China would not profit”. Kyiv welcomed the call.",
     ["Xi said China would not profit”.", "Kyiv welcomed the call."]),
    ('"That\'s a good thing," Kirby said. "Now, I just don\'t think we know that right now."',
     ['"That\'s a good thing," Kirby said.', '"Now, I just don\'t think we know that right now."']),
    ("John F. Kennedy spoke. He left.", ["John F. Kennedy spoke.", "He left."]),
    ("Prices rose 2.5 percent. Wages did not.", ["Prices rose 2.5 percent.", "Wages did not."]),
    ("Really? Yes! Fine.", ["Really?", "Yes!", "Fine."]),
    ("no punctuation at all here", ["no punctuation at all here"]),
    ("习近平说。泽连斯基说。", ["习近平说。", "泽连斯基说。"]),
    ("Путин сказал. Зеленский ответил.", ["Путин сказал.", "Зеленский ответил."]),
    ("e.g. this stays. Then a new one.", ["e.g. this stays.", "Then a new one."]),
])
def test_sentence_rules(text, expected):
    assert sents_of(text) == expected


def test_sentence_offsets_index_text_and_paragraphs_split(seeds):
    s = sentences(seeds)
    text = dict(zip(seeds["doc_id"], seeds["text"]))
    assert (s["end"] > s["start"]).all()
    for r in s.itertuples():
        assert text[r.doc_id][r.start:r.end] == r.text
    for d, g in s.groupby("doc_id"):
        assert list(g["sent"]) == list(range(len(g)))
        # Consecutive sentences are separated by whitespace only.
        for a, b in zip(g.itertuples(), list(g.itertuples())[1:]):
            assert text[d][a.end:b.start].strip() == ""
        assert g["para"].max() == text[d].count("\n\n")


def test_seed_sentences_of_cbc_quote_pair(seeds):
    s = sentences(seeds)
    cbc = list(s.loc[s["doc_id"] == "004_7037cfa2e97df40a", "text"])
    assert '"That\'s a good thing," White House national security spokesperson John Kirby said.' in cbc
    assert any(t.startswith('"Now, whether that\'s going to lead') for t in cbc)
    assert len(s) == 119


def test_text_reuse_finds_wire_families(seeds):
    reuse = text_reuse(seeds)
    fam = reuse_families(reuse, 0.2).set_index("doc_id")["family"]
    assert fam["001_f5c2eae113f11bca"] == fam["003_d2791dde7fa7465f"]
    assert fam["000_b3046c6bb07cf1a6"] == fam["004_7037cfa2e97df40a"]
    assert fam["000_b3046c6bb07cf1a6"] != fam["001_f5c2eae113f11bca"]
    c = reuse.set_index(["doc_id_a", "doc_id_b"])["containment"]
    assert c[("003_d2791dde7fa7465f", "001_f5c2eae113f11bca")] > 0.8


def test_text_reuse_by_hand():
    arts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["one two three four five six", "one two three four five seven"]})
    r = text_reuse(arts, k=5).set_index(["doc_id_a", "doc_id_b"])
    # a: {1-5, 2-6}; b: {1-5, 2-7}; shared 1 -> containment 1/2, jaccard 1/3
    assert r.loc[("a", "b"), "shared"] == 1
    assert r.loc[("a", "b"), "containment"] == pytest.approx(0.5)
    assert r.loc[("a", "b"), "jaccard"] == pytest.approx(1 / 3)


def test_make_manifest_drafts_unidentified_rows(tmp_path):
    corpus, _ = write_corpus(tmp_path, {"x1.txt": "Hello there.", "x2.txt": "Bye now."})
    m = make_manifest(corpus)
    assert list(m["doc_id"]) == ["x1", "x2"] and set(m["outlet"]) == {"unidentified"}


def test_removed_lines_use_the_boilerplate_file_load_corpus_used(tmp_path):
    corpus, man = write_corpus(tmp_path, {"a.txt": "Story line.\nPROMO: buy now\nMore story."})
    bp = tmp_path / "bp.csv"
    bp.write_text("pattern_id,kind,start,end,outlet,max_lines,reason,example\n"
                  "promo,line,^PROMO:,,*,,a promotion,PROMO: x\n", encoding="utf-8")
    arts = load_corpus(corpus, man, boilerplate=bp)
    assert "PROMO" not in arts["text"][0]
    rem = removed_lines(arts)
    assert list(rem["pattern_id"]) == ["promo"] and list(rem["line"]) == [2]


def test_unidentified_outlets_are_the_manifests_unknown_names():
    from newsframing.corpus import outlet_labels, unidentified
    arts = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "outlet": ["Unidentified ", "", "CBC News", "unknown"],
                         "label": ["", "", "", "X"]})
    assert list(unidentified(arts)) == [True, True, False, True]
    assert list(outlet_labels(arts)) == ["unidentified (a)", "unidentified (b)", "CBC News", "X"]
