"""GET @answer: the agent answer lookup (get.py, with the query checks @answer-suggest and @top-services share)."""
