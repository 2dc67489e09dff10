"""Competent bodies on the CLI's card, and which one an orientation names (issue 16).

A sheet's ``competent`` list (`@answer` items, the ``guichet`` expansion) puts the
bodies other than the town first: the card prints them first ("Traité par : …"
with their contact, the agents' direct line included), the town before the desks.
``guichet-kb orient <sheet> <body>`` names a body by its number in that order, its
UID, or its id (the last part of its address).
"""

from guichet_kb.agent import texts as words
from guichet_kb.agent.client import ClientError
import re


UID = re.compile(r"^[0-9a-f]{32}$")
# The contact printed under a body, in this order (serializers/organisation.py CONTACT + the direct line).
CONTACT = (
    ("phone", words.CONTACT_PHONE),
    ("staff_phone", words.CONTACT_STAFF_PHONE),
    ("email", words.CONTACT_EMAIL),
    ("website", words.CONTACT_WEBSITE),
    ("online_contact_url", words.CONTACT_ONLINE),
)


def contact_lines(t, body, indent="  "):
    return [indent + t(label, value=body[name]) for name, label in CONTACT if body.get(name)]


def body_lines(t, body):
    """'Traité par : <title> (<kind>) — <case>' and the body's contact."""
    head = t(words.HANDLED_BY, title=body["title"], kind=body.get("kind_title") or body.get("kind") or "")
    return [f"{head} — {body['case']}" if body.get("case") else head, *contact_lines(t, body)]


def lead_lines(t, bodies):
    """The bodies other than the town: first on the card."""
    return [line for body in bodies or () if not body.get("is_town") for line in body_lines(t, body)]


def town_lines(t, bodies):
    """The town: in the usual place, before the desks."""
    return [line for body in bodies or () if body.get("is_town") for line in body_lines(t, body)]


def pick(t, bodies, value):
    """The body an orientation names: its number in the card's order, its id, or a UID
    (any published organisation; the server checks it). A clear message otherwise."""
    value = value.strip()
    if value.isdigit():
        number = int(value)
        if not bodies:
            raise ClientError(t(words.ORIENT_NO_BODY), 4)
        if not 1 <= number <= len(bodies):
            raise ClientError(t(words.ORIENT_BAD, value=value, count=len(bodies)), 4)
        return bodies[number - 1]
    for body in bodies or ():
        if value in (body["UID"], body["@id"].rstrip("/").rsplit("/", 1)[-1]):
            return body
    if UID.match(value):
        return {"UID": value}
    raise ClientError(t(words.ORIENT_BAD, value=value, count=len(bodies or ())) if bodies else t(words.ORIENT_NO_BODY), 4)
