"""POST @feedback from the public site: "Is this page useful?" (post.py)."""
