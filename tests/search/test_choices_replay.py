"""Replay: agents' choices teach the ranking, without harming the other queries.

The test site holds the demo town plus a family of near-identical variant sheets
as the national catalogue has them (identity card and passport: adult / minor,
first request / renewal / loss or theft). A set of agent phrasings, each with the
items that answer it, is asked through GET @answer (the console's 8 results).
Simulated agents then answer calls: for the queries whose right item is not
first today but is among the 8 shown ("taught"), four agents open the right item
and log the call with the query through the real POST @interactions over HTTP;
on one taught query in two another agent also opens the misleading first result (noise);
for the queries already right, two agents open the first item. Top-1 is measured
again: it rises on the taught queries and does not fall on the others; editors are
offered as best bets exactly the taught queries whose item ranks below 3.
"""

import catalogue_factory as make
from guichet_kb.search.text import words
import pytest


FAMILY = {
    "cni-majeur": ("Carte d'identité d'un majeur : première demande", "Faire sa première carte nationale d'identité quand on est majeur."),
    "cni-mineur": (
        "Carte d'identité d'un mineur : première demande",
        "Première carte nationale d'identité d'un enfant mineur, demandée par un parent.",
    ),
    "cni-renouvellement": ("Carte d'identité d'un majeur : renouvellement", "Refaire sa carte nationale d'identité expirée ou bientôt expirée."),
    "cni-perte": ("Carte d'identité : perte ou vol", "Déclarer la perte ou le vol de sa carte nationale d'identité et en demander une nouvelle."),
    "passeport-majeur": ("Passeport d'un majeur : première demande", "Faire son premier passeport quand on est majeur."),
    "passeport-mineur": ("Passeport d'un mineur : première demande", "Premier passeport d'un enfant mineur, demandé par un parent."),
    "passeport-renouvellement": ("Passeport : renouvellement", "Refaire son passeport expiré ou bientôt expiré."),
    "passeport-perte": ("Passeport : perte ou vol", "Déclarer la perte ou le vol de son passeport et en demander un nouveau."),
}
# Agent phrasing -> ids of the items that answer it (family variants, demo sheets and answers).
QUERIES = {
    "carte d'identité pour mon fils": ["cni-mineur"],
    "carte identité enfant": ["cni-mineur"],
    "refaire sa carte d'identité": ["cni-renouvellement"],
    "carte identité expirée": ["cni-renouvellement"],
    "carte identité volée": ["cni-perte"],
    "cni perdue": ["cni-perte", "cni-perdue"],
    "première carte d'identité adulte": ["cni-majeur"],
    "carte d'identité majeur": ["cni-majeur"],
    "cni mineur": ["cni-mineur"],
    "renouvellement cni": ["cni-renouvellement"],
    "cni de mon fils": ["cni-mineur"],
    "carte d'identité de ma fille": ["cni-mineur"],
    "carte identité ado": ["cni-mineur"],
    "nouvelle carte d'identité": ["cni-renouvellement"],
    "refaire carte identité": ["cni-renouvellement"],
    "cni périmée": ["cni-renouvellement"],
    "renouveler cni": ["cni-renouvellement"],
    "carte identité premiere fois": ["cni-majeur"],
    "cni majeur renouvellement": ["cni-renouvellement"],
    "on m'a volé ma carte d'identité": ["cni-perte"],
    "refaire papiers identité": ["cni-renouvellement"],
    "passeport pour ma fille": ["passeport-mineur"],
    "passeport de mon fils": ["passeport-mineur"],
    "passeport de mon bébé": ["passeport-mineur"],
    "passeport mineur": ["passeport-mineur"],
    "refaire son passeport": ["passeport-renouvellement"],
    "je veux refaire mon passeport": ["passeport-renouvellement"],
    "passeport périmé": ["passeport-renouvellement"],
    "passeport expiré": ["passeport-renouvellement"],
    "passeport pour un adulte": ["passeport-majeur"],
    "premier passeport adulte": ["passeport-majeur"],
    "première demande passeport": ["passeport-majeur"],
    "passeport enfant perdu": ["passeport-perte"],
    "passeport enfant": ["passeport-mineur"],
    "renouveler passeport": ["passeport-renouvellement"],
    "passeport volé": ["passeport-perte"],
    "passeport perdu": ["passeport-perte"],
    "vol de passeport": ["passeport-perte"],
    "acte de naissance": ["acte-naissance"],
    "acte de naissance né à l'étranger": ["acte-naissance-ne-etranger"],
    "permis de construire": ["permis-construire"],
    "inscription école": ["inscription-scolaire"],
    "mariage": ["mariage"],
    "recensement 16 ans": ["recensement-citoyen"],
    "encombrants": ["encombrants"],
    "carte grise": ["carte-grise"],
    "objets trouvés": ["objets-trouves"],
    "place en crèche": ["place-creche"],
    "cantine": ["inscription-cantine"],
    "travaux déclaration préalable": ["declaration-prealable"],
    "bruit voisin": ["signalement-bruit", "bruit-voisin-soir"],
    "procuration vote": ["procuration-vote"],
    "abri de jardin": ["abri-de-jardin"],
    "déclaration de décès": ["declaration-deces"],
    "livret de famille perdu": ["duplicata-livret-famille", "livret-famille-perdu"],
    "salle municipale": ["pret-salle"],
    "subvention association": ["subvention-association"],
    "inscription liste électorale": ["listes-electorales"],
    "légalisation signature": ["legalisation-signature"],
    "changement d'adresse": ["changement-adresse"],
}
SHOWN = 8  # results the console lists
AGENTS = ("agent", "valideur")  # staff who log calls (Agent and above)


@pytest.fixture
def sessions(rest):
    """One session per user, as an agent's console keeps one (the test server accepts
    a limited number of open connections)."""
    opened = {}
    return lambda user: opened.setdefault(user, rest(user))


@pytest.fixture
def family(catalogue):
    own = (make.department("famille-service", "Service d'essai"), make.desk("famille-guichet", "Guichet d'essai"))
    sheets = [make.sheet(id, title, "famille-service", ["famille-guichet"], description=text) for id, (title, text) in FAMILY.items()]
    return catalogue(*own, *sheets)


def shown(rest, site, query):
    response = rest("agent").get(f"{site}/@answer", params={"q": query, "b_size": SHOWN})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def item_id(item):
    return item["@id"].rsplit("/", 1)[-1]


def top1(rest, site, queries):
    """{query: True when the first result answers it}."""
    return {q: item_id(shown(rest, site, q)[0]) in QUERIES[q] for q in queries}


def choose(rest, site, number, query, item):
    user = AGENTS[number % len(AGENTS)]
    body = {"service": item["UID"], "channel": "telephone", "outcome": "answered", "query": query}
    response = rest(user).post(f"{site}/@interactions", json=body)
    assert response.status_code == 201, response.text


def share(flags):
    return sum(flags.values()) / len(flags)


def test_agents_choices_raise_top1_without_lowering_the_rest(sessions, site, family):
    before_items = {q: shown(sessions, site, q) for q in QUERIES}
    before = {q: bool(items) and item_id(items[0]) in QUERIES[q] for q, items in before_items.items()}
    taught = [q for q, items in before_items.items() if not before[q] and any(item_id(i) in QUERIES[q] for i in items)]
    others = [q for q in QUERIES if q not in taught]
    assert len(taught) >= 8 and len(others) >= 20  # a replay worth the name

    calls = 0
    for position, query in enumerate(taught):
        right = next(i for i in before_items[query] if item_id(i) in QUERIES[query])
        for _agent in range(4):
            choose(sessions, site, calls, query, right)
            calls += 1
        if position % 2:  # one agent in two also opens the misleading first result and logs it
            choose(sessions, site, calls, query, before_items[query][0])
            calls += 1
    for query in others:
        if before[query]:
            for _agent in range(2):
                choose(sessions, site, calls, query, before_items[query][0])
                calls += 1

    after = top1(sessions, site, QUERIES)
    taught_before, taught_after = share({q: before[q] for q in taught}), share({q: after[q] for q in taught})
    others_before, others_after = share({q: before[q] for q in others}), share({q: after[q] for q in others})
    print(
        f"\nreplay: {calls} calls logged over HTTP; taught queries ({len(taught)}): top-1 {taught_before:.0%} -> {taught_after:.0%}; "
        f"other queries ({len(others)}): top-1 {others_before:.0%} -> {others_after:.0%}"
    )
    for query in taught:
        print(f"  {'ok ' if after[query] else 'no '} {query}")
    assert taught_after > taught_before
    assert taught_after >= 0.6  # 76 % on this site: the rest trail by more than a few choices may lift (see docs/search.md)
    assert others_after >= others_before
    assert not [q for q in others if before[q] and not after[q]]  # no query that was right is wrong now

    # Editors are offered as best bets exactly the taught queries whose right item ranks below 3
    # without the boost (the choices of the first results, ranked first, are not suggested).
    suggested = sessions("redacteur").get(f"{site}/@search-settings").json()["suggested_best_bets"]
    below_3 = {q: rank for q in taught if (rank := [item_id(i) in QUERIES[q] for i in before_items[q]].index(True) + 1) > 3}
    print(f"suggested best bets: {len(suggested)} ({', '.join(s['query'] for s in suggested)})")
    assert {s["query"]: s["rank"] for s in suggested} == {" ".join(words(q)): rank for q, rank in below_3.items()}
