"""Tables and findings for notebooks (presentation): a DataFrame that renders as HTML in
JupyterLab and as a typeset (long)table in the LaTeX PDF, and findings shown as headings."""
from __future__ import annotations

import hashlib

import pandas as pd


def show_finding(text, level=2):
    """Display a finding as a Markdown heading computed from the data (so it stays true on any
    corpus). Put it in a cell tagged ``hide-input``."""
    from IPython.display import Markdown, display
    display(Markdown(f"{'#' * level} {text}"))


class Table:
    """A table that renders as HTML in JupyterLab and as a real (long)table in the LaTeX PDF.
    Text columns get wrapped paragraph columns so long sentences fit the page."""

    def __init__(self, df, caption=None, max_rows=40, precision=2):
        self.df, self.caption, self.max_rows, self.precision = df, caption, max_rows, precision

    def _head(self):
        return self.df.head(self.max_rows).reset_index(drop=True)

    def __repr__(self):
        foot = self._foot()
        return (f"{self.caption}\n" if self.caption else "") + self._head().to_string(index=False) + (f"\n{foot}" if foot else "")

    def _foot(self):
        return f"First {self.max_rows:,} of {len(self.df):,} rows." if len(self.df) > self.max_rows else ""

    def _uuid(self):
        """A table id derived from the content: pandas would draw a random one per render, which
        changes the saved notebook on every re-run."""
        h = hashlib.sha1((self.caption or "").encode("utf-8"))
        h.update(self._head().to_csv(index=False).encode("utf-8"))
        return h.hexdigest()[:10]

    def _repr_html_(self):
        sty = self._head().style.hide(axis="index").format(precision=self.precision, na_rep="", escape="html")
        sty = sty.set_uuid(self._uuid())
        if self.caption:
            sty = sty.set_caption(self.caption)
        foot = self._foot()
        return sty.to_html() + (f"<p><em>{foot}</em></p>" if foot else "")

    def _repr_latex_(self):
        d = self._head()
        # Column widths: numbers get their natural width, text columns share 15 cm by length.
        text_cols = [c for c in d.columns if not pd.api.types.is_numeric_dtype(d[c])]
        lens = {c: max([len(str(c))] + [len(str(v)) for v in d[c]]) for c in text_cols}
        budget = max(4.0, 15.5 - 1.6 * (len(d.columns) - len(text_cols)))
        total = sum(min(v, 80) for v in lens.values()) or 1
        fmt = "".join(f"p{{{max(1.4, budget * min(lens[c], 80) / total):.1f}cm}}" if c in lens else "r"
                      for c in d.columns)
        sty = d.style.hide(axis="index").format(precision=self.precision, na_rep="", escape="latex")
        sty = sty.format_index(escape="latex", axis=1)
        tex = sty.to_latex(environment="longtable", hrules=True, column_format=fmt,
                           caption=self.caption.replace("&", "\\&") if self.caption else None)
        foot = self._foot()
        return "{\\small\n" + tex + "}\n" + (f"\\emph{{{foot}}}\n" if foot else "")


def show_table(df, caption=None, max_rows=40, precision=2):
    """Display ``df`` as a Table (HTML in JupyterLab, a typeset table in the PDF)."""
    from IPython.display import display
    display(Table(df, caption, max_rows, precision))
