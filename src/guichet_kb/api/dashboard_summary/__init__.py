"""POST @dashboard-summary (post.py)."""
