"""Quotes and speakers: quoted spans, their speakers and the speakers' sides.

marks (pairing quotation marks) -> tokens (masked paragraph tokens, grammar words) ->
speakers (subjects of reporting verbs, resolved to actors or descriptions) -> extract (the
article loop, ``extract_quotes``, ``suggest_actors``).
"""
from .extract import QUOTE_COLUMNS, extract_quotes, suggest_actors

__all__ = ["QUOTE_COLUMNS", "extract_quotes", "suggest_actors"]
