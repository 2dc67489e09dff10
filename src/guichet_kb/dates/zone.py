"""The process's local time zone, as seen by DateTime and by the C library, is one.

A date written through REST goes through two notions of "local time" before it is
stored: plone.restapi's DatetimeFieldDeserializer turns the instant into a naive
wall time with ``datetime.astimezone()`` (the C library's zone), then
plone.app.dexterity's IPublication adapter builds ``DateTime(y, m, d, H, M)`` from
it, which DateTime reads in *its* local zone. DateTime computes that zone once, at
import, from the ``time`` module, itself initialised when the interpreter starts;
the C library re-reads ``TZ`` at its next ``tzset()``, which glibc's ``mktime()``
calls (plone.app.caching formats HTTP dates with it). So a ``TZ`` set after start
(zope.conf ``<environment>``, buildout ``environment-vars``) leaves DateTime on the
start-up zone while ``astimezone()`` follows ``TZ`` from the first cached anonymous
answer on: every REST write of ``effective``/``expires`` then shifts by the
difference (one hour in winter, two in summer for Europe/Paris over UTC), and the
publication window is enforced on the shifted value.

`check_process_zone` runs when the Zope process starts and refuses that state.
"""

from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
import os
from zoneinfo import ZoneInfo


class ProcessZoneError(RuntimeError):
    """TZ names a zone the process's DateTime does not use."""


def _offset(seconds):
    sign, seconds = ("-", -seconds) if seconds < 0 else ("+", seconds)
    return f"UTC{sign}{int(seconds // 3600):02d}:{int(seconds % 3600 // 60):02d}"


def process_zone_mismatch(environ=None):
    """Why DateTime's local zone is not the zone ``TZ`` names, or None when they agree.

    Checked on a winter and a summer day of the current year. Without ``TZ`` the
    process keeps the zone it started with, the same for both. A ``TZ`` that is not
    an IANA name (a POSIX rule string, a file path) is not checked.
    """
    name = (os.environ if environ is None else environ).get("TZ", "").lstrip(":")
    if not name:
        return None
    try:
        zone = ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # not an IANA key; ZoneInfoNotFoundError is a KeyError
        return None
    year = datetime.now().year
    for month in (1, 7):
        wanted = zone.utcoffset(datetime(year, month, 15, 12)) or timedelta(0)
        got = DateTime(year, month, 15, 12, 0).tzoffset()
        if wanted.total_seconds() != got:
            return (
                f"TZ={name} is {_offset(wanted.total_seconds())} on {year}-{month:02d}-15 but DateTime's local zone, "
                f"fixed when Python started, is {_offset(got)} ({DateTime(year, month, 15, 12, 0).timezone()}). "
                "TZ was set after the interpreter started (zope.conf <environment>, buildout environment-vars): "
                "publication dates written through REST would shift by the difference. Set TZ in the environment "
                "of the process before it starts (scripts/zope_env.sh; README 'Time zone')."
            )
    return None


def check_process_zone(event=None):
    """IProcessStarting subscriber: a process with two local zones does not start."""
    problem = process_zone_mismatch()
    if problem:
        raise ProcessZoneError(problem)
