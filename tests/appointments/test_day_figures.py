"""The dashboard's appointments panel (issue 18): booked, cancelled, absent and done by
desk and sheet, the no-show rate and the median lead time, the same figures live and
once the daily job rolled the day up; the filters; nothing personal in the aggregates.

The appointments are on a weekday after today, and the clock is frozen the day after
it (the HTTP server's threads included): that day is not rolled up yet."""

from catalogue_factory import agenda
from catalogue_factory import appointment_type
from catalogue_factory import counter
from catalogue_factory import standalone_sheet
from counter_helpers import at
from counter_helpers import next_weekday
from counter_helpers import reserve
from datetime import timedelta
from guichet_kb import clock
import pytest
import transaction


SHEET, DESK, AGENDA = "rdv-chiffres", "rdv-chiffres-guichet", "agenda-chiffres"


@pytest.fixture
def figures(catalogue):
    """On a weekday after today, seen from the day after: one booking done, one absent, one cancelled, one arrived, booked
    24, 48, 3 and 72 hours ahead."""
    from guichet_kb.appointments import store

    items = catalogue(
        *standalone_sheet(SHEET, "Rendez-vous chiffrés"),
        agenda(AGENDA, "Agenda chiffré", DESK, [appointment_type("depot", SHEET, 20, "Dépôt")], [counter("p1"), counter("p2")]),
    )
    calendar, day = items[AGENDA], next_weekday()
    book = store.book_of(calendar, create=True)
    done = reserve(calendar, "depot", at(day, 9), "A", "a@example.org", ahead=24)
    absent = reserve(calendar, "depot", at(day, 9, 20), "B", "b@example.org", ahead=48)
    gone = reserve(calendar, "depot", at(day, 9, 40), "C", "c@example.org", ahead=3)
    arrived = reserve(calendar, "depot", at(day, 10), "D", "d@example.org", channel="online", agent=None, ahead=72)
    noon = at(day, 12)
    book.set_status(done.code, "arrived", "agent", now=noon)
    book.set_status(done.code, "done", "agent", now=noon)
    book.set_status(absent.code, "no_show", "agent", now=noon)
    book.set_status(arrived.code, "arrived", "agent", now=noon)
    book.cancel(gone.code, now=gone.start - timedelta(hours=1))
    transaction.commit()
    with clock.frozen(at(day + timedelta(days=1), 10)):
        yield {"day": day, "desk": items[DESK].UID(), "sheet": items[SHEET]}


def panel(rest, site, day, **params):
    response = rest("responsable").get(
        f"{site}/@dashboard", params={"panel": "appointments", "from": day.isoformat(), "to": day.isoformat(), **params}
    )
    assert response.status_code == 200, response.text
    return response.json()["panels"][0]


FIGURES = {"booked": 4, "cancelled": 1, "no_show": 1, "done": 1, "no_show_rate": 33.3, "median_lead_days": 2.0, "previous": 0}


def expected(sheet):
    return [
        {"desk": "", "service": "Total", **FIGURES},
        {"desk": "Guichet de Rendez-vous chiffrés", "service": "Rendez-vous chiffrés", **FIGURES, "uid": sheet.UID(), "url": sheet.absolute_url()},
    ]


def test_the_panel_live_then_rolled_up(site, rest, figures):
    found = panel(rest, site, figures["day"])
    assert found["title"] == "Rendez-vous : pris, annulés, absents, honorés"
    assert [column["title"] for column in found["columns"]] == [
        "Guichet",
        "Démarche",
        "Rendez-vous pris",
        "Annulés",
        "Absents",
        "Honorés",
        "Taux d'absence (%)",
        "Délai médian de réservation (jours)",
        "Pris, période précédente",
    ]
    assert found["rows"] == expected(figures["sheet"])
    while True:  # the daily job, as cron calls it
        job = rest("admin").post(f"{site}/@daily-rollup", json={}).json()
        if not job["remaining"]:
            break
    transaction.begin()
    from guichet_kb.stats import cubes

    assert cubes.rolled_through() >= figures["day"]
    assert panel(rest, site, figures["day"])["rows"] == expected(figures["sheet"])


def test_the_aggregates_hold_counts_only(site, rest, figures):
    while rest("admin").post(f"{site}/@daily-rollup", json={}).json()["remaining"]:
        pass
    transaction.begin()
    from guichet_kb.stats import cubes

    unit = cubes.container().days[figures["day"].toordinal()]
    text = repr(unit.cubes["appointments"].data)
    assert "example.org" not in text and "'A'" not in text
    assert sorted(cubes.query(figures["day"], figures["day"], ("status", "booked_by"), measure="appointments").items()) == [
        (("arrived", "online"), 1),
        (("cancelled", "agent"), 1),
        (("done", "agent"), 1),
        (("no_show", "agent"), 1),
    ]


def test_the_desk_filter_applies_the_channel_filter_does_not(site, rest, figures):
    assert panel(rest, site, figures["day"], desk=figures["desk"])["rows"] == expected(figures["sheet"])
    other = rest("admin").get(f"{site}/guichets/mairie-centrale").json()["UID"]
    assert panel(rest, site, figures["day"], desk=other)["rows"] == [
        {
            "desk": "",
            "service": "Total",
            "booked": 0,
            "cancelled": 0,
            "no_show": 0,
            "done": 0,
            "no_show_rate": None,
            "median_lead_days": None,
            "previous": 0,
        }
    ]
    found = panel(rest, site, figures["day"], channel="telephone")
    assert found["rows"] == expected(figures["sheet"])
    assert found["note"].startswith("Par jour du rendez-vous ; seuls les filtres guichet et service s'appliquent.")


def test_the_panel_as_csv(site, rest, figures):
    response = rest("responsable").get(
        f"{site}/@dashboard", params={"panel": "appointments", "format": "csv", "from": figures["day"].isoformat(), "to": figures["day"].isoformat()}
    )
    assert response.status_code == 200
    lines = response.text.splitlines()
    assert lines[0].startswith("Guichet,Démarche,Rendez-vous pris,Annulés,Absents,Honorés")
    assert lines[1] == ",Total,4,1,1,1,33.3,2.0,0"
