"""The dashboard's filters and parameters: `scope(form, portal)` -> period.Scope.

Filters (facts.DASHBOARD_FILTERS): `channel` a facts.CALL_CHANNELS token; `desk`,
`organisation` and `service` the UID of a Desk, an Organisation, a ServiceSheet or an
Answer that the caller may see (visibility.visible_brains: an unknown, hidden or
other-typed UID reads the same 400, so a refusal tells nothing about unpublished
items). A parameter not in facts.DASHBOARD_PARAMETERS is a 400 naming it.
"""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb import facts
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.params import refuse_unknown
from guichet_kb.dashboard import period
from guichet_kb.visibility import visible_brains


TYPES = {"desk": ("Desk",), "organisation": ("Organisation",), "service": facts.ANSWERABLE_TYPES}
MESSAGES = {
    "desk": _("error_dashboard_desk", default="'desk' must be the UID of a desk (guichets)."),
    "organisation": _("error_dashboard_organisation", default="'organisation' must be the UID of an organisation (organismes)."),
    "service": _("error_dashboard_service", default="'service' must be the UID of a service sheet or an answer."),
}


def filters(form):
    """{dimension: value} of the filters given, checked."""
    found = {name: period.value(form, name) for name in facts.DASHBOARD_FILTERS}
    found = {name: given for name, given in found.items() if given is not None}
    if "channel" in found and found["channel"] not in facts.CALL_CHANNELS:
        raise Refused(
            400,
            _(
                "error_dashboard_channel",
                default="'channel' must be one of: ${allowed}.",
                mapping={"allowed": ", ".join(facts.CALL_CHANNELS)},
            ),
        )
    brains = visible_brains([uid for name, uid in found.items() if name in TYPES])
    for name, types in TYPES.items():
        if name in found and (found[name] not in brains or brains[found[name]].portal_type not in types):
            raise Refused(400, MESSAGES[name])
    return found


def scope(form, portal):
    """The Scope of a request's parameters (400 on any bad one)."""
    refuse_unknown(form, facts.DASHBOARD_PARAMETERS)
    chosen = period.resolve(form, clock.today())
    return period.Scope(**vars(chosen), filters=filters(form), portal=portal)
