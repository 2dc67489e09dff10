"""The leak matrix's open data (issue 17): contacts logged last month for every hidden
fixture sheet and answer (enough to pass the small-cell rule), then the open-data
files generated, so that `@open-data/<name>` and the public « Données ouvertes »
pages are read with something to leak."""

from datetime import datetime
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.facts import OPEN_DATA_FILES
from guichet_kb.facts import OPEN_DATA_MIN_CELL
from guichet_kb.interactions import store
from guichet_kb.opendata.files import regenerate
from leak_fixtures import FIXTURES
from leak_fixtures import hub_path
from leak_fixtures import KINDS


FILES = tuple(OPEN_DATA_FILES)


def build(layer):
    """Called by the layer as a Manager, before its commit."""
    last_month = clock.today().replace(day=1) - timedelta(days=1)
    uids = [layer._uid(f.path) for f in FIXTURES if f.short in ("sheet", "answer")] + [layer._uid(hub_path(kind)) for kind in KINDS]
    with clock.frozen(datetime(last_month.year, last_month.month, 15, 10, 0)):
        for uid in uids:
            for _ in range(OPEN_DATA_MIN_CELL):
                store.add(uid, "telephone", "answered")
    regenerate()
