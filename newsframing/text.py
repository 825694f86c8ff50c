"""The one definition of a word, and the tokens built on it (layer 1).

A **word** is a run of letters, optionally joined to more letters by an apostrophe or a hyphen:
"Zelensky's", "war-torn", "co-operation". Digits are not words ("12-point" yields "point";
"2023" none): numbers carry no vocabulary and no syllables. Every count in the workbook (article
lengths, rates per 1,000 words, readability, distinctive vocabulary, lexicon coverage, text
reuse shingles) uses this rule, so a corpus has one word total wherever it is reported.
"""
from __future__ import annotations

import re

#: One letter (a word character that is not a digit or "_").
LETTER = r"[^\W\d_]"
#: Characters that join two runs of letters into one word.
JOINERS = "'’-"
#: The word rule.
WORD_RE = re.compile(rf"{LETTER}+(?:[{JOINERS}]{LETTER}+)*")
#: A trailing possessive 's (straight or curly apostrophe).
POSSESSIVE_RE = re.compile(r"['’]s$", re.IGNORECASE)
#: Tokens for context features: words (letters and digits, one internal apostrophe) and single
#: punctuation marks.
TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|[^\w\s]")
_SPACE_RUN = re.compile(r"\s+")


def words(text):
    """The words of ``text`` as written (WORD_RE)."""
    return WORD_RE.findall(text or "")


def count_words(text):
    """Number of words in ``text`` (WORD_RE)."""
    return len(WORD_RE.findall(text or ""))


def lexical_words(text, lower=True, strip_possessive=True):
    """The words of ``text``, lower-cased, without a trailing possessive 's, ’ written as '."""
    out = WORD_RE.findall(text or "")
    if lower:
        out = [w.lower() for w in out]
    if strip_possessive:
        out = [POSSESSIVE_RE.sub("", w) for w in out]
    return [w.replace("’", "'") for w in out if w]


def collapse_space(s):
    """``s`` with each run of white space replaced by one space (the regex is skipped when ``s``
    has only single spaces: all other white space is unprintable)."""
    return s if s.isprintable() and "  " not in s else _SPACE_RUN.sub(" ", s)
