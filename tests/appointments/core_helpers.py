"""Rules and a desk schedule for the core tests (no site needed)."""

from datetime import date
from datetime import datetime
from datetime import time
from guichet_kb import clock
from guichet_kb.appointments.rules import AppointmentType
from guichet_kb.appointments.rules import Closure
from guichet_kb.appointments.rules import Counter
from guichet_kb.appointments.rules import Rules
from guichet_kb.hours import Schedule


# Monday 2026-03-02 ... : open Monday-Friday 08:30-12:00 and 13:30-17:00, Saturday 09:00-12:00.
WEEKLY = [
    *({"day": day, "opens": "08:30", "closes": "12:00"} for day in ("monday", "tuesday", "wednesday", "thursday", "friday")),
    *({"day": day, "opens": "13:30", "closes": "17:00"} for day in ("monday", "tuesday", "wednesday", "thursday", "friday")),
    {"day": "saturday", "opens": "09:00", "closes": "12:00"},
]
MONDAY = date(2026, 3, 2)
DEPOT = AppointmentType("depot", "Dépôt CNI / passeport", "uid-cni", 20)
RETRAIT = AppointmentType("retrait", "Retrait de titre", "uid-cni", 5)


def schedule(exceptions=()):
    return Schedule(WEEKLY, list(exceptions))


def rules(**changes):
    values = {
        "agenda": "uid-agenda",
        "desk": "uid-desk",
        "types": (DEPOT, RETRAIT),
        "counters": (Counter("g1", "Guichet 1", frozenset({"depot"})), Counter("g2", "Guichet 2")),
        "closures": (Closure(date(2026, 3, 4), date(2026, 3, 4), time(8, 30), time(10, 0), "Formation"),),
        "min_lead_hours": 2,
        "max_lead_days": 30,
        "person_limit": 2,
        "daily_capacity": 0,
    }
    values.update(changes)
    return Rules(**values)


def at(day, hour, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=clock.zone())
