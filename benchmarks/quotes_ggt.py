"""Benchmark helpers.extract_quotes against the Gender Gap Tracker quote gold set, and time it
on the PolNeAR texts.

    .venv/bin/python benchmarks/quotes_ggt.py            # (or: make bench)

Data: ``<parent of the repo>/shared/benchmarks`` or the folder named by WORKBOOK_BENCHMARKS
(ggt_quotes/ggt_gold_quotes.jsonl, polnear_texts/polnear_articles.jsonl). Read in place, never
copied into the repository; the script skips cleanly when they are absent.

Scoring (the GGT project's rule): a prediction matches a gold quote when it covers more than
30 % of the gold quote's characters (also reported at 80 %), matched greedily one-to-one, gold
quotes in text order, each taking the unused prediction with the largest overlap.
* "quotation-mark subset": gold quotes with has_quote_marks; candidate predictions are the
  speech quotes, kind direct or partial (scare quotes are labels with no speaker, which the
  gold set does not annotate). Precision = matched predictions / candidate predictions.
* "partials widened to sentence" (a diagnostic, not the workbook's output): each partial quote is scored as the whole sentence that
  contains it (helpers.sentences; several partials in one sentence count once). GGT annotates a
  mixed quote (She said police were "very committed" to ...) as the whole reported clause,
  so a two-word partial can never cover 30 % of it; this row aligns the annotation units.
  Both rows are printed; neither changes what extract_quotes returns.
* "all quotes": every gold quote (direct, indirect, mixed) against the same predictions
  (extract_quotes only finds quotation-mark and colon-introduced quotes, so recall is bounded).
* speaker accuracy, on matched quotation-mark quotes, by the STRICT rule (the headline): the
  workbook's canonical ``speaker`` must equal the gold speaker after coreference (``reference``,
  else ``speaker``), compared case-insensitively without punctuation, a possessive 's or a
  leading "the". A pronoun or a surname alone where the gold names the person earns nothing;
  there is no substring match either way. Gold quotes with no speaker are skipped.
  The LENIENT rule of earlier reports (speaker or as-written text contained in the gold
  ``speaker`` or ``reference``, or the reverse) is printed beside it for comparison only.
Published anchor (GGT's spaCy extractor, all quote types): P 84.6, R 82.7, F1 83.7 (F1 76.1 at
80 %), speaker 86.0 %.
"""
from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

import helpers  # noqa: E402


def bench_dir():
    env = os.environ.get("WORKBOOK_BENCHMARKS")
    return Path(env) if env else REPO.parent / "shared" / "benchmarks"


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def match(gold, pred, threshold):
    """Greedy one-to-one matching: list of (gold_index, pred_index) pairs.
    gold, pred: lists of (start, end)."""
    used, pairs = set(), []
    for gi, (gs, ge) in enumerate(gold):
        glen = max(1, ge - gs)
        best, best_ov = None, 0
        for pi, (ps, pe) in enumerate(pred):
            if pi in used:
                continue
            ov = min(ge, pe) - max(gs, ps)
            if ov > best_ov:
                best, best_ov = pi, ov
        if best is not None and best_ov / glen > threshold:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def names_match(pred, gold_names):
    p = pred.strip().lower()
    if not p:
        return False
    for g in gold_names:
        g = (g or "").strip().lower()
        if g and (g in p or p in g):
            return True
    return False


def normalise_name(s):
    """A speaker name for the strict comparison: case-folded, ’ as ', possessive 's, punctuation
    and a leading "the" removed, white space collapsed."""
    s = (s or "").casefold().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"^\s*the\s+", "", s)
    return " ".join(s.split())


def strict_speaker_ok(pred_speaker, gold_quote):
    """The strict rule: the canonical speaker equals the gold speaker after coreference."""
    gold = normalise_name(gold_quote.get("reference") or gold_quote.get("speaker") or "")
    return bool(gold) and normalise_name(pred_speaker) == gold


def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_ggt(path, show_misses=0):
    docs = read_jsonl(path)
    arts = pd.DataFrame({"doc_id": [d["doc_id"] for d in docs], "text": [d["text"] for d in docs]})
    t0 = time.perf_counter()
    quotes = helpers.extract_quotes(arts)
    secs = time.perf_counter() - t0
    speech = quotes[quotes["kind"].isin(["direct", "partial"])]
    by_doc_raw = {k: g for k, g in speech.groupby("doc_id")}
    by_doc_sent = {k: g for k, g in as_sentences(speech, arts).groupby("doc_id")}
    res = {}
    misses = []
    for subset in ("marks", "sent", "all"):
        by_doc = by_doc_sent if subset == "sent" else by_doc_raw
        for thr in (0.3, 0.8):
            tp = n_pred = n_gold = sp_ok = sp_n = st_ok = 0
            for d in docs:
                gq = [q for q in d["quotes"] if subset == "all" or q["has_quote_marks"]]
                g = by_doc.get(d["doc_id"])
                pred = [] if g is None else list(zip(g["start"], g["end"]))
                pairs = match([(q["quote_start"], q["quote_end"]) for q in gq], pred, thr)
                tp += len(pairs)
                n_pred += len(pred)
                n_gold += len(gq)
                if subset in ("marks", "sent") and thr == 0.3:
                    matched = {gi for gi, _ in pairs}
                    for gi, pi in pairs:
                        q = gq[gi]
                        names = [q.get("speaker", ""), q.get("reference", "")]
                        if not any(n.strip() for n in names):
                            continue
                        sp_n += 1
                        row = g.iloc[pi]
                        ok = names_match(row["speaker"], names) or names_match(row["speaker_as_written"], names)
                        sp_ok += ok
                        strict = strict_speaker_ok(row["speaker"], q)
                        st_ok += strict
                        if not strict and subset == "marks":
                            misses.append(("speaker", d["doc_id"], q["quote"][:70], row["speaker"],
                                           row["speaker_as_written"], q.get("reference", "")))
                    for gi, q in enumerate(gq if subset == "marks" else []):
                        if gi not in matched:
                            misses.append(("missed", d["doc_id"], q["quote"][:70], "", "", q.get("reference", "")))
                    used = {pi for _, pi in pairs}
                    for pi in range(len(pred) if subset == "marks" else 0):
                        if pi not in used:
                            r = g.iloc[pi]
                            misses.append(("spurious", d["doc_id"], r["quote"][:70], r["speaker"], r["kind"], ""))
            res[(subset, thr)] = prf(tp, n_pred, n_gold) + (tp, n_pred, n_gold)
            if subset in ("marks", "sent") and thr == 0.3:
                res["speaker", subset] = (st_ok / sp_n if sp_n else 0.0, st_ok, sp_n)
                res["speaker_lenient", subset] = (sp_ok / sp_n if sp_n else 0.0, sp_ok, sp_n)
    res["secs"] = secs
    res["n_docs"] = len(docs)
    return res, misses


def as_sentences(speech, arts):
    """Partial quotes replaced by their sentence (one row per sentence), direct quotes kept."""
    sents = helpers.sentences(arts)
    spans = {k: (g["start"].to_numpy(), g["end"].to_numpy()) for k, g in sents.groupby("doc_id")}
    rows, seen = [], set()
    for r in speech.itertuples(index=False):
        start, end = r.start, r.end
        if r.kind == "partial" and r.doc_id in spans:
            s, e = spans[r.doc_id]
            i = int((s <= r.start).sum()) - 1
            if i >= 0 and e[i] >= r.end:
                start, end = int(s[i]), int(e[i])
        if (r.doc_id, start, end) in seen:
            continue
        seen.add((r.doc_id, start, end))
        rows.append(r._replace(start=start, end=end))
    return pd.DataFrame(rows, columns=speech.columns)


def time_polnear(path, repeat=1):
    docs = read_jsonl(path)
    arts = pd.DataFrame({"doc_id": [d["doc_id"] for d in docs], "text": [d["text"] for d in docs]})
    helpers.extract_quotes(arts.head(5))  # load the vocabulary once before timing
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        q = helpers.extract_quotes(arts)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    chars = int(arts["text"].str.len().sum())
    return len(arts), chars, best, len(q), q["kind"].value_counts().to_dict()


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    show = "--misses" in argv
    base = bench_dir()
    ggt = base / "ggt_quotes" / "ggt_gold_quotes.jsonl"
    pol = base / "polnear_texts" / "polnear_articles.jsonl"
    if not ggt.is_file() and not pol.is_file():
        print(f"quotes benchmark skipped: no benchmark data under {base} "
              "(set WORKBOOK_BENCHMARKS to the folder holding ggt_quotes/ and polnear_texts/)")
        return 0
    if ggt.is_file():
        res, misses = score_ggt(ggt)
        print(f"GGT quote gold set: {res['n_docs']} articles, extract_quotes took {res['secs']:.2f} s")
        print(f"{'subset':<26}{'overlap':>8}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'pred':>6}{'gold':>6}")
        for subset, label in (("marks", "quotation-mark quotes"), ("sent", "  partials widened to sentence"),
                              ("all", "all quotes")):
            for thr in (0.3, 0.8):
                p, r, f, tp, n_pred, n_gold = res[(subset, thr)]
                print(f"{label:<26}{'>' + format(thr, '.0%'):>8}{p:8.3f}{r:8.3f}{f:8.3f}{tp:6d}{n_pred:6d}{n_gold:6d}")
        acc, ok, n = res["speaker", "marks"]
        print(f"speaker accuracy, strict rule, matched quotation-mark quotes (>30 %): {acc:.3f} ({ok}/{n})")
        acc, ok, n = res["speaker_lenient", "marks"]
        print(f"  for comparison only, lenient rule (containment either way, as written counts): {acc:.3f} ({ok}/{n})")
        print("published anchor (GGT spaCy extractor, all quote types): F1 0.837, speaker 0.860")
        if show:
            for m in misses:
                print(" | ".join(str(x) for x in m))
    else:
        print(f"GGT gold set not found at {ggt}: skipped")
    if pol.is_file():
        n, chars, secs, nq, kinds = time_polnear(pol, repeat=2)
        print(f"PolNeAR texts: {n} articles, {chars / 1e6:.1f} M characters, {secs:.2f} s "
              f"-> {n / secs:,.0f} articles/s ({chars / secs / 1e6:.2f} M chars/s); {nq} quotes {kinds}")
    else:
        print(f"PolNeAR texts not found at {pol}: timing skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
