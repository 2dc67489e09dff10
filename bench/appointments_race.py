"""Bookers racing for the same slots over real HTTP (issue 18, concurrency), and the
check that the store ends with every slot booked exactly once.

Each booker is a thread with its own HTTP session, an anonymous citizen of its own
(its own e-mail, so the per-person limit never refuses it). Each POST carries a client
address of its own in X-Forwarded-For (believed from the trusted local peer): the
flood limit of POST @bookings (facts.BOOKING_FLOOD_LIMIT a client in
BOOKING_FLOOD_SECONDS; tested by part booking) would otherwise stop an unlucky booker
before the agenda is full, and the race measures the slots, not the limit. All start together; each takes the first
free slot `@slots` offers, POSTs `@bookings`, and on 409 takes the first of the slots
the refusal returns, until it has a booking or none is left. Bounded: at most
`MAX_ATTEMPTS` POSTs a booker and `deadline` seconds for the whole race.

Used by `make bench-appointments` (bench/appointments_bench.py, 50 bookers on 20 slots)
and by tests/appointments/test_race_until_full.py (a few bookers on a few slots over
the functional layer's server). Zope-free: the check takes plain rows read from the
store by its caller. The names and e-mails are invented (example.org), never real.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
import requests
import threading
import time


MAX_ATTEMPTS = 40
TIMEOUT_S = 60


@dataclass
class Outcome:
    booker: int
    code: str = None  # the booking code of its 201, None when it got none
    start: str = None  # the slot it got (ISO)
    posts: int = 0
    conflicts: int = 0  # 409 answers
    latencies: list = field(default_factory=list)  # seconds of each POST
    errors: list = field(default_factory=list)  # (status, body) of answers neither 201 nor 409
    ended: str = ""  # "booked", "none_left", "error", "attempts" (MAX_ATTEMPTS) or "deadline"


@dataclass
class Race:
    outcomes: list
    seconds: float  # from the start signal to the last booker's end

    @property
    def codes(self):
        return [o.code for o in self.outcomes if o.code]

    @property
    def conflicts(self):
        return sum(o.conflicts for o in self.outcomes)

    @property
    def errors(self):
        return [e for o in self.outcomes for e in o.errors]

    @property
    def latencies(self):
        return [t for o in self.outcomes for t in o.latencies]


def forwarded_for(booker, attempt):
    """A client address of the booker's attempt (IPv6 documentation range: a header value only)."""
    return f"2001:db8::{booker + 1:x}:{attempt + 1:x}"


def offered(session, site, service, desk, day, days=1):
    """The slots `@slots` offers, in time order: [(agenda uid, slot JSON)]."""
    response = session.get(f"{site}/@slots", params={"service": service, "desk": desk, "from": day, "days": days}, timeout=TIMEOUT_S)
    response.raise_for_status()
    found = [(agenda["uid"], slot) for agenda in response.json()["agendas"] for one in agenda["days"] for slot in one["slots"]]
    return sorted(found, key=lambda pair: datetime.fromisoformat(pair[1]["start"]))


def book(session, site, agenda, slot, booker, attempt):
    body = {
        "agenda": agenda,
        "type": slot["type"],
        "start": slot["start"],
        "name": f"Usager Course {booker}",
        "email": f"usager.course.{booker}@example.org",
    }
    return session.post(f"{site}/@bookings", json=body, headers={"X-Forwarded-For": forwarded_for(booker, attempt)}, timeout=TIMEOUT_S)


def run_booker(booker, site, service, desk, day, start_signal, deadline):
    outcome = Outcome(booker)
    with requests.Session() as session:
        session.headers.update({"Accept": "application/json", "Accept-Language": "fr"})
        start_signal.wait()
        slots = offered(session, site, service, desk, day)
        choice = slots[0] if slots else None
        while choice:
            if outcome.posts >= MAX_ATTEMPTS or time.monotonic() >= deadline:
                outcome.ended = "attempts" if outcome.posts >= MAX_ATTEMPTS else "deadline"
                return outcome
            agenda, slot = choice
            began = time.perf_counter()
            response = book(session, site, agenda, slot, booker, outcome.posts)
            outcome.latencies.append(time.perf_counter() - began)
            outcome.posts += 1
            if response.status_code == 201:
                outcome.code, outcome.start, outcome.ended = response.json()["code"], slot["start"], "booked"
                return outcome
            if response.status_code != 409:
                outcome.errors.append((response.status_code, response.text[:300]))
                outcome.ended = "error"
                return outcome
            outcome.conflicts += 1
            others = response.json().get("slots") or []
            choice = (agenda, others[0]) if others else None
    outcome.ended = "none_left"
    return outcome


def race(site, service, desk, day, bookers, seconds=TIMEOUT_S * 5):
    """`bookers` threads racing for the slots of `day` at `desk` for `service`: a Race."""
    start_signal = threading.Event()
    outcomes = [None] * bookers
    deadline = time.monotonic() + seconds

    def run(n):
        try:
            outcomes[n] = run_booker(n, site, service, desk, day, start_signal, deadline)
        except requests.RequestException as error:  # counted, never hidden
            outcomes[n] = Outcome(n, errors=[(None, repr(error))], ended="error")

    threads = [threading.Thread(target=run, args=(n,), daemon=True) for n in range(bookers)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    start_signal.set()
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()) + TIMEOUT_S)
    elapsed = time.perf_counter() - began
    return Race([o or Outcome(n, errors=[(None, "did not end in time")], ended="deadline") for n, o in enumerate(outcomes)], elapsed)


def problems(rows, offered_starts, won_codes):
    """What is wrong with the store after a race; [] when every slot was booked exactly once.

    rows: (code, counter, start, end) of the agenda's bookings that are not cancelled
    (aware datetimes); offered_starts: the starts offered before the race (aware), each
    once per counter free at it; won_codes: the codes the bookers were given (201)."""
    found = []
    cells = {(counter, start) for _code, counter, start, _end in rows}
    if len(rows) != len(offered_starts):
        found.append(f"bookings: {len(rows)} for {len(offered_starts)} slots")
    if len(cells) != len(rows):
        found.append(f"double bookings (one counter, one start): {len(rows) - len(cells)}")
    by_counter = {}
    for code, counter, start, end in rows:
        by_counter.setdefault(counter, []).append((start, end, code))
    for counter, booked in by_counter.items():
        booked.sort()
        for (_s1, end1, code1), (start2, _e2, code2) in zip(booked, booked[1:], strict=False):
            if start2 < end1:
                found.append(f"{code1} and {code2} overlap on counter {counter}")
    if sorted(start for _c, _k, start, _e in rows) != sorted(offered_starts):
        found.append("the booked starts are not the offered slots")
    if sorted(code for code, *_rest in rows) != sorted(won_codes):
        found.append(f"the store's {len(rows)} codes are not the {len(won_codes)} codes the bookers were given")
    return found
