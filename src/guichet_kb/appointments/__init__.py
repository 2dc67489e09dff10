"""Appointments (issue 18): agendas on a desk, free slots, bookings.

- `rules.py`: an agenda's configuration as plain data (Zope-free).
- `slots.py`: the free slots of a type on some days, from the desk's opening hours,
  the agenda's closures, lead times and capacity, and the cells already taken.
- `store.py`: the bookings, and the rule that no two of them share a slot.
- `codes.py`: booking codes and the signed links to move or cancel.

Personal data (CNIL): a booking keeps the citizen's name, e-mail address and,
optionally, phone number. They are stored in the site's booking store, in the
ZODB, and only there: the counters' view shows the name, and the exports show no
contact details. They are erased `appointment_retention_days` after the
appointment ends (the nightly job, registry setting, 7 days by default). The
per-person limit keeps a salted digest of the e-mail address for the booking's
life. After erasure the booking keeps only counts material (type, desk, time,
status), which the statistics use.
"""
