"""Quality floors on external gold data: a change that makes the workbook measurably worse fails.

Each floor sits a little below the figure measured when it was set (benchmarks/README.md gives
the figures, the data and the scoring rules), so noise-free reruns pass and a real regression
does not. The data are read in place from ../shared/benchmarks (WORKBOOK_BENCHMARKS); when they
are absent these tests are skipped on a developer's machine and FAIL under CI (conftest.py).
Speed is never asserted here: it is printed by the scripts in benchmarks/.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import require_benchmark

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

#: Floors: (figure measured when set, floor). Raise a floor when a measured improvement lands.
FLOORS = {
    "ggt_quote_f1": (0.865, 0.85),          # quotation-mark quotes, the workbook's own spans, > 30 % overlap
    "ggt_speaker_strict": (0.760, 0.745),   # strict rule: canonical speaker == gold speaker after coreference
    # macro-F1, shipped masked target-sentiment model, primary protocol (the old unmasked model: 0.639 / 0.623)
    "newsmtsc_test_rw": (0.671, 0.66),
    "newsmtsc_test_mt": (0.658, 0.645),
    # the workbook's own held-out sets (benchmarks/sides_eval, speaker_eval: written before the rules,
    # invented names, never tuned on); in the repository, so these run everywhere
    "sides_eval_side": (0.686, 0.66),       # side of each gold quote (found and right), 121 quotes
    "speaker_eval_strict": (0.622, 0.60),   # strict speaker of each gold quote, 111 quotes
}
#: VADER fed its sentences as written reproduces the paper's NYT figure (r = 0.492); lower-casing
#: or stripping punctuation before VADER moves r out of this band.
NYT_R_RANGE = (0.48, 0.52)


@pytest.fixture(scope="module")
def ggt():
    import quotes_ggt
    res, _ = quotes_ggt.score_ggt(require_benchmark("ggt_quotes", "ggt_gold_quotes.jsonl"))
    return res


def test_ggt_quote_f1_on_own_spans(ggt):
    p, r, f1, tp, n_pred, n_gold = ggt[("marks", 0.3)]
    assert n_gold == 905, "the GGT quotation-mark subset changed: check the benchmark data"
    assert f1 >= FLOORS["ggt_quote_f1"][1], f"quote F1 {f1:.3f} (P {p:.3f}, R {r:.3f}) below its floor"


def test_ggt_speaker_accuracy_strict(ggt):
    acc, ok, n = ggt["speaker", "marks"]
    assert n > 700
    assert acc >= FLOORS["ggt_speaker_strict"][1], f"strict speaker accuracy {acc:.3f} ({ok}/{n}) below its floor"


def test_strict_rule_gives_no_credit_for_pronouns_or_substrings():
    import quotes_ggt
    gold = {"speaker": "she", "reference": "Darian Lonechild"}
    assert quotes_ggt.strict_speaker_ok("Darian Lonechild", gold)
    assert quotes_ggt.strict_speaker_ok("darian lonechild’s", gold)
    assert not quotes_ggt.strict_speaker_ok("she", gold)
    assert not quotes_ggt.strict_speaker_ok("Lonechild", gold)
    assert not quotes_ggt.strict_speaker_ok("Darian Lonechild Jr", gold)
    assert not quotes_ggt.strict_speaker_ok("", {"speaker": "", "reference": ""})


@pytest.mark.parametrize("split", ["test_rw", "test_mt"])
def test_newsmtsc_macro_f1(split):
    import target_sentiment
    e = target_sentiment.evaluate(require_benchmark("newsmtsc", f"{split}.jsonl"))
    assert e["model"] >= FLOORS[f"newsmtsc_{split}"][1], f"{split}: macro-F1 {e['model']:.3f} below its floor"
    # the model must beat the baselines it is offered as an improvement on
    assert e["model"] > e["vader_window"] > e["neutral"]


def test_vader_nyt_correlation_in_range():
    import vader_nyt
    r, f1, n, _ = vader_nyt.score(require_benchmark("vader_nyt", "nytEditorialSnippets_GroundTruth.txt"))
    assert n == 5190
    assert NYT_R_RANGE[0] <= r <= NYT_R_RANGE[1], f"NYT Pearson r {r:.3f} outside {NYT_R_RANGE}"


def test_held_out_side_and_speaker_accuracy():
    import sides_eval
    s = sides_eval.summary()
    assert s["n_side"] >= 100 and s["n_speaker"] >= 100, "the held-out sets changed: check benchmarks/sides_eval"
    assert s["side_accuracy"] >= FLOORS["sides_eval_side"][1], f"side accuracy {s['side_accuracy']:.3f} below its floor"
    assert s["speaker_accuracy"] >= FLOORS["speaker_eval_strict"][1], f"speaker accuracy {s['speaker_accuracy']:.3f} below its floor"
