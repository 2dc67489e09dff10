"""Every bad input of POST @queue-tickets over real HTTP: a clear message, nothing stored
(the tickets counted before and after), no e-mail: outside the opening hours, beyond the
daily capacity, an invalid e-mail, a phone where no SMS sender is registered (and accepted
once one is), the body's fields, the queue and the service; a flood from one client: 429."""

from booking_helpers import at
from booking_helpers import MONDAY
from catalogue_factory import queue_service
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.facts import QUEUE_TICKET_FLOOD_LIMIT
import pytest
from ticket_helpers import count
from ticket_helpers import MONDAY_10AM
from ticket_helpers import OTHER_SHEET
from ticket_helpers import QUEUE
from ticket_helpers import queueable
from ticket_helpers import SHEET
from ticket_helpers import ticket_mails
import transaction
from zope.component import getGlobalSiteManager
from zope.interface import implementer


@pytest.fixture
def items(catalogue):
    ratelimit.clear()
    return queueable(catalogue, services=[queue_service(SHEET, "E", 10), queue_service(OTHER_SHEET, "R", 5)], daily_capacity=2)


def post(rest, site, body, user=None):
    return rest(user).post(f"{site}/@queue-tickets", json=body)


def refused(reply):
    return reply.status_code, reply.json()["error"]["message"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({}, 400, 'Attendu : un objet JSON {"queue"[, "service"][, "email"][, "phone"]}, rien d\'autre.'),
        (
            {"queue": "{queue}", "service": "{sheet}", "name": "Camille"},
            400,
            'Attendu : un objet JSON {"queue"[, "service"][, "email"][, "phone"]}, rien d\'autre.',
        ),
        ({"queue": "0" * 32, "service": "{sheet}"}, 400, "« queue » doit être l'UID d'une file d'attente ouverte."),
        ({"queue": ["x"]}, 400, "« queue » doit être l'UID d'une file d'attente ouverte."),
        ({"queue": "{queue}"}, 400, "Cette file d'attente sert plusieurs démarches : précisez « service »."),
        ({"queue": "{queue}", "service": "{queue}"}, 400, "« service » doit être l'UID d'une démarche de cette file d'attente."),
        ({"queue": "{queue}", "service": "{sheet}", "email": "camille@"}, 400, "Ce n'est pas une adresse électronique valide."),
        ({"queue": "{queue}", "service": "{sheet}", "email": "a@b.fr, c@d.fr"}, 400, "Ce n'est pas une adresse électronique valide."),
        (
            {"queue": "{queue}", "service": "{sheet}", "phone": "06 12 34 56 78"},
            400,
            "Les SMS ne sont pas proposés ici : laissez une adresse e-mail.",
        ),
    ],
)
def test_bad_bodies_store_nothing(items, site, rest, inbox, body, status, message):
    uids = {"{queue}": items[QUEUE].UID(), "{sheet}": items[SHEET].UID()}
    body = {key: uids.get(value, value) if isinstance(value, str) else value for key, value in body.items()}
    with clock.frozen(MONDAY_10AM):
        reply = post(rest, site, body)
    assert refused(reply) == (status, message)
    assert count(items[QUEUE]) == 0
    assert ticket_mails(inbox, 1, timeout=0.5) == []


def test_outside_the_opening_hours_and_beyond_the_capacity(items, site, rest):
    queue = items[QUEUE].UID()
    body = {"queue": queue, "service": items[SHEET].UID()}
    with clock.frozen(at(MONDAY, 8, 0)):
        early = post(rest, site, body)
    assert early.status_code == 409 and early.json()["error"]["type"] == "Closed", early.text
    month = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")[
        MONDAY.month - 1
    ]
    assert early.json()["error"]["message"] == f"Le guichet est fermé : la file d'attente rouvre le {MONDAY.day} {month} {MONDAY.year} à 09:00."
    assert count(items[QUEUE]) == 0
    with clock.frozen(MONDAY_10AM):
        assert [post(rest, site, body).status_code for _index in range(2)] == [201, 201]
        full = post(rest, site, body)
    assert (full.status_code, full.json()["error"]["type"]) == (409, "Full")
    assert full.json()["error"]["message"] == "Plus de ticket aujourd'hui : la capacité du jour de cette file est atteinte."
    assert count(items[QUEUE]) == 2


def test_a_phone_is_taken_once_an_sms_sender_is_registered(items, site, rest):
    from guichet_kb.queues import store
    from guichet_kb.queues.senders import ITicketSender

    @implementer(ITicketSender)
    class Sms:
        label = "SMS"
        sent = []

        def address(self, ticket):
            return ticket.phone

        def send(self, address, notice):
            self.sent.append((address, notice.kind, notice.short))

    sender = Sms()
    registry = getGlobalSiteManager()
    registry.registerUtility(sender, ITicketSender, name="sms")
    try:
        body = {"queue": items[QUEUE].UID(), "service": items[SHEET].UID()}
        with clock.frozen(MONDAY_10AM):
            bad = post(rest, site, {**body, "phone": "appelez-moi"})
            good = post(rest, site, {**body, "phone": "06 12 34 56 78"})
        assert refused(bad) == (400, "« phone » doit être un numéro de téléphone (chiffres, espaces, points, tirets, un + au début).")
        assert good.status_code == 201, good.text
        assert "06 12 34 56 78" not in good.text and good.json()["contact"] is True
        transaction.begin()
        assert store.find(good.json()["code"])[1].phone == "06 12 34 56 78"
        number = good.json()["number"]
        assert sender.sent == [("06 12 34 56 78", "taken", f"Ticket {number}, Guichet des inscriptions d'essai. {good.json()['links']['track']}")]
    finally:
        registry.unregisterUtility(sender, ITicketSender, name="sms")


def test_a_flood_from_one_client_is_refused(items, site, rest):
    body = {"queue": items[QUEUE].UID(), "service": items[OTHER_SHEET].UID()}
    with clock.frozen(MONDAY_10AM):
        answers = [post(rest, site, {**body, "email": "x"}).status_code for _index in range(QUEUE_TICKET_FLOOD_LIMIT)]
        flood = post(rest, site, body)
        kiosk = post(rest, site, body, user="borne")  # the desk's kiosk is not rate-limited
    assert answers == [400] * QUEUE_TICKET_FLOOD_LIMIT  # refused requests count too: a flood is a flood
    assert refused(flood) == (429, "Trop de tickets pris depuis cette connexion : réessayez dans quelques minutes.")
    assert kiosk.status_code == 201
    assert count(items[QUEUE]) == 1
