"""The tickets: one `Line` per Queue item in one site store, no number given twice.

- Numbers are claim keys (day ordinal, k) -> code in `numbers`: two takers computing the
  same next number insert the same key, BTrees cannot merge that, the second commit gets
  a ConflictError and Zope's retry takes the next number. Different keys merge.
- Each ticket is its own Persistent: two agents calling the same ticket both write it,
  one commit fails and its retry calls the next ticket (counters.py).
- `waiting` is the call order: (ordinal, rank...) -> code (Ticket.rank).
- `version` (BTrees.Length, which merges concurrent increments) changes with every write
  of the line: the public site's broadcaster compares it instead of the whole state.

Personal data: see the package's docstring (`Line.erase`, `Line.purge`).
"""

from .errors import refuse
from .ticket import CounterState
from .ticket import Ticket
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.annotations import entry_of
from guichet_kb.annotations import site_store
from guichet_kb.appointments.codes import new_code
from guichet_kb.facts import QUEUE_TICKET_KEEP_DAYS
from persistent import Persistent


KEY = "guichet_kb.queues"
TOP = 10**18  # above every number, rank and epoch in the keys


class Queues(Persistent):
    """The site's store: a Line per queue UID, the index code -> queue UID, the counters."""

    def __init__(self):
        self.lines = OOBTree()
        self.codes = OOBTree()
        self.counters = OOBTree()  # (desk UID, counter code) -> CounterState


class Line(Persistent):
    def __init__(self, queue):
        self.queue = queue
        self.tickets = OOBTree()  # code -> Ticket
        self.numbers = OOBTree()  # (ordinal, k) -> code: ticket number k + 1 of that day
        self.left = OOBTree()  # (ordinal, code) -> 1: left before their call (capacity back)
        self.waiting = OOBTree()  # (ordinal, *Ticket.rank()) -> code
        self.finished = OOBTree()  # (ordinal, prefix, done epoch, code) -> minutes served
        self.version = Length()

    def changed(self):
        self.version.change(1)

    # -- reading ---------------------------------------------------------------------
    def waiting_on(self, day):
        ordinal = day.toordinal()
        return [self.tickets[code] for code in self.waiting.values(min=(ordinal,), max=(ordinal, TOP))]

    def day(self, day):
        ordinal = day.toordinal()
        return [self.tickets[code] for code in self.numbers.values(min=(ordinal, 0), max=(ordinal, TOP)) if code in self.tickets]

    def issued(self, day):
        ordinal = day.toordinal()
        return len(self.numbers.keys(min=(ordinal, 0), max=(ordinal, TOP))) - len(self.left.keys(min=(ordinal, ""), max=(ordinal, "~")))

    def samples(self, day, prefix):
        """Service minutes of the day's finished tickets of a service, oldest first."""
        ordinal = day.toordinal()
        return list(self.finished.values(min=(ordinal, prefix, 0), max=(ordinal, prefix, TOP)))

    # -- writing ---------------------------------------------------------------------
    def _next_number(self, ordinal):
        keys = self.numbers.keys(min=(ordinal, 0), max=(ordinal, TOP))
        return keys[-1][1] + 1 if len(keys) else 0

    def enqueue(self, ticket):
        self.waiting[(ticket.day.toordinal(), *ticket.rank())] = ticket.code
        self.changed()

    def dequeue(self, ticket):
        self.waiting.pop((ticket.day.toordinal(), *ticket.rank()), None)
        self.changed()

    def issue(self, rules, prefix, contact, channel, agent, now):
        """A new ticket numbered after the day's last (capacity checked), in the queue."""
        ordinal = now.date().toordinal()
        if rules.daily_capacity and self.issued(now.date()) >= rules.daily_capacity:
            refuse(409, _("error_queue_full", default="No more tickets today: the queue's daily capacity is reached."), "Full")
        k = self._next_number(ordinal)
        index = root(True).codes
        code = new_code()
        while code in index:
            code = new_code()
        ticket = Ticket(code, rules, prefix, k + 1, contact, channel, agent, now)
        self.numbers[(ordinal, k)] = code
        self.tickets[code] = ticket
        index[code] = self.queue
        self.enqueue(ticket)
        return ticket

    def adopt(self, ticket):
        """A ticket transferred from another line (it keeps its number and queue time)."""
        self.tickets[ticket.code] = ticket
        root(True).codes[ticket.code] = self.queue
        ticket.queue = self.queue
        self.changed()

    def release(self, ticket):
        """Drop a ticket transferred to another line (its number stays issued here)."""
        self.dequeue(ticket)
        del self.tickets[ticket.code]

    def cancel(self, code, now=None):
        """The citizen leaves the queue: its place is given back, its contact erased."""
        now = now or clock.now()
        ticket = self.ticket(code)
        if ticket.status != "waiting":
            refuse(409, _("error_ticket_not_waiting", default="This ticket is no longer waiting."), "BadTransition")
        self.dequeue(ticket)
        ticket.status = "cancelled"
        ticket.log(now, "cancelled")
        self.left[(ticket.day.toordinal(), code)] = 1
        self.erase(ticket)
        return ticket

    def rejoin(self, code, now=None):
        """A missed ticket back in the queue, once, the same day, behind those waiting now."""
        now = now or clock.now()
        ticket = self.ticket(code)
        if ticket.status != "missed" or ticket.day != now.date():
            refuse(409, _("error_ticket_not_missed", default="Only a ticket missed today can rejoin the queue."), "NotMissed")
        if ticket.rejoined:
            refuse(409, _("error_ticket_rejoined", default="This ticket has already rejoined the queue once."), "AlreadyRejoined")
        ticket.status, ticket.rejoined = "waiting", True
        ticket.order, ticket.called, ticket.counter = now, None, None
        ticket.notified = ticket.called_notified = None
        ticket.log(now, "rejoined")
        self.enqueue(ticket)
        return ticket

    def ticket(self, code):
        ticket = self.tickets.get(code) if isinstance(code, str) else None
        if ticket is None:
            refuse(404, _("error_ticket_unknown", default="No ticket with this code."), "NotFound")
        return ticket

    def record_service(self, ticket):
        minutes = ticket.minutes_served()
        if minutes is not None:
            self.finished[(ticket.day.toordinal(), ticket.prefix, int(ticket.done.timestamp()), ticket.code)] = minutes

    def erase(self, ticket):
        if ticket.email is not None or ticket.phone is not None:
            ticket.email = ticket.phone = None
        ticket.erased = True

    def purge(self, before):
        """Close the tickets of the days before `before` (a date): open ones become missed
        ("closed"), contacts are erased; tickets older than QUEUE_TICKET_KEEP_DAYS days are
        removed. {"erased": n, "removed": n}."""
        erased = removed = 0
        limit = before.toordinal()
        for (ordinal, _k), code in list(self.numbers.items(max=(limit - 1, TOP))):
            ticket = self.tickets.get(code)
            if ticket is None:
                continue
            if ticket.is_open:
                self.dequeue(ticket)
                ticket.status = "missed"
                ticket.log(clock.now(), "closed")
            if not ticket.erased:
                self.erase(ticket)
                erased += 1
            if ordinal < limit - QUEUE_TICKET_KEEP_DAYS:
                del self.tickets[code]
                root(True).codes.pop(code, None)
                removed += 1
        horizon = (limit - QUEUE_TICKET_KEEP_DAYS,)  # sorts before every key of that day
        for tree in (self.numbers, self.left, self.finished):
            for key in list(tree.keys(max=horizon, excludemax=True)):
                del tree[key]
        return {"erased": erased, "removed": removed}


def root(create=False):
    return site_store(KEY, Queues if create else None)


def line_of(queue, create=False):
    """The Line of a queue (an object or its UID); None when it has none and not create."""
    uid = queue if isinstance(queue, str) else queue.UID()
    return entry_of(root(create), "lines", uid, Line, create)


def lines():
    store = root()
    return list(store.lines.values()) if store is not None else []


def find(code):
    """(queue object or None, Ticket) of a code, else (None, None); unrestricted."""
    from plone.app.uuid.utils import uuidToObject

    store = root()
    uid = store.codes.get(code) if store is not None and isinstance(code, str) else None
    if uid is None or uid not in store.lines:
        return None, None
    return uuidToObject(uid, unrestricted=True), store.lines[uid].tickets.get(code)


def counter_state(desk, code, create=False):
    return entry_of(root(create), "counters", (desk, code), lambda key: CounterState(*key), create)
