"""Does the workbook feed VADER its sentences unchanged? Scores VADER's own human-rated NYT
editorial snippets (Hutto & Gilbert, ICWSM 2014; 5,190 snippets, mean of 20 ratings on -4..+4)
with helpers.score_sentences -- the function the notebooks use -- and prints the Pearson r of
the compound score with the human mean. vaderSentiment 3.3.2 as published gives r ~= 0.50
(paper, Table 4: 0.492); lower-casing or stripping punctuation would lower it. Also prints the
tweets file as a control (paper: r = 0.881) and 3-class macro-F1 (+-0.05 band on both).

    .venv/bin/python benchmarks/vader_nyt.py
Exits 0 with a SKIP message when the data are absent (set WORKBOOK_BENCHMARKS).
"""
import sys

import pandas as pd

from _common import Timer, data_path

import helpers


def read_ground_truth(path):
    """id, rating, text from a tab-separated, CRLF file (text may itself contain no tabs)."""
    rows = []
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        for line in fh.read().split("\r\n"):
            if not line.strip():
                continue
            i, r, t = line.split("\t", 2)
            rows.append((i, float(r), t))
    return pd.DataFrame(rows, columns=["id", "rating", "text"])


FILES = {"NYT editorial snippets": "nytEditorialSnippets_GroundTruth.txt",
         "tweets (control)": "tweets_GroundTruth.txt"}


def score(path):
    """(Pearson r of VADER's compound with the human mean, 3-class macro-F1, n, seconds) for one
    ground-truth file, scored through helpers.score_sentences as the notebooks score."""
    from scipy.stats import pearsonr
    from sklearn.metrics import f1_score
    gt = read_ground_truth(path)
    with Timer() as tm:
        sc = helpers.score_sentences(gt)
    r = float(pearsonr(sc["compound"], sc["rating"])[0])
    # human mean on -4..4 -> the same +-0.05 band after scaling to -1..1
    f1 = f1_score(helpers.sentiment_label(sc["rating"] / 4), helpers.sentiment_label(sc["compound"]), average="macro")
    return r, float(f1), len(gt), tm.seconds


def main():
    for name, f in FILES.items():
        r, f1, n, secs = score(data_path("vader_nyt", f))
        print(f"{name}: n={n:,}  Pearson r={r:.3f}  3-class macro-F1={f1:.3f}  "
              f"({n / secs:,.0f} sentences/s)")
        if name.startswith("NYT") and not 0.48 <= r <= 0.52:
            print("WARNING: r outside 0.48-0.52: the text reaching VADER is not as written")


if __name__ == "__main__":
    sys.exit(main())
