"""GET @top-services: the one-click home page tiles (get.py)."""
