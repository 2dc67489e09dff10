"""Bookers until full (issue 18, concurrency): more anonymous bookers than slots race
over the functional layer's real HTTP server with the bench's own client
(bench/appointments_race.py; `make bench-appointments` runs it with 50 bookers on 20
slots). Each takes the first free slot `@slots` offers, books, and on 409 takes the
first of the slots the refusal returns, until it has one or none is left: every slot
ends booked exactly once, every other booker is told none is left, and nothing but 201
or 409 is ever answered. The requests Zope retried after a conflict are counted here
too: only booking POSTs ever conflict. (Part booking's race test is one slot for many;
this one fills an agenda.)
"""

import catalogue_factory as make
from datetime import datetime
from datetime import timedelta
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.appointments import store
import pytest
from repo_paths import ROOT
import requests
import sys
import transaction
from ZODB.POSException import ConflictError
from zope.component import getGlobalSiteManager
from zope.component import provideHandler
from ZPublisher import HTTPRequest
from ZPublisher.interfaces import IPubFailure


BOOKERS, SLOTS = 12, 4


@pytest.fixture
def race_client(monkeypatch):
    """bench/appointments_race.py (bench/ is a folder of scripts, not a package)."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import appointments_race

    yield appointments_race
    sys.modules.pop("appointments_race", None)


@pytest.fixture
def bookers_apart(monkeypatch):
    """Each POST is a client of its own (bench/appointments_race.py): the test server's
    peer (127.0.0.1) is a trusted proxy, so the flood limit reads each X-Forwarded-For."""
    monkeypatch.setattr(HTTPRequest, "trusted_proxies", ("127.0.0.1",))
    ratelimit.clear()
    yield
    ratelimit.clear()


@pytest.fixture
def retried():
    """[(exception class, path)] of the requests Zope publishes again after a conflict."""
    seen = []

    def count(event):
        if event.retry:
            seen.append((event.exc_info[0], event.request.get("PATH_INFO", "")))

    provideHandler(count, (IPubFailure,))
    yield seen
    getGlobalSiteManager().unregisterHandler(count, (IPubFailure,))


@pytest.fixture
def course(catalogue, monkeypatch):
    """A desk open on Mondays 09:00-09:40, its sheet and a published agenda with one
    counter and one 10-minute type: SLOTS slots on the Monday the clock is frozen at
    (07:00), none on any other day (6 days ahead at most). (sheet, desk, agenda, day)."""
    made = catalogue(
        make.department("course-service", "Service de la course"),
        make.desk("course-guichet", "Guichet de la course", opening_hours=[{"day": "monday", "opens": "09:00", "closes": "09:40"}]),
        make.sheet("course-fiche", "Course aux créneaux", "course-service", ["course-guichet"]),
        make.agenda("course-agenda", "Agenda de la course", "course-guichet", [make.appointment_type("course", "course-fiche", 10)], max_lead_days=6),
    )
    today = clock.today()
    monday = today + timedelta(days=7 - today.weekday())
    moment = datetime(monday.year, monday.month, monday.day, 7, tzinfo=clock.zone())
    monkeypatch.setattr(clock, "now", lambda: moment)
    return made["course-fiche"], made["course-guichet"], made["course-agenda"], monday


def store_rows(agenda, day):
    """(code, counter, start, end) of the agenda's bookings that day, not cancelled, as committed."""
    transaction.begin()
    book = store.book_of(agenda)
    return [(b.code, b.counter, b.start, b.end) for b in (book.day(day) if book else []) if b.status != "cancelled"]


def test_bookers_until_full_get_every_slot_exactly_once(site, course, race_client, bookers_apart, retried):
    sheet, desk, agenda, day = course
    with requests.Session() as session:
        session.headers["Accept"] = "application/json"
        before = race_client.offered(session, site, sheet.UID(), desk.UID(), day.isoformat())
        assert [(uid, slot["free"]) for uid, slot in before] == [(agenda.UID(), 1)] * SLOTS

        result = race_client.race(site, sheet.UID(), desk.UID(), day.isoformat(), BOOKERS)

        assert result.errors == []
        assert sorted(o.ended for o in result.outcomes) == ["booked"] * SLOTS + ["none_left"] * (BOOKERS - SLOTS)
        assert sorted(o.start for o in result.outcomes if o.code) == sorted(slot["start"] for _uid, slot in before)
        assert result.conflicts == len(result.latencies) - SLOTS  # every POST but the winners' was a 409
        assert race_client.offered(session, site, sheet.UID(), desk.UID(), day.isoformat()) == []
    rows = store_rows(agenda, day)
    assert race_client.problems(rows, [datetime.fromisoformat(slot["start"]) for _uid, slot in before], result.codes) == []
    assert all(issubclass(kind, ConflictError) and path.endswith("/@bookings") for kind, path in retried), retried
