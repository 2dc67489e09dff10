"""Appointments (issue 18): agendas on a desk, free slots, bookings.

- `rules.py`: an agenda's configuration as plain data (Zope-free).
- `slots.py`: the free slots of a type on some days, from the desk's opening hours,
  the agenda's closures, lead times and capacity, and the cells already taken.
- `store.py`: the bookings, and the rule that no two of them share a slot.
- `codes.py`: booking codes and the signed links to move or cancel.
- `offer.py`: what GET @slots offers (per agenda, its types, next and daily slots).
- `describe.py`: a booking's JSON and what its e-mails say (visibility applied).
- `mail.py`, `ical.py`: the e-mails (confirmed, moved, cancelled, reminder) and their
  calendar file; `links.py`: the public address of a booking (`public_site_url`).
- `reminders.py`: the reminders due, once each; `purge.py`: the nightly erasure.

Personal data (CNIL): a booking keeps the citizen's name, e-mail address and,
optionally, phone number. They are stored in the site's booking store, in the
ZODB, and only there: the counters' view shows the name, and the exports show no
contact details. They are erased `appointment_retention_days` after the
appointment ends (the nightly job, registry setting, 7 days by default). The
per-person limit keeps a salted digest of the e-mail address for the booking's
life. After erasure the booking keeps only counts material (type, desk, time,
status), which the statistics use; cancelled bookings are erased the same way
(purge.py). Nothing else keeps them: the e-mails are composed, sent after the commit
and not kept; the link's token is not stored (it is signed); the anti-flood limit of
anonymous bookings counts per client address in memory for 10 minutes, never on disk;
the logs name a booking by its code, never by its address.
"""
