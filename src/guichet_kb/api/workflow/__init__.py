"""POST @workflow/<transition> on catalogue items (post.py)."""
