"""GET / PATCH @import-profile: the import profile of the site (get.py, patch.py)."""
