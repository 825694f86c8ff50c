"""Shared bits of the benchmark scripts: where the external evaluation data live, and timing."""
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH_DATA = Path(os.environ.get("WORKBOOK_BENCHMARKS", ROOT.parent / "shared" / "benchmarks"))


def data_path(*parts):
    """Path to an external benchmark file, or exit 0 with a message when it is absent."""
    p = BENCH_DATA.joinpath(*parts)
    if not p.exists():
        print(f"SKIP: {p} not found (set WORKBOOK_BENCHMARKS to the folder of the shared benchmarks)")
        sys.exit(0)
    return p


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def polnear_articles(replicate=1):
    """The PolNeAR texts as a workbook articles frame (doc_id, outlet, label, text), replicated
    ``replicate`` times with distinct doc_ids."""
    import helpers
    recs = read_jsonl(data_path("polnear_texts", "polnear_articles.jsonl"))
    rows = [{"doc_id": f"{r['doc_id']}#{k}" if replicate > 1 else r["doc_id"], "outlet": r["publisher"],
             "text": r["text"]} for k in range(replicate) for r in recs]
    return helpers.articles_from_records(rows)


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Timer:
    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
