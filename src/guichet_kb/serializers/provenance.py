"""Where an item comes from: "Source : Service-Public.fr, fiche vérifiée le 5 novembre 2020".

One shape for every reader: the `guichet` expansion (the public sheet page, the
CLI's `show`), `@answer` (the agent console's card, the CLI's `ask`) and the
Classic pages. Only for an item imported from Service-Public (an external
reference and the import record): anything else has no provenance (None).

"vérifiée le" is the national dc:date of the fiche the item was last imported
from. What the town added is listed by field title: its desks and department,
an appointment or an amount it set, and the imported fields it changed (local
overrides, kept on re-import); staff-only fields are never named.
"""

from guichet_kb import _
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.content.imported import local_overrides
from guichet_kb.dates.words import long_date
from guichet_kb.national.changes import field_title
from guichet_kb.visibility import first_visible
from guichet_kb.visibility import visible
from plone.dexterity.utils import iterSchemataForType
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.i18n.interfaces import IUserPreferredLanguages


SOURCE = "Service-Public.fr"
SOURCE_LINE = _("provenance_source", default="Source: ${source}, fiche checked on ${date}")
SOURCE_LINE_UNDATED = _("provenance_source_undated", default="Source: ${source}")
LOCAL_LINE = _("provenance_local", default="Completed by the town: ${fields}.")
# Fields only the town fills (never imported), shown when set, in this order.
LOCAL_FIELDS = ("desks", "department", "appointment_url", "cost_amount")
# Of those, the ones that count as set only when the caller may see what they point to.
RELATED_FIELDS = ("desks", "department")
STAFF_FIELDS = frozenset({"call_script_questions", "call_script_answer", "internal_notes", "backoffice_contact"})


CACHE_KEY = "guichet_kb.serializers.provenance"
# Sentences and field titles already translated, per language, for the whole
# process: message catalogs do not change while it runs, and the same few dates
# and field lists come back in every reply (translating negotiates the language
# each time: that was a tenth of an @answer). Bounded: emptied when full.
_TRANSLATED = {}
MAX_TRANSLATED = 20_000


def languages(request):
    """The request's preferred languages (what every translation domain's
    negotiation reads: zope.i18n's negotiator asks IUserPreferredLanguages, which
    Plone adapts to the site's language settings), read once per request."""
    cache = IAnnotations(request).setdefault(CACHE_KEY, {})
    if "languages" not in cache:
        preferred = IUserPreferredLanguages(request, None)
        cache["languages"] = tuple(preferred.getPreferredLanguages()) if preferred is not None else ()
    return cache["languages"]


def once(request, key, compute):
    """``compute()`` once per process, preferred languages and key: the same
    sentence or field title for every item of every reply asking in them."""
    if request is None:
        return compute()
    key = (languages(request), key)
    if key not in _TRANSLATED:
        if len(_TRANSLATED) >= MAX_TRANSLATED:
            _TRANSLATED.clear()
        _TRANSLATED[key] = compute()
    return _TRANSLATED[key]


def _say(message, request, **mapping):
    return translate(_(str(message), default=message.default, mapping=mapping), context=request)


def _lowered(text):
    """A field title inside a sentence: its first letter lower-cased."""
    return text[:1].lower() + text[1:]


def type_field_title(portal_type, name, request):
    """`field_title` from the type's schemata (no item at hand: a catalog brain),
    once per request."""

    def compute():
        for schema in iterSchemataForType(portal_type):
            if name in schema:
                return translate(schema[name].title, context=request)
        return name

    return once(request, ("title", portal_type, name), compute)


def _set(obj, name):
    value = getattr(obj, name, None)
    if name == "desks":
        return bool(visible(value))
    if name == "department":
        return first_visible(value) is not None
    return value is not None and value != ""


def local_additions(obj):
    """Names of the fields the town added or changed on an imported item."""
    names = [name for name in LOCAL_FIELDS if _set(obj, name)]
    return names + [name for name in local_overrides(obj) if name not in STAFF_FIELDS and name not in names]


def provenance_record(obj):
    """What an item's provenance takes from the item, as plain values, or None
    (not imported): its source, the import record's national date, the local
    fields set that are the item's own (not `RELATED_FIELDS`) and the imported
    fields changed since. Stored in the `guichet_card` column (serializers/card.py)."""
    record = IAnnotations(obj).get(IMPORT_KEY)
    if not record or not getattr(obj, "external_id", None):
        return None
    return {
        "external_id": obj.external_id,
        "url": getattr(obj, "source_url", None),
        "verified": record.get("modified"),
        "set": tuple(name for name in LOCAL_FIELDS if name not in RELATED_FIELDS and _set(obj, name)),
        "overrides": tuple(name for name in local_overrides(obj) if name not in STAFF_FIELDS),
    }


def provenance_json(record, shown, title, request):
    """The provenance from a `provenance_record`: ``shown`` are the `RELATED_FIELDS`
    the caller sees set (a desk or department they may see), ``title(name)`` a
    field's translated title."""
    if record is None:
        return None
    names = [name for name in LOCAL_FIELDS if name in shown or name in record["set"]]
    titles = [_lowered(title(name)) for name in names + [name for name in record["overrides"] if name not in names]]
    verified = record["verified"]
    line = SOURCE_LINE if verified else SOURCE_LINE_UNDATED
    fields = ", ".join(titles)
    return {
        "source": SOURCE,
        "external_id": record["external_id"],
        "url": record["url"],
        "verified": verified,
        "text": once(request, ("text", verified), lambda: _say(line, request, source=SOURCE, date=long_date(verified, request))),
        "local": titles,
        "local_text": once(request, ("local", fields), lambda: _say(LOCAL_LINE, request, fields=fields)) if titles else None,
    }


def provenance(obj, request=None):
    """{"source", "external_id", "url", "verified", "text", "local", "local_text"} or None."""
    record = provenance_record(obj)
    if record is None:
        return None
    request = request if request is not None else getRequest()
    shown = {name for name in RELATED_FIELDS if _set(obj, name)}
    return provenance_json(record, shown, lambda name: field_title(obj, name, request), request)
