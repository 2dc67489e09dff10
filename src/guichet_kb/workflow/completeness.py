"""What must be filled before publishing, declared once per type.

The same declaration drives the publish guard (rules.py), the warnings shown to
editors (browser viewlet), the REST 400 error and the completeness report.
"""
from guichet_kb import _


class Rule:
    def __init__(self, id, label, check):
        self.id = id
        self.label = label
        self.check = check


def _filled(name):
    return lambda obj: bool(getattr(obj, name, None))


def _rich(name):
    def check(obj):
        value = getattr(obj, name, None)
        return bool(value and value.raw and value.raw.strip())

    return check


RULES = {
    "ServiceSheet": (
        Rule("description", _("Summary"), _filled("description")),
        Rule("eligibility", _("Who is concerned and conditions"), _rich("eligibility")),
        Rule("channels", _("At least one channel"), _filled("channels")),
        Rule(
            "required_documents",
            _("Required documents, or 'No document needed'"),
            lambda o: bool(o.required_documents or o.no_document_needed),
        ),
        Rule("department", _("Responsible department"), _filled("department")),
        Rule("desks", _("At least one desk, or an online service"), lambda o: bool(o.desks or o.online_service_url)),
    ),
    "RequiredDocument": (
        Rule("description", _("Summary"), _filled("description")),
        Rule("accepted_forms", _("Accepted forms"), _filled("accepted_forms")),
    ),
    "Desk": (
        Rule("street", _("Street"), _filled("street")),
        Rule("city", _("City"), _filled("city")),
        Rule("phone", _("Phone or e-mail"), lambda o: bool(o.phone or o.email)),
        Rule("opening_hours", _("Weekly opening hours"), _filled("opening_hours")),
    ),
    "Department": (
        Rule("description", _("Summary"), _filled("description")),
        Rule("phone", _("Phone or e-mail"), lambda o: bool(o.phone or o.email)),
    ),
    "Answer": (
        Rule("short_answer", _("Short answer"), _filled("short_answer")),
        Rule("related_sheets", _("At least one related service"), _filled("related_sheets")),
    ),
}


def missing(obj):
    """The rules ``obj`` does not meet yet, in declaration order."""
    return [rule for rule in RULES.get(obj.portal_type, ()) if not rule.check(obj)]
