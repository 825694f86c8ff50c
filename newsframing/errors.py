"""The workbook's exceptions and warnings (layer 0)."""


class CorpusError(ValueError):
    """A corpus or vocabulary file cannot be used. The message names the file and the problem."""


class VocabularyError(CorpusError):
    """A vocabulary file in data/ is malformed; the message names the file and the line."""


class CorpusWarning(UserWarning):
    """Input was recovered (re-decoded, normalised) or an article was rejected; the message says which."""
