"""POST @queue-tickets end to end over real HTTP: the answer, the store, the confirmation
e-mail through a real SMTP server (its exact text and its HTML); the ticket behind its link
(GET, DELETE leaves the queue and erases the contact), forged and expired links; a kiosk
and an agent taking tickets; GET @queues' figures and caching."""

from booking_helpers import at
from booking_helpers import MONDAY
from datetime import timedelta
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.testing import PUBLIC_SITE_URL
from ticket_helpers import ADDRESS
from ticket_helpers import count
from ticket_helpers import DESK
from ticket_helpers import DESK_TITLE
from ticket_helpers import MONDAY_10AM
from ticket_helpers import QUEUE
from ticket_helpers import QUEUE_TITLE
from ticket_helpers import SHEET
from ticket_helpers import SHEET_TITLE
from ticket_helpers import ticket_mails
import transaction


def take(rest, site, queue_uid, user=None, **fields):
    return rest(user).post(f"{site}/@queue-tickets", json={"queue": queue_uid, **fields})


def confirmation_text(number, ahead, minutes, link):
    return (
        "Bonjour,\n\n"
        f"Vous êtes dans la file d'attente pour « {SHEET_TITLE} ». Votre numéro : {number}.\n\n"
        f"Guichet : {DESK_TITLE}, {ADDRESS}\n"
        f"Attente estimée : environ {minutes} min ({ahead} personne(s) avant vous).\n\n"
        "Nous vous écrirons environ 10 minutes avant votre tour, puis au moment de l'appel : présentez-vous alors au poste indiqué.\n"
        "Si vous n'êtes pas au poste lors de l'appel, votre ticket est marqué absent après 3 minutes ; "
        "vous pourrez reprendre place une fois dans la file, depuis la page de suivi.\n"
        f"Suivre votre place dans la file, ou la quitter : {link}\n"
        "Votre adresse e-mail est effacée dès que votre ticket prend fin (servi, annulé, ou en fin de journée).\n"
    ).replace("\n", "\r\n")


def test_a_citizen_takes_a_ticket_and_gets_the_confirmation(items, site, rest, inbox):
    from guichet_kb.queues import store

    queue = items[QUEUE]
    with clock.frozen(MONDAY_10AM):
        for _index in range(2):  # two before, without contact: no mail
            assert take(rest, site, queue.UID()).status_code == 201
        reply = take(rest, site, queue.UID(), email="camille@example.org")
        assert reply.status_code == 201, reply.text
    ticket = reply.json()
    code, token = ticket["code"], ticket["token"]
    link = f"{PUBLIC_SITE_URL}/file-attente/ticket/{code}?token={token}"
    assert ticket == {
        "code": code,
        "number": "E003",
        "status": "waiting",
        "queue": {"uid": queue.UID(), "title": QUEUE_TITLE},
        "service": {"uid": items[SHEET].UID(), "title": SHEET_TITLE, "url": f"{site}/demarches/{SHEET}"},
        "desk": {"uid": items[DESK].UID(), "title": DESK_TITLE, "url": f"{site}/guichets/{DESK}", "address": ADDRESS},
        "position": 3,
        "call_at": (MONDAY_10AM + timedelta(minutes=20)).isoformat(),
        "wait_minutes": 20,
        "counter": None,
        "taken_at": MONDAY_10AM.isoformat(),
        "called_at": None,
        "notify_minutes": 10,
        "contact": True,
        "can_rejoin": False,
        "priority": None,
        "token": token,
        "links": {"track": link},
    }
    assert "camille@example.org" not in reply.text
    assert count(queue) == 3
    stored = store.find(code)[1]
    assert (stored.email, stored.channel, stored.agent, stored.notified) == ("camille@example.org", "online", None, None)
    [mail] = ticket_mails(inbox, 1)
    assert mail["to"] == ["camille@example.org"]
    assert mail["subject"] == f"Votre ticket E003 : {DESK_TITLE}"
    assert mail["body"] == confirmation_text("E003", 2, 20, link)
    assert f'<a href="{link}">{link}</a>' in mail["html"]
    assert "<li>Attente estimée : environ 20 min (2 personne(s) avant vous).</li>" in mail["html"]


def test_the_ticket_behind_its_link_and_leaving_the_queue(items, site, rest, inbox):
    from guichet_kb.queues import store

    queue = items[QUEUE]
    with clock.frozen(MONDAY_10AM):
        ticket = take(rest, site, queue.UID(), email="camille@example.org").json()
        code, token = ticket["code"], ticket["token"]
        seen = rest(None).get(f"{site}/@queue-tickets/{code}", params={"token": token})
        assert seen.status_code == 200 and seen.headers["Cache-Control"] == "private, no-store"
        assert {key: seen.json()[key] for key in ("number", "status", "position", "wait_minutes")} == {
            "number": "E001",
            "status": "waiting",
            "position": 1,
            "wait_minutes": 0,
        }
        assert rest("agent").get(f"{site}/@queue-tickets/{code}").json()["number"] == "E001"  # staff: no token
        for bad in ({"token": token[:-2] + "xx"}, {"token": "not.signed"}, {}):
            refused = rest(None).get(f"{site}/@queue-tickets/{code}", params=bad)
            assert (refused.status_code, refused.json()["error"]["message"]) == (
                404,
                "Aucun ticket ne correspond à ce lien : vérifiez l'adresse reçue par e-mail, ou demandez à l'accueil.",
            )
        other = take(rest, site, queue.UID()).json()
        assert rest(None).get(f"{site}/@queue-tickets/{other['code']}", params={"token": token}).status_code == 404  # another ticket's token
        assert rest(None).get(f"{site}/@queue-tickets/ZZZZ-ZZZZ", params={"token": token}).status_code == 404
        left = rest(None).delete(f"{site}/@queue-tickets/{code}", params={"token": token})
        assert left.status_code == 200, left.text
        assert (left.json()["status"], left.json()["contact"]) == ("cancelled", False)
    transaction.begin()
    stored = store.find(code)[1]
    assert (stored.status, stored.email, stored.phone) == ("cancelled", None, None)
    with clock.frozen(at(MONDAY + timedelta(days=1), 9, 0)):
        expired = rest(None).get(f"{site}/@queue-tickets/{code}", params={"token": token})
    assert (expired.status_code, expired.json()["error"]["message"]) == (
        410,
        "Ce ticket était valable pour une journée terminée : prenez un nouveau ticket.",
    )


def test_a_kiosk_and_an_agent_take_tickets(items, site, rest):
    from guichet_kb.queues import store

    queue = items[QUEUE]
    with clock.frozen(MONDAY_10AM):
        kiosk = take(rest, site, queue.UID(), user="borne")
        agent = take(rest, site, queue.UID(), user="agent")
    assert kiosk.status_code == agent.status_code == 201
    transaction.begin()
    assert [(store.find(reply.json()["code"])[1].channel, store.find(reply.json()["code"])[1].agent) for reply in (kiosk, agent)] == [
        ("kiosk", "borne"),
        ("agent", "agent"),
    ]
    with clock.frozen(MONDAY_10AM):
        editor = take(rest, site, queue.UID(), user="redacteur")
    assert editor.status_code == 201  # an editor holds no Take queue tickets: a citizen's ticket
    transaction.begin()
    assert store.find(editor.json()["code"])[1].channel == "online"


def test_called_missed_and_rejoining_once(items, site, rest):
    from guichet_kb.queues import counters
    from ticket_helpers import call_next
    from ticket_helpers import rules_of_desk

    queue = items[QUEUE]
    with clock.frozen(MONDAY_10AM):
        ticket = take(rest, site, queue.UID()).json()
    code, params = ticket["code"], {"token": ticket["token"]}
    call_next(queue, "poste-1", MONDAY_10AM)
    with clock.frozen(MONDAY_10AM):
        called = rest(None).get(f"{site}/@queue-tickets/{code}", params=params).json()
        too_soon = rest(None).post(f"{site}/@queue-tickets/{code}/rejoin", params=params, json={})
        leave = rest(None).delete(f"{site}/@queue-tickets/{code}", params=params)
    assert {key: called[key] for key in ("status", "counter", "called_at", "position", "can_rejoin")} == {
        "status": "called",
        "counter": {"code": "poste-1", "label": "Poste 1"},
        "called_at": MONDAY_10AM.isoformat(),
        "position": None,
        "can_rejoin": False,
    }
    assert (too_soon.status_code, too_soon.json()["error"]["type"]) == (409, "NotMissed")
    assert (leave.status_code, leave.json()["error"]["type"]) == (409, "BadTransition")  # called: the counter decides now
    later = MONDAY_10AM + timedelta(minutes=4)
    transaction.begin()
    rules = rules_of_desk(queue)
    counters.no_show(rules, rules[0].desk, "poste-1", "agent", later)
    transaction.commit()
    with clock.frozen(later):
        missed = rest(None).get(f"{site}/@queue-tickets/{code}", params=params).json()
        rejoined = rest(None).post(f"{site}/@queue-tickets/{code}/rejoin", params=params, json={})
        again = rest(None).post(f"{site}/@queue-tickets/{code}/rejoin", params=params, json={})
        ratelimit.clear()  # six requests from this client: the next would be a 429
        forged = rest(None).post(f"{site}/@queue-tickets/{code}/rejoin", params={"token": "not.signed"}, json={})
    assert (missed["status"], missed["can_rejoin"]) == ("missed", True)
    assert rejoined.status_code == 200, rejoined.text
    assert {key: rejoined.json()[key] for key in ("status", "position", "counter", "can_rejoin")} == {
        "status": "waiting",
        "position": 1,
        "counter": None,
        "can_rejoin": False,
    }
    assert (again.status_code, again.json()["error"]["type"]) == (409, "NotMissed")  # waiting again: rejoined once is enough
    assert forged.status_code == 404
