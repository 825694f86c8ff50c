"""Quotes and speakers: quoted spans, their speakers and the speakers' sides.

marks (pairing quotation marks) -> tokens (masked paragraph tokens, grammar words) ->
speakers (subjects of reporting verbs, resolved to actors or descriptions) -> extract (the
article loop, ``extract_quotes``, ``suggest_actors``).
"""
from .extract import (PEOPLE_COLUMNS, QUOTE_COLUMNS, corpus_memory, extract_quotes, people_table,
                      quotes_and_people, suggest_actors)

__all__ = ["PEOPLE_COLUMNS", "QUOTE_COLUMNS", "corpus_memory", "extract_quotes", "people_table", "quotes_and_people",
           "suggest_actors"]
