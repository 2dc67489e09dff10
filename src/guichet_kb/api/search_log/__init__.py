"""POST @search-log: one settled search, counted without personal data (post.py)."""
