"""An import run's id: "sp-20261201T143000Z-1a2b3c4d" (time of the run, then random).

Pure Python: the CLI makes one per run and sends it with every request; the import
service makes one per request when none is sent (importers/service_public.py).
"""

from datetime import timezone
from guichet_kb import clock
from guichet_kb.facts import IMPORT_BATCH_PATTERN
import re
import uuid


def new_batch():
    return f"sp-{clock.now().astimezone(timezone.utc).strftime('%Y%m%dT%H%M%SZ')}-{uuid.uuid4().hex[:8]}"


def valid_batch(value):
    return isinstance(value, str) and re.fullmatch(IMPORT_BATCH_PATTERN, value) is not None
