"""Throughput of the whole pipeline on the PolNeAR texts (1,008 real articles, ~755k words)
and on that corpus replicated 10 times (distinct doc_ids).

For each size prints: seconds, articles/s and peak RSS for VADER alone on the same sentences
(the floor set by the library the workbook uses), the whole pipeline in one process
(engine="pandas") and on a 2-worker dask LocalCluster (engine="dask"), and the ratios the issue
sets targets for. The per-stage breakdown is benchmarks/stages.py. Every configuration runs in a fresh subprocess so peak RSS is its own.
Run: .venv/bin/python benchmarks/throughput.py [--sizes 1,10]
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time

from _common import BENCH_DATA, data_path, peak_rss_mb, polnear_articles


def one(config, replicate):
    import helpers
    arts = polnear_articles(replicate)
    vocab = helpers.load_vocabulary()
    out = {"articles": len(arts)}
    if config == "vader":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        sents = helpers.sentences(arts)
        an = SentimentIntensityAnalyzer()
        t = time.perf_counter()
        for s in sents["text"]:
            an.polarity_scores(s)
        out.update(seconds=time.perf_counter() - t, sentences=len(sents))
    else:
        engine = "dask" if config.startswith("dask") else "pandas"
        t = time.perf_counter()
        res = helpers.analyze(arts, engine=engine, cache_dir=None, vocab=vocab, progress=False, n_workers=2)
        out.update(seconds=time.perf_counter() - t, sentences=len(res["sentences"]), quotes=len(res["quotes"]))
    out["peak_rss_mb"] = peak_rss_mb()
    try:  # children (dask workers) too
        import resource
        out["children_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    except Exception:
        pass
    print(json.dumps(out))


def run(config, replicate):
    p = subprocess.run([sys.executable, __file__, "--one", config, "--replicate", str(replicate)],
                       capture_output=True, text=True, cwd=os.path.dirname(os.path.abspath(__file__)))
    if p.returncode != 0:
        raise SystemExit(f"{config} x{replicate} failed:\n{p.stderr[-3000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--one")
    ap.add_argument("--replicate", type=int, default=1)
    ap.add_argument("--sizes", default="1,10")
    args = ap.parse_args()
    if args.one:
        return one(args.one, args.replicate)
    data_path("polnear_texts", "polnear_articles.jsonl")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; data: {BENCH_DATA}")
    for rep in [int(x) for x in args.sizes.split(",")]:
        v = run("vader", rep)
        n = v["articles"]
        print(f"\n== PolNeAR x{rep}: {n:,} articles, {v['sentences']:,} sentences")
        print(f"{'stage':34s} {'seconds':>8s} {'articles/s':>11s} {'peak RSS MB':>12s}")
        print(f"{'VADER alone (floor)':34s} {v['seconds']:8.2f} {n / v['seconds']:11,.0f} {v['peak_rss_mb']:12,.0f}")
        p = run("pandas", rep)
        print(f"{'pipeline, engine=pandas':34s} {p['seconds']:8.2f} {n / p['seconds']:11,.0f} {p['peak_rss_mb']:12,.0f}")
        d = run("dask", rep)
        rss = d["peak_rss_mb"] + d.get("children_peak_rss_mb", 0)
        print(f"{'pipeline, engine=dask (2 workers)':34s} {d['seconds']:8.2f} {n / d['seconds']:11,.0f} {rss:12,.0f}"
              f"  (client {d['peak_rss_mb']:,.0f} + largest worker {d.get('children_peak_rss_mb', 0):,.0f})")
        print(f"ratio pipeline/VADER-alone (pandas): {p['seconds'] / v['seconds']:.2f}x  (target <= 1.5x)")
        print(f"speed-up dask/pandas: {p['seconds'] / d['seconds']:.2f}x  (target >= 1.7x at 10x size)")


if __name__ == "__main__":
    main()
