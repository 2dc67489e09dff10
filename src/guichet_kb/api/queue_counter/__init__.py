"""GET|POST @queue-counter: a counter's state and its agent's actions (issue 19)."""
