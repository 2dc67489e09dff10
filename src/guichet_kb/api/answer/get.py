"""GET @answer?q=…[&audience=…][&life_event=…][&b_size=…]; the query checks
@answer-suggest and @top-services share."""

import functools
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.params import single
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.notices import json as notices_json
from guichet_kb.search.engine import engine
from guichet_kb.search.text import terms
from guichet_kb.serializers.card import card
from guichet_kb.serializers.card import competent_uids
from guichet_kb.serializers.card import named
from guichet_kb.serializers.card import offered_desks
from guichet_kb.serializers.card import organisations_lacking_desks
from guichet_kb.serializers.card import related_uids
from guichet_kb.serializers.desk import seen_organisations
from guichet_kb.serializers.family import family_json
from guichet_kb.serializers.family import offered
from guichet_kb.serializers.family import variant
from guichet_kb.serializers.provenance import provenance_json
from guichet_kb.serializers.provenance import RELATED_FIELDS
from guichet_kb.serializers.provenance import type_field_title
from guichet_kb.serializers.sheet import InternalReader
from guichet_kb.serializers.sheet import sheet_summary
from guichet_kb.visibility import visible_brains
from guichet_kb.visibility import visible_desks_of
from html import escape
import re
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


MAX_QUERY = 200
FAMILY_WINDOW = 10  # results looked at for a variant family, whatever b_size
INDEXES = {"audience": "audiences", "life_event": "life_events"}


def _checked_query(form):
    query = single(form, "q")
    if not query or not query.strip():
        raise Refused(400, _("error_query_required", default="Give a query: ?q=..."))
    if len(query) > MAX_QUERY:
        raise Refused(400, _("error_query_too_long", default="The query is too long (at most ${max} characters).", mapping={"max": MAX_QUERY}))
    return query


def _term_filter(form, name, vocabulary, context):
    value = single(form, name)
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
    family = None  # the variant family offered (reply() sets it)
    desks_of = {}  # the competent organisations' desks offered (reply() sets it)
    now = staff = None  # the moment and whether the caller is staff, for the notices (reply() sets them)

    def reply(self):
        form = self.request.form
        query = _checked_query(form)
        size = single(form, "b_size") or "10"
        if not str(size).isdigit() or not 1 <= int(size) <= 50:
            raise Refused(400, _("error_b_size", default="b_size must be a whole number from 1 to 50."))
        filters = {
            **_term_filter(form, "audience", "guichet_kb.audiences", self.context),
            **_term_filter(form, "life_event", "guichet_kb.life_events", self.context),
        }
        query_terms = set(terms(query))
        ranked = engine().search(query, filters, max(int(size), FAMILY_WINDOW))
        self.family = family = offered(ranked)
        if family:  # the family's variants first (best score first), then the rest
            chosen = {brain.UID for brain, _score in family["variants"]}
            ranked = family["variants"] + [(b, s) for b, s in ranked if b.UID not in chosen]
        results = ranked[: int(size)]
        # Cards from catalog metadata (serializers/card.py): the related items
        # (documents, desks, departments) of all results in one catalog query, with
        # the caller's rights; no result is woken (but for a staff call script).
        cards = [(brain, score, card(brain)) for brain, score in results]
        self.related = visible_brains(uid for _b, _s, c in cards for uid in related_uids(c))
        seen_organisations(self.related.values(), self.request)  # their desks name them, no query more
        # The desks of competent organisations a sheet lists no desk of: one query.
        self.desks_of = visible_desks_of(uid for _b, _s, c in cards for uid in organisations_lacking_desks(c, self.related))
        self.internal = InternalReader(self.context)
        self.now, self.staff = clock.now(), notices_json.staff()
        items = [self.item(brain, score, c, query_terms) for brain, score, c in cards]
        reply = {"@id": f"{self.context.absolute_url()}/@answer", "query": query, "items": items, "items_total": len(items)}
        reply["family"] = family_json(family, self.request) if family else None
        return reply

    def item(self, brain, score, card, query_terms):
        data = {
            "@id": brain.getURL(),
            "@type": brain.portal_type,
            "UID": brain.UID,
            "title": brain.Title,
            "summary": brain.Description,
            "external_id": brain.external_id or None,
            "score": score,
            "snippets": {"title": highlight(brain.Title, query_terms), "summary": highlight(brain.Description, query_terms)},
            "provenance": self.provenance(brain, card),
        }
        data["variant"] = variant(brain, self.family)
        # Notices of the item, its offered desks and its competent organisations the
        # caller may see (notices/json.py).
        bodies = [self.related[uid] for uid in competent_uids(card) if uid in self.related]
        data["notices"] = notices_json.of_related(brain, offered_desks(card, self.related, self.desks_of) + bodies, self.now, self.staff)
        if brain.portal_type == "ServiceSheet":
            data.update(sheet_summary(brain, card, self.related, self.request, self.internal, self.desks_of))
        else:
            data["short_answer"] = card["short_answer"]
        return data

    def provenance(self, brain, card):
        shown = {name for name in RELATED_FIELDS if any(uid in self.related for uid in named(card, name))}
        return provenance_json(card["provenance"], shown, lambda name: type_field_title(brain.portal_type, name, self.request), self.request)
