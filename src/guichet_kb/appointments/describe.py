"""What a booking shows: its JSON (GET @bookings/<code>, every write's answer) and the
values its e-mails say.

The service and the desk go through guichet_kb.visibility for the caller: a sheet or a
desk unpublished since the booking shows as null (the code, times and type stay), so
the booking's link never shows a draft. The agenda is given by its UID only. Never the
e-mail address nor the phone: the link holder sees the name they gave, nothing more.
"""

from guichet_kb import clock
from guichet_kb.interactions import checklist
from guichet_kb.serializers.desk import desk_address
from guichet_kb.visibility import visible_by_uid
from guichet_kb.workflow import notify
from plone import api
from zope.globalrequest import getRequest


def _unrestricted(uid):
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=uid) if uid else ()
    return brains[0]._unrestrictedGetObject() if len(brains) else None


def appointment_type(booking):
    """{"code", "label", "duration"} of the booking's type (its agenda's rules; the code alone
    when the agenda no longer has it)."""
    from guichet_kb.appointments.agendas import rules_of

    agenda = _unrestricted(booking.agenda)
    found = rules_of(agenda).type(booking.type) if agenda is not None else None
    minutes = int((booking.end - booking.start).total_seconds() // 60)
    if found is None:
        return {"code": booking.type, "label": booking.type, "duration": minutes}
    return {"code": found.code, "label": found.label, "duration": found.duration}


def service_json(sheet):
    return {"uid": sheet.UID(), "title": sheet.Title(), "url": sheet.absolute_url()} if sheet is not None else None


def desk_json(desk):
    return {"uid": desk.UID(), "title": desk.Title(), "url": desk.absolute_url(), "address": desk_address(desk)} if desk is not None else None


def visible_parts(booking):
    """(sheet, desk) of the booking that the caller may see (None for one they may not)."""
    seen = visible_by_uid([booking.service, booking.desk])
    return seen.get(booking.service), seen.get(booking.desk)


def reminder_at(booking):
    """When the reminder goes (ISO), None when it went or the booking is not "booked"."""
    from guichet_kb.appointments.reminders import due_at

    moment = due_at(booking)
    return moment.isoformat() if moment is not None else None


def booking_json(booking):
    """The booking's JSON for the caller (link holder or staff)."""
    sheet, desk = visible_parts(booking)
    return {
        "code": booking.code,
        "status": booking.status,
        "start": clock.local(booking.start).isoformat(),
        "end": clock.local(booking.end).isoformat(),
        "type": appointment_type(booking),
        "service": service_json(sheet),
        "desk": desk_json(desk),
        "agenda": booking.agenda,
        "checklist": checklist.lines(sheet, getRequest(), notify._language()) if sheet is not None else [],
        "name": None if booking.erased else booking.name,
        "channel": booking.channel,
        "reminder_at": reminder_at(booking),
    }


def slot_json(slot):
    """{"start", "end", "type", "free"}: times with the portal's offset (slots are made in
    its zone: slots.at), free the number of counters free."""
    return {"start": slot.start.isoformat(), "end": slot.end.isoformat(), "type": slot.type, "free": len(slot.free)}
