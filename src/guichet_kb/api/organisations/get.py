"""GET @organisations[?kind=…]: the published organisations (competent bodies), each
with its published desks (the @desks summary: hours, open now) and the published
sheets naming it competent (`handles`, with the case it handles them for).

Three catalog queries whatever the number of bodies, all restricted (the caller's
View and the effective/expiry window, as `visibility.visible_brains` applies them)
and limited to published items: a draft organisation, desk or sheet never appears,
not even to staff (this is the public "Quel guichet ?" listing). Nothing is woken:
organisations from their `guichet_organisation` column, desks from `guichet_desk`,
sheets' cases from `guichet_card`.
"""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.params import single
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.facts import ORGANISATION_KINDS
from guichet_kb.notices import json as notices_json
from guichet_kb.serializers.card import card
from guichet_kb.serializers.card import desk_data
from guichet_kb.serializers.desk import desk_brain_json
from guichet_kb.serializers.organisation import card_of
from guichet_kb.serializers.organisation import organisation_json
import re


PUBLISHED = {"review_state": "published", "sort_on": "sortable_title"}


def checked_kind(form):
    kind = single(form, "kind")
    if kind is not None and kind not in ORGANISATION_KINDS:
        raise Refused(
            400,
            _(
                "error_unknown_term",
                default="Unknown value '${value}'. Allowed values: ${allowed}.",
                mapping={"value": re.sub(r"[^\w\- ]", "?", kind)[:50], "allowed": ", ".join(ORGANISATION_KINDS)},
            ),
        )
    return kind


def handled(sheet_brain):
    """{organisation UID: the sheet as `handles` lists it, with the case(s) it is named for}."""
    cases = {}
    for uid, case in card(sheet_brain).get("competences", ()):
        cases.setdefault(uid, [])
        if case and case not in cases[uid]:
            cases[uid].append(case)
    link = {"UID": sheet_brain.UID, "@id": sheet_brain.getURL(), "title": sheet_brain.Title}
    return {uid: {**link, "case": "; ".join(found) or None} for uid, found in cases.items()}


class OrganisationsGet(GuichetService):
    def reply(self):
        kind = checked_kind(self.request.form)
        catalog = self.context.portal_catalog
        organisations = [b for b in catalog(portal_type="Organisation", **PUBLISHED) if kind is None or card_of(b)["kind"] == kind]
        uids = [brain.UID for brain in organisations]
        desks, handles = {uid: [] for uid in uids}, {uid: [] for uid in uids}
        when = clock.now()
        if uids:
            for brain in catalog(portal_type="Desk", organisation_uid=uids, **PUBLISHED):
                desks[brain.organisation_uid].append(desk_brain_json(brain, desk_data(brain), when, self.request))
            for brain in catalog(portal_type="ServiceSheet", competent_uids=uids, **PUBLISHED):
                for uid, link in handled(brain).items():
                    if uid in handles:
                        handles[uid].append(link)
        items = [
            {
                **organisation_json(brain, self.request),
                "desks": desks[brain.UID],
                "handles": handles[brain.UID],
                "handles_total": len(handles[brain.UID]),
                "notices": notices_json.of_brain(brain, when, is_staff=False),
            }
            for brain in organisations
        ]
        items.sort(key=lambda item: not item["is_town"])  # the town first (its site), then the other bodies by title
        return {"@id": f"{self.context.absolute_url()}/@organisations", "open_at": when.isoformat(), "items": items, "items_total": len(items)}
