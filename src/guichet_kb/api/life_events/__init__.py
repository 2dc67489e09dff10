"""GET @life-events (get.py)."""
