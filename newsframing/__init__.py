"""newsframing: the analysis behind the outlet-framing workbook.

Notebooks use it through the small facade ``helpers.py`` at the repository root; this package
holds the machinery, one concern per module, in layers (a module imports only from lower ones):

====  ======================================================================================
 0    config (paths, defaults), errors
 1    vocab (reads and validates every data/ file), text (the one definition of a word), stats
 2    cleaning, sentences, lexscan (fast term matching), vader (VADER access), gazetteer,
      statements
 3    corpus (manifest, decoding, rejects), sides (who speaks for whom), masking (the target
      model's mask vocabulary and Masker)
 4    quotes (a subpackage: marks, tokens, speakers, extract), sentiment, mentions,
      targetfeatures (what the target model reads), framing, readability, reuse
 5    targets (the target-sentiment model and target_sentiment)
 6    pipeline (analyze, engines, cache)
side  theme, charts, tables, widgets, typography, report: presentation, never imported by the
      analysis modules
====  ======================================================================================

``tests/test_architecture.py`` checks the layering and the module sizes.
"""
