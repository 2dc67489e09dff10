"""Agents' choices teach the ranking (issue 15).

When an agent opens a result for a query and logs the call about it (POST
@interactions with `query`, outcome answered or redirected), the pair
(normalised query, item UID) is counted (`record`), unless the query carries
personal data (`screen.py`). The engine adds a bounded, decaying boost for the
items agents chose for the same normalised query (`boosts`, a read); editors see
the queries whose chosen item ranks below 3 as suggested best bets
(`suggestions.py`). Storage, decay and retention: `store.py`.
"""

from guichet_kb.search.choices.store import boosts  # noqa: F401
from guichet_kb.search.choices.store import purge  # noqa: F401
from guichet_kb.search.choices.store import record  # noqa: F401
