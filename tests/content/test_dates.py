"""Dates read back exactly as written; the publication window is enforced to the minute.

Round trips over real HTTP, POST → GET → PATCH the values read → GET, for every
date and datetime field of our types and of a stock Document, with winter (CET)
and summer (CEST) values.

How the time zones are covered: the drift came from a process with two local
zones (DateTime's, fixed at start, and the C library's, which follows TZ once
something calls tzset(); see guichet_kb.dates.zone). So the round trips run

- in the functional layer, in this process's zone (UTC on CI), the portal being in
  Europe/Paris: one zone per process, whichever it is;
- in a real instance built from instance/*.in with the process environment of
  `make start` (scripts/zope_env.sh: TZ=Europe/Paris from the start), after an
  anonymous answer from a cached service, i.e. after plone.app.caching's mktime()
  has made the C library re-read TZ: the sequence that used to shift dates;
- and the instance configured as before (TZ only in zope.conf <environment>) must
  refuse to start instead of shifting dates.
"""

from date_helpers import iso
from date_helpers import listed
from date_helpers import round_trip
from date_helpers import SEASONS
from date_helpers import served
from date_helpers import TYPES
from datetime import datetime
from datetime import timedelta
from datetime import timezone
import pytest
import time
import transaction


@pytest.fixture
def portal_in_paris(functional):
    """The portal's zone as on the real site, whatever this process's zone is."""
    from plone import api

    api.portal.set_registry_record("plone.portal_timezone", "Europe/Paris")
    transaction.commit()


@pytest.mark.parametrize("season", SEASONS)
@pytest.mark.parametrize("portal_type", TYPES)
def test_dates_round_trip(rest, site, portal_in_paris, portal_type, season):
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


def test_expired_a_minute_ago_is_not_served(rest, site, own_sheet):
    admin, anonymous, url = rest("admin"), rest(), own_sheet.absolute_url()
    assert served(anonymous, url) == [200, 200] and listed(anonymous, site, url) == [True, True]
    now = datetime.now(timezone.utc)
    response = admin.patch(url, json={"effective": iso(now - timedelta(days=1)), "expires": iso(now - timedelta(minutes=1))})
    assert response.status_code == 204, response.text[:500]
    assert served(anonymous, url) == [404, 404] and listed(anonymous, site, url) == [False, False]
    assert admin.get(url).status_code == 200


def test_effective_a_minute_ago_is_served_in_a_minute_is_not(rest, site, own_sheet):
    admin, anonymous, url = rest("admin"), rest(), own_sheet.absolute_url()
    now = datetime.now(timezone.utc)
    assert admin.patch(url, json={"effective": iso(now + timedelta(minutes=2))}).status_code == 204
    assert served(anonymous, url) == [404, 404] and listed(anonymous, site, url) == [False, False]
    assert admin.patch(url, json={"effective": iso(now - timedelta(minutes=1))}).status_code == 204
    assert served(anonymous, url) == [200, 200] and listed(anonymous, site, url) == [True, True]


def test_zone_check(monkeypatch):
    """No TZ, or TZ naming the zone DateTime uses: fine; another zone: refused."""
    from guichet_kb.dates.zone import check_process_zone
    from guichet_kb.dates.zone import process_zone_mismatch
    from guichet_kb.dates.zone import ProcessZoneError

    assert process_zone_mismatch({}) is None
    assert process_zone_mismatch({"TZ": "CET-1CEST,M3.5.0,M10.5.0/3"}) is None  # a POSIX rule: not checked
    check_process_zone()  # this process: TZ, if any, was set before it started
    if time.timezone == -14 * 3600:
        pytest.skip("this machine runs at UTC+14")
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # set after start, like zope.conf <environment>
    with pytest.raises(ProcessZoneError) as refused:
        check_process_zone()
    assert str(refused.value).startswith("TZ=Pacific/Kiritimati is UTC+14:00 on ")
    assert "but DateTime's local zone, fixed when Python started, is UTC" in str(refused.value)
