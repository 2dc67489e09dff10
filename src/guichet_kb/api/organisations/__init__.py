"""GET @organisations: the competent bodies, their desks and what each handles (get.py)."""
