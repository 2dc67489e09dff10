"""POST @search-log {"query", "source", "results"[, "opened"]}: one settled search (204).

The callers send it because GET @answer never writes: the public site for each
/recherche page with a query (its visitor's address in X-Forwarded-For, as for
@page-view), the agent console once per settled query (an opened result, or the
agent moved on without opening one). `source` "public" may come from anyone
(anonymous callers are rate-limited per address, RATE_LIMIT a minute); "agent"
needs the agents' permission (401 anonymous, 403 without it). `opened` goes with
"agent" only. What is kept, and what is dropped unsaid: search/logs/store.py.
"""

from guichet_kb import _
from guichet_kb.api.answer.get import MAX_QUERY
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.facts import SEARCH_SOURCES
from guichet_kb.permissions import VIEW_INTERNAL
from guichet_kb.protection.clients import flood_allowed
from guichet_kb.search import logs
from plone import api
from zope.security import checkPermission


FIELDS = frozenset({"query", "source", "results", "opened"})
RATE_LIMIT = 60  # public searches per visitor and minute, per process


class SearchLogPost(GuichetService):
    # No token: anonymous callers have no credentials to forge, and an agent's cookie
    # session still passes protection/csrf.py's Origin check.
    csrf = CSRF_OFF

    def reply(self):
        anonymous = api.user.is_anonymous()
        if anonymous and not flood_allowed(self.request, "search", RATE_LIMIT):
            raise Refused(429, _("error_rate_limited", default="Too many requests: try again in a minute."))
        query, source, results, opened = checked(self.json_body())
        if source == "agent" and not checkPermission(VIEW_INTERNAL, self.context):
            if anonymous:
                raise Refused(401, _("error_login_required", default="Log in first (staff only)."))
            raise Refused(403, _("error_not_allowed", default="Your account is not allowed to do this."))
        logs.record(query, source, results, opened)
        return self.reply_no_content()


def checked(data):
    """(query, source, results, opened) of a well-formed body, else a 400."""
    if set(data) - FIELDS:
        fields = ", ".join(sorted(FIELDS))
        raise Refused(400, _("error_agent_fields", default="Expected a JSON object with only these fields: ${fields}.", mapping={"fields": fields}))
    query, source, results, opened = data.get("query"), data.get("source"), data.get("results"), data.get("opened")
    if not isinstance(query, str) or len(query) > MAX_QUERY:
        raise Refused(
            400,
            _("error_interaction_query", default="'query' must be the words searched, at most ${max} characters.", mapping={"max": MAX_QUERY}),
        )
    if source not in SEARCH_SOURCES:
        allowed = ", ".join(SEARCH_SOURCES)
        raise Refused(400, _("error_bad_choice", default="'${name}' must be one of: ${allowed}.", mapping={"name": "source", "allowed": allowed}))
    if isinstance(results, bool) or not isinstance(results, int) or results < 0:
        raise Refused(400, _("error_search_log_results", default="'results' must be the number of results shown, a whole number (0 or more)."))
    if opened is not None and (not isinstance(opened, bool) or source != "agent"):
        raise Refused(400, _("error_search_log_opened", default="'opened' is true or false, and only with the source 'agent'."))
    return query, source, results, bool(opened)
