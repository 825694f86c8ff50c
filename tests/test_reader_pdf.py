"""Reader PDFs: what make report hands a reader. The pieces (typography, tables that fit the
line, charts laid out without overlaps, the source line, the build's preparation of a
notebook), a probe notebook of every awkward shape built end to end, and the layout test over
every reader PDF of the workbook's own notebooks: no word within 54 pt of the right edge, no
raster chart, no code, no text below 6 pt, no large overfull box; the findings PDF with no
half-empty page and pointers to the pages that really hold the evidence."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import build_reports  # noqa: E402
import check_pdfs  # noqa: E402

from newsframing import charts  # noqa: E402
from newsframing.report import corpus_source, date_range  # noqa: E402
from newsframing.tables import LINE_PT, Table, text_width  # noqa: E402
from newsframing.typography import smart_quotes, trim_context, trim_evidence, true_minus  # noqa: E402

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
HAVE_LATEX = shutil.which("xelatex") and shutil.which("pdftotext") and shutil.which("pdfimages")
needs_latex = pytest.mark.skipif(not HAVE_LATEX, reason="xelatex/poppler missing: run scripts/system-deps.sh")


# --- typography ----------------------------------------------------------------------------------

def test_quotes_turn_the_right_way_and_minus_signs_are_true():
    assert smart_quotes('the "no limits" partnership') == "the \u201cno limits\u201d partnership"
    assert smart_quotes("'crisis' isn't ('war')") == "\u2018crisis\u2019 isn\u2019t (\u2018war\u2019)"
    assert true_minus("mean -0.12 (-3) vs +0.3") == "mean \u22120.12 (\u22123) vs +0.3"
    assert true_minus("2019-2023, Xi-Zelensky, e-mail") == "2019-2023, Xi-Zelensky, e-mail"


def test_contexts_are_cut_at_whole_words():
    text = "Moscow calls it a special military operation, not a war."
    i = text.index("special")
    left, match, right = trim_context(text, i, i + len("special military operation"), 10)
    assert (left, match, right) == ("\u2026 it a ", "special military operation", ", not a \u2026")
    assert trim_context(text, i, i + 7, 100)[0] == "Moscow calls it a "  # nothing cut, no ellipsis
    assert trim_evidence("alls it a [war], not a wa") == "\u2026 it a [war], not a \u2026"


# --- tables ----------------------------------------------------------------------------------------

def _column_fractions(latex):
    return [float(x) for x in re.findall(r"p\{([\d.]+)\\dimexpr", latex)]


def test_a_wide_table_fits_the_line_or_splits_with_row_numbers():
    df = pd.DataFrame({"label": ["Unidentified B (Reuters rewrite)", "CBC News (by style, Reuters)"],
                       **{f"flesch_reading_ease_{i}": [-1.25, 33.5] for i in range(16)}})
    tex = Table(df, caption="Sixteen columns")._repr_latex_()
    parts = tex.split(r"\begin{tabular}") if r"\begin{tabular}" in tex else tex.split(r"\begin{longtable}")
    assert len(parts) - 1 == 2, "a table too wide for the line is split in two"
    assert "(part 1 of 2)" in tex and "(part 2 of 2)" in tex and r"\addtocounter{table}{-1}" in tex
    for part in parts[1:]:
        assert sum(_column_fractions(part.split("\n", 1)[0])) <= 1.0001
    assert "\u22121.25" in tex and "flesch reading ease 0" in tex   # true minus, headers can wrap


def test_running_text_wraps_and_columns_never_exceed_their_words():
    quote = "As a permanent member of the UN Security Council we will neither sit idly by nor pour oil on fire. " * 3
    df = pd.DataFrame({"label": ["The Moscow Times (AFP)"] * 3, "speaker": ["Xi Jinping"] * 3, "quote": [quote] * 3})
    t = Table(df, caption='Every "quote"')
    tex = t._repr_latex_()
    fr = _column_fractions(tex)
    assert len(fr) == 3 and fr[2] == max(fr) and sum(fr) <= 1.0001
    avail = LINE_PT - 2 * 3.0 * 2
    assert fr[0] * avail >= text_width("Unidentified", 10 * 0.92) or fr[0] * avail >= text_width("Moscow", 10 * 0.92)
    assert "\\caption{Every \u201cquote\u201d}" in tex and f"\\label{{{t.label()}}}" in tex


def test_evidence_tables_carry_their_placement_and_a_cell_never_reads_as_an_option():
    t = Table(pd.DataFrame({"left": ["alls it a "], "match": ["war"], "right": [" and the wa"],
                            "note": ["[1] a note"]}), caption="KWIC", appendix=True)
    tex = t._repr_latex_()
    assert "\\textbf{war}" in tex and "and the \u2026" in tex and "{[}1{]}" in tex
    assert t.metadata()["workbook"]["appendix"] is True


# --- charts ----------------------------------------------------------------------------------------

def _bbox(artist, fig):
    r = fig.canvas.get_renderer()
    return artist.get_window_extent(r)


def test_finish_places_legend_and_source_clear_of_the_chart_and_saves_vector(tmp_path, monkeypatch):
    from newsframing import theme
    theme.use_theme()
    shown = []
    monkeypatch.setattr(charts, "_in_ipython", lambda: False)
    monkeypatch.setattr(charts.plt, "show", lambda: shown.append(True))
    d = pd.DataFrame({"a": [3, 5, 2], "b": [4, 1, 5]}, index=["Unidentified B (Reuters rewrite)", "CBC", "X"])
    fig, ax = charts.figure(rows=len(d))
    legend = charts.stacked(ax, d, {"a": "#0072B2", "b": "#E69F00"}, {"b": "///"}, {"a": "part a", "b": "part b"})
    captured = {}
    monkeypatch.setattr(charts.plt, "close", lambda f: captured.setdefault("fig", f))
    charts.finish(fig, "probe", d.reset_index(), title="A 'probe': -1", subtitle="Units", n=3, legend=legend,
                  source="3 articles", note="A note.", out_dir=tmp_path)
    fig = captured["fig"]
    leg = fig.legends[0]
    axes_box = ax.get_tightbbox(fig.canvas.get_renderer())
    texts = {t.get_text().split("\n")[0]: t for t in fig.texts}
    source = next(t for k, t in texts.items() if k.startswith("Source:"))
    title = next(t for k, t in texts.items() if k.startswith("A \u2018probe\u2019"))
    assert "\u22121" in title.get_text()                         # typeset title
    assert _bbox(leg, fig).y1 <= axes_box.y0 + 0.5               # legend under the axes and their labels
    assert _bbox(source, fig).y1 <= _bbox(leg, fig).y0 + 0.5     # source line under the legend
    assert _bbox(title, fig).y0 >= axes_box.y1 - 0.5             # title above
    assert (tmp_path / "probe.pdf").exists() and (tmp_path / "probe.csv").exists()
    w = fig.get_figwidth() * fig.dpi
    assert axes_box.x0 >= -0.5 and axes_box.x1 <= w + 0.5         # fitted to the chart's width


def test_heatmap_is_vector():
    fig, ax = charts.figure(rows=3)
    charts.heatmap(ax, pd.DataFrame(np.arange(9.0).reshape(3, 3), index=list("abc"), columns=list("xyz")),
                   colorbar="share")
    assert not ax.images, "imshow would embed a bitmap in the PDF"
    matplotlib.pyplot.close(fig)


# --- the source line -------------------------------------------------------------------------------

def test_the_source_line_names_the_corpus_analysed(corpus):
    arts = corpus.load()
    line = corpus_source(arts, corpus.dir, corpus.manifest, "quotes by the workbook's rules")
    assert line.startswith("2 articles from 1 outlet (publication dates not recorded)")
    assert "corpus/" in line and "corpus.csv" in line and "seeds" not in line
    arts["published"] = ["2023-04-26", "2023-05-02"]
    assert date_range(arts) == "26 April \u2013 2 May 2023"
    assert "published 26 April \u2013 2 May 2023" in corpus_source(arts)


# --- the build's preparation of a notebook --------------------------------------------------------

def _nb(*cells):
    return nbformat.v4.new_notebook(cells=list(cells))


def test_prepare_takes_the_title_drops_code_and_stray_outputs_and_moves_evidence():
    code = nbformat.v4.new_code_cell("x = 1")
    code.outputs = [nbformat.v4.new_output("display_data", data={"text/plain": "PosixPath('/tmp/x')"}),
                    nbformat.v4.new_output("display_data", data={"text/latex": "T", "text/plain": "t"},
                                           metadata={"workbook": {"table": {"label": "tab:x", "caption": "C"},
                                                                  "appendix": True}}),
                    nbformat.v4.new_output("display_data", data={"text/markdown": "## A finding"})]
    nb = _nb(nbformat.v4.new_markdown_cell("# 07 · Title\n\nWhat it shows.\n\n## Section"), code)
    ready = build_reports.prepare(nb, "07-probe", facts=None)
    assert ready.metadata["reader"]["title"] == "07 · Title" and ready.metadata["reader"]["intro"].startswith("What")
    sources = [c.source for c in ready.cells]
    assert all(c.source == "" for c in ready.cells if c.cell_type == "code")
    assert "# Section" in sources[0]                             # ## is a section of the PDF
    outs = [o for c in ready.cells if c.cell_type == "code" for o in c.outputs]
    assert not any("PosixPath" in str(o.get("data")) for o in outs)
    assert [o["data"].get("text/markdown") for o in outs if "text/markdown" in o["data"]] == ["# A finding"]
    raw = "\n".join(c.source for c in ready.cells if c.cell_type == "raw")
    assert "Table~\\ref{tab:x} in the appendix" in raw and "\\section{Appendix: evidence}" in raw
    assert sources.index(next(s for s in sources if "Appendix: evidence" in s)) < len(sources) - 1


# --- a probe notebook, end to end ----------------------------------------------------------------

PROBE = [
    ("markdown", "# 01 · Probe: every shape a reader's PDF must take\n\nWhat it shows: tables, charts, evidence."),
    ("code", "import numpy as np, pandas as pd\nimport helpers\nfrom helpers import charts\nhelpers.use_theme()"),
    ("parameters", 'CORPUS_DIR = "../seeds"\nMANIFEST = "../data/corpus.csv"\nOUTPUT_DIR = "figures"'),
    ("code", "articles = helpers.load_corpus(CORPUS_DIR, MANIFEST, on_error='reject')\n"
             "charts.setup(out_dir=OUTPUT_DIR, source=helpers.corpus_source(articles, CORPUS_DIR, MANIFEST, 'probe'))\n"
             "print('A printed note with a long token: ' + 'x' * 120)"),
    ("markdown", "## Wide and long tables fit the page"),
    ("code", "wide = pd.DataFrame({'label': articles['label'], **{f'flesch_reading_ease_{i}': "
             "np.linspace(-1.5, 80, len(articles)) for i in range(16)}})\n"
             "helpers.show_table(wide, caption='Sixteen numeric columns')\n"
             "long = pd.DataFrame({'label': np.repeat(articles['label'].values, 8), 'kind': 'direct', "
             "'speaker': 'Volodymyr Zelensky', 'speaker_as_written': 'the Ukrainian president', 'cue': 'said', "
             "'side': 'ukraine', 'side_source': 'actors', 'via': 'Twitter', "
             "'quote': articles['text'].str.slice(0, 300).repeat(8).values})\n"
             "helpers.show_table(long, caption='Every quote', max_rows=60)"),
    ("markdown", "## A chart, and its evidence in the appendix"),
    ("code", "d = pd.DataFrame({'a': [3, 5, 2, 6, 1], 'b': [4, 1, 5, 2, 6]}, index=articles['label'])\n"
             "fig, ax = charts.figure(rows=len(d))\n"
             "legend = charts.stacked(ax, d, {'a': '#0072B2', 'b': '#E69F00'}, {'b': '///'}, {'a': 'part a', 'b': 'part b'})\n"
             "charts.finish(fig, '01-probe-chart', d.reset_index(), title=\"A 'probe' chart\", subtitle='Units', n=5, "
             "legend=legend)\n"
             "helpers.show_table(helpers.kwic(articles, 'Zelensky')[['label', 'left', 'match', 'right']], "
             "caption='Keyword in context', appendix=True)"),
]
FINDINGS = [
    ("markdown", "# 00 · Findings: a probe\n\nEach finding points to its evidence."),
    ("parameters", 'CORPUS_DIR = "../seeds"\nMANIFEST = "../data/corpus.csv"\nOUTPUT_DIR = "figures"'),
    ("code", "import pandas as pd\nimport helpers\nfrom helpers import charts\nhelpers.use_theme()\n"
             "charts.setup(out_dir=OUTPUT_DIR, source='probe')\n"
             "helpers.show_finding('1. A finding')\n"
             "fig, ax = charts.figure(rows=3)\ncharts.hbar(ax, list('abc'), [1, 2, 3])\n"
             "charts.finish(fig, '00-probe', pd.DataFrame({'v': [1, 2, 3]}), title='A chart', "
             "evidence='01-probe-chart')"),
]


def _write(cells, path):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    for kind, src in cells:
        if kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(src))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(src, metadata={"tags": ["parameters"]} if kind == "parameters" else {}))
    nbformat.write(nb, path)


def _page_text(pdf, page):
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


@needs_latex
@pytest.mark.timeout(600)
def test_probe_notebooks_build_clean_reader_pdfs_with_true_pointers(tmp_path):
    from run_notebooks import execute_notebook
    src, done, out, build = tmp_path / "src", tmp_path / "done", tmp_path / "out", tmp_path / "build"
    src.mkdir()
    params = {"CORPUS_DIR": str(ROOT / "seeds"), "MANIFEST": str(ROOT / "data" / "corpus.csv"),
              "OUTPUT_DIR": str(tmp_path / "figures")}
    for cells, name in ((PROBE, "01-probe.ipynb"), (FINDINGS, "00-findings.ipynb")):
        _write(cells, src / name)
        execute_notebook(src / name, done / name, params=params)
    results = build_reports.build([done / "01-probe.ipynb", done / "00-findings.ipynb"], out, build,
                                  workdir=src, quiet=True)
    assert [Path(r["pdf"]).name for r in results] == ["01-probe.pdf", "findings.pdf"]
    for r in results:
        problems, _ = check_pdfs.check(r["pdf"], src / Path(r["notebook"]).name, r["log"])
        assert not problems, (r["pdf"], problems)
    text = subprocess.run(["pdftotext", str(out / "findings.pdf"), "-"], capture_output=True, text=True).stdout
    m = re.search(r"Evidence: Figure\s+(\d+)\s+on\s+page\s+(\d+)\s+of\s+01-probe\.pdf", text)
    assert m, "the findings PDF points to the figure that holds the evidence"
    assert f"Figure {m.group(1)}: A \u2018probe\u2019 chart" in _page_text(out / "01-probe.pdf", int(m.group(2)))
    probe = subprocess.run(["pdftotext", str(out / "01-probe.pdf"), "-"], capture_output=True, text=True).stdout
    assert "5 articles from 5 outlets" in probe and "Contents" in probe       # title page, contents
    assert re.search(r"Table \d+: Keyword in context", probe.split("Appendix: evidence")[-1])


# --- every reader PDF of the workbook ----------------------------------------------------------

@pytest.fixture(scope="module")
def reader_pdfs(executed, tmp_path_factory):
    if not HAVE_LATEX:
        pytest.skip("xelatex/poppler missing: run scripts/system-deps.sh")
    done, failed = [], {}
    for name in NOTEBOOKS:
        try:
            done.append(executed(name))
        except Exception as e:  # noqa: BLE001 - reported by test_notebooks; nothing to lay out
            failed[name] = str(e).splitlines()[0]
    base = tmp_path_factory.mktemp("reader")
    results = build_reports.build(done, base / "out", base / "build", workdir=ROOT / "notebooks", quiet=True)
    return {Path(r["notebook"]).name: r for r in results}, failed


@needs_latex
@pytest.mark.timeout(900)
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_reader_pdf_layout(reader_pdfs, name):
    built, failed = reader_pdfs
    if name in failed:
        pytest.skip(f"{name} did not execute (see test_notebooks): {failed[name]}")
    r = built[name]
    problems, n_pages = check_pdfs.check(r["pdf"], ROOT / "notebooks" / name, r["log"])
    assert not problems, f"{Path(r['pdf']).name} ({n_pages} pages):\n" + "\n".join(problems)
    if name.startswith("00-"):
        assert Path(r["pdf"]).name == "findings.pdf"
        assert not (Path(r["pdf"]).parent / "00-findings.pdf").exists(), "one findings PDF ships"
