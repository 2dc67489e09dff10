"""POST @queue-notifications: the "turn near" notices due (post.py)."""
