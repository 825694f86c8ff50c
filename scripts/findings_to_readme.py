"""Copy the findings of the executed notebooks/00-findings.ipynb into README.md.

The README's findings block sits between ``<!-- findings -->`` and ``<!-- /findings -->``; it is
written here from the notebook's own outputs, never typed by hand, so the README cannot say
something the notebook does not:

* the cell tagged ``readme-intro``: its Markdown output (the corpus, and a caution when small);
* every cell tagged ``readme``: its finding heading ("## 1. ..."), as a numbered item, followed by
  the notebook that holds the evidence (the cell's ``see:NN-name`` tag);
* the chart named by ``--figure`` (default: the quoted-words chart), copied to ``docs/``.

``--check`` writes nothing and exits 1 when README.md differs from what would be written (the
test suite runs the same comparison).

    python scripts/findings_to_readme.py [--notebook notebooks/00-findings.ipynb] [--readme README.md] [--check]
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- findings -->", "<!-- /findings -->"
FIGURE = "00-quoted-words-by-side"


class FindingsError(ValueError):
    """The notebook or the README cannot be used (names the file and the problem)."""


def _markdown_outputs(cell):
    out = []
    for o in cell.get("outputs", []):
        md = o.get("data", {}).get("text/markdown")
        if md is not None:
            out.append("".join(md) if isinstance(md, list) else md)
    return out


def findings_block(notebook, figure=None):
    """The Markdown that goes between the markers, from an executed findings notebook."""
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    intro, items = [], []
    for cell in nb.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", [])
        if "readme-intro" in tags:
            intro += _markdown_outputs(cell)
        if "readme" in tags:
            see = next((t.split(":", 1)[1] for t in tags if t.startswith("see:")), None)
            for md in _markdown_outputs(cell):
                m = re.match(r"^#+\s*(\d+)\.\s*(.+?)\s*$", md.strip(), flags=re.S)
                if not m:
                    raise FindingsError(f"{notebook}: a cell tagged 'readme' shows {md[:60]!r}, not a numbered finding")
                text = m.group(2).rstrip(".")
                items.append(f"{m.group(1)}. {text}." + (f" (`{see}`)" if see else ""))
    if not items:
        has_code = any(c.get("cell_type") == "code" for c in nb.get("cells", []))
        why = "it has not been executed" if has_code else "it has no cell tagged 'readme'"
        raise FindingsError(f"{notebook}: no finding to copy ({why}); run `make notebooks` first")
    lines = ["<!-- written by `make report` (scripts/findings_to_readme.py) from notebooks/00-findings.ipynb; "
             "edit the notebook, not this block -->", ""]
    if intro:
        lines += [x.strip() for x in intro] + [""]
    if figure:
        lines += [f"![A chart of the findings notebook ({Path(figure).stem})]({figure})", ""]
    lines += items
    return "\n".join(lines)


def replace_block(readme_text, block, readme="README.md"):
    """README text with the block between the markers replaced."""
    i, j = readme_text.find(START), readme_text.find(END)
    if i < 0 or j < 0 or j < i:
        raise FindingsError(f"{readme}: the markers {START} and {END} are missing or out of order")
    return readme_text[:i + len(START)] + "\n" + block + "\n" + readme_text[j:]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notebook", default=str(ROOT / "notebooks" / "00-findings.ipynb"))
    ap.add_argument("--readme", default=str(ROOT / "README.md"))
    ap.add_argument("--figures", default=str(ROOT / "reports" / "figures"), help="where the notebook saved its charts")
    ap.add_argument("--figure", default=FIGURE, help="chart (name without extension) shown above the findings; '' for none")
    ap.add_argument("--check", action="store_true", help="exit 1 if README.md differs; write nothing")
    a = ap.parse_args(argv)
    readme = Path(a.readme)
    rel = f"docs/findings-{a.figure}.png" if a.figure else None
    try:
        new = replace_block(readme.read_text(encoding="utf-8"), findings_block(a.notebook, rel), readme)
    except (FindingsError, OSError) as e:
        print(f"findings_to_readme: {e}", file=sys.stderr)
        return 2
    old = readme.read_text(encoding="utf-8")
    if a.check:
        if new != old:
            print(f"{readme}: the findings block differs from {a.notebook}; run `make report` (or "
                  "scripts/findings_to_readme.py)", file=sys.stderr)
            return 1
        return 0
    if rel:
        src = Path(a.figures) / f"{a.figure}.png"
        if src.exists():
            (readme.parent / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, readme.parent / rel)
        else:
            print(f"findings_to_readme: {src} not found; the README keeps its previous copy of the chart", file=sys.stderr)
    if new != old:
        readme.write_text(new, encoding="utf-8")
        print(f"{readme}: findings block updated from {a.notebook}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
