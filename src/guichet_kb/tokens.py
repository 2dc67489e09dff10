"""Signed, expiring tokens bound to a purpose (links sent by e-mail), on plone.keyring.

A token is ``<payload>.<signature>``, both base64url without padding: the payload
is the fields joined by ":" then the expiry (epoch seconds); the signature an
HMAC-SHA256 of the purpose (``b"guichet_kb.<use>\\n"``: a token of one use is never
accepted by another, and no other use of the secret can yield one) and the payload,
keyed with a secret of a keyring. A new token is signed with the ring's current
secret; a token is accepted when any secret of the ring signs it (compared in
constant time), so a rotation does not void links until their secret leaves the ring.

Rings: ``_system`` (the default) is the one plone.protect rotates weekly and keeps five
of: good for links shorter than 28 days (the fact check's, factcheck/tokens.py). A link
that must live longer (a booking's, until the appointment, up to the agenda's maximum
lead time: appointments/codes.py) uses a ring of its own (`ensure_ring`, made at
install and by upgrade 1018), which nothing rotates automatically; rotating it by hand
voids every link signed before the ring's size of rotations.

Nothing personal in a payload: ids, codes and times only.
"""

import base64
import binascii
import hashlib
import hmac
from plone.keyring.interfaces import IKeyManager
from plone.keyring.keyring import Keyring
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


def _secrets(ring):
    manager = getUtility(IKeyManager)
    return [secret for secret in manager[ring] if secret] if ring in manager else []


def ensure_ring(name, size=2):
    """The keyring ``name``, made and filled when absent (install, upgrade, first signature)."""
    manager = getUtility(IKeyManager)
    if name not in manager:
        manager[name] = Keyring(size)
        manager[name].fill()
    return manager[name]


def sign(purpose, fields, expires, ring=RING):
    """The token of ``fields`` (strings without ":") for ``purpose`` (bytes), expiring at
    ``expires`` (epoch seconds), signed with ``ring``'s current secret."""
    fields = list(fields)
    if not all(isinstance(field, str) and ":" not in field for field in fields):
        raise ValueError("token fields are strings without ':'")
    secrets = _secrets(ring) or [secret for secret in ensure_ring(ring) if secret]
    payload = ":".join([*fields, str(int(expires))]).encode("utf-8")
    return f"{_b64(payload)}.{_b64(_mac(secrets[0], purpose, payload))}"


def read(purpose, token, count, ring=RING):
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
    if not any(hmac.compare_digest(mac, _mac(secret, purpose, payload)) for secret in _secrets(ring)):
        raise BadToken()
    try:
        parts = payload.decode("utf-8").split(":")
    except UnicodeDecodeError:
        raise BadToken() from None
    if len(parts) != count + 1 or not parts[-1].isdigit():
        raise BadToken()
    return (*parts[:-1], int(parts[-1]))
