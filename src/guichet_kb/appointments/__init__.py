"""Appointments (issue 18): agendas on desks, their rules, free slots and bookings."""
