"""Import run ids (pure Python: the CLI makes one per run, the server one per
request when none is sent). The pattern is a fact (facts.IMPORT_BATCH_PATTERN)."""

from guichet_kb import clock
from guichet_kb.facts import IMPORT_BATCH_PATTERN
import re
import uuid


def new_batch_id(kind="import"):
    """'sync-20261201T153000-3f9a1c' (the portal's clock): sortable by time, unique."""
    return f"{kind}-{clock.now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


def valid_batch_id(value):
    return isinstance(value, str) and re.fullmatch(IMPORT_BATCH_PATTERN, value) is not None
