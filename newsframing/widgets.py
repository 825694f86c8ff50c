"""Interactive views for JupyterLab (presentation): the keyword-in-context explorer and the
quote browser, both ipywidgets (no JavaScript bundle to ship, nothing fetched from the
network).

Each view is live only in a running kernel. Its saved and exported forms are a static table of
what it opens on: HTML in a saved notebook and in the HTML report, a typeset table in the PDF
(the widget's display carries text/html and text/latex beside the live view; the quote
browser's table goes to the PDF's appendix). So a PDF or HTML export never shows widget code.
"""
from __future__ import annotations

import html
import re

import pandas as pd

from .framing import kwic
from .tables import Table
from .typography import trim_context, typeset

#: Characters that make a term a regular expression rather than a word or phrase.
_REGEX_CHARS = re.compile(r"[\\^$.|?*+()\[\]{}]")
#: Sentences scanned to find the actor with the most mentions (the explorer's opening view).
_SAMPLE = 5000


def _plural(n, word):
    return f"{n:,} {word}" + ("" if n == 1 else "es" if word.endswith(("s", "sh", "ch", "x")) else "s")


def kwic_view(sents, term, window=60, regex=False):
    """Keyword in context over sentences, cut at whole words: a DataFrame with doc_id, label,
    sent, before (right-aligned when shown), keyword, after, in document order. ``term``: a
    word or phrase, a list of them, or regular expression(s) with ``regex=True``; ``sents``
    needs doc_id, label, sent, start, text (the sentence's offset and text)."""
    k = kwic(sents, term, window=window, regex=regex)
    cols = ["doc_id", "label", "sent", "before", "keyword", "after"]
    if k.empty:
        return pd.DataFrame([], columns=cols)
    where = {(d, s): (int(a), t) for d, s, a, t in zip(sents["doc_id"], sents["sent"], sents["start"], sents["text"])}
    rows = []
    for r in k.itertuples(index=False):
        base, text = where[(r.doc_id, r.sent)]
        before, keyword, after = trim_context(text, r.start - base, r.end - base, window)
        rows.append({"doc_id": r.doc_id, "label": getattr(r, "label", ""), "sent": r.sent,
                     "before": before, "keyword": keyword, "after": after})
    return pd.DataFrame(rows, columns=cols)


def _kwic_html(view, max_rows):
    """An HTML table that reads across the keyword: the text before it right-aligned, the text
    after it left-aligned."""
    cell = "padding:2px 6px;vertical-align:top;"
    rows = "".join(
        f"<tr><td style='{cell}text-align:left;white-space:nowrap;color:#555'>{html.escape(typeset(str(r.label)))}</td>"
        f"<td style='{cell}text-align:right'>{html.escape(typeset(r.before))}</td>"
        f"<td style='{cell}text-align:center;font-weight:bold;white-space:nowrap'>{html.escape(r.keyword)}</td>"
        f"<td style='{cell}text-align:left'>{html.escape(typeset(r.after))}</td></tr>"
        for r in view.head(max_rows).itertuples())
    return ("<table class='nf-kwic-table' style='border-collapse:collapse;width:100%;font-size:13px;line-height:1.4'>"
            "<thead><tr><th style='text-align:left'>outlet</th><th style='text-align:right'>before</th>"
            "<th style='text-align:center'>keyword</th><th style='text-align:left'>after</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _summary(view, max_rows):
    n_docs = view["doc_id"].nunique() if len(view) else 0
    return (f"{_plural(len(view), 'match')} in {_plural(n_docs, 'article')}"
            + (f" (first {max_rows:,} shown)" if len(view) > max_rows else ""))


def _opening_actor(sents, aliases, window):
    """The actor with the most mentions in (a sample of) the sentences; ties go to the first
    alphabetically. None if no actor is mentioned."""
    sample = sents.head(_SAMPLE)
    counts = {a: len(kwic(sample, al, window=1)) for a, al in aliases.items()}
    best = max(sorted(counts), key=lambda a: counts[a], default=None)
    return best if best is not None and counts[best] else None


def kwic_explorer(sents, actors=None, labels=None, default_term="", window=60, max_rows=50, regex=None,
                  caption=None, appendix=True):
    """An ipywidgets keyword-in-context explorer for JupyterLab: type a word or phrase (or a
    regular expression, with the visible "regex" box ticked), or pick an actor (all its
    aliases), optionally one outlet; the matching sentences show below with the keyword in the
    middle, the text before it right-aligned and the text after it left-aligned, cut at whole
    words.

    ``sents`` must have doc_id, label, sent, start, text; ``actors`` is load_actors() (alias,
    actor); ``default_term`` (a string or a list of terms) is what it opens on, ``regex``
    whether that is a regular expression (None: yes if it contains regex characters). If the
    default finds nothing, it opens on the actor with the most mentions, so it never opens
    empty when anything can match. Returns the widget (display it); its saved and exported
    form is the static table of that opening view, titled ``caption`` (default: the term or
    actor) and, with ``appendix=True``, printed in the reader PDF's appendix."""
    import ipywidgets as w

    aliases = {}
    if actors is not None and len(actors):
        for a, g in actors.groupby("actor"):
            aliases[a] = sorted(set(g["alias"]), key=len, reverse=True)
    terms = [default_term] if isinstance(default_term, str) else list(default_term)
    terms = [t for t in terms if t]
    if regex is None:
        regex = any(_REGEX_CHARS.search(t) for t in terms)
    text = terms[0] if len(terms) == 1 else "|".join(f"(?:{t})" if regex else re.escape(t) for t in terms)
    regex = regex or len(terms) > 1
    opening = "term"
    try:
        if not text or kwic_view(sents, text, window, regex).empty:
            opening = "actor" if aliases else "term"
    except (re.error, ValueError):
        opening = "actor" if aliases else "term"
    first_actor = _opening_actor(sents, aliases, window) if aliases else None
    if opening == "actor" and first_actor is None:
        opening = "term"

    style = {"description_width": "initial"}
    mode = w.ToggleButtons(options=["term", "actor"], value=opening, description="Search by", style=style)
    term = w.Text(value=text, description="Term", placeholder="a word, a phrase or a regular expression",
                  continuous_update=True, layout=w.Layout(width="28em"), style=style)
    is_regex = w.Checkbox(value=bool(regex), description="regex", indent=False, layout=w.Layout(width="7em"))
    actor = w.Dropdown(options=sorted(aliases), value=first_actor if first_actor else (sorted(aliases)[0] if aliases else None),
                       description="Actor", layout=w.Layout(width="22em"), style=style)
    outlets = ["(all)"] + (sorted(sents["label"].dropna().unique()) if labels is None else list(labels))
    outlet = w.Dropdown(options=outlets, description="Outlet", layout=w.Layout(width="22em"), style=style)
    win = w.IntSlider(value=window, min=20, max=200, step=10, description="Characters either side", style=style)
    count = w.HTML()
    table = w.HTML()
    for ctl, name in ((term, "term"), (is_regex, "regex"), (actor, "actor"), (outlet, "outlet"), (mode, "mode"),
                      (count, "count"), (table, "results")):
        ctl.add_class(f"nf-kwic-{name}")  # stable hooks for styles and the browser test
    state = {}

    def refresh(*_):
        s = sents if outlet.value == "(all)" else sents[sents["label"] == outlet.value]
        try:
            if mode.value == "actor":
                if not actor.value:
                    count.value, table.value = "No actors loaded.", ""
                    return
                view = kwic_view(s, aliases[actor.value], win.value)
            else:
                if not term.value.strip():
                    count.value, table.value = "Type a word or phrase.", ""
                    return
                view = kwic_view(s, term.value.strip(), win.value, regex=is_regex.value)
        except (re.error, ValueError) as e:
            count.value, table.value = html.escape(f"Cannot search: {e}"), ""
            return
        state["view"] = view
        count.value = f"<b>{html.escape(_summary(view, max_rows))}</b>"
        table.value = _kwic_html(view, max_rows)

    def typed(change):
        if mode.value != "term":
            mode.value = "term"  # typing a term means searching for it (refreshes)
        else:
            refresh()

    def picked(change):
        if mode.value != "actor":
            mode.value = "actor"
        else:
            refresh()

    term.observe(typed, names="value")
    is_regex.observe(typed, names="value")
    actor.observe(picked, names="value")
    for ctl in (mode, outlet, win):
        ctl.observe(refresh, names="value")
    box = _StaticBox([mode, w.HBox([term, is_regex]), actor, w.HBox([outlet, win]), count, table])
    box.add_class("nf-kwic")
    refresh()
    view = state.get("view", pd.DataFrame([], columns=["doc_id", "label", "before", "keyword", "after"]))
    what = caption or (f"Keyword in context: {actor.value} (all aliases)" if mode.value == "actor"
                       else f"Keyword in context: “{term.value}”")
    static = Table(view[["label", "before", "keyword", "after"]], caption=f"{what}; {_summary(view, max_rows)}",
                   max_rows=max_rows, appendix=appendix).keep_whole()
    box.static = (static, f"[Keyword-in-context explorer: interactive in JupyterLab (run the notebook). {what}.]")
    return box


#: Columns the quote browser shows, in order (those present in the quotes table).
QUOTE_COLUMNS = ["label", "speaker", "side", "kind", "cue", "via", "quote"]


def quote_browser(quotes, sides=None, max_rows=100, appendix=True, static_rows=500):
    """An ipywidgets browser of every quote for JupyterLab: filter by outlet, side, speaker and
    kind, or by words in the quote; the count and the matching quotes (text wrapped) show
    below. ``quotes`` is extract_quotes()/analyze().quotes (label, speaker, side, kind, quote;
    cue and via if present); ``sides`` (load_sides()) names the sides in the side filter.
    Returns the widget (display it). Its saved and exported form is the table of every quote
    (the first ``static_rows``, the rest in a CSV beside the charts, so a big corpus does not
    bloat the notebook); ``appendix=True`` prints that table in the reader PDF's appendix (it
    is evidence)."""
    import ipywidgets as w

    cols = [c for c in QUOTE_COLUMNS if c in quotes.columns]
    q = quotes[cols].reset_index(drop=True)
    style = {"description_width": "initial"}

    def options(col, name=None):
        if col not in q.columns:
            return [("(all)", "(all)")]
        counts = q[col].fillna("").replace("", "(none)").value_counts()
        return [("(all)", "(all)")] + [(f"{name(v) if name else v} ({n:,})", v) for v, n in sorted(counts.items())]

    side_name = (lambda v: sides.label(v) if v != "(none)" else v) if sides is not None else None
    outlet = w.Dropdown(options=options("label"), description="Outlet", style=style, layout=w.Layout(width="24em"))
    side = w.Dropdown(options=options("side", side_name), description="Side", style=style, layout=w.Layout(width="18em"))
    speaker = w.Dropdown(options=options("speaker"), description="Speaker", style=style, layout=w.Layout(width="24em"))
    kind = w.Dropdown(options=options("kind"), description="Kind", style=style, layout=w.Layout(width="14em"))
    words = w.Text(description="Words in the quote", placeholder="e.g. peace", style=style, layout=w.Layout(width="24em"))
    for ctl, name in ((outlet, "outlet"), (side, "side"), (speaker, "speaker"), (kind, "kind"), (words, "words")):
        ctl.add_class(f"nf-quotes-{name}")
    count = w.HTML()
    table = w.HTML()
    count.add_class("nf-quotes-count")
    table.add_class("nf-quotes-results")

    def refresh(*_):
        m = pd.Series(True, index=q.index)
        for ctl, col in ((outlet, "label"), (side, "side"), (speaker, "speaker"), (kind, "kind")):
            if ctl.value != "(all)" and col in q.columns:
                m &= q[col].fillna("").replace("", "(none)") == ctl.value
        if words.value.strip():
            m &= q["quote"].str.contains(re.escape(words.value.strip()), case=False, regex=True)
        hit = q[m]
        count.value = f"<b>{len(hit):,} of {_plural(len(q), 'quote')}</b>"
        table.value = Table(hit, max_rows=max_rows)._repr_html_()

    for ctl in (outlet, side, speaker, kind, words):
        ctl.observe(refresh, names="value")
    box = _StaticBox([w.HBox([outlet, side]), w.HBox([speaker, kind]), words, count, table])
    box.add_class("nf-quotes")
    refresh()
    box.static = (Table(q, caption=f"Every quote ({_plural(len(q), 'quote')}), in article order",
                        max_rows=static_rows, appendix=appendix).keep_whole(),
                  "[Quote browser: interactive in JupyterLab (run the notebook); the table below lists every quote.]")
    return box


try:  # ipywidgets is in requirements; guard so helpers imports without it
    import ipywidgets as _ipyw

    class _StaticBox(_ipyw.VBox):
        """A VBox shown live in JupyterLab whose saved and exported forms are a static Table
        (``static``: the Table and a one-line text form)."""

        static = None

        def __repr__(self):
            return self.static[1] if self.static else "[interactive view: run the notebook in JupyterLab]"

        def _repr_mimebundle_(self, **kwargs):
            data = super()._repr_mimebundle_(**kwargs)
            meta = {}
            if self.static:
                table, line = self.static
                data.update({"text/plain": line, "text/html": table._repr_html_(), "text/latex": table._repr_latex_()})
                meta = table.metadata()
            return data, meta
except ImportError:  # pragma: no cover
    _StaticBox = None
