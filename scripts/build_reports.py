"""Reader PDFs from executed notebooks: no code, a title page, a table of contents, numbered
figures and tables with captions, evidence in an appendix; and one compact findings PDF whose
findings point to the page of the notebook PDF that holds their evidence.

    python scripts/build_reports.py [--out-dir reports] [--build-dir DIR] [--workdir DIR] NOTEBOOK ...

Used by ``make pdf`` (after ``make notebooks`` has executed them) and by the layout tests. Each
notebook ``NN-name.ipynb`` becomes ``OUT/NN-name.pdf``; the findings notebook (``00-findings``)
becomes ``OUT/findings.pdf`` (and a stale ``OUT/00-findings.pdf`` is removed: one findings PDF
ships). Notebooks are built in the order given, the findings notebook last, so that its
pointers can name the pages where the other PDFs put their figures and tables.

How a notebook is prepared (the notebook file itself is never changed):

- no code: inputs and prompts are left out; outputs that only echo an object
  (``PosixPath(...)``, ``<Figure ...>``) are dropped; printed text becomes a note in prose;
- the first cell's ``# title`` and the text under it go on the title page with the corpus
  (number of articles and outlets, their dates, folder and manifest: read from the notebook's
  own parameters, so a papermill run on another corpus says so), the build date and the commit;
- headings move up one level (``##`` is a section in the table of contents);
- a cell tagged ``appendix``, or an output whose metadata says ``workbook.appendix`` (e.g.
  ``helpers.show_table(..., appendix=True)``), moves to the appendix; a pointer with its table
  number and page stays in its place;
- a chart from ``charts.finish`` is a vector PDF with its title as the numbered caption; one
  with ``evidence="NN-name"`` gets a line "Evidence: Figure k on page p of NN-....pdf" from the
  LaTeX labels of the PDFs built before it (the .aux files: the page numbers are xelatex's own).

The LaTeX is compiled here (xelatex, until the table of contents and the references settle),
so the log (``BUILD/NN-name.log``: overfull boxes) and the labels stay available.
"""
from __future__ import annotations

import argparse
import ast
import copy
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from datetime import datetime, timezone
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsframing.report import corpus_facts  # noqa: E402
from newsframing.tables import latex_text  # noqa: E402
from newsframing.typography import typeset, typeset_markdown  # noqa: E402

FINDINGS = "00-findings"
#: Outputs that only echo an object: nothing for a reader.
STRAY = re.compile(r"^\s*(?:PosixPath|WindowsPath|PurePosixPath)\(|^\s*<(?:Figure size|matplotlib|Axes|Figure)\b"
                   r"|^\s*\[<matplotlib|^\s*Text\(")
META = "workbook"
XELATEX_RUNS = 4
LABEL = re.compile(r"\\newlabel\{((?:fig|tab):[^}]+)\}\{\{([^}]*)\}\{([^}]*)\}")


class BuildError(RuntimeError):
    """A reader PDF could not be built: the message names the notebook and the LaTeX error."""


# --- reading a notebook ------------------------------------------------------------------------

def notebook_parameters(nb):
    """The literal values assigned in the cells tagged ``parameters`` and
    ``injected-parameters`` (papermill's and run_notebooks.py's), later ones winning."""
    params = {}
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type != "code" or not {"parameters", "injected-parameters"} & set(tags):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                try:
                    params[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    pass
    return params


_FACTS = {}


def corpus_of(nb, workdir):
    """corpus_facts() for the corpus the notebook's parameters name (CORPUS_DIR, MANIFEST,
    relative to ``workdir``, the folder the notebook ran in); None without them."""
    p = notebook_parameters(nb)
    if "CORPUS_DIR" not in p or "MANIFEST" not in p:
        return None
    corpus, manifest = (Path(workdir) / str(p["CORPUS_DIR"])).resolve(), (Path(workdir) / str(p["MANIFEST"])).resolve()
    key = (corpus, manifest)
    if key not in _FACTS:
        from newsframing.corpus import load_corpus
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arts = load_corpus(corpus, manifest, on_error="reject")
        _FACTS[key] = corpus_facts(arts, corpus, manifest)
    return _FACTS[key]


def _workdir(nb, path, workdir=None):
    """The folder the notebook ran in: ``workdir`` if given, else the notebook's own folder if
    its CORPUS_DIR resolves there (make notebooks executes in place), else the repository's
    notebooks/ (an executed copy saved elsewhere, as the tests do)."""
    if workdir is not None:
        return Path(workdir)
    corpus = notebook_parameters(nb).get("CORPUS_DIR")
    if corpus is not None and (path.parent / str(corpus)).exists():
        return path.parent
    return ROOT / "notebooks"


def commit():
    """The repository's commit (with -dirty when files differ from it), or "unknown"."""
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty", "--abbrev=10"],
                             capture_output=True, text=True, timeout=20)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def build_date():
    """Today (UTC), or SOURCE_DATE_EPOCH's date for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return f"{when.day} {when:%B %Y}"


# --- preparing a notebook for readers -------------------------------------------------------

def shift_headings(md):
    """Markdown with every heading of level 2-6 one level up (outside code fences), so that a
    notebook's "##" sections are the PDF's sections."""
    out, fence = [], False
    for line in md.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        elif not fence and re.match(r"#{2,6}\s", line):
            line = line[1:]
        out.append(line)
    return "\n".join(out)


def _heading_text(md):
    m = re.search(r"^#{1,6}\s+(.+)$", md, re.M)
    return m.group(1).strip() if m else None


def is_stray(output):
    """An output that only echoes an object (a path, a figure handle): nothing for a reader."""
    data = output.get("data", {})
    return (output.get("output_type") in ("display_data", "execute_result") and set(data) == {"text/plain"}
            and bool(STRAY.search(data["text/plain"])))


def _latex(text):
    """Plain text escaped for LaTeX (for pointers built here)."""
    table = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
             "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
    return "".join(table.get(ch, ch) for ch in str(text))


def _raw(tex):
    return nbformat.v4.new_raw_cell(tex, metadata={"raw_mimetype": "text/latex"})


def _title_and_intro(nb):
    """Take the first markdown cell's "# title" line and the text under it (up to the next
    heading, which stays in the body) out of the notebook: (title, intro)."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.split("\n")
        for j, line in enumerate(lines):
            if re.match(r"#\s", line):
                rest = lines[j + 1:]
                k = next((n for n, ln in enumerate(rest) if re.match(r"#{1,6}\s", ln)), len(rest))
                title, intro = line[1:].strip(), "\n".join(lines[:j] + rest[:k]).strip()
                if k < len(rest):
                    cell.source = "\n".join(rest[k:])
                else:
                    del nb.cells[i]
                return title, intro
        break
    return "", ""


def evidence_pointer(anchor, labels):
    """LaTeX for "Evidence: Figure k on page p of NN-name.pdf" from the labels of PDFs already
    built (``labels``: "fig:NAME"/"tab:NAME" -> (pdf, number, page)); without a label, the PDF
    that the anchor's "NN-" prefix names, with no page (and a warning: a pointer must be true)."""
    for kind, word in (("fig", "Figure"), ("tab", "Table")):
        hit = labels.get(f"{kind}:{anchor}")
        if hit:
            pdf, number, page = hit
            return (f"Evidence: {word}~{_latex(number)} on page~{_latex(page)} of "
                    f"\\href{{{_latex(pdf)}}}{{{_latex(pdf)}}}.")
    print(f"build_reports: no figure or table named {anchor!r} in the PDFs built so far; "
          "the pointer names no page", file=sys.stderr)
    prefix = anchor.split("-", 1)[0]
    pdfs = sorted({pdf for pdf, _, _ in labels.values() if pdf.startswith(prefix + "-")})
    return f"Evidence: {_latex(pdfs[0])}." if pdfs else ""


def prepare(nb, stem, facts=None, labels=None, compact=False):
    """A copy of the executed notebook ``nb`` laid out for the reader template (see the module
    doc). ``facts``: corpus_facts() for the title page; ``labels``: see evidence_pointer;
    ``compact``: the findings layout (title block and contents on the first page, charts at
    most half the text height, so findings share pages)."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if "remove" not in c.metadata.get("tags", [])]
    title, intro = _title_and_intro(nb)
    intro = typeset_markdown(intro)
    body, appendix, section, n_moved = [], [], None, 0

    def move(cell_or_outputs, table=None):
        nonlocal n_moved
        n_moved += 1
        key = f"app:{n_moved}"
        if table and table.get("caption"):
            stub = (f"Evidence: Table~\\ref{{{table['label']}}} in the appendix, "
                    f"page~\\pageref{{{key}}}.")
        else:
            stub = f"Evidence: in the appendix, page~\\pageref{{{key}}}."
        body.append(_raw(f"\\par{{\\small\\itshape {stub}}}\\par\\medskip"))
        group = [_raw(f"\\phantomsection\\label{{{key}}}")]
        if section and (not appendix or appendix[-1][0] != section):
            group.insert(0, _raw(f"\\subsection{{{_latex(typeset(section))}}}"))
        appendix.append((section, group + cell_or_outputs))

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = typeset_markdown(shift_headings(cell.source))
            section = _heading_text(cell.source) or section
            body.append(cell)
            continue
        if cell.cell_type != "code":
            body.append(cell)
            continue
        cell.source = ""  # nothing of the code reaches the PDF, whatever the template does
        outputs = []
        for out in cell.get("outputs", []):
            if is_stray(out):
                continue
            data = out.get("data", {})
            if "text/markdown" in data:
                data["text/markdown"] = typeset_markdown(shift_headings(data["text/markdown"]))
                section = _heading_text(data["text/markdown"]) or section
            meta = out.get("metadata", {}).get(META, {})
            fig = meta.get("figure")
            if fig and fig.get("evidence") and labels is not None:
                fig["evidence_tex"] = evidence_pointer(fig["evidence"], labels)
            outputs.append(out)
        whole = "appendix" in cell.metadata.get("tags", [])
        moved = [o for o in outputs if o.get("metadata", {}).get(META, {}).get("appendix")]
        kept = [o for o in outputs if whole is False and o not in moved]
        if kept:
            c = copy.deepcopy(cell)
            c.outputs = kept
            body.append(c)
        for k, group in enumerate([outputs] if whole else [[o] for o in moved]):
            if not group:
                continue
            c = copy.deepcopy(cell)
            c.outputs = group
            if "id" in c:
                c.id = f"{cell.id}-appendix-{k}"  # cell ids stay unique
            table = next((o.get("metadata", {}).get(META, {}).get("table") for o in group
                          if o.get("metadata", {}).get(META, {}).get("table")), None)
            move([c], table)
    if appendix:
        body.append(_raw("\\clearpage\n\\appendix\n\\section{Appendix: evidence}"))
        for _, group in appendix:
            body.extend(group)
    nb.cells = body
    facts = facts or {}
    rows = []
    if facts:
        rows.append(("Corpus", f"{facts['n_articles']:,} article{'s' if facts['n_articles'] != 1 else ''} from "
                               f"{facts['n_outlets']:,} outlet{'s' if facts['n_outlets'] != 1 else ''}"
                               + (f"; {facts['n_rejected']:,} file(s) could not be read" if facts["n_rejected"] else "")))
        rows.append(("Published", facts["dates"]))
        where = facts["folder"] + (f", listed in {facts['manifest']}" if facts["manifest"] else "")
        if where:
            rows.append(("Articles in", where))
    rows.append(("Built", f"{build_date()} from commit {commit()}"))
    rows.append(("Code", f"notebooks/{stem}.ipynb and reports/{stem}.html; this PDF leaves the code out"))
    nb.metadata["title"] = typeset(title or stem)
    nb.metadata["reader"] = {
        "title": typeset(title or stem), "intro": intro, "facts": rows, "compact": compact,
        "kicker": "Outlet-framing workbook \u00b7 " + ("findings" if compact else stem),
        "figure_height": "0.5\\textheight" if compact else "0.7\\textheight"}
    return nb


# --- LaTeX -----------------------------------------------------------------------------------

def exporter():
    """nbconvert's LaTeX exporter with the reader template (templates/reader, which shares the
    workbook template's fonts) and no code."""
    from nbconvert.exporters import LatexExporter
    from traitlets.config import Config
    c = Config()
    c.LatexExporter.template_name = "reader"
    c.LatexExporter.extra_template_basedirs = [str(ROOT / "templates")]
    c.LatexExporter.exclude_input = True
    c.LatexExporter.exclude_input_prompt = True
    c.LatexExporter.exclude_output_prompt = True
    ex = LatexExporter(config=c)
    ex.register_filter("reader_text", latex_text)
    return ex


def compile_latex(build_dir, stem):
    """Run xelatex on ``build_dir/stem.tex`` until the contents and references settle (at most
    XELATEX_RUNS times). Returns the PDF's path; raises BuildError with the log's error."""
    aux = build_dir / f"{stem}.aux"
    toc = build_dir / f"{stem}.toc"
    before = None
    for _ in range(XELATEX_RUNS):
        run = subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", f"{stem}.tex"],
                             cwd=build_dir, capture_output=True, text=True, errors="replace", timeout=600)
        if run.returncode != 0 or not (build_dir / f"{stem}.pdf").exists():
            log = (build_dir / f"{stem}.log").read_text(errors="replace") if (build_dir / f"{stem}.log").exists() else run.stdout
            err = "\n".join(ln for ln in log.splitlines() if ln.startswith("!") or "Error" in ln)[:2000]
            raise BuildError(f"{stem}: xelatex failed:\n{err or log[-2000:]}")
        state = (aux.read_bytes() if aux.exists() else b"", toc.read_bytes() if toc.exists() else b"")
        if state == before:
            break
        before = state
    return build_dir / f"{stem}.pdf"


def read_labels(aux_path, pdf_name):
    """Figure and table labels of a built PDF: "fig:NAME" -> (pdf_name, number, page)."""
    if not Path(aux_path).exists():
        return {}
    return {m.group(1): (pdf_name, m.group(2), m.group(3))
            for m in LABEL.finditer(Path(aux_path).read_text(errors="replace"))}


def page_count(log_path):
    m = re.search(r"Output written on .*?\((\d+) pages?", Path(log_path).read_text(errors="replace"))
    return int(m.group(1)) if m else None


def build(notebooks, out_dir, build_dir=None, workdir=None, quiet=False):
    """Build the reader PDF of every notebook in ``notebooks`` (findings last) into
    ``out_dir``. ``workdir``: the folder the notebooks ran in (default: each notebook's own
    folder, else the repository's notebooks/), which their relative parameters refer to;
    ``build_dir``: where the LaTeX, logs and labels stay (default: a temporary folder, removed).
    Returns [{"notebook", "pdf", "log", "pages"}] in build order; a PDF that fails to compile
    does not stop the others, but the call then raises BuildError naming every failure."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = None
    if build_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="reader-")
        build_dir = tmp.name
    build_dir = Path(build_dir)
    build_dir.mkdir(parents=True, exist_ok=True)
    paths = sorted((Path(p) for p in notebooks), key=lambda p: (p.stem == FINDINGS, 0))
    ex = exporter()
    labels, results, errors = {}, [], []
    try:
        for path in paths:
            compact = path.stem == FINDINGS
            stem = "findings" if compact else path.stem
            nb = nbformat.read(path, as_version=4)
            facts = corpus_of(nb, _workdir(nb, path, workdir))
            ready = prepare(nb, path.stem, facts=facts, labels=labels if compact else None, compact=compact)
            body, resources = ex.from_notebook_node(ready, resources={"metadata": {"name": stem}})
            work = build_dir / stem
            if work.exists():
                shutil.rmtree(work)
            work.mkdir(parents=True)
            (work / f"{stem}.tex").write_text(body, encoding="utf-8")
            for name, data in resources.get("outputs", {}).items():
                target = work / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            try:
                pdf = compile_latex(work, stem)
            except BuildError as e:  # the others still get built; the caller hears of it
                errors.append(str(e))
                print(f"build_reports: {e}", file=sys.stderr, flush=True)
                continue
            target = out_dir / f"{stem}.pdf"
            shutil.copyfile(pdf, target)
            if not compact:
                labels.update(read_labels(work / f"{stem}.aux", target.name))
            res = {"notebook": str(path), "pdf": str(target), "log": str(work / f"{stem}.log"),
                   "pages": page_count(work / f"{stem}.log")}
            results.append(res)
            if not quiet:
                print(f"  {target} ({res['pages']} pages)", flush=True)
        stale = out_dir / f"{FINDINGS}.pdf"
        if any(Path(p).stem == FINDINGS for p in paths) and stale.exists():
            stale.unlink()
    finally:
        if tmp is not None:
            tmp.cleanup()
    if errors:
        raise BuildError(f"{len(errors)} reader PDF(s) failed:\n" + "\n".join(errors))
    return results


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--out-dir", default=str(ROOT / "reports"))
    ap.add_argument("--build-dir", default=None, help="keep the LaTeX, logs and labels here")
    ap.add_argument("--workdir", default=None, help="folder the notebooks ran in (their relative paths)")
    args = ap.parse_args(argv)
    try:
        build(args.notebooks, args.out_dir, args.build_dir, args.workdir)
    except BuildError as e:
        print(f"build_reports: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
