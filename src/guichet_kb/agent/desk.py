"""« Mon guichet » on the command line (issue 17): the desk where the agent works.

``guichet-kb log … --desk <id|UID>`` and ``orient … --desk``, or once for all in the
environment (``GUICHET_DESK``, like GUICHET_URL and GUICHET_USER). The desk is named by
its id (the last part of its address, ``guichets/<id>``) or its UID and looked up among
the published desks (``GET @desks``); the call is logged with its UID. Nothing is
written on the agent's machine.
"""

from guichet_kb.agent import texts as words
from guichet_kb.agent.client import ClientError
import os


ENV = "GUICHET_DESK"


def default():
    """The desk of the environment (GUICHET_DESK), or None when unset or empty."""
    return os.environ.get(ENV, "").strip() or None


def resolve(client, t, value):
    """The published desk (its @desks JSON) that ``value`` names; a clear message and exit
    code 4 otherwise."""
    value = value.strip()
    for desk in client.get("@desks")["items"]:
        if value in (desk["UID"], desk["@id"].rstrip("/").rsplit("/", 1)[-1]):
            return desk
    raise ClientError(t(words.DESK_UNKNOWN, value=value), 4)
