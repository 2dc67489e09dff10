"""@bookings: book (POST), the booking behind its link (GET, PATCH moves, DELETE cancels),
a counter's mark (POST <code>/status, status.py). Shared parts: base.py, body.py."""
