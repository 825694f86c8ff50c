"""The house chart helpers (presentation): the plumbing every chart shares, and the chart kinds
the notebooks share.

A chart cell keeps only what is particular to its chart::

    charts.setup(out_dir=OUTPUT_DIR, source=SOURCE)        # once, after the parameters cell
    fig, ax = charts.figure(rows=len(d))
    charts.hbar(ax, d["speaker"], d["words"], xlabel="quoted words")
    charts.finish(fig, "02-top-speakers", d, title="Xi Jinping is quoted at the greatest length",
                  subtitle="Quoted words per speaker, all outlets", n="N = 57 quotes")

``figure`` sizes a figure by its content (bars or lines per panel), ``finish`` lays it out so
that nothing overlaps: the title (the finding) and the subtitle (measure, unit, N) go above the
axes and their labels, the legend and the ``Source:`` line below them, each placed from the
measured extent of what is already drawn, within WIDTH (the PDF's text width, so a chart prints
at its own size). It then saves the chart as PNG and as vector PDF with the exact data plotted
beside them as CSV, shows it (a PNG for JupyterLab and the HTML report, a vector PDF whose title
becomes the numbered caption in the reader PDF) and closes it.

Chart kinds: ``hbar`` (labelled horizontal bars), ``stacked`` (bars of several parts, each part
with its colour and hatch), ``stacked_shares`` (100 % bars by side, the inferred part of each
segment outlined), ``interval_dots`` (a dot and its interval per row), ``outlet_dots`` (a dot per
series on each row, each series with its colour and marker shape), ``heatmap`` (an annotated
grid); ``figure(panels=k)`` with ``panel_title`` makes small multiples of any kind. Every kind draws its first row at the top and carries meaning by hatch, marker or text as
well as by colour, so charts survive a black-and-white print.
"""
from __future__ import annotations

import base64
import io
import math
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text
from matplotlib.ticker import FixedFormatter

from .theme import PALETTE
from .typography import typeset

TITLE_SIZE, SUBTITLE_SIZE, FOOT_SIZE, LABEL_SIZE = 12, 9, 8, 8.5
_PAD = 0.08  # inches between blocks
#: Width of a chart in inches: the reader PDF's text block (letter paper, 0.85 in margins, is
#: 6.8 in), so a chart prints at its own size and its smallest text (7.5 pt) stays legible.
WIDTH = 6.5
#: Inches kept free at each side of a chart when finish() fits its content to WIDTH.
_SIDE = 0.04
#: Resolution of the PNG shown in JupyterLab and the HTML export (the figure's own dpi).
SCREEN_DPI = 110
#: Height of a chart that is not sized by rows (a scatter, a line chart), per row of panels.
FREE_HEIGHT = 4.2
#: Tallest plotting area, inches: with title, legend and source line a chart still fits 70 % of
#: the PDF's text height at its own size (taller, it would be scaled and its text shrink).
MAX_HEIGHT = 5.4
#: Where finish() saves and what it cites unless told otherwise (setup() sets them).
DEFAULTS = {"out_dir": "reports/figures", "source": ""}


def setup(out_dir=None, source=None):
    """Set the folder charts are saved to and the default ``Source:`` line, once per notebook
    (after its parameters cell); finish() arguments still override them per chart."""
    if out_dir is not None:
        DEFAULTS["out_dir"] = str(out_dir)
    if source is not None:
        DEFAULTS["source"] = source


def figure(rows=None, ncols=1, nrows=1, panels=None, xlabel=None, width=WIDTH, row_height=0.27, base=0.8,
           min_height=1.8, **kw):
    """A figure sized by its content: ``rows`` bars or lines per panel (``row_height`` inches
    each, plus ``base`` for axes and tick labels; None: a chart not sized by rows, FREE_HEIGHT
    inches), ``nrows`` x ``ncols`` panels. The title, subtitle, legend and source line are added
    by finish() outside this area; ``kw`` goes to plt.subplots (sharex, sharey, ...).

    Returns (fig, ax) for one panel, (fig, axes) for several (a 1-D array for one row or column
    of panels, else 2-D). ``panels=k`` asks for k small multiples in ``ncols`` columns (default
    up to 3): returns (fig, list of k axes), the unused grid cells hidden, and puts tick labels
    and ``xlabel`` under the lowest panel of each column."""
    if panels is not None:
        ncols = ncols if ncols > 1 else max(1, min(3, panels))
        nrows = max(1, math.ceil(panels / ncols))
    per_row = FREE_HEIGHT if rows is None else row_height * max(1, rows) + base
    height = min(max(min_height, per_row * nrows), MAX_HEIGHT)
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), squeeze=False, **kw)
    if panels is None:
        if nrows * ncols == 1:
            return fig, axes[0, 0]
        return fig, (axes.ravel() if nrows == 1 or ncols == 1 else axes)
    for k, ax in enumerate(axes.flat):
        ax.set_visible(k < panels)
    for c in range(ncols):
        col = [axes[r, c] for r in range(nrows) if r * ncols + c < panels]
        if col:
            col[-1].xaxis.set_tick_params(labelbottom=True)
            if xlabel:
                col[-1].set_xlabel(xlabel)
    return fig, list(axes.flat[:panels])


def _bbox_inches(fig, artists, renderer):
    """The union of the artists' extents, in inches from the figure's lower left corner."""
    boxes = [a.get_tightbbox(renderer) for a in artists if a.get_visible()]
    boxes = [b for b in boxes if b is not None and b.width > 0]
    if not boxes:
        return 0.0, 0.0, fig.get_figwidth(), fig.get_figheight()
    x0 = min(b.x0 for b in boxes) / fig.dpi
    y0 = min(b.y0 for b in boxes) / fig.dpi
    x1 = max(b.x1 for b in boxes) / fig.dpi
    y1 = max(b.y1 for b in boxes) / fig.dpi
    return x0, y0, x1, y1


def _wrap(text, width_in, size):
    """Wrap ``text`` to a width in inches (DejaVu Sans averages ~0.55 em per character)."""
    chars = max(20, int(width_in * 72 / (size * 0.55)))
    return "\n".join(textwrap.fill(p, chars) for p in str(text).split("\n"))


def panel_title(ax, text, size=LABEL_SIZE):
    """Title a panel of small multiples, wrapped to the panel's width (finish() wraps it again
    once the panels have their final width)."""
    ax._panel_title = (str(text), size)
    width = ax.get_position().width * ax.figure.get_figwidth()
    # DejaVu Sans averages ~0.6 em per character in names and numbers: wrap generously
    ax.set_title(textwrap.fill(str(text), max(10, int(width * 72 / (size * 0.62)))), fontsize=size, loc="left")


def _typeset_texts(fig):
    """Curly quotes and true minus signs in every text of the figure (titles, labels, tick
    labels, legend): tick labels given as a list live in their formatter, so that is set too."""
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            fmt = axis.get_major_formatter()
            if isinstance(fmt, FixedFormatter):
                fmt.seq = [typeset(str(t)) for t in fmt.seq]
    for t in fig.findobj(Text):
        txt = t.get_text()
        if txt and "$" not in txt:  # leave mathtext alone
            new = typeset(txt)
            if new != txt:
                t.set_text(new)


def _fit_width(fig, renderer):
    """Move the axes so that they and everything drawn on them (tick labels, value labels,
    axis labels, colour bars) span the figure's width less _SIDE each side: a long row label
    no longer pushes the chart past the page, and the saved chart is exactly WIDTH wide, so
    the PDF prints it at its own size."""
    W = fig.get_figwidth()
    for _ in range(3):
        fig.canvas.draw()
        x0, _, x1, _ = _bbox_inches(fig, [a for a in fig.axes if a.get_visible()], renderer)
        if abs(x0 - _SIDE) < 0.01 and abs(x1 - (W - _SIDE)) < 0.01:
            return
        sp = fig.subplotpars
        left = min(max(sp.left + (_SIDE - x0) / W, 0.0), 0.95)
        right = min(max(sp.right + (W - _SIDE - x1) / W, 0.05), 1.0)
        if right - left < 0.25 or (left, right) == (sp.left, sp.right):
            return  # the labels alone are about as wide as the figure: keep what there is
        fig.subplots_adjust(left=left, right=right)


def _bytes(fig, fmt, **kw):
    buf = io.BytesIO()
    meta = {"png": {"Software": None}, "pdf": {"Creator": None, "Producer": None, "CreationDate": None}}[fmt]
    fig.savefig(buf, format=fmt, bbox_inches="tight", pad_inches=0.1, metadata=meta, **kw)
    return buf.getvalue()


def _in_ipython():
    try:
        from IPython.core.interactiveshell import InteractiveShell
    except ImportError:  # pragma: no cover
        return False
    return InteractiveShell.initialized()


def finish(fig, name, data, title="", subtitle="", n=None, source=None, note=None, legend=None,
           legend_cols=None, out_dir=None, show=True, evidence=None):
    """Label, lay out, save and show a chart.

    ``title`` states the finding; ``subtitle`` the measure and unit; ``n`` the sample size (a
    number, or text such as "N = 57 quotes in 5 articles"), appended to the subtitle; ``source``
    (default: setup's) is written as "Source: ..." under the chart with any ``note`` (an
    exclusion, a caveat); ``legend``: None (no legend), True (the labelled artists of the
    figure's axes) or a list of (handle, label) pairs, placed under the chart in ``legend_cols``
    columns. ``evidence`` names the chart or table (its ``name``, e.g. "02-quotes-by-bloc")
    that holds the evidence for this one: the findings PDF points to its page.

    Lays the chart out to WIDTH inches with nothing drawn over the data or the axis labels:
    title and subtitle above, legend and source line below, each placed from the measured
    extent of what is already drawn; quotes and minus signs are typeset. Saves
    ``out_dir/name.png``, ``name.pdf`` (vector) and ``name.csv`` (``data``: the exact numbers
    plotted). Shows it as one output holding a PNG (JupyterLab, HTML) and a vector PDF without
    the title (the reader PDF prints the title as the numbered caption), with the caption,
    name and evidence in the output's metadata. Returns nothing, so a chart cell ending in
    finish() shows only the chart. ``fig=None`` saves the CSV only (a table behind a finding)."""
    out = Path(out_dir if out_dir is not None else DEFAULTS["out_dir"])
    source = DEFAULTS["source"] if source is None else source
    out.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(data).to_csv(out / f"{name}.csv", index=False)
    if fig is None:
        return
    renderer = fig.canvas.get_renderer()
    _typeset_texts(fig)
    _fit_width(fig, renderer)
    for ax in fig.axes:  # the panels' final width: wrap their titles to it
        if getattr(ax, "_panel_title", None):
            panel_title(ax, typeset(ax._panel_title[0]), ax._panel_title[1])
    fig.canvas.draw()
    axes = [a for a in fig.axes if a.get_visible()]
    x0, y0, x1, y1 = _bbox_inches(fig, axes, renderer)
    width = max(x1 - x0, 4.0)
    H = fig.get_figheight()
    # below the axes: the legend, then the source line
    bottom = y0 - _PAD
    if legend:
        if legend is True:
            pairs = {}
            for a in axes:
                for h, lab in zip(*a.get_legend_handles_labels()):
                    pairs.setdefault(lab, h)
            handles, labels = list(pairs.values()), list(pairs)
        else:
            handles, labels = [h for h, _ in legend], [lab for _, lab in legend]
        if handles:
            ncol = legend_cols or max(1, min(len(handles), int(width // 2.3)))
            leg = fig.legend(handles, [typeset(str(lab)) for lab in labels], loc="upper left",
                             bbox_to_anchor=(x0 / fig.get_figwidth(), bottom / H),
                             bbox_transform=fig.transFigure, ncol=ncol, fontsize=LABEL_SIZE - 0.5,
                             frameon=False, handlelength=1.6, columnspacing=1.2, borderaxespad=0)
            fig.canvas.draw()
            bottom = _bbox_inches(fig, [leg], renderer)[1] - _PAD
    foot = " ".join(x for x in [f"Source: {source}" + ("" if source.endswith(".") else ".") if source else "", note or ""] if x)
    if foot:
        fig.text(x0 / fig.get_figwidth(), bottom / H, _wrap(typeset(foot), width, FOOT_SIZE), ha="left", va="top",
                 fontsize=FOOT_SIZE, color="#444444", transform=fig.transFigure)
    # above the axes: the subtitle (with N), then the title
    sub = subtitle or ""
    if n is not None:
        n_txt = (n if isinstance(n, str) else f"N = {n:,}").replace("N = ", "N\u00a0=\u00a0")  # never wrapped apart
        sub = f"{sub}; {n_txt}" if sub else n_txt
    top = y1 + _PAD
    if sub:
        t = fig.text(x0 / fig.get_figwidth(), top / H, _wrap(typeset(sub), width, SUBTITLE_SIZE), ha="left",
                     va="bottom", fontsize=SUBTITLE_SIZE, color="#333333", transform=fig.transFigure)
        fig.canvas.draw()
        top = _bbox_inches(fig, [t], renderer)[3] + _PAD / 2
    heading = None
    if title:
        heading = fig.text(x0 / fig.get_figwidth(), top / H, _wrap(typeset(title), width, TITLE_SIZE), ha="left",
                           va="bottom", fontsize=TITLE_SIZE, fontweight="bold", transform=fig.transFigure)
    meta = {"png": {"Software": None}, "pdf": {"Creator": None, "Producer": None, "CreationDate": None}}
    fig.savefig(out / f"{name}.png", bbox_inches="tight", pad_inches=0.1, dpi=200, metadata=meta["png"])
    fig.savefig(out / f"{name}.pdf", bbox_inches="tight", pad_inches=0.1, metadata=meta["pdf"])
    if show and _in_ipython():
        from IPython.display import display
        png = _bytes(fig, "png", dpi=SCREEN_DPI)
        if heading is not None:
            heading.set_visible(False)  # the reader PDF's caption carries the title
        pdf = _bytes(fig, "pdf")
        caption = typeset(title) if title else ""
        display({"image/png": base64.b64encode(png).decode("ascii"),
                 "application/pdf": base64.b64encode(pdf).decode("ascii"),
                 "text/plain": f"[Figure: {caption or name}]"}, raw=True,
                metadata={"workbook": {"figure": {"name": name, "caption": caption,
                                                  **({"evidence": evidence} if evidence else {})}}})
    elif show:
        plt.show()
    plt.close(fig)


# --- chart kinds -------------------------------------------------------------------------------

def _per_row(spec, keys, default=None):
    """A colour or hatch per row: ``spec`` is one value for all, a list (one per row) or a dict
    keyed by the row's key (``default`` for keys it lacks)."""
    if spec is None:
        return [default] * len(keys)
    if isinstance(spec, dict):
        return [spec.get(k, default) for k in keys]
    if isinstance(spec, str):
        return [spec] * len(keys)
    return list(spec)


def _top_down(ax):
    """First row at the top (idempotent, so axes that share y are not flipped back)."""
    if not ax.yaxis_inverted():
        ax.invert_yaxis()


def _hatch_colour(face):
    """Hatch lines that stay visible: light on a dark fill, dark on a light one."""
    r, g, b = to_rgb(face)
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.5 else "#333333"


def _bar(ax, y, width, left, face, hatch, height=0.8):
    """One set of horizontal bars with the house edge and a legible hatch."""
    return ax.barh(y, width, left=left, height=height, color=face, hatch=hatch or None,
                   edgecolor="#333333" if face in ("white", "#FFFFFF") else "white", lw=0.5,
                   hatchcolor=_hatch_colour(face))


def hbar(ax, labels, values, colors="#777777", hatches=None, fmt="{:,.0f}", value_labels=None,
         xlabel="", xmax=None, xmin=0, ref=None, tick_labels=True):
    """Labelled horizontal bars, first row at the top. ``colors``/``hatches``: one for all, one
    per bar, or a dict keyed by label; ``value_labels`` (text per bar) replaces the formatted
    value; ``ref`` draws a dotted reference line at that x; ``tick_labels=False`` leaves the rows
    unlabelled (the value labels name them)."""
    labels, values = list(labels), np.asarray(values, dtype="float64")
    y = np.arange(len(labels))
    faces, hatch = _per_row(colors, labels, "#777777"), _per_row(hatches, labels, "")
    bars = [_bar(ax, [yi], [0 if not np.isfinite(v) else v], 0, f, h)[0]
            for yi, v, f, h in zip(y, values, faces, hatch)]
    texts = value_labels if value_labels is not None else [fmt.format(v) for v in values]
    top = np.nanmax(values) if len(values) and np.isfinite(np.nanmax(values)) else 1.0
    for yi, v, t in zip(y, values, texts):
        ax.text(max(v if np.isfinite(v) else 0, 0) + abs(top) * 0.01, yi, f" {t}", va="center",
                fontsize=LABEL_SIZE)
    ax.set_yticks(y, labels if tick_labels else [""] * len(labels))
    if not tick_labels:
        ax.tick_params(axis="y", length=0)
    _top_down(ax)
    ax.set_xlim(xmin, xmax if xmax is not None else top * 1.35 if top > 0 else 1)
    if ref is not None:
        ax.axvline(ref, color="black", ls=":", lw=1)
    if xlabel:
        ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    return bars


def stacked(ax, table, colours, hatches=None, names=None, order=None, inferred=None, end_labels=None,
            seg_fmt=None, min_label=None, xlabel="", xmax=None, tick_labels=None):
    """Horizontal bars of several parts, one bar per row of ``table`` (rows x parts), first row
    at the top; part ``p`` drawn in ``colours[p]`` with ``hatches[p]`` and named ``names[p]`` in
    the legend, parts in ``order`` (default: the table's columns). ``inferred`` (same units,
    rows x parts) outlines with a dotted frame the part of each segment that rests on
    inference. Segments of at least ``min_label`` carry their value as ``seg_fmt``;
    ``end_labels`` (text per row) go after each bar; ``tick_labels`` replace the row names.
    Returns the legend (handle, label) pairs."""
    hatches, names = hatches or {}, names or {}
    rows = list(table.index)
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    legend = []
    for p in [p for p in (order or list(table.columns)) if p in table.columns]:
        v = table[p].to_numpy(dtype="float64")
        if not np.any(v > 0):
            continue
        _bar(ax, y, v, left, colours[p], hatches.get(p, ""))
        legend.append((Patch(facecolor=colours[p], hatch=hatches.get(p, "") or None, edgecolor="#333333"),
                       names.get(p, p)))
        if inferred is not None and p in inferred.columns:
            inf = inferred[p].reindex(rows).fillna(0).to_numpy(dtype="float64")
            for yi, (l0, w) in enumerate(zip(left, inf)):
                if w > 0:
                    ax.add_patch(Rectangle((l0, yi - 0.4), w, 0.8, fill=False, ec="black", ls=":", lw=1.0))
        if seg_fmt and min_label is not None:
            for yi, (l0, w) in enumerate(zip(left, v)):
                if w >= min_label:
                    ax.text(l0 + w / 2, yi, seg_fmt.format(w), ha="center", va="center", fontsize=LABEL_SIZE - 1,
                            bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none", alpha=0.85))
        left += v
    if inferred is not None and np.nansum(inferred.to_numpy(dtype="float64")) > 0:
        legend.append((Rectangle((0, 0), 1, 1, fill=False, ec="black", ls=":"), "side inferred from the text"))
    for yi, (total, t) in enumerate(zip(left, end_labels or [])):
        ax.text(total, yi, f"  {t}", va="center", fontsize=LABEL_SIZE - 0.5)
    ax.set_yticks(y, tick_labels if tick_labels is not None else rows)
    _top_down(ax)
    if xmax is not None:
        ax.set_xlim(0, xmax)
    elif end_labels:
        ax.set_xlim(0, (left.max() if len(left) else 1) * 1.45 or 1)
    if xlabel:
        ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    return legend


def stacked_shares(ax, table, sides, inferred=None, counts=None, min_label=9, xlabel="share, %"):
    """Horizontal bars stacked to 100 %, one per row of ``table`` (rows x sides: counts or
    shares; each row is scaled to 100 %), the sides in the order, colours, hatches and labels of
    ``sides`` (load_sides()). ``inferred`` (rows x sides, in the units of ``table``) outlines
    the part of each segment that rests on inference; ``counts`` (per row) is added to the row
    label as "(n=...)". Segments of at least ``min_label`` % carry their value. Returns the
    legend (handle, label) pairs."""
    total = table.sum(axis=1).replace(0, np.nan)
    shares = table.div(total, axis=0).fillna(0) * 100
    inf = (None if inferred is None else
           inferred.reindex(index=table.index, columns=table.columns).fillna(0).div(total, axis=0).fillna(0) * 100)
    rows = list(table.index)
    ticks = [f"{r} (n={int(counts[r]):,})" for r in rows] if counts is not None else rows
    return stacked(ax, shares, sides.colours, sides.hatches, sides.labels, order=list(sides.ids), inferred=inf,
                   seg_fmt="{:.0f}%", min_label=min_label, xlabel=xlabel, xmax=100, tick_labels=ticks)


def interval_dots(ax, labels, mean, low, high, n=None, colors="#0072B2", ref=0.0, xlabel="",
                  fmt="{:+.2f}", small_n=None, unit="", xlim=None, label=None, label_x=None):
    """One row per item, first at the top: a dot at the mean and a line over its interval, the
    value and N written beside it (at ``label_x`` if given, else just right of the interval;
    "few" when n < ``small_n``; ``unit`` after N); a vertical reference line at ``ref``.
    ``colors``: one, one per row or a dict keyed by label; ``label`` names the dots in a legend;
    ``xlim`` fixes the axis (default: the intervals plus room for the text)."""
    labels = list(labels)
    mean, low, high = (np.asarray(x, dtype="float64") for x in (mean, low, high))
    colors = _per_row(colors, labels, "#0072B2")
    counts = None if n is None else [int(k) for k in n]
    span = np.nanmax(high) - np.nanmin(low) if len(labels) else 1.0
    for i in range(len(labels)):
        ax.plot([low[i], high[i]], [i, i], color="#333333", lw=1.4, solid_capstyle="butt")
        ax.scatter(mean[i], i, s=45, color=colors[i], edgecolor="black", zorder=3)
        note = fmt.format(mean[i])
        if counts is not None:
            note += f"  n={counts[i]:,}" + (f" {unit}" if unit else "") + (" (few)" if small_n and counts[i] < small_n else "")
        x = label_x if label_x is not None else high[i] + 0.02 * (span or 1)
        ax.text(x, i, "  " + note, va="center", fontsize=LABEL_SIZE - 0.5)
    if label:  # the legend's dot: white when the dots' colours differ by row
        ax.scatter([], [], s=45, color=colors[0] if len(set(colors)) == 1 else "white", edgecolor="black", label=label)
    if ref is not None:
        ax.axvline(ref, color="#999999", lw=0.8)
    ax.set_yticks(range(len(labels)), labels)
    _top_down(ax)
    if xlim is not None:
        ax.set_xlim(*xlim)
    else:
        lo_lim = np.nanmin(low) if len(labels) else -1
        hi_lim = np.nanmax(high) if len(labels) else 1
        ax.set_xlim(lo_lim - (hi_lim - lo_lim or 1) * 0.08, hi_lim + (hi_lim - lo_lim or 1) * 0.45)
    if xlabel:
        ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)


def outlet_dots(ax, wide, colors, markers, xlabel="", jitter=0.0, span=False, tick_labels=True):
    """A dot per series (columns of ``wide``: outlets, or any series) on each row (rows of
    ``wide``), first row at the top, each series with its colour and marker shape
    (distinguishable in black and white). ``colors``: a dict keyed by series, one colour for
    all, or None (the house palette in series order). ``jitter`` spreads the series over +-jitter of a row (so equal values stay visible);
    ``span`` draws a grey line from each row's smallest to its largest value; ``tick_labels=False``
    keeps the axis' row labels (dots laid over another chart kind of the same rows). Returns the legend
    (handle, label) pairs (the dots are labelled too, for ``finish(legend=True)``)."""
    cats = list(wide.index)
    series = list(wide.columns)
    offsets = np.linspace(-jitter, jitter, len(series)) if jitter and len(series) > 1 else np.zeros(len(series))
    if span:
        vals = wide.to_numpy(dtype="float64")
        for i in range(len(cats)):
            if np.isfinite(vals[i]).any():
                ax.plot([np.nanmin(vals[i]), np.nanmax(vals[i])], [i, i], color="#999999", lw=1, zorder=1)
    faces = _per_row(colors if colors is not None else dict(zip(series, PALETTE)), series, "#777777")
    legend = []
    for o, off, face in zip(series, offsets, faces):
        h = ax.scatter(wide[o].to_numpy(dtype="float64"), np.arange(len(cats)) + off, color=face, marker=markers[o],
                       s=42, edgecolor="black", lw=0.4, zorder=3, label=str(o))
        legend.append((h, o))
    if tick_labels:
        ax.set_yticks(range(len(cats)), cats)
    _top_down(ax)
    if xlabel:
        ax.set_xlabel(xlabel)
    return legend


def heatmap(ax, values, text=None, fmt="{:,.0f}", vmax=None, bold=None, row_groups=None, colorbar=None,
            xlabel="", ylabel="", xrotation=30):
    """An annotated grid: ``values`` (a DataFrame) shaded in greys from 0 to ``vmax`` (default
    its maximum), each cell written as ``text`` (a DataFrame of strings) or ``fmt``; cells where
    ``bold`` (a boolean DataFrame) is true in bold. ``row_groups`` (a key per row) draws a rule
    where the key changes; ``colorbar`` (its label) adds a colour bar. Text turns white on dark
    cells."""
    v = values.to_numpy(dtype="float64")
    top = vmax if vmax is not None else (np.nanmax(v) if v.size and np.nanmax(v) > 0 else 1.0)
    # pcolormesh, not imshow: an image stays a bitmap inside the PDF, a mesh is vector.
    im = ax.pcolormesh(np.arange(v.shape[1] + 1) - 0.5, np.arange(v.shape[0] + 1) - 0.5, np.ma.masked_invalid(v),
                       cmap="Greys", vmin=0, vmax=top, edgecolors="none")
    ax.set_xlim(-0.5, v.shape[1] - 0.5)
    ax.set_ylim(v.shape[0] - 0.5, -0.5)  # first row at the top, as imshow drew it
    words = text.to_numpy() if text is not None else np.vectorize(fmt.format)(v) if v.size else v
    strong = bold.to_numpy() if bold is not None else np.zeros(v.shape, dtype=bool)
    for i in range(v.shape[0]):
        for j in range(v.shape[1]):
            ax.text(j, i, words[i, j], ha="center", va="center", fontsize=LABEL_SIZE,
                    fontweight="bold" if strong[i, j] else "normal",
                    color="white" if np.isfinite(v[i, j]) and v[i, j] > 0.55 * top else "black")
    ax.set_xticks(range(v.shape[1]), list(values.columns), rotation=xrotation, ha="right" if xrotation else "center",
                  fontsize=LABEL_SIZE)
    ax.set_yticks(range(v.shape[0]), list(values.index), fontsize=LABEL_SIZE)
    if row_groups is not None:
        g = list(row_groups)
        for k in range(1, len(g)):
            if g[k] != g[k - 1]:
                ax.axhline(k - 0.5, color="#555555", lw=0.8)
    if xlabel:
        ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(False)
    if colorbar:
        cb = ax.figure.colorbar(im, ax=ax, shrink=0.7, label=colorbar)
        cb.solids.set_rasterized(False)  # matplotlib rasterizes long colour ramps; keep the PDF vector
    return im
