"""What must be filled before publishing, declared once per type.

The same declaration drives the publish guard (rules.py), the warnings shown to
editors (browser viewlet), the REST 400 error and the completeness report.

Each rule has a ``label`` (a field title, for lists and table cells) and a
``phrase`` (what is missing, written to go inside a sentence: "il manque un résumé
et au moins un canal"); ``describe()`` joins phrases into that sentence part.

National completeness (items imported from Service-Public.fr). An item carrying the
import record (content/imported.py) is a national fiche republished locally; what
the national text covers is met by that text, as long as it is still there:

- a sheet's "who is concerned" and "required documents": a DILA fiche states who
  is concerned and which pièces to bring (or that none is needed) in its chapters,
  which the import writes into eligibility, steps and documents_note. Met when one
  of these three texts is not empty: an editor who deletes them all loses it, and
  one who rewrites them keeps it (the text is then theirs, still there). Document
  rows (RequiredDocument links) stay optional: the national text is the list.
- an answer's related service: met by its own national full answer (a DILA
  question-réponse stands alone); an answer whose sheets were imported is related
  to them by the import anyway.
- everything local stays required, national or not: a summary, a channel, the
  responsible department, a desk or an online service, a short answer.

A rule with a ``national`` check is met by ``check`` or, on an imported item, by
``national``: the one declaration still drives guard, warnings, REST and report.
"""

from guichet_kb import _
from guichet_kb.content.competence import offered_desk_uids
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.facts import SHEET_RICH_TEXT
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate


class Rule:
    def __init__(self, id, label, phrase, check, national=None):
        self.id = id
        self.label = label
        self.phrase = phrase
        self.check = check
        self.national = national

    def met(self, obj):
        if self.check(obj):
            return True
        return self.national is not None and is_national(obj) and self.national(obj)


def is_national(obj):
    """Imported from Service-Public.fr (it keeps its import record)."""
    return IMPORT_KEY in IAnnotations(obj, {})


def _filled(name):
    return lambda obj: bool(getattr(obj, name, None))


def _rich(name):
    def check(obj):
        value = getattr(obj, name, None)
        return bool(value and value.raw and value.raw.strip())

    return check


def _national_text(obj):
    return any(_rich(name)(obj) for name in SHEET_RICH_TEXT)


SUMMARY = _("missing_summary", default="a summary")
PHONE = _("missing_phone", default="a phone number or an e-mail address")

RULES = {
    "ServiceSheet": (
        Rule("description", _("Summary"), SUMMARY, _filled("description")),
        Rule(
            "eligibility",
            _("Who is concerned and conditions"),
            _("missing_eligibility", default="who is concerned and the conditions"),
            _rich("eligibility"),
            national=_national_text,
        ),
        Rule("channels", _("At least one channel"), _("missing_channels", default="at least one channel"), _filled("channels")),
        Rule(
            "required_documents",
            _("Required documents, or 'No document needed'"),
            _("missing_required_documents", default="the required documents (or 'No document needed')"),
            lambda o: bool(o.required_documents or o.no_document_needed),
            national=_national_text,
        ),
        Rule(
            "competences",
            _("At least one competent organisation"),
            _("missing_competences", default="the competent organisation"),
            _filled("competences"),
        ),
        Rule("department", _("Responsible department"), _("missing_department", default="the responsible department"), _filled("department")),
        Rule(
            "desks",
            _("At least one desk, or an online service"),
            _("missing_desks", default="at least one desk or an online service"),
            lambda o: bool(o.desks or o.online_service_url or offered_desk_uids(o)),
        ),
    ),
    "RequiredDocument": (
        Rule("description", _("Summary"), SUMMARY, _filled("description")),
        Rule("accepted_forms", _("Accepted forms"), _("missing_accepted_forms", default="the accepted forms"), _filled("accepted_forms")),
    ),
    "Desk": (
        Rule("street", _("Street"), _("missing_street", default="the street"), _filled("street")),
        Rule("city", _("City"), _("missing_city", default="the city"), _filled("city")),
        Rule("phone", _("Phone or e-mail"), PHONE, lambda o: bool(o.phone or o.email)),
        Rule("opening_hours", _("Weekly opening hours"), _("missing_opening_hours", default="the weekly opening hours"), _filled("opening_hours")),
    ),
    "Department": (
        Rule("description", _("Summary"), SUMMARY, _filled("description")),
        Rule("phone", _("Phone or e-mail"), PHONE, lambda o: bool(o.phone or o.email)),
    ),
    "Organisation": (
        Rule("description", _("What it handles"), _("missing_handles", default="what it handles"), _filled("description")),
        Rule(
            "contact",
            _("A way to reach it"),
            _("missing_contact", default="a phone number, an e-mail address or a website"),
            lambda o: bool(o.phone or o.email or o.website or o.online_contact_url),
        ),
    ),
    "Answer": (
        Rule("short_answer", _("Short answer"), _("missing_short_answer", default="a short answer"), _filled("short_answer")),
        Rule(
            "related_sheets",
            _("At least one related service"),
            _("missing_related_sheets", default="at least one related service"),
            _filled("related_sheets"),
            national=_rich("full_answer"),
        ),
    ),
}


def missing(obj):
    """The rules ``obj`` does not meet yet, in declaration order."""
    return [rule for rule in RULES.get(obj.portal_type, ()) if not rule.met(obj)]


def describe(rules, request):
    """The phrases of ``rules`` as one sentence part: "a, b and c" in the request's language."""
    phrases = [translate(rule.phrase, context=request) for rule in rules]
    if len(phrases) < 2:
        return "".join(phrases)
    return translate(_("list_and", default="${items} and ${last}", mapping={"items": ", ".join(phrases[:-1]), "last": phrases[-1]}), context=request)
