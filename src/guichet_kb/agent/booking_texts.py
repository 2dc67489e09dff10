"""The words of the booking commands (agent/booking.py), in the CLI's language.

Msgids of the guichet_kb domain made without Zope (agent/message.py), read by
agent/texts.py's `Texts` like the other commands' words.
"""

from guichet_kb.agent.message import Message as _


NO_SHEET = _("cli_slots_no_sheet", default="slots: no service sheet found for \u201c${query}\u201d.")
SLOTS_AGENDA = _("cli_slots_agenda", default="${title} — ${desk}, ${address}")
SLOT_LINE = _("cli_slot_line", default="${number}. ${moment} — ${type} (${minutes} min)")
NO_SLOT = _("cli_slots_no_slot", default="no free slot")
SLOTS_NONE = _("cli_slots_none", default="No free slot for this sheet: no agenda takes appointments for it, or every slot is taken.")
BOOKED = _("cli_booked", default="Booked: code ${code}, ${moment} — ${type}.")
BOOK_DESK = _("cli_booked_desk", default="Where: ${desk}, ${address}")
MAIL_SENT = _("cli_booked_mail", default="The confirmation e-mail with the documents to bring is sent to ${email}.")
MANAGE_LINK = _("cli_booked_link", default="To move or cancel: ${url}")
BAD_START = _("cli_book_bad_start", default="book: \u201c${value}\u201d is not a date and time: give the slot's start, e.g. 2027-03-01T09:00.")
NEXT_FREE = _("cli_next_free", default="Next free slots:")
DAY_NO_DESK = _("cli_day_no_desk", default="agenda-day: give the desk with --desk (its id or UID) or ${env}.")
DAY_HEADING = _("cli_day_heading", default="${desk} — ${day} ${date}")
DAY_COUNTER = _("cli_day_counter", default="== ${counter} (${agenda})")
DAY_EMPTY = _("cli_day_empty", default="no appointment")
DAY_NO_COUNTER = _("cli_day_no_counter", default="This desk has no agenda with counters.")
