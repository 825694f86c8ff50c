"""Typography for readers (presentation): quotation marks turned the right way, true minus
signs, and contexts cut at whole words. Used by the tables, the charts, the interactive views
and the reader-PDF build; the corpus itself is never edited.
"""
from __future__ import annotations

import re

ELLIPSIS = "\u2026"
MINUS = "\u2212"

# A straight quote opens after the start of the text, white space, an opening bracket, a dash,
# another opening quote or Markdown emphasis (*, _); anywhere else it closes (or, for ', is an
# apostrophe).
_OPENS_AFTER = r"(^|[\s(\[{\u2014\u2013/\u201c\u2018*_-])"
_DOUBLE_OPEN = re.compile(_OPENS_AFTER + '"')
_SINGLE_OPEN = re.compile(_OPENS_AFTER + "'(?=\\w)")
# ...except an elided letter or century: 's, 't, 're, 'll, 've, 'd, 'm, 'em, '90s.
_ELISION = re.compile(r"(?<![\w'])'(?=(?:s|t|re|ll|ve|d|m|em|tis|twas)\b|\d\d)", re.I)
# A hyphen-minus is a minus sign when it starts a number: at the start, after white space, an
# opening bracket, '=', '/' or '~' ("-0.12", "(-3)", "range -1 to +1").
_MINUS = re.compile(r"(^|[\s(\[{=/~\u2013\u2014])-(?=\.?\d)")
_WORD = re.compile(r"\w", re.UNICODE)


def smart_quotes(text):
    """``text`` with straight quotes turned into curly ones: “ and ‘ where a quote opens, ” and
    ’ where it closes (a ' inside a word is an apostrophe, ’). Assumes prose, not code."""
    if not isinstance(text, str) or ('"' not in text and "'" not in text):
        return text
    text = _DOUBLE_OPEN.sub(lambda m: m.group(1) + "\u201c", text)
    text = _DOUBLE_OPEN.sub(lambda m: m.group(1) + "\u201c", text)  # "" back to back
    text = text.replace('"', "\u201d")
    text = _ELISION.sub("\u2019", text)
    text = _SINGLE_OPEN.sub(lambda m: m.group(1) + "\u2018", text)
    return text.replace("'", "\u2019")


def true_minus(text):
    """``text`` with the hyphen-minus before a number replaced by a true minus sign (U+2212),
    so -0.12 prints as −0.12; hyphens inside words and ranges (2019-2023) are left alone."""
    if not isinstance(text, str) or "-" not in text:
        return text
    return _MINUS.sub(lambda m: m.group(1) + MINUS, text)


def typeset(text):
    """smart_quotes and true_minus together: what every string printed for a reader gets."""
    return true_minus(smart_quotes(text))


_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`|\$\$.*?\$\$|\$[^$\n]+\$|<[^>\n]+>)", re.S)


def typeset_markdown(md):
    """Markdown with typeset() applied to its prose, never to code (fenced or inline), maths
    or HTML tags."""
    if not isinstance(md, str):
        return md
    parts = _CODE.split(md)
    return "".join(p if i % 2 else typeset(p) for i, p in enumerate(parts))


def trim_left(context):
    """A left context (the text before a keyword) that starts at a whole word. Assumes the
    context was cut from longer text by a character window, so a first word touching the edge
    may be a fragment: it is replaced by an ellipsis (a whole word may be dropped, a fragment
    is never shown). Use trim_context when the source text is at hand."""
    if not isinstance(context, str) or not context or not _WORD.match(context[0]):
        return context
    cut = re.search(r"\s", context)
    return ELLIPSIS + (context[cut.start():] if cut else "")


def trim_right(context):
    """A right context that ends at a whole word (the mirror of trim_left)."""
    if not isinstance(context, str) or not context or not _WORD.match(context[-1]):
        return context
    cut = max(context.rfind(" "), context.rfind("\n"), context.rfind("\t"))
    return (context[:cut + 1] if cut >= 0 else "") + ELLIPSIS


def trim_context(text, start, end, window):
    """Up to ``window`` characters of ``text`` either side of text[start:end], cut at whole
    words: returns (left, match, right), white space collapsed, with an ellipsis where a side
    stops short of the start or end of ``text``."""
    a, b = max(0, start - window), min(len(text), end + window)
    left, right = text[a:start], text[end:b]
    if a > 0:
        inside = _WORD.match(text[a - 1]) and _WORD.match(text[a])  # the window cut a word
        left = trim_left(left) if inside else ELLIPSIS + left
    if b < len(text):
        inside = _WORD.match(text[b - 1]) and _WORD.match(text[b])
        right = trim_right(right) if inside else right + ELLIPSIS
    return _squash(left), _squash(text[start:end]), _squash(right)


def _squash(s):
    return re.sub(r"\s+", " ", s)


def trim_evidence(evidence, sep=" | "):
    """Evidence strings of the form "left[match]right" (several joined by ``sep``), each cut
    at whole words at both ends."""
    if not isinstance(evidence, str) or not evidence:
        return evidence
    return sep.join(trim_right(trim_left(part)) for part in evidence.split(sep))
