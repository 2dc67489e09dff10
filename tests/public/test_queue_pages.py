"""The virtual queue's public pages (issue 19) against a stubbed Plone speaking COMMON19 §3
(tests/helpers/queue_stub.py): the desk's and the sheet's status line and « Prendre un
ticket », the take form and its refusals in French, the ticket's private page (one token
check per viewer), leaving and rejoining, robots.txt, the hall display."""

from datetime import timedelta
from guichet_kb import clock
from guichet_kb.public.app import create_app
from guichet_kb.public.config import Settings
import html
import httpx
import json
import pytest
from queue_stub import CNI
from queue_stub import DESK
from queue_stub import PASSPORT
from queue_stub import QUEUE
from queue_stub import QueuePlone
import re
from starlette.testclient import TestClient


SAME_SITE = {"Origin": "http://testserver"}


@pytest.fixture
def plone():
    return QueuePlone()


@pytest.fixture
def client(plone):
    settings = Settings(plone_url="http://plone.test/guichet", cache_ttl=0, queue_poll=0)
    with TestClient(create_app(settings, transport=httpx.MockTransport(plone)), raise_server_exceptions=False) as c:
        yield c


def text(page):
    return html.unescape(page.text)


def take(client, **form):
    return client.post(f"/file-attente/{QUEUE}", data=form, headers=SAME_SITE, follow_redirects=False)


def test_the_desk_and_the_sheet_show_the_queue_and_its_button(client, plone):
    plone.take()
    plone.take()
    page = text(client.get("/guichets/mairie-centrale"))
    assert '<p class="queue-status open" data-queue="' + QUEUE + "\">File d'attente ouverte — 2 personnes, attente estimée 12 min</p>" in page
    assert f'href="/file-attente/{QUEUE}">Prendre un ticket</a>' in page
    sheet = text(client.get("/demarches/cni"))
    assert f'href="/file-attente/{QUEUE}?service={CNI}">Prendre un ticket</a>' in sheet
    asked = [dict(r.url.params) for r in plone.requests if r.url.path == "/guichet/@queues"]
    assert {"desk": DESK} in asked and {"service": CNI} in asked
    before = plone.count("@queues")
    assert "Prendre un ticket" not in client.get("/demarches/naissance").text
    assert plone.count("@queues") == before  # its JSON lists no queue: nothing asked


def test_one_person_closed_and_a_campaign(client, plone):
    plone.take()
    assert "File d'attente ouverte — 1 personne, attente estimée 6 min" in text(client.get("/guichets/mairie-centrale"))
    tomorrow = (clock.now() + timedelta(days=1)).replace(hour=8, minute=30, second=0, microsecond=0)
    plone.open, plone.opens_at = False, tomorrow.isoformat()
    plone.campaign = {"opens_on": "2027-01-04", "closes_on": "2027-02-26", "daily_capacity": 80}
    page = text(client.get("/guichets/mairie-centrale"))
    assert "File d'attente fermée — ouvre demain à 08:30" in page and "Prendre un ticket" not in page
    assert "Titres d'identité : du 4 janvier 2027 au 26 février 2027 (80 tickets par jour au plus)" in page


def test_the_form_says_what_is_kept(client, plone):
    page = client.get(f"/file-attente/{QUEUE}?service={PASSPORT}")
    body = text(page)
    assert page.status_code == 200 and "<h1>Prendre un ticket</h1>" in body
    assert f'id="service-{PASSPORT}" value="{PASSPORT}" checked' in body and f'id="service-{CNI}" value="{CNI}">' in body
    assert "Pour être prévenu 10 min avant votre tour, et quand vous êtes appelé." in body
    assert "est gardé 7 jours pour les statistiques du guichet" in body
    assert page.headers["cache-control"] == "private, no-store" and '<meta name="robots" content="noindex">' in body
    assert 'type="email" autocomplete="email"' in body
    assert client.get("/file-attente/" + "0" * 32).status_code == 404 and client.get("/file-attente/nope").status_code == 404


def test_taking_a_ticket_redirects_to_its_page(client, plone):
    assert client.post(f"/file-attente/{QUEUE}", data={"service": CNI}, follow_redirects=False).status_code == 403  # no Origin
    missing = take(client)
    assert missing.status_code == 400 and "Choisissez la démarche pour laquelle vous venez." in text(missing)
    bad = take(client, service=CNI, courriel="pas-une-adresse")
    assert bad.status_code == 400 and "ou laissez le champ vide." in text(bad) and 'value="pas-une-adresse"' in bad.text
    assert not plone.tickets
    done = take(client, service=PASSPORT, courriel="marie@example.org")
    assert done.status_code == 303 and done.headers["location"] == "/file-attente/ticket/T001-ABCD?token=tok-T001-ABCD"
    sent = [r for r in plone.requests if r.method == "POST"][-1]
    assert json.loads(sent.content) == {"queue": QUEUE, "service": PASSPORT, "email": "marie@example.org"}
    assert sent.headers["x-forwarded-for"] == "testclient"


@pytest.mark.parametrize(
    "status,kind,message",
    [
        (409, "Closed", "La file d'attente est fermée : elle ouvre lundi à 08:30."),
        (409, "Full", "Plus de tickets aujourd'hui : la capacité du jour est atteinte."),
        (409, "TooLate", "Trop tard pour aujourd'hui : votre tour viendrait après la fermeture."),
    ],
)
def test_refusals_are_shown_next_to_the_form(client, plone, status, kind, message):
    plone.refusal = (status, kind, message)
    page = take(client, service=CNI)
    assert page.status_code == status
    assert re.search(r'<div class="alert" role="alert" id="refus"', page.text)
    assert f'<p id="refus-message">{message}</p>' == re.search(r'<p id="refus-message">.*?</p>', text(page)).group(0)
    assert 'id="prendre-ticket"' in page.text  # the form again, beside the message


def test_a_flood_is_told_in_french(client, plone):
    plone.refusal = (429, "TooManyRequests", "x")
    page = take(client, service=CNI)
    assert page.status_code == 429 and "Trop de tickets demandés depuis cette connexion. Patientez quelques minutes." in text(page)


def test_the_ticket_page_is_private_and_costs_one_check(client, plone):
    plone.take()
    link = take(client, service=CNI, courriel="marie@example.org").headers["location"]
    page = client.get(link)
    body = text(page)
    assert page.headers["cache-control"] == "private, no-store" and page.headers["referrer-policy"] == "same-origin"
    assert '<meta name="robots" content="noindex">' in body and '<noscript><meta http-equiv="refresh" content="30"></noscript>' in body
    assert '<p class="ticket-number" id="numero-ticket"><span class="visually-hidden">Ticket numéro </span><span id="numero">C002</span></p>' in body
    assert "Position dans la file : 2" in body and "Attente estimée : 6 min" in body and "Appel prévu vers " in body
    assert "Nous vous prévenons par courriel 10 min avant votre tour." in body and 'id="quitter"' in body
    client.get(link)
    client.get(link)
    assert plone.count("@queue-tickets/T002-ABCD") == 1  # the refreshes ask Plone nothing more
    plone.call_next("G1")
    plone.call_next("G2")
    called = text(client.get(link))
    assert "C'est votre tour : Guichet 2" in called and 'id="quitter"' not in called
    plone.call_next("G2")  # served
    assert "Votre passage est terminé. Merci." in text(client.get(link))
    assert plone.count("@queue-tickets/T002-ABCD") == 2  # asked again once the snapshot no longer showed it


def test_forged_and_old_links(client, plone):
    code = plone.take()
    forged = client.get(f"/file-attente/ticket/{code}?token=forged")
    assert forged.status_code == 404 and "<h1>Ce lien n'est pas valide</h1>" in text(forged)
    assert client.get("/file-attente/ticket/T999-ABCD?token=forged").text == forged.text
    old = client.get(f"/file-attente/ticket/{code}?token=old")
    assert old.status_code == 410 and "<h1>Ce ticket est terminé</h1>" in text(old)
    assert client.get(f"/file-attente/ticket/{code}").status_code == 404
    assert client.get(f"/file-attente/ticket/{code}/events?token=forged").status_code == 404


def test_leave_and_rejoin_once(client, plone):
    code = plone.take()
    form = {"token": f"tok-{code}"}
    left = client.post(f"/file-attente/ticket/{code}/quitter", data=form, headers=SAME_SITE, follow_redirects=False)
    assert left.status_code == 303 and left.headers["location"] == f"/file-attente/ticket/{code}?token=tok-{code}&quitte=1"
    page = text(client.get(left.headers["location"]))
    assert "Vous avez quitté la file. Vos coordonnées sont effacées." in page and "<noscript>" not in page
    other = plone.take()
    plone.no_show(other)
    missed = text(client.get(f"/file-attente/ticket/{other}?token=tok-{other}"))
    assert "Vous avez été appelé, mais vous n'étiez pas là." in missed and 'id="je-suis-la"' in missed
    back = client.post(f"/file-attente/ticket/{other}/je-suis-la", data={"token": f"tok-{other}"}, headers=SAME_SITE, follow_redirects=False)
    assert back.status_code == 303
    assert "Vous êtes de retour dans la file." in text(client.get(back.headers["location"]))
    plone.no_show(other)
    again = text(client.get(f"/file-attente/ticket/{other}?token=tok-{other}"))
    assert 'id="je-suis-la"' not in again and "Ce ticket n'est plus valable : prenez-en un nouveau au guichet." in again
    forged = client.post(f"/file-attente/ticket/{other}/quitter", data={"token": "x"}, headers=SAME_SITE)
    assert forged.status_code == 404


def test_robots_keep_crawlers_off_the_queue(client):
    robots = client.get("/robots.txt").text
    expected = ["User-agent: *", "Disallow: /recherche", "Disallow: /avis", "Disallow: /rendez-vous", "Disallow: /file-attente/"]
    assert robots.splitlines()[:5] == expected


def test_the_hall_display(client, plone):
    for _ in range(4):
        plone.take()
    plone.take(PASSPORT)
    plone.call_next("G1")
    plone.idle = ["G2"]
    page = client.get(f"/file-attente/ecran/{DESK}?son=1")
    body = text(page)
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert '<body class="hall">' in body and '<noscript><meta http-equiv="refresh" content="30"></noscript>' in body
    assert '<li class="call"><span class="call-ticket">C001</span> <span class="call-counter">Guichet 1</span></li>' in body
    idle = '<span aria-hidden="true">—</span><span class="visually-hidden">aucun numéro</span></span> <span class="call-counter">Guichet 2</span>'
    assert f'<li class="call idle"><span class="call-ticket">{idle}</li>' in body
    nexts = re.findall(r'<span class="next-ticket">(\w+)</span> <span class="next-wait">environ (\d+) min</span>', body)
    assert nexts == [("C002", "6"), ("C003", "6"), ("C004", "12"), ("P001", "12")]
    assert 'id="annonce" role="status" aria-live="assertive"' in body and 'id="activer-son" hidden' in body
    assert client.get("/file-attente/ecran/" + "e" * 32).status_code == 404
    assert client.get("/file-attente/ecran/" + "e" * 32 + "/events").status_code == 404
