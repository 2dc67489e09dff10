"""The queue tests' fixtures: `items`, the queue of ticket_helpers.queueable with counter
poste-1 open at MONDAY_10AM (the rate limits cleared)."""

from guichet_kb import ratelimit
import pytest
from ticket_helpers import MONDAY_10AM
from ticket_helpers import open_counters
from ticket_helpers import QUEUE
from ticket_helpers import queueable


@pytest.fixture
def items(catalogue):
    ratelimit.clear()
    found = queueable(catalogue)
    open_counters(found[QUEUE], ["poste-1"], MONDAY_10AM)
    return found
