"""Suggested best bets: queries for which agents chose an item the search ranks
below 3 (GET @search-settings, and @@search-settings with a one-click add)."""

import catalogue_factory as make
from guichet_kb.search.choices import store
from guichet_kb.search.engine import WEIGHTS
import math
import pytest
import re


TIMBRE = "choix-timbre-fiscal"


@pytest.fixture
def timbre(catalogue):
    """A sheet that says "passeport" only in its summary: far down for that query."""
    items = catalogue(*make.standalone_sheet(TIMBRE, "Timbre fiscal d'essai", description="Acheter le timbre fiscal demandé pour un passeport."))
    return items[TIMBRE].UID()


def choose(rest, site, uid, query, times=1):
    for _n in range(times):
        body = {"service": uid, "channel": "telephone", "outcome": "answered", "query": query}
        assert rest("agent").post(f"{site}/@interactions", json=body).status_code == 201


def ranked(rest, site, query):
    return [item["UID"] for item in rest("agent").get(f"{site}/@answer", params={"q": query, "b_size": 50}).json()["items"]]


def suggested(rest, site):
    response = rest("redacteur").get(f"{site}/@search-settings")
    assert response.status_code == 200, response.text
    return response.json()["suggested_best_bets"]


def scores(rest, site, query):
    return {item["UID"]: item["score"] for item in rest("agent").get(f"{site}/@answer", params={"q": query, "b_size": 50}).json()["items"]}


def test_a_chosen_item_ranked_below_3_is_suggested(rest, site, timbre):
    before = ranked(rest, site, "passeport")
    score = scores(rest, site, "passeport")[timbre]
    rank = before.index(timbre) + 1
    assert rank > 3
    choose(rest, site, timbre, "Passeport")
    assert suggested(rest, site) == []  # one choice is not a pattern
    choose(rest, site, timbre, "passeport")
    choose(rest, site, before[0], "passeport", times=3)  # the first result, chosen too: nothing to suggest
    assert suggested(rest, site) == [{"query": "passeport", "target": timbre, "title": "Timbre fiscal d'essai", "chosen": 2, "rank": rank}]
    # The rank shown is without the boost; the search itself does use it.
    boost = WEIGHTS["chosen"] * (1 - math.exp(-2 / store.SATURATION))
    assert scores(rest, site, "passeport")[timbre] == pytest.approx(score + boost, abs=1e-3)
    # Agents and reviewers do not see the settings (as before).
    assert rest("agent").get(f"{site}/@search-settings").status_code == 403


def test_one_click_add_in_classic_ui(rest, site, timbre):
    choose(rest, site, timbre, "passeport", times=2)
    editor = rest("redacteur")
    editor.headers["Accept"] = "text/html"
    page = editor.get(f"{site}/@@search-settings")
    assert page.status_code == 200
    assert "<h2>Meilleures réponses suggérées</h2>" in page.text
    assert "<td>passeport</td>\n            <td>Timbre fiscal d'essai</td>\n            <td>2</td>" in page.text
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    add = f"{site}/@@search-settings-add-best-bet"
    # Without the CSRF token: refused, nothing stored.
    refused = editor.post(add, data={"query": "passeport", "target": timbre}, allow_redirects=False)
    assert refused.status_code == 403
    assert rest("redacteur").get(f"{site}/@search-settings").json()["best_bets"] == []
    # An agent may not, even with a token.
    assert rest("agent").post(add, data={"query": "passeport", "target": timbre, "_authenticator": token}, allow_redirects=False).status_code in (
        302,
        401,
        403,
    )
    assert rest("redacteur").get(f"{site}/@search-settings").json()["best_bets"] == []
    done = editor.post(add, data={"query": "passeport", "target": timbre, "_authenticator": token})
    assert done.status_code == 200 and done.url.endswith("/@@search-settings")
    assert f"Meilleure réponse ajoutée : passeport =&gt; {timbre}" in done.text
    settings = rest("redacteur").get(f"{site}/@search-settings").json()
    assert settings["best_bets"] == [f"passeport => {timbre}"] and settings["suggested_best_bets"] == []
    assert ranked(rest, site, "passeport")[0] == timbre
    # A target that no longer exists is refused with the form's own message.
    bad = editor.post(add, data={"query": "timbre", "target": "nowhere-at-all", "_authenticator": token})
    assert "Ligne 2 : aucune fiche ni réponse n'a l'identifiant ou l'UID « nowhere-at-all »." in bad.text
    assert rest("redacteur").get(f"{site}/@search-settings").json()["best_bets"] == [f"passeport => {timbre}"]
