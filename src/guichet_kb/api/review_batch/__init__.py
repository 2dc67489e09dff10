"""POST @review-batch: one review action on many items, a result per item (post.py)."""
