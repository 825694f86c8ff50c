"""Target sentiment without priors: the mask vocabulary and the Masker (masking.py), the features
(targetfeatures.py: no feature names a masked term, shared per-sentence features, VADER's
conventions per token, no VADER call per window), the model (targets.py: deterministic in any
batch and process) and the shipped model's feature list free of actor and country names.
Fixtures are small and invented."""
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from newsframing import targetfeatures as TF
from newsframing.config import DATA_DIR, ROOT
from newsframing.gazetteer import load_gazetteer
from newsframing.masking import Masker, mask_terms, stem, tokenize, vocabulary_sha256
from newsframing.targets import (TARGET_CLASSES, TARGET_MODEL, TargetModel, load_target_model, score_mentions,
                                 target_features, target_sentiment)
from newsframing.vader import analyzer
from newsframing.vocab import read_vocabulary

TERMS = ["Russia", "Russian", "Russians", "Moscow", "Kremlin", "the Kremlin", "Vladimir Putin", "Putin",
         "US", "U.S.", "United States", "Ukraine", "Kyiv", "Zelensky", "Pentagon", "Turkey", "China",
         "Chinese", "Xi Jinping", "Xi", "the paper"]
SENTS = [
    "Vladimir Putin praised Russian troops in Moscow, but Zelensky said the Kremlin lied.",
    "Russia's war on Ukraine drew sharp criticism from the US and the Pentagon.",
    "Critics of Putin were not happy, and Kyiv accused Moscow of terrible crimes!",
    "The RUSSIA hawks told us Turkey would not buy turkey from China’s Xi Jinping.",
    "He never said that Putin was a good partner for the United States.",
]


@pytest.fixture(scope="module")
def masker():
    return Masker(TERMS)


def tiny_model(groups=TF.DEFAULT_GROUPS, window=8):
    rng = np.random.default_rng(0)
    names = ["w=praised", "w=criticism", "w=lied", "w=<ent>", "Lw=of", "Rw=praised", "v_sent", "v_left",
             "v_right", "v_w3", "v_w5_neg", "v_cl", "gA=praised", "gB=of", "bg=<t>_praised", "lexR1p",
             "pos_frac", "bias_len", "in_quote"]
    return TargetModel({"classes": TARGET_CLASSES, "feature_version": TF.FEATURE_VERSION, "window": window,
                        "groups": list(groups), "intercept": [0.1, 0.0, -0.1],
                        "coef": {k: [round(float(x), 5) for x in rng.normal(size=3)] for k in names}})


def spans_of(s, word):
    i = s.index(word)
    return i, i + len(word)


def all_features(masker, groups=TF.ALL_GROUPS):
    out = []
    for s in SENTS:
        sf = TF.sentence_features(s, masker, compound=0.1)
        for tok, a, b in tokenize(s):
            if tok[0].isupper():
                out.append(TF.mention_features(sf, a, b, 8, groups))
    return out


# --- the mask vocabulary --------------------------------------------------------------------------
def test_mask_terms_from_gazetteer_rows_and_actor_aliases():
    gaz = SimpleNamespace(
        countries={"RU": {"code": "RU", "name": "Russia", "aliases": "Russian Federation", "adjectives": "Russian",
                          "demonyms": "Russian", "capitals": "Moscow"},
                   "CN": {"code": "CN", "name": "China", "aliases": "PRC", "adjectives": "Chinese",
                          "demonyms": "Chinese", "capitals": "Beijing"},
                   "GB": {"code": "GB", "name": "United Kingdom", "aliases": "UK|Britain", "adjectives": "British",
                          "demonyms": "Briton|Englishman", "capitals": "London"}},
        institutions={"Kremlin": {"name": "Kremlin", "aliases": "the Kremlin", "country": "RU"}},
        orgs={"NATO": {"code": "NATO", "name": "North Atlantic Treaty Organization", "aliases": "", "adjectives": ""},
              "ARAB_LEAGUE": {"code": "ARAB_LEAGUE", "name": "Arab League", "aliases": "", "adjectives": ""},
              "G7": {"code": "G7", "name": "Group of Seven", "aliases": "", "adjectives": ""}},
        cities={"Vladivostok": {"name": "Vladivostok"}})
    actors = pd.DataFrame({"alias": ["Xi", "the Chinese leader", "X", " Putin ", ""]})
    terms = mask_terms(gaz, actors)
    assert terms == sorted(["Russia", "Russian Federation", "Russian", "Russians", "Moscow", "China", "PRC",
                            "Chinese", "Beijing", "United Kingdom", "UK", "Britain", "British", "Briton",
                            "Britons", "Englishman", "Englishmen", "London", "Kremlin", "the Kremlin", "NATO",
                            "North Atlantic Treaty Organization", "Arab League", "G7", "Group of Seven",
                            "Xi", "the Chinese leader", "Putin"])
    # ISO codes, non-acronym org codes, cities and one-letter aliases are not masked
    assert not {"RU", "CN", "GB", "ARAB_LEAGUE", "Vladivostok", "X"} & set(terms)
    assert mask_terms(gaz, [actors, pd.DataFrame({"alias": ["Trump"]})]) == sorted(terms + ["Trump"])
    assert vocabulary_sha256(terms) == vocabulary_sha256(list(reversed(terms)) + terms[:3])


# --- the Masker ----------------------------------------------------------------------------------
def test_masking_covers_terms_not_only_the_target(masker):
    s = SENTS[0]
    a, b = spans_of(s, "Zelensky")
    sf = TF.sentence_features(s, masker)
    f = TF.mention_features(sf, a, b, 8, TF.ALL_GROUPS)
    words = {k.split("=", 1)[1] for k in f if "=" in k}
    joined = " ".join(sorted(f)).lower()
    for name in ("putin", "vladimir", "russian", "moscow", "kremlin", "zelensky"):
        assert name not in joined, name
    assert TF.ENT in words
    masked, spans = masker.mask(s)
    assert masked == "<ENT> praised <ENT> troops in <ENT>, but <ENT> said <ENT> lied."
    assert [s[x:y] for x, y in spans] == ["Vladimir Putin", "Russian", "Moscow", "Zelensky", "the Kremlin"]


def test_possessive_whole_word_and_case(masker):
    masked, spans = masker.mask("Russia's army and Russia’s navy; Russiagate; pro-Russian; RUSSIA; turkey.")
    assert masked == "<ENT>'s army and <ENT>’s navy; Russiagate; pro-<ENT>; <ENT>; turkey."
    sf = TF.sentence_features("Russia's army and Russia’s navy; Russiagate; turkey.", masker)
    assert sf.norm[:2] == [TF.ENT, "'s"] and sf.norm[4:6] == [TF.ENT, "'s"]
    assert "russiagate" in sf.norm                 # not a whole-word occurrence
    assert sf.norm[-2] == TF.HOM                   # lower-case homograph: neutral in features, not a name
    assert Masker(["People's Republic of China"]).mask("The People’s Republic of China's")[0] == "The <ENT>'s"
    m2 = Masker(["the paper"])
    assert m2.mask("The paper said the paper was read.")[0] == "<ENT> said <ENT> was read."


def test_longest_term_wins_and_many_terms():
    terms = [f"Name{i} Surname{i}" for i in range(3000)] + ["Name7", "Xi", "Xi Jinping"]
    m = Masker(terms)
    masked, spans = m.mask("Xi Jinping met Name7 Surname7 and Name7, not Name70x or Xi.")
    assert masked == "<ENT> met <ENT> and <ENT>, not Name70x or <ENT>."
    assert len(m) == 3003 and Masker([]).mask("Xi met Putin.") == ("Xi met Putin.", [])


def test_stem_groups_inflections():
    assert stem("criticized") == stem("criticizes") == stem("criticizing") == "criticiz"
    assert stem("war") == "war" and stem("U.S.") == "U.S."


# --- features ------------------------------------------------------------------------------------
def test_no_feature_contains_a_masked_word(masker):
    feats = all_features(masker)
    names = sorted({k for f in feats for k in f})
    assert names
    TF.check_features(names, TERMS)               # raises when a feature names a term
    low = {t.lower() for t in TERMS}
    for k in names:
        for part in TF.feature_parts(k):
            assert part.lower() not in low, k
    with pytest.raises(ValueError, match="russia"):
        TF.check_features(["w=said", "w=russia"], TERMS)
    with pytest.raises(ValueError, match="united states"):
        TF.check_features(["bg=united_states"], TERMS)


def test_per_sentence_features_shared_equal_separate(masker):
    s = SENTS[1]
    spans = [spans_of(s, "Russia"), spans_of(s, "Ukraine"), spans_of(s, "Pentagon")]
    shared = TF.sentence_features(s, masker, compound=0.3)
    together = [TF.mention_features(shared, a, b, 8, TF.ALL_GROUPS) for a, b in spans]
    apart = [TF.mention_features(TF.sentence_features(s, masker, compound=0.3), a, b, 8, TF.ALL_GROUPS)
             for a, b in spans]
    assert together == apart
    assert together[0] != together[1]


def test_valence_follows_vader_conventions():
    sf = TF.sentence_features("The plan is not good.")
    sf2 = TF.sentence_features("The plan is very good.")
    sf3 = TF.sentence_features("The plan is good.")
    g = lambda sf: sf.val[sf.norm.index("good")]  # noqa: E731
    assert g(sf) < 0 < g(sf3) < g(sf2)
    a = analyzer()
    for s in ("The plan is not good.", "The plan is very good.", "It was a terrible, awful day but a good end."):
        assert abs(TF.sentence_features(s).sent[0] - a.polarity_scores(s)["compound"]) < 1e-3


def test_window_valence_is_vader_on_the_window():
    s = "Yesterday, after a long and boring meeting, the minister praised Smith for a great and honest plan."
    a, b = spans_of(s, "Smith")
    sf = TF.sentence_features(s)
    toks = tokenize(s)
    i = next(j for j, t in enumerate(toks) if t[1] == a)
    for k in (3, 8, 30):
        window = " ".join(t for t, _, _ in toks[max(0, i - k):i + 1 + k])
        assert TF.window_valence(sf, a, b, k) == pytest.approx(analyzer().polarity_scores(window)["compound"],
                                                               abs=1e-4)
    assert TF.window_valence(TF.sentence_features("Smith."), 0, 5) == 0.0


# --- the model -----------------------------------------------------------------------------------
def test_determinism_batch_and_single(masker):
    model = tiny_model()
    items = [(s, a, b, None) for s in SENTS for tok, a, b in tokenize(s) if tok[0].isupper()]
    P1 = score_mentions(model, masker, items)
    P2 = score_mentions(model, masker, items)
    assert np.array_equal(P1, P2)
    singles = np.vstack([score_mentions(model, masker, [it]) for it in items])
    assert np.array_equal(P1, singles)
    feats = [model.mention_features(TF.sentence_features(s, masker), a, b) for s, a, b, _ in items]
    rev = [dict(reversed(list(f.items()))) for f in feats]        # feature order does not matter
    assert np.array_equal(model.predict_proba(feats), model.predict_proba(rev))
    assert np.array_equal(model.predict_proba(feats), P1)
    assert np.allclose(P1.sum(axis=1), 1.0)
    assert model.predict(feats[:2]) == [TARGET_CLASSES[i] for i in P1[:2].argmax(axis=1)]


def test_determinism_across_processes():
    code = ("import sys; sys.path.insert(0, %r); sys.path.insert(0, %r); import test_targets as t; "
            "from newsframing.masking import Masker, tokenize; from newsframing.targets import score_mentions; "
            "m=Masker(t.TERMS); model=t.tiny_model(); "
            "items=[(s,a,b,None) for s in t.SENTS for tok,a,b in tokenize(s) if tok[0].isupper()]; "
            "print(score_mentions(model,m,items).tobytes().hex())") % (str(ROOT), str(Path(__file__).parent))
    outs = set()
    for seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        outs.add(subprocess.run([sys.executable, "-c", code], env=env, cwd=str(ROOT), capture_output=True,
                                text=True, check=True, timeout=120).stdout)
    assert len(outs) == 1 and len(next(iter(outs))) > 100


def test_no_vader_call_per_window(masker, monkeypatch):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    def boom(self, text):
        raise AssertionError("polarity_scores called")
    analyzer()
    monkeypatch.setattr(SentimentIntensityAnalyzer, "polarity_scores", boom)
    model = tiny_model(groups=TF.ALL_GROUPS)
    P = score_mentions(model, masker, [(s, 0, 5, 0.2) for s in SENTS])
    assert P.shape == (len(SENTS), 3)
    # target_sentiment reads the sentence's compound from score_sentences: no VADER call at all
    sents = pd.DataFrame({"doc_id": "d", "sent": [0, 1], "text": SENTS[:2], "compound": [0.1, -0.2]})
    men = pd.DataFrame({"doc_id": "d", "sent": [0, 0, 1], "s_start": [0, 64, 0], "s_end": [14, 72, 6]})
    out = target_sentiment(sents, men, model=model, masker=masker)
    assert out["sentence_compound"].tolist() == [0.1, 0.1, -0.2]


def test_model_refuses_other_feature_versions(tmp_path):
    spec = dict(tiny_model().spec, feature_version="old")
    with pytest.raises(ValueError, match="feature_version"):
        TargetModel(spec)
    p = tmp_path / "m.json"
    p.write_text(json.dumps(dict(spec, feature_version=TF.FEATURE_VERSION)))
    assert load_target_model(p).features == sorted(spec["coef"])


# --- the workbook API ----------------------------------------------------------------------------
def test_other_names_in_the_sentence_change_nothing():
    """Replacing a vocabulary name by another one changes no probability of any mention."""
    model = load_target_model()
    masker = Masker(TERMS + ["Smith", "Jones"])
    a = ("Vladimir Putin warmly praised Smith for his honest work, while Moscow and Jones condemned "
         "Ukraine's brutal attack.")
    b = ("Zelensky warmly praised Smith for his honest work, while the Kremlin and Jones condemned "
         "China's brutal attack.")
    out = []
    for t in (a, b):
        sents = pd.DataFrame({"doc_id": "d", "sent": [0], "text": [t]})
        men = pd.DataFrame({"doc_id": "d", "sent": 0, "s_start": [t.index("Smith"), t.index("Jones")],
                            "s_end": [t.index("Smith") + 5, t.index("Jones") + 5]})
        out.append(target_sentiment(sents, men, model=model, masker=masker))
    cols = ["p_negative", "p_neutral", "p_positive", "window_compound", "sentence_compound"]
    assert np.array_equal(out[0][cols].to_numpy(), out[1][cols].to_numpy())
    assert out[0]["target_label"].tolist() == ["positive", "negative"]


def test_target_sentiment_masks_every_mention_of_the_sentence():
    """A mention the vocabulary misses ("12-point plan" for an alias "the 12-point plan") is
    masked because it is a mention: other mentions' features never read its words."""
    model = load_target_model()
    masker = Masker(["the 12-point plan"])
    t = "Beijing's 12-point plan was welcomed, and Smith was praised."
    sents = pd.DataFrame({"doc_id": "d", "sent": [0], "text": [t]})
    a1, a2 = t.index("12-point plan"), t.index("Smith")
    men = pd.DataFrame({"doc_id": "d", "sent": 0, "s_start": [a1, a2], "s_end": [a1 + 13, a2 + 5]})
    out = target_sentiment(sents, men, model=model, masker=masker)
    sf = TF.sentence_features(t, masker, [(a1, a1 + 13), (a2, a2 + 5)])
    f = model.mention_features(sf, a2, a2 + 5)
    assert not any("plan" in k for k in f) and "w=<ent>" in f
    assert np.array_equal(out[["p_negative", "p_neutral", "p_positive"]].to_numpy()[1], model.predict_proba([f])[0])


def test_target_features_masks_vocabulary_and_target():
    assert target_features("Xi met the envoy.", 0, 2) == target_features("Bob met the envoy.", 0, 3)
    s1, s2 = "Russia said Smith met the envoy.", "China said Smith met the envoy."
    assert target_features(s1, 12, 17) == target_features(s2, 11, 16)
    assert "w=said" in target_features(s1, 12, 17)


# --- the shipped model ----------------------------------------------------------------------------
def test_shipped_model_free_of_actor_and_country_names():
    spec = json.loads(TARGET_MODEL.read_text(encoding="utf-8"))
    model = load_target_model()
    assert spec["classes"] == ["negative", "neutral", "positive"]
    assert spec["feature_version"] == TF.FEATURE_VERSION
    assert TARGET_MODEL.stat().st_size < 2 * 1024 * 1024
    # the vocabulary of the repository's gazetteer and actor files is the one it was trained with
    actors = [read_vocabulary(DATA_DIR / f, ("alias",)) for f in ("actors.csv", "polnear_actors.csv")]
    terms = mask_terms(load_gazetteer(), actors)
    assert len(terms) == spec["training"]["mask"]["n_terms"]
    assert vocabulary_sha256(terms) == spec["training"]["mask"]["sha256_sorted_vocabulary"]
    TF.check_features(model.features, terms)
    low = {t.lower() for t in terms}
    for k in model.features:
        assert not any(p.lower() in low for p in TF.feature_parts(k)), k
    for probe in ("w=russia", "w=russian", "w=trump", "w=putin", "w=china", "w=kremlin", "w=pentagon", "w=nato",
                  "w=ukraine", "w=moscow", "w=americans"):
        assert probe not in model.index
    assert {"w=<ent>", "w=praised"} <= set(model.index)
