"""POST @appointment-reminders: the booking reminders due (post.py)."""
