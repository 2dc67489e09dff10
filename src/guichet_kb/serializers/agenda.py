"""Where a sheet or a desk can be booked: the agendas the caller may book there
(appointments/agendas.py), each with its desk, in the sheet's `guichet` expansion,
its `@answer` card and every desk's JSON, so the public site and the agent console
know where to ask `@slots`. From catalog metadata only (no agenda woken).

When a desk or a sheet has agendas, booking goes through them (`@slots`,
`@bookings`); their `appointment_url` (an outside booking site) is kept as data
but no longer offered as the way to book.
"""

from guichet_kb.appointments.agendas import listed


def agenda_link(entry):
    """{"uid", "title", "url", "desk": {"uid", "title", "url"}} of a `Listed` agenda."""
    brain, desk = entry.brain, entry.desk
    return {"uid": brain.UID, "title": brain.Title, "url": brain.getURL(), "desk": {"uid": desk.UID, "title": desk.Title, "url": desk.getURL()}}


def sheet_agendas(uid, request=None):
    """The agendas serving this sheet, by desk title."""
    return [agenda_link(entry) for entry in listed(service_uid=uid, request=request)]


def desk_agendas(uid, request=None):
    """The agendas at this desk, by title."""
    return [agenda_link(entry) for entry in listed(desk_uid=uid, request=request)]
