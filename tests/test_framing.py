"""Tests for the framing section of helpers.py: labels, frame scores, log-odds, KWIC.

Each test builds its own tiny fixture; the expected numbers are worked out by hand in comments.
"""
from pathlib import Path

import pandas as pd
import pytest

from newsframing.errors import CorpusError
from newsframing.framing import (cue_verbs, frame_hits, frame_scores, kwic, label_counts, label_hits,
                                 label_table, load_frames, load_labels, log_odds)
from newsframing.widgets import kwic_explorer

ROOT = Path(__file__).resolve().parents[1]


def arts(*texts, labels=None):
    """A minimal articles table: doc_id d0, d1, ...; label = L0, L1, ... unless given."""
    labels = labels or [f"L{i}" for i in range(len(texts))]
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "label": labels,
                         "text": list(texts)})


def lexicon(rows, cols):
    return pd.DataFrame(rows, columns=cols)


# --- labels ------------------------------------------------------------------------------------

LABELS = lexicon([
    ("capital", "Kyiv", "Kyiv", ""),
    ("capital", "Kiev", "Kiev", ""),
    ("war", "war", "(?<!cold )wars?", ""),
    ("war", "special military operation", "special military operation", ""),
    ("name", "Zelensky", "Zelensky", ""),
    ("name", "Zelenskyy", "Zelenskyy", ""),
], ["concept", "variant", "pattern", "note"])


def counts_of(df):
    return {(r.doc_id, r.variant): r.count for r in df.itertuples()}


def test_label_variants_respect_word_boundaries():
    a = arts("Kievan Rus is not Kiev. A warning is not war; wars are. The Cold War ended.",
             "Kyiv's mayor spoke. Kyivstar is a company.")
    c = counts_of(label_counts(a, LABELS))
    # "Kievan" is not Kiev; "warning" is not war; "wars" is; "Cold War" is excluded by the pattern.
    assert c == {("d0", "Kiev"): 1, ("d0", "war"): 2, ("d1", "Kyiv"): 1}


def test_label_spelling_variants_do_not_overlap():
    a = arts("Zelensky met Zelenskyy's aide. Zelenskyy again.")
    c = counts_of(label_counts(a, LABELS))
    assert c == {("d0", "Zelensky"): 1, ("d0", "Zelenskyy"): 2}


def test_label_counts_carry_evidence_and_offsets():
    a = arts("Moscow calls it a special military operation, not a war.")
    hits = label_hits(a, LABELS, window=10)
    text = a.loc[0, "text"]
    for h in hits.itertuples():
        assert text[h.start:h.end] == h.match
    smo = hits[hits["variant"] == "special military operation"].iloc[0]
    assert smo["context"] == "alls it a [special military operation], not a wa"  # 10 chars each side
    lc = label_counts(a, LABELS)
    assert set(lc.columns) >= {"doc_id", "label", "concept", "variant", "count", "evidence"}


def test_label_table_keeps_absent_variants_as_zero():
    a = arts("Kyiv and Kyiv.", "Kiev.", labels=["A", "B"])
    t = label_table(label_counts(a, LABELS), LABELS, concepts=["capital"])
    assert t.loc[("capital", "Kyiv"), "A"] == 2
    assert t.loc[("capital", "Kiev"), "A"] == 0
    assert t.loc[("capital", "Kiev"), "B"] == 1
    assert list(t.index.get_level_values("variant")) == ["Kyiv", "Kiev"]


def test_load_labels_rejects_duplicates_and_bad_regex(tmp_path):
    p = tmp_path / "labels.csv"
    p.write_text("concept,variant,pattern,note\nc,v,a,\nc,v,b,\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="duplicate"):
        load_labels(p)
    p.write_text("concept,variant,pattern,note\nc,v,(unclosed,\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="not a valid regex"):
        load_labels(p)


def test_shipped_vocabulary_loads_and_matches_seed_spellings():
    labels = load_labels(ROOT / "data" / "labels.csv", stories=("xi-zelensky-call",))
    frames = load_frames(ROOT / "data" / "frames.csv")
    assert {"the war", "China's plan", "Zelensky's name", "Kyiv or Kiev"} <= set(labels["concept"])
    # "China's plan" is scoped to the seed story: another corpus gets it only when it asks
    assert "China's plan" not in set(load_labels(ROOT / "data" / "labels.csv")["concept"])
    assert frames["frame"].nunique() >= 7
    a = arts("Reuters writes Zelenskiy, CBC Zelenskyy, AFP Zelensky; China's 12-point peace plan "
             "and its 12-point \"position paper\".")
    c = label_counts(a, labels)
    got = set(zip(c["concept"], c["variant"]))
    assert {("Zelensky's name", "Zelenskiy"), ("Zelensky's name", "Zelenskyy"),
            ("Zelensky's name", "Zelensky"), ("China's plan", "peace plan"),
            ("China's plan", "position paper")} <= got


def test_cue_verbs_normalises_forms_by_bloc():
    q = pd.DataFrame({"side": ["china", "china", "russia", "russia", "west", "west", "other"],
                      "cue": ["said", "Says", "claimed", "", "according to", "urged", "reported ... as saying"]})
    v = cue_verbs(q)
    got = {(r.side, r.verb): (r.n, round(r.share, 2)) for r in v.itertuples()}
    assert got == {("china", "say"): (2, 1.0), ("russia", "claim"): (1, 0.5),
                   ("russia", "(none)"): (1, 0.5), ("west", "according to"): (1, 0.5),
                   ("west", "call"): (1, 0.5), ("other", "reported ... as saying"): (1, 1.0)}


# --- frames ------------------------------------------------------------------------------------

FRAMES = lexicon([
    ("peace", "peace", "peace", "", ""),
    ("peace", "peace talks", "peace talks", "", ""),
    ("peace", "talks", "talks", "", ""),
    ("military", "war", "war", "", ""),
], ["frame", "term", "pattern", "basis", "note"])


def toy_sents(a):
    """Sentences by hand: split on '. ' so the fixture does not depend on the splitter."""
    rows = []
    for d, lab, t in zip(a["doc_id"], a["label"], a["text"]):
        pos = 0
        for k, s in enumerate(t.split(". ")):
            rows.append({"doc_id": d, "label": lab, "para": 0, "sent": k, "start": pos,
                         "end": pos + len(s), "text": s})
            pos += len(s) + 2
    return pd.DataFrame(rows)


def test_frame_scores_per_1000_words():
    # 8 words: Peace talks began. The war and the warning
    a = arts("Peace talks began. The war and the warning.")
    hits = frame_hits(toy_sents(a), FRAMES)
    # "Peace talks" is one hit (longest term wins within a frame), "talks" is not counted again;
    # "warning" is not "war".
    assert sorted(hits["term"]) == ["peace talks", "war"]
    s = frame_scores(hits, a, FRAMES, voice="all").set_index("frame")
    assert s.loc["peace", "n_words"] == 8
    assert s.loc["peace", "per_1000"] == pytest.approx(1 / 8 * 1000)   # 125.0
    assert s.loc["military", "per_1000"] == pytest.approx(125.0)


def test_frame_scores_pool_words_by_outlet_and_keep_zero_frames():
    a = arts("Peace now. Talks later.", "Nothing here at all today.", "War.", labels=["A", "A", "B"])
    a["n_words"] = [200, 300, 100]         # given denominators are used as they are
    hits = frame_hits(toy_sents(a), FRAMES)
    s = frame_scores(hits, a, FRAMES, voice="all").set_index(["label", "frame"])
    # A: 2 peace hits / (200 + 300) words * 1000 = 4.0 ; B: 1 war hit / 100 * 1000 = 10.0
    assert s.loc[("A", "peace"), "per_1000"] == pytest.approx(4.0)
    assert s.loc[("A", "military"), "hits"] == 0
    assert s.loc[("B", "military"), "per_1000"] == pytest.approx(10.0)
    assert s.loc[("B", "peace"), "per_1000"] == 0
    assert len(s) == 4


def test_frame_hit_offsets_index_the_article_text():
    a = arts("First one. Then peace talks and war")
    hits = frame_hits(toy_sents(a), FRAMES)
    for h in hits.itertuples():
        assert a.loc[0, "text"][h.start:h.end] == h.match
        assert h.match in h.sentence


# --- log-odds (Monroe, Colaresi & Quinn 2008) --------------------------------------------------

def test_log_odds_hand_computed():
    # A: apple apple banana (n_A = 3); B: banana cherry (n_B = 2); corpus n = 5.
    # alpha0 = None -> alpha0 = n = 5, so a_w = y_w: apple 2, banana 2, cherry 1.
    # apple in A vs rest (B): delta = log((2+2)/(3+5-2-2)) - log((0+2)/(2+5-0-2))
    #                               = log(1) - log(0.4) = 0.916291
    #                         var   = 1/(2+2) + 1/(0+2) = 0.75 ; z = 0.916291/0.866025 = 1.058041
    # banana in A: delta = log(3/5) - log(3/4) = -0.223144 ; var = 1/3 + 1/3 ; z = -0.273294
    a = arts("apple apple banana", "banana cherry", labels=["A", "B"])
    lo = log_odds(a).set_index(["group", "word"])
    assert lo.loc[("A", "apple"), "delta"] == pytest.approx(0.916291, abs=1e-6)
    assert lo.loc[("A", "apple"), "z"] == pytest.approx(1.058041, abs=1e-6)
    assert lo.loc[("A", "banana"), "z"] == pytest.approx(-0.273294, abs=1e-6)
    assert lo.loc[("A", "apple"), "count"] == 2 and lo.loc[("A", "apple"), "count_rest"] == 0
    # Two groups: B vs rest is A vs rest mirrored.
    assert lo.loc[("B", "apple"), "z"] == pytest.approx(-1.058041, abs=1e-6)


def test_log_odds_alpha0_scales_the_prior():
    # alpha0 = 10: a_apple = 10 * 2/5 = 4.
    # delta = log((2+4)/(3+10-2-4)) - log((0+4)/(2+10-0-4)) = log(6/7) - log(1/2) = 0.538997
    # var = 1/6 + 1/4 = 0.416667 ; z = 0.835010
    counts = pd.DataFrame({"group": ["A", "A", "B", "B"], "word": ["apple", "banana", "banana", "cherry"],
                           "count": [2, 1, 1, 1]})
    lo = log_odds(counts, alpha0=10).set_index(["group", "word"])
    assert lo.loc[("A", "apple"), "prior"] == pytest.approx(4.0)
    assert lo.loc[("A", "apple"), "delta"] == pytest.approx(0.538997, abs=1e-6)
    assert lo.loc[("A", "apple"), "z"] == pytest.approx(0.835010, abs=1e-6)


def test_log_odds_tokens_and_stop_words():
    a = arts("Russia's war. The 12-point plan.", "the plan", labels=["A", "B"])
    lo = log_odds(a, stop_words={"the"})
    words = set(lo["word"])
    assert words == {"russia", "war", "point", "plan"}   # possessive stripped, digits dropped


# --- keyword in context ------------------------------------------------------------------------

def test_kwic_spans_on_articles():
    text = "Xi spoke to Zelensky. Zelenskyy replied to Xi\nlater."
    a = arts(text)
    k = kwic(a, "Zelensky", window=12)
    assert len(k) == 1                                    # not "Zelenskyy"
    r = k.iloc[0]
    assert (r.start, r.end) == (12, 20) and text[r.start:r.end] == "Zelensky"
    assert r.left == "Xi spoke to " and r.right == ". Zelenskyy "
    k2 = kwic(a, "xi", window=5)                  # case-insensitive, newline collapsed
    assert list(k2["start"]) == [0, 43]
    assert k2.iloc[1]["right"] == " late"


def test_kwic_on_sentences_uses_article_offsets_and_lists_and_regex():
    text = "Peace first. Then Kyiv and Kiev. Kievan Rus"
    a = arts(text)
    s = toy_sents(a)
    k = kwic(s, ["Kyiv", "Kiev"], window=100)
    assert list(k["match"]) == ["Kyiv", "Kiev"]
    assert all(text[r.start:r.end] == r.match for r in k.itertuples())
    assert list(k["sent"]) == [1, 1]
    assert k.iloc[0]["left"] == "Then "                   # context stays in the sentence
    kr = kwic(s, r"K(?:yi|ie)v\w*", regex=True)
    assert list(kr["match"]) == ["Kyiv", "Kiev", "Kievan"]


def test_kwic_explorer_builds_without_a_frontend():
    pytest.importorskip("ipywidgets")
    a = arts("Kyiv and Kiev.")
    s = toy_sents(a)
    actors = pd.DataFrame({"alias": ["Kyiv", "Kiev"], "actor": ["Ukraine", "Ukraine"]})
    box = kwic_explorer(s, actors=actors)
    assert "JupyterLab" in repr(box)
