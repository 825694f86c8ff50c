"""Findings a reader can trust: ties named as ties, noise not ranked, wire copies counted once,
the outlet's own words apart from its sources', readability gaps split honestly, and the README's
findings block generated from the findings notebook. Small fixtures made for each case."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from newsframing import statements
from newsframing.corpus import articles_from_records
from newsframing.framing import frame_leads, frame_scores, label_rates, leading_variants, span_voice
from newsframing.pipeline import analyze, load_vocabulary
from newsframing.readability import flesch_gap
from newsframing.reuse import count_per_story, wire_stories

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- ties

def test_two_way_tie_names_both_never_the_alphabetical_first():
    r = statements.rank({"invasion": 4, "conflict": 4, "crisis": 2})
    assert r.leaders == ["invasion", "conflict"] and r.tie
    assert r.text() == "'invasion' and 'conflict' (4 each)"


def test_three_way_tie_and_tolerance():
    r = statements.rank(pd.Series({"b": 4.0, "a": 4.0, "c": 4.0, "d": 3.0}))
    assert set(r.leaders) == {"a", "b", "c"} and len(r.leaders) == 3
    assert r.text(quote="") == "b, a and c (4 each)"          # input order, not alphabetical
    assert statements.rank({"x": 10.0, "y": 9.6}, tol=0.5).leaders == ["x", "y"]
    assert statements.rank({"x": 10.0, "y": 9.4}, tol=0.5).leaders == ["x"]


def test_rank_lowest_first_and_missing_values():
    r = statements.rank({"a": 1.0, "b": float("nan"), "c": 1.0}, higher_is_first=False)
    assert r.leaders == ["a", "c"] and "b" not in r.order
    assert statements.rank({}).leaders == [] and statements.rank({}).text() == ""


def test_leading_variants_keep_ties_per_outlet():
    rates = pd.DataFrame({
        "label": ["MT"] * 3 + ["CBC"] * 3,
        "concept": ["the war"] * 6,
        "variant": ["invasion", "conflict", "crisis"] * 2,
        "count": [4, 4, 4, 4, 1, 0],
        "n_words": [500] * 3 + [700] * 3,
    })
    rates["per_1000"] = rates["count"] / rates["n_words"] * 1000
    lead = leading_variants(rates).set_index("label")
    assert lead.loc["MT", "leaders"] == ("invasion", "conflict", "crisis") and lead.loc["MT", "tie"]
    assert lead.loc["CBC", "leaders"] == ("invasion",) and not lead.loc["CBC", "tie"]
    assert lead.loc["CBC", "rate"] == pytest.approx(4 / 700 * 1000)


def test_leading_variants_leave_out_an_outlet_that_never_uses_the_concept():
    rates = pd.DataFrame({"label": ["A", "A", "B", "B"], "concept": ["c"] * 4, "variant": ["x", "y"] * 2,
                          "count": [0, 0, 2, 1], "n_words": [100] * 4})
    rates["per_1000"] = rates["count"] / rates["n_words"] * 1000
    lead = leading_variants(rates)
    assert list(lead["label"]) == ["B"] and lead.iloc[0]["leaders"] == ("x",)


def test_frame_leads_tied_frames_and_spread():
    scores = pd.DataFrame({"label": ["A", "A", "B", "B"], "frame": ["peace", "military"] * 2,
                           "per_1000": [40.0, 40.0, 30.0, 10.0], "hits": [4, 4, 3, 1]})
    fl = frame_leads(scores)
    assert fl["leads"]["A"] == ["peace", "military"] and fl["leads"]["B"] == ["peace"]
    assert fl["top"] == ["peace"] and fl["n_top"] == 2
    assert fl["varies"] == ["military"] and fl["low"] == ["B"] and fl["high"] == ["A"]


def test_frame_leads_with_no_hit_at_all():
    scores = pd.DataFrame({"label": ["A", "B"], "frame": ["peace", "peace"], "per_1000": [0.0, 0.0], "hits": [0, 0]})
    fl = frame_leads(scores)
    assert fl["top"] == [] and fl["varies"] == [] and fl["leads"] == {"A": [], "B": []}


# ---------------------------------------------------------------- noise is not a finding

def test_overlapping_intervals_are_no_clear_difference():
    a = {"mean": 0.20, "low": 0.05, "high": 0.35, "n": 40}
    b = {"mean": 0.10, "low": -0.02, "high": 0.22, "n": 40}
    c = statements.compare("A", a, "B", b, min_n=10)
    assert not c.clear and c.higher is None and "no clear difference" in c.text and "overlap" in c.text


def test_separated_intervals_name_the_higher():
    a = {"mean": 0.40, "low": 0.30, "high": 0.50, "n": 40}
    b = {"mean": 0.10, "low": 0.00, "high": 0.20, "n": 40}
    c = statements.compare("A", a, "B", b, min_n=10)
    assert c.clear and c.higher == "A" and "higher" in c.text


def test_small_n_is_no_clear_difference_even_when_intervals_separate():
    a = {"mean": 0.9, "low": 0.8, "high": 1.0, "n": 3}
    b = {"mean": 0.1, "low": 0.0, "high": 0.2, "n": 50}
    c = statements.compare("A", a, "B", b, min_n=10)
    assert not c.clear and "under 10 observations" in c.text


def test_order_by_interval_ranks_only_what_the_intervals_separate():
    f = pd.DataFrame({"label": ["Putin", "Xi", "Zelensky", "CCTV"], "mean": [-0.19, -0.01, 0.13, 0.5],
                      "ci_low": [-0.39, -0.20, -0.08, 0.1], "ci_high": [-0.03, 0.23, 0.26, 0.9], "n": [13, 51, 37, 4]})
    top, bottom, said = statements.order_by_interval(f, min_n=5, noun="actor")
    # Putin's interval overlaps Xi's: nobody is ranked; CCTV (4 mentions) is left out, not called highest.
    assert top == [] and bottom == [] and "no actor stands apart" in said and "CCTV" in said
    g = f.copy()
    g.loc[0, ["mean", "ci_low", "ci_high"]] = [-0.6, -0.8, -0.4]
    top, bottom, said = statements.order_by_interval(g, min_n=5, noun="actor")
    assert bottom == ["Putin"] and top == [] and "Putin lowest" in said


def test_wilson_interval_of_a_proportion():
    p = statements.proportion(8, 10)
    assert p["mean"] == 0.8 and p["n"] == 10
    assert p["low"] == pytest.approx(0.4902, abs=1e-3) and p["high"] == pytest.approx(0.9433, abs=1e-3)
    assert math.isnan(statements.proportion(0, 0)["mean"])


# ---------------------------------------------------------------- wire copies counted once

WIRE = ("Beijing's envoy will travel to Kyiv next week, the foreign ministry said on Thursday after the leaders spoke. "
        "\u201cChina will always stand on the side of peace and dialogue,\u201d Xi Jinping said in the call. "
        "The call lasted about an hour and was the first between the two since the invasion began last year.")
OTHER = ("Ukraine's president said the talks were long and meaningful. "
         "\u201cWe discussed every aspect of a just peace for our country,\u201d Volodymyr Zelensky said on Wednesday evening. "
         "Officials in Moscow did not respond to a request for comment on the call between the two leaders.")


@pytest.fixture(scope="module")
def wire_corpus():
    """Two copies of one wire story (the second adds a paragraph) and one independent story."""
    arts = articles_from_records([
        {"doc_id": "a1", "text": WIRE, "outlet": "Outlet A", "label": "A"},
        {"doc_id": "a2", "text": WIRE + "\n\nThe outlet adds its own closing paragraph here.", "outlet": "Outlet B", "label": "B"},
        {"doc_id": "b1", "text": OTHER, "outlet": "Outlet C", "label": "C"},
    ])
    res = analyze(arts, cache_dir=None, vocab=load_vocabulary(), progress=False)
    return arts, res, wire_stories(res.articles, res.reuse, 0.2)


def test_copies_of_one_wire_story_form_one_story(wire_corpus):
    _, _, stories = wire_corpus
    s = stories.set_index("doc_id")
    assert s.loc["a1", "story"] == s.loc["a2", "story"] != s.loc["b1", "story"]
    assert s.loc["a1", "story_size"] == 2 and s.loc["a1", "weight"] == 0.5 and s.loc["b1", "weight"] == 1.0


def test_shares_per_article_and_per_wire_story_differ_as_they_should(wire_corpus):
    _, res, stories = wire_corpus
    speech = res.quotes[res.quotes["kind"].isin(["direct", "partial"])]
    xi = speech[speech["quote"].str.contains("side of peace")]
    ze = speech[speech["quote"].str.contains("just peace")]
    assert len(xi) == 2 and len(ze) == 1          # Xi's quote is carried by both copies
    t = count_per_story(pd.concat([xi.assign(who="xi"), ze.assign(who="zelensky")]), "n_words", "who", stories).set_index("who")
    wx, wz = xi["n_words"].iloc[0], ze["n_words"].iloc[0]
    assert t.loc["xi", "per_article"] == 2 * wx and t.loc["xi", "per_story"] == wx
    assert t.loc["xi", "share_per_article"] == pytest.approx(2 * wx / (2 * wx + wz))
    assert t.loc["xi", "share_per_story"] == pytest.approx(wx / (wx + wz))
    assert t.loc["xi", "share_per_story"] < t.loc["xi", "share_per_article"]


def test_count_per_story_needs_a_key_column():
    with pytest.raises(ValueError, match="key column"):
        count_per_story(pd.DataFrame({"doc_id": ["a"], "side": ["x"]}), None, "side",
                        pd.DataFrame({"doc_id": ["a"], "story": [0]}))


# ---------------------------------------------------------------- the outlet's own words

def test_a_label_inside_a_quote_is_the_sources_not_the_outlets():
    text = ("The talks went on for hours in the capital. "
            "\u201cThis crisis must end through dialogue,\u201d the minister said. "
            "Reporters waited outside the building as the conflict entered its second year.")
    arts = articles_from_records([{"doc_id": "d1", "text": text, "outlet": "O", "label": "O"}])
    res = analyze(arts, cache_dir=None, vocab=load_vocabulary(), progress=False)
    war = res.label_hits[res.label_hits["concept"] == "the war"]
    by_variant = dict(zip(war["variant"], war["voice"]))
    assert by_variant == {"crisis": "quoted", "conflict": "reporter"}
    own = label_rates(res.label_hits, res.articles, concept="the war").set_index("variant")
    assert own.loc["crisis", "count"] == 0 and own.loc["conflict", "count"] == 1
    assert own.loc["conflict", "n_words"] == res.articles["n_words_reporter"].iloc[0] < res.articles["n_words"].iloc[0]
    quoted = label_rates(res.label_hits, res.articles, concept="the war", voice="quoted").set_index("variant")
    assert quoted.loc["crisis", "count"] == 1
    lead = leading_variants(own.reset_index())
    assert lead.iloc[0]["leaders"] == ("conflict",)


def test_span_voice_marks_spans_inside_speech_quotes_only():
    quotes = pd.DataFrame({"doc_id": ["d", "d"], "start": [10, 50], "end": [30, 60], "kind": ["direct", "scare"]})
    spans = pd.DataFrame({"doc_id": ["d", "d", "d"], "start": [12, 52, 35], "end": [18, 56, 40]})
    assert list(span_voice(spans, quotes)) == ["quoted", "reporter", "reporter"]   # a scare quote is the reporter's label


def test_frame_scores_on_the_reporters_words_need_the_pipelines_tables():
    hits = pd.DataFrame({"doc_id": ["d"], "label": ["O"], "frame": ["peace"], "term": ["peace"]})
    arts = pd.DataFrame({"doc_id": ["d"], "label": ["O"], "text": ["peace now"]})
    with pytest.raises(ValueError, match="voice='all'"):
        frame_scores(hits, arts)


# ---------------------------------------------------------------- readability gap

def test_flesch_gap_splits_into_sentence_and_word_length():
    rd = pd.DataFrame({"label": ["easy", "hard", "mid"], "words_per_sentence": [18.0, 22.0, 20.0],
                       "syllables_per_word": [1.50, 1.71, 1.60]})
    rd["flesch_reading_ease"] = 206.835 - 1.015 * rd["words_per_sentence"] - 84.6 * rd["syllables_per_word"]
    g = flesch_gap(rd)
    assert g["hardest"] == ["hard"] and g["easiest"] == ["easy"]
    assert g["from_sentences"] + g["from_words"] == pytest.approx(g["gap"])
    assert g["from_words"] == pytest.approx(84.6 * 0.21) and g["driver"] == "words"
    assert flesch_gap(rd.iloc[:1]) is None


def test_flesch_gap_names_tied_extremes():
    rd = pd.DataFrame({"label": ["a", "b", "c"], "words_per_sentence": [20.0, 20.0, 30.0], "syllables_per_word": [1.5, 1.5, 1.5]})
    rd["flesch_reading_ease"] = 206.835 - 1.015 * rd["words_per_sentence"] - 84.6 * rd["syllables_per_word"]
    g = flesch_gap(rd)
    assert g["easiest"] == ["a", "b"] and g["hardest"] == ["c"] and g["driver"] == "sentences"


# ---------------------------------------------------------------- the README's findings block

def _load_script():
    import importlib.util
    spec = importlib.util.spec_from_file_location("findings_to_readme", ROOT / "scripts" / "findings_to_readme.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_readme_findings_block_equals_the_findings_notebook():
    mod = _load_script()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = mod.findings_block(ROOT / "notebooks" / "00-findings.ipynb", f"docs/findings-{mod.FIGURE}.png")
    assert mod.replace_block(readme, block) == readme, (
        "README.md's findings block differs from notebooks/00-findings.ipynb: run `make report`")
    assert (ROOT / "docs" / f"findings-{mod.FIGURE}.png").exists()


def _tiny_notebook(path, headings):
    cells = [{"cell_type": "code", "metadata": {"tags": ["readme", "see:02-voices"]}, "source": "", "execution_count": 1,
              "outputs": [{"output_type": "display_data", "metadata": {}, "data": {"text/markdown": h}}]} for h in headings]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")


def test_readme_check_fails_when_the_block_was_edited_by_hand(tmp_path):
    mod = _load_script()
    nb = tmp_path / "00.ipynb"
    _tiny_notebook(nb, ["## 1. Chinese sources supply 44% of quoted words"])
    readme = tmp_path / "README.md"
    readme.write_text("# T\n\n<!-- findings -->\nold text\n<!-- /findings -->\n", encoding="utf-8")
    args = ["--notebook", str(nb), "--readme", str(readme), "--figure", ""]
    assert mod.main(args + ["--check"]) == 1
    assert mod.main(args) == 0
    assert "1. Chinese sources supply 44% of quoted words. (`02-voices`)" in readme.read_text(encoding="utf-8")
    assert mod.main(args + ["--check"]) == 0
    readme.write_text(readme.read_text(encoding="utf-8").replace("44%", "55%"), encoding="utf-8")
    assert mod.main(args + ["--check"]) == 1


def test_readme_errors_name_the_file_and_the_problem(tmp_path, capsys):
    mod = _load_script()
    nb = tmp_path / "00.ipynb"
    _tiny_notebook(nb, ["## Not numbered"])
    readme = tmp_path / "README.md"
    readme.write_text("# no markers\n", encoding="utf-8")
    assert mod.main(["--notebook", str(nb), "--readme", str(readme), "--figure", ""]) == 2
    assert "not a numbered finding" in capsys.readouterr().err
    _tiny_notebook(nb, ["## 1. Fine"])
    assert mod.main(["--notebook", str(nb), "--readme", str(readme), "--figure", ""]) == 2
    err = capsys.readouterr().err
    assert str(readme) in err and "markers" in err
