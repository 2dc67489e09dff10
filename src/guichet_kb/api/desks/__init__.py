"""GET @desks: desks with their hours and open now (get.py)."""
