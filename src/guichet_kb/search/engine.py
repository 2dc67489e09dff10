"""The agent search engine, behind one small interface (ISearchEngine).

The embedded engine queries the catalog's `guichet_text` index (ZCTextIndex,
BM25, the project's French analysis), so the catalog's permission and
effective-date filters apply: a caller never gets what they may not view. On
top: synonym groups and typo corrections expand each query word into
alternatives, and a re-ranking on catalog metadata (no object woken) boosts
title and phrase matches, pins best bets and breaks ties by top-service rank.
A deployment that outgrows one machine can register another ISearchEngine.
"""
from guichet_kb.search.text import edit_distance
from guichet_kb.search.text import fold
from guichet_kb.search.text import terms
from guichet_kb.search.text import typo_budget
from plone import api
from zope.interface import Interface
from zope.interface import implementer

TYPES = ("ServiceSheet", "Answer")
CANDIDATES = 60  # BM25 hits re-ranked


class ISearchEngine(Interface):
    def search(query, filters, limit):
        """Ranked [(brain, score)] for the query, visible to the current user."""

    def suggest(prefix, limit):
        """Titles and synonyms starting with the prefix."""


_SYNONYMS = {}
_WORDS = {}


def synonym_groups():
    """Parsed synonym groups, cached per registry value (edits apply at once)."""
    lines = tuple(api.portal.get_registry_record("guichet_kb.synonyms", default=[]) or [])
    if lines not in _SYNONYMS:
        _SYNONYMS.clear()
        _SYNONYMS[lines] = _parse_synonyms(lines)
    return _SYNONYMS[lines]


def _parse_synonyms(lines):
    groups = []
    for line in lines:
        members = [tuple(terms(member)) for member in line.split(",")]
        members = [m for m in members if m]
        if len(members) > 1:
            groups.append(members)
    return groups


def best_bets():
    bets = {}
    for line in api.portal.get_registry_record("guichet_kb.best_bets", default=[]) or []:
        query, _sep, target = line.partition("=>")
        if target.strip():
            bets[" ".join(terms(query))] = target.strip()
    return bets


def _contains(sequence, part):
    n = len(part)
    return any(tuple(sequence[i:i + n]) == part for i in range(len(sequence) - n + 1))


@implementer(ISearchEngine)
class CatalogEngine:
    def __init__(self):
        self.catalog = api.portal.get_tool("portal_catalog")
        self.lexicon = self.catalog.guichet_lexicon

    def known(self, term):
        return bool(self.lexicon._wids.get(term))

    def words_by_initial(self):
        """Lexicon words grouped by first letter and length, rebuilt when the
        lexicon grows (typo candidates are compared with few words)."""
        key = (id(self.lexicon._p_jar), self.lexicon.length())
        if _WORDS.get("key") != key:
            buckets = {}
            for word in self.lexicon.words():
                buckets.setdefault((word[:1], len(word)), []).append(word)
            _WORDS.clear()
            _WORDS.update(key=key, buckets=buckets)
        return _WORDS["buckets"]

    def corrections(self, term):
        """Lexicon terms within the typo budget of an unknown term."""
        budget = typo_budget(term)
        if not budget:
            return []
        buckets, found = self.words_by_initial(), []
        for length in range(len(term) - budget, len(term) + budget + 1):
            for word in buckets.get((term[:1], length), ()):
                if edit_distance(word, term, budget) <= budget:
                    found.append(word)
        return found[:5]

    def groups(self, query_terms):
        """One set of alternatives (each a tuple of terms) per query word."""
        synonyms = synonym_groups()
        alternatives = []
        for position, term in enumerate(query_terms):
            options = {(term,)}
            for group in synonyms:
                if any(m == (term,) or (len(m) > 1 and term in m and _contains(query_terms, m)) for m in group):
                    options.update(group)
            if not any(all(self.known(t) for t in option) for option in options):
                options.update((c,) for c in self.corrections(term))
                # A misspelt synonym ("pasport" for "passport") brings its group.
                for group in synonyms:
                    if any(len(m) == 1 and edit_distance(m[0], term, typo_budget(term)) <= typo_budget(term) for m in group):
                        options.update(group)
            alternatives.append(options)
        return alternatives

    @staticmethod
    def expression(groups, operator):
        def option(terms_):
            return terms_[0] if len(terms_) == 1 else "(" + " AND ".join(terms_) + ")"

        return f" {operator} ".join("(" + " OR ".join(sorted(option(o) for o in g)) + ")" for g in groups)

    def search(self, query, filters, limit):
        query_terms = terms(query)
        if not query_terms:
            return []
        groups = self.groups(query_terms)
        base = {"portal_type": TYPES, "review_state": "published", **filters}
        brains = self.catalog(guichet_text=self.expression(groups, "AND"), **base)
        if not len(brains):
            brains = self.catalog(guichet_text=self.expression(groups, "OR"), **base)
        ranked = self.rank(query, query_terms, groups, brains[:CANDIDATES], limit)
        return self.pin(best_bets().get(" ".join(query_terms)), base, ranked)[:limit]

    def pin(self, target, base, ranked):
        """A best bet goes first, found through the catalog so that it obeys the
        same permission, state and date filters as any result."""
        if not target:
            return ranked
        pinned = self.catalog(UID=target, **base) or self.catalog(getId=target, **base)
        if not len(pinned):
            return ranked
        top = ranked[0][1] if ranked else 1
        return [(pinned[0], round(top + 1, 4))] + [(b, s) for b, s in ranked if b.UID != pinned[0].UID]

    def rank(self, query, query_terms, groups, brains, limit):
        folded_query = " ".join(fold(query).split())
        top = max((b.data_record_score_ for b in brains), default=1) or 1
        ranked = []
        for brain in brains:
            title_terms = terms(brain.Title)
            matched = sum(1 for g in groups if any(all(t in title_terms for t in o) for o in g))
            score = brain.data_record_score_ / top  # 0..1 from BM25
            score += 0.6 * matched / len(groups)  # title matches what was asked
            score += 0.4 if folded_query and folded_query in fold(brain.Title) else 0  # phrase in title
            score += 0.15 if brain.portal_type == "ServiceSheet" else 0  # the démarche before its Q&A
            if brain.top_rank:
                score += 0.05 / brain.top_rank  # tie-breaker
            ranked.append((brain, round(score, 4)))
        ranked.sort(key=lambda pair: -pair[1])
        return ranked

    def suggest(self, prefix, limit):
        folded = " ".join(fold(prefix).split())
        if not folded:
            return []
        results, seen = [], set()
        for brain in self.catalog(portal_type=TYPES, review_state="published", sort_on="sortable_title"):
            title = fold(brain.Title)
            if (title.startswith(folded) or f" {folded}" in title) and brain.UID not in seen:
                seen.add(brain.UID)
                results.append({"title": brain.Title, "@id": brain.getURL(), "type": brain.portal_type})
        for line in api.portal.get_registry_record("guichet_kb.synonyms", default=[]) or []:
            for member in (m.strip() for m in line.split(",")):
                if fold(member).startswith(folded) and member not in seen:
                    seen.add(member)
                    results.append({"title": member, "@id": None, "type": "synonym"})
        starts = [r for r in results if fold(r["title"]).startswith(folded)]
        return (starts + [r for r in results if r not in starts])[:limit]


def engine():
    return CatalogEngine()
