"""Import run ids (pure Python: the CLI makes one per run, the server one per
request when none is sent). The pattern is a fact (facts.IMPORT_BATCH_PATTERN)."""

from datetime import datetime
from datetime import timezone
from guichet_kb.facts import IMPORT_BATCH_PATTERN
import re
import uuid


def new_batch_id(kind="import"):
    """'sync-20261201T143000Z-3f9a1c': sortable by time, unique."""
    return f"{kind}-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


def valid_batch_id(value):
    return isinstance(value, str) and re.fullmatch(IMPORT_BATCH_PATTERN, value) is not None
