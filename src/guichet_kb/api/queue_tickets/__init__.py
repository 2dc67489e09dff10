"""@queue-tickets: take a ticket (POST), the ticket behind its link (GET, DELETE leaves
the queue), rejoin after a missed call (POST <code>/rejoin). Shared parts:
api/queue_ticket_service.py, api/queue_ticket_body.py."""
