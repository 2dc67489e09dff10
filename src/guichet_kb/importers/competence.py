"""Which organisations an imported sheet names competent (issue 16).

The DILA pivot codes an organisation answers for are declared once, on the
organisation (``pivot_codes``); the importer reads them from the published
organisations: a fiche naming ``caf`` is handled by the organisation that lists
``caf``. A fiche naming no pivot code, or only codes the profile maps to desks
(``desks_by_pivot``: the town's own), is handled by the import profile's default
``organisation`` when it is published, else by the town: the one published
organisation of a kind in ``facts.LOCAL_KINDS``. Otherwise (a body nobody declared,
such as the préfecture; or no single town) no organisation is named and the sheet
stays incomplete until an editor names one: the town is not presumed competent
for what it sends elsewhere.

"Published" is what citizens see: published and inside its effective/expiry window
(an expired organisation is sent no one).
"""

from DateTime import DateTime
from guichet_kb.facts import LOCAL_KINDS
from plone import api


def _published():
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(
        portal_type="Organisation", review_state="published", effectiveRange=DateTime(), sort_on="sortable_title"
    )


def organisations_by_pivot(default=None):
    """({pivot code: [organisation UIDs]}, the default organisation's UID or None) from
    the published organisations; ``default`` (the profile's) when it is one of them,
    else the one town."""
    by_pivot, towns, found = {}, [], set()
    for brain in _published():
        obj = brain._unrestrictedGetObject()
        found.add(brain.UID)
        for code in obj.pivot_codes or ():
            by_pivot.setdefault(code, []).append(brain.UID)
        if obj.kind in LOCAL_KINDS:
            towns.append(brain.UID)
    if default in found:
        return by_pivot, default
    return by_pivot, towns[0] if len(towns) == 1 else None


def with_organisations(profile):
    """The import profile with what the importer reads from the organisations
    (``organisations_by_pivot``, ``town``): the values an import applies, and so
    the ones its stamp covers."""
    profile["organisations_by_pivot"], profile["town"] = organisations_by_pivot(profile.get("organisation"))
    return profile


def competences(profile, pivots):
    """The competence rows of a fiche with these pivot codes."""
    found = []
    for code in pivots:
        found += [uid for uid in profile["organisations_by_pivot"].get(code, ()) if uid not in found]
    if not found and profile.get("town") and all(code in profile["desks_by_pivot"] for code in pivots):
        found = [profile["town"]]
    return [{"organisation": uid, "case": None} for uid in found]
