"""The one clock: now and today in the portal's time zone.

Review dates, statistics days, the interaction log and desk hours all ask this
module, so a day starts at the same midnight for all of them: the portal's
(``plone.portal_timezone``, Site setup > Date and time), or Europe/Paris where no
portal answers (scripts, a site created without one). Tests freeze time with
``frozen(moment)`` (or by patching ``now``): every other function here goes
through ``now()``.

Imports nothing from Zope at import time; ``zone()`` asks the site's registry only
when plone.registry is loaded.
"""

from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache
import sys
from zoneinfo import ZoneInfo


DEFAULT_ZONE = "Europe/Paris"
ZONE_RECORD = "plone.portal_timezone"


@lru_cache(maxsize=16)
def _zone(name):
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # not an IANA key; ZoneInfoNotFoundError is a KeyError
        return ZoneInfo(DEFAULT_ZONE)


def zone_name():
    """The portal's time zone name, or DEFAULT_ZONE outside a site."""
    if "plone.registry" not in sys.modules:  # a Zope-free process (public app, CLI)
        return DEFAULT_ZONE
    from plone.registry.interfaces import IRegistry
    from zope.component import queryUtility

    registry = queryUtility(IRegistry)  # the current site's, None outside a site
    name = registry.get(ZONE_RECORD) if registry is not None else None
    return name if isinstance(name, str) and name else DEFAULT_ZONE


def zone():
    return _zone(zone_name())


def now():
    """The current moment, aware, in the portal's zone."""
    return datetime.now(zone())


def today():
    """The current date in the portal's zone."""
    return now().date()


def local(when=None):
    """``when`` in the portal's zone (naive values are taken as its wall-clock time); now by default."""
    if when is None:
        return now()
    if when.tzinfo is None:
        return when.replace(tzinfo=zone())
    return when.astimezone(zone())


@contextmanager
def frozen(moment):
    """Freeze ``now()`` at ``moment`` (aware, or naive in the portal's zone) inside the block."""
    global now
    real = now
    fixed = moment if moment.tzinfo else moment.replace(tzinfo=zone())
    now = lambda: fixed.astimezone(zone())  # noqa: E731
    try:
        yield fixed
    finally:
        now = real


def zone_named(name):
    """The zone of an IANA name (a site's, read over REST by the CLI), DEFAULT_ZONE when it is none."""
    return _zone(name if isinstance(name, str) and name else DEFAULT_ZONE)
