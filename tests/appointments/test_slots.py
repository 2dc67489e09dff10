"""Free slots (appointments/slots.py): the desk's hours, closures, lead times, counters."""

from .core_helpers import at
from .core_helpers import MONDAY
from .core_helpers import rules
from .core_helpers import schedule
from datetime import timedelta
from guichet_kb.appointments import slots
from guichet_kb.appointments.rules import Closure


class Taken(slots.NothingTaken):
    def __init__(self, cells=(), full=()):
        self.cells, self.full_days = set(cells), set(full)

    def cell(self, ordinal, counter, minute):
        return "X" if (ordinal, counter, minute) in self.cells else None

    def full(self, ordinal):
        return ordinal in self.full_days


NOW = at(MONDAY, 7)  # Monday 07:00, before opening


def starts(found):
    return [(s.start.strftime("%a %H:%M"), s.free) for s in found]


def test_a_day_follows_the_opening_ranges_on_the_type_grid():
    found = slots.free_slots(rules(), schedule(), Taken(), "depot", MONDAY, MONDAY, NOW)
    assert starts(found)[:3] == [("Mon 09:10", ("g1", "g2")), ("Mon 09:30", ("g1", "g2")), ("Mon 09:50", ("g1", "g2"))]
    assert [s.start.strftime("%H:%M") for s in found][-2:] == ["16:10", "16:30"]
    assert all(s.end - s.start == timedelta(minutes=20) for s in found)
    morning = [s for s in found if s.start.hour < 12]
    assert morning[-1].end.strftime("%H:%M") == "11:50"  # 11:50-12:10 would overrun the closing


def test_min_lead_hides_the_first_two_hours():
    found = slots.free_slots(rules(), schedule(), Taken(), "depot", MONDAY, MONDAY, at(MONDAY, 8, 55))
    assert found[0].start == at(MONDAY, 11, 10)  # 08:55 + 2 h = 10:55; next on the grid 11:10


def test_a_partial_closure_and_a_closed_exception_day():
    wednesday, thursday = MONDAY + timedelta(days=2), MONDAY + timedelta(days=3)
    found = slots.free_slots(rules(), schedule([{"start": thursday, "closed": True, "label": "Pont"}]), Taken(), "depot", wednesday, thursday, NOW)
    assert found[0].start == at(wednesday, 10)
    assert {s.start.date() for s in found} == {wednesday}


def test_a_whole_day_closure():
    closure = Closure(MONDAY, MONDAY + timedelta(days=1), None, None, "Fermeture")
    found = slots.free_slots(rules(closures=(closure,)), schedule(), Taken(), "retrait", MONDAY, MONDAY + timedelta(days=2), NOW)
    assert {s.start.date() for s in found} == {MONDAY + timedelta(days=2)}


def test_a_cell_taken_on_one_counter_leaves_the_other():
    ordinal = MONDAY.toordinal()
    taken = Taken({(ordinal, "g1", 9 * 60 + 15)})  # a 5-minute retrait at 09:15 on g1
    found = slots.day_slots(rules(), schedule(), taken, rules().type("depot"), MONDAY, NOW)
    assert found[0].start == at(MONDAY, 9, 10) and found[0].free == ("g2",)
    both = Taken({(ordinal, "g1", 9 * 60 + 15), (ordinal, "g2", 9 * 60 + 25)})
    assert slots.day_slots(rules(), schedule(), both, rules().type("depot"), MONDAY, NOW)[0].start == at(MONDAY, 9, 30)


def test_counters_serve_only_their_types():
    found = slots.day_slots(rules(), schedule(), Taken(), rules().type("retrait"), MONDAY, NOW)
    assert found[0].free == ("g2",)


def test_a_full_day_and_the_max_lead():
    taken = Taken(full={MONDAY.toordinal()})
    assert slots.day_slots(rules(daily_capacity=3), schedule(), taken, rules().type("depot"), MONDAY, NOW) == []
    far = slots.free_slots(rules(max_lead_days=3), schedule(), Taken(), "retrait", MONDAY, MONDAY + timedelta(days=10), NOW)
    assert max(s.start.date() for s in far) == MONDAY + timedelta(days=3)


def test_next_slots_and_an_unknown_type():
    found = slots.next_slots(rules(), schedule(), Taken(), "depot", at(MONDAY, 16, 40))
    assert [s.start.strftime("%a %H:%M") for s in found] == ["Tue 08:30", "Tue 08:50", "Tue 09:10", "Tue 09:30", "Tue 09:50"]
    assert slots.next_slots(rules(), schedule(), Taken(), "nope", NOW) == []


def test_daylight_saving_day_keeps_wall_clock_times():
    sunday_change = MONDAY + timedelta(days=27)  # 2026-03-29: clocks go forward at 02:00
    found = slots.free_slots(rules(), schedule(), Taken(), "depot", sunday_change, sunday_change + timedelta(days=1), at(sunday_change, 1))
    assert found[0].start.strftime("%Y-%m-%d %H:%M %z") == "2026-03-30 08:30 +0200"
