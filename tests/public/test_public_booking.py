"""Booking on the public site (issue 18) against the demo Plone test site for real: the
sheet's and the desk's « Prendre rendez-vous », the next free slots and the week, the
form, the confirmation with its mail (real SMTP), a slot taken meanwhile, the booking's
own page behind its link (move, cancel), forged and expired links."""

from guichet_kb import ratelimit
from guichet_kb.public.config import Settings
from guichet_kb.testing import PUBLIC_TEST_PORT
import html
from public_helpers import serve_public
import pytest
import re
import requests
from urllib.parse import parse_qs
from urllib.parse import urlsplit


@pytest.fixture
def public(site):
    ratelimit.clear()  # the backend's per-client booking limit: every booking here comes from 127.0.0.1
    with serve_public(Settings(plone_url=site, town_hall_phone="01 02 03 04 05", cache_ttl=0), port=PUBLIC_TEST_PORT) as url:
        http = requests.Session()
        http.headers.update({"User-Agent": "pytest-bot", "Origin": url})
        yield url, http
        http.close()


def links(page, prefix):
    return [html.unescape(href) for href in re.findall(rf'href="({re.escape(prefix)}[^"]*)"', page)]


def query(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def uid(rest, site, path):
    return rest().get(f"{site}/{path}").json()["UID"]


def first_form(public, service, type_code="depot-cni"):
    url, http = public
    page = http.get(f"{url}/rendez-vous/nouveau", params={"service": service, "type": type_code}).text
    return links(page, "/rendez-vous/nouveau/coordonnees?")[0]


def book(public, form_url, **person):
    url, http = public
    data = {**query(form_url), "nom": "Madame Exemple", "courriel": "madame.x@example.org", **person}
    return http.post(f"{url}/rendez-vous/nouveau/coordonnees", data=data, allow_redirects=False)


def test_the_sheet_and_the_desk_offer_booking_here(public, rest, site):
    url, http = public
    sheet = rest().get(f"{site}/demarches/carte-identite", params={"expand": "guichet"}).json()
    assert sheet["@components"]["guichet"]["agendas"]
    page = http.get(f"{url}/demarches/carte-identite").text
    assert f'href="/rendez-vous/nouveau?service={sheet["UID"]}" id="prendre-rendez-vous">Prendre rendez-vous</a>' in page
    if sheet.get("appointment_url"):
        assert f'href="{sheet["appointment_url"]}"' not in page  # the outside link gives way
    plain = http.get(f"{url}/demarches/acte-naissance").text
    assert "/rendez-vous/nouveau" not in plain
    desk = uid(rest, site, "guichets/mairie-centrale")
    page = http.get(f"{url}/guichets/mairie-centrale").text
    assert f'href="/rendez-vous/nouveau?desk={desk}"' in page
    choice = http.get(f"{url}/rendez-vous/nouveau", params={"desk": desk})
    titles = re.findall(r'<li><a href="/rendez-vous/nouveau\?service=[0-9a-f]{32}&amp;desk=[0-9a-f]{32}">([^<]+)</a></li>', choice.text)
    assert choice.status_code == 200 and "Pour quelle démarche ?" in choice.text
    assert sorted(html.unescape(t) for t in titles) == sorted(
        rest().get(f"{site}/demarches/{name}").json()["title"] for name in ("carte-identite", "passeport")
    )


def test_the_next_slots_then_the_week(public, rest, site):
    url, http = public
    service = uid(rest, site, "demarches/carte-identite")
    types = http.get(f"{url}/rendez-vous/nouveau", params={"service": service})
    assert "Quel rendez-vous ?" in types.text and len(links(types.text, "/rendez-vous/nouveau?service=")) == 2
    page = http.get(f"{url}/rendez-vous/nouveau", params={"service": service, "type": "depot-cni"})
    slots = rest().get(f"{site}/@slots", params={"service": service, "type": "depot-cni", "days": 7}).json()
    assert page.status_code == 200 and len(slots["agendas"]) == 2  # the town hall and the annex
    text = html.unescape(page.text)
    shown = [query(link)["debut"] for link in links(page.text, "/rendez-vous/nouveau/coordonnees?")]
    nexts = [s["start"] for a in slots["agendas"] for s in a["next"]]
    every = [s["start"] for a in slots["agendas"] for d in a["days"] for s in d["slots"]]
    assert nexts and shown == nexts + every  # the next free ones of each desk first, then each day's times
    for agenda in slots["agendas"]:
        assert f"<h3>{agenda['desk']['title']}</h3>" in text
    assert text.index("Prochains créneaux libres") < text.index("Tous les créneaux libres, semaine par semaine")
    following = links(page.text, "/rendez-vous/nouveau?service=")
    assert any("from=" in link for link in following) and "Semaine suivante" in text


def test_a_citizen_books_and_gets_the_mail(public, rest, site, inbox):
    url, http = public
    service = uid(rest, site, "demarches/carte-identite")
    form_url = first_form(public, service)
    form = http.get(url + form_url)
    assert form.status_code == 200 and form.headers["Cache-Control"] == "private, no-store"
    assert "Vos coordonnées" in form.text and "Dépôt de demande CNI / passeport" in html.unescape(form.text)
    posted = book(public, form_url, telephone="06 12 34 56 78")
    assert posted.status_code == 303, posted.text[:500]
    target = posted.headers["Location"]
    code, token = urlsplit(target).path.rsplit("/", 1)[1], query(target)["token"]
    booking = rest().get(f"{site}/@bookings/{code}", params={"token": token}).json()
    page = http.get(url + target)
    text = html.unescape(page.text)
    assert page.status_code == 200 and "Un courriel de confirmation vous a été envoyé." in text
    assert f"<strong>{code}</strong>" in text and booking["desk"]["title"] in text and booking["desk"]["address"] in text
    assert booking["checklist"] and all(line in text for line in booking["checklist"])
    assert page.headers["Cache-Control"] == "private, no-store" and '<meta name="robots" content="noindex">' in page.text
    assert "madame.x@example.org" not in text and "06 12 34 56 78" not in text
    mail = inbox.wait(1)[0]
    assert mail["to"] == ["madame.x@example.org"] and code in mail["body"]
    link = re.search(rf"{re.escape(url)}/rendez-vous/{code}\?token=[^\s\"<>]+", mail["body"]).group(0)
    assert http.get(link).status_code == 200  # the mail's link opens this page


def test_form_errors_are_shown_by_their_fields(public, rest, site):
    url, http = public
    form_url = first_form(public, uid(rest, site, "demarches/carte-identite"))
    page = book(public, form_url, nom="", courriel="madame.x(at)example", telephone="12")
    assert page.status_code == 400
    assert '<p class="error" id="nom-erreur">Saisissez votre nom.</p>' in page.text
    assert '<p class="error" id="courriel-erreur">Saisissez une adresse électronique valide, par exemple nom@exemple.fr.</p>' in page.text
    assert 'aria-invalid="true"' in page.text
    foreign = http.post(f"{url}/rendez-vous/nouveau/coordonnees", data=query(form_url), headers={"Origin": "https://ailleurs.example"})
    assert foreign.status_code == 403


def test_a_slot_taken_meanwhile_shows_the_next_free_ones(public, rest, site):
    url, http = public
    service = uid(rest, site, "demarches/carte-identite")
    form_url = first_form(public, service)
    chosen = query(form_url)
    slots = rest().get(f"{site}/@slots", params={"service": service, "type": chosen["type"], "days": 1}).json()
    first = next(s for a in slots["agendas"] if a["uid"] == chosen["agenda"] for s in a["next"] if s["start"] == chosen["debut"])
    for n in range(first["free"]):  # others take every counter free at that time
        body = {"agenda": chosen["agenda"], "type": chosen["type"], "start": chosen["debut"], "name": "Quelqu'un", "email": f"autre{n}@example.org"}
        assert rest().post(f"{site}/@bookings", json=body).status_code == 201
    page = book(public, form_url)
    text = html.unescape(page.text)
    assert page.status_code == 409 and "<h1>Ce créneau vient d'être pris</h1>" in text
    offered = [query(link)["debut"] for link in links(page.text, "/rendez-vous/nouveau/coordonnees?")]
    assert offered and chosen["debut"] not in offered


def test_move_then_cancel_behind_the_link(public, rest, site, inbox):
    url, http = public
    service = uid(rest, site, "demarches/carte-identite")
    target = book(public, first_form(public, service)).headers["Location"]
    code, token = urlsplit(target).path.rsplit("/", 1)[1], query(target)["token"]
    moving = http.get(f"{url}/rendez-vous/{code}/deplacer", params={"token": token})
    assert moving.status_code == 200 and "Déplacer le rendez-vous" in moving.text
    choice = links(moving.text, f"/rendez-vous/{code}/deplacer?")[-1]
    recap = http.get(url + choice)
    assert "Déplacer à cette date" in html.unescape(recap.text)
    moved = http.post(f"{url}/rendez-vous/{code}/deplacer", data={"token": token, "debut": query(choice)["debut"]}, allow_redirects=False)
    assert moved.status_code == 303
    fresh = query(moved.headers["Location"])["token"]
    assert fresh != token
    booking = rest().get(f"{site}/@bookings/{code}", params={"token": fresh}).json()
    assert booking["start"] == query(choice)["debut"]
    expired = http.get(f"{url}/rendez-vous/{code}", params={"token": token})
    assert expired.status_code == 410 and "<h1>Ce lien a expiré</h1>" in html.unescape(expired.text)
    asking = http.get(f"{url}/rendez-vous/{code}/annuler", params={"token": fresh})
    assert "Voulez-vous vraiment annuler ce rendez-vous ?" in html.unescape(asking.text)
    done = http.post(f"{url}/rendez-vous/{code}/annuler", data={"token": fresh}, allow_redirects=False)
    assert done.status_code == 303
    page = html.unescape(http.get(url + done.headers["Location"]).text)
    assert "Votre rendez-vous a été annulé." in page and "Ce rendez-vous est annulé." in page
    assert rest().get(f"{site}/@bookings/{code}", params={"token": fresh}).json()["status"] == "cancelled"


def test_forged_links_read_as_not_found(public):
    url, http = public
    for path in ("/rendez-vous/ABCD-EFGH?token=forged", "/rendez-vous/ABCD-EFGH", "/rendez-vous/ABCD-EFGH/annuler?token=x"):
        page = http.get(url + path)
        assert page.status_code == 404 and "<h1>Ce lien n'est pas valide</h1>" in html.unescape(page.text)
        assert page.headers["Cache-Control"] == "private, no-store"
