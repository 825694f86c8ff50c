"""Every notebook runs top to bottom in a fresh kernel, is saved clean, and exports to PDF with
every glyph (curly quotes, Cyrillic, Chinese) through the workbook's LaTeX template."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NB_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NB_DIR.glob("[0-9][0-9]-*.ipynb"))
JUPYTER = Path(sys.executable).parent / "jupyter"
sys.path.insert(0, str(ROOT / "scripts"))
from build_reports import STRAY  # noqa: E402


def test_there_are_notebooks():
    names = [p.name for p in NOTEBOOKS]
    assert "01-corpus.ipynb" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_saved_notebook_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "not saved after restart-and-run-all"
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.lstrip().startswith("# ")
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one papermill 'parameters' cell"
    assert "CORPUS_DIR" in tagged[0].source and "MANIFEST" in tagged[0].source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_in_fresh_kernel(path, executed):
    # Charts go to a temporary folder, not to reports/. The per-cell timeout names the cell.
    nb = nbformat.read(executed(path.name), as_version=4)
    outs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outs), "no chart rendered"
    # Every chart comes from charts.finish: a vector PDF beside the PNG, for the reader PDF.
    charts = [o for o in outs if "image/png" in o.get("data", {})]
    assert all("application/pdf" in o["data"] for o in charts), "a chart without its vector form"
    # No output that only echoes an object (a PosixPath(...), a <Figure ...> handle).
    stray = [o["data"]["text/plain"] for o in outs
             if set(o.get("data", {})) == {"text/plain"} and STRAY.search(o["data"]["text/plain"])]
    assert not stray, stray


@pytest.mark.skipif(shutil.which("xelatex") is None or shutil.which("pdftotext") is None,
                    reason="xelatex/pdftotext missing: run `make setup` (scripts/system-deps.sh)")
def test_pdf_export_keeps_headings_cyrillic_and_chinese(tmp_path):
    src = NB_DIR / "01-corpus.ipynb"
    nb = nbformat.read(src, as_version=4)
    probe = "Glyph probe: “curly” – Зеленский встретился — 习近平通电话 …"
    nb.cells.append(nbformat.v4.new_markdown_cell(f"## {probe}"))
    work = tmp_path / "01-probe.ipynb"
    nbformat.write(nb, work)
    subprocess.run([str(JUPYTER), "nbconvert", "--to", "pdf", "--template", "workbook", "--log-level=ERROR",
                    "--TagRemovePreprocessor.enabled=True",
                    "--TagRemovePreprocessor.remove_input_tags=['setup','hide-input']",
                    str(work)], check=True, cwd=tmp_path, timeout=600)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "01-probe.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    assert "Зеленский встретился" in flat
    assert "习近平通电话" in flat.replace(" ", "")
    assert "“curly”" in flat
    headings = [ln.lstrip("#").strip() for c in nb.cells if c.cell_type == "markdown"
                for ln in c.source.splitlines() if ln.startswith("## ")]
    for h in headings[:-1]:
        assert re.sub(r"\W+", "", h) in re.sub(r"\W+", "", flat), h
    # Set-up code is hidden in the report; the analysis and its charts remain.
    assert "use_theme()" not in flat
