"""Seconds and articles/s per pipeline stage on the PolNeAR texts, against VADER alone.

For each stage of helpers.analyze() (sentences, VADER scoring, quotes, voice, mentions + target
sentiment, frames, labels, readability, reuse) this prints wall seconds, CPU seconds of this
process and articles/s, then the ratio of the stages' sum to scoring the same sentences with
VADER alone (SentimentIntensityAnalyzer.polarity_scores in a loop): the figure the issue's
target (<= 1.5) is about. Each stage is run ``--repeat`` times and the fastest run is kept
(the machine is shared; the minimum is the least disturbed run). The first run of a stage
includes its one-off costs (dictionary loads, per-word caches); ``--cold`` reports that run
instead. Usage: python benchmarks/stages.py [--repeat N] [--cold] [--replicate R]

Skips (exit 0) when the shared benchmark data are absent.
"""
import argparse
import time

from _common import polnear_articles


def _timed(fn, repeat, cold):
    runs = []
    for _ in range(1 if cold else repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        runs.append((time.perf_counter() - w0, time.process_time() - c0))
    return out, min(runs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cold", action="store_true", help="time only the first run of each stage")
    ap.add_argument("--replicate", type=int, default=1, help="replicate the corpus R times")
    args = ap.parse_args()

    articles = polnear_articles(replicate=args.replicate)  # exits 0 with SKIP if data absent
    import helpers
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vocab = helpers.load_vocabulary()
    n_art = len(articles)
    sents = helpers.sentences(articles)
    analyzer = SentimentIntensityAnalyzer()
    texts = list(sents["text"])
    _, (vader_wall, vader_cpu) = _timed(lambda: [analyzer.polarity_scores(t) for t in texts],
                                        args.repeat, args.cold)
    labels = sents["doc_id"].map(dict(zip(articles["doc_id"], articles["label"])))

    state = {}

    def mentions_and_target():
        m = helpers.actor_mentions(sents, vocab["actors"])
        return helpers.target_sentiment(state["scored"], m, model=vocab["target_model"], masker=vocab["masker"])

    stages = [
        ("sentences", lambda: helpers.sentences(articles)),
        # As in the pipeline: VADER alone (the domain extension is scored only in notebook 03).
        ("VADER scoring", lambda: state.setdefault("scored", helpers.score_sentences(sents))),
        ("quotes", lambda: state.setdefault("quotes", helpers.extract_quotes(
            articles, actors=vocab["actors"], affiliations=vocab["affiliations"]))),
        ("voice", lambda: helpers.sentence_voice(state["scored"], state["quotes"])),
        ("mentions+target", mentions_and_target),
        ("frames", lambda: helpers.frame_hits(sents.assign(label=labels), vocab["frames"])),
        ("labels", lambda: helpers.label_hits(articles, vocab["labels"])),
        ("readability", lambda: helpers.readability(articles, sents)),
        ("reuse", lambda: helpers.text_reuse(articles)),
    ]
    print(f"PolNeAR: {n_art:,} articles, {len(sents):,} sentences, "
          f"{sum(map(len, articles['text'])):,} characters; best of {1 if args.cold else args.repeat} run(s)")
    print(f"{'stage':18s} {'wall s':>8s} {'cpu s':>8s} {'articles/s':>11s}")
    print(f"{'VADER alone':18s} {vader_wall:8.3f} {vader_cpu:8.3f} {n_art / vader_wall:11,.0f}"
          f"   ({len(sents) / vader_wall:,.0f} sentences/s)")
    total_wall = total_cpu = 0.0
    for name, fn in stages:
        if name == "VADER scoring":
            state.pop("scored", None)
        if name == "quotes":
            state.pop("quotes", None)
        _, (wall, cpu) = _timed(fn, args.repeat, args.cold)
        total_wall += wall
        total_cpu += cpu
        print(f"{name:18s} {wall:8.3f} {cpu:8.3f} {n_art / wall:11,.0f}")
    print(f"{'sum of stages':18s} {total_wall:8.3f} {total_cpu:8.3f} {n_art / total_wall:11,.0f}")
    print(f"ratio to VADER alone: {total_wall / vader_wall:.2f} (wall), {total_cpu / vader_cpu:.2f} (cpu); "
          f"target <= 1.5")


if __name__ == "__main__":
    main()
