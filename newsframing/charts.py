"""The house chart helpers (presentation): the plumbing every chart shares, and the chart kinds
the notebooks share.

A chart cell keeps only what is particular to its chart::

    fig, ax = charts.figure(rows=len(d))
    charts.hbar(ax, d["label"], d["share"], fmt="{:.0f}%", xlabel="share of quoted words, %")
    charts.finish(fig, "02-top-speakers", d, title="Xi Jinping is quoted at the greatest length",
                  subtitle="Quoted words per speaker, all outlets", n="N = 57 quotes",
                  source=SOURCE, out_dir=OUTPUT_DIR)

``finish`` lays the chart out so that nothing overlaps: the title (the finding) and the subtitle
(measure, unit, N) go above the axes and their labels, the legend and the ``Source:`` line below
them, each placed from the measured extent of what is already drawn. It then saves the chart as
PNG and as vector PDF with the exact data plotted beside them as CSV, shows it and closes it.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch, Rectangle

TITLE_SIZE, SUBTITLE_SIZE, FOOT_SIZE, LABEL_SIZE = 12, 9, 8, 8.5
_PAD = 0.08  # inches between blocks


def figure(rows=1, ncols=1, nrows=1, width=7.5, row_height=0.36, base=1.2, min_height=2.0, **kw):
    """A figure sized by its content: ``rows`` bars or lines per panel (``row_height`` inches
    each, plus ``base`` for axes and tick labels), ``nrows`` x ``ncols`` panels. The title,
    subtitle, legend and source line are added by ``finish`` outside this area. Returns
    (fig, ax) for one panel, (fig, axes array) for several."""
    height = max(min_height, (row_height * max(1, rows) + base) * nrows)
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), squeeze=False, **kw)
    return fig, (axes[0, 0] if nrows * ncols == 1 else axes)


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


def finish(fig, name, data, title, subtitle="", n=None, source="", note=None, legend=None,
           legend_cols=None, out_dir="reports/figures", show=True):
    """Label, lay out, save and show a chart.

    ``title`` states the finding; ``subtitle`` the measure and unit; ``n`` the sample size (a
    number, or text such as "N = 57 quotes in 5 articles"), appended to the subtitle; ``source``
    is written as "Source: ..." under the chart with any ``note`` (an exclusion, a caveat);
    ``legend``: None (no legend), True (the legend of the figure's axes' labelled artists) or a
    list of (handle, label) pairs, placed under the chart in ``legend_cols`` columns.
    Saves ``out_dir/name.png`` and ``name.pdf`` (vector) and ``name.csv`` (``data``: the exact
    numbers plotted) and returns the PNG path. ``fig=None`` saves the CSV only (a table behind a
    finding)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(data).to_csv(out / f"{name}.csv", index=False)
    if fig is None:
        return out / f"{name}.csv"
    renderer = fig.canvas.get_renderer()
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
            leg = fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(x0 / fig.get_figwidth(), bottom / H),
                             bbox_transform=fig.transFigure, ncol=ncol, fontsize=LABEL_SIZE - 0.5,
                             frameon=False, handlelength=1.6, columnspacing=1.2, borderaxespad=0)
            fig.canvas.draw()
            bottom = _bbox_inches(fig, [leg], renderer)[1] - _PAD
    foot = " ".join(x for x in [f"Source: {source}." if source else "", note or ""] if x).replace("..", ".")
    if foot:
        fig.text(x0 / fig.get_figwidth(), bottom / H, _wrap(foot, width, FOOT_SIZE), ha="left", va="top",
                 fontsize=FOOT_SIZE, color="#444444", transform=fig.transFigure)
    # above the axes: the subtitle (with N), then the title
    sub = subtitle or ""
    if n is not None:
        n_txt = n if isinstance(n, str) else f"N = {n:,}"
        sub = f"{sub}; {n_txt}" if sub else n_txt
    top = y1 + _PAD
    if sub:
        t = fig.text(x0 / fig.get_figwidth(), top / H, _wrap(sub, width, SUBTITLE_SIZE), ha="left", va="bottom",
                     fontsize=SUBTITLE_SIZE, color="#333333", transform=fig.transFigure)
        fig.canvas.draw()
        top = _bbox_inches(fig, [t], renderer)[3] + _PAD / 2
    fig.text(x0 / fig.get_figwidth(), top / H, _wrap(title, width, TITLE_SIZE), ha="left", va="bottom",
             fontsize=TITLE_SIZE, fontweight="bold", transform=fig.transFigure)
    png = out / f"{name}.png"
    meta = {"png": {"Software": None}, "pdf": {"Creator": None, "Producer": None, "CreationDate": None}}
    fig.savefig(png, bbox_inches="tight", pad_inches=0.1, dpi=200, metadata=meta["png"])
    fig.savefig(out / f"{name}.pdf", bbox_inches="tight", pad_inches=0.1, metadata=meta["pdf"])
    if show:
        plt.show()
    plt.close(fig)
    return png


# --- chart kinds -------------------------------------------------------------------------------

def hbar(ax, labels, values, colors="#777777", hatches=None, fmt="{:,.0f}", value_labels=None,
         xlabel="", xmax=None, ref=None):
    """Labelled horizontal bars, first row at the top. ``value_labels`` (text per bar) replaces
    the formatted value; ``ref`` draws a dotted reference line at that x."""
    labels, values = list(labels), np.asarray(values, dtype="float64")
    y = np.arange(len(labels))
    bars = ax.barh(y, values, color=colors, edgecolor="white", linewidth=0.5)
    for bar, h in zip(bars, hatches or []):
        bar.set_hatch(h)
        bar.set_edgecolor("#333333")
    texts = value_labels if value_labels is not None else [fmt.format(v) for v in values]
    top = np.nanmax(values) if len(values) and np.isfinite(np.nanmax(values)) else 1.0
    for yi, v, t in zip(y, values, texts):
        ax.text((v if np.isfinite(v) else 0) + top * 0.01, yi, f" {t}", va="center", fontsize=LABEL_SIZE)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, xmax if xmax is not None else top * 1.35 if top > 0 else 1)
    if ref is not None:
        ax.axvline(ref, color="black", ls=":", lw=1)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    return bars


def stacked_shares(ax, shares, order, colours, hatches, names, inferred=None, counts=None,
                   min_label=9, xlabel="share, %"):
    """Horizontal bars stacked to 100 %, one per row of ``shares`` (rows x sides, in %), in the
    ``order`` of sides with their ``colours``, ``hatches`` and legend ``names``. ``inferred``
    (same shape, in % of the row) outlines the part of each segment that rests on inference with
    a dotted frame; ``counts`` (per row) is added to the row label as "(n=...)". Segments of at
    least ``min_label`` % carry their value. Returns the legend (handle, label) pairs."""
    rows = list(shares.index)
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    legend = []
    for s in [s for s in order if s in shares.columns]:
        v = shares[s].to_numpy(dtype="float64")
        if not np.any(v > 0):
            continue
        ax.barh(y, v, left=left, color=colours[s], hatch=hatches.get(s, ""), edgecolor="white", lw=0.5)
        legend.append((Patch(facecolor=colours[s], hatch=hatches.get(s, ""), edgecolor="#333333"), names[s]))
        if inferred is not None and s in inferred.columns:
            inf = inferred[s].reindex(rows).fillna(0).to_numpy(dtype="float64")
            for yi, (l0, w) in enumerate(zip(left, inf)):
                if w > 0:
                    ax.add_patch(Rectangle((l0, yi - 0.4), w, 0.8, fill=False, ec="black", ls=":", lw=1.0))
        for yi, (l0, w) in enumerate(zip(left, v)):
            if w >= min_label:
                ax.text(l0 + w / 2, yi, f"{w:.0f}%", ha="center", va="center", fontsize=LABEL_SIZE - 1,
                        bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none", alpha=0.85))
        left += v
    if inferred is not None and np.nansum(inferred.to_numpy(dtype="float64")) > 0:
        legend.append((Rectangle((0, 0), 1, 1, fill=False, ec="black", ls=":"), "side inferred from the text"))
    tick = [f"{r} (n={counts[r]:,})" for r in rows] if counts is not None else rows
    ax.set_yticks(y, tick)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    return legend


def interval_dots(ax, labels, mean, low, high, n=None, colors="#0072B2", ref=0.0, xlabel="",
                  fmt="{:+.2f}", small_n=None):
    """One row per item: a dot at the mean and a line over its interval, the value and N written
    beside it ("few" when n < ``small_n``); a vertical reference line at ``ref``."""
    labels = list(labels)
    mean, low, high = (np.asarray(x, dtype="float64") for x in (mean, low, high))
    colors = colors if isinstance(colors, (list, tuple, np.ndarray)) else [colors] * len(labels)
    span = np.nanmax(high) - np.nanmin(low) if len(labels) else 1.0
    for i in range(len(labels)):
        ax.plot([low[i], high[i]], [i, i], color="#333333", lw=1.4, solid_capstyle="butt")
        ax.scatter(mean[i], i, s=45, color=colors[i], edgecolor="black", zorder=3)
        note = fmt.format(mean[i])
        if n is not None:
            k = int(list(n)[i])
            note += f"  n={k:,}" + (" (few)" if small_n and k < small_n else "")
        ax.text(high[i] + 0.02 * (span or 1), i, "  " + note, va="center", fontsize=LABEL_SIZE - 0.5)
    if ref is not None:
        ax.axvline(ref, color="#999999", lw=0.8)
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    lo_lim = np.nanmin(low) if len(labels) else -1
    hi_lim = np.nanmax(high) if len(labels) else 1
    pad = (hi_lim - lo_lim or 1) * 0.08
    ax.set_xlim(lo_lim - pad, hi_lim + (hi_lim - lo_lim or 1) * 0.45)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)


def outlet_dots(ax, wide, colors, markers, xlabel=""):
    """A dot per outlet (columns of ``wide``) on each category (rows of ``wide``), each outlet
    with its colour and marker shape (distinguishable in black and white). Returns the legend
    (handle, label) pairs."""
    cats = list(wide.index)
    legend = []
    for o in wide.columns:
        h = ax.scatter(wide[o].to_numpy(dtype="float64"), range(len(cats)), color=colors[o], marker=markers[o],
                       s=42, edgecolor="black", lw=0.4, zorder=3)
        legend.append((h, o))
    ax.set_yticks(range(len(cats)), cats)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    return legend
