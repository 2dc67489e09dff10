"""GET @appointments-export: the managers' export of appointments, without contact details (get.py)."""
