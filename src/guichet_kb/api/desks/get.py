"""GET @desks[?open_at=ISO-8601][&service=UID][&organisation=UID]: desks with this week's
hours, open now and their notices active then; ``service`` keeps the desks a sheet
offers (content/competence.py), ``organisation`` the desks of one organisation the
caller may see (an unknown, hidden or non-organisation UID reads the same: 400)."""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api.guard.dates import parse_datetime
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.params import single
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.content.competence import offered_desk_uids
from guichet_kb.serializers.desk import desk_json
from guichet_kb.visibility import visible_brains
from plone import api


def organisation_filter(form):
    """The UID of ``?organisation=``, checked: a published-to-the-caller Organisation."""
    uid = single(form, "organisation")
    if uid is None:
        return None
    brain = visible_brains([uid]).get(uid)
    if brain is None or brain.portal_type != "Organisation":
        message = _("error_unknown_organisation_filter", default="No organisation with this UID: ?organisation= takes an organisation's UID.")
        raise Refused(400, message)
    return uid


class DesksGet(GuichetService):
    def reply(self):
        form = self.request.form
        when = clock.now()
        if form.get("open_at"):
            when = parse_datetime(
                form["open_at"],
                "open_at",
                _("error_open_at", default="open_at must be an ISO 8601 date and time, e.g. 2026-12-01T10:30:00+01:00."),
            )
        query = {"portal_type": "Desk", "review_state": "published", "sort_on": "sortable_title"}
        organisation = organisation_filter(form)
        if organisation is not None:
            query["organisation_uid"] = organisation
        if form.get("service"):
            sheets = self.context.portal_catalog(UID=str(form["service"]), portal_type="ServiceSheet")
            if not len(sheets):
                raise Refused(404, _("error_unknown_service", default="No service sheet with this UID."))
            query["UID"] = offered_desk_uids(sheets[0].getObject())
        # Each desk with its notices active at the moment of its hours (serializers/desk.py).
        items = [desk_json(brain.getObject(), when, self.request) for brain in api.content.find(**query)] if query.get("UID", True) else []
        return {"@id": f"{self.context.absolute_url()}/@desks", "open_at": when.isoformat(), "items": items, "items_total": len(items)}
