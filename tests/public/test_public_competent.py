"""The public site says who handles a procedure (issue 16): on the sheet page (a
block right under the title when another body than the town does, the town in
"Où et quand" otherwise), in JSON-LD (`provider`), on "Quel guichet pour ma
démarche ?" (/quel-guichet: the bodies, what each handles, their desks and today's
hours; filters without JavaScript), on search results and life-event pages. Drafts
(an organisation, a sheet naming a published one, a desk of it) never show."""

import catalogue_factory as make
from guichet_kb.public.config import Settings
from html import unescape
import json
from plone import api
from public_helpers import serve_public
import pytest
import re
import requests
import transaction


AGGLO = "pub-agglo"
CRECHE = "pub-creche"
TOWN_ONLY = "pub-mairie"


@pytest.fixture
def public(site, catalogue):
    created = catalogue(
        make.town(),
        make.agglomeration(AGGLO, "Agglomération publique d'essai", staff_phone="01 99 99 99 97"),
        make.organisation("pub-brouillon", "Organisme brouillon public", kind="caf"),
        make.department("pub-service", "Service public d'essai"),
        make.desk("pub-relais", "Relais public d'essai", organisation=AGGLO),
        make.desk("pub-relais-ferme", "Relais fermé public", organisation=AGGLO),
        make.sheet(
            CRECHE,
            "Inscription en crèche publique d'essai",
            "pub-service",
            [],
            life_events=["naissance"],
            competences=[{"organisation": AGGLO, "case": "Enfant de moins de 3 ans"}, {"organisation": make.TOWN, "case": "Enfant de plus de 3 ans"}],
        ),
        make.sheet(TOWN_ONLY, "Démarche municipale publique d'essai", "pub-service", []),
        make.sheet("pub-brouillon-fiche", "Fiche brouillon publique", "pub-service", [], competences=[{"organisation": AGGLO, "case": None}]),
    )
    with api.env.adopt_roles(["Manager"]):
        for id in ("pub-brouillon", "pub-relais-ferme", "pub-brouillon-fiche"):
            api.content.transition(created[id], transition="retract")
    transaction.commit()
    with serve_public(Settings(plone_url=site, town_hall_phone="01 02 03 04 05", cache_ttl=1)) as url:
        with requests.Session() as session:
            session.headers["User-Agent"] = "pytest-bot"
            yield url, session, created


def _text(http, url):
    page = http.get(url)
    assert page.status_code == 200, url
    return unescape(page.text)


def _no_drafts(text):
    for needle in ("Organisme brouillon public", "Relais fermé public", "Fiche brouillon publique", "pub-brouillon", "pub-relais-ferme"):
        assert needle not in text, needle


def test_sheet_handled_elsewhere_says_so_first(public):
    url, http, _created = public
    text = _text(http, f"{url}/demarches/{CRECHE}")
    block = re.search(r'<section id="qui-traite" class="competent" aria-labelledby="qui-traite-t">(.*?)</section>', text, re.S).group(1)
    assert text.index("<h1>Inscription en crèche publique d'essai</h1>") < text.index('id="qui-traite"') < text.index('class="lead"')
    assert text.index('id="qui-traite"') < text.index('id="pieces"')
    assert '<h2 id="qui-traite-t">Qui traite cette démarche ?</h2>' in block
    assert "<p>Selon votre situation, cette démarche est traitée par :</p>" in block
    agglo, town = block.split('<div class="body">')[1:]
    assert "<h3>Agglomération publique d'essai</h3>" in agglo and '<p class="case">Pour : Enfant de moins de 3 ans</p>' in agglo
    assert '<p class="meta">Intercommunalité / agglomération</p>' in agglo
    assert 'Téléphone : <a href="tel:0100000002">01 00 00 00 02</a>' in agglo
    assert 'Courriel : <a href="mailto:petite-enfance@agglo.example.org">petite-enfance@agglo.example.org</a>' in agglo
    assert '<a href="https://agglo.example.org">Site internet</a>' in agglo
    assert '<a href="https://agglo.example.org/contact">Contact en ligne</a>' in agglo
    assert "<p>Son guichet :</p>" in agglo and '<a href="/guichets/pub-relais">Relais public d\'essai</a>' in agglo
    assert "<h3>Commune de Ville-Exemple</h3>" in town and "Pour : Enfant de plus de 3 ans" in town
    assert "<p>Ses guichets :</p>" in town  # the town's published desks: the sheet lists none
    assert "01 99 99 99 97" not in text  # the staff-only direct line
    _no_drafts(text)


def test_town_sheet_names_the_town_where_to_go(public):
    url, http, _created = public
    text = _text(http, f"{url}/demarches/{TOWN_ONLY}")
    assert 'id="qui-traite"' not in text
    where = text[text.index('<section id="ou"') :]
    where = where[: where.index("</section>")]
    assert "<p>Cette démarche est traitée par : <strong>Commune de Ville-Exemple</strong></p>" in where
    assert 'Téléphone : <a href="tel:0123456789">01 23 45 67 89</a>' in where
    assert '<a href="https://www.ville-exemple.fr/contact">Contact en ligne</a>' in where


def test_json_ld_names_the_first_competent_body(public):
    url, http, _created = public
    page = http.get(f"{url}/demarches/{CRECHE}").text
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert ld["provider"] == {
        "@type": "GovernmentOrganization",
        "name": "Agglomération publique d'essai",
        "url": "https://agglo.example.org",
        "telephone": "01 00 00 00 02",
        "email": "petite-enfance@agglo.example.org",
    }


def test_demo_sheet_handled_by_the_state(public, rest, site):
    """The demo's vehicle registration is handled by the ANTS: said before anything else."""
    url, http, _created = public
    text = _text(http, f"{url}/demarches/carte-grise")
    block = re.search(r'<section id="qui-traite".*?</section>', text, re.S).group(0)
    ants = rest().get(f"{site}/organismes/ants").json()
    assert "<p>Cette démarche est traitée par :</p>" in block and f"<h3>{ants['title']}</h3>" in block


def test_which_desk_page(public, rest, site):
    url, http, created = public
    home = _text(http, f"{url}/")
    assert '<a class="button" href="/quel-guichet">Quel guichet pour ma démarche ?</a>' in home
    assert home.count('href="/quel-guichet"') == 3  # the home's button, the menu, the footer
    text = _text(http, f"{url}/quel-guichet")
    assert "<h1>Quel guichet pour ma démarche ?</h1>" in text and "<title>Quel guichet pour ma démarche ?" in text
    assert '<form class="filters" role="search" method="get" action="/quel-guichet" aria-label="Filtrer les organismes">' in text
    assert f'<link rel="canonical" href="{url}/quel-guichet">' in text
    body = re.search(rf'<li id="{AGGLO}">(.*?)</section>', text, re.S).group(1)
    assert "Agglomération publique d'essai</h2>" in body and '<p class="meta">Intercommunalité / agglomération</p>' in body
    assert "<h3>Son guichet</h3>" in body and '<a href="/guichets/pub-relais">Relais public d\'essai</a>' in body
    assert "Aujourd'hui :" in body
    assert "<h3>Ce qu'il traite</h3>" in body
    assert (
        f'<a href="/demarches/{CRECHE}">Inscription en crèche publique d\'essai</a> <span class="meta">(pour : Enfant de moins de 3 ans)</span>'
        in body
    )
    assert text.index('<li id="ville-exemple">') < text.index(f'<li id="{AGGLO}">')  # the town first
    # The town's long list: its first eight procedures, the others behind a <details>.
    town = next(item for item in rest().get(f"{site}/@organisations").json()["items"] if item["is_town"])
    assert town["handles_total"] > 9
    assert f"<summary>Et {town['handles_total'] - 8} autres démarches</summary>" in text
    for sheet in town["handles"]:
        assert f'<a href="/demarches/{sheet["@id"].rsplit("/", 1)[1]}">' in text
    _no_drafts(text)


def test_which_desk_filters_without_javascript(public):
    url, http, _created = public
    agglos = _text(http, f"{url}/quel-guichet?type=intercommunalite")
    assert f'<li id="{AGGLO}">' in agglos and '<li id="ville-exemple">' not in agglos
    assert '<option value="intercommunalite" selected>Intercommunalité / agglomération</option>' in agglos
    assert '<meta name="robots" content="noindex">' in agglos
    found = _text(http, f"{url}/quel-guichet?demarche=creche+publique")  # accents and case forgiven
    assert f'<li id="{AGGLO}">' in found and '<li id="ville-exemple">' in found
    assert '<p class="results-count" role="status">2 organismes</p>' in found
    assert "Démarche municipale publique" not in found  # the town's other sheets are not listed
    none = _text(http, f"{url}/quel-guichet?demarche=zzzqqq")
    assert "<p>Aucun organisme ne correspond : essayez d'autres mots, ou appelez la mairie.</p>" in none
    assert '<p class="results-count" role="status">0 organisme</p>' in none
    unknown = _text(http, f"{url}/quel-guichet?type=nimporte")  # an unknown kind: every body
    assert f'<li id="{AGGLO}">' in unknown and '<li id="ville-exemple">' in unknown


def test_search_results_and_life_event_show_the_body(public):
    url, http, _created = public
    results = _text(http, f"{url}/recherche?q=crèche+publique+d'essai")
    item = results[results.index(f'href="/demarches/{CRECHE}"') :]
    item = item[: item.index("</li>")]
    assert '<p class="meta handled">Traité par : Agglomération publique d\'essai, Commune de Ville-Exemple</p>' in item
    event = _text(http, f"{url}/evenements/naissance")
    card = event[event.index(f'href="/demarches/{CRECHE}"') :]
    card = card[: card.index("</li>")]
    assert '<span class="card-body">Traité par : Agglomération publique d\'essai, Commune de Ville-Exemple</span>' in card
    _no_drafts(event)
