"""Tests for the readability section of helpers.py, with values worked out by hand from the
formulas (READABILITY_METRICS)."""
import math

import pandas as pd
import pytest

from newsframing.readability import (readability, readability_by,
                                     readability_textstat, syllables)


def one(text, sents):
    """One article with hand-made sentences (so the test does not depend on the splitter)."""
    a = pd.DataFrame({"doc_id": ["d"], "label": ["L"], "text": [text]})
    s = pd.DataFrame({"doc_id": ["d"] * len(sents), "sent": range(len(sents)), "text": sents})
    return a, s


# Syllables (CMU Pronouncing Dictionary via textstat): nobody 3, understood 3, the 1,
# complicated 4, government 3, regulation 4, we 1, left 1.
TEXT = "Nobody understood the complicated government regulation. We left."
SENTS = ["Nobody understood the complicated government regulation.", "We left."]


def test_syllable_counts_used_by_the_hand_computation():
    got = {w: syllables(w) for w in
           "nobody understood the complicated government regulation we left".split()}
    assert got == {"nobody": 3, "understood": 3, "the": 1, "complicated": 4, "government": 3,
                   "regulation": 4, "we": 1, "left": 1}
    assert syllables("one-hour-long") == syllables("one") + syllables("hour") + 1


def test_formulas_by_hand():
    a, s = one(TEXT, SENTS)
    r = readability(a, s).iloc[0]
    # W = 8 words, S = 2 sentences, Y = 20 syllables, L = 5 words of 3+ syllables
    assert (r.n_words, r.n_sentences, r.n_syllables, r.n_long_words) == (8, 2, 20, 5)
    assert r.words_per_sentence == 4.0 and r.syllables_per_word == 2.5
    assert r.pct_long_words == pytest.approx(62.5)
    # Flesch reading ease = 206.835 - 1.015*4 - 84.6*2.5 = 206.835 - 4.06 - 211.5 = -8.725
    assert r.flesch_reading_ease == pytest.approx(-8.725)
    # Flesch-Kincaid grade = 0.39*4 + 11.8*2.5 - 15.59 = 1.56 + 29.5 - 15.59 = 15.47
    assert r.flesch_kincaid_grade == pytest.approx(15.47)
    # Gunning fog = 0.4 * (4 + 100*5/8) = 0.4 * 66.5 = 26.6
    assert r.gunning_fog == pytest.approx(26.6)
    # SMOG = 1.0430*sqrt(5*30/2) + 3.1291 = 1.0430*8.660254 + 3.1291 = 12.161745
    assert r.smog_index == pytest.approx(12.161745, abs=1e-6)
    assert not r.smog_reliable                      # 2 sentences, SMOG wants 30
    # Dale-Chall: unfamiliar = understood, complicated, regulation -> 3/8 = 37.5 %
    # 0.1579*37.5 + 0.0496*4 + 3.6365 (since 37.5 > 5) = 5.92125 + 0.1984 + 3.6365 = 9.75615
    assert r.n_difficult_words == 3
    assert r.dale_chall == pytest.approx(9.75615)


def test_flesch_simple_text_by_hand():
    # 9 one-syllable words in 2 sentences: 206.835 - 1.015*4.5 - 84.6*1 = 117.6675
    a, s = one("The cat sat on the mat. The dog ran.", ["The cat sat on the mat.", "The dog ran."])
    r = readability(a, s).iloc[0]
    assert r.flesch_reading_ease == pytest.approx(117.6675)
    # All on the Dale-Chall list: 0 % unfamiliar, no constant: 0.0496 * 4.5 = 0.2232
    assert r.dale_chall == pytest.approx(0.2232)


def test_numbers_are_not_words_and_empty_sentences_are_not_sentences():
    a, s = one("In 1991 the 12-point plan.\n\n“", ["In 1991 the 12-point plan.", "“"])
    r = readability(a, s).iloc[0]
    assert r.n_words == 4            # In, the, point, plan
    assert r.n_sentences == 1        # a lone quotation mark is not a sentence


def test_segmentation_changes_the_score():
    # Same words, one sentence instead of two: longer sentences, lower reading ease.
    a, s1 = one(TEXT, SENTS)
    _, s2 = one(TEXT, [TEXT])
    r1, r2 = readability(a, s1).iloc[0], readability(a, s2).iloc[0]
    assert r2.flesch_reading_ease == pytest.approx(r1.flesch_reading_ease - 1.015 * 4)


def test_outlet_scores_pool_counts_not_average_scores():
    a = pd.DataFrame({"doc_id": ["a", "b"], "label": ["X", "X"],
                      "text": ["The cat sat on the mat.", TEXT]})
    s = pd.DataFrame({"doc_id": ["a", "b", "b"], "sent": [0, 0, 1],
                      "text": ["The cat sat on the mat.", SENTS[0], SENTS[1]]})
    per = readability(a, s)
    out = readability_by(per).iloc[0]
    # pooled: W = 6 + 8 = 14, S = 3, Y = 6 + 20 = 26
    assert (out.n_articles, out.n_words, out.n_sentences, out.n_syllables) == (2, 14, 3, 26)
    assert out.flesch_reading_ease == pytest.approx(206.835 - 1.015 * 14 / 3 - 84.6 * 26 / 14)
    assert out.flesch_reading_ease != pytest.approx(per["flesch_reading_ease"].mean())


def test_article_without_sentences_gets_nan_not_an_error():
    a = pd.DataFrame({"doc_id": ["d"], "label": ["L"], "text": [""]})
    s = pd.DataFrame({"doc_id": [], "sent": [], "text": []})
    r = readability(a, s).iloc[0]
    assert r.n_words == 0 and math.isnan(r.flesch_reading_ease)


def test_textstat_comparison_runs_offline():
    a = pd.DataFrame({"doc_id": ["d"], "label": ["L"], "text": [TEXT]})
    t = readability_textstat(a).iloc[0]
    # textstat drops "sentences" of two words or fewer ("We left."): 1 sentence of 8 words, so
    # its Flesch = 206.835 - 1.015*8 - 84.6*2.5 = -12.785, not the -8.725 computed above.
    assert t.ts_n_sentences == 1 and t.ts_n_words == 8
    assert t.ts_flesch_reading_ease == pytest.approx(-12.785, abs=0.01)
