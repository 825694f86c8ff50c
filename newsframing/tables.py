"""Tables and findings for notebooks (presentation): a DataFrame that renders as HTML in
JupyterLab and as a typeset table that fits the page in the LaTeX PDF, and findings shown as
headings.

A table's LaTeX form is sized to the text block: every column gets a paragraph column whose
width follows its content (numbers never wrap, long text wraps at word boundaries), and a table
too wide even then is split into parts that repeat its leading text columns. Headers lose their
underscores so they can wrap; quotes and minus signs are typeset; keyword-in-context columns
(``left``, ``match``, ``right``) line up on the keyword, and context columns (``left``,
``right``, ``context``, ``evidence``) show whole words only.
"""
from __future__ import annotations

import functools
import math
import hashlib
import html
import re
from pathlib import Path

import pandas as pd

from .typography import trim_evidence, trim_left, trim_right, typeset, typeset_markdown

#: Output metadata key read by the reader-PDF build (scripts/build_reports.py).
META = "workbook"
#: Text block of the reader PDF in points (letter paper, 0.85 in margins) and the two table
#: sizes in points (\small and \footnotesize of an 11 pt document, DejaVu Serif scaled 0.92).
LINE_PT = 489.0
SIZE_PT = {"small": 10 * 0.92, "footnotesize": 9 * 0.92}
#: Space between columns (each side), points; slack added to every measured width.
COLSEP_PT = 3.0
_SLACK_PT = 1.5
#: A table shorter than this (points, about 40 % of the text height) is set as one block that
#: never breaks across pages; a longer one as a longtable that repeats its header.
SHORT_PT = 260.0
#: Columns holding a keyword in context or evidence around it, cut at whole words when shown
#: (kwic_view's before/after are cut already).
CONTEXT_COLUMNS = {"left": trim_left, "right": trim_right, "context": trim_evidence, "evidence": trim_evidence}
#: Keyword-in-context columns line up on the keyword: text before it right-aligned, the keyword
#: centred (in bold), text after it left-aligned.
BEFORE, KEYWORD = {"left", "before"}, {"match", "keyword"}


def _align(column, numeric):
    """How a column is aligned, "right", "center" or "left": numbers and text before a keyword
    right, the keyword centred, other text left."""
    name = str(column).lower()
    if column in numeric or column == "#" or name in BEFORE:
        return "right"
    return "center" if name in KEYWORD else "left"


def show_finding(text, level=2):
    """Display a finding as a Markdown heading computed from the data (so it stays true on any
    corpus). Put it in a cell tagged ``hide-input``."""
    from IPython.display import Markdown, display
    display(Markdown(f"{'#' * level} {typeset_markdown(text)}"))


@functools.lru_cache(maxsize=None)
def _font(bold):
    from matplotlib import font_manager, ft2font
    path = font_manager.findfont(font_manager.FontProperties(family="DejaVu Serif", weight="bold" if bold else "normal"))
    return ft2font.FT2Font(path)


@functools.lru_cache(maxsize=None)
def _advance(char, bold):
    """The advance width of ``char`` in DejaVu Serif, in ems (what TeX sets: not the ink)."""
    from matplotlib import ft2font
    f = _font(bold)
    if char.isspace():
        char = " "
    if not f.get_char_index(ord(char)):  # not in DejaVu (CJK): the fallback font's full width
        return 1.0
    f.set_size(100, 72)
    glyph = f.load_char(ord(char), flags=ft2font.LoadFlags.NO_HINTING)
    return glyph.linearHoriAdvance / 65536 / 100


@functools.lru_cache(maxsize=65536)
def text_width(text, size, bold=False):
    """The printed width in points of ``text`` in DejaVu Serif at ``size`` points (the reader
    PDF's table font), from the font's own advance widths."""
    return size * sum(_advance(ch, bold) for ch in text)


def _latex_escape(s):
    """``s`` escaped for LaTeX text, with break points after / and _ so long paths wrap."""
    s = (s.replace("\\", "\0").replace("{", r"\{").replace("}", r"\}").replace("&", r"\&").replace("%", r"\%")
         .replace("$", r"\$").replace("#", r"\#").replace("_", r"\_\allowbreak{}").replace("~", r"\textasciitilde{}")
         .replace("^", r"\textasciicircum{}").replace("\0", r"\textbackslash{}").replace("/", r"/\allowbreak{}"))
    s = s.replace("[", "{[}").replace("]", "{]}")  # never read as an optional argument after \\
    return s.replace("\n", " ")


def latex_text(text):
    """Printed text (a cell's output, a note) as LaTeX prose: typeset, escaped, a paragraph per
    line, with break points in very long tokens (hashes, paths) so no line runs off the page."""
    out = _latex_escape(typeset(str(text)).strip().replace("\n", "\x01"))
    out = re.sub(r"[^\s\\{}]{30,}", lambda m: r"\allowbreak{}".join(
        m.group(0)[i:i + 20] for i in range(0, len(m.group(0)), 20)), out)
    return out.replace("\x01", "\\par ")


class Table:
    """A table that renders as HTML in JupyterLab and as a real (long)table in the LaTeX PDF
    that fits the text block. ``caption`` becomes the numbered caption; ``name`` (optional)
    labels the table ``tab:<name>`` so the findings PDF can point to its page (show_table also
    saves it as a CSV); ``appendix=True`` asks the reader PDF to print it in the appendix
    (evidence), leaving a pointer in its place."""

    def __init__(self, df, caption=None, max_rows=40, precision=2, name=None, appendix=False):
        self.df, self.caption, self.max_rows, self.precision = df, caption, max_rows, precision
        self.name, self.appendix = name, appendix
        self.csv = None

    def _head(self):
        return self.df.head(self.max_rows).reset_index(drop=True)

    def __repr__(self):
        foot = self._foot()
        return (f"{self.caption}\n" if self.caption else "") + self._head().to_string(index=False) + (f"\n{foot}" if foot else "")

    def _foot(self):
        if len(self.df) <= self.max_rows:
            return ""
        return (f"First {self.max_rows:,} of {len(self.df):,} rows"
                + (f"; all of them in {self.csv}." if self.csv else "."))

    def _uuid(self):
        """A table id derived from the content: pandas would draw a random one per render, which
        changes the saved notebook on every re-run."""
        h = hashlib.sha1((self.caption or "").encode("utf-8"))
        h.update(self._head().to_csv(index=False).encode("utf-8"))
        return h.hexdigest()[:10]

    def label(self):
        """The LaTeX label of this table: ``tab:<name>`` if named, else one from its content."""
        return f"tab:{self.name or self._uuid()}"

    def _numeric(self, d):
        return [c for c in d.columns if pd.api.types.is_numeric_dtype(d[c]) and not pd.api.types.is_bool_dtype(d[c])]

    def _cells(self, d):
        """Every cell as the string a reader sees: numbers formatted (thousands separated,
        ``precision`` decimals for non-integers), text typeset, contexts cut at whole words."""
        numeric = set(self._numeric(d))
        out = {}
        for c in d.columns:
            col = d[c]
            if c in numeric:
                whole = col.dropna().apply(lambda v: float(v).is_integer()).all() if col.notna().any() else True
                fmt = "{:,.0f}" if whole else f"{{:,.{self.precision}f}}"
                out[c] = ["" if pd.isna(v) else typeset(fmt.format(v)) for v in col]
            else:
                trim = CONTEXT_COLUMNS.get(str(c).lower())
                vals = ["" if (not isinstance(v, (list, tuple)) and pd.isna(v)) else str(v) for v in col]
                out[c] = [re.sub(r"\s+", " ", typeset(trim(v) if trim else v)).strip() for v in vals]
        return out

    def _repr_html_(self):
        d = self._head()
        numeric = set(self._numeric(d))
        cells = self._cells(d)
        shown = pd.DataFrame({c: cells[c] for c in d.columns}, columns=d.columns)
        sty = shown.style.hide(axis="index").format(escape="html").set_uuid(self._uuid())
        styles = []
        for i, c in enumerate(d.columns):
            long = c not in numeric and max((len(v) for v in cells[c]), default=0) > 40
            align = _align(c, numeric)
            props = f"text-align: {align}; vertical-align: top;" + (" white-space: normal; min-width: 16em; max-width: 40em;" if long else "")
            styles += [{"selector": f"td.col{i}", "props": props}, {"selector": f"th.col_heading.col{i}", "props": f"text-align: {align};"}]
        sty = sty.set_table_styles(styles)
        if self.caption:
            sty = sty.set_caption(html.escape(typeset(self.caption)))
        foot = self._foot()
        return sty.to_html() + (f"<p><em>{html.escape(foot)}</em></p>" if foot else "")

    def _long(self, d, cells):
        """Text columns of running text (sentences, quotes, evidence): a mean of 60 characters
        or more. They wrap in a wide column or, if the row does not leave room, get a line of
        their own under the row."""
        numeric = set(self._numeric(d))
        return [c for c in d.columns if c not in numeric and len(cells[c])
                and sum(len(v) for v in cells[c]) / len(cells[c]) >= 60]

    def _widths(self, d, cells, size, long=()):
        """Column widths in points that fit LINE_PT at font ``size``, or None if even the
        narrowest layout does not fit: numbers at full width, text at its longest word (at
        most a sixth of the line), running text (``long``) at least a third of the line. Text
        columns share what is left in proportion to their natural width."""
        numeric = set(self._numeric(d))
        pt = SIZE_PT[size]
        cap = LINE_PT - 2 * COLSEP_PT * (len(d.columns) - 1)
        nat, low = {}, {}
        for c in d.columns:
            bold = str(c).lower() in KEYWORD
            head = str(c).replace("_", " ")
            head_low = max((text_width(w, pt) for w in head.split()), default=0.0)
            vals = [text_width(v, pt, bold) for v in cells[c]]
            nat[c] = max(vals + [text_width(head, pt)]) + _SLACK_PT
            if c in numeric:
                low[c] = max(vals + [head_low]) + _SLACK_PT
            else:
                words = max((text_width(w, pt, bold) for v in cells[c] for w in v.split()), default=0.0)
                low[c] = max(min(words, LINE_PT / 6), head_low) + _SLACK_PT
                if c in long:
                    low[c] = max(low[c], min(nat[c], LINE_PT / 3))
            nat[c] = max(nat[c], low[c])
        if sum(nat.values()) <= cap:
            return nat
        if sum(low.values()) > cap:
            return None
        widths = dict(low)
        spare = cap - sum(low.values())
        grow = {c: nat[c] - low[c] for c in d.columns if c not in numeric and nat[c] > low[c]}
        while spare > 0.5 and grow:
            total = sum(nat[c] for c in grow)
            step = {c: min(grow[c], spare * nat[c] / total) for c in grow}
            for c, s in step.items():
                widths[c] += s
                grow[c] -= s
            spare -= sum(step.values())
            grow = {c: g for c, g in grow.items() if g > 0.5}
        return widths

    def _layout(self, d, cells):
        """How the table fits the line: [(columns, widths, size, under)], one entry per part;
        ``under`` lists running-text columns printed on a line of their own under each row.
        In order of preference: every column side by side (small, then footnotesize type);
        running text under the rows; the other columns split into parts that each repeat the
        leading text columns (and a row number, so the parts can be read together)."""
        long = self._long(d, cells)
        for size in ("small", "footnotesize"):
            w = self._widths(d, cells, size, long)
            if w is not None:
                return [(list(d.columns), w, size, [])]
        short = [c for c in d.columns if c not in long]
        if long and short:
            for size in ("small", "footnotesize"):
                w = self._widths(d[short], cells, size)
                if w is not None:
                    return [(short, w, size, long)]
        numeric = set(self._numeric(d))
        keys = ["#"]
        for c in short:  # the leading text columns name the rows: repeat them in every part
            if c in numeric or len(keys) == 3:
                break
            keys.append(c)
        cells["#"] = [str(i + 1) for i in range(len(d))]
        d = d.assign(**{"#": range(1, len(d) + 1)})
        parts, current = [], []
        for c in [c for c in short if c not in keys]:
            trial = keys + current + [c]
            if current and self._widths(d[trial], cells, "footnotesize") is None:
                parts.append(keys + current)
                current = [c]
            else:
                current.append(c)
        parts.append(keys + current)
        out = []
        for k, cols in enumerate(parts):
            w = self._widths(d[cols], cells, "footnotesize")
            if w is None:  # one column too wide even alone: let the part take the line and wrap
                w = {c: LINE_PT / len(cols) for c in cols}
            out.append((cols, w, "footnotesize", long if k == len(parts) - 1 else []))
        return out

    def _height(self, cells, cols, widths, size, under, n_rows):
        """A rough height in points (lines times the line height) of a part, to decide whether
        it may break across pages."""
        line = SIZE_PT[size] * 1.2 * 1.15
        rows = 0
        for i in range(n_rows):
            rows += max(1, *(-(-text_width(cells[c][i], SIZE_PT[size]) // max(widths[c], 1.0)) for c in cols))
            rows += sum(-(-text_width(cells[c][i], SIZE_PT[size]) // LINE_PT) for c in under)
        return (rows + 4) * line

    def _repr_latex_(self):
        d = self._head()
        if not len(d.columns):
            return ""
        numeric = set(self._numeric(d))
        cells = self._cells(d)
        parts = self._layout(d, cells)
        caption = _latex_escape(typeset(self.caption)) if self.caption else ""
        out = []
        for k, (cols, widths, size, under) in enumerate(parts):
            avail = LINE_PT - 2 * COLSEP_PT * (len(cols) - 1)
            # a part with text under its rows spans the whole line, so the under-line fits it
            scale = avail / sum(widths.values()) if under else min(1.0, avail / sum(widths.values()))
            gaps = f"{2 * COLSEP_PT * (len(cols) - 1):g}pt"
            spec = []
            for c in cols:
                align = {"right": r"\raggedleft", "center": r"\centering", "left": r"\raggedright"}[_align(c, numeric)]
                spec.append(f">{{{align}\\arraybackslash}}p{{{math.floor(scale * widths[c] / avail * 1e4) / 1e4:.4f}\\dimexpr\\linewidth-{gaps}\\relax}}")
            span = (f"\\multicolumn{{{len(cols)}}}{{@{{\\hspace{{1.5em}}}}>{{\\raggedright\\arraybackslash}}"
                    f"p{{\\dimexpr\\linewidth-1.5em\\relax}}@{{}}}}")
            head = " & ".join(_latex_escape(str(c).replace("_", " ")) for c in cols) + r" \\"
            if under:
                head += "\n" + " ".join(f"{span}{{\\itshape {_latex_escape(str(c).replace('_', ' '))}}} \\\\" for c in under)
            rows = []
            for i in range(len(d)):
                row = " & ".join(r"\textbf{" + _latex_escape(cells[c][i]) + "}" if str(c).lower() in KEYWORD
                                 else _latex_escape(cells[c][i]) for c in cols)
                if under:
                    row += r" \\*" + "".join(f"\n{span}{{{_latex_escape(cells[c][i])}}} \\\\*" for c in under[:-1])
                    row += f"\n{span}{{{_latex_escape(cells[under[-1]][i])}}} \\\\ \\addlinespace[3pt]"
                else:
                    row += r" \\"
                rows.append(row)
            part = f" (part {k + 1} of {len(parts)})" if len(parts) > 1 else ""
            cap = ""
            if caption:
                cap = f"\\caption{{{caption}{part}}}" + (f"\\label{{{self.label()}}}" if k == 0 else "")
            setup = f"\\{size}\\setlength{{\\tabcolsep}}{{{COLSEP_PT:g}pt}}\\renewcommand{{\\arraystretch}}{{1.15}}"
            again = r"\addtocounter{table}{-1}" if k and caption else ""  # a later part keeps the number
            if self._height(cells, cols, widths, size, under, len(d)) <= SHORT_PT:
                # a short table never breaks, so it stays with the heading above it
                out.append("\n".join([
                    again + r"\begin{table}[H]" + setup,
                    cap, f"\\begin{{tabular}}{{@{{}}{''.join(spec)}@{{}}}}",
                    r"\toprule", head, r"\midrule", *rows, r"\bottomrule", r"\end{tabular}", r"\end{table}"]))
                continue
            out.append("\n".join([
                again + "{" + setup,
                f"\\begin{{longtable}}{{@{{}}{''.join(spec)}@{{}}}}",
                (cap + r"\\") if cap else "", r"\toprule", head, r"\midrule", r"\endfirsthead",
                (f"\\multicolumn{{{len(cols)}}}{{@{{}}l}}{{\\itshape Table~\\thetable{{}}{part} (continued)}}\\\\" if caption else ""),
                r"\toprule", head, r"\midrule", r"\endhead",
                r"\bottomrule", r"\endlastfoot",
                *rows,
                r"\end{longtable}}"]))
        foot = self._foot()
        return "\n".join(out) + (f"\n{{\\footnotesize\\emph{{{_latex_escape(foot)}}}\\par}}\n" if foot else "\n")

    def metadata(self):
        """Output metadata read by the reader-PDF build: the table's label and placement."""
        return {META: {"table": {"label": self.label(), "caption": typeset(self.caption or ""),
                                 **({"name": self.name} if self.name else {})},
                       **({"appendix": True} if self.appendix else {})}}

    def keep_whole(self):
        """Save the table as a CSV beside the charts (charts.setup's out_dir) if it is named or
        cut at max_rows, as its name or table-<caption words>-<id>; returns the table."""
        if self.name or len(self.df) > self.max_rows:
            from . import charts
            slug = "-".join(re.findall(r"[a-z0-9]+", (self.caption or "table").lower())[:6])
            self.save_csv(charts.DEFAULTS["out_dir"], self.name or f"table-{slug}-{self._uuid()[:6]}")
        return self

    def save_csv(self, out_dir, name=None):
        """Write the whole table (every row) to ``out_dir/<name>.csv`` (default: the table's
        name); returns the path. The table then cites it as "<folder>/<file>" when cut."""
        path = Path(out_dir) / f"{name or self.name}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.df.to_csv(path, index=False)
        self.csv = f"{path.parent.name}/{path.name}"
        return path


def show_table(df, caption=None, max_rows=40, precision=2, name=None, appendix=False):
    """Display ``df`` as a Table: HTML in JupyterLab, a typeset table that fits the page in the
    PDF. ``caption`` is printed as the numbered caption. ``name`` saves the whole table as a CSV
    beside the charts (charts.setup's out_dir) and lets a chart's ``evidence=`` point to this
    table; a table cut at ``max_rows`` is saved there too (as ``name`` or table-<caption>-<id>)
    and says where. ``appendix=True`` prints it in the reader PDF's appendix
    (for evidence: every sentence, every quote), with a pointer left in its place."""
    from IPython.display import display

    t = Table(df, caption, max_rows, precision, name=name, appendix=appendix).keep_whole()
    display(t, metadata=t.metadata())


def latex_formatter(df):
    """The LaTeX form of any DataFrame a cell displays bare (registered by theme.use_theme), so
    that it, too, fits the page in the PDF."""
    return Table(df, max_rows=60)._repr_latex_()
