"""What must be filled before publishing, declared once per type.

The same declaration drives the publish guard (rules.py), the warnings shown to
editors (browser viewlet), the REST 400 error and the completeness report.

Each rule has a ``label`` (a field title, for lists and table cells) and a
``phrase`` (what is missing, written to go inside a sentence: "il manque un résumé
et au moins un canal"); ``describe()`` joins phrases into that sentence part.
"""

from guichet_kb import _
from zope.i18n import translate


class Rule:
    def __init__(self, id, label, phrase, check):
        self.id = id
        self.label = label
        self.phrase = phrase
        self.check = check


def _filled(name):
    return lambda obj: bool(getattr(obj, name, None))


def _rich(name):
    def check(obj):
        value = getattr(obj, name, None)
        return bool(value and value.raw and value.raw.strip())

    return check


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
        ),
        Rule("channels", _("At least one channel"), _("missing_channels", default="at least one channel"), _filled("channels")),
        Rule(
            "required_documents",
            _("Required documents, or 'No document needed'"),
            _("missing_required_documents", default="the required documents (or 'No document needed')"),
            lambda o: bool(o.required_documents or o.no_document_needed),
        ),
        Rule("department", _("Responsible department"), _("missing_department", default="the responsible department"), _filled("department")),
        Rule(
            "desks",
            _("At least one desk, or an online service"),
            _("missing_desks", default="at least one desk or an online service"),
            lambda o: bool(o.desks or o.online_service_url),
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
    "Answer": (
        Rule("short_answer", _("Short answer"), _("missing_short_answer", default="a short answer"), _filled("short_answer")),
        Rule(
            "related_sheets",
            _("At least one related service"),
            _("missing_related_sheets", default="at least one related service"),
            _filled("related_sheets"),
        ),
    ),
}


def missing(obj):
    """The rules ``obj`` does not meet yet, in declaration order."""
    return [rule for rule in RULES.get(obj.portal_type, ()) if not rule.check(obj)]


def describe(rules, request):
    """The phrases of ``rules`` as one sentence part: "a, b and c" in the request's language."""
    phrases = [translate(rule.phrase, context=request) for rule in rules]
    if len(phrases) < 2:
        return "".join(phrases)
    return translate(_("list_and", default="${items} and ${last}", mapping={"items": ", ".join(phrases[:-1]), "last": phrases[-1]}), context=request)
