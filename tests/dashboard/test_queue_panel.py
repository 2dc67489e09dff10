"""The dashboard's queue panel (issue 19): tickets taken, served and missed, the no-show
rate, the median wait (ticket to first call) and service time (call to done), by desk and
service and by hour taken; the same figures live and once the daily job rolled the day
up; counts only in the aggregates; the desk filter applies.

The tickets are on a Monday ahead of today (ticket_helpers.MONDAY), the clock frozen the
day after it: that day is not rolled up yet."""

from counter_queue_helpers import take
from counter_queue_helpers import two_services
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.queues.ticket import Contact
import pytest
from ticket_helpers import DESK
from ticket_helpers import MONDAY
from ticket_helpers import MONDAY_10AM
from ticket_helpers import OTHER_SHEET
from ticket_helpers import QUEUE
from ticket_helpers import SHEET
import transaction


def minute(n):
    return MONDAY_10AM + timedelta(minutes=n)


@pytest.fixture
def figures(catalogue):
    """E001 waits 5 min, served 10; E002 waits 16, missed; E003 waits 21, served 6; E004
    left waiting; R005 (11:00) never called."""
    from guichet_kb.queues import counters
    from guichet_kb.queues.lines import rules_of

    items = two_services(catalogue)
    rules = rules_of(items[QUEUE])
    desk, schedule = rules.desk, items[DESK].schedule()
    take(items, "EEEE", minute(0), contact=Contact(email="x@example.org"))
    take(items, "R", minute(60), channel="agent", agent="agent")
    steps = [("open_counter", 0), ("call_next", 5), ("finish", 15), ("call_next", 16), ("no_show", 20), ("call_next", 21), ("finish", 27)]
    for action, at in steps:
        extra = {"schedule": schedule} if action == "call_next" else {}
        getattr(counters, action)([rules], desk, "poste-1", "agent", minute(at), **extra)
    transaction.commit()
    with clock.frozen(MONDAY_10AM + timedelta(days=1)):
        yield {"desk": desk, "sheet": items[SHEET], "other": items[OTHER_SHEET]}


def panel(rest, site, **params):
    day = MONDAY.isoformat()
    response = rest("responsable").get(f"{site}/@dashboard", params={"panel": "queue", "from": day, "to": day, **params})
    assert response.status_code == 200, response.text
    return response.json()["panels"][0]


def row(by, line, taken, served, missed, rate, wait, service, **links):
    figures = {"taken": taken, "served": served, "missed": missed, "no_show_rate": rate, "median_wait": wait, "median_service": service}
    return {"by": by, "line": line, **figures, **links}


def expected(figures):
    sheet, other = figures["sheet"], figures["other"]
    return [
        row("Total", "Total", 5, 2, 1, 33.3, 16, 10),
        row("Démarche", "Guichet des inscriptions d'essai — Inscription d'essai", 4, 2, 1, 33.3, 16, 10, uid=sheet.UID(), url=sheet.absolute_url()),
        row("Démarche", "Guichet des inscriptions d'essai — Retrait d'essai", 1, 0, 0, None, None, None, uid=other.UID(), url=other.absolute_url()),
        row("Heure du ticket", "10 h", 4, 2, 1, 33.3, 16, 10),
        row("Heure du ticket", "11 h", 1, 0, 0, None, None, None),
    ]


def test_the_panel_live_then_rolled_up(site, rest, figures):
    found = panel(rest, site)
    assert found["title"] == "File d'attente : tickets, attente et durée de service"
    assert [column["title"] for column in found["columns"]] == [
        "Par",
        "Guichet — démarche, ou heure",
        "Tickets pris",
        "Servis",
        "Absents à l'appel",
        "Taux d'absence (%)",
        "Attente médiane (min)",
        "Durée médiane de service (min)",
    ]
    assert found["rows"] == expected(figures)
    while rest("admin").post(f"{site}/@daily-rollup", json={}).json()["remaining"]:
        pass
    transaction.begin()
    from guichet_kb.stats import cubes

    assert cubes.rolled_through() >= MONDAY
    assert panel(rest, site)["rows"] == expected(figures)
    text = repr(cubes.container().days[MONDAY.toordinal()].cubes["queue"].data)
    assert "example.org" not in text and "E001" not in text
    assert sorted(cubes.query(MONDAY, MONDAY, ("status", "taken_by"), measure="queue").items()) == [
        (("done", "online"), 2),
        (("missed", "online"), 1),
        (("waiting", "agent"), 1),
        (("waiting", "online"), 1),
    ]
    assert panel(rest, site, desk=figures["desk"])["rows"] == expected(figures)


def test_another_desk_shows_nothing(site, rest, figures):
    other = rest("admin").get(f"{site}/guichets/mairie-centrale").json()["UID"]
    assert panel(rest, site, desk=other)["rows"] == [row("Total", "Total", 0, 0, 0, None, None, None)]
