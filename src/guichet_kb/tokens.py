"""Signed, expiring, purpose-bound tokens on the site's keyring (plone.keyring).

A token is ``<payload>.<signature>``, both base64url without padding: the payload
is ``<field>:<field>:…:<expiry, epoch seconds>``, the signature an HMAC-SHA256 of the
payload prefixed with ``guichet_kb.<purpose>\\n`` (so a token of one use is never a
token of another, and no other use of the secret can yield one) keyed with a secret
of a keyring. A new token is signed with the ring's current secret; a token is
accepted when any secret of the ring signs it (compared in constant time), so a
rotation does not void links until their secret leaves the ring.

Rings: ``_system`` (the default) is the one plone.protect rotates weekly and keeps
five of: good for links shorter than 28 days (the fact check's). A link that must
live longer (a booking's, until the appointment, up to the agenda's maximum lead
time) uses a ring of its own (`ensure_ring`), which nothing rotates automatically;
rotating it by hand voids every link signed before the ring's size of rotations.

Users: factcheck/tokens.py (fact-check requests), appointments/codes.py (the
move/cancel link of a booking). Nothing personal in a payload: ids and codes only.
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
_PART = re.compile(r"^[A-Za-z0-9_-]{1,200}$")
_PURPOSE = re.compile(r"^[a-z][a-z0-9_.]{0,60}$")
_FIELD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_TOKEN = 400  # characters: anything longer is no token of ours


class BadToken(Exception):
    """Not a token this site signed for this purpose (forged, altered, truncated)."""


def _b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _prefix(purpose):
    if not _PURPOSE.match(purpose):
        raise ValueError(f"not a token purpose: {purpose!r}")
    return f"guichet_kb.{purpose}\n".encode("ascii")


def _mac(purpose, secret, payload):
    return hmac.new(secret.encode("utf-8"), _prefix(purpose) + payload, hashlib.sha256).digest()


def _secrets(ring):
    manager = getUtility(IKeyManager)
    return [secret for secret in manager[ring] if secret] if ring in manager else []


def ensure_ring(name, size=2):
    """The keyring ``name``, created and filled when absent (install, upgrade, first use)."""
    manager = getUtility(IKeyManager)
    if name not in manager:
        manager[name] = Keyring(size)
        manager[name].fill()
    return manager[name]


def sign(purpose, fields, expires, ring=RING):
    """The token of ``fields`` (ids: letters, digits, '-' and '_') expiring at ``expires`` (epoch seconds)."""
    fields = tuple(fields)
    if not all(isinstance(field, str) and _FIELD.match(field) for field in fields):
        raise ValueError("token fields are ids: letters, digits, '-' and '_'")
    secrets = _secrets(ring) or [secret for secret in ensure_ring(ring) if secret]
    payload = ":".join((*fields, str(int(expires)))).encode("ascii")
    return f"{_b64(payload)}.{_b64(_mac(purpose, secrets[0], payload))}"


def read(purpose, token, ring=RING):
    """(fields, expiry epoch seconds) of a token the site signed for ``purpose``, else BadToken.

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
    if not any(hmac.compare_digest(mac, _mac(purpose, secret, payload)) for secret in _secrets(ring)):
        raise BadToken()
    *fields, expires = payload.decode("ascii").split(":")
    if not expires.isdigit():
        raise BadToken()
    return tuple(fields), int(expires)
