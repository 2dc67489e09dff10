"""GET @answer?q=…[&audience=…][&life_event=…][&b_size=…]; the query checks
@answer-suggest and @top-services share."""

import functools
from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.browser.desk import desk_address
from guichet_kb.permissions import VIEW_INTERNAL
from guichet_kb.search.engine import engine
from guichet_kb.search.text import terms
from guichet_kb.visibility import visible
from html import escape
from Missing import MV
import re
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory
from zope.security import checkPermission


MAX_QUERY = 200
INDEXES = {"audience": "audiences", "life_event": "life_events"}


def _one(form, name):
    value = form.get(name)
    if isinstance(value, list):
        raise Refused(400, _("error_repeated_parameter", default="Give '${name}' once.", mapping={"name": name}))
    return value


def _checked_query(form):
    query = _one(form, "q")
    if not query or not query.strip():
        raise Refused(400, _("error_query_required", default="Give a query: ?q=..."))
    if len(query) > MAX_QUERY:
        raise Refused(400, _("error_query_too_long", default="The query is too long (at most ${max} characters).", mapping={"max": MAX_QUERY}))
    return query


def _term_filter(form, name, vocabulary, context):
    value = _one(form, name)
    if value is None:
        return {}
    tokens = [t.token for t in getUtility(IVocabularyFactory, vocabulary)(context)]
    if value not in tokens:
        raise Refused(
            400,
            _(
                "error_unknown_term",
                default="Unknown value '${value}'. Allowed values: ${allowed}.",
                mapping={"value": re.sub(r"[^\w\- ]", "?", value)[:50], "allowed": ", ".join(tokens)},
            ),
        )  # noqa: E501
    return {INDEXES[name]: value}


_TOKENS = re.compile(r"(\w+)")


def _meta(brain, name):
    value = getattr(brain, name, None)
    return None if value is MV else value


@functools.lru_cache(maxsize=50_000)
def _term(word):
    found = terms(word)
    return found[0] if found else None


def highlight(text, query_terms):
    """Escaped text with the words matching the query wrapped in <mark>."""
    # Marks are placed as control characters, then the text is escaped once.
    text = (text or "").replace("\x02", "").replace("\x03", "")
    marked = _TOKENS.sub(lambda m: f"\x02{m.group(0)}\x03" if _term(m.group(0)) in query_terms else m.group(0), text)
    return escape(marked).replace("\x02", "<mark>").replace("\x03", "</mark>")


class AnswerGet(GuichetService):
    def reply(self):
        form = self.request.form
        query = _checked_query(form)
        size = _one(form, "b_size") or "10"
        if not str(size).isdigit() or not 1 <= int(size) <= 50:
            raise Refused(400, _("error_b_size", default="b_size must be a whole number from 1 to 50."))
        filters = {
            **_term_filter(form, "audience", "guichet_kb.audiences", self.context),
            **_term_filter(form, "life_event", "guichet_kb.life_events", self.context),
        }
        query_terms = set(terms(query))
        results = engine().search(query, filters, int(size))
        # Document titles for all items in one catalog query, not one per item.
        objects = [(brain, score, brain.getObject()) for brain, score in results]
        uids = {row["document"] for _b, _s, obj in objects for row in getattr(obj, "required_documents", None) or ()}
        self.document_titles = {b.UID: b.Title for b in self.context.portal_catalog(UID=list(uids))} if uids else {}
        items = [self.item(brain, score, obj, query_terms) for brain, score, obj in objects]
        return {"@id": f"{self.context.absolute_url()}/@answer", "query": query, "items": items, "items_total": len(items)}

    def item(self, brain, score, obj, query_terms):
        data = {
            "@id": brain.getURL(),
            "@type": brain.portal_type,
            "UID": brain.UID,
            "title": brain.Title,
            "summary": brain.Description,
            "external_id": brain.external_id or None,
            "score": score,
            "snippets": {"title": highlight(brain.Title, query_terms), "summary": highlight(brain.Description, query_terms)},
        }
        if brain.portal_type == "ServiceSheet":
            desks = visible(obj.desks)
            first = None
            if desks:
                status = desks[0].schedule().status()
                first = {
                    "title": desks[0].Title(),
                    "url": desks[0].absolute_url(),
                    "phone": desks[0].phone,
                    "address": desk_address(desks[0]),
                    "open_now": status["open_now"],
                    "next_opening": status["next_opening"].isoformat() if status["next_opening"] else None,
                }
            titles = [self.document_titles[row["document"]] for row in obj.required_documents or () if row["document"] in self.document_titles]
            # Catalog metadata where it exists: reading unset fields of an object
            # goes through schema defaults, which showed in the profile.
            free = _meta(brain, "free_of_charge")
            amount = None if free else obj.cost_amount
            data.update(
                {
                    "channels": list(_meta(brain, "channels") or []),
                    "online_service_url": _meta(brain, "online_service_url"),
                    "required_documents": titles,
                    "desk": first,
                    "free_of_charge": bool(free),
                    "cost": translate(_("cost_free", default="free"), context=self.request)
                    if free
                    else (str(amount) if amount is not None else _meta(brain, "cost_note")),
                    "processing_time": _meta(brain, "processing_time"),
                }
            )
            if checkPermission(VIEW_INTERNAL, obj):
                data["call_script"] = {"questions": obj.call_script_questions, "answer": obj.call_script_answer}
        else:
            data["short_answer"] = obj.short_answer
        return data
