"""Fiches withdrawn nationally: flagged "retirée au niveau national", never removed.

`apply(present, batch, actor)` receives every fiche id of a full national package:
an imported Service-Public item (import record present, an external reference)
whose id is not among them is flagged (date, batch, who ran it); a flagged item
whose id is present again loses its flag. Nothing is deleted, unpublished or
retracted: a reviewer decides (the review queue's "withdrawn" reason). A list that
does not look like a full package (empty, not fiche ids, or naming fewer than
`MIN_SHARE` of the imported ids) is refused before anything is flagged, so a
partial folder never flags half the catalogue.

The flag is an annotation on the original (not a schema field: editors do not set
it), indexed as `national_withdrawn` so the queue finds flagged items with one
query; an editor who keeps a sheet as a purely local one removes its external
reference, and the flag no longer applies.
"""

from guichet_kb import _
from guichet_kb import clock
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.importers.dila import FICHE_ID
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.iterate.interfaces import IWorkingCopy
from zope.annotation.interfaces import IAnnotations


WITHDRAWN_KEY = "guichet_kb.national_withdrawn"
INDEX = "national_withdrawn"
MIN_SHARE = 0.5  # a full package names at least half of the ids imported so far
MAX_IDS = 100_000  # the 2020 package has 7,180 files
# The queue entry's detail and the staff view's warning.
WITHDRAWN_DETAIL = _("withdrawn_detail", default="Service-Public fiche ${id} is no longer in the national package (batch ${batch})")
WITHDRAWN_WARNING = _(
    "withdrawn_warning",
    default="Withdrawn nationally: Service-Public fiche ${id} was not in the national package of ${date} (batch ${batch}). "
    "It is neither deleted nor unpublished automatically: a reviewer archives or retracts it.",
)


class NotAFullPackage(ValueError):
    """The list cannot be a full national package: nothing was flagged."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def withdrawal(obj):
    """The flag of an imported item withdrawn nationally ({"date", "batch", "actor"}), or None."""
    flag = IAnnotations(obj).get(WITHDRAWN_KEY)
    return dict(flag) if flag and getattr(obj, "external_id", None) else None


def _flag(obj, batch, actor):
    IAnnotations(obj)[WITHDRAWN_KEY] = PersistentMapping({"date": clock.today().isoformat(), "batch": batch, "actor": actor})
    obj.reindexObject(idxs=[INDEX])


def _unflag(obj):
    del IAnnotations(obj)[WITHDRAWN_KEY]
    obj.reindexObject(idxs=[INDEX])


def checked(present):
    """The set of ids of a full package, or NotAFullPackage (empty, not fiche ids)."""
    if not isinstance(present, list) or not present:
        raise NotAFullPackage(
            _("error_withdrawals_present", default='Expected {"present": [every fiche id of the package, e.g. "F1341"], "batch": "..."}.')
        )
    if len(present) > MAX_IDS:
        raise NotAFullPackage(_("error_withdrawals_count", default="At most ${max} fiche ids.", mapping={"max": MAX_IDS}))
    bad = [value for value in present if not isinstance(value, str) or not FICHE_ID.match(value)]
    if bad:
        sample = ", ".join(str(value)[:20] for value in bad[:3])
        raise NotAFullPackage(
            _("error_withdrawals_ids", default="Not fiche ids (such as F1341): ${values}. Nothing was flagged.", mapping={"values": sample})
        )
    return set(present)


def _originals():
    """Brains of the imported originals (with an external reference, not working copies)."""
    catalog = api.portal.get_tool("portal_catalog")
    copies = {brain.UID for brain in catalog.unrestrictedSearchResults(object_provides=IWorkingCopy.__identifier__)}
    return [b for b in catalog.unrestrictedSearchResults(portal_type=ANSWERABLE_TYPES) if b.external_id and b.UID not in copies]


def apply(present, batch, actor):
    """Flag what a full package lacks, unflag what it has again: {"withdrawn", "restored"} (ids).

    "withdrawn" names the items flagged by this call only: a second call with the same
    list flags nothing new (the sync runs daily)."""
    present = checked(present)
    brains = _originals()
    imported = {brain.external_id for brain in brains}
    listed = len(imported & present)
    if imported and listed < MIN_SHARE * len(imported):
        raise NotAFullPackage(
            _(
                "error_withdrawals_partial",
                default="This does not look like a full national package (${listed} of the ${imported} imported fiches listed, "
                "at least ${share} % expected): nothing was flagged.",
                mapping={"listed": listed, "imported": len(imported), "share": round(MIN_SHARE * 100)},
            )
        )
    catalog = api.portal.get_tool("portal_catalog")
    flagged = {brain.UID for brain in catalog.unrestrictedSearchResults(**{INDEX: True})}
    withdrawn, restored = set(), set()
    for brain in brains:
        absent = brain.external_id not in present
        if absent == (brain.UID in flagged):
            continue
        obj = brain._unrestrictedGetObject()
        if absent and IMPORT_KEY in IAnnotations(obj):
            _flag(obj, batch, actor)
            withdrawn.add(brain.external_id)
        elif not absent and WITHDRAWN_KEY in IAnnotations(obj):
            _unflag(obj)
            restored.add(brain.external_id)
    return {"withdrawn": sorted(withdrawn), "restored": sorted(restored)}
