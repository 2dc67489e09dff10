"""POST @catalogue-import: the export format read back (post.py)."""
