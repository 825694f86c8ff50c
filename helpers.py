"""helpers.py: the small door the workbook's notebooks go through.

The machinery lives in the package ``newsframing/`` beside this file (one module per concern,
in layers; see README "Layout"). What an analyst calls, by task:

Load a corpus
    load_corpus(corpus_dir, manifest, on_error="raise"|"reject") -> articles (one row per article)
    rejected(articles), removed_lines(articles), unidentified(articles), make_manifest(folder), read_manifest(path)
    articles_from_records(records), load_vocabulary(actors=..., sides=..., stories=story_ids(articles)),
    load_sides(path), load_gazetteer(), UNIDENTIFIED
Run everything once (cached)
    analyze(articles, engine="pandas"|"dask", ...) -> tables: articles, sentences, quotes,
    people, mentions, frame_hits, label_hits, readability, removed, reuse, rejected (each with ``label``)
Wire copies
    wire_stories(articles, reuse), count_per_story(table, value, by, stories), wire_edits(...)
Sentences and words
    sentences(articles), paragraphs(articles), words(text), count_words(text)
Voices (who is quoted, for which side)
    extract_quotes(articles), suggest_actors(quotes, people), people_table(articles), load_actors(path),
    sentence_voice(sents, quotes)
Sentiment
    score_sentences(sents), sentiment_by(scored, by), sentiment_arc(scored), bootstrap_ci(values),
    lexicon_coverage(sents), coverage_summary(cov), vader_blind_spots(sents), load_sentiment_extension(),
    actor_mentions(sents), target_sentiment(sents, mentions), target_evidence(scored_mentions)
Framing
    label_hits / label_counts / label_table / label_rates / leading_variants, cue_verbs(quotes), frame_hits / frame_scores / frame_leads,
    reporter_text(articles, quotes), span_voice(spans, quotes),
    log_odds(articles), kwic(sents, term), kwic_explorer(sents) (interactive), load_labels, load_frames
Readability and reuse
    readability(articles), readability_by(scores), flesch_gap(per_outlet), readability_textstat(articles),
    text_reuse(articles), reuse_families(reuse), sentence_reuse(articles)
Statements (ties named, noise not ranked)
    statements.rank(values), statements.compare(a, b), statements.order_by_interval(frame), join, pct
Presentation
    use_theme(), outlet_colors(labels), outlet_markers(labels), charts (setup, figure, finish, hbar,
    stacked, stacked_shares, heatmap, interval_dots, outlet_dots, panel_title), show_finding(text),
    show_table(df, caption), corpus_source(articles, corpus_dir, manifest) (the charts' Source: line),
    date_range(articles) (publication dates as text),
    quote_browser(quotes) (interactive), typeset(text)
"""
from newsframing import charts, statements
from newsframing.config import UNIDENTIFIED
from newsframing.cleaning import load_boilerplate, paragraphs, removed_lines
from newsframing.corpus import (articles_from_records, load_corpus, make_manifest, read_manifest,
                                rejected, unidentified)
from newsframing.errors import CorpusError, CorpusWarning, VocabularyError
from newsframing.framing import (cue_verbs, frame_hits, frame_leads, frame_scores, kwic, label_counts, label_hits,
                                 label_rates, label_table, leading_variants, load_frames, load_labels, log_odds, reporter_text,
                                 span_voice, word_counts)
from newsframing.gazetteer import load_gazetteer
from newsframing.mentions import actor_mentions
from newsframing.pipeline import analyze, load_vocabulary
from newsframing.quotes import extract_quotes, people_table, suggest_actors
from newsframing.readability import flesch_gap, readability, readability_by, readability_textstat
from newsframing.report import corpus_source, date_range
from newsframing.reuse import (count_per_story, reuse_families, sentence_reuse, text_reuse, wire_edits,
                               wire_stories)
from newsframing.sentences import sentences
from newsframing.sentiment import (coverage_summary, lexicon_coverage, load_sentiment_extension,
                                   sentence_voice, sentiment_arc, sentiment_by, vader_blind_spots)
from newsframing.stats import bootstrap_ci
from newsframing.tables import show_finding, show_table
from newsframing.targets import target_evidence, target_sentiment
from newsframing.text import count_words, words
from newsframing.theme import outlet_colors, outlet_markers, use_theme
from newsframing.typography import typeset
from newsframing.vader import score_sentences, sentiment_label
from newsframing.vocab import load_actors, load_sides, story_ids
from newsframing.widgets import kwic_explorer, quote_browser

__all__ = [
    # load a corpus
    "load_corpus", "rejected", "unidentified", "removed_lines", "make_manifest", "read_manifest", "articles_from_records",
    "load_vocabulary", "load_sides", "load_gazetteer", "story_ids", "load_boilerplate", "UNIDENTIFIED",
    "CorpusError", "CorpusWarning", "VocabularyError",
    # run everything once; wire copies
    "analyze", "wire_stories", "count_per_story", "wire_edits",
    # sentences and words
    "sentences", "paragraphs", "words", "count_words",
    # voices
    "extract_quotes", "suggest_actors", "people_table", "load_actors", "sentence_voice",
    # sentiment
    "score_sentences", "sentiment_label", "sentiment_by", "sentiment_arc", "bootstrap_ci", "lexicon_coverage",
    "coverage_summary", "vader_blind_spots", "load_sentiment_extension", "actor_mentions", "target_sentiment", "target_evidence",
    # framing
    "label_hits", "label_counts", "label_table", "label_rates", "leading_variants", "cue_verbs", "reporter_text", "span_voice",
    "frame_hits", "frame_scores", "frame_leads", "word_counts", "log_odds", "kwic", "kwic_explorer", "quote_browser",
    "load_labels", "load_frames",
    # readability and reuse
    "readability", "readability_by", "flesch_gap", "readability_textstat", "text_reuse", "reuse_families", "sentence_reuse",
    # presentation
    "statements", "use_theme", "outlet_colors", "outlet_markers", "charts", "show_finding", "show_table", "corpus_source", "date_range",
    "typeset",
]
