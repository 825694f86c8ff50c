"""Check reader PDFs for what a reader would see go wrong, with poppler's own tools.

    python scripts/check_pdfs.py [--notebooks DIR] [--logs DIR] PDF [PDF ...]

- overflow: no word within RIGHT_MARGIN_PT of a page's right edge (``pdftotext -bbox`` drops
  what runs past the edge, so a table or a line that runs off the page shows in the margin);
- raster: no raster image (``pdfimages -list``): charts are vector;
- code: no line of the notebook's code (``--notebooks``: NN-name.pdf is checked against
  NN-name.ipynb, findings.pdf against 00-findings.ipynb) and no echo of an object
  (``PosixPath(``, ``<Figure size``);
- typography: no closing quote opening a word, no hyphen for a minus sign, no middle dot
  without its spaces;
- small text: no word smaller than MIN_WORD_PT (the height of its box: chart text scaled down
  until it cannot be read);
- half-empty pages (findings.pdf): no page but the last filled less than half;
- overfull boxes: no ``Overfull \\hbox`` wider than OVERFULL_PT in xelatex's log (``--logs``:
  the build folder of scripts/build_reports.py, holding NAME/NAME.log).

Prints one line per PDF and each problem; exits 1 if any PDF has a problem. Used by
``make report`` and by tests/test_reader_pdf.py.
"""
from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import nbformat

RIGHT_MARGIN_PT = 54.0
OVERFULL_PT = 3.0
#: Smallest box height of a printed word, points: 7.0 pt is DejaVu Sans at 6 pt, the smallest
#: size that prints legibly (the charts of the first PDFs printed at 5 to 6 pt).
MIN_WORD_PT = 7.0
#: A code line is looked for by its first CODE_PREFIX characters (white space collapsed).
CODE_PREFIX = 28
STRAY = re.compile(r"PosixPath\(|WindowsPath\(|<Figure size|<matplotlib\.|<Axes[: ]")
#: Typography a reader notices: a closing quote opening a word (’s, ’90s are elisions), a
#: hyphen standing in for a minus sign, a middle dot glued to a word.
TYPO = {"closing quote in opening position": re.compile(r"(?<![\w’‘“”])(?:”|’(?!(?:s|t|re|ll|ve|d|m|em|n)\b|\d\d))\w"),
        "hyphen as a minus sign": re.compile(r"(?<![\w.,)\]-])-\d"),
        "middle dot without its spaces": re.compile(r"\w·|·\w")}
_XHTML = "{http://www.w3.org/1999/xhtml}"


def pages(pdf):
    """Every page of ``pdf`` as (width, height, words), a word being (text, x0, y0, x1, y1)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(out)
    result = []
    for p in root.iter(f"{_XHTML}page"):
        words = [(w.text or "", float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")))
                 for w in p.iter(f"{_XHTML}word")]
        result.append((float(p.get("width")), float(p.get("height")), words))
    return result


def margin_words(pdf, margin=RIGHT_MARGIN_PT, parsed=None):
    """Words reaching within ``margin`` points of the right edge: [(page, word, x1)]."""
    return [(i + 1, w[0], round(w[3], 1)) for i, (width, _, words) in enumerate(parsed or pages(pdf))
            for w in words if w[3] > width - margin]


def raster_images(pdf):
    """The raster images in ``pdf`` (pdfimages -list rows, header removed)."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [ln for ln in out.splitlines()[2:] if ln.strip()]


def small_words(parsed, limit=MIN_WORD_PT):
    """Words whose box is lower than ``limit`` points: [(page, word, height)]."""
    # Words of one or two characters are left out: turned 90 degrees (a y-axis label), a
    # word's box is as high as the word is long.
    return [(i + 1, w[0], round(w[4] - w[2], 1)) for i, (_, _, words) in enumerate(parsed)
            for w in words if w[4] - w[2] < limit and len(w[0].strip(".,:;·•-–—()")) > 2]


def half_empty_pages(parsed):
    """Pages before the last whose lowest word (the page number aside) sits above the middle
    of the page: [(page, filled share)]."""
    out = []
    for i, (_, height, words) in enumerate(parsed[:-1]):
        body = [w for w in words if w[2] < height - 60]  # the page number sits in the foot
        low = max((w[4] for w in body), default=0.0)
        if low < height / 2:
            out.append((i + 1, round(low / height, 2)))
    return out


def _flat(text):
    return re.sub(r"\s+", " ", text)


def code_lines(notebook):
    """Distinctive lines of the notebook's code cells (calls and assignments, not comments or
    string continuations), white space collapsed, cut to CODE_PREFIX characters."""
    nb = nbformat.read(notebook, as_version=4)
    found = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            line = _flat(line.strip())
            if len(line) < CODE_PREFIX or line.startswith(("#", '"', "'", 'f"', "f'")):
                continue
            if "(" in line or " = " in line or "[" in line:
                found.add(line[:CODE_PREFIX])
    return sorted(found)


def code_in_pdf(parsed, notebook):
    """Code lines of ``notebook`` that appear in the PDF's text."""
    text = _flat(" ".join(w[0] for _, _, words in parsed for w in words))
    return [ln for ln in code_lines(notebook) if ln in text]


def typography(parsed):
    """Typographic slips in the PDF's text: [(kind, excerpt)]."""
    text = "\n".join(" ".join(w[0] for w in words) for _, _, words in parsed)
    return [(kind, text[max(0, m.start() - 20):m.end() + 20].replace("\n", " "))
            for kind, rx in TYPO.items() for m in rx.finditer(text)]


def stray_outputs(parsed):
    text = " ".join(w[0] for _, _, words in parsed for w in words)
    return sorted(set(STRAY.findall(text)))


def overfull(log, limit=OVERFULL_PT):
    """Overfull \\hbox warnings wider than ``limit`` points in an xelatex log: [(points, line)]."""
    text = Path(log).read_text(errors="replace")
    return [(float(m.group(1)), m.group(0)) for m in re.finditer(r"Overfull \\hbox \(([\d.]+)pt too wide\)[^\n]*", text)
            if float(m.group(1)) > limit]


def notebook_for(pdf, notebooks_dir):
    name = Path(pdf).stem
    path = Path(notebooks_dir) / (("00-findings" if name == "findings" else name) + ".ipynb")
    return path if path.exists() else None


def check(pdf, notebook=None, log=None):
    """Every problem found in ``pdf`` (a list of strings, empty when it passes) and its page
    count. ``notebook``: the notebook it was built from (for the code check); ``log``: its
    xelatex log (for overfull boxes)."""
    parsed = pages(pdf)
    problems = []
    for page, word, x1 in margin_words(pdf, parsed=parsed)[:20]:
        problems.append(f"p{page}: {word!r} reaches x={x1} (right margin)")
    problems += [f"raster image: {ln}" for ln in raster_images(pdf)]
    problems += [f"p{page}: {word!r} is {h} pt high (text too small)" for page, word, h in small_words(parsed)[:20]]
    if notebook is not None:
        problems += [f"code in the PDF: {ln!r}" for ln in code_in_pdf(parsed, notebook)]
    problems += [f"stray output in the PDF: {s!r}" for s in stray_outputs(parsed)]
    problems += [f"{kind}: {excerpt!r}" for kind, excerpt in typography(parsed)[:20]]
    if Path(pdf).stem == "findings":
        problems += [f"p{page}: half-empty page ({share:.0%} used)" for page, share in half_empty_pages(parsed)]
    if log is not None and Path(log).exists():
        problems += [f"xelatex: {line}" for _, line in overfull(log)]
    return problems, len(parsed)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="+")
    ap.add_argument("--notebooks", default=None, help="folder of the notebooks the PDFs were built from")
    ap.add_argument("--logs", default=None, help="build folder of scripts/build_reports.py (NAME/NAME.log)")
    args = ap.parse_args(argv)
    failed = 0
    for pdf in args.pdfs:
        nb = notebook_for(pdf, args.notebooks) if args.notebooks else None
        log = Path(args.logs) / Path(pdf).stem / f"{Path(pdf).stem}.log" if args.logs else None
        problems, n = check(pdf, nb, log)
        print(f"{pdf}: {n} pages, {'OK' if not problems else f'{len(problems)} problem(s)'}")
        for p in problems:
            print(f"    {p}")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
