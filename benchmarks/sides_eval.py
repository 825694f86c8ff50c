"""Side accuracy and speaker accuracy on the workbook's own held-out sets (invented articles).

    .venv/bin/python benchmarks/sides_eval.py [--misses]

Two sets, hand-written for evaluation before the rules they measure and not used to tune them
(benchmarks/sides_eval/README.md, benchmarks/speaker_eval/README.md):

* sides_eval: 9 articles of follow-up coverage of the Xi-Zelensky call in different house
  styles (wire, state media, a Ukrainian outlet, a broadcaster, an analysis), 121 gold quotes with
  speaker, side (china, russia, ukraine, west, other, unknown) and the kind of evidence the text
  gives (actors table, the speaker's descriptor, the article's context, another article).
  Scored with the seed story's sides (data/sides.csv) and actors (data/actors.csv).
* speaker_eval: 6 US-campaign articles with 111 quotes and 31 quoted strings that are not
  speech (titles of shows and ads, HTML attribute values, labels); speaker only.

A gold quote is found when an extracted speech quote (kind direct or partial) covers more than
half of its characters. Speaker: the strict rule of quotes_ggt.py (canonical speaker equals the
gold speaker; a leading "a"/"an"/"the" ignored for descriptions). Side: the extracted side
equals the gold side. A non-quote is right when no speech quote covers it. Nothing is asserted
here except the floors in tests/test_quality_floors.py.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsframing.quotes import extract_quotes  # noqa: E402

HERE = Path(__file__).resolve().parent
SPEECH = ("direct", "partial")


def _norm(s):
    s = (s or "").casefold().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"^\s*(?:the|a|an)\s+", "", s)
    return " ".join(s.split())


def load_set(name):
    d = HERE / name
    man = pd.read_csv(d / "manifest.csv", dtype=str, keep_default_na=False)
    texts = {r.doc_id: (d / r.file).read_text(encoding="utf-8") for r in man.itertuples()}
    gold = pd.read_csv(d / "gold.csv", dtype=str, keep_default_na=False)
    return man, texts, gold


def _articles(man, texts):
    from newsframing.corpus import articles_from_records
    return articles_from_records([{"doc_id": r.doc_id, "outlet": r.outlet, "text": texts[r.doc_id]}
                                  for r in man.itertuples()])


def _locate(gold, arts):
    """Offsets of each gold quote in its article's cleaned text (the n-th occurrence if the note
    says "occurrence N", else the first not yet used)."""
    text = dict(zip(arts["doc_id"], arts["text"]))
    used, spans = set(), []
    for g in gold.itertuples():
        t = text[g.doc_id]
        m = re.search(r"occurrence (\d+)", getattr(g, "note", "") or "")
        starts = [i.start() for i in re.finditer(re.escape(g.quote), t)]
        if m and len(starts) >= int(m.group(1)):
            s = starts[int(m.group(1)) - 1]
        else:
            s = next((x for x in starts if (g.doc_id, x) not in used), starts[0] if starts else -1)
        used.add((g.doc_id, s))
        spans.append((s, s + len(g.quote)) if s >= 0 else (-1, -1))
    return spans


def _match(gold, spans, quotes):
    """For each gold row, the extracted speech quote covering most of it (> 50 %), or None."""
    by_doc = {d: g for d, g in quotes[quotes["kind"].isin(SPEECH)].groupby("doc_id")}
    out = []
    for g, (s, e) in zip(gold.itertuples(), spans):
        q = by_doc.get(g.doc_id)
        best, best_ov = None, 0
        if q is not None and s >= 0:
            for r in q.itertuples():
                ov = min(e, r.end) - max(s, r.start)
                if ov > best_ov:
                    best, best_ov = r, ov
        out.append(best if best is not None and best_ov > 0.5 * max(1, e - s) else None)
    return out


def score_sides(show=False):
    man, texts, gold = load_set("sides_eval")
    arts = _articles(man, texts)
    quotes = extract_quotes(arts)
    side_col = "side" if "side" in quotes else "bloc"
    src_col = "side_source" if "side_source" in quotes else "bloc_source"
    hits = _match(gold, _locate(gold, arts), quotes)
    rows = []
    for g, h in zip(gold.itertuples(), hits):
        rows.append({"doc_id": g.doc_id, "gold_side": g.side, "kind": g.evidence_kind, "found": h is not None,
                     "side": h.__getattribute__(side_col) if h is not None else "",
                     "source": h.__getattribute__(src_col) if h is not None else "",
                     "speaker_ok": h is not None and _norm(h.speaker) == _norm(g.speaker),
                     "speaker": h.speaker if h is not None else "", "gold_speaker": g.speaker, "quote": g.quote})
    df = pd.DataFrame(rows)
    df["side_ok"] = df["found"] & (df["side"] == df["gold_side"])
    if show:
        for r in df[~df["side_ok"] | ~df["speaker_ok"]].itertuples():
            print(f"  {r.doc_id} [{r.kind}] gold {r.gold_side}/{r.gold_speaker!r} got {r.side or '-'}"
                  f"({r.source})/{r.speaker!r}: {r.quote[:60]!r}")
    return df


def score_speakers(show=False):
    man, texts, gold = load_set("speaker_eval")
    arts = _articles(man, texts)
    quotes = extract_quotes(arts)
    hits = _match(gold, _locate(gold, arts), quotes)
    rows = []
    for g, h in zip(gold.itertuples(), hits):
        is_q = g.is_quote == "yes"
        ok = (h is not None and _norm(h.speaker) == _norm(g.speaker)) if is_q else h is None
        rows.append({"doc_id": g.doc_id, "is_quote": is_q, "tags": g.kind_tag, "found": h is not None, "ok": ok,
                     "speaker": h.speaker if h is not None else "", "gold": g.speaker, "quote": g.quote})
    df = pd.DataFrame(rows)
    if show:
        for r in df[~df["ok"]].itertuples():
            print(f"  {r.doc_id} [{r.tags}] {'quote' if r.is_quote else 'NOT a quote'}: gold {r.gold!r} "
                  f"got {r.speaker!r} (found={r.found}): {r.quote[:60]!r}")
    return df


def summary():
    s, p = score_sides(), score_speakers()
    q = p[p["is_quote"]]
    return {"side_accuracy": float(s["side_ok"].mean()), "n_side": len(s),
            "side_unknown_share": float(((s["side"] == "unknown") & s["found"]).sum() / max(1, s["found"].sum())),
            "sides_speaker_accuracy": float(s["speaker_ok"].mean()), "found": float(s["found"].mean()),
            "speaker_accuracy": float(q["ok"].mean()), "n_speaker": len(q),
            "not_quotes_ok": float(p.loc[~p["is_quote"], "ok"].mean()), "n_not_quotes": int((~p["is_quote"]).sum())}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", action="store_true", help="list every miss (do not tune on them)")
    args = ap.parse_args(argv)
    s = score_sides(args.misses)
    print(f"sides_eval: {len(s)} gold quotes in {s['doc_id'].nunique()} articles; found {s['found'].mean():.3f}; "
          f"side accuracy {s['side_ok'].mean():.3f} ({s['side_ok'].sum()}/{len(s)}); "
          f"speaker accuracy (strict) {s['speaker_ok'].mean():.3f}")
    print("  side accuracy by evidence kind: " + ", ".join(
        f"{k} {g['side_ok'].mean():.2f} ({g['side_ok'].sum()}/{len(g)})" for k, g in s.groupby("kind")))
    print("  side accuracy by gold side: " + ", ".join(
        f"{k} {g['side_ok'].mean():.2f} ({g['side_ok'].sum()}/{len(g)})" for k, g in s.groupby("gold_side")))
    found = s[s["found"]]
    print(f"  predicted sides of found quotes: {dict(Counter(found['side']))}; sources {dict(Counter(found['source']))}")
    p = score_speakers(args.misses)
    q, nq = p[p["is_quote"]], p[~p["is_quote"]]
    print(f"speaker_eval: {len(q)} quotes, speaker accuracy (strict) {q['ok'].mean():.3f} ({q['ok'].sum()}/{len(q)}), "
          f"found {q['found'].mean():.3f}; {len(nq)} non-quotes kept out of speech {nq['ok'].mean():.3f}")
    tags = Counter(t for ts in q["tags"] for t in ts.split(";"))
    for t in sorted(tags):
        g = q[q["tags"].str.split(";").map(lambda x: t in x)]
        print(f"    {t}: {g['ok'].mean():.2f} ({g['ok'].sum()}/{len(g)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
