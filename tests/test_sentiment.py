"""Sentiment section of helpers.py: hand-checked values (VADER 3.3.2 lexicon), text passed
unchanged, lexicon coverage computed by hand, target-dependent sentiment, deterministic
bootstrap, and the shipped model working offline."""
import json
import math
import socket

import numpy as np
import pandas as pd
import pytest

import helpers


def frame(*texts, doc="d1"):
    """A sentences-like frame: doc_id, sent, start, end, text (one paragraph)."""
    rows, pos = [], 0
    for i, t in enumerate(texts):
        rows.append({"doc_id": doc, "para": 0, "sent": i, "start": pos, "end": pos + len(t), "text": t})
        pos += len(t) + 1
    return pd.DataFrame(rows)


# --- VADER on sentences as written -------------------------------------------------------------
def test_negative_sentence_scores_negative():
    sc = helpers.score_sentences(frame("The attack killed dozens of civilians."))
    # killed (-3.5) and attack (-2.1) in VADER's lexicon; compound hand-checked: -0.8225
    assert sc.loc[0, "compound"] == pytest.approx(-0.8225, abs=1e-4)
    assert helpers.sentiment_label(sc["compound"])[0] == "negative"


def test_scoring_keeps_text_as_written_caps_and_punctuation_count():
    df = frame("good", "GOOD!!!")
    before = df.copy()
    sc = helpers.score_sentences(df)
    pd.testing.assert_frame_equal(df, before)                 # input untouched
    assert sc["text"].tolist() == ["good", "GOOD!!!"]       # text not lower-cased or stripped
    assert sc.loc[0, "compound"] == pytest.approx(0.4404, abs=1e-4)
    assert sc.loc[1, "compound"] == pytest.approx(0.5826, abs=1e-4)   # caps + "!!!" boost
    assert sc.loc[1, "compound"] > sc.loc[0, "compound"]
    # VADER boosts an ALL-CAPS word only beside lower-case ones, so lower-casing shows here:
    mixed = helpers.score_sentences(frame("The food is good.", "The food is GOOD."))
    assert mixed.loc[1, "compound"] > mixed.loc[0, "compound"]


def test_scores_in_range_and_neutral_band():
    sc = helpers.score_sentences(frame("It rained.", "Terrible, awful, horrible news!", "Great win."))
    assert sc["compound"].between(-1, 1).all()
    assert np.allclose(sc[["neg", "neu", "pos"]].sum(axis=1), 1, atol=0.002)
    assert list(helpers.sentiment_label(sc["compound"])) == ["neutral", "negative", "positive"]
    assert list(helpers.sentiment_label([0.05, -0.05, 0.049])) == ["positive", "negative", "neutral"]


def test_extension_is_side_by_side_never_mixed():
    ext = pd.DataFrame({"word": ["invasion"], "score": [-2.5]})
    sc = helpers.score_sentences(frame("The invasion continued."), extension=ext)
    assert sc.loc[0, "compound"] == 0.0                       # VADER has no entry for "invasion"
    assert sc.loc[0, "ext_compound"] < -0.05                  # the extension column sees it
    plain = helpers.score_sentences(frame("The invasion continued."))
    assert plain.loc[0, "compound"] == 0.0                    # VADER's shared lexicon not modified
    assert "invasion" not in helpers._vader().lexicon


def test_shipped_extension_is_valid_and_documented():
    ext = helpers.load_sentiment_extension()
    assert ext["word"].is_unique and ext["score"].between(-4, 4).all()
    assert (ext["rationale"].str.len() > 10).all()
    for w in ("invasion", "sanctions", "ceasefire", "sovereignty"):
        assert w in set(ext["word"]) and math.isnan(ext.set_index("word").loc[w, "in_vader"])


def test_extension_rejects_bad_rows(tmp_path):
    p = tmp_path / "ext.csv"
    p.write_text("word,score,rationale\ninvasion,-9,too strong\n", encoding="utf-8")
    with pytest.raises(ValueError, match="outside"):
        helpers.load_sentiment_extension(p)
    p.write_text("word,score,rationale\nwar,-1,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="rationale"):
        helpers.load_sentiment_extension(p)


# --- lexicon coverage ---------------------------------------------------------------------------
def test_lexicon_coverage_by_hand():
    # 7 tokens: the war is bad . peace talks failed  ->  VADER scores war (-2.9), bad (-2.5),
    # peace (+2.5), failed (-2.3): 4 of 7 tokens. "sanctions" added by the toy extension only.
    cov = helpers.lexicon_coverage(frame("The war is bad.", "Peace talks failed over sanctions."),
                                   extension=pd.DataFrame({"word": ["sanctions"], "score": [-1.2]}))
    summ = helpers.coverage_summary(cov).iloc[0]
    assert summ["tokens"] == 9
    assert summ["share_tokens_vader"] == pytest.approx(4 / 9)
    assert summ["tokens_extension_only"] == 1
    row = cov.set_index("word")
    assert row.loc["war", "vader"] == -2.9 and row.loc["war", "status"] == "vader"
    assert row.loc["sanctions", "status"] == "extension only"
    assert row.loc["talks", "status"] == "none"


def test_vader_gaps_the_issue_names():
    lex = helpers._vader().lexicon
    assert all(w not in lex for w in ("invasion", "sanctions", "ceasefire", "sovereignty"))
    assert lex["war"] == -2.9 and lex["special"] == 1.7


# --- aggregation --------------------------------------------------------------------------------
def test_bootstrap_ci_deterministic_and_contains_mean():
    rng = np.random.default_rng(1)
    v = rng.uniform(-1, 1, 200)
    a = helpers.bootstrap_ci(v, random_state=0)
    b = helpers.bootstrap_ci(v, random_state=0)
    c = helpers.bootstrap_ci(v, random_state=1)
    assert a == b and a != c
    m, lo, hi = a
    assert m == pytest.approx(v.mean()) and lo < m < hi
    assert hi - lo < 0.4                                   # ~ 4 * sd/sqrt(n) = 0.16
    assert helpers.bootstrap_ci([0.3]) == (0.3, 0.3, 0.3)


def test_cluster_bootstrap_resamples_articles():
    v = [0.5, 0.5, 0.5, -0.5, -0.5, -0.5]
    m, lo, hi = helpers.bootstrap_ci(v, clusters=list("aaabbb"), random_state=0)
    assert m == 0 and lo == -0.5 and hi == 0.5              # two clusters: means -0.5, 0, 0.5 only


def test_sentiment_by_and_arc():
    sc = helpers.score_sentences(pd.concat([frame("Great win.", "Terrible loss.", doc="a"),
                                            frame("It rained.", doc="b")]))
    by = helpers.sentiment_by(sc, "doc_id", random_state=0)
    assert by["doc_id"].tolist() == ["a", "b"] and by["n"].tolist() == [2, 1]
    assert (by["ci_low"] <= by["mean"]).all() and (by["mean"] <= by["ci_high"]).all()
    arc = helpers.sentiment_arc(sc)
    assert arc.loc[arc.doc_id == "a", "position"].tolist() == [0.0, 1.0]
    assert arc.loc[arc.doc_id == "b", "position"].tolist() == [0.0]


def test_sentence_voice_quoted_vs_reporter():
    t1 = '"We will never give up," the minister said.'
    t2 = 'The paper called for a "political settlement" to the crisis.'
    s = frame(t1, t2)
    q = pd.DataFrame([{"doc_id": "d1", "start": 1, "end": 1 + len("We will never give up,"), "kind": "direct",
                       "speaker": "minister", "bloc": "ukraine"},
                      {"doc_id": "d1", "start": len(t1) + 1 + t2.index("political"),
                       "end": len(t1) + 1 + t2.index("political") + len("political settlement"),
                       "kind": "partial", "speaker": "", "bloc": "unknown"}])
    v = helpers.sentence_voice(s, q)
    assert v["voice"].tolist() == ["quoted", "reporter"]
    assert v.loc[0, "speaker"] == "minister" and v.loc[1, "speaker"] == ""
    # letters and digits: 17 of 32 in the quote ("We will never give up" vs "the minister said")
    assert v.loc[0, "quote_share"] == pytest.approx(17 / 32)
    assert v.loc[1, "quote_share"] == pytest.approx(19 / 48)


# --- actors and target-dependent sentiment ------------------------------------------------------
ACTORS = pd.DataFrame({"alias": ["Russia", "Ukraine", "Xi", "Chinese President Xi Jinping", "the Chinese leader"],
                       "actor": ["Russian government", "Ukrainian government", "Xi Jinping", "Xi Jinping", "Xi Jinping"],
                       "bloc": ["russia", "ukraine", "china", "china", "china"],
                       "role": [""] * 5, "note": [""] * 5})


def test_actor_mentions_longest_match_boundaries_offsets():
    s = frame("Intro.", "Chinese President Xi Jinping met Russian envoys; Russia's aims and The Chinese leader's words.")
    m = helpers.actor_mentions(s, ACTORS)
    assert m["mention"].tolist() == ["Chinese President Xi Jinping", "Russia", "The Chinese leader"]
    assert m["actor"].tolist() == ["Xi Jinping", "Russian government", "Xi Jinping"]
    text = "Intro.\n" + s.loc[1, "text"]                     # the "article" the offsets index
    assert all(text[a:b] == w for a, b, w in zip(m["start"], m["end"], m["mention"]))


def test_target_sentiment_differs_from_whole_sentence():
    t = "Critics condemned Russia for the brutal attack, while Ukraine won praise and support."
    s = frame(t)
    m = helpers.actor_mentions(s, ACTORS)
    ts = helpers.target_sentiment(s, m).set_index("mention")
    assert ts.loc["Russia", "sentence_label"] == ts.loc["Ukraine", "sentence_label"] == "negative"
    assert ts.loc["Russia", "target_label"] == "negative"
    assert ts.loc["Ukraine", "target_label"] == "positive"      # differs from the sentence's label
    assert ts.loc["Ukraine", "target_score"] > 0 > ts.loc["Russia", "target_score"]
    p = ts[["p_negative", "p_neutral", "p_positive"]].sum(axis=1)
    assert np.allclose(p, 1)
    ev = helpers.target_evidence(ts.reset_index().assign(label="Test"), by=("label", "actor"), k=1)
    assert "[[Ukraine]]" in " ".join(ev["sentence"])


def test_target_features_mask_the_target():
    f1 = helpers.target_features("Xi met the envoy.", 0, 2)
    f2 = helpers.target_features("Bob met the envoy.", 0, 3)
    assert f1 == f2                                         # the name itself carries nothing


def test_shipped_model_loads_and_predicts_offline(monkeypatch):
    def no_network(*a, **k):
        raise AssertionError("network access attempted")
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    spec = json.loads(helpers.TARGET_MODEL.read_text(encoding="utf-8"))
    assert spec["classes"] == ["negative", "neutral", "positive"]
    assert "NewsMTSC train" in spec["training"]["data"]
    assert helpers.TARGET_MODEL.stat().st_size < 2_000_000
    model = helpers.load_target_model()
    s = "Voters praised Smith for her honest and brave leadership."
    p = model.predict_proba(s, 15, 20)
    assert p.shape == (3,) and p.sum() == pytest.approx(1) and model.predict(s, 15, 20) == "positive"


def test_model_file_errors_are_clear(tmp_path):
    with pytest.raises(FileNotFoundError, match="train_target_model"):
        helpers.load_target_model(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"classes": ["a", "b"]}')
    with pytest.raises(ValueError, match="not a target-sentiment model"):
        helpers.load_target_model(bad)


def test_seed_corpus_end_to_end():
    arts = helpers.load_corpus(helpers.ROOT / "seeds", helpers.ROOT / "data" / "corpus.csv")
    s = helpers.score_sentences(helpers.sentences(arts))
    assert set(s["doc_id"]) == set(arts["doc_id"]) and s["compound"].between(-1, 1).all()
    m = helpers.actor_mentions(s)
    assert {"Xi Jinping", "Volodymyr Zelensky", "Russian government"} <= set(m["actor"])
    for a, b, w, d in zip(m["start"], m["end"], m["mention"], m["doc_id"]):
        assert arts.set_index("doc_id").loc[d, "text"][a:b] == w
