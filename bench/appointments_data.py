"""The appointments benchmark's data (run with `zconsole run`, server stopped): the
bench's own department, desks, sheets and agendas, published, then a third of a month
booked through the store (appointments/store.py `Book.reserve`, as a booking over REST
does), and what bench/appointments_bench.py needs written to BENCH_DATA (JSON).

- "month": the desk `bench-rdv-mairie` (Monday to Friday 08:30-12:00 and 13:30-17:30,
  Saturday 09:00-12:00), its agenda with 6 counters and 3 types of one sheet
  (20, 5 and 30 minutes; counters serving all or some types); from tomorrow,
  BENCH_MONTH_DAYS (31) days. Each day, slots of every type taken in a seeded random
  order are booked until a third of the counters' time of that day is held.
- "race": the desk `bench-guichet-course`, open only on tomorrow's weekday 09:00-12:20,
  its agenda with one counter and one 10-minute type, bookable 6 days ahead: exactly
  20 slots, all tomorrow, all free.

The people booked are invented (example.org addresses); the site is thrown away with
its var directory. Environment: SITE_ID (guichet), BENCH_DATA (output path).
"""

from AccessControl.SecurityManagement import newSecurityManager
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.appointments import slots
from guichet_kb.appointments import store
from guichet_kb.appointments.agendas import desk_of
from guichet_kb.appointments.agendas import rules_of
from guichet_kb.appointments.errors import BookingRefused
from guichet_kb.demo.loader import load
from guichet_kb.facts import ITEM_FOLDER
from guichet_kb.facts import WEEKDAYS
import json
import os
from plone import api
import random
from Testing.makerequest import makerequest
import time
import transaction
from zope.component.hooks import setSite
from zope.globalrequest import setRequest


MONTH_DAYS = int(os.environ.get("BENCH_MONTH_DAYS", 31))
SHARE = 1 / 3  # of each day's counters' time, booked beforehand
RACE_SLOTS = 20
COMMIT_EVERY = 200
TOWN = "ville-exemple"  # the demo town's organisation


def desk(id, title, hours):
    return {
        "id": id,
        "title": title,
        "street": "1 place du Banc d'essai",
        "postal_code": "99000",
        "city": "Ville-Exemple",
        "phone": "01 00 00 00 18",
        "opening_hours": hours,
        "organisation": TOWN,
    }


def sheet(id, title, desk_id):
    return {
        "id": id,
        "title": title,
        "description": f"{title} : démarche du banc d'essai des rendez-vous.",
        "eligibility": "<p>Tout le monde.</p>",
        "channels": ["on_site"],
        "no_document_needed": True,
        "department": "bench-rdv-service",
        "desks": [desk_id],
        "competences": [{"organisation": TOWN, "case": None}],
    }


def catalogue(race_weekday):
    weekdays = [{"day": day, "opens": opens, "closes": closes} for day in WEEKDAYS[:5] for opens, closes in (("08:30", "12:00"), ("13:30", "17:30"))]
    town = {"id": TOWN, "title": "Commune de Ville-Exemple", "description": "La commune.", "kind": "commune", "phone": "01 00 00 00 00"}
    return {
        "organisations": [town],  # the demo's (found, not created): the items' references name it
        "departments": [
            {"id": "bench-rdv-service", "title": "Service des titres (banc d'essai)", "description": "Banc d'essai.", "phone": "01 00 00 00 18"}
        ],
        "desks": [
            desk("bench-rdv-mairie", "Mairie du banc d'essai", [*weekdays, {"day": "saturday", "opens": "09:00", "closes": "12:00"}]),
            desk("bench-guichet-course", "Guichet de la course", [{"day": race_weekday, "opens": "09:00", "closes": "12:20"}]),
        ],
        "sheets": [
            sheet("bench-rdv-titres", "Titres d'identité (banc d'essai)", "bench-rdv-mairie"),
            sheet("bench-rdv-course", "Course aux créneaux", "bench-guichet-course"),
        ],
        "agendas": agenda_items(),
    }


def agenda_items():
    titles = "bench-rdv-titres"
    counters = [("p1", ""), ("p2", ""), ("p3", "depot,double"), ("p4", "depot,double"), ("p5", "retrait"), ("p6", "depot,retrait")]
    return [
        {
            "id": "bench-agenda-mairie",
            "title": "Rendez-vous titres d'identité (banc d'essai)",
            "desk": "bench-rdv-mairie",
            "appointment_types": [
                {"code": "depot", "label": "Dépôt d'une demande", "service": titles, "duration": 20},
                {"code": "retrait", "label": "Retrait d'un titre", "service": titles, "duration": 5},
                {"code": "double", "label": "Dépôt carte et passeport", "service": titles, "duration": 30},
            ],
            "counters": [{"code": code, "label": f"Poste {code[1:]}", "types": types} for code, types in counters],
            "closures": [],
            "max_lead_days": 60,
            "person_limit": 2,
            "daily_capacity": 0,
        },
        {
            "id": "bench-agenda-course",
            "title": "Rendez-vous de la course",
            "desk": "bench-guichet-course",
            "appointment_types": [{"code": "course", "label": "Course", "service": "bench-rdv-course", "duration": 10}],
            "counters": [{"code": "p1", "label": "Poste 1", "types": ""}],
            "closures": [],
            "max_lead_days": 6,
            "person_limit": 2,
            "daily_capacity": 0,
        },
    ]


def fill_a_third(agenda, first, days, now):
    """Book each day's slots in a seeded random order until SHARE of its counters' time is held."""
    rules, schedule = rules_of(agenda), desk_of(agenda).schedule()
    book = store.book_of(agenda, create=True)
    chance = random.Random(2026)
    made = refused = held = opened = 0
    for offset in range(days):
        day = first + timedelta(days=offset)
        minutes = sum(end - start for start, end in slots.frame(rules, schedule, day)) * len(rules.counters)
        opened += minutes
        wanted, booked = minutes * SHARE, 0
        offered = [s for kind in rules.types for s in slots.day_slots(rules, schedule, book.view(rules), kind, day, now)]
        chance.shuffle(offered)
        for slot in offered:
            if booked >= wanted:
                break
            person = store.Person(f"Usager {made}", f"usager.{made}@example.org")
            try:
                booking = book.reserve(rules, schedule, slot.type, slot.start, person, "online", now=now)
            except BookingRefused:  # its counters were taken by an earlier booking of the day
                refused += 1
                continue
            made += 1
            booked += (booking.end - booking.start).total_seconds() / 60
            if made % COMMIT_EVERY == 0:
                transaction.commit()
        held += booked
    transaction.commit()
    return {"prebooked": made, "refused": refused, "share": held / opened if opened else 0.0}


def offered_starts(agenda, day, now):
    rules, schedule = rules_of(agenda), desk_of(agenda).schedule()
    found = [s for kind in rules.types for s in slots.day_slots(rules, schedule, slots.NothingTaken(), kind, day, now)]
    return [s.start.isoformat() for s in found for _counter in s.free]


def main(app):
    site = makerequest(app)[os.environ.get("SITE_ID", "guichet")]
    setSite(site)
    setRequest(site.REQUEST)
    users = app.acl_users
    newSecurityManager(None, users.getUser("admin").__of__(users))
    now = clock.now()
    tomorrow = now.date() + timedelta(days=1)
    print(f"\n## Appointments data: {MONTH_DAYS} days from {tomorrow}, a third booked beforehand; the race on {tomorrow}")
    with api.env.adopt_roles(["Manager"]):
        items = catalogue(WEEKDAYS[tomorrow.weekday()])
        load(site, items)
    transaction.commit()
    kinds = (("desks", "Desk"), ("sheets", "ServiceSheet"))
    uids = {item["id"]: site[ITEM_FOLDER[kind]][item["id"]].UID() for key, kind in kinds for item in items[key]}
    folder = site[ITEM_FOLDER["Agenda"]]
    month, contest = folder["bench-agenda-mairie"], folder["bench-agenda-course"]
    began = time.perf_counter()
    filled = fill_a_third(month, tomorrow, MONTH_DAYS, now)
    elapsed = time.perf_counter() - began
    share = f"{filled['share']:.0%} of the counters' time; {filled['refused']} refused on the way"
    print(f"booked {filled['prebooked']} appointments in {elapsed:.1f} s ({share})")
    starts = offered_starts(contest, tomorrow, now)
    if len(starts) != RACE_SLOTS:
        raise SystemExit(f"the race agenda offers {len(starts)} slots, not {RACE_SLOTS}")
    rules = rules_of(month)
    data = {
        "month": {
            "service": uids["bench-rdv-titres"],
            "desk": uids["bench-rdv-mairie"],
            "agenda": month.UID(),
            "from": tomorrow.isoformat(),
            "days": MONTH_DAYS,
            "counters": len(rules.counters),
            "types": len(rules.types),
            "public_path": f"/rendez-vous/nouveau?service={uids['bench-rdv-titres']}&desk={uids['bench-rdv-mairie']}",
            **filled,
        },
        "race": {
            "service": uids["bench-rdv-course"],
            "desk": uids["bench-guichet-course"],
            "agenda": contest.UID(),
            "day": tomorrow.isoformat(),
            "slots": len(starts),
            "starts": starts,
        },
    }
    with open(os.environ["BENCH_DATA"], "w", encoding="utf-8") as file:
        json.dump(data, file, indent=1)


main(app)  # noqa: F821 (zconsole)
