"""Sentence segmentation speed on the PolNeAR texts (1,008 real articles, ~755k words).

Prints chars/s and sentences/s for the workbook's rule-based splitter (helpers.sentences) and,
when pysbd is installed, for pysbd on the same texts, so the choice is made with figures.
Run: .venv/bin/python benchmarks/segmentation.py
"""
import importlib.util
import platform

from _common import Timer, polnear_articles

import helpers

arts = polnear_articles()
chars = int(arts["text"].str.len().sum())
helpers.sentences(arts.head(5))  # warm-up
best = None
for _ in range(3):
    with Timer() as t:
        s = helpers.sentences(arts)
    best = t.seconds if best is None else min(best, t.seconds)
print(f"machine: {platform.machine()}, Python {platform.python_version()}")
print(f"corpus: {len(arts):,} articles, {chars:,} characters, {len(s):,} sentences")
print(f"helpers.sentences: {best:.3f} s (best of 3) = {chars / best:,.0f} chars/s, {len(s) / best:,.0f} sentences/s")
if importlib.util.find_spec("pysbd"):
    import pysbd
    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    sample = arts.head(50)
    n = int(sample["text"].str.len().sum())
    with Timer() as t:
        for text in sample["text"]:
            for p in text.split("\n\n"):
                seg.segment(p)
    print(f"pysbd (50 articles): {n / t.seconds:,.0f} chars/s -> {chars / best / (n / t.seconds):,.0f}x slower")
else:
    print("pysbd not installed: see ../shared/PLATFORM.md for its measured speed (~185,000 chars/s)")
