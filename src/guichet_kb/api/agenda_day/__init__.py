"""GET @agenda-day: the counters' day view of a desk (get.py)."""
