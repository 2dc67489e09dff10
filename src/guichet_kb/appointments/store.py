"""The bookings: one `Book` per agenda in one site store, no two bookings on one slot.

Exactly one booking per slot, on one Zope or on a cluster: a booking writes one key
per GRID cell it holds, (day ordinal, counter code, minute), into its Book's
`cells` OOBTree. BTrees merge concurrent inserts of different keys, so bookings of
different slots do not conflict; two transactions inserting the same key cannot be
merged: the second to commit gets a ConflictError, Zope retries the request, and
the retry sees the cell taken and answers 409 with the next free slots. The day's
capacity and the per-person limit are numbered claim keys taken the same way.
Everything happens in the request's transaction: a refused or retried attempt
leaves nothing behind.

Personal data: see the package's docstring (erased by `Book.purge`).
"""

from . import checks
from . import slots
from .booking import Booking
from .booking import Person  # noqa: F401 (store.Person is the contract)
from .booking import Reading
from .booking import Taken
from .booking import TRANSITIONS
from .booking import utc
from .codes import new_code
from BTrees.OOBTree import OOBTree
from datetime import timedelta
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.annotations import entry_of
from guichet_kb.annotations import site_store
from guichet_kb.facts import APPOINTMENT_MAX_MINUTES
from guichet_kb.facts import BOOKING_CHANNELS
import hashlib
from persistent import Persistent
import secrets


KEY = "guichet_kb.appointments"


class Bookings(Persistent):
    """The site's store: a Book per agenda UID and the index code -> agenda UID."""

    def __init__(self):
        self.books = OOBTree()
        self.codes = OOBTree()


class Book(Reading, Persistent):
    def __init__(self, agenda):
        self.agenda = agenda
        self.salt = secrets.token_hex(16)
        self.bookings = OOBTree()  # code -> Booking
        self.cells = OOBTree()  # (ordinal, counter, minute) -> code
        self.day_claims = OOBTree()  # (ordinal, k) -> code, k < daily capacity
        self.person_claims = OOBTree()  # (digest, k) -> code, k < person limit
        self.times = OOBTree()  # (start epoch seconds, code) -> code
        self.purged_until = 0  # epoch seconds: bookings ending before were erased

    def view(self, rules):
        return Taken(self, rules.daily_capacity)

    def digest(self, email):
        return hashlib.sha256(f"{self.salt}:{email.strip().lower()}".encode()).hexdigest()

    # -- claims --------------------------------------------------------------------
    def _free_claim(self, tree, prefix, count, free):
        """The first claim key of `prefix` that is absent or whose holder is `free`, else None."""
        for k in range(count):
            holder = tree.get((prefix, k))
            if holder is None or free(holder):
                return (prefix, k)
        return None

    def _release(self, tree, code):
        for key in [key for key, holder in tree.items() if holder == code]:
            del tree[key]

    def _release_day(self, booking):
        ordinal = booking.start.toordinal()
        for key in [key for key, holder in self.day_claims.items(min=(ordinal, 0), max=(ordinal, 10**6)) if holder == booking.code]:
            del self.day_claims[key]

    def _hold(self, booking):
        for cell in booking.cells():
            self.cells[cell] = booking.code
        self.times[(int(booking.start.timestamp()), booking.code)] = booking.code

    def _free(self, booking):
        for cell in booking.cells():
            if self.cells.get(cell) == booking.code:
                del self.cells[cell]
        self.times.pop((int(booking.start.timestamp()), booking.code), None)
        self._release_day(booking)

    def _slot(self, rules, schedule, kind, begins, now, ignore=None):
        """The free slot starting at `begins`, else 409 with the next free ones."""
        taken = self.view(rules)
        found = [s for s in slots.day_slots(rules, schedule, taken, kind, begins.date(), now, ignore) if s.start == begins]
        if found:
            return found[0]
        proposals = slots.next_slots(rules, schedule, taken, kind.code, now, after=begins)
        if taken.full(begins.toordinal()):
            checks.refuse(409, _("error_booking_day_full", default="This day is fully booked."), proposals, "DayFull")
        checks.refuse(409, _("error_booking_taken", default="This slot has just been taken."), proposals, "SlotTaken")

    def _day_key(self, rules, begins, code=None):
        """The day claim a booking at `begins` takes (None: no daily capacity), else 409."""
        if not rules.daily_capacity:
            return None
        key = self._free_claim(self.day_claims, begins.toordinal(), rules.daily_capacity, lambda holder: holder == code)
        if key is None:
            checks.refuse(409, _("error_booking_day_full", default="This day is fully booked."), (), "DayFull")
        return key

    def _person_key(self, rules, email, now):
        """The person claim a new booking takes (None: no limit), else 409."""
        if not rules.person_limit:
            return None
        key = self._free_claim(self.person_claims, self.digest(email), rules.person_limit, lambda holder: not self.bookings[holder].upcoming(now))
        if key is None:
            checks.refuse(
                409,
                _(
                    "error_booking_person_limit",
                    default="This e-mail address already has ${count} upcoming appointments here: cancel one first.",
                    mapping={"count": rules.person_limit},
                ),
                kind="PersonLimit",
            )
        return key

    # -- writing ---------------------------------------------------------------------
    def reserve(self, rules, schedule, type_code, start, person, channel, agent=None, now=None):
        now = now or clock.now()
        kind = checks.appointment_type(rules, type_code)
        begins = checks.start(rules, schedule, kind, start, now)
        if channel not in BOOKING_CHANNELS:
            raise ValueError(channel)
        slot = self._slot(rules, schedule, kind, begins, now)
        claims = [(self.day_claims, self._day_key(rules, begins)), (self.person_claims, self._person_key(rules, person.email, now))]
        index = root(True).codes
        code = new_code()
        while code in index:
            code = new_code()
        booking = Booking(code, rules, kind, slot.free[0], begins, person, channel, agent, now)
        for tree, key in claims:
            if key is not None:
                tree[key] = code
        self.bookings[code] = booking
        index[code] = self.agenda
        self._hold(booking)
        return booking

    def _changeable(self, code, now):
        booking = self.bookings.get(code)
        if booking is None:
            checks.refuse(404, _("error_booking_unknown", default="No booking with this code."), kind="NotFound")
        if not booking.upcoming(now):
            checks.refuse(409, _("error_booking_closed", default="This appointment is past or cancelled: it cannot be changed."), kind="Closed")
        return booking

    def move(self, code, start, rules, schedule, type_code=None, now=None):
        now = now or clock.now()
        booking = self._changeable(code, now)
        kind = checks.appointment_type(rules, type_code or booking.type)
        begins = checks.start(rules, schedule, kind, start, now)
        slot = self._slot(rules, schedule, kind, begins, now, ignore=code)
        day_key = self._day_key(rules, begins, code)
        self._free(booking)
        booking.start, booking.end = begins, begins + timedelta(minutes=kind.duration)
        booking.type, booking.service = kind.code, kind.service
        booking.counter = booking.counter if booking.counter in slot.free else slot.free[0]
        booking.reminded = None
        if day_key is not None:
            self.day_claims[day_key] = code
        self._hold(booking)
        booking.history.append((utc(now), "moved", None))
        return booking

    def cancel(self, code, who=None, now=None):
        now = now or clock.now()
        booking = self._changeable(code, now)
        self._free(booking)
        self._release(self.person_claims, code)
        booking.status = "cancelled"
        booking.history.append((utc(now), "cancelled", who))
        if self.cancelled_times is None:  # the first cancellation of this agenda (one write of the Book)
            self.cancelled_times = OOBTree()
        self.cancelled_times[(int(booking.start.timestamp()), code)] = code
        return booking

    def set_status(self, code, status, who, now=None):
        now = now or clock.now()
        booking = self.bookings.get(code)
        if booking is None:
            checks.refuse(404, _("error_booking_unknown", default="No booking with this code."), kind="NotFound")
        if status not in TRANSITIONS.get(booking.status, ()):
            checks.refuse(409, _("error_booking_status", default="This status cannot follow the booking's current one."), kind="BadStatus")
        if booking.start.date() > now.date():
            checks.refuse(409, _("error_booking_not_today", default="This appointment's day has not come yet."), kind="NotToday")
        booking.status = status
        booking.history.append((utc(now), status, who))
        return booking

    def erase(self, booking):
        booking.name = booking.email = booking.phone = None
        booking.erased = True
        self._release(self.person_claims, booking.code)

    def purge(self, before):
        """Erase the personal data of the bookings (cancelled ones too) ending before
        `before`; their count. Reads only the times not purged yet (`purged_until`)."""
        count = 0
        horizon = int((before - timedelta(minutes=APPOINTMENT_MAX_MINUTES)).timestamp())
        window = {"min": (self.purged_until, ""), "max": (int(before.timestamp()), "")}
        trees = [self.times] + ([self.cancelled_times] if self.cancelled_times is not None else [])
        for code in [code for tree in trees for code in tree.values(**window)]:
            booking = self.bookings[code]
            if booking.end <= before and not booking.erased:
                self.erase(booking)
                count += 1
        self.purged_until = max(self.purged_until, horizon)
        return count


def root(create=False):
    return site_store(KEY, Bookings if create else None)


def book_of(agenda, create=False):
    """The Book of an agenda (an object or its UID); None when it has none and not create."""
    uid = agenda if isinstance(agenda, str) else agenda.UID()
    return entry_of(root(create), "books", uid, Book, create)


def find(code):
    """(agenda object or None, Booking) of a code, else (None, None); unrestricted."""
    from plone.app.uuid.utils import uuidToObject

    store = root()
    uid = store.codes.get(code) if store is not None and isinstance(code, str) else None
    if uid is None:
        return None, None
    return uuidToObject(uid, unrestricted=True), store.books[uid].bookings[code]


def books():
    store = root()
    return list(store.books.values()) if store is not None else []
