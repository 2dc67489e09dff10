"""GET @queues: the open queues, their length and current estimate (get.py)."""
