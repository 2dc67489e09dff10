"""Which queries may be counted: no personal data, ever.

A query is dropped (nothing stored) when it carries what the project's rule
refuses in free text (interactions/screen.py: e-mail addresses, written plainly
or spelled out, and phone numbers), a run of 5 or more digits (a file, tax or
social security number, a postcode with a street...), an at-sign, or a word
that is the first or last name of a user of the site (agents type a caller's
name with their request more often than one thinks; the staff's names are the
ones the site knows).

The names are the words of the users' full names, folded (case, accents), stop
words and single letters left out ("Jean de la Fontaine" -> jean, fontaine).
They are read from the user directory (portal_membership, so LDAP or other PAS
plugins count too) at most once per NAMES_TTL seconds and per site, and
forgotten as soon as a user is created, deleted or edited in this process
(configure.zcml): another instance sees a change within NAMES_TTL. Only a
logged call with a query and a search log beacon (search/logs) ask for them,
never a search itself. `personal()` is the personal-data part alone: the search
logs keep the queries nothing was found for, the very ones `findable` refuses.

Junk is not counted either: a query none of whose words (or their synonyms and
typo corrections) the search index knows cannot have led to the item, whatever
it is (200 times one letter, emoji, another script, only stop words).
"""

from guichet_kb.interactions.screen import has_personal_data
from guichet_kb.search.text import words
from guichet_kb.search.vocabulary import Vocabulary
from plone import api
import re
import threading
import time


NAMES_TTL = 300
_DIGITS = re.compile(r"\d{5,}")
_NAMES = {}
_LOCK = threading.Lock()


def user_names():
    """Folded words of the site's users' full names (cached)."""
    portal = api.portal.get()
    where = (id(portal._p_jar.db()) if portal._p_jar else None, "/".join(portal.getPhysicalPath()))
    now = time.monotonic()
    cached = _NAMES.get(where)
    if cached is not None and cached[0] > now:
        return cached[1]
    names = set()
    membership = api.portal.get_tool("portal_membership")
    for member in membership.listMembers():
        fullname = member.getProperty("fullname", "") or ""
        names.update(word for word in words(fullname) if len(word) > 1 and not word.isdigit())
    names = frozenset(names)
    with _LOCK:
        _NAMES[where] = (now + NAMES_TTL, names)
    return names


def forget_names(*_event):
    """A user was created, deleted or edited: read the directory again next time."""
    with _LOCK:
        _NAMES.clear()


def findable(query):
    """True when one of the query's words, or of their alternatives, is in the index."""
    vocabulary = Vocabulary(api.portal.get_tool("portal_catalog"))
    return any(vocabulary.known(option) for group in vocabulary.alternatives(words(query)) for option in group)


def _written_personal(query):
    return "@" in query or bool(_DIGITS.search(query)) or has_personal_data(query)


def _names_a_user(query):
    return bool(set(words(query)) & user_names())


def personal(query):
    """True when the query may carry personal data (the search logs drop it too)."""
    return _written_personal(query) or _names_a_user(query)


def allowed(query):
    """True when the query may be counted as a choice."""
    return not _written_personal(query) and findable(query) and not _names_a_user(query)
