"""A corpus the workbook was not written for: PolNeAR (US 2016 election news, 7 publishers).

scripts/polnear_to_corpus.py converts the shared texts to the workbook's layout in a temporary
folder (the texts are never copied into the repository); every notebook then runs under papermill
with CORPUS_DIR, MANIFEST, OUTPUT_DIR pointing there and PolNeAR's own configuration (ACTORS,
SIDES and AFFILIATIONS = data/polnear_actors.csv, polnear_sides.csv, polnear_affiliations.csv: the
two 2016 campaigns, other and unknown), and must execute and chart all 7 outlets; the voices
notebook must give quotes to at least two named sides, and reports the unknown share.

By default a stratified sample of 20 articles per publisher (140) keeps the test quick. The full
corpus: WORKBOOK_POLNEAR_PER_OUTLET=0 pytest tests/test_second_corpus.py
Skipped when the shared data is absent (WORKBOOK_BENCHMARKS, default <repo>/../shared/benchmarks).
"""
from __future__ import annotations

import csv
import importlib.util
import json
import os
import warnings
from pathlib import Path

import pytest

from newsframing.corpus import load_corpus, rejected
from newsframing.errors import CorpusWarning
from newsframing.sentences import sentences
from newsframing.vocab import load_actors, load_sides
from conftest import require_benchmark

ROOT = Path(__file__).resolve().parents[1]
PER_OUTLET = int(os.environ.get("WORKBOOK_POLNEAR_PER_OUTLET", "20")) or None
ACTORS = ROOT / "data" / "polnear_actors.csv"
SIDES = ROOT / "data" / "polnear_sides.csv"
AFFILIATIONS = ROOT / "data" / "polnear_affiliations.csv"
_nbs = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
NOTEBOOKS = [n for n in _nbs if not n.startswith("00-")] + [n for n in _nbs if n.startswith("00-")]  # 00 reads the others


def _converter():
    spec = importlib.util.spec_from_file_location("polnear_to_corpus", ROOT / "scripts" / "polnear_to_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


conv = _converter()


@pytest.fixture(scope="module")
def polnear(tmp_path_factory):
    require_benchmark("polnear_texts", "polnear_articles.jsonl")
    base = tmp_path_factory.mktemp("polnear")
    corpus_dir, manifest, n = conv.convert(base / "corpus", per_outlet=PER_OUTLET)
    out = base / "out"
    out.mkdir()
    return {"dir": corpus_dir, "manifest": manifest, "n": n, "out": out, "base": base}


def test_conversion_loads_cleanly(polnear):
    assert polnear["n"] == (140 if PER_OUTLET == 20 else polnear["n"])
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)
        arts = load_corpus(polnear["dir"], polnear["manifest"], on_error="raise")
    assert len(arts) == polnear["n"] and rejected(arts).empty
    assert arts["label"].nunique() == 7 and set(arts["label"]) == set(conv.OUTLETS.values())
    assert (arts.groupby("label").size() == (PER_OUTLET or 144)).all()
    assert (arts["wire"] == "unknown").all() and (arts["evidence"] != "").all()
    s = sentences(arts)
    assert set(s["doc_id"]) == set(arts["doc_id"])


def test_converter_refuses_to_write_into_the_repository(tmp_path):
    with pytest.raises(SystemExit, match="outside the repository"):
        conv.convert(ROOT / "data" / "polnear", per_outlet=1)
    assert not (ROOT / "data" / "polnear").exists()


def test_sample_is_stratified_and_stable():
    require_benchmark("polnear_texts", "polnear_articles.jsonl")
    recs = conv.read_articles()
    a = conv.sample(recs, 5, seed=0)
    assert a == conv.sample(recs, 5, seed=0)
    assert sorted({r["publisher"] for r in a}) == sorted(conv.OUTLETS)
    assert all(sum(r["publisher"] == p for r in a) == 5 for p in conv.OUTLETS)


def test_polnear_actors_file():
    rows = list(csv.DictReader(open(ACTORS, encoding="utf-8")))
    assert rows and list(rows[0]) == ["alias", "actor", "side", "role", "note"]
    aliases = [r["alias"].strip().lower() for r in rows]
    assert len(aliases) == len(set(aliases)), "duplicate alias"
    sides = load_sides(SIDES)
    assert {r["side"] for r in rows} <= set(sides.ids)
    assert {"democrats", "republicans"} <= {r["side"] for r in rows}
    assert all(r["note"].strip() for r in rows), "every row documents its side"
    load_actors(ACTORS, sides)


def _outputs_text(nb):
    """All text and HTML output of an executed notebook, and the number of image outputs."""
    texts, images = [], 0
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            data = o.get("data", {})
            images += any(k.startswith("image/") for k in data)
            for k in ("text/plain", "text/html", "text/markdown"):
                if k in data:
                    texts.append("".join(data[k]))
            if o.get("output_type") == "stream":
                texts.append("".join(o.get("text", "")))
    return "\n".join(texts), images


@pytest.mark.parametrize("nb", NOTEBOOKS)
def test_notebook_runs_on_polnear(polnear, nb):
    pm = pytest.importorskip("papermill")
    out_dir = polnear["out"]
    before = {p.name for p in out_dir.iterdir()}
    result = polnear["base"] / f"executed-{nb}"
    params = {"CORPUS_DIR": str(polnear["dir"]), "MANIFEST": str(polnear["manifest"]), "ACTORS": str(ACTORS),
              "SIDES": str(SIDES), "AFFILIATIONS": str(AFFILIATIONS), "OUTPUT_DIR": str(out_dir),
              "CACHE_DIR": str(polnear["base"] / "cache")}  # derived tables stay out of the repository
    pm.execute_notebook(str(ROOT / "notebooks" / nb), str(result), parameters=params,
                        cwd=str(ROOT / "notebooks"), kernel_name="python3", progress_bar=False,
                        execution_timeout=900, log_output=False)
    executed = json.loads(result.read_text())
    text, images = _outputs_text(executed)
    errors = [o for c in executed["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    assert images > 0, f"{nb}: no chart on the PolNeAR corpus"
    new_csvs = [p for p in out_dir.glob("*.csv") if p.name not in before]
    text += "\n".join(p.read_text(encoding="utf-8") for p in new_csvs)
    missing = [o for o in conv.OUTLETS.values() if o not in text]
    assert not missing, f"{nb}: outlets missing from the outputs and chart data: {missing}"


def test_voices_on_polnear_give_quotes_to_both_campaigns(polnear):
    """Runs after the notebooks (file order): 02-voices wrote its per-side table for PolNeAR."""
    path = polnear["out"] / "02-quoted-words-per-story.csv"
    if not path.exists():
        pytest.skip("02-voices did not run on PolNeAR in this session (run the whole module)")
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    quotes = {r["side"]: int(r["quotes"]) for r in rows}
    sides = load_sides(SIDES)
    named = [sides.label(s) for s in sides.ids if s not in ("other", "unknown")]
    carrying = [n for n in named if quotes.get(n, 0) > 0]
    total = sum(quotes.values())
    unknown = quotes.get(sides.label("unknown"), 0)
    print(f"PolNeAR sample: {total} speech quotes; unknown side {unknown} ({unknown / max(1, total):.0%}); "
          + ", ".join(f"{k} {v}" for k, v in quotes.items()))
    assert len(carrying) >= 2, f"named sides with quotes: {carrying} of {named} ({quotes})"
