"""GET @review-queue (get.py)."""
