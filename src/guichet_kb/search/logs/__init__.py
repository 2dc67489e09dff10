"""Search logs without personal data (issue 17).

What agents and visitors search, kept only as aggregated counts per day, source
and normalised query, after screening (store.py says what is kept, where and for
how long). The agent console and the public site send one beacon per settled
search (POST @search-log: GET @answer never writes); the daily job folds closed
days into plain counts (`compact`, one of stats/rollup.py DAILY_JOBS), POST
@interactions-purge drops what is older than the retention (`purge`), and the
dashboard reads `gaps` and `totals`. Layout: layout.py; reads: reading.py.
"""

from guichet_kb.search.logs.store import compact  # noqa: F401
from guichet_kb.search.logs.store import gaps  # noqa: F401
from guichet_kb.search.logs.store import purge  # noqa: F401
from guichet_kb.search.logs.store import record  # noqa: F401
from guichet_kb.search.logs.store import totals  # noqa: F401
