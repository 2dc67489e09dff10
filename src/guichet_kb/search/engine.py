"""The agent search engine, behind one small interface (ISearchEngine).

The embedded engine queries the catalog's `guichet_text` index (ZCTextIndex,
BM25, the project's French analysis), so the catalog's permission and
effective-date filters apply: a caller never gets what they may not view. Each
query word is expanded (synonyms, word families, typo corrections: see
vocabulary.py). Items matching the most query words come first (a spoken
request often carries a word no sheet uses). A re-ranking on catalog metadata
(no object woken, title and summary already analysed at indexing) boosts title
and summary matches, pins best bets and breaks ties by top-service rank.
A deployment that outgrows one machine can register another ISearchEngine.
"""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import multiunion
import functools
from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.search import choices
from guichet_kb.search.text import fold
from guichet_kb.search.text import normalised
from guichet_kb.search.text import terms
from guichet_kb.search.text import typed_words
from guichet_kb.search.text import words
from guichet_kb.search.variants import agreement
from guichet_kb.search.variants import asked_values
from guichet_kb.search.variants import family_of
from guichet_kb.search.vocabulary import contains
from guichet_kb.search.vocabulary import stems
from guichet_kb.search.vocabulary import Vocabulary
from plone import api
from Products.CMFCore.interfaces import ICatalogTool
import re
from zope.component import getUtility
from zope.interface import implementer
from zope.interface import Interface


CANDIDATES = 60  # BM25 hits re-ranked
TITLE_CANDIDATES = 20
# Re-ranking weights; each feature is 0..1 (variant: -1..1). The first seven came from
# a grid on the first 118 queries, before they were split; since then weights are
# tuned on the tuning half of bench/queries.json only ("variant" was chosen there, and
# a grid over the others there moved nothing by more than one query).
WEIGHTS = {"coverage": 1.0, "bm25": 1.0, "title": 1.2, "focus": 0.6, "summary": 0.6, "phrase": 0.4, "sheet": 0.15, "variant": 0.15, "named": 0.6}
# Agents' choices for the same normalised query (search/choices.boosts, 0..1): at most
# this much, so a clearly better text match (ahead by more than 0.8: say, a title with
# every word of the query against one with half of them) keeps its place, while three
# choices (0.5) decide between near-identical variants (within 0.1 to 0.5 of each other).
WEIGHTS["chosen"] = 0.8


_TITLES = {}
_NAMED = re.compile(r"\(([a-z]{2,6})\)")  # an abbreviation in brackets in a folded title


class ISearchEngine(Interface):
    def search(query, filters, limit):
        """Ranked [(brain, score)] for the query, visible to the current user."""

    def suggest(prefix, limit):
        """Titles and synonyms starting with the prefix."""


def best_bets():
    bets = {}
    for line in api.portal.get_registry_record("guichet_kb.best_bets", default=[]) or []:
        query, _sep, target = line.partition("=>")
        if target.strip():
            bets[normalised(query)] = target.strip()
    return bets


@functools.lru_cache(maxsize=8)
def synonym_members(lines):
    """(member, folded member) of the synonym lines, in order: folded once per registry value."""
    return tuple((member, fold(member)) for line in lines for member in (m.strip() for m in line.split(",")))


def _matched(groups, stems_):
    """Share of the query's words (any of their options) found in these stems."""
    present = set(stems_)
    return sum(1 for g in groups if any(present.issuperset(o) for o in g)) / len(groups)


def _covered(sets, brain):
    """How many of the query's words the item matches (None: the only word)."""
    rid = brain.getRID()
    return sum(1 for s in sets if s is None or rid in s)


@implementer(ISearchEngine)
class CatalogEngine:
    # A global utility: the site's catalog is looked up at each call (as the
    # local ICatalogTool utility: cheaper than an attribute of the site root).
    @property
    def catalog(self):
        return getUtility(ICatalogTool)

    @property
    def vocabulary(self):
        return Vocabulary(self.catalog)

    @staticmethod
    def expression(groups, operator):
        def option(words_):
            return words_[0] if len(words_) == 1 else "(" + " AND ".join(words_) + ")"

        return f" {operator} ".join("(" + " OR ".join(sorted(option(o) for o in g)) + ")" for g in groups)

    def covering(self, groups):
        """Per query word, the record ids of the items matching one of its options
        (read from the index's postings: no scoring needed here)."""
        index = self.catalog._catalog.getIndex("guichet_text")
        lexicon, postings = index.getLexicon(), index.index._wordinfo
        sets = []
        for group in groups:
            found = []
            for option in group:
                hits = None
                for word in option:
                    keys = IISet()
                    for wid in lexicon.termToWordIds(word):
                        keys = multiunion([keys, IISet(postings.get(wid, {}).keys())])
                    hits = keys if hits is None else intersection(hits, keys)
                found.append(hits)
            sets.append(multiunion(found))
        return sets

    def search(self, query, filters, limit):
        query_words = words(query)
        if not query_words:
            return []
        vocabulary = self.vocabulary
        groups = vocabulary.alternatives(query_words, typed_words(query))
        # The text index treats a word it does not know as matching everything:
        # such words are left out of the query, and count as not found.
        searchable = [{o for o in g if vocabulary.known(o)} for g in groups]
        searchable = [g for g in searchable if g]
        if not searchable:
            return []
        base = {"portal_type": ANSWERABLE_TYPES, "review_state": "published", **filters}
        # One OR query (best BM25 first), then the share of the query's words each
        # candidate matches: items matching every word come first, and a spoken
        # request with a word no sheet uses still finds the sheets matching the rest.
        expression = self.expression(searchable, "OR")
        results = self.catalog(guichet_text=expression, **base)
        brains = list(results[:CANDIDATES])
        # BM25 favours long texts repeating a word: items whose title says it
        # are added from the title index, scored as the weakest text hit.
        floor = min((b.data_record_score_ for b in brains), default=0)
        seen = {b.getRID() for b in brains}
        extra = [b for b in self.title_hits(expression, results, base) if b.getRID() not in seen]
        sets = self.covering(searchable) if len(searchable) > 1 else [None]
        candidates = [(b, b.data_record_score_, _covered(sets, b) / len(groups)) for b in brains]
        candidates += [(b, floor, _covered(sets, b) / len(groups)) for b in extra]
        ranked = self.rank(query, [{stems(o) for o in g} for g in groups], candidates)
        return self.pin(best_bets().get(normalised(query)), base, ranked)[:limit]

    def title_hits(self, expression, results, base):
        """The best title-index hits among `results` (what the caller may see).

        Every title word is also in the text index, so a title hit the caller may
        see is in the text query's results: reading their record ids (the scored
        sequence behind the catalog's lazy result) spares a second filtered query.
        """
        scored = getattr(results, "_seq", None)
        if not isinstance(scored, list) or (scored and not isinstance(scored[0], tuple)):
            return self.catalog(guichet_title=expression, **base)[:TITLE_CANDIDATES]  # another catalog shape
        allowed = {rid for _score, rid in scored}
        hits = self.catalog._catalog.getIndex("guichet_title").query(expression, TITLE_CANDIDATES * 10)[0]
        # Brains for the first ones only (making a brain is what costs).
        return [self.catalog._catalog[rid] for rid in [rid for rid, _score in hits if rid in allowed][:TITLE_CANDIDATES]]

    def pin(self, target, base, ranked):
        """A best bet goes first, found through the catalog so that it obeys the
        same permission, state and date filters as any result."""
        pinned = self.pinned(target, base, ranked) if target else None
        if pinned is None:
            return ranked
        top = ranked[0][1] if ranked else 1
        return [(pinned, round(top + 1, 4))] + [(b, s) for b, s in ranked if b.UID != pinned.UID]

    def pinned(self, target, base, ranked):
        """The best bet's brain: its UID, else its id, with the filters of `base`.
        A candidate already passed those filters: one naming the target is taken
        as it is, without a query."""
        found = next((brain for brain, _score in ranked if target in (brain.UID, brain.getId)), None)
        if found is not None:
            return found
        for name in ("UID", "getId"):
            results = self.catalog(**{name: target}, **base)
            if len(results):
                return results[0]
        return None

    def rank(self, query, groups, candidates):
        query_terms = tuple(terms(query))
        chosen = choices.boosts(normalised(query))
        wanted = {s for g in groups for o in g for s in o}
        asked = asked_values(wanted)
        short = {w for w in words(query) if 2 <= len(w) <= 6 and w.isalpha()}
        top = max((bm25 for _b, bm25, _c in candidates), default=1) or 1
        ranked = []
        for brain, bm25, coverage in candidates:
            title, summary = brain.guichet_terms or (tuple(terms(brain.Title)), tuple(terms(brain.Description)))
            features = {
                "coverage": coverage,
                "bm25": bm25 / top,
                "title": _matched(groups, title),
                # A short title about just this beats a long one that also mentions it.
                "focus": sum(1 for t in title if t in wanted) / (len(title) or 1),
                "summary": _matched(groups, summary),
                "phrase": float(len(query_terms) > 1 and contains(title, query_terms)),
                "sheet": float(brain.portal_type == "ServiceSheet"),  # the démarche before its Q&A
                "chosen": chosen.get(brain.UID, 0.0) if chosen else 0.0,
                # The variant the caller asks for (or the usual one) before its siblings.
                "variant": agreement((family_of(brain) or {}).get("facts"), asked),
                # The title names the thing by the abbreviation typed: "... (Apa)", "(DPE)".
                "named": float(bool(short and short & set(_NAMED.findall(fold(brain.Title))))),
            }
            score = sum(WEIGHTS[name] * value for name, value in features.items())
            if brain.top_rank:
                score += 0.05 / brain.top_rank  # tie-breaker
            ranked.append((brain, round(score, 4)))
        ranked.sort(key=lambda pair: -pair[1])
        return ranked

    def titles(self):
        """(folded title, UID) of every published sheet and answer, rebuilt when
        the catalog changes (per database: each server thread has its own
        connection); the catalog query in suggest() applies the caller's rights
        and dates."""
        key = (id(self.catalog._p_jar.db()), self.catalog.getCounter())
        if _TITLES.get("key") != key:
            brains = self.catalog.unrestrictedSearchResults(portal_type=ANSWERABLE_TYPES, review_state="published", sort_on="sortable_title")
            _TITLES.update(key=key, titles=[(" " + " ".join(fold(b.Title).split()), b.UID) for b in brains])
        return _TITLES["titles"]

    def suggest(self, prefix, limit):
        folded = " ".join(fold(prefix).split())
        if not folded:
            return []
        starts, inside = [], []
        for title, uid in self.titles():
            if title.startswith(" " + folded):
                starts.append(uid)
            elif " " + folded in title:
                inside.append(uid)
        wanted = (starts + inside)[: 5 * limit]
        order = {uid: position for position, uid in enumerate(wanted)}
        brains = self.catalog(UID=wanted, portal_type=ANSWERABLE_TYPES, review_state="published") if wanted else []
        results = [{"title": b.Title, "@id": b.getURL(), "type": b.portal_type} for b in sorted(brains, key=lambda b: order[b.UID])]
        seen = {r["title"] for r in results}
        for member, folded_member in synonym_members(tuple(api.portal.get_registry_record("guichet_kb.synonyms", default=[]) or ())):
            if folded_member.startswith(folded) and member not in seen:
                seen.add(member)
                results.append({"title": member, "@id": None, "type": "synonym"})
        first = [r for r in results if fold(r["title"]).startswith(folded)]
        return (first + [r for r in results if r not in first])[:limit]


def engine():
    """The registered engine (configure.zcml); another package may override it."""
    return getUtility(ISearchEngine)
