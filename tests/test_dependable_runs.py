"""Dependable runs: a hung cell fails fast with a message naming notebook and cell, re-runs save
byte-identical notebooks (`make lab` is tested in test_lab_browser.py)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from run_notebooks import KERNELSPEC, NotebookError, execute_notebook  # noqa: E402


def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# probe")] + [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nb, path)
    return path


@pytest.mark.timeout(180)
def test_cell_timeout_fires_and_names_notebook_and_cell(tmp_path):
    nb = _notebook(tmp_path / "sleepy.ipynb", "x = 1", "import time\ntime.sleep(600)", "y = 2")
    with pytest.raises(NotebookError) as e:
        execute_notebook(nb, timeout=3)
    msg = str(e.value)
    assert "sleepy.ipynb" in msg and "cell 3 of 4" in msg and "code cell 2" in msg
    assert "import time" in msg and "within 3 s" in msg


@pytest.mark.timeout(180)
def test_cell_error_names_notebook_and_cell(tmp_path):
    nb = _notebook(tmp_path / "broken.ipynb", "x = 1", "raise ValueError('bad corpus')")
    with pytest.raises(NotebookError, match=r"broken\.ipynb: cell 3 of 3 .*raised an error[\s\S]*bad corpus"):
        execute_notebook(nb, timeout=60)


@pytest.mark.timeout(180)
def test_runner_cli_exits_nonzero_with_the_message(tmp_path):
    nb = _notebook(tmp_path / "sleepy.ipynb", "import time\ntime.sleep(600)")
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "run_notebooks.py"), "--timeout", "2", str(nb)],
                       capture_output=True, text=True, timeout=170)
    assert r.returncode == 1
    assert "sleepy.ipynb: cell 2 of 2" in r.stderr and "no reply within 2 s" in r.stderr


def test_saved_widgets_and_kernelspec_are_normalised(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (workbook)", "language": "python"}
    nb.metadata["widgets"] = {"state": {"abc": {}}}
    out = nbformat.v4.new_output("display_data", data={
        "text/plain": "[explorer]", "application/vnd.jupyter.widget-view+json": {"model_id": "abc"}})
    nb.cells = [nbformat.v4.new_code_cell("w", outputs=[out])]
    from run_notebooks import normalise
    normalise(nb)
    assert nb.metadata["kernelspec"] == KERNELSPEC and "widgets" not in nb.metadata
    assert nb.cells[0].outputs[0]["data"] == {"text/plain": "[explorer]"}


@pytest.mark.timeout(600)
def test_rerun_is_byte_identical_cold_and_warm_cache(tmp_path):
    """01-corpus (tables, charts, the pipeline cache) executed twice: first on an empty cache,
    then reading it back. The saved files must be identical byte for byte."""
    src = ROOT / "notebooks" / "01-corpus.ipynb"
    params = {"CACHE_DIR": str(tmp_path / "cache"), "OUTPUT_DIR": str(tmp_path / "figures")}
    execute_notebook(src, tmp_path / "cold.ipynb", params=params)
    assert any((tmp_path / "cache").iterdir()), "the first run should have filled the cache"
    execute_notebook(src, tmp_path / "warm.ipynb", params=params)
    assert (tmp_path / "cold.ipynb").read_bytes() == (tmp_path / "warm.ipynb").read_bytes()
