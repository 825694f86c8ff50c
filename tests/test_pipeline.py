"""The cached pipeline: cache reuse and invalidation, engine identity, edge cases, determinism."""
import shutil
from pathlib import Path

import pandas as pd
import pytest

from newsframing.corpus import articles_from_records, load_corpus
from newsframing.pipeline import TABLE_KEYS, analyze, load_vocabulary
from conftest import require_benchmark

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(ROOT / "seeds", ROOT / "data" / "corpus.csv")


@pytest.fixture()
def vocab_copy(tmp_path):
    """A private copy of data/ so a test can edit vocabulary files."""
    d = tmp_path / "data"
    shutil.copytree(ROOT / "data", d, ignore=shutil.ignore_patterns("processed"))
    return d


def test_cache_is_reused_when_nothing_changed(seeds, tmp_path):
    first = analyze(seeds, cache_dir=tmp_path / "cache", progress=False)
    again = analyze(seeds, cache_dir=tmp_path / "cache", progress=False)
    assert not first.cached and again.cached and first.key == again.key
    for name in TABLE_KEYS:
        pd.testing.assert_frame_equal(first[name], again[name], check_dtype=False)


def test_cache_rebuilt_when_vocabulary_changes(seeds, tmp_path, vocab_copy):
    v1 = load_vocabulary(vocab_copy)
    a1 = analyze(seeds, cache_dir=tmp_path / "cache", vocab=v1, progress=False)
    with open(vocab_copy / "frames.csv", "a", encoding="utf-8") as f:
        f.write("test frame,zzz-nonce,zzznonceword,,added by a test\n")
    v2 = load_vocabulary(vocab_copy)
    a2 = analyze(seeds, cache_dir=tmp_path / "cache", vocab=v2, progress=False)
    assert a2.key != a1.key and not a2.cached


def test_cache_rebuilt_when_an_article_changes(seeds, tmp_path):
    a1 = analyze(seeds, cache_dir=tmp_path / "cache", progress=False)
    edited = seeds.copy()
    edited.loc[0, "text"] = edited.loc[0, "text"] + "\n\nA new paragraph."
    a2 = analyze(edited, cache_dir=tmp_path / "cache", progress=False)
    assert a2.key != a1.key and not a2.cached
    assert len(a2.sentences) == len(a1.sentences) + 1


def test_half_written_cache_is_not_read(seeds, tmp_path):
    a1 = analyze(seeds, cache_dir=tmp_path / "cache", progress=False)
    (tmp_path / "cache" / a1.key / "_complete").unlink()
    a2 = analyze(seeds, cache_dir=tmp_path / "cache", progress=False)
    assert not a2.cached


def test_tables_and_offsets(seeds):
    a = analyze(seeds, cache_dir=None, progress=False)
    text = dict(zip(seeds["doc_id"], seeds["text"]))
    assert set(a.articles["doc_id"]) == set(seeds["doc_id"])
    assert "raw" not in a.articles
    for r in a.quotes.itertuples():
        assert text[r.doc_id][r.start:r.end] == r.quote
    for r in a.mentions.itertuples():
        assert text[r.doc_id][r.start:r.end] == r.mention
    assert a.sentences["compound"].between(-1, 1).all()
    assert set(a.sentences["voice"]) <= {"reporter", "quoted"}
    assert len(a.removed) == 9


def test_same_input_gives_byte_identical_parquet(seeds, tmp_path):
    analyze(seeds, cache_dir=tmp_path / "c1", progress=False)
    analyze(seeds, cache_dir=tmp_path / "c2", progress=False)
    (k1,), (k2,) = [list(p.iterdir()) for p in (tmp_path / "c1", tmp_path / "c2")]
    for f in sorted(k1.glob("*.parquet")):
        assert f.read_bytes() == (k2 / f.name).read_bytes(), f.name


def test_empty_corpus_and_one_article(seeds):
    empty = analyze(seeds.iloc[0:0], cache_dir=None, progress=False)
    assert all(len(empty[n]) == 0 for n in TABLE_KEYS)
    assert "compound" in empty.sentences and "speaker" in empty.quotes
    one = analyze(seeds.iloc[[4]], cache_dir=None, progress=False)
    assert set(one.sentences["doc_id"]) == {"004_7037cfa2e97df40a"}
    assert one.reuse.empty and len(one.readability) == 1


def assert_same(a, b):
    for name in TABLE_KEYS:
        pd.testing.assert_frame_equal(a[name], b[name], check_exact=True)


def test_dask_engine_gives_identical_tables_on_seeds(seeds):
    pytest.importorskip("dask.distributed")
    p = analyze(seeds, cache_dir=None, progress=False)
    d = analyze(seeds, cache_dir=None, progress=False, engine="dask", n_workers=2)
    assert_same(p, d)


def test_dask_engine_identical_on_polnear_sample():
    pytest.importorskip("dask.distributed")
    path = require_benchmark("polnear_texts", "polnear_articles.jsonl")
    recs = pd.read_json(path, lines=True)
    sample = recs.groupby("publisher", group_keys=False).head(12)
    arts = articles_from_records(
        [{"doc_id": r.doc_id, "outlet": r.publisher, "text": r.text} for r in sample.itertuples()])
    p = analyze(arts, cache_dir=None, progress=False)
    d = analyze(arts, cache_dir=None, progress=False, engine="dask", n_workers=2)
    assert len(p.sentences) > 1000
    assert_same(p, d)


def test_unknown_engine_is_refused(seeds):
    with pytest.raises(ValueError, match="engine"):
        analyze(seeds, engine="spark", cache_dir=None)
