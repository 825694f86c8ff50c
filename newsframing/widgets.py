"""Interactive views for JupyterLab (presentation): the keyword-in-context explorer. Outside a
live kernel (a PDF or text export) a widget shows one explanatory line instead of its code."""
from __future__ import annotations

import re

from .framing import kwic


def kwic_explorer(sents, actors=None, labels=None, default_term="", window=60, max_rows=50):
    """An ipywidgets keyword-in-context explorer for JupyterLab: pick an actor (all its aliases),
    or type a word/regex, optionally one outlet; the matching sentences show below.

    ``sents`` must have doc_id, label, sent, start, text; ``actors`` is load_actors() (alias,
    actor). Returns the widget (display it). Outside a live kernel it is inert: its text form is
    one line saying so, so headless runs and PDF exports show that line instead of widget code.
    """
    import ipywidgets as w
    from IPython.display import display

    aliases = {}
    if actors is not None and len(actors):
        for a, g in actors.groupby("actor"):
            aliases[a] = sorted(set(g["alias"]), key=len, reverse=True)
    mode = w.ToggleButtons(options=["actor", "term"], value="actor" if aliases else "term",
                           description="Search by")
    actor = w.Dropdown(options=sorted(aliases), description="Actor")
    term = w.Text(value=default_term, description="Term", placeholder="word or regex")
    is_regex = w.Checkbox(value=False, description="regex")
    outlets = ["(all)"] + sorted(sents["label"].dropna().unique()) if labels is None else ["(all)"] + list(labels)
    outlet = w.Dropdown(options=outlets, description="Outlet")
    win = w.IntSlider(value=window, min=20, max=200, step=10, description="Window")
    out = w.Output()

    def refresh(*_):
        out.clear_output()
        with out:
            s = sents if outlet.value == "(all)" else sents[sents["label"] == outlet.value]
            try:
                if mode.value == "actor":
                    if not actor.value:
                        print("No actors loaded.")
                        return
                    k = kwic(s, aliases[actor.value], window=win.value)
                else:
                    if not term.value.strip():
                        print("Type a term.")
                        return
                    k = kwic(s, term.value.strip(), window=win.value, regex=is_regex.value)
            except (re.error, ValueError) as e:
                print(f"Cannot search: {e}")
                return
            print(f"{len(k):,} matches in {k['doc_id'].nunique() if len(k) else 0:,} articles"
                  + (f" (first {max_rows} shown)" if len(k) > max_rows else ""))
            display(k.head(max_rows)[[c for c in ("label", "sent", "left", "match", "right")
                                      if c in k.columns]])

    for ctl in (mode, actor, term, is_regex, outlet, win):
        ctl.observe(refresh, names="value")
    box = _KwicBox([mode, w.HBox([actor, term, is_regex]), w.HBox([outlet, win]), out])
    refresh()
    return box


try:  # ipywidgets is in requirements; guard so helpers imports without it
    import ipywidgets as _ipyw

    class _KwicBox(_ipyw.VBox):
        """A VBox whose plain-text form (shown by PDF/text exports) is one explanatory line."""

        def __repr__(self):
            return ("[Keyword-in-context explorer: interactive in JupyterLab; "
                    "the static table below shows the default view.]")
except ImportError:  # pragma: no cover
    _KwicBox = None
