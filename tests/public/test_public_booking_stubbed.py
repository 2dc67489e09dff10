"""The public booking pages (issue 18) against a stubbed Plone speaking COMMON18's JSON:
what each page asks Plone, what it shows, its headers, and each refusal's page. The same
flow against the real backend is tests/public/test_public_booking.py."""

from datetime import datetime
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.public.app import create_app
from guichet_kb.public.config import Settings
import httpx
import json
import pytest
from starlette.testclient import TestClient
from urllib.parse import parse_qs
from urllib.parse import urlsplit


SERVICE, DESK, AGENDA = "a" * 32, "d" * 32, "e" * 32
BASE = "http://testserver"
SAME_SITE = {"Origin": BASE}


def at(days, hour, minute=0):
    day = clock.today() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=clock.zone())


def slot(moment, minutes=20):
    return {"start": moment.isoformat(), "end": (moment + timedelta(minutes=minutes)).isoformat(), "type": "cni", "free": 1}


class Plone:
    """Sheet, @slots and @bookings per COMMON18 §3; `answers` overrides a write's (status, body)."""

    def __init__(self):
        self.requests, self.answers, self.types = [], {}, [{"code": "cni", "label": "Dépôt CNI", "duration": 20}]
        self.free = [at(2, 9), at(2, 9, 20), at(3, 14)]
        self.booking = None

    def slots_body(self, params):
        days = {}
        for moment in self.free:
            days.setdefault(moment.date().isoformat(), []).append(slot(moment))
        desk = {"uid": DESK, "title": "Mairie centrale", "url": "http://plone.test/guichet/guichets/mairie-centrale", "address": "1 place"}
        agenda = {"uid": AGENDA, "title": "Titres", "desk": desk, "types": self.types, "next": [slot(m) for m in self.free]}
        agenda["days"] = [{"date": day, "slots": found} for day, found in sorted(days.items())]
        return {"service": {"uid": SERVICE, "title": "Carte d'identité", "url": "http://plone.test/guichet/demarches/cni"}, "agendas": [agenda]}

    def booking_body(self, status="booked"):
        start = datetime.fromisoformat(self.booking["start"])
        return {
            "code": "ABCD-EFGH",
            "status": status,
            "start": start.isoformat(),
            "end": (start + timedelta(minutes=20)).isoformat(),
            "type": self.types[0],
            "service": {"uid": SERVICE, "title": "Carte d'identité", "url": "http://plone.test/guichet/demarches/cni"},
            "desk": {"uid": DESK, "title": "Mairie centrale", "url": "http://plone.test/guichet/guichets/mairie-centrale", "address": "1 place"},
            "agenda": AGENDA,
            "checklist": ["Photo d'identité (original)", "Justificatif de domicile (original)"],
            "name": self.booking["name"],
            "reminder_at": None,
        }

    async def __call__(self, request):
        self.requests.append(request)
        path, params = request.url.path, dict(request.url.params)
        write = (request.method, path)
        if write in self.answers:
            status, body = self.answers[write]
            return httpx.Response(status, json=body)
        if path == "/guichet/@slots":
            return httpx.Response(200, json=self.slots_body(params), headers={"Cache-Control": "public, max-age=30"})
        if write == ("POST", "/guichet/@bookings"):
            self.booking = json.loads(request.content)
            return httpx.Response(201, json={**self.booking_body(), "token": "tok1", "links": {"manage": None}})
        if path == "/guichet/@bookings/ABCD-EFGH" and self.booking and params.get("token") in ("tok1", "tok2"):
            if request.method == "PATCH":
                self.booking["start"] = json.loads(request.content)["start"]
                return httpx.Response(200, json={**self.booking_body(), "token": "tok2"})
            if request.method == "DELETE":
                self.booking["cancelled"] = True
            return httpx.Response(200, json=self.booking_body("cancelled" if self.booking.get("cancelled") else "booked"))
        if path.startswith("/guichet/@bookings/"):
            return httpx.Response(410 if params.get("token") == "old" else 404, json={"error": {"type": "NotFound", "message": "x"}})
        if path == "/guichet":
            return httpx.Response(200, json={"title": "Ville-Test"})
        return httpx.Response(404, json={"error": {"type": "NotFound", "message": "x"}})


@pytest.fixture
def plone():
    return Plone()


@pytest.fixture
def client(plone):
    settings = Settings(plone_url="http://plone.test/guichet", town_hall_phone="01 98 76 54 32", cache_ttl=0)
    with TestClient(create_app(settings, transport=httpx.MockTransport(plone)), raise_server_exceptions=False) as c:
        yield c


def form_of(page_url):
    return {k: v[0] for k, v in parse_qs(urlsplit(page_url).query).items()}


def first_slot_link(client):
    page = client.get(f"/rendez-vous/nouveau?service={SERVICE}")
    assert page.status_code == 200
    start = page.text.index('href="/rendez-vous/nouveau/coordonnees?') + 6
    return page.text[start : page.text.index('"', start)].replace("&amp;", "&")


def book(client, plone, **person):
    link = first_slot_link(client)
    data = {**form_of(link), "nom": "Marie Martin", "courriel": "marie@example.org", **person}
    return client.post("/rendez-vous/nouveau/coordonnees", data=data, headers=SAME_SITE, follow_redirects=False)


def test_slots_page_next_slots_then_the_week(client, plone):
    page = client.get(f"/rendez-vous/nouveau?service={SERVICE}")
    text = page.text.replace("&#39;", "'")
    assert page.status_code == 200 and "<h1>Prendre rendez-vous</h1>" in text
    assert text.index("Prochains créneaux libres") < text.index("Tous les créneaux libres, semaine par semaine")
    assert text.count('class="slot"') == 2 * len(plone.free)  # the next ones, then each day's times
    assert f">{plone.free[0].strftime('%H:%M')}</a>" in text and "Semaine suivante" in text and "Semaine précédente" not in text
    asked = [dict(r.url.params) for r in plone.requests if r.url.path == "/guichet/@slots"]
    assert asked[-1] == {"service": SERVICE, "from": clock.today().isoformat(), "days": "7"}
    assert '<meta name="robots" content="noindex">' in page.text
    later = (clock.today() + timedelta(days=7)).isoformat()
    assert f"from={later}" in page.text
    assert "Semaine précédente" in client.get(f"/rendez-vous/nouveau?service={SERVICE}&from={later}").text


def test_several_types_are_chosen_first(client, plone):
    plone.types = [{"code": "cni", "label": "Dépôt CNI", "duration": 20}, {"code": "retrait", "label": "Retrait", "duration": 5}]
    page = client.get(f"/rendez-vous/nouveau?service={SERVICE}")
    assert "Quel rendez-vous ?" in page.text and 'class="slot"' not in page.text
    assert f"/rendez-vous/nouveau?service={SERVICE}&amp;type=retrait" in page.text


def test_bad_parameters_read_as_not_found(client, plone):
    assert client.get("/rendez-vous/nouveau").status_code == 404
    assert client.get("/rendez-vous/nouveau?service=../../etc").status_code == 404
    assert client.get("/rendez-vous/nouveau/coordonnees?agenda=x").status_code == 404


def test_form_recaps_the_slot_and_is_never_cached(client, plone):
    page = client.get(first_slot_link(client))
    assert page.status_code == 200 and "Vos coordonnées" in page.text and "Mairie centrale" in page.text
    assert page.headers["cache-control"] == "private, no-store" and page.headers["referrer-policy"] == "same-origin"
    assert 'autocomplete="email"' in page.text and 'type="tel"' in page.text


def test_booking_redirects_to_its_page_with_the_confirmation(client, plone):
    posted = book(client, plone, telephone="06 12 34 56 78")
    assert posted.status_code == 303 and posted.headers["location"] == "/rendez-vous/ABCD-EFGH?token=tok1&confirme=1"
    sent = json.loads([r for r in plone.requests if r.method == "POST"][-1].content)
    person = {"name": "Marie Martin", "email": "marie@example.org", "phone": "06 12 34 56 78"}
    assert sent == {"agenda": AGENDA, "type": "cni", "start": plone.free[0].isoformat(), **person}
    assert [r for r in plone.requests if r.method == "POST"][-1].headers["x-forwarded-for"] == "testclient"
    page = client.get(posted.headers["location"])
    text = page.text.replace("&#39;", "'")
    assert "Un courriel de confirmation vous a été envoyé." in text and "ABCD-EFGH" in text
    assert "Photo d'identité (original)" in text and "Mairie centrale" in text
    assert page.headers["cache-control"] == "private, no-store" and '<meta name="robots" content="noindex">' in text
    assert 'href="/rendez-vous/ABCD-EFGH/deplacer?token=tok1"' in text and 'href="/rendez-vous/ABCD-EFGH/annuler?token=tok1"' in text


def test_form_errors_next_to_their_fields_in_french(client, plone):
    page = book(client, plone, nom="", courriel="pas-une-adresse", telephone="abc")
    assert page.status_code == 400 and not [r for r in plone.requests if r.method == "POST"]
    for field, message in (
        ("nom", "Saisissez votre nom."),
        ("courriel", "Saisissez une adresse électronique valide, par exemple nom@exemple.fr."),
        ("telephone", "Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78, ou laissez le champ vide."),
    ):
        assert f'<p class="error" id="{field}-erreur">{message}</p>' in page.text
    assert 'value="pas-une-adresse"' in page.text and page.headers["cache-control"] == "private, no-store"


def test_a_taken_slot_shows_the_next_free_ones(client, plone):
    plone.answers[("POST", "/guichet/@bookings")] = (409, {"error": {"type": "Conflict", "message": "pris"}, "slots": [slot(at(4, 10))]})
    page = book(client, plone)
    assert page.status_code == 409 and "Ce créneau vient d'être pris" in page.text.replace("&#39;", "'")
    assert at(4, 10).isoformat().replace("+", "%2B").replace(":", "%3A") in page.text


def test_other_refusals(client, plone):
    plone.answers[("POST", "/guichet/@bookings")] = (429, {"error": {"type": "TooManyRequests", "message": "trop"}})
    assert book(client, plone).status_code == 429
    plone.answers[("POST", "/guichet/@bookings")] = (400, {"error": {"type": "BadRequest", "message": "Hors des horaires."}})
    page = book(client, plone)
    assert page.status_code == 400 and "<p>Hors des horaires.</p>" in page.text
    data = {**form_of(first_slot_link(client)), "nom": "Marie", "courriel": "marie@example.org"}
    foreign = client.post("/rendez-vous/nouveau/coordonnees", data=data, headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert foreign.status_code == 403
    assert client.post("/rendez-vous/nouveau/coordonnees", data=data, follow_redirects=False).status_code == 403  # neither Origin nor Referer


def test_forged_and_expired_links(client, plone):
    forged = client.get("/rendez-vous/ABCD-EFGH?token=forged")
    assert forged.status_code == 404 and "Ce lien n'est pas valide" in forged.text
    expired = client.get("/rendez-vous/ABCD-EFGH?token=old")
    assert expired.status_code == 410 and "<h1>Ce lien a expiré</h1>" in expired.text
    assert expired.headers["cache-control"] == "private, no-store"
    assert client.get("/rendez-vous/pas..un/code").status_code == 404


def test_move_then_cancel(client, plone):
    book(client, plone)
    moving = client.get("/rendez-vous/ABCD-EFGH/deplacer?token=tok1")
    assert moving.status_code == 200 and "Déplacer le rendez-vous" in moving.text
    target = plone.free[2].isoformat()
    recap = client.get("/rendez-vous/ABCD-EFGH/deplacer", params={"token": "tok1", "debut": target})
    assert "Déplacer à cette date" in recap.text
    moved = client.post("/rendez-vous/ABCD-EFGH/deplacer", data={"token": "tok1", "debut": target}, headers=SAME_SITE, follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == "/rendez-vous/ABCD-EFGH?token=tok2&deplace=1"  # the new link
    assert "Votre rendez-vous a été déplacé." in client.get(moved.headers["location"]).text
    asking = client.get("/rendez-vous/ABCD-EFGH/annuler?token=tok2")
    assert "Voulez-vous vraiment annuler ce rendez-vous ?" in asking.text
    done = client.post("/rendez-vous/ABCD-EFGH/annuler", data={"token": "tok2"}, headers=SAME_SITE, follow_redirects=False)
    assert done.status_code == 303 and [r.method for r in plone.requests if r.method in ("PATCH", "DELETE")] == ["PATCH", "DELETE"]
    page = client.get(done.headers["location"]).text
    assert "Votre rendez-vous a été annulé." in page and "Ce rendez-vous est annulé." in page and "/annuler?" not in page


def test_a_move_onto_a_taken_slot(client, plone):
    book(client, plone)
    plone.answers[("PATCH", "/guichet/@bookings/ABCD-EFGH")] = (409, {"error": {"type": "Conflict", "message": "pris"}, "slots": [slot(at(5, 11))]})
    page = client.post("/rendez-vous/ABCD-EFGH/deplacer", data={"token": "tok1", "debut": at(2, 9, 20).isoformat()}, headers=SAME_SITE)
    assert page.status_code == 409 and "Ce créneau vient d'être pris" in page.text and "Garder mon rendez-vous" in page.text
    closed = {"error": {"type": "Conflict", "message": "Ce rendez-vous ne peut plus être modifié."}}
    plone.answers[("PATCH", "/guichet/@bookings/ABCD-EFGH")] = (409, closed)
    page = client.post("/rendez-vous/ABCD-EFGH/deplacer", data={"token": "tok1", "debut": at(2, 9, 20).isoformat()}, headers=SAME_SITE)
    assert page.status_code == 409 and "Ce rendez-vous ne peut plus être modifié." in page.text and "vient d'être pris" not in page.text
