"""What GET @slots offers: per bookable agenda, its types for a sheet, the next free
slots and each day's free slots.

The agendas are `agendas.agendas_for` (published, visible to the caller, at a desk the
caller may see); the cells taken are read from the store without writing (an agenda
nobody booked yet has no Book: nothing is taken). Several types of one sheet at one
agenda (a deposit and a collection) are merged in time order.
"""

from datetime import timedelta
from guichet_kb.appointments import slots
from guichet_kb.appointments import store
from guichet_kb.appointments.agendas import agendas_for
from guichet_kb.appointments.agendas import desk_of
from guichet_kb.appointments.agendas import rules_of


def _order(slot):
    return (slot.start, slot.type)


def offer(sheet, desk, type_code, first, last, now):
    """[{"agenda", "desk", "types", "next", "days": [(date, [Slot])]}] for the caller."""
    out = []
    for agenda in agendas_for(service_uid=sheet.UID(), desk_uid=desk.UID() if desk is not None else None):
        where = desk_of(agenda)
        if where is None:
            continue
        rules = rules_of(agenda)
        kinds = [kind for kind in rules.types_for(sheet.UID()) if type_code is None or kind.code == type_code]
        book = store.book_of(agenda)
        taken = book.view(rules) if book is not None else slots.NothingTaken()
        schedule = where.schedule()
        found, upcoming = [], []
        for kind in kinds:
            found.extend(slots.free_slots(rules, schedule, taken, kind.code, first, last, now))
            upcoming.extend(slots.next_slots(rules, schedule, taken, kind.code, now))
        by_day = {}
        for slot in sorted(found, key=_order):
            by_day.setdefault(slot.start.date(), []).append(slot)
        days, day = [], first
        while day <= last:
            days.append((day, by_day.get(day, [])))
            day += timedelta(days=1)
        out.append({"agenda": agenda, "desk": where, "types": kinds, "next": sorted(upcoming, key=_order)[: slots.NEXT_COUNT], "days": days})
    return out
