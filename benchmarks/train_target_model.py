"""Rebuild data/models/target_sentiment.json: the masked target-sentiment model.

A multinomial logistic regression (scikit-learn) on newsframing.targetfeatures.mention_features,
fitted on the NewsMTSC *train* split only (Hamborg & Donnay, EACL 2021), with every name of the
mask vocabulary replaced by one placeholder before any feature is computed: the gazetteer
(data/gazetteer/: countries with aliases, adjectives, demonyms and capitals, institutions,
organisations) and the ``alias`` column of data/actors.csv and data/polnear_actors.csv (every row,
whatever its scope), plus each training sentence's annotated targets and their non-pronoun
further mentions. Choices are made by grouped 5-fold CV on train; the test splits are never read
here (benchmarks/target_sentiment.py reads them). Before the JSON is written, check_features()
proves that no feature names a vocabulary term.

    .venv/bin/python benchmarks/train_target_model.py [--out PATH] [--seeds 0,1,2]
    .venv/bin/python benchmarks/train_target_model.py --full-table   # CV of every variant first
    .venv/bin/python benchmarks/train_target_model.py --cv base cgnt --no-fit

By default only the shipped variant (cgnts_names) is cross-validated (3 shuffled fold
assignments, ~2 min on 2 cores) and then fitted. ``--full-table`` cross-validates every variant
of VARIANTS first (~30 min) and prints the table; the variant fitted is still ``--variant``.
Exits 0 with a SKIP message when the NewsMTSC data are absent (set WORKBOOK_BENCHMARKS).
"""
import argparse
import ast
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from _common import ROOT, data_path, read_jsonl

from newsframing import targetfeatures as TF
from newsframing.gazetteer import load_gazetteer
from newsframing.masking import Masker, mask_terms, vocabulary_sha256
from newsframing.targets import TARGET_CLASSES
from newsframing.vader import analyzer
from newsframing.vocab import read_vocabulary

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
#: Further mentions that are pronouns are not masked (they name no one, and the workbook, with
#: no coreference, cannot mask them either).
PRONOUNS = TF._PRONOUNS | {"who", "whom", "whose", "which", "that"}
GAZETTEER = ROOT / "data" / "gazetteer"
ACTOR_FILES = [ROOT / "data" / "actors.csv", ROOT / "data" / "polnear_actors.csv"]

BASE = dict(groups=("bow", "win", "bigram", "lex", "position"), window=8, C=0.1, min_count=3, fm="all")
_CG = BASE["groups"] + ("clause", "governor")
_CGNT = _CG + ("negscope", "trigram")
#: CV variants (benchmarks/README.md has their figures). fm: which further mentions are masked
#: in training ("all", "names": not pronouns); nb: naive-Bayes scaling of sparse features.
VARIANTS = {
    "base": dict(BASE),
    "base_fmnames": dict(BASE, fm="names"),
    "clause": dict(BASE, groups=BASE["groups"] + ("clause",)),
    "gov": dict(BASE, groups=BASE["groups"] + ("governor",)),
    "clause_gov": dict(BASE, groups=_CG),
    "clause_gov_cw": dict(BASE, groups=_CG + ("clause_words",)),
    "clause_gov_neg": dict(BASE, groups=_CG + ("negscope",)),
    "clause_gov_stem": dict(BASE, groups=_CG + ("stem",)),
    "clause_gov_tri": dict(BASE, groups=_CG + ("trigram",)),
    "clause_gov_comp": dict(BASE, groups=_CG + ("compound",)),
    "cgn": dict(BASE, groups=_CG + ("negscope",)),
    "cgn_nbmean": dict(BASE, groups=_CG + ("negscope",), nb="mean"),
    "cgn_nbmax": dict(BASE, groups=_CG + ("negscope",), nb="max"),
    "cgnt": dict(BASE, groups=_CGNT),
    "cgnt_nbmean": dict(BASE, groups=_CGNT, nb="mean", C=0.03),
    "cgnt_nbmean_stem": dict(BASE, groups=_CGNT + ("stem",), nb="mean", C=0.03),
    "cgnt_nbmean_w6": dict(BASE, groups=_CGNT, nb="mean", C=0.03, window=6),
    "cgnt_nbmean_w10": dict(BASE, groups=_CGNT, nb="mean", C=0.03, window=10),
    "cgnt_nbmean_mc2": dict(BASE, groups=_CGNT, nb="mean", C=0.03, min_count=2),
    "cgnt_nbmean_fmnames": dict(BASE, groups=_CGNT, nb="mean", C=0.03, fm="names"),
    "cgnt_nbmean_c05": dict(BASE, groups=_CGNT, nb="mean", C=0.05),
    "cgnts_all": dict(BASE, groups=_CGNT + ("stem",), nb="mean", C=0.03, fm="all"),
    "cgnts_names": dict(BASE, groups=_CGNT + ("stem",), nb="mean", C=0.03, fm="names"),
}
SHIPPED = "cgnts_names"


def training_mask_terms(gazetteer=GAZETTEER, actor_files=ACTOR_FILES):
    """The mask vocabulary the model is trained with: the gazetteer and every row's alias of the
    actor files (read as written, story-scoped rows included)."""
    return mask_terms(load_gazetteer(gazetteer), [read_vocabulary(p, ("alias",)) for p in actor_files])


def entity_spans(r, fm="names"):
    """Spans to mask in a NewsMTSC sentence: every annotated target and its further mentions
    (fm="all"), only the non-pronoun ones (fm="names") or none of them (fm="none")."""
    spans = [(t["from"], t["to"]) for t in r["targets"]]
    if fm != "none":
        for t in r["targets"]:
            for m in t.get("further_mentions", []) or []:
                if fm == "all" or m["mention"].lower() not in PRONOUNS:
                    spans.append((m["from"], m["to"]))
    return spans


def featurize(rows, masker, fm, window, groups):
    """(features, labels, sentence index) for every target of ``rows``."""
    X, y, grp = [], [], []
    use_comp = "compound" in groups
    for i, r in enumerate(rows):
        s = r["sentence_normalized"]
        comp = analyzer().polarity_scores(s)["compound"] if use_comp else None
        sf = TF.sentence_features(s, masker, entity_spans(r, fm), comp)
        for t in r["targets"]:
            X.append(TF.mention_features(sf, t["from"], t["to"], window, groups))
            y.append(POLARITY[t["polarity"]])
            grp.append(i)
    return X, np.array(y), np.array(grp)


def nb_scale(dv, M, y, how, alpha=1.0, offset=0.5):
    """Per-feature scale for sparse (word) features from the training rows' labels: the
    naive-Bayes log-count ratio of each class against the rest, |r| averaged ("mean") or
    maximised ("max") over the classes, plus ``offset`` (so no feature is switched off). Dense
    features keep scale 1. The scale is folded into the coefficients of the written model."""
    B = (M != 0).astype("float64")
    s = np.ones(M.shape[1])
    sparse_cols = np.array(["=" in n for n in dv.feature_names_])
    rs = []
    for c in TARGET_CLASSES:
        pos = np.asarray(B[y == c].sum(axis=0)).ravel() + alpha
        neg = np.asarray(B[y != c].sum(axis=0)).ravel() + alpha
        rs.append(np.abs(np.log((pos / pos.sum()) / (neg / neg.sum()))))
    R = np.vstack(rs)
    r = R.mean(axis=0) if how == "mean" else R.max(axis=0)
    s[sparse_cols] = offset + r[sparse_cols]
    return s


def fit(X, y, cfg, keep):
    import scipy.sparse as sp
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    dv = DictVectorizer()
    M = dv.fit_transform([{k: v for k, v in f.items() if k in keep} for f in X])
    scale = None
    if cfg.get("nb", "none") != "none":
        scale = nb_scale(dv, M, y, cfg["nb"], cfg.get("nb_alpha", 1.0), cfg.get("nb_offset", 0.5))
        M = M @ sp.diags(scale)
    clf = LogisticRegression(C=cfg["C"], max_iter=5000, class_weight="balanced").fit(M, y)
    if scale is not None:
        clf.coef_ = clf.coef_ * scale[None, :]        # a model on unscaled features
    return dv, clf


def cross_validate(cfg, rows, masker, seeds=(0,)):
    """Grouped (by sentence) 5-fold CV macro-F1, mean over shuffled fold assignments, the
    per-seed scores and the feature count. Held-out folds are masked as the workbook sees text:
    vocabulary + annotated targets + non-pronoun further mentions."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold
    Xtr, y, grp = featurize(rows, masker, cfg["fm"], cfg["window"], cfg["groups"])
    Xev = Xtr if cfg["fm"] == "names" else featurize(rows, masker, "names", cfg["window"], cfg["groups"])[0]
    counts = Counter(k for f in Xtr for k in f)
    keep = {k for k, c in counts.items() if c >= cfg["min_count"]}
    scores = []
    for seed in seeds:
        pred = np.empty(len(y), dtype=object)
        for tr, te in GroupKFold(5, shuffle=True, random_state=seed).split(Xtr, y, grp):
            dv, clf = fit([Xtr[i] for i in tr], y[tr], cfg, keep)
            pred[te] = clf.predict(dv.transform([{k: v for k, v in Xev[i].items() if k in keep} for i in te]))
        scores.append(f1_score(y, pred.astype(str), average="macro", labels=TARGET_CLASSES))
    return float(np.mean(scores)), scores, len(keep)


def _rel(p):
    p = Path(p).resolve()
    return str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p)


def write_model(cfg, name, rows, masker, terms, seeds, out, train_path, gazetteer, actor_files):
    import sklearn
    t0 = time.time()
    mean, per, _ = cross_validate(cfg, rows, masker, seeds)
    X, y, _ = featurize(rows, masker, cfg["fm"], cfg["window"], cfg["groups"])
    counts = Counter(k for f in X for k in f)
    keep = {k for k, c in counts.items() if c >= cfg["min_count"]}
    dv, clf = fit(X, y, cfg, keep)
    assert list(clf.classes_) == TARGET_CLASSES
    coef = {}
    for j, fname in enumerate(dv.feature_names_):
        c = clf.coef_[:, j]
        if np.abs(c).max() >= 1e-4:
            coef[fname] = [round(float(x), 5) for x in c]
    TF.check_features(coef, terms)          # no feature names a masked term (raises)
    data_sha = hashlib.sha256(Path(train_path).read_bytes()).hexdigest()
    spec = {
        "name": "workbook target-dependent sentiment, masked (logistic regression on "
                "targetfeatures.mention_features)",
        "classes": TARGET_CLASSES,
        "feature_version": TF.FEATURE_VERSION,
        "window": cfg["window"],
        "groups": list(cfg["groups"]),
        "intercept": [round(float(x), 5) for x in clf.intercept_],
        "training": {
            "data": f"NewsMTSC train split only (Hamborg & Donnay, EACL 2021): {len(rows):,} sentences, "
                    f"{len(y):,} targets (sha256 of train.jsonl {data_sha[:16]}...); test_rw and test_mt "
                    "never used for fitting or choices",
            "licence": "NewsMTSC: licence as stated by the NewsMTSC repository; no data copied, only "
                       "learnt coefficients",
            "method": f"scikit-learn {sklearn.__version__} LogisticRegression(C={cfg['C']}, "
                      "class_weight='balanced', lbfgs multinomial); features seen >= "
                      f"{cfg['min_count']} times in train; |coef| < 1e-4 dropped; rounded to 5 decimals",
            "variant": name,
            "C": cfg["C"],
            "nb_scale": {"how": cfg.get("nb", "none"), "alpha": cfg.get("nb_alpha", 1.0),
                         "offset": cfg.get("nb_offset", 0.5),
                         "what": "sparse feature columns multiplied by offset + mean over classes of "
                                 "|naive-Bayes log-count ratio| (from train labels) before fitting; "
                                 "folded into the coefficients written here"},
            "penalty": "l2",
            "min_count": cfg["min_count"],
            "further_mentions_masked_in_training": cfg["fm"],
            "cv": f"grouped (by sentence) 5-fold, GroupKFold(shuffle=True), seeds {list(seeds)}; "
                  "held-out folds masked as the workbook sees text (vocabulary + annotated targets + "
                  "non-pronoun further mentions)",
            "cv_macro_f1": round(mean, 4),
            "cv_macro_f1_per_seed": [round(s, 4) for s in per],
            "mask": {
                "source": _rel(gazetteer),
                "n_terms": len(terms),
                "sha256_sorted_vocabulary": vocabulary_sha256(terms),
                "actor_files": [_rel(p) for p in actor_files],
                "also_masked_in_training": "each NewsMTSC sentence's annotated targets and their further "
                                           f"mentions ({cfg['fm']})",
            },
            "vader": "vaderSentiment 3.3.2 lexicon and constants, per token (no polarity_scores per window)",
            "seconds": round(time.time() - t0, 1),
        },
        "coef": coef,
    }
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(spec, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(coef):,} features, {out.stat().st_size / 1024:.0f} KiB; "
          f"CV macro-F1 {mean:.4f} {[round(s, 4) for s in per]}", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "data" / "models" / "target_sentiment.json"))
    ap.add_argument("--variant", default=SHIPPED, choices=sorted(VARIANTS), help="the variant fitted")
    ap.add_argument("--seeds", default="0,1,2", help="comma-separated CV shuffle seeds")
    ap.add_argument("--full-table", action="store_true", help="cross-validate every variant first")
    ap.add_argument("--cv", nargs="*", default=[], choices=sorted(VARIANTS), help="cross-validate these variants")
    ap.add_argument("--set", action="append", default=[], help="override key=value (python literal)")
    ap.add_argument("--no-fit", action="store_true", help="cross-validate only; write no model")
    ap.add_argument("--gazetteer", default=str(GAZETTEER))
    ap.add_argument("--actors", nargs="*", default=[str(p) for p in ACTOR_FILES])
    args = ap.parse_args()
    train_path = data_path("newsmtsc", "train.jsonl")        # exits 0 with SKIP when absent
    rows = read_jsonl(train_path)
    terms = training_mask_terms(args.gazetteer, args.actors)
    masker = Masker(terms)
    print(f"train: {len(rows):,} sentences; mask vocabulary {len(terms):,} terms "
          f"(sha256 {vocabulary_sha256(terms)[:16]}...)", flush=True)
    seeds = tuple(int(s) for s in args.seeds.split(","))
    overrides = {k: ast.literal_eval(v) for k, v in (kv.split("=", 1) for kv in args.set)}
    for name in (sorted(VARIANTS) if args.full_table else args.cv):
        cfg = dict(VARIANTS[name], **overrides)
        t0 = time.time()
        mean, per, nfeat = cross_validate(cfg, rows, masker, seeds)
        print(f"  {name:22s} CV macro-F1 {mean:.4f} {[round(s, 4) for s in per]}  {nfeat:>7,} features  "
              f"{time.time() - t0:5.0f} s", flush=True)
    if not args.no_fit:
        cfg = dict(VARIANTS[args.variant], **overrides)
        write_model(cfg, args.variant, rows, masker, terms, seeds, args.out, train_path, args.gazetteer, args.actors)


if __name__ == "__main__":
    sys.exit(main())
