"""`?expand=guichet` on a service sheet (expansion.py)."""
