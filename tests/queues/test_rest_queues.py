"""GET @queues over real HTTP: the queue's JSON and figures (numbers only, never a contact
nor a code), the filters, one queue by UID, caching, every bad parameter (400, one message
for unknown and not visible); GET writes nothing."""

from guichet_kb import clock
import pytest
from ticket_helpers import ADDRESS
from ticket_helpers import DESK
from ticket_helpers import DESK_TITLE
from ticket_helpers import MONDAY_10AM
from ticket_helpers import QUEUE
from ticket_helpers import QUEUE_TITLE
from ticket_helpers import SHEET
from ticket_helpers import SHEET_TITLE


def mine(reply, uid):
    return next(item for item in reply.json()["items"] if item["uid"] == uid)


def test_the_queue_and_its_figures(items, site, rest):
    queue = items[QUEUE]
    with clock.frozen(MONDAY_10AM):
        codes = [
            rest(None).post(f"{site}/@queue-tickets", json={"queue": queue.UID(), "email": f"c{index}@example.org"}).json()["code"]
            for index in range(3)
        ]
        reply = rest(None).get(f"{site}/@queues", params={"desk": items[DESK].UID()})
    assert reply.status_code == 200, reply.text
    assert reply.headers["Cache-Control"] == "public, max-age=5"
    found = mine(reply, queue.UID())
    assert {key: found[key] for key in ("uid", "title", "desk", "services", "campaign", "open", "opens_at", "waiting", "counters_open", "next")} == {
        "uid": queue.UID(),
        "title": QUEUE_TITLE,
        "desk": {"uid": items[DESK].UID(), "title": DESK_TITLE, "url": f"{site}/guichets/{DESK}", "address": ADDRESS},
        "services": [{"uid": items[SHEET].UID(), "title": SHEET_TITLE, "url": f"{site}/demarches/{SHEET}", "prefix": "E"}],
        "campaign": None,
        "open": True,
        "opens_at": None,
        "waiting": 3,
        "counters_open": 1,
        "next": ["E001", "E002", "E003"],
    }
    assert {number: place["position"] for number, place in found["positions"].items()} == {"E001": 1, "E002": 2, "E003": 3}
    assert [place["wait_minutes"] for place in found["positions"].values()] == [0, 10, 20]
    assert isinstance(found["version"], int)
    assert not any(code in reply.text for code in codes) and "example.org" not in reply.text
    with clock.frozen(MONDAY_10AM):
        one = rest(None).get(f"{site}/@queues/{queue.UID()}")
        staff = rest("agent").get(f"{site}/@queues/{queue.UID()}")
        by_service = rest(None).get(f"{site}/@queues", params={"service": items[SHEET].UID()})
    assert one.status_code == 200 and one.json() == found
    assert staff.headers["Cache-Control"] == "private, no-cache"
    assert [item["uid"] for item in by_service.json()["items"]] == [queue.UID()]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"desde": "x"}, "Paramètre(s) inconnu(s) : desde. Acceptés : desk, service."),
        ({"desk": "0" * 32}, "« desk » doit être l'UID d'un guichet publié."),
        ({"desk": "{sheet}"}, "« desk » doit être l'UID d'un guichet publié."),
        ({"service": "{desk}"}, "« service » doit être l'UID d'une fiche démarche publiée."),
        ({"service": ["{sheet}", "{sheet}"]}, "Donnez « service » une seule fois."),
    ],
)
def test_every_bad_parameter_is_a_400(items, site, rest, params, message):
    uids = {"{sheet}": items[SHEET].UID(), "{desk}": items[DESK].UID()}
    params = {key: [uids.get(v, v) for v in value] if isinstance(value, list) else uids.get(value, value) for key, value in params.items()}
    reply = rest(None).get(f"{site}/@queues", params=params)
    assert (reply.status_code, reply.json()["error"]["message"]) == (400, message)


def test_one_queue_unknown_or_hidden_is_a_404(items, site, rest):
    for uid in ("0" * 32, items[SHEET].UID()):
        reply = rest(None).get(f"{site}/@queues/{uid}")
        assert (reply.status_code, reply.json()["error"]["message"]) == (404, "Aucune file d'attente ouverte n'a cet UID.")
    extra = rest(None).get(f"{site}/@queues/{items[QUEUE].UID()}", params={"x": "1"})
    assert (extra.status_code, extra.json()["error"]["message"]) == (400, "Paramètre(s) inconnu(s) : x. Acceptés : -.")
