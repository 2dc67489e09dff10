"""Agent search: French text analysis, synonyms, typo tolerance and ranking."""

# Registers the lexicon pipeline element before any profile creates the lexicon.
from guichet_kb.search import lexicon  # noqa: F401
