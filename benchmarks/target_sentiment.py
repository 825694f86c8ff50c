"""Target-dependent sentiment on NewsMTSC (Hamborg & Donnay, EACL 2021): macro-F1 over
negative / neutral / positive on test_rw and test_mt, for the workbook's shipped model
(load_target_model) and three baselines computed here:

- always "neutral";
- the sentence's VADER label (compound, +-0.05 band) given to every target in it;
- VADER on a window of TARGET_WINDOW tokens either side of the target.

Reference (NewsMTSC README): best published model (GRU-TSC, RoBERTa) 0.831 / 0.825.
Exits 0 with a SKIP message when the data are absent (set WORKBOOK_BENCHMARKS).

    .venv/bin/python benchmarks/target_sentiment.py
"""
import re
import sys

import numpy as np

from _common import Timer, data_path, read_jsonl

from newsframing.targets import TARGET_CLASSES, TARGET_WINDOW, load_target_model
from newsframing.vader import analyzer, sentiment_label

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
TOK = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|[^\w\s]")


def macro_f1(y, p):
    from sklearn.metrics import f1_score
    return f1_score(y, p, average="macro", labels=TARGET_CLASSES)


def window_text(s, a, b, k):
    toks = [(m.group(), m.start(), m.end()) for m in TOK.finditer(s)]
    return " ".join([t for t, x, e in toks if e <= a][-k:] + [s[a:b]] + [t for t, x, e in toks if x >= b][:k])


def evaluate(path, model=None):
    """Macro-F1 on one NewsMTSC split (a jsonl path) for the shipped model and the baselines:
    a dict with n, neutral, vader_sentence, vader_window, model, accuracy, seconds."""
    model = model or load_target_model()
    v = analyzer()
    rows = read_jsonl(path)
    y, p_sent, p_win, p_model = [], [], [], []
    with Timer() as tm:
        for r in rows:
            s = r["sentence_normalized"]
            lab_s = str(sentiment_label(v.polarity_scores(s)["compound"]))
            for t in r["targets"]:
                a, b = t["from"], t["to"]
                y.append(POLARITY[t["polarity"]])
                p_sent.append(lab_s)
                p_win.append(str(sentiment_label(
                    v.polarity_scores(window_text(s, a, b, TARGET_WINDOW))["compound"])))
                p_model.append(model.predict(s, a, b))
    return {"n": len(y), "neutral": macro_f1(y, ["neutral"] * len(y)), "vader_sentence": macro_f1(y, p_sent),
            "vader_window": macro_f1(y, p_win), "model": macro_f1(y, p_model),
            "accuracy": float(np.mean(np.array(y) == np.array(p_model))), "seconds": tm.seconds}


def main():
    model = load_target_model()
    print(f"model: {len(model.coef):,} features; CV macro-F1 on train "
          f"{model.spec['training']['cv_macro_f1']}")
    print(f"{'split':8} {'targets':>7} {'neutral':>8} {'VADER sent':>10} {'VADER win':>9} {'model':>7} {'acc':>6} {'/s':>7}")
    for split in ("test_rw", "test_mt"):
        e = evaluate(data_path("newsmtsc", f"{split}.jsonl"), model)
        print(f"{split:8} {e['n']:>7,} {e['neutral']:>8.3f} {e['vader_sentence']:>10.3f} "
              f"{e['vader_window']:>9.3f} {e['model']:>7.3f} {e['accuracy']:>6.3f} {e['n'] / e['seconds']:>7,.0f}")
    print("macro-F1 over negative/neutral/positive; /s = targets scored per second (model + baselines).")


if __name__ == "__main__":
    sys.exit(main())
