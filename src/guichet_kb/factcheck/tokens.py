"""The signed, expiring link of a fact-check request.

A token is ``<payload>.<signature>``, both base64url without padding: the payload
is ``<request id>:<sheet UID>:<expiry, epoch seconds>``, the signature an
HMAC-SHA256 of the payload (prefixed with `PURPOSE`, so no other use of the
secret can yield it) keyed with a secret of the site's keyring (plone.keyring's
``_system`` ring, the one plone.protect rotates weekly and keeps five of). A new
token is signed with the ring's current secret; a token is accepted when any
secret of the ring signs it (compared in constant time), so a rotation does not
void links: the oldest secret leaves the ring after five rotations, at least 28
days, longer than `facts.FACT_CHECK_DAYS` (tests/factcheck check it).
"""

import base64
import binascii
import hashlib
import hmac
from plone.keyring.interfaces import IKeyManager
import re
from zope.component import getUtility


RING = "_system"
PURPOSE = b"guichet_kb.fact_check\n"
_PART = re.compile(r"^[A-Za-z0-9_-]{1,200}$")
_ID = re.compile(r"^[0-9a-f]{32}$")
MAX_TOKEN = 400  # characters: anything longer is no token of ours


class BadToken(Exception):
    """Not a token this site signed (forged, altered, truncated)."""


def _b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret, payload):
    return hmac.new(secret.encode("utf-8"), PURPOSE + payload, hashlib.sha256).digest()


def _secrets():
    return [secret for secret in getUtility(IKeyManager)[RING] if secret]


def sign(request_id, uid, expires):
    """The token of a request (``expires``: epoch seconds)."""
    payload = f"{request_id}:{uid}:{int(expires)}".encode("ascii")
    return f"{_b64(payload)}.{_b64(_mac(_secrets()[0], payload))}"


def read(token):
    """(request id, sheet UID, expiry epoch seconds) of a token the site signed, else BadToken.

    The expiry is returned, not checked: the caller tells an expired link (genuine,
    out of date) from a forged one."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN or token.count(".") != 1:
        raise BadToken()
    encoded, signature = token.split(".")
    if not (_PART.match(encoded) and _PART.match(signature)):
        raise BadToken()
    try:
        payload, mac = _unb64(encoded), _unb64(signature)
    except (binascii.Error, ValueError):
        raise BadToken() from None
    if not any(hmac.compare_digest(mac, _mac(secret, payload)) for secret in _secrets()):
        raise BadToken()
    request_id, uid, expires = payload.decode("ascii").split(":")
    if not (_ID.match(request_id) and expires.isdigit()):
        raise BadToken()
    return request_id, uid, int(expires)
