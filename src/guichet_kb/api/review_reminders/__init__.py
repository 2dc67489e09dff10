"""POST @review-reminders (post.py)."""
