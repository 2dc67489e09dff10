"""Booking codes and the signed links that move or cancel a booking.

A code is 8 characters of an alphabet without look-alikes (facts), shown
"ABCD-EFGH": read on the phone, typed at the desk. It names a booking; it does
not open it. The link to move or cancel carries a token signed for the code and
its current start (guichet_kb.tokens): it expires when the appointment starts, and
a move makes a new one, so an old link cannot move the booking again. Signed with a
keyring of its own (facts.BOOKING_LINK_RING), not plone.protect's weekly-rotated
``_system`` ring whose secrets last 28 days: a booking may be 60 days ahead or more.
"""

from guichet_kb import clock
from guichet_kb import tokens
from guichet_kb.facts import BOOKING_CODE_ALPHABET
from guichet_kb.facts import BOOKING_CODE_LENGTH
from guichet_kb.facts import BOOKING_LINK_RING
import re
import secrets


PURPOSE = b"guichet_kb.booking\n"
HALF = BOOKING_CODE_LENGTH // 2
_CODE = re.compile(rf"^[{BOOKING_CODE_ALPHABET}]{{{HALF}}}-[{BOOKING_CODE_ALPHABET}]{{{HALF}}}$")


class BadLink(Exception):
    """Not a link this site signed for this booking."""


class ExpiredLink(Exception):
    """A genuine link whose appointment has started (or was moved since)."""


def new_code():
    raw = "".join(secrets.choice(BOOKING_CODE_ALPHABET) for _index in range(BOOKING_CODE_LENGTH))
    return f"{raw[:HALF]}-{raw[HALF:]}"


def normalise(text):
    """The canonical code of what a person typed ("abcd efgh", "ABCDEFGH"), else None."""
    if not isinstance(text, str) or len(text) > 20:
        return None
    raw = re.sub(r"[\s-]", "", text).upper()
    code = f"{raw[:HALF]}-{raw[HALF:]}"
    return code if _CODE.match(code) else None


def link_token(code, start):
    """The token of the booking's links, valid until ``start`` (an aware datetime)."""
    stamp = int(start.timestamp())
    return tokens.sign(PURPOSE, [code, str(stamp)], stamp, ring=BOOKING_LINK_RING)


def read_link(token, code, start):
    """Check a link's token against the booking (its code and current start): BadLink when
    the site did not sign it for this code, ExpiredLink when the start passed or moved."""
    try:
        signed_code, signed_start, expires = tokens.read(PURPOSE, token, 2, ring=BOOKING_LINK_RING)
    except tokens.BadToken:
        raise BadLink() from None
    if signed_code != code:
        raise BadLink()
    if expires <= clock.now().timestamp() or int(signed_start) != int(start.timestamp()):
        raise ExpiredLink()
    return code
