"""The kiosk page's plain form (browser/kiosk.py) over HTTP, without a browser: who may
open it, its CSRF token, the refusals in French with their status, and the ticket it
takes (channel "kiosk", the kiosk account as agent, the e-mail kept for the notice only)."""

from datetime import datetime
from guichet_kb import clock
from guichet_kb.queues import store
import pytest
import re
import transaction


QUEUE = "guichets/file-titres-hotel-de-ville"
CAMPAIGN = "guichets/campagne-inscriptions-scolaires"
MONDAY_10 = datetime(2026, 12, 7, 10, 0)  # the town hall is open (08:30-12:00)


def _html(session):
    session.headers["Accept"] = "text/html"
    return session


def _token(page):
    return re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)


def _services(page):
    return dict(re.findall(r'<button type="submit" name="service" class="kiosk-button" value="([^"]+)" id="kiosk-service-(\w)"', page))


def _problem(page):
    found = re.search(r'id="kiosk-problem">([^<]*)<', page)
    return found.group(1) if found else None


@pytest.fixture
def kiosk(rest, functional):
    return _html(rest("borne"))


def test_who_may_open_the_kiosk_page(rest, site, functional):
    assert _html(rest()).get(f"{site}/{QUEUE}/@@borne", allow_redirects=False).status_code in (302, 401)
    assert _html(rest("redacteur")).get(f"{site}/{QUEUE}/@@borne", allow_redirects=False).status_code in (302, 401, 403)
    for user in ("borne", "agent", "responsable"):
        assert _html(rest(user)).get(f"{site}/{QUEUE}/@@borne").status_code == 200, user


def test_a_ticket_taken_at_the_kiosk(kiosk, site, functional):
    with clock.frozen(MONDAY_10):
        page = kiosk.get(f"{site}/{QUEUE}/@@borne").text
        services = _services(page)
        assert sorted(services.values()) == ["C", "P"]
        cni = next(uid for uid, prefix in services.items() if prefix == "C")
        response = kiosk.post(f"{site}/{QUEUE}/@@borne", data={"_authenticator": _token(page), "service": cni, "email": "madame.x@example.org"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert '<p class="kiosk-number" id="kiosk-number">C001</p>' in response.text
    assert '<dd id="kiosk-position">1</dd>' in response.text
    assert "Vous serez prévenu par e-mail environ 10 minutes avant votre tour." in response.text
    assert "madame.x@example.org" not in response.text  # the address is not shown back
    assert 'content="20;url=' in response.text
    transaction.begin()
    line = store.line_of(functional["portal"]["guichets"]["file-titres-hotel-de-ville"])
    (ticket,) = line.day(MONDAY_10.date())
    assert (ticket.label, ticket.channel, ticket.agent, ticket.email, ticket.status) == ("C001", "kiosk", "borne", "madame.x@example.org", "waiting")


def test_a_post_without_its_token_takes_nothing(kiosk, site, functional):
    with clock.frozen(MONDAY_10):
        page = kiosk.get(f"{site}/{QUEUE}/@@borne").text
        response = kiosk.post(f"{site}/{QUEUE}/@@borne", data={"service": next(iter(_services(page)))})
    assert response.status_code == 403
    transaction.begin()
    assert store.line_of(functional["portal"]["guichets"]["file-titres-hotel-de-ville"]) is None


@pytest.mark.parametrize(
    "path, moment, form, status, message",
    [
        (QUEUE, datetime(2026, 12, 7, 12, 30), {}, 409, "Le guichet est fermé : la file d'attente rouvre le 7 décembre 2026 à 13:30."),
        (CAMPAIGN, MONDAY_10, {}, 409, "Cette file d'attente ouvre le 1 mars 2027."),
        (QUEUE, MONDAY_10, {"service": "not-a-service"}, 400, "Choisissez l'un des services affichés."),
        (QUEUE, MONDAY_10, {"email": "pas une adresse"}, 400, "Ce n'est pas une adresse électronique valide."),
    ],
    ids=["closed", "campaign-later", "unknown-service", "bad-email"],
)
def test_refusals_read_in_french(kiosk, site, functional, path, moment, form, status, message):
    with clock.frozen(moment):
        page = kiosk.get(f"{site}/{path}/@@borne").text
        data = {"_authenticator": _token(page), "service": next(iter(_services(page))), **form}
        response = kiosk.post(f"{site}/{path}/@@borne", data=data)
    assert (response.status_code, _problem(response.text)) == (status, message)
    assert 'id="kiosk-form"' in response.text  # the buttons are still there
    transaction.begin()
    assert store.line_of(functional["portal"].unrestrictedTraverse(path)) is None
