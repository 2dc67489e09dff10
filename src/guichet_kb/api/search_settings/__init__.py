"""GET / PATCH @search-settings: synonyms and best bets (get.py, patch.py)."""
