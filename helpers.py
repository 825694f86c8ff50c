"""helpers.py: the small door the workbook's notebooks go through.

The machinery lives in the package ``newsframing/`` beside this file (one module per concern,
in layers; see README "Layout"). What an analyst calls, by task:

Load a corpus
    load_corpus(corpus_dir, manifest, on_error="raise"|"reject") -> articles (one row per article)
    rejected(articles), removed_lines(articles), make_manifest(folder), read_manifest(path)
    articles_from_records(records), load_vocabulary(actors=..., sides=...), load_sides(path)
Run everything once (cached)
    analyze(articles, engine="pandas"|"dask", ...) -> tables: articles, sentences, quotes,
    mentions, frame_hits, label_hits, readability, removed, reuse, rejected (each with ``label``)
Sentences and words
    sentences(articles), paragraphs(articles), words(text), count_words(text)
Voices (who is quoted, for which side)
    extract_quotes(articles), suggest_actors(quotes), load_actors(path), sentence_voice(sents, quotes)
Sentiment
    score_sentences(sents), sentiment_by(scored, by), sentiment_arc(scored), bootstrap_ci(values),
    lexicon_coverage(sents), coverage_summary(cov), load_sentiment_extension(),
    actor_mentions(sents), target_sentiment(sents, mentions), target_evidence(scored_mentions)
Framing
    label_hits / label_counts / label_table, cue_verbs(quotes), frame_hits / frame_scores,
    log_odds(articles), kwic(sents, term), kwic_explorer(sents) (interactive), load_labels, load_frames
Readability and reuse
    readability(articles), readability_by(scores), readability_textstat(articles),
    text_reuse(articles), reuse_families(reuse), sentence_reuse(articles)
Presentation
    use_theme(), outlet_colors(labels), outlet_markers(labels), charts (figure, finish, hbar,
    stacked_shares, interval_dots, outlet_dots), show_finding(text), show_table(df, caption),
    corpus_source(articles, corpus_dir, manifest) (the charts' Source: line), quote_browser(quotes)
    (interactive), typeset(text)
"""
from newsframing import charts
from newsframing.cleaning import load_boilerplate, paragraphs, removed_lines
from newsframing.corpus import (articles_from_records, load_corpus, make_manifest, read_manifest,
                                rejected)
from newsframing.errors import CorpusError, CorpusWarning, VocabularyError
from newsframing.framing import (cue_verbs, frame_hits, frame_scores, kwic, label_counts, label_hits,
                                 label_table, load_frames, load_labels, log_odds, word_counts)
from newsframing.mentions import actor_mentions
from newsframing.pipeline import analyze, load_vocabulary
from newsframing.quotes import extract_quotes, suggest_actors
from newsframing.readability import readability, readability_by, readability_textstat
from newsframing.report import corpus_source
from newsframing.reuse import reuse_families, sentence_reuse, text_reuse
from newsframing.sentences import sentences
from newsframing.sentiment import (coverage_summary, lexicon_coverage, load_sentiment_extension,
                                   sentence_voice, sentiment_arc, sentiment_by)
from newsframing.stats import bootstrap_ci
from newsframing.tables import show_finding, show_table
from newsframing.targets import target_evidence, target_sentiment
from newsframing.text import count_words, words
from newsframing.theme import outlet_colors, outlet_markers, use_theme
from newsframing.typography import typeset
from newsframing.vader import score_sentences, sentiment_label
from newsframing.vocab import load_actors, load_sides
from newsframing.widgets import kwic_explorer, quote_browser

__all__ = [
    # load a corpus
    "load_corpus", "rejected", "removed_lines", "make_manifest", "read_manifest", "articles_from_records",
    "load_vocabulary", "load_sides", "load_boilerplate", "CorpusError", "CorpusWarning", "VocabularyError",
    # run everything once
    "analyze",
    # sentences and words
    "sentences", "paragraphs", "words", "count_words",
    # voices
    "extract_quotes", "suggest_actors", "load_actors", "sentence_voice",
    # sentiment
    "score_sentences", "sentiment_label", "sentiment_by", "sentiment_arc", "bootstrap_ci", "lexicon_coverage",
    "coverage_summary", "load_sentiment_extension", "actor_mentions", "target_sentiment", "target_evidence",
    # framing
    "label_hits", "label_counts", "label_table", "cue_verbs", "frame_hits", "frame_scores", "word_counts",
    "log_odds", "kwic", "kwic_explorer", "quote_browser", "load_labels", "load_frames",
    # readability and reuse
    "readability", "readability_by", "readability_textstat", "text_reuse", "reuse_families", "sentence_reuse",
    # presentation
    "use_theme", "outlet_colors", "outlet_markers", "charts", "show_finding", "show_table", "corpus_source",
    "typeset",
]
