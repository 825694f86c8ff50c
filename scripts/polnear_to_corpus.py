#!/usr/bin/env python3
"""Convert the PolNeAR article texts (a corpus the workbook was not written for: 1,008 US news
articles from 7 publishers on the 2016 election) to the workbook's corpus layout:

    OUT/articles/<doc_id>.txt   one plain-text article per file (UTF-8, as in the source)
    OUT/corpus.csv              the manifest: doc_id, file, outlet, label, outlet_basis,
                                outlet_country, wire, wire_basis, headline, published, language,
                                evidence

The source is read from $WORKBOOK_BENCHMARKS/polnear_texts/polnear_articles.jsonl (default
<repo>/../shared/benchmarks). Its texts belong to their publishers: write them to a folder
outside the repository (a temporary folder), never into it.

    python scripts/polnear_to_corpus.py OUT                 # all 1,008 articles
    python scripts/polnear_to_corpus.py OUT --per-outlet 20  # a stratified sample (140 articles)
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "polnear_texts/polnear_articles.jsonl"
# Publisher ids in PolNeAR -> outlet names as the workbook shows them.
OUTLETS = {
    "breitbart": "Breitbart", "huff-post": "HuffPost", "nyt": "The New York Times",
    "politico": "Politico", "usa-today": "USA Today", "wash-post": "The Washington Post",
    "west-journal": "The Western Journal",
}
COLUMNS = ["doc_id", "file", "outlet", "label", "outlet_basis", "outlet_country", "wire", "wire_basis",
           "headline", "published", "language", "evidence"]


def benchmarks_dir():
    return Path(os.environ.get("WORKBOOK_BENCHMARKS", ROOT.parent / "shared" / "benchmarks"))


def source_path():
    return benchmarks_dir() / SOURCE


def read_articles(path=None):
    path = Path(path or source_path())
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def sample(records, per_outlet=None, seed=0):
    """All records, or ``per_outlet`` per publisher drawn at random (fixed seed), in source order."""
    if not per_outlet:
        return list(records)
    rng = random.Random(seed)
    keep = set()
    by = {}
    for i, r in enumerate(records):
        by.setdefault(r["publisher"], []).append(i)
    for pub in sorted(by):
        idx = by[pub]
        keep.update(rng.sample(idx, min(per_outlet, len(idx))))
    return [r for i, r in enumerate(records) if i in keep]


def safe_name(doc_id):
    """A file name from a doc_id: letters, digits, '-', '_' and '.' only (no path separators)."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id).strip("._") or "article"
    return name[:150] + ".txt"


def convert(out_dir, per_outlet=None, seed=0, source=None):
    """Write the corpus folder and manifest; return (corpus_dir, manifest_path, n_articles)."""
    out = Path(out_dir)
    if out.resolve() == ROOT or ROOT in out.resolve().parents:
        raise SystemExit(f"{out}: write the converted corpus outside the repository (its texts are not ours)")
    arts = out / "articles"
    arts.mkdir(parents=True, exist_ok=True)
    rows, used = [], set()
    for r in sample(read_articles(source), per_outlet, seed):
        doc, pub, text = r["doc_id"], r["publisher"], r["text"]
        name = safe_name(doc)
        if name in used:
            raise SystemExit(f"{doc}: two doc_ids map to the file name {name}")
        used.add(name)
        (arts / name).write_text(text, encoding="utf-8", newline="")
        m = re.match(r"[^_]+_(\d{4}-\d{2}-\d{2})_", doc)
        headline = text.split("\n", 1)[0].strip()
        rows.append({
            "doc_id": doc, "file": name, "outlet": OUTLETS.get(pub, pub), "label": OUTLETS.get(pub, pub),
            "outlet_basis": "PolNeAR publisher field", "outlet_country": "United States",
            "wire": "unknown", "wire_basis": "not assessed for this corpus",
            "headline": headline, "published": m.group(1) if m else "", "language": "en",
            "evidence": f"PolNeAR (Newell, Margolin, Ruths, LREC 2018): publisher '{pub}'; published date "
                        f"from the doc_id; headline = the first line of the text; wire not assessed",
        })
    manifest = out / "corpus.csv"
    with open(manifest, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return arts, manifest, len(rows)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="output folder (outside the repository)")
    ap.add_argument("--per-outlet", type=int, default=None, help="stratified sample size per publisher")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--source", default=None, help=f"the JSONL file (default $WORKBOOK_BENCHMARKS/{SOURCE})")
    a = ap.parse_args(argv)
    src = Path(a.source) if a.source else source_path()
    if not src.is_file():
        print(f"{src}: PolNeAR texts not found (set WORKBOOK_BENCHMARKS)", file=sys.stderr)
        return 2
    arts, manifest, n = convert(a.out, a.per_outlet, a.seed, src)
    print(f"{n} articles in {arts}\nmanifest: {manifest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
