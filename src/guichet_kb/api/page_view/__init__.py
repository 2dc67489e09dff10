"""POST @page-view from the public site (post.py)."""
