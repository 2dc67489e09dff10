"""Signed, expiring tokens bound to a purpose (links sent by e-mail).

A token is ``<payload>.<signature>``, both base64url without padding: the payload
is the fields joined by ":" then the expiry (epoch seconds); the signature an
HMAC-SHA256 of the purpose and the payload, keyed with a secret of the site's
keyring (plone.keyring's ``_system`` ring, which plone.protect rotates weekly and
keeps five of). A new token is signed with the ring's current secret; a token is
accepted when any secret of the ring signs it (compared in constant time), so a
rotation does not void links before the oldest secret leaves the ring (at least
28 days). A purpose ("guichet_kb.booking\\n") keeps a token of one use from being
accepted by another.
"""

import base64
import binascii
import hashlib
import hmac
from plone.keyring.interfaces import IKeyManager
import re
from zope.component import getUtility


RING = "_system"
_PART = re.compile(r"^[A-Za-z0-9_-]{1,300}$")
MAX_TOKEN = 400  # characters: anything longer is no token of ours


class BadToken(Exception):
    """Not a token this site signed for this purpose (forged, altered, truncated)."""


def _b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret, purpose, payload):
    return hmac.new(secret.encode("utf-8"), purpose + payload, hashlib.sha256).digest()


def _secrets():
    return [secret for secret in getUtility(IKeyManager)[RING] if secret]


def sign(purpose, fields, expires):
    """The token of ``fields`` (strings without ":") for ``purpose`` (bytes), expiring at
    ``expires`` (epoch seconds)."""
    payload = ":".join([*fields, str(int(expires))]).encode("utf-8")
    return f"{_b64(payload)}.{_b64(_mac(_secrets()[0], purpose, payload))}"


def read(purpose, token, count):
    """(fields..., expiry epoch seconds) of a token the site signed for ``purpose`` with
    ``count`` fields, else BadToken. The expiry is returned, not checked: the caller
    tells an expired link (genuine, out of date) from a forged one."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN or token.count(".") != 1:
        raise BadToken()
    encoded, signature = token.split(".")
    if not (_PART.match(encoded) and _PART.match(signature)):
        raise BadToken()
    try:
        payload, mac = _unb64(encoded), _unb64(signature)
    except (binascii.Error, ValueError):
        raise BadToken() from None
    if not any(hmac.compare_digest(mac, _mac(secret, purpose, payload)) for secret in _secrets()):
        raise BadToken()
    parts = payload.decode("utf-8").split(":")
    if len(parts) != count + 1 or not parts[-1].isdigit():
        raise BadToken()
    return (*parts[:-1], int(parts[-1]))
