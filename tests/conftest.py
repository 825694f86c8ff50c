"""Shared fixtures: a small corpus folder built in a temporary directory, so that each test can
add exactly the bad file it is about and check that the good articles still load."""
from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Where the shared benchmark data sits (never copied into the repository).
BENCHMARKS = Path(os.environ.get("WORKBOOK_BENCHMARKS", ROOT.parent / "shared" / "benchmarks"))


def require_benchmark(*parts):
    """The path of a shared benchmark file. Absent: the test is skipped on a developer's machine
    (the skip summary names it) but FAILS when the CI variable is set, so CI can never go green
    by skipping the tests that measure the workbook against external gold data."""
    path = BENCHMARKS.joinpath(*parts)
    if not path.exists():
        msg = (f"{path} not found: shared benchmark data absent "
               "(set WORKBOOK_BENCHMARKS to the folder holding ggt_quotes/, newsmtsc/, ...)")
        if os.environ.get("CI"):
            pytest.fail(msg + "; CI must have it", pytrace=False)
        pytest.skip(msg)
    return path

GOOD = {
    "good_a": "Officials met in Beijing on Tuesday. They discussed trade.\n\nA spokesman said the talks were \u201cfrank\u201d.\n",
    "good_b": "The minister spoke to reporters in Kyiv. \"We will not give up,\" he said.\n\nTalks continue next week.\n",
}


class Corpus:
    """A corpus folder (``dir``) with a manifest (``manifest``, outside the folder) that tests
    extend with ``add`` (bytes or text) and rewrite with ``write_manifest``."""

    def __init__(self, base: Path):
        self.base = base
        self.dir = base / "corpus"
        self.dir.mkdir()
        self.manifest = base / "corpus.csv"
        self.rows: list[dict] = []
        for doc, text in GOOD.items():
            self.add(doc, text)

    def add(self, doc_id, content, file=None, listed=True, outlet="Test Outlet"):
        file = file or f"{doc_id}.txt"
        path = self.dir / file
        if content is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        if listed:
            self.rows.append({"doc_id": doc_id, "file": file, "outlet": outlet})
        self.write_manifest()
        return path

    def write_manifest(self, rows=None, columns=("doc_id", "file", "outlet")):
        with open(self.manifest, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(columns), extrasaction="ignore")
            w.writeheader()
            w.writerows(self.rows if rows is None else rows)

    def load(self, **kw):
        from newsframing.corpus import load_corpus
        return load_corpus(self.dir, self.manifest, **kw)


@pytest.fixture
def corpus(tmp_path):
    return Corpus(tmp_path)


class ExecutedNotebooks:
    """Notebooks executed once per test session, on demand: ``executed(name)`` runs
    notebooks/<name> in a fresh kernel (from the notebooks' folder, charts to a temporary
    folder) the first time and returns the saved copy's path; a notebook that fails raises
    scripts/run_notebooks.py's NotebookError, every time it is asked for."""

    def __init__(self, out):
        self.out = out
        self.done = {}

    def __call__(self, name):
        if name not in self.done:
            if str(ROOT / "scripts") not in sys.path:
                sys.path.insert(0, str(ROOT / "scripts"))
            from run_notebooks import NotebookError, execute_notebook
            try:
                execute_notebook(ROOT / "notebooks" / name, self.out / name,
                                 params={"OUTPUT_DIR": str(self.out / "figures")})
                self.done[name] = self.out / name
            except NotebookError as e:
                self.done[name] = e
        result = self.done[name]
        if isinstance(result, Exception):
            raise result
        return result


@pytest.fixture(scope="session")
def executed(tmp_path_factory):
    """See ExecutedNotebooks: shared by the notebook tests and the reader-PDF tests, so each
    notebook runs once per session."""
    return ExecutedNotebooks(tmp_path_factory.mktemp("executed"))
