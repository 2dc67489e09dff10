"""The booking forms' input: the body read with a cap, the same-origin check, the
person's fields checked (issue 18).

The public app keeps no session, so its forms carry no CSRF token: a POST is taken
only from a page of this site. Browsers send `Origin` with every form POST (and
`Referer` under the site's referrer policy); a POST whose Origin (or, without one,
Referer) is another site's, `null` (a sandboxed or privacy-stripped origin), or that
carries neither, is refused (403).

Nothing is kept here: the name, e-mail and phone go to Plone's `@bookings` in the
same request (which keeps them until the appointment is past plus the retention
setting, then erases them) and are echoed back only in the form page that shows an
error, never in a URL, a log line or a cache.
"""

from guichet_kb.facts import BOOKING_NAME_MAX
from guichet_kb.facts import PHONE_PATTERN
from guichet_kb.interactions.screen import has_personal_data
from guichet_kb.interactions.screen import is_email
from guichet_kb.public.limits import clean_query
import re
from urllib.parse import parse_qs
from urllib.parse import urlsplit


MAX_BODY = 4096
MAX_FIELDS = 12
PHONE = re.compile(PHONE_PATTERN)
EMAIL_MAX = 254


class TooLarge(Exception):
    """The body is over MAX_BODY bytes (413)."""


async def read_form(request):
    """The urlencoded body as {name: first value}, cleaned of control characters."""
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        raise TooLarge()
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise TooLarge()
    fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=MAX_FIELDS)
    return {key: clean_query(values[0], MAX_BODY) for key, values in fields.items()}


def _origin(url):
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


def same_origin(request, base_url):
    """True when the POST comes from a page of this site (`base_url`, or the request's own host)."""
    ours = {_origin(base_url), _origin(f"{request.url.scheme}://{request.headers.get('host', '')}")} - {None}
    origin = request.headers.get("origin")
    if origin:
        return origin.lower() in ours
    referer = _origin(request.headers.get("referer"))
    return referer is not None and referer in ours


def check_person(form, gettext):
    """(person, errors): the name, e-mail and phone of the form, and {field: French message}
    for each one that is wrong; the REST layer checks them again."""
    name = form.get("nom", "")[: BOOKING_NAME_MAX + 1]
    email = form.get("courriel", "").strip()[: EMAIL_MAX + 1]
    phone = form.get("telephone", "").strip()[:40]
    errors = {}
    if not name:
        errors["nom"] = gettext("Enter your name.")
    elif len(name) > BOOKING_NAME_MAX:
        errors["nom"] = gettext("Your name is too long (%(max)s characters at most).") % {"max": BOOKING_NAME_MAX}
    elif has_personal_data(name):
        errors["nom"] = gettext("Enter only your name here, without an e-mail address or a phone number.")
    if not email:
        errors["courriel"] = gettext("Enter your e-mail address: the confirmation is sent to it.")
    elif len(email) > EMAIL_MAX or not is_email(email):
        errors["courriel"] = gettext("Enter a valid e-mail address, for example nom@exemple.fr.")
    if phone and not PHONE.match(phone):
        errors["telephone"] = gettext("Enter a valid phone number, for example 06 12 34 56 78, or leave it empty.")
    person = {"name": name, "email": email}
    if phone:
        person["phone"] = phone
    return person, errors
