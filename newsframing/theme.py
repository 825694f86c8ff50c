"""The house theme (presentation): one font, a light grid, a fixed colour per outlet, and each
side's colour and hatch from the sides configuration (data/sides.csv)."""
from __future__ import annotations

import matplotlib as mpl


#: Okabe & Ito's colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design"),
#: then Tableau's, for corpora with more than eight outlets.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
           "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#9C755F", "#EDC948", "#76B7B2", "#FF9DA7"]

FONT = "DejaVu Sans"


def use_theme():
    """Set the house matplotlib style and the LaTeX form of bare DataFrames (call once per
    notebook, in its set-up cell). Charts embed TrueType text (pdf.fonttype 42) so that their
    PDF text is real, searchable text."""
    mpl.rcParams.update({
        "font.family": FONT, "font.size": 9.5, "axes.titlesize": 11, "axes.titleweight": "bold",
        "axes.titlelocation": "left", "axes.spines.top": False, "axes.spines.right": False,
        "axes.grid": True, "grid.color": "#DDDDDD", "grid.linewidth": 0.6, "axes.axisbelow": True,
        "axes.edgecolor": "#555555", "figure.dpi": 110, "savefig.dpi": 150, "figure.figsize": (6.5, 4.2),
        "legend.frameon": False, "hatch.linewidth": 0.6, "svg.hashsalt": "workbook",
        "figure.constrained_layout.use": False, "pdf.fonttype": 42, "axes.unicode_minus": True,
    })
    _register_latex_tables()


def _register_latex_tables():
    """In a kernel, give every displayed DataFrame the workbook's LaTeX table (tables.Table),
    so a bare DataFrame fits the PDF page too; outside IPython, nothing to do."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    ip = get_ipython()
    if ip is None:
        return
    import pandas as pd

    from .tables import latex_formatter
    ip.display_formatter.formatters["text/latex"].for_type(pd.DataFrame, latex_formatter)


def outlet_colors(labels):
    """A fixed colour per outlet label: labels are sorted, then take the palette in order, so the
    same corpus always gets the same colours in every notebook."""
    return {lab: PALETTE[i % len(PALETTE)] for i, lab in enumerate(sorted(set(labels)))}


#: Marker shapes for outlets, so points stay distinguishable in a black-and-white print.
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">", "p"]


def outlet_markers(labels):
    """A fixed marker per outlet label, assigned like outlet_colors."""
    return {lab: MARKERS[i % len(MARKERS)] for i, lab in enumerate(sorted(set(labels)))}
