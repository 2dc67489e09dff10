"""Fact-check test helpers (tests/factcheck, tests/browser, the leak matrix): the
expert's address, the token of a request's mail, an answer, the stored records."""

import re
import transaction


EXPERT = "expert.etat-civil@ville-exemple.invalid"
TOKEN_IN_MAIL = re.compile(r"@@fact-check\?token=(\S+)")


def token_of(message):
    return TOKEN_IN_MAIL.search(message["body"]).group(1)


def answer(rest, site, token, **body):
    """POST @fact-check-answer as an anonymous caller."""
    return rest(None).post(f"{site}/@fact-check-answer", json={"token": token, **body})


def records(functional, sheet_url):
    """The stored requests of the sheet at ``sheet_url`` (as the server committed them)."""
    from guichet_kb.factcheck import store

    transaction.begin()
    portal = functional["portal"]
    sheet = portal.unrestrictedTraverse(sheet_url.replace(portal.absolute_url() + "/", ""))
    return store.records(sheet)
