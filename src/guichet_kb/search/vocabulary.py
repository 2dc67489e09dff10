"""What a query word may mean: synonym groups, word families, typo corrections.

Everything here works on folded surface words ("recensement"), never on stems:
the catalog's pipeline stems query words itself, and stemming a stem again can
change it ("recens" -> "recen"), which made such words unfindable.
"""

from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.search.families import FAMILIES
from guichet_kb.search.text import edit_distance
from guichet_kb.search.text import stem
from guichet_kb.search.text import typo_budget
from guichet_kb.search.text import words
from plone import api
import time


REFRESH = 600  # seconds: new title words become typo targets within this delay
_CACHE = {}


def _groups(lines):
    groups = []
    for line in lines:
        members = {tuple(words(member)) for member in line.split(",")}
        members.discard(())
        if len(members) > 1:
            groups.append(frozenset(members))
    return groups


_FAMILY_GROUPS = _groups(FAMILIES)


def synonym_groups():
    """Editors' groups (registry, cached per value: edits apply at once) and word
    families, indexed by stem: {stem: options} for one-word members and
    [(stems, options)] for multi-word ones."""
    lines = tuple(api.portal.get_registry_record("guichet_kb.synonyms", default=[]) or [])
    if _CACHE.get("synonym_lines") != lines:
        single, multi = {}, []
        for group in _groups(lines) + _FAMILY_GROUPS:
            for member in group:
                if len(member) == 1:
                    single[stem(member[0])] = single.get(stem(member[0]), frozenset()) | group
                else:
                    multi.append((stems(member), group))
        _CACHE.update(synonym_lines=lines, synonyms=(single, multi))
    return _CACHE["synonyms"]


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
            for group in list(single.values()) + [g for _s, g in multi]:
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

    def alternatives(self, query_words):
        """One set of options (tuples of surface words) per query word."""
        query_stems = stems(query_words)
        single, multi = synonym_groups()
        result = []
        for word in query_words:
            word_stem = stem(word)
            options = {(word,)} | single.get(word_stem, frozenset())
            for member_stems, group in multi:
                if word_stem in member_stems and contains(query_stems, member_stems):
                    options |= group
            if not any(self.known(o) for o in options):
                for correction in self.corrections(word):
                    options |= {(correction,)} | single.get(stem(correction), frozenset())
            result.append(options)
        return result
