"""GET @national-changes on an imported item (get.py)."""
