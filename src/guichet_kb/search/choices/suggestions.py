"""Suggested best bets: the queries for which agents chose an item the search
ranks below 3 without their choices (shown to editors in @search-settings).

The counts say what agents found right; the rank is measured now, by the same
engine with the choices' boost turned off (`store.unboosted`), as the editor
would see it. The most chosen pairs are ranked first and at most `CHECKED` are
searched, so the settings page stays a few searches long; queries that already
have a best bet are left out (the editors decided them).
"""

from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.search.choices import store
from guichet_kb.search.engine import best_bets
from guichet_kb.search.engine import engine
from guichet_kb.search.text import normalised
from plone import api


MIN_CHOICES = 2  # one agent's one click is not a pattern
TOP = 3  # "ranked below 3": the item is not in the first three
DEPTH = 50  # ranks looked at; beyond, the rank is null
CHECKED = 40
MAX_SUGGESTIONS = 20


def suggested():
    """[{"query", "target", "title", "chosen", "rank"}], most chosen first."""
    bets = best_bets()
    pairs = [(n, q, uid) for (q, uid), n in store.counts().items() if n >= MIN_CHOICES and normalised(q) not in bets]
    pairs = sorted(pairs, key=lambda pair: (-pair[0], pair[1], pair[2]))[:CHECKED]
    if not pairs:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    titles = {b.UID: b.Title for b in catalog(UID=[uid for _n, _q, uid in pairs], portal_type=ANSWERABLE_TYPES, review_state="published")}
    found, ranks = [], {}
    with store.unboosted():
        for chosen, query, uid in pairs:
            if uid not in titles:  # no longer published, or not for this editor to see
                continue
            if query not in ranks:
                ranks[query] = [brain.UID for brain, _score in engine().search(query, {}, DEPTH)]
            rank = ranks[query].index(uid) + 1 if uid in ranks[query] else None
            if rank is None or rank > TOP:
                found.append({"query": query, "target": uid, "title": titles[uid], "chosen": chosen, "rank": rank})
    return found[:MAX_SUGGESTIONS]
