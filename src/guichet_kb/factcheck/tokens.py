"""The signed, expiring link of a fact-check request (on guichet_kb/tokens.py).

The payload is ``<request id>:<sheet UID>:<expiry, epoch seconds>``, signed for the
purpose ``guichet_kb.fact_check`` with plone.keyring's ``_system`` ring, the one plone.protect
rotates weekly and keeps five of: a rotation does not void links, the oldest secret
leaves the ring after five rotations, at least 28 days, longer than
`facts.FACT_CHECK_DAYS` (tests/factcheck check it).
"""

from guichet_kb import tokens
from guichet_kb.tokens import _b64  # noqa: F401 (tests build payloads with it)
from guichet_kb.tokens import BadToken
import re


RING = tokens.RING
PURPOSE = b"guichet_kb.fact_check\n"
_ID = re.compile(r"^[0-9a-f]{32}$")


def sign(request_id, uid, expires):
    """The token of a request (``expires``: epoch seconds)."""
    return tokens.sign(PURPOSE, (request_id, uid), expires, ring=RING)


def read(token):
    """(request id, sheet UID, expiry epoch seconds) of a token the site signed, else BadToken.

    The expiry is returned, not checked: the caller tells an expired link (genuine,
    out of date) from a forged one."""
    request_id, uid, expires = tokens.read(PURPOSE, token, 2, ring=RING)
    if not _ID.match(request_id):
        raise BadToken()
    return request_id, uid, expires
