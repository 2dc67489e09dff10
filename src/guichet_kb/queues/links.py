"""The tracking link of a queue ticket: `<public_site_url>/file-attente/ticket/<code>?token=…`.

The token (guichet_kb/tokens.py, purpose b"guichet_kb.queue-ticket\\n") is signed for the
ticket's code and its day and expires at the end of that day (midnight, the portal's
zone): a ticket lives one day, so the `_system` keyring (rotated weekly, five kept) is
enough. `read_token` tells a link the site never signed for this code (BadLink: the
REST answer is the same 404 as an unknown code) from a genuine link of a past day
(ExpiredLink: 410). Without a public site (`public_site_url` empty) there is no link:
the ticket's number is what the citizen shows at the desk. Nothing personal in a
token: the code and a time.
"""

from datetime import datetime
from datetime import time
from datetime import timedelta
from guichet_kb import clock
from guichet_kb import tokens
from guichet_kb.appointments.links import public_site_url
from guichet_kb.facts import QUEUE_PUBLIC_PATH
from urllib.parse import quote


PURPOSE = b"guichet_kb.queue-ticket\n"


class BadLink(Exception):
    """Not a link this site signed for this ticket."""


class ExpiredLink(Exception):
    """A genuine link of a day that has ended."""


def end_of(day):
    """Midnight after ``day`` (the portal's zone), in epoch seconds."""
    return int(datetime.combine(day + timedelta(days=1), time(0), tzinfo=clock.zone()).timestamp())


def token_of(ticket):
    """The token of the ticket's link, valid until the end of its day."""
    return tokens.sign(PURPOSE, [ticket.code, ticket.day.isoformat()], end_of(ticket.day))


def read_token(token, code):
    """Check a link's token for the ticket ``code``: BadLink when the site did not sign it
    for this code, ExpiredLink when its day has ended."""
    try:
        signed_code, _day, expires = tokens.read(PURPOSE, token, 2)
    except tokens.BadToken:
        raise BadLink() from None
    if signed_code != code:
        raise BadLink()
    if expires <= clock.now().timestamp():
        raise ExpiredLink()
    return code


def track_url(code, token):
    """The public page that follows the ticket, or None without a public site."""
    base = public_site_url()
    if not base or not token:
        return None
    return f"{base}/{QUEUE_PUBLIC_PATH}/ticket/{quote(code, safe='-')}?token={quote(token, safe='')}"


def link_of(ticket):
    """(token, tracking URL or None) of the ticket."""
    token = token_of(ticket)
    return token, track_url(ticket.code, token)
