"""Which agendas a caller may book, and an agenda's rules as plain values.

An agenda is listed (and bookable) when it and its desk are published and the
caller may see both (`guichet_kb.visibility`'s rule as the catalog applies it: View
in their state, inside their effective/expiry window): a draft agenda, an expired
one or one at a desk that is not published is offered to nobody, staff included.
The catalog finds them (the `agenda_desk` and `agenda_services` columns,
content/agenda_indexers.py) in one query per request, caller and catalog state
(the published agendas, queues and desks together: queues/lines.py lists queues
from the same query), so the desks and sheets of one `@answer` ask once; `listed` gives plain entries (no agenda woken), `agendas_for`
the agendas themselves.

`rules_of` reads an agenda into the Zope-free `appointments.rules.Rules` the slots
and the store compute with; it checks nothing about the caller.
"""

from AccessControl import getSecurityManager
from collections import namedtuple
from guichet_kb.appointments import rules
from guichet_kb.appointments.validation import check_closures
from guichet_kb.appointments.validation import counter_type_codes
from guichet_kb.facts import AGENDA_DESK_INDEX
from guichet_kb.facts import AGENDA_SERVICES_INDEX
from guichet_kb.facts import AGENDA_TYPE
from guichet_kb.facts import DESK_FOLDER_TYPES
from guichet_kb.visibility import first_visible
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest


PUBLISHED = "published"
CACHE_KEY = "guichet_kb.listed"  # the request's cached query, and each kind's entries

# One listed agenda (or queue) as the catalog gives it: its brain, its desk's brain and
# the UIDs of the sheets it serves.
Listed = namedtuple("Listed", "brain desk services")
# A type listed at desks for sheets (agendas here, queues in queues/lines.py): its
# portal type, its desk and services columns, its per-request cache.
Kind = namedtuple("Kind", "portal_type desk_index services_index cache_key")
AGENDAS = Kind(AGENDA_TYPE, AGENDA_DESK_INDEX, AGENDA_SERVICES_INDEX, "guichet_kb.appointments.agendas")


def _brains():
    """One catalog query for every listed kind: the published agendas, queues and desks
    the caller may see."""
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.searchResults(portal_type=[*DESK_FOLDER_TYPES, "Desk"], review_state=PUBLISHED)


def _find(brains, kind):
    """The listed items of that kind among `brains`, each at its published desk."""
    desks = {brain.UID: brain for brain in brains if brain.portal_type == "Desk"}
    found = []
    for brain in brains:
        desk = desks.get(getattr(brain, kind.desk_index, None)) if brain.portal_type == kind.portal_type else None
        if desk is not None:
            found.append(Listed(brain, desk, frozenset(getattr(brain, kind.services_index, None) or ())))
    found.sort(key=lambda entry: (entry.desk.Title.lower(), entry.brain.Title.lower(), entry.brain.UID))
    return tuple(found)


def _all(request=None, kind=AGENDAS):
    """Every item of that kind the caller is offered, by desk title then title (the query
    cached per request, caller and catalog counter: a change in the same request is seen)."""
    request = request if request is not None else getRequest()
    if request is None:
        return _find(_brains(), kind)
    catalog = api.portal.get_tool("portal_catalog")
    key = (getSecurityManager().getUser().getId(), catalog.getCounter())
    cache = IAnnotations(request).setdefault(CACHE_KEY, {})
    if cache.get("key") != key:
        cache.clear()
        cache.update(key=key, brains=_brains())
    if kind.cache_key not in cache:
        cache[kind.cache_key] = _find(cache["brains"], kind)
    return cache[kind.cache_key]


def listed(service_uid=None, desk_uid=None, request=None, kind=AGENDAS):
    """The bookable agendas (or listed items of ``kind``) serving that sheet and/or at that desk (both None: all)."""
    return [
        entry
        for entry in _all(request, kind)
        if (service_uid is None or service_uid in entry.services) and (desk_uid is None or entry.desk.UID == desk_uid)
    ]


def agendas_for(service_uid=None, desk_uid=None):
    """The agendas themselves (published and visible to the caller, at a published desk
    the caller may see), serving that sheet and/or at that desk, sorted by desk title."""
    return [entry.brain._unrestrictedGetObject() for entry in listed(service_uid, desk_uid)]


def desk_of(agenda):
    """The agenda's desk if the caller may see it, else None."""
    return first_visible(agenda.desk)


def target_uid(relation):
    if relation is None or relation.isBroken() or relation.to_object is None:
        return None
    return relation.to_object.UID()


def rules_of(agenda):
    """The agenda's configuration as `appointments.rules.Rules` (plain, frozen values)."""
    types = tuple(
        rules.AppointmentType(code=row["code"], label=row["label"], service=row["service"], duration=int(row["duration"]))
        for row in agenda.appointment_types or ()
    )
    counters = tuple(
        rules.Counter(code=row["code"], label=row["label"], types=frozenset(counter_type_codes(row.get("types")))) for row in agenda.counters or ()
    )
    closures = tuple(
        rules.Closure(start=row["start"], end=row["end"], opens=row["opens"], closes=row["closes"], label=row["label"])
        for row in check_closures(agenda.closures or ())
    )
    return rules.Rules(
        agenda=agenda.UID(),
        desk=target_uid(agenda.desk),
        types=types,
        counters=counters,
        closures=closures,
        min_lead_hours=agenda.min_lead_hours,
        max_lead_days=agenda.max_lead_days,
        person_limit=agenda.person_limit,
        daily_capacity=agenda.daily_capacity,
        reminder_hours=agenda.reminder_hours,
        title=agenda.Title(),
    )
