"""The pipeline (layer 6): every table the notebooks use, computed in one pass and cached.

One pass over the corpus computes the per-article tables (so the work can be partitioned over a
dask cluster) plus the corpus-level text reuse. Results are cached as Parquet under
``data/processed/<key>/``; the key hashes the analysis modules' source (not the presentation
modules: a chart colour does not invalidate a cache), the vocabulary files used, the pipeline's
parameters and every article's text, so an unchanged corpus is read back instead of recomputed.
Every table carries the outlet ``label`` beside ``doc_id``.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from .cleaning import load_boilerplate, removed_lines
from .config import CACHE_DIR, DATA_DIR, resolve_path
from .corpus import rejected
from .framing import frame_hits, label_hits, load_frames, load_labels, span_voice, words_by_voice
from .mentions import actor_mentions
from .gazetteer import GAZETTEER_DIR, load_gazetteer
from .masking import Masker, mask_terms
from .quotes import corpus_memory, quotes_and_people
from .quotes.extract import build_vocab, corpus_surnames
from .readability import readability
from .reuse import text_reuse
from .sentences import sentences
from .sentiment import load_sentiment_extension, sentence_voice
from .targets import TARGET_WINDOW, load_target_model, target_sentiment
from .vader import score_sentences
from .vocab import load_actors, load_affiliations, load_sides, load_word_lists

PACKAGE_DIR = Path(__file__).resolve().parent
#: Presentation modules: never imported by the analysis, left out of the cache key.
PRESENTATION_MODULES = ("theme.py", "charts.py", "tables.py", "widgets.py", "findings.py", "typography.py",
                        "report.py")
#: Files whose content changes the results; any change gives a new cache key.
VOCAB_FILES = {"sides": "sides.csv", "actors": "actors.csv", "affiliations": "affiliations.csv",
               "boilerplate": "boilerplate.csv", "frames": "frames.csv", "labels": "labels.csv",
               "extension": "sentiment_extension.csv", "target_model": "models/target_sentiment.json"}
#: Tables analyze() returns, in this order; each is sorted by its key columns.
TABLE_KEYS = {
    "articles": ["doc_id"], "sentences": ["doc_id", "sent"], "quotes": ["doc_id", "start", "end"],
    "people": ["doc_id", "name"], "mentions": ["doc_id", "start", "end"], "frame_hits": ["doc_id", "start", "end", "frame", "term"],
    "label_hits": ["doc_id", "start", "end", "concept", "variant"], "readability": ["doc_id"],
    "removed": ["doc_id", "line"], "reuse": ["doc_id_a", "doc_id_b"], "rejected": ["doc_id", "file"],
}
#: The pipeline's parameters and their defaults (arguments of analyze(), part of the cache key).
DEFAULT_PARAMS = {
    "shingle_size": 5,          # words per shingle in text reuse
    # pairs of articles sharing fewer shingles than this are chance overlaps ("the United States
    # and the"), left out of the reuse table: at 10,000 articles they are 86 % of all pairs
    "reuse_min_shared": 3,
    "voice_threshold": 0.5,     # share of a sentence inside quotes for it to count as "quoted"
    "target_window": TARGET_WINDOW,  # tokens either side of a mention for the window baseline
    "evidence_window": 50,      # characters either side of a label match in its context
}
ARTICLE_COLUMNS_DROPPED = ("raw",)  # kept out of the cache: the files are the source of raw text


class Analysis(dict):
    """The pipeline's tables, by name (``a["quotes"]`` or ``a.quotes``), plus ``key`` (the
    cache key), ``cached`` (read from the cache?), ``params`` and ``timings`` (seconds per stage)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def load_vocabulary(data_dir=None, gazetteer=None, stories=(), **paths):
    """Every vocabulary file the pipeline uses, loaded once: a dict with sides, actors,
    affiliations, gazetteer, words (the word lists of data/words/ and data/reporting_verbs.csv),
    boilerplate, frames, labels, extension, target_model, masker (the target model's mask
    vocabulary: the gazetteer's names and the actors' aliases, compiled once), and ``paths`` (the files, for the cache
    key). Override any file by keyword, e.g. ``load_vocabulary(actors="data/polnear_actors.csv",
    sides="data/polnear_sides.csv", affiliations="data/polnear_affiliations.csv")``. ``stories``:
    the story ids whose story-scoped rows apply (vocab.story_ids(articles) reads them from the
    manifest); rows scoped to other stories are left out."""
    base = Path(data_dir) if data_dir else DATA_DIR
    files = {k: resolve_path(paths.get(k) or base / v) for k, v in VOCAB_FILES.items()}
    sides = load_sides(files["sides"])
    words = load_word_lists(base)
    gaz = load_gazetteer(gazetteer or (base / "gazetteer" if data_dir else GAZETTEER_DIR))
    stories = tuple(sorted(stories or ()))
    out = {"sides": sides, "actors": load_actors(files["actors"], sides, stories), "stories": stories,
           "affiliations": load_affiliations(files["affiliations"], sides), "words": words, "gazetteer": gaz,
           "boilerplate": load_boilerplate(files["boilerplate"]), "frames": load_frames(files["frames"], stories),
           "labels": load_labels(files["labels"], stories), "extension": load_sentiment_extension(files["extension"]),
           "target_model": load_target_model(files["target_model"])}
    out["masker"] = Masker(mask_terms(gaz, out["actors"]))
    out["paths"] = {**files, **{f"words:{Path(p).name}": Path(p) for p in words.paths},
                    **{f"gazetteer:{Path(p).name}": Path(p) for p in gaz.paths}}
    return out


def analysis_sources():
    """The analysis modules of the package (every .py file but the presentation modules), sorted."""
    return sorted(p for p in PACKAGE_DIR.rglob("*.py")
                  if p.name not in PRESENTATION_MODULES or p.parent != PACKAGE_DIR)


def cache_key(articles, vocab, params=None):
    """SHA-256 (first 16 hex digits) of the analysis modules' source, the vocabulary files'
    bytes, the pipeline parameters and every article's doc_id, label, outlet and cleaned text,
    in doc_id order."""
    h = hashlib.sha256()
    for p in analysis_sources():
        h.update(str(p.relative_to(PACKAGE_DIR)).encode())
        h.update(p.read_bytes())
    for name in sorted(vocab["paths"]):
        h.update(name.encode())
        h.update(Path(vocab["paths"][name]).read_bytes())
    h.update(repr(sorted((params or DEFAULT_PARAMS).items())).encode())
    h.update(repr(tuple(vocab.get("stories", ()))).encode())
    cols = [c for c in ("doc_id", "label", "outlet", "text") if c in articles]
    for rec in articles.sort_values("doc_id")[cols].itertuples(index=False):
        for v in rec:
            b = str(v).encode("utf-8")
            h.update(len(b).to_bytes(8, "little"))
            h.update(b)
    return h.hexdigest()[:16]


def _quote_vocab(vocab):
    return build_vocab(vocab["actors"], vocab["affiliations"], vocab["words"], vocab["sides"], vocab["gazetteer"])


def _analyze_part(part, vocab, params, surnames=None):
    """All per-article tables for a slice of the articles frame (the unit of parallel work).
    ``surnames``: corpus_surnames() of the whole corpus, so every slice sees the same names."""
    sents = sentences(part, vocab["words"].abbreviations)
    # VADER alone: the domain extension is a side-by-side sensitivity check (notebook 03), not
    # part of the pipeline's scores, and would double the cost of its slowest stage.
    scored = score_sentences(sents)
    quotes, people = quotes_and_people(part, _quote_vocab(vocab), surnames or {})  # memory and voice: on the corpus
    mentions = actor_mentions(sents, vocab["actors"])
    mentions = target_sentiment(scored, mentions, model=vocab["target_model"], window=params["target_window"],
                                masker=vocab["masker"])
    fh = frame_hits(sents.assign(label=sents["doc_id"].map(dict(zip(part["doc_id"], part["label"])))),
                    vocab["frames"])
    lh = label_hits(part, vocab["labels"], window=params["evidence_window"])
    rd = readability(part, sents)
    removed = removed_lines(part, vocab["boilerplate"])
    return {"sentences": scored, "quotes": quotes, "people": people, "mentions": mentions, "frame_hits": fh, "label_hits": lh,
            "readability": rd, "removed": removed}


def _finish(name, frames):
    """Concatenate a table's partitions and sort it by its key: the same rows in the same order
    whatever the partitioning, so both engines give identical tables."""
    frames = [f for f in frames if f is not None]
    non_empty = [f for f in frames if len(f)]
    df = pd.concat(non_empty, ignore_index=True) if non_empty else (frames[0].iloc[0:0] if frames else pd.DataFrame())
    keys = [k for k in TABLE_KEYS.get(name, []) if k in df.columns]
    if keys and len(df):
        df = df.sort_values(keys, kind="mergesort").reset_index(drop=True)
    return df.reset_index(drop=True)


def _with_labels(name, df, labels):
    """``df`` with the outlet label of its articles: ``label`` after doc_id (``label_a`` and
    ``label_b`` after the pair for reuse); an existing label column is left as it is."""
    if name == "reuse":
        if "label_a" not in df.columns:
            df.insert(1, "label_a", df["doc_id_a"].map(labels).astype(object))
            df.insert(3, "label_b", df["doc_id_b"].map(labels).astype(object))
        return df
    if name != "rejected" and "doc_id" in df.columns and "label" not in df.columns:
        df.insert(df.columns.get_loc("doc_id") + 1, "label", df["doc_id"].map(labels).astype(object))
    return df


def _partitions(articles, n):
    """Split articles into about ``n`` slices of similar total text length, in doc_id order."""
    if len(articles) == 0:
        return [articles]
    arts = articles.sort_values("doc_id").reset_index(drop=True)
    sizes = arts["text"].str.len().to_numpy()
    bounds = np.searchsorted(np.cumsum(sizes), np.linspace(0, sizes.sum(), n + 1)[1:-1])
    cuts = sorted(set([0] + [int(b) + 1 for b in bounds if 0 <= b < len(arts) - 1] + [len(arts)]))
    return [arts.iloc[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def _run_pandas(articles, vocab, params, progress, surnames):
    from tqdm.auto import tqdm
    # Slices of ~250 articles: enough for a live progress bar, few enough that per-call set-up
    # (vocabulary regexes, word caches) is not paid over and over.
    parts = _partitions(articles, max(1, min(len(articles) // 250, 100)))
    bar = tqdm(total=len(articles), desc="analyse", unit="article", disable=not progress)
    out = []
    for p in parts:
        out.append(_analyze_part(p, vocab, params, surnames))
        bar.update(len(p))
    bar.close()
    return out


def package_zip(dest):
    """Write the package as a zip (importable from sys.path) to ``dest``; returns the path."""
    dest = Path(dest)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(PACKAGE_DIR.rglob("*.py")):
            z.write(p, p.relative_to(PACKAGE_DIR.parent).as_posix())
    return dest


def _run_dask(articles, vocab, params, progress, surnames, scheduler=None, n_workers=2):
    from dask.distributed import Client, LocalCluster, as_completed
    from tqdm.auto import tqdm
    if scheduler is None or isinstance(scheduler, int):
        cluster = LocalCluster(n_workers=scheduler or n_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client, own = Client(cluster), True
    elif isinstance(scheduler, str):
        client, own, cluster = Client(scheduler), True, None
    else:
        client, own, cluster = scheduler, False, None  # an existing Client
    try:
        if cluster is None:  # workers of another cluster get this package (they need the requirements)
            with tempfile.TemporaryDirectory() as tmp:
                client.upload_file(str(package_zip(Path(tmp) / "newsframing.zip")))
        workers = max(1, len(client.scheduler_info()["workers"]))
        parts = _partitions(articles, max(1, min(len(articles) // 20, workers * 4)))
        v = client.scatter(vocab, broadcast=True)
        # Corpus-wide text reuse runs on the cluster too, beside the per-article slices.
        reuse = client.submit(text_reuse, articles[["doc_id", "text"]], k=params["shingle_size"],
                              min_shared=params["reuse_min_shared"], pure=False)
        names = client.scatter(surnames, broadcast=True)
        futures = client.map(_analyze_part, parts, vocab=v, params=params, surnames=names, pure=False)
        bar = tqdm(total=len(articles), desc="analyse (dask)", unit="article", disable=not progress)
        sizes = {f.key: len(p) for f, p in zip(futures, parts)}
        for f in as_completed(futures):
            bar.update(sizes[f.key])
        bar.close()
        return client.gather(futures), reuse.result()
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()


def analyze(articles, engine="pandas", cache_dir=CACHE_DIR, vocab=None, progress=True, refresh=False,
            scheduler=None, n_workers=2, **params):
    """Run the whole analysis once and cache it. Returns an Analysis of tables, each with the
    outlet ``label`` beside ``doc_id``:

    - ``articles``: the input without ``raw``; ``rejected`` (from load_corpus);
    - ``sentences``: sentences() + VADER neg/neu/pos/compound + quote_share, voice
      (reporter/quoted), speaker, side;
    - ``quotes``: extract_quotes(); ``people``: every person each article names, with the
      side the article gives them; ``mentions``: actor mentions with target sentiment;
    - ``frame_hits``, ``label_hits``: every lexicon match with its context;
    - ``readability``: per article; ``removed``: every line cleaning removed;
    - ``reuse``: text reuse between articles (doc_id_a, label_a, doc_id_b, label_b, ...; pairs
      sharing at least ``reuse_min_shared`` shingles of ``shingle_size`` words).

    ``params`` (keywords, defaults in DEFAULT_PARAMS): shingle_size, reuse_min_shared,
    voice_threshold, target_window, evidence_window; they are part of the cache key.
    ``engine="pandas"`` runs in this process; ``engine="dask"`` partitions by article over a
    dask.distributed cluster: a LocalCluster of ``n_workers`` processes by default,
    ``scheduler="tcp://host:8786"`` for a running cluster (this package is uploaded to its
    workers), or a Client. Both engines give identical tables. ``cache_dir=None`` disables the
    cache; ``refresh=True`` recomputes.
    """
    if engine not in ("pandas", "dask"):
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    unknown = set(params) - set(DEFAULT_PARAMS)
    if unknown:
        raise TypeError(f"analyze() got unknown parameter(s) {sorted(unknown)}; known: {sorted(DEFAULT_PARAMS)}")
    params = {**DEFAULT_PARAMS, **params}
    vocab = vocab or load_vocabulary()
    key = cache_key(articles, vocab, params)
    where = Path(cache_dir) / key if cache_dir else None
    if where is not None and not refresh and (where / "_complete").exists():
        t0 = time.perf_counter()
        res = Analysis({name: pd.read_parquet(where / f"{name}.parquet") for name in TABLE_KEYS})
        res.key, res.cached, res.params = key, True, params
        res.timings = {"read cache": time.perf_counter() - t0}
        return res
    t0 = time.perf_counter()
    reuse = None
    surnames = corpus_surnames(articles["text"], _quote_vocab(vocab)) if len(articles) else {}
    if len(articles) and engine == "dask":
        parts, reuse = _run_dask(articles, vocab, params, progress, surnames, scheduler, n_workers)
    elif len(articles):
        parts = _run_pandas(articles, vocab, params, progress, surnames)
    else:
        parts = [_analyze_part(articles.assign(raw=articles.get("raw", pd.Series(dtype=str))), vocab, params)]
    t1 = time.perf_counter()
    res = Analysis({name: _finish(name, [p[name] for p in parts]) for name in parts[0]})
    # people introduced in one article and quoted bare in another: needs the whole corpus
    res["quotes"] = corpus_memory(res["quotes"], res["people"])
    res["sentences"] = sentence_voice(res["sentences"], res["quotes"], threshold=params["voice_threshold"])
    for name in ("label_hits", "frame_hits"):  # the outlet's own words vs its sources'
        res[name]["voice"] = span_voice(res[name], res["quotes"])
    if reuse is None:
        reuse = text_reuse(articles, k=params["shingle_size"], min_shared=params["reuse_min_shared"])
    res["reuse"] = reuse
    res["articles"] = articles.drop(columns=[c for c in ARTICLE_COLUMNS_DROPPED if c in articles]).sort_values(
        "doc_id", kind="mergesort").reset_index(drop=True)
    wv = words_by_voice(res["articles"], res["quotes"]).set_index("doc_id")
    res["articles"]["n_words_reporter"] = res["articles"]["doc_id"].map(wv["n_words_reporter"]).astype("int64")
    res["articles"]["n_words_quoted"] = res["articles"]["doc_id"].map(wv["n_words_quoted"]).astype("int64")
    res["rejected"] = rejected(articles)
    labels = dict(zip(articles["doc_id"], articles["label"])) if "label" in articles else {}
    res = Analysis({name: _with_labels(name, _finish(name, [res[name]]), labels) for name in TABLE_KEYS})
    res.key, res.cached, res.params = key, False, params
    res.timings = {"per-article stages": t1 - t0, "tables and text reuse": time.perf_counter() - t1}
    if where is not None:
        _write_cache(res, where)
    return res


def _write_cache(res, where):
    """Write every table as Parquet into a temporary folder, then rename it into place: a
    half-written cache is never read, and two processes filling the same key do not collide."""
    tmp = where.with_name(f"{where.name}.tmp-{os.getpid()}")
    tmp.mkdir(parents=True, exist_ok=True)
    for name in TABLE_KEYS:
        df = res[name].copy()
        for c in df.columns:  # Parquet needs one type per column; object columns are text
            if df[c].dtype == object:
                df[c] = df[c].map(lambda v: v if v is None or isinstance(v, str) else str(v))
        df.to_parquet(tmp / f"{name}.parquet", index=False, compression="zstd")
    (tmp / "_complete").write_text(res.key + "\n")
    try:
        tmp.rename(where)
    except OSError:  # another process got there first (same key, same content), or a stale folder
        if (where / "_complete").exists():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            shutil.rmtree(where, ignore_errors=True)
            tmp.rename(where)
