"""GET|POST @queue-counter over real HTTP (issue 19, part counters): who may, the counter's
state, the actions in order (open, next, recall, absent after the grace, done, transfer,
priority, close) with the core's clear refusals, each step in the ticket's history; two
agents calling the next at once on two counters get two different tickets."""

from counter_queue_helpers import take as taken
from counter_queue_helpers import two_services
from datetime import timedelta
from guichet_kb import clock
import pytest
from race_helpers import all_at_once
from ticket_helpers import MONDAY_10AM
from ticket_helpers import OTHER_SHEET
from ticket_helpers import QUEUE
from ticket_helpers import ticket_mails
import transaction


def take(items, count, prefix="E", now=MONDAY_10AM):
    """`count` tickets taken online (no contact) at `now`, committed; their numbers."""
    numbers = [ticket.label for ticket in taken(items, prefix * count, now)]
    transaction.commit()
    return numbers


@pytest.fixture
def items(catalogue):
    found = two_services(catalogue)
    return {**found, "desk": found["fa-essai-guichet"].UID(), "queue": found[QUEUE].UID()}


def at(minutes):
    return clock.frozen(MONDAY_10AM + timedelta(minutes=minutes))


def post(rest, site, items, action, user="agent", counter="poste-1", **extra):
    return rest(user).post(f"{site}/@queue-counter", json={"desk": items["desk"], "counter": counter, "action": action, **extra})


def refusal(response):
    return response.status_code, response.json()["error"]["type"], response.json()["error"]["message"]


def test_who_may_see_a_counter(rest, site, items):
    params = {"desk": items["desk"], "counter": "poste-1"}
    assert rest(None).get(f"{site}/@queue-counter", params=params).status_code == 401
    assert rest("redacteur").get(f"{site}/@queue-counter", params=params).status_code == 403
    assert rest(None).post(f"{site}/@queue-counter", json={**params, "action": "open"}).status_code == 401
    with at(0):
        response = rest("agent").get(f"{site}/@queue-counter", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["Cache-Control"] == "private, no-store"
    data = response.json()
    assert data["counter"] == {"code": "poste-1", "label": "Poste 1", "open": False, "agent": None, "opened_at": None, "since": None, "prefixes": []}
    assert (data["current"], data["waiting"], data["appointments"]) == (None, [], [])
    assert [(queue["title"], [s["prefix"] for s in queue["services"]], queue["serves_here"]) for queue in data["queues"]] == [
        ("File des inscriptions d'essai", ["E", "R"], True)
    ]


def test_bad_requests_are_clear(rest, site, items):
    agent = rest("agent")
    assert refusal(agent.get(f"{site}/@queue-counter", params={"desk": items["desk"], "counter": "poste-9"})) == (
        404,
        "NotFound",
        "Ce guichet n'a pas de poste avec ce code (files d'attente ou agendas).",
    )
    assert refusal(agent.get(f"{site}/@queue-counter", params={"desk": items["desk"]})) == (
        400,
        "BadRequest",
        "Indiquez 'counter' : le code d'un des postes du guichet.",
    )
    assert agent.get(f"{site}/@queue-counter", params={"desk": items["desk"], "counter": "poste-1", "x": "1"}).status_code == 400
    assert refusal(post(rest, site, items, "dance"))[:2] == (400, "BadRequest")
    assert refusal(post(rest, site, items, "open", color="blue"))[:2] == (400, "BadRequest")


def test_the_actions_in_order_each_time_stamped(rest, site, items):
    from guichet_kb.queues import store

    take(items, 3)
    with at(1):
        assert refusal(post(rest, site, items, "next")) == (409, "CounterClosed", "Ce guichet est fermé : ouvrez-le d'abord.")
        opened = post(rest, site, items, "open")
    assert opened.status_code == 200, opened.text
    assert (opened.json()["counter"]["open"], opened.json()["counter"]["agent"], opened.json()["called"]) == (True, "agent", None)
    with at(2):
        called = post(rest, site, items, "next").json()
        assert (called["called"]["number"], called["called"]["status"], called["called"]["counter"]) == ("E001", "called", "poste-1")
        assert called["screen"]["current"]["number"] == "E001"
        assert [ticket["number"] for ticket in called["screen"]["waiting"]] == ["E002", "E003"]
        assert refusal(post(rest, site, items, "next"))[:2] == (409, "Busy")
        assert refusal(post(rest, site, items, "close"))[:2] == (409, "Busy")
        assert post(rest, site, items, "recall").json()["called"]["recalls"] == 1
    with at(4):
        assert refusal(post(rest, site, items, "no_show")) == (409, "Grace", "Patientez encore 1 min avant de déclarer ce ticket absent.")
    with at(5):
        absent = post(rest, site, items, "no_show").json()
        assert (absent["called"]["number"], absent["called"]["status"], absent["screen"]["current"]) == ("E001", "missed", None)
        assert post(rest, site, items, "next").json()["called"]["number"] == "E002"
        moved = post(rest, site, items, "transfer", service=items[OTHER_SHEET].UID()).json()
        assert (moved["called"]["number"], moved["called"]["status"], moved["called"]["service"]["title"]) == ("E002", "waiting", "Retrait d'essai")
        assert post(rest, site, items, "priority", ticket="E003", reason="pregnancy").json()["called"]["priority"] == "pregnancy"
        screen = rest("agent").get(f"{site}/@queue-counter", params={"desk": items["desk"], "counter": "poste-1"}).json()
        assert [(ticket["number"], ticket["priority"]) for ticket in screen["waiting"]] == [("E003", "pregnancy"), ("E002", None)]
        assert post(rest, site, items, "next").json()["called"]["number"] == "E003"
    with at(17):
        done = post(rest, site, items, "done").json()
        assert (done["called"]["status"], done["screen"]["current"]) == ("done", None)
        assert post(rest, site, items, "close").json()["counter"]["open"] is False
    transaction.begin()
    _queue, third = store.find(done["called"]["code"])
    assert [(event, who) for _when, event, who, _detail in third.history] == [
        ("taken", None),
        ("priority", "agent"),
        ("called", "agent"),
        ("done", "agent"),
    ]
    assert [when - MONDAY_10AM for when, _event, _who, _detail in third.history[2:]] == [timedelta(minutes=5), timedelta(minutes=17)]


def test_refusals_for_a_ticket_or_a_transfer(rest, site, items):
    take(items, 1)
    with at(1):
        post(rest, site, items, "open")
        assert refusal(post(rest, site, items, "priority", ticket="E009", reason="disability")) == (
            404,
            "NotFound",
            "Aucun ticket avec ce numéro ou ce code aujourd'hui à ce guichet.",
        )
        assert refusal(post(rest, site, items, "priority", ticket="E001", reason="vip"))[:2] == (400, "BadPriority")
        assert refusal(post(rest, site, items, "recall"))[:2] == (409, "BadTransition")
        post(rest, site, items, "next")
        assert refusal(post(rest, site, items, "transfer", service="0" * 32)) == (
            400,
            "BadRequest",
            "Un ticket ne peut être transféré que vers une démarche des files d'attente de ce lieu.",
        )


def test_two_agents_calling_at_once_get_two_tickets(rest, site, items):
    from guichet_kb.queues import store

    take(items, 4)
    with at(1):
        for counter, user in (("poste-1", "agent"), ("poste-2", "responsable")):
            assert post(rest, site, items, "open", user=user, counter=counter).status_code == 200
        bodies = [{"desk": items["desk"], "counter": counter, "action": "next"} for counter in ("poste-1", "poste-2")]
        answers, _retried = all_at_once(rest, f"{site}/@queue-counter", bodies, ["agent", "responsable"])
    assert [answer.status_code for answer in answers] == [200, 200], [answer.text for answer in answers]
    called = sorted(answer.json()["called"]["number"] for answer in answers)
    assert called == ["E001", "E002"]
    transaction.begin()
    tickets = store.line_of(items["queue"]).day(MONDAY_10AM.date())
    calls = [sum(1 for _when, event, *_rest in ticket.history if event == "called") for ticket in tickets]
    assert calls == [1, 1, 0, 0]
    assert sorted(ticket.counter for ticket in tickets[:2]) == ["poste-1", "poste-2"]


def test_calling_a_ticket_with_an_address_sends_its_called_notice_once(rest, site, items, inbox):
    from guichet_kb.queues.ticket import Contact

    taken(items, "E", MONDAY_10AM, contact=Contact(email="camille@example.org"))
    transaction.commit()
    with at(1):
        post(rest, site, items, "open")
        assert post(rest, site, items, "next").json()["called"]["number"] == "E001"
        assert post(rest, site, items, "recall").status_code == 200
    called = [mail for mail in ticket_mails(inbox, 1) if mail["subject"].startswith("C'est votre tour")]
    assert [(mail["to"], mail["subject"]) for mail in called] == [(["camille@example.org"], "C'est votre tour : E001, Poste 1")]
