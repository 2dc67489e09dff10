"""GET @answer-suggest: completions while typing (get.py)."""
