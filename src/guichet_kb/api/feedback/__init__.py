"""POST @feedback (post.py): "Is this page useful?"; GET @feedback (get.py): the triage items."""
