"""Which bodies handle a sheet, and which desks it offers.

A sheet's ``competences`` rows name organisations (``{"organisation": UID, "case":
text or None}``). The desks offered are the sheet's own ``desks`` plus, for each
competent organisation none of whose desks is listed already, that organisation's
published desks: an editor lists desks to narrow a body down (the town hall and its
annex for ID cards), and a sheet handled elsewhere needs no desk of its own. The
bodies' desks are offered only for a démarche done on site (its channels name
``facts.ON_SITE``, or none is said yet): a procedure done online or by post only is
not sent to a counter.
"""

from guichet_kb import _
from guichet_kb.content.validation import FieldError
from guichet_kb.facts import ON_SITE
from plone import api


def competent_uids(sheet):
    """The UIDs of the sheet's competent organisations, in the editor's order."""
    seen = []
    for row in getattr(sheet, "competences", None) or ():
        uid = row.get("organisation")
        if uid and uid not in seen:
            seen.append(uid)
    return seen


def offers_bodies_desks(channels):
    """Are the competent bodies' desks offered to a sheet with these channels?"""
    return not channels or ON_SITE in channels


def own_desk_uids(sheet):
    return [rel.to_object.UID() for rel in getattr(sheet, "desks", None) or () if not rel.isBroken() and rel.to_object is not None]


def offered_desk_uids(sheet, catalog=None):
    """The sheet's desks, then the published desks of the competent organisations it
    lists no desk of (catalog order by title). Brains only: no object woken."""
    offered = own_desk_uids(sheet)
    if not competent_uids(sheet) or not offers_bodies_desks(getattr(sheet, "channels", None)):
        return offered
    catalog = catalog or api.portal.get_tool("portal_catalog")
    owners = set()
    if offered:
        owners = {brain.organisation_uid for brain in catalog.unrestrictedSearchResults(UID=offered)}
    for organisation in competent_uids(sheet):
        if organisation in owners:
            continue
        brains = catalog.unrestrictedSearchResults(
            portal_type="Desk", organisation_uid=organisation, review_state="published", sort_on="sortable_title"
        )
        offered += [brain.UID for brain in brains if brain.UID not in offered]
    return offered


def competences_constraint(rows):
    """Every competent organisation is a published Organisation: citizens are sent to it."""
    if not rows:
        return True
    catalog = api.portal.get_tool("portal_catalog")
    for row in rows or ():
        uid = row.get("organisation")
        brains = catalog.unrestrictedSearchResults(UID=uid, portal_type="Organisation")
        if not brains:
            raise FieldError(_("error_unknown_organisation", default="Unknown organisation '${value}'.", mapping={"value": str(uid)}))
        if brains[0].review_state != "published":
            raise FieldError(
                _(
                    "error_organisation_unpublished",
                    default="The organisation '${title}' is not published: citizens cannot be sent to it.",
                    mapping={"title": brains[0].Title},
                )
            )
    return True
