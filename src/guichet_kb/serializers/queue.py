"""Where a sheet or a desk has a walk-in queue: the queues the caller is offered there
(queues/lines.py), each with its desk, in the sheet's `guichet` expansion, its
`@answer` card and every desk's JSON, so the public site and the agent console know
which queue to ask `@queues` about. From catalog metadata only (no queue woken)."""

from guichet_kb.queues.lines import listed


def queue_link(entry):
    """{"uid", "title", "desk": {"uid", "title", "url"}} of a listed queue."""
    brain, desk = entry.brain, entry.desk
    return {"uid": brain.UID, "title": brain.Title, "desk": {"uid": desk.UID, "title": desk.Title, "url": desk.getURL()}}


def sheet_queues(uid, request=None):
    """The queues serving this sheet, by desk title."""
    return [queue_link(entry) for entry in listed(service_uid=uid, request=request)]


def desk_queues(uid, request=None):
    """The queues at this desk, by title."""
    return [queue_link(entry) for entry in listed(desk_uid=uid, request=request)]
