"""POST @feedback-triage: a triager sets an item's status or erases its comment (post.py)."""
