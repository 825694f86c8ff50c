"""Target-dependent sentiment on NewsMTSC (Hamborg & Donnay, EACL 2021): macro-F1 over
negative / neutral / positive on test_rw and test_mt, for the workbook's shipped masked model
(load_target_model) and baselines computed here:

- always "neutral";
- the sentence's VADER label (compound, +-0.05 band) given to every target in it;
- VADER on a window of TARGET_WINDOW tokens either side of the target (polarity_scores on the
  window's text), and the workbook's ``window_compound`` column (the same window from per-token
  lexicon values of the masked sentence).

Protocols: **primary** (the one declared before the test sets were first read, as on CV): the
mask vocabulary (gazetteer + the alias column of data/actors.csv and data/polnear_actors.csv)
plus every annotated target of the sentence and their non-pronoun further mentions are masked;
**secondary**: the vocabulary and the target itself only. The old model's figures (unmasked
features, before issue 13) are printed as constants.

Reference (NewsMTSC README): best published model (GRU-TSC, RoBERTa) 0.831 / 0.825.
Exits 0 with a SKIP message when the data are absent (set WORKBOOK_BENCHMARKS).

    .venv/bin/python benchmarks/target_sentiment.py
"""
import re
import sys

import numpy as np

from _common import Timer, data_path, read_jsonl
from train_target_model import POLARITY, entity_spans, training_mask_terms

from newsframing.masking import Masker, vocabulary_sha256
from newsframing.targetfeatures import check_features, sentence_features, window_valence
from newsframing.targets import TARGET_CLASSES, TARGET_WINDOW, load_target_model
from newsframing.vader import analyzer, sentiment_label

TOK = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|[^\w\s]")
#: The model shipped before issue 13 (unmasked features, old code), measured with this script:
#: macro-F1 (accuracy). Kept as constants: its code is gone from the package.
OLD_MODEL = {"test_rw": (0.639, 0.651), "test_mt": (0.623, 0.661)}


def macro_f1(y, p):
    from sklearn.metrics import f1_score
    return float(f1_score(y, p, average="macro", labels=TARGET_CLASSES))


def window_text(s, a, b, k):
    toks = [(m.group(), m.start(), m.end()) for m in TOK.finditer(s)]
    return " ".join([t for t, x, e in toks if e <= a][-k:] + [s[a:b]] + [t for t, x, e in toks if x >= b][:k])


_MASKER = {}


def training_masker():
    """The Masker of the vocabulary the model was trained with (built once)."""
    if "m" not in _MASKER:
        _MASKER["m"] = Masker(training_mask_terms())
    return _MASKER["m"]


def evaluate(path, model=None, masker=None):
    """Macro-F1 on one NewsMTSC split (a jsonl path) for the shipped model and the baselines:
    a dict with n, neutral, vader_sentence, vader_window, model, accuracy, seconds (model and
    accuracy: the primary protocol), plus window_tokens (the workbook's window_compound label),
    model_secondary and accuracy_secondary."""
    model = model or load_target_model()
    masker = masker or training_masker()
    v = analyzer()
    rows = read_jsonl(path)
    y, p_sent, p_win, w_tok, f_pri, f_sec = [], [], [], [], [], []
    with Timer() as tm:
        for r in rows:
            s = r["sentence_normalized"]
            lab_s = str(sentiment_label(v.polarity_scores(s)["compound"]))
            sf = sentence_features(s, masker, entity_spans(r, "names"))
            for t in r["targets"]:
                a, b = t["from"], t["to"]
                y.append(POLARITY[t["polarity"]])
                p_sent.append(lab_s)
                p_win.append(str(sentiment_label(
                    v.polarity_scores(window_text(s, a, b, TARGET_WINDOW))["compound"])))
                w_tok.append(str(sentiment_label(window_valence(sf, a, b, TARGET_WINDOW))))
                f_pri.append(model.mention_features(sf, a, b))
                f_sec.append(model.mention_features(sentence_features(s, masker, [(a, b)]), a, b))
        p_model, p_sec = model.predict(f_pri), model.predict(f_sec)
    acc = lambda p: float(np.mean(np.array(y) == np.array(p)))  # noqa: E731
    return {"n": len(y), "neutral": macro_f1(y, ["neutral"] * len(y)), "vader_sentence": macro_f1(y, p_sent),
            "vader_window": macro_f1(y, p_win), "window_tokens": macro_f1(y, w_tok),
            "model": macro_f1(y, p_model), "accuracy": acc(p_model),
            "model_secondary": macro_f1(y, p_sec), "accuracy_secondary": acc(p_sec), "seconds": tm.seconds}


def main():
    paths = {split: data_path("newsmtsc", f"{split}.jsonl") for split in ("test_rw", "test_mt")}
    model = load_target_model()
    masker = training_masker()
    mask = model.spec["training"]["mask"]
    same = vocabulary_sha256(masker.terms) == mask["sha256_sorted_vocabulary"]
    check_features(model.features, masker.terms)
    print(f"model: {len(model.features):,} features, none naming any of the {len(masker):,} masked terms; "
          f"CV macro-F1 on train {model.spec['training']['cv_macro_f1']}")
    if not same:
        print("WARNING: the mask vocabulary of data/gazetteer and the actor files differs from the one "
              "the model was trained with")
    res = {split: evaluate(p, model, masker) for split, p in paths.items()}
    print(f"{'method':50s} {'test_rw':>15s} {'test_mt':>15s}")
    rows = [("always neutral", "neutral", None), ("VADER sentence label", "vader_sentence", None),
            (f"VADER on ±{TARGET_WINDOW} tokens", "vader_window", None),
            (f"window_compound (±{TARGET_WINDOW} tokens, lexicon per token)", "window_tokens", None),
            ("old model, unmasked (before issue 13)", None, None),
            ("masked model, primary protocol", "model", "accuracy"),
            ("masked model, secondary (vocabulary + target)", "model_secondary", "accuracy_secondary")]
    for label, key, acc in rows:
        cells = []
        for split in paths:
            if key is None:
                f1, a = OLD_MODEL[split]
                cells.append(f"{f1:.3f} ({a:.3f})")
            else:
                e = res[split]
                cells.append(f"{e[key]:.3f}" + (f" ({e[acc]:.3f})" if acc else "        "))
        print(f"{label:50s} {cells[0]:>15s} {cells[1]:>15s}")
    print("macro-F1 (accuracy) over negative/neutral/positive; targets: "
          + ", ".join(f"{s} {e['n']:,}" for s, e in res.items()) + "; "
          + ", ".join(f"{s} {e['n'] / e['seconds']:,.0f} targets/s (both protocols + baselines)"
                      for s, e in res.items()))


if __name__ == "__main__":
    sys.exit(main())
