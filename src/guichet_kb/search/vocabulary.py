"""What a query word may mean: synonym groups, word families, typo corrections.

Everything here works on folded surface words ("recensement"), never on stems:
the catalog's pipeline stems query words itself, and stemming a stem again can
change it ("recens" -> "recen"), which made such words unfindable.
"""

from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.search.families import FAMILIES
from guichet_kb.search.text import abbreviation
from guichet_kb.search.text import edit_distance
from guichet_kb.search.text import stem
from guichet_kb.search.text import typo_budget
from guichet_kb.search.text import words
from plone import api
import time


REFRESH = 600  # seconds: new title words become typo targets within this delay
_CACHE = {}


def _groups(lines):
    """[(group, abbreviations)]: the group's options and its members written in
    capitals (text.abbreviation), as typed."""
    groups = []
    for line in lines:
        members = {tuple(words(member)) for member in line.split(",")}
        members.discard(())
        if len(members) > 1:
            groups.append((frozenset(members), {a for a in map(abbreviation, line.split(",")) if a}))
    return groups


_FAMILY_GROUPS = _groups(FAMILIES)


def synonym_groups():
    """Editors' groups (registry, cached per value: edits apply at once) and word
    families, indexed by stem: {stem: options} for one-word members,
    [(stems, options)] for multi-word ones and {abbreviation as typed: options}
    for the members written in capitals (never reached by stem)."""
    lines = tuple(api.portal.get_registry_record("guichet_kb.synonyms", default=[]) or [])
    if _CACHE.get("synonym_lines") != lines:
        single, multi, short = {}, [], {}
        for group, abbreviations in _groups(lines) + _FAMILY_GROUPS:
            for member in group:
                if len(member) > 1:
                    multi.append((stems(member), group))
                elif member[0] in abbreviations:
                    short[member[0]] = short.get(member[0], frozenset()) | group
                else:
                    single[stem(member[0])] = single.get(stem(member[0]), frozenset()) | group
        _CACHE.update(synonym_lines=lines, synonyms=(single, multi), abbreviations=short)
    return _CACHE["synonyms"]


def abbreviation_groups():
    synonym_groups()
    return _CACHE["abbreviations"]


def stems(option):
    return tuple(stem(w) for w in option)


def contains(sequence, part):
    n = len(part)
    return any(tuple(sequence[i : i + n]) == part for i in range(len(sequence) - n + 1))


class Vocabulary:
    """Expands the words of a query against one catalog's lexicon."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.lexicon = catalog.guichet_lexicon

    def known(self, option):
        return all(self.lexicon._wids.get(s) for s in stems(option))

    def targets(self):
        """Typo targets bucketed by (initial, length): surface words of titles,
        summaries and synonyms, and the lexicon's stable stems (body words)."""
        # Per database, not per connection: each server thread has its own.
        key = (id(self.lexicon._p_jar.db()), self.lexicon.length(), int(time.time() // REFRESH))
        if _CACHE.get("targets_key") != key:
            found = {w for w in self.lexicon.words() if stem(w) == w}
            for brain in self.catalog.unrestrictedSearchResults(portal_type=ANSWERABLE_TYPES):
                found.update(words(f"{brain.Title} {brain.Description}"))
            single, multi = synonym_groups()
            for group in list(single.values()) + [g for _s, g in multi] + list(abbreviation_groups().values()):
                found.update(w for member in group for w in member)
            buckets = {}
            for word in found:
                buckets.setdefault((word[:1], len(word)), []).append(word)
            _CACHE.update(targets_key=key, targets=buckets)
        return _CACHE["targets"]

    def corrections(self, word):
        """Known words within the typo budget of an unknown word, closest first."""
        budget = typo_budget(word)
        if not budget:
            return []
        buckets, found, letters = self.targets(), [], set(word)
        synonyms = synonym_groups()[0]
        for length in range(len(word) - budget, len(word) + budget + 1):
            for target in buckets.get((word[:1], length), ()):
                # Cheap filter first: each edit changes at most two distinct letters.
                if len(letters.symmetric_difference(target)) > 2 * budget:
                    continue
                distance = edit_distance(target, word, budget)
                # A misspelt synonym ("pasport") counts even if no sheet uses it: its group does.
                if distance <= budget and (self.known((target,)) or stem(target) in synonyms):
                    found.append((distance, target))
        return [target for _d, target in sorted(found)[:5]]

    def alternatives(self, query_words, typed=None):
        """One set of options (tuples of surface words) per query word; `typed`
        (text.typed_words) lets an abbreviation match only as typed."""
        query_stems = stems(query_words)
        single, multi = synonym_groups()
        short = abbreviation_groups()
        typed = typed if typed is not None and len(typed) == len(query_words) else query_words
        result = []
        for word, as_typed in zip(query_words, typed, strict=True):
            word_stem = stem(word)
            options = {(word,)} | single.get(word_stem, frozenset()) | short.get(as_typed, frozenset())
            for member_stems, group in multi:
                if word_stem in member_stems and contains(query_stems, member_stems):
                    options |= group
            if not any(self.known(o) for o in options):
                for correction in self.corrections(word):
                    options |= {(correction,)} | single.get(stem(correction), frozenset())
            result.append(options)
        return result
