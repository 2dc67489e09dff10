"""Which queues a caller is offered, and a queue's configuration as plain values.

A queue is listed (and takes tickets) when it and its desk are published and the
caller may see both (`guichet_kb.visibility`'s rule as the catalog applies it: View
in their state, inside their effective/expiry window): a draft queue, an expired one
or one at a desk that is not published is offered to nobody, staff included. The
catalog finds them (the `queue_desk` and `queue_services` columns,
content/queue_indexers.py) in one query per request, caller and catalog state, with
appointments/agendas.py's listing (`listed(kind=QUEUES)`): `listed` gives plain
entries (no queue woken), `queues_for` the queues themselves.

`rules_of` reads a queue into the Zope-free `queues.rules.QueueRules` the store,
the order and the estimate compute with (its `notify_minutes` 0 replaced by the
site's `queue_notify_minutes`); `desk_rules_of` gives those of a desk's listed queues
(the core's `desk_rules`: they share the desk's counters; listed for the caller, as
`queues_for`). `rules_of` checks nothing about the caller. Nothing
personal is read or kept here.
"""

from guichet_kb.appointments.agendas import desk_of as _desk_of
from guichet_kb.appointments.agendas import Kind
from guichet_kb.appointments.agendas import listed as _listed
from guichet_kb.appointments.agendas import target_uid
from guichet_kb.facts import QUEUE_DEFAULTS
from guichet_kb.facts import QUEUE_DESK_INDEX
from guichet_kb.facts import QUEUE_NOTIFY_MINUTES
from guichet_kb.facts import QUEUE_NOTIFY_RECORD
from guichet_kb.facts import QUEUE_SERVICES_INDEX
from guichet_kb.facts import QUEUE_TYPE
from guichet_kb.queues.validation import counter_prefixes
from plone import api


QUEUES = Kind(QUEUE_TYPE, QUEUE_DESK_INDEX, QUEUE_SERVICES_INDEX, "guichet_kb.queues.lines")


def listed(service_uid=None, desk_uid=None, request=None):
    """The listed queues (`agendas.Listed` entries) serving that sheet and/or at that desk (both None: all)."""
    return _listed(service_uid, desk_uid, request, kind=QUEUES)


def queues_for(service_uid=None, desk_uid=None):
    """The queues themselves (published and visible to the caller, at a published desk
    the caller may see), serving that sheet and/or at that desk, by desk title then title."""
    return [entry.brain._unrestrictedGetObject() for entry in listed(service_uid, desk_uid)]


def desk_rules_of(desk_uid):
    """The rules of the queues listed at that desk (they share its counters: the core's `desk_rules`)."""
    return [rules_of(queue) for queue in queues_for(desk_uid=desk_uid)]


def desk_of(queue):
    """The queue's desk if the caller may see it, else None."""
    return _desk_of(queue)


def site_notify_minutes():
    """The site's "turn near" delay (the control panel), its default when unset."""
    value = api.portal.get_registry_record(QUEUE_NOTIFY_RECORD, default=None)
    return value if isinstance(value, int) and value > 0 else QUEUE_NOTIFY_MINUTES


def rules_of(queue):
    """The queue's configuration as `queues.rules.QueueRules` (plain, frozen values)."""
    from guichet_kb.queues import rules

    services = tuple(
        rules.QueueService(service=row["service"], prefix=row["prefix"].strip(), minutes=int(row["minutes"])) for row in queue.services or ()
    )
    counters = tuple(
        rules.QueueCounter(code=row["code"], label=row["label"], prefixes=frozenset(counter_prefixes(row.get("prefixes"))))
        for row in queue.counters or ()
    )
    own = getattr(queue, "notify_minutes", None) or 0
    grace = getattr(queue, "grace_minutes", None)
    return rules.QueueRules(
        queue=queue.UID(),
        desk=target_uid(queue.desk),
        services=services,
        counters=counters,
        opens_on=getattr(queue, "opens_on", None),
        closes_on=getattr(queue, "closes_on", None),
        daily_capacity=getattr(queue, "daily_capacity", None) or 0,
        grace_minutes=QUEUE_DEFAULTS["grace_minutes"] if grace is None else grace,
        notify_minutes=own or site_notify_minutes(),
        title=queue.Title(),
    )
