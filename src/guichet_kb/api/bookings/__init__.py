"""@bookings: book (POST), the booking behind its link (GET, PATCH moves, DELETE cancels),
a counter's mark (POST <code>/status, part agents). Shared parts: api/booking_service.py,
api/booking_body.py."""
