"""POST @service-public-withdrawals: flag fiches absent from a full national package (post.py)."""
