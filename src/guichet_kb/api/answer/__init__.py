"""GET @answer and GET @answer-suggest: the agents' lookup."""
