"""POST <sheet>/@fact-check: ask the back office's expert to confirm a sheet (post.py)."""
