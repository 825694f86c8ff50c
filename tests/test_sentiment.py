"""Sentiment section of helpers.py: hand-checked values (VADER 3.3.2 lexicon), text passed
unchanged, lexicon coverage computed by hand, target-dependent sentiment, deterministic
bootstrap, and the shipped model working offline."""
import json
import math
import socket

import numpy as np
import pandas as pd
import pytest

from newsframing.config import ROOT
from newsframing.corpus import load_corpus
from newsframing.mentions import _actor_regex, actor_mentions
from newsframing.sentences import sentences
from newsframing.sentiment import (coverage_summary, lexicon_coverage, load_sentiment_extension,
                                   sentence_voice, sentiment_arc, sentiment_by)
from newsframing.stats import bootstrap_ci
from newsframing.masking import Masker, mask_terms
from newsframing.targetfeatures import sentence_features, window_valence
from newsframing.targets import (TARGET_MODEL, load_target_model, target_evidence, target_features,
                                 target_sentiment)
from newsframing.vader import SENTIMENT_COLUMNS, analyzer, score_sentences, sentiment_label
from newsframing.vocab import load_actors


def frame(*texts, doc="d1"):
    """A sentences-like frame: doc_id, sent, start, end, text (one paragraph)."""
    rows, pos = [], 0
    for i, t in enumerate(texts):
        rows.append({"doc_id": doc, "para": 0, "sent": i, "start": pos, "end": pos + len(t), "text": t})
        pos += len(t) + 1
    return pd.DataFrame(rows)


# --- VADER on sentences as written -------------------------------------------------------------
def test_negative_sentence_scores_negative():
    sc = score_sentences(frame("The attack killed dozens of civilians."))
    # killed (-3.5) and attack (-2.1) in VADER's lexicon; compound hand-checked: -0.8225
    assert sc.loc[0, "compound"] == pytest.approx(-0.8225, abs=1e-4)
    assert sentiment_label(sc["compound"])[0] == "negative"


def test_scoring_keeps_text_as_written_caps_and_punctuation_count():
    df = frame("good", "GOOD!!!")
    before = df.copy()
    sc = score_sentences(df)
    pd.testing.assert_frame_equal(df, before)                 # input untouched
    assert sc["text"].tolist() == ["good", "GOOD!!!"]       # text not lower-cased or stripped
    assert sc.loc[0, "compound"] == pytest.approx(0.4404, abs=1e-4)
    assert sc.loc[1, "compound"] == pytest.approx(0.5826, abs=1e-4)   # caps + "!!!" boost
    assert sc.loc[1, "compound"] > sc.loc[0, "compound"]
    # VADER boosts an ALL-CAPS word only beside lower-case ones, so lower-casing shows here:
    mixed = score_sentences(frame("The food is good.", "The food is GOOD."))
    assert mixed.loc[1, "compound"] > mixed.loc[0, "compound"]


def test_scores_in_range_and_neutral_band():
    sc = score_sentences(frame("It rained.", "Terrible, awful, horrible news!", "Great win."))
    assert sc["compound"].between(-1, 1).all()
    assert np.allclose(sc[["neg", "neu", "pos"]].sum(axis=1), 1, atol=0.002)
    assert list(sentiment_label(sc["compound"])) == ["neutral", "negative", "positive"]
    assert list(sentiment_label([0.05, -0.05, 0.049])) == ["positive", "negative", "neutral"]


def test_extension_is_side_by_side_never_mixed():
    ext = pd.DataFrame({"word": ["invasion"], "score": [-2.5]})
    sc = score_sentences(frame("The invasion continued."), extension=ext)
    assert sc.loc[0, "compound"] == 0.0                       # VADER has no entry for "invasion"
    assert sc.loc[0, "ext_compound"] < -0.05                  # the extension column sees it
    plain = score_sentences(frame("The invasion continued."))
    assert plain.loc[0, "compound"] == 0.0                    # VADER's shared lexicon not modified
    assert "invasion" not in analyzer().lexicon


def test_shipped_extension_is_valid_and_documented():
    ext = load_sentiment_extension()
    assert ext["word"].is_unique and ext["score"].between(-4, 4).all()
    assert (ext["rationale"].str.len() > 10).all()
    for w in ("invasion", "sanctions", "ceasefire", "sovereignty"):
        assert w in set(ext["word"]) and math.isnan(ext.set_index("word").loc[w, "in_vader"])


def test_extension_rejects_bad_rows(tmp_path):
    p = tmp_path / "ext.csv"
    p.write_text("word,score,rationale\ninvasion,-9,too strong\n", encoding="utf-8")
    with pytest.raises(ValueError, match="outside"):
        load_sentiment_extension(p)
    p.write_text("word,score,rationale\nwar,-1,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="rationale"):
        load_sentiment_extension(p)


# --- lexicon coverage ---------------------------------------------------------------------------
def test_lexicon_coverage_by_hand():
    # 7 tokens: the war is bad . peace talks failed  ->  VADER scores war (-2.9), bad (-2.5),
    # peace (+2.5), failed (-2.3): 4 of 7 tokens. "sanctions" added by the toy extension only.
    cov = lexicon_coverage(frame("The war is bad.", "Peace talks failed over sanctions."),
                                   extension=pd.DataFrame({"word": ["sanctions"], "score": [-1.2]}))
    summ = coverage_summary(cov).iloc[0]
    assert summ["tokens"] == 9
    assert summ["share_tokens_vader"] == pytest.approx(4 / 9)
    assert summ["tokens_extension_only"] == 1
    row = cov.set_index("word")
    assert row.loc["war", "vader"] == -2.9 and row.loc["war", "status"] == "vader"
    assert row.loc["sanctions", "status"] == "extension only"
    assert row.loc["talks", "status"] == "none"


def test_vader_gaps_the_issue_names():
    lex = analyzer().lexicon
    assert all(w not in lex for w in ("invasion", "sanctions", "ceasefire", "sovereignty"))
    assert lex["war"] == -2.9 and lex["special"] == 1.7


# --- aggregation --------------------------------------------------------------------------------
def test_bootstrap_ci_deterministic_and_contains_mean():
    rng = np.random.default_rng(1)
    v = rng.uniform(-1, 1, 200)
    a = bootstrap_ci(v, random_state=0)
    b = bootstrap_ci(v, random_state=0)
    c = bootstrap_ci(v, random_state=1)
    assert a == b and a != c
    m, lo, hi = a
    assert m == pytest.approx(v.mean()) and lo < m < hi
    assert hi - lo < 0.4                                   # ~ 4 * sd/sqrt(n) = 0.16
    assert bootstrap_ci([0.3]) == (0.3, 0.3, 0.3)


def test_cluster_bootstrap_resamples_articles():
    v = [0.5, 0.5, 0.5, -0.5, -0.5, -0.5]
    m, lo, hi = bootstrap_ci(v, clusters=list("aaabbb"), random_state=0)
    assert m == 0 and lo == -0.5 and hi == 0.5              # two clusters: means -0.5, 0, 0.5 only


def test_sentiment_by_and_arc():
    sc = score_sentences(pd.concat([frame("Great win.", "Terrible loss.", doc="a"),
                                            frame("It rained.", doc="b")]))
    by = sentiment_by(sc, "doc_id", random_state=0)
    assert by["doc_id"].tolist() == ["a", "b"] and by["n"].tolist() == [2, 1]
    assert (by["ci_low"] <= by["mean"]).all() and (by["mean"] <= by["ci_high"]).all()
    arc = sentiment_arc(sc)
    assert arc.loc[arc.doc_id == "a", "position"].tolist() == [0.0, 1.0]
    assert arc.loc[arc.doc_id == "b", "position"].tolist() == [0.0]


def test_sentence_voice_quoted_vs_reporter():
    t1 = '"We will never give up," the minister said.'
    t2 = 'The paper called for a "political settlement" to the crisis.'
    s = frame(t1, t2)
    q = pd.DataFrame([{"doc_id": "d1", "start": 1, "end": 1 + len("We will never give up,"), "kind": "direct",
                       "speaker": "minister", "side": "ukraine"},
                      {"doc_id": "d1", "start": len(t1) + 1 + t2.index("political"),
                       "end": len(t1) + 1 + t2.index("political") + len("political settlement"),
                       "kind": "partial", "speaker": "", "side": "unknown"}])
    v = sentence_voice(s, q)
    assert v["voice"].tolist() == ["quoted", "reporter"]
    assert v.loc[0, "speaker"] == "minister" and v.loc[1, "speaker"] == ""
    # letters and digits: 17 of 32 in the quote ("We will never give up" vs "the minister said")
    assert v.loc[0, "quote_share"] == pytest.approx(17 / 32)
    assert v.loc[1, "quote_share"] == pytest.approx(19 / 48)


# --- actors and target-dependent sentiment ------------------------------------------------------
ACTORS = pd.DataFrame({"alias": ["Russia", "Ukraine", "Xi", "Chinese President Xi Jinping", "the Chinese leader"],
                       "actor": ["Russian government", "Ukrainian government", "Xi Jinping", "Xi Jinping", "Xi Jinping"],
                       "side": ["russia", "ukraine", "china", "china", "china"],
                       "role": [""] * 5, "note": [""] * 5})


def test_actor_mentions_longest_match_boundaries_offsets():
    s = frame("Intro.", "Chinese President Xi Jinping met Russian envoys; Russia's aims and The Chinese leader's words.")
    m = actor_mentions(s, ACTORS)
    assert m["mention"].tolist() == ["Chinese President Xi Jinping", "Russia", "The Chinese leader"]
    assert m["actor"].tolist() == ["Xi Jinping", "Russian government", "Xi Jinping"]
    text = "Intro.\n" + s.loc[1, "text"]                     # the "article" the offsets index
    assert all(text[a:b] == w for a, b, w in zip(m["start"], m["end"], m["mention"]))


def test_target_sentiment_differs_from_whole_sentence():
    t = "Critics condemned Russia for the brutal attack, while Ukraine won praise and support."
    s = frame(t)
    m = actor_mentions(s, ACTORS)
    ts = target_sentiment(s, m).set_index("mention")
    assert ts.loc["Russia", "sentence_label"] == ts.loc["Ukraine", "sentence_label"] == "negative"
    assert ts.loc["Russia", "target_label"] == "negative"
    assert ts.loc["Ukraine", "target_label"] == "positive"      # differs from the sentence's label
    assert ts.loc["Ukraine", "target_score"] > 0 > ts.loc["Russia", "target_score"]
    p = ts[["p_negative", "p_neutral", "p_positive"]].sum(axis=1)
    assert np.allclose(p, 1)
    ev = target_evidence(ts.reset_index().assign(label="Test"), by=("label", "actor"), k=1)
    assert "[[Ukraine]]" in " ".join(ev["sentence"])


def test_target_features_mask_the_target():
    f1 = target_features("Xi met the envoy.", 0, 2)
    f2 = target_features("Bob met the envoy.", 0, 3)
    assert f1 == f2                                         # the name itself carries nothing
    assert not any("xi" in k.lower().split("=")[-1].split("_") for k in f1)


def test_shipped_model_loads_and_predicts_offline(monkeypatch):
    def no_network(*a, **k):
        raise AssertionError("network access attempted")
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    spec = json.loads(TARGET_MODEL.read_text(encoding="utf-8"))
    assert spec["classes"] == ["negative", "neutral", "positive"]
    assert "NewsMTSC train" in spec["training"]["data"]
    assert TARGET_MODEL.stat().st_size < 2_000_000
    model = load_target_model()
    s = "Voters praised Smith for her honest and brave leadership."
    p = model.predict_proba([target_features(s, 15, 20)])
    assert p.shape == (1, 3) and p.sum() == pytest.approx(1) and model.predict([target_features(s, 15, 20)]) == ["positive"]


def test_model_file_errors_are_clear(tmp_path):
    with pytest.raises(FileNotFoundError, match="train_target_model"):
        load_target_model(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"classes": ["a", "b"]}')
    with pytest.raises(ValueError, match="not a target-sentiment model"):
        load_target_model(bad)


def test_seed_corpus_end_to_end():
    arts = load_corpus(ROOT / "seeds", ROOT / "data" / "corpus.csv")
    s = score_sentences(sentences(arts))
    assert set(s["doc_id"]) == set(arts["doc_id"]) and s["compound"].between(-1, 1).all()
    m = actor_mentions(s)
    assert {"Xi Jinping", "Volodymyr Zelensky", "Russian government"} <= set(m["actor"])
    for a, b, w, d in zip(m["start"], m["end"], m["mention"], m["doc_id"]):
        assert arts.set_index("doc_id").loc[d, "text"][a:b] == w


# --- fast paths equal simple references (same rows, order, values, dtypes) ------------------------
def _voice_reference(sents, quotes, threshold=0.5, kinds=("direct", "partial")):
    """The plain per-sentence, per-character loop sentence_voice() must equal."""
    out = sents.copy()
    q = quotes[quotes["kind"].isin(kinds)] if len(quotes) else quotes
    by_doc = {d: g.sort_values("start", kind="stable") for d, g in q.groupby("doc_id")} if len(q) else {}
    shares, spk, blc = [], [], []
    for doc, s, e, t in zip(out["doc_id"], out["start"], out["end"], out["text"]):
        g = by_doc.get(doc)
        total = sum(1 for ch in t if ch.isalnum()) or 1
        covered = np.zeros(e - s, dtype=bool)
        best, best_n = ("", ""), 0
        if g is not None:
            for qs, qe, sp, bl in zip(g["start"], g["end"], g["speaker"], g["side"]):
                a, b = max(qs, s), min(qe, e)
                if a < b:
                    covered[a - s:b - s] = True
                    if b - a > best_n:
                        best, best_n = (sp, bl), b - a
        share = sum(1 for i, ch in enumerate(t) if covered[i] and ch.isalnum()) / total
        shares.append(share)
        spk.append(best[0] if share >= threshold else "")
        blc.append(best[1] if share >= threshold else "")
    out["quote_share"] = np.array(shares, dtype="float64")
    out["voice"] = np.where(out["quote_share"] >= threshold, "quoted", "reporter")
    out["speaker"] = spk
    out["side"] = blc
    return out


def _mentions_reference(sents, actors):
    """The plain per-sentence regex scan actor_mentions() must equal."""
    rx, info = _actor_regex(actors)
    rows = []
    for d, k, s0, t in zip(sents["doc_id"], sents["sent"], sents["start"], sents["text"]):
        for m in rx.finditer(t):
            act, bl, al = info[int(m.lastgroup[1:])]
            rows.append((d, k, act, bl, al, m.group(), s0 + m.start(), s0 + m.end(), m.start(), m.end()))
    out = pd.DataFrame(rows, columns=["doc_id", "sent", "actor", "side", "alias", "mention", "start", "end",
                                      "s_start", "s_end"])
    for c in ("sent", "start", "end", "s_start", "s_end"):
        out[c] = out[c].astype("int64")
    return out


def _random_article(rng, doc):
    """Sentences built from alias pieces, "the", spaces, punctuation, non-ASCII letters and
    quotation marks: the edge cases of word boundaries, case and sentence ends."""
    pieces = ["Russia", "Russia's", "Russian", "russia", "Ukraine", "the", "The", "THE", "Chinese", "leader",
              "Chinese President Xi Jinping", "Xi", "xi", "Xin", "XI", "President", "Kyiv", "ukraine-",
              "-Kyiv", "Kyiv_", "’Xi", "Ürümqi", "İstanbul", "Chinese\nleader", "the  Chinese  leader", "said",
              '"', "“", "”", ",", ".", "42", "peace", "war", "é", "\u212aremlin", "Kremlin", "kremlin"]
    texts = []
    for _ in range(int(rng.integers(1, 6))):
        n = int(rng.integers(0, 12))
        seps = rng.choice(["", " ", " ", " ", "  ", "\n"], size=n)
        texts.append("".join(str(p) + str(s) for p, s in zip(rng.choice(pieces, size=n), seps)))
    sents, pos = [], 0
    for i, t in enumerate(texts):
        sents.append({"doc_id": doc, "para": 0, "sent": i, "start": pos, "end": pos + len(t), "text": t})
        pos += len(t) + int(rng.integers(1, 3))
    return sents, pos


def _random_quotes(rng, doc, length):
    rows = []
    for _ in range(int(rng.integers(0, 5))):
        a = int(rng.integers(0, max(length, 1)))
        b = a + int(rng.integers(0, 40))
        rows.append({"doc_id": doc, "start": a, "end": b, "kind": str(rng.choice(["direct", "partial", "scare"])),
                     "speaker": f"s{a}", "side": str(rng.choice(["russia", "ukraine", "unknown"]))})
    return rows


def test_fast_stages_equal_references_on_random_inputs():
    rng = np.random.default_rng(7)
    n_mentions = 0
    for trial in range(60):
        sents, quotes = [], []
        for j in range(int(rng.integers(1, 4))):
            s, length = _random_article(rng, f"d{trial}_{j}")
            sents += s
            quotes += _random_quotes(rng, f"d{trial}_{j}", length)
        s = pd.DataFrame(sents)
        q = pd.DataFrame(quotes, columns=["doc_id", "start", "end", "kind", "speaker", "side"])
        pd.testing.assert_frame_equal(sentence_voice(s, q), _voice_reference(s, q), check_exact=True)
        pd.testing.assert_frame_equal(actor_mentions(s, ACTORS), _mentions_reference(s, ACTORS),
                                      check_exact=True)
        for acts in (load_actors(), ODD_ACTORS):      # ODD_ACTORS: the regex-prefilter path
            pd.testing.assert_frame_equal(actor_mentions(s, acts), _mentions_reference(s, acts),
                                          check_exact=True)
        n_mentions += len(_mentions_reference(s, ACTORS))
    assert n_mentions > 100                                   # the inputs do contain mentions


# Heads the numpy pre-filter does not handle (non-ASCII, one letter, "The ..." capitalised).
ODD_ACTORS = pd.DataFrame({"alias": ["Ürümqi", "X", "The Kremlin", "Russia"], "actor": ["u", "x", "k", "r"],
                           "side": ["a", "b", "c", "d"], "role": [""] * 4, "note": [""] * 4})


def test_sentence_voice_edge_cases_equal_reference():
    s = frame('"Peace now," he said.', "No quotes here.", "")
    empty = pd.DataFrame(columns=["doc_id", "start", "end", "kind", "speaker", "side"])
    pd.testing.assert_frame_equal(sentence_voice(s, empty), _voice_reference(s, empty), check_exact=True)
    # two quotes covering the same amount: the earlier start wins, as in the loop
    q = pd.DataFrame([{"doc_id": "d1", "start": 1, "end": 6, "kind": "direct", "speaker": "a", "side": "x"},
                      {"doc_id": "d1", "start": 0, "end": 5, "kind": "direct", "speaker": "b", "side": "y"},
                      {"doc_id": "other", "start": 0, "end": 99, "kind": "direct", "speaker": "c", "side": "z"}])
    pd.testing.assert_frame_equal(sentence_voice(s, q), _voice_reference(s, q), check_exact=True)
    pd.testing.assert_frame_equal(sentence_voice(s.iloc[0:0], q), _voice_reference(s.iloc[0:0], q),
                                  check_exact=True)


def test_target_sentiment_equals_per_mention_reference():
    """Batched over a frame (each sentence featurised once, predictions in chunks) equals each
    mention scored alone; the compound column of score_sentences is reused, not recomputed."""
    texts = ["Critics condemned Russia for the brutal attack, while Ukraine won praise and support.",
             "Russia and Ukraine met; Russia said nothing, Ukraine said less.",
             "Xi", "The Chinese leader praised Russia's “great” friend, Ukraine's enemy!"]
    s = score_sentences(frame(*texts))
    m = actor_mentions(s, ACTORS)
    model = load_target_model()
    masker = Masker(mask_terms(None, ACTORS))      # every alias of ACTORS is in the vocabulary
    fast = target_sentiment(s, m, model=model, masker=masker)
    plain = target_sentiment(s.drop(columns=SENTIMENT_COLUMNS), m, model=model, masker=masker)
    pd.testing.assert_frame_equal(fast, plain, check_exact=True)    # reusing compound changes nothing
    chunked = target_sentiment(s, m, model=model, masker=masker, chunk=1)
    pd.testing.assert_frame_equal(fast, chunked, check_exact=True)
    v = analyzer()
    for r in fast.itertuples():
        t = texts[r.sent]
        alone = model.predict_proba([target_features(t, r.s_start, r.s_end, masker, model.window, model.groups)])[0]
        assert np.array_equal(alone, [r.p_negative, r.p_neutral, r.p_positive])
        assert r.target_label == model.classes[int(np.argmax(alone))]
        assert r.target_score == r.p_positive - r.p_negative
        assert r.sentence_compound == v.polarity_scores(t)["compound"]
        assert r.window_compound == window_valence(sentence_features(t, masker), r.s_start, r.s_end, 8)
    ts = fast.set_index("mention")
    assert ts.loc["Russia", "window_compound"].iloc[0] < 0    # "condemned ... brutal attack"
    assert fast["p_negative"].dtype == "float64" and fast["start"].dtype == "int64"
    assert fast["window_compound"].dtype == "float64"
    empty = target_sentiment(s, m.iloc[0:0], model=model, masker=masker)
    assert len(empty) == 0 and list(empty.columns) == list(fast.columns)


def test_sentiment_stages_do_not_depend_on_hash_seed(tmp_path):
    """The dask engine compares tables built in different processes: same bytes whatever
    PYTHONHASHSEED is."""
    import os
    import subprocess
    import sys
    code = (
        "import sys, hashlib, pandas as pd; sys.path.insert(0, %r); import helpers\n"
        "t = ['Critics condemned Russia, while the Chinese leader praised Ukraine.', '\"We want peace,\" Xi said.']\n"
        "s = helpers.score_sentences(pd.DataFrame({'doc_id': 'd', 'para': 0, 'sent': [0, 1], 'start': [0, 70],"
        " 'end': [70 + 0 * len(t[0]), 70 + len(t[1])], 'text': t}).assign(end=lambda d: d.start + d.text.str.len()))\n"
        "q = pd.DataFrame({'doc_id': ['d'], 'start': [71], 'end': [85], 'kind': ['direct'], 'speaker': ['Xi'], 'side': ['china']})\n"
        "m = helpers.actor_mentions(s)\n"
        "out = [helpers.sentence_voice(s, q), m, helpers.target_sentiment(s, m)]\n"
        "print(hashlib.sha256(b''.join(pd.util.hash_pandas_object(o).values.tobytes() + o.to_csv().encode()"
        " for o in out)).hexdigest())\n") % str(ROOT)
    digests = set()
    for seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
        assert r.returncode == 0, r.stderr
        digests.add(r.stdout.strip())
    assert len(digests) == 1
