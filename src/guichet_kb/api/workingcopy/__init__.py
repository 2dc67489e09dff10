"""PATCH @workingcopy: check-in with a change note (patch.py)."""
