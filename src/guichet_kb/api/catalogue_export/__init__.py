"""GET @catalogue-export: the service sheets as CSV or JSON (get.py)."""
