"""GET @dashboard: the user-relationship dashboard as JSON or one panel as CSV (get.py)."""
