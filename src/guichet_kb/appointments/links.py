"""The public address of a booking: `<public_site_url>/rendez-vous/<code>?token=…`.

`public_site_url` is a site setting (IGuichetSettings, the control panel; `make start`
sets it to the public site it serves, the test layer to testing.PUBLIC_SITE_URL). Empty:
no link at all (the Plone site has no booking page of its own): the e-mails give the
booking code, which the desk finds. The token (appointments/codes.py) expires when the
appointment starts, and a moved booking gets a new one.
"""

from guichet_kb.facts import BOOKING_PUBLIC_PATH
from plone import api
from urllib.parse import quote


PUBLIC_URL_RECORD = "guichet_kb.public_site_url"


def public_site_url():
    """The public site's address without its final '/', or '' when none is set."""
    value = api.portal.get_registry_record(PUBLIC_URL_RECORD, default="") or ""
    return value.strip().rstrip("/")


def manage_url(code, token):
    """The page where the citizen moves or cancels the booking, or None without a public site."""
    base = public_site_url()
    if not base or not token:
        return None
    return f"{base}/{BOOKING_PUBLIC_PATH}/{quote(code, safe='-')}?token={quote(token, safe='')}"


def link_of(booking):
    """(token, manage URL or None) of the booking as it stands now: the token names its
    start and expires then (a moved booking's former link is refused: codes.read_link)."""
    from guichet_kb.appointments import codes

    token = codes.link_token(booking.code, booking.start)
    return token, manage_url(booking.code, token)
