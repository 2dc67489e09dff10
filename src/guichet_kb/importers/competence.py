"""Which organisations an imported sheet names competent (issue 16).

The DILA pivot codes an organisation answers for are declared once, on the
organisation (``pivot_codes``); the importer reads them from the published
organisations: a fiche naming ``caf`` is handled by the organisation that lists
``caf``. A fiche naming no pivot code, or only codes the profile maps to desks
(``desks_by_pivot``: the town's own), is handled by the town: the one published
organisation of a kind in ``facts.LOCAL_KINDS``. Otherwise (a body nobody declared,
such as the préfecture; or no single town) no organisation is named and the sheet
stays incomplete until an editor names one: the town is not presumed competent
for what it sends elsewhere.
"""

from guichet_kb.facts import LOCAL_KINDS
from plone import api


def organisations_by_pivot():
    """({pivot code: [organisation UIDs]}, the town's UID or None) from published organisations."""
    catalog = api.portal.get_tool("portal_catalog")
    by_pivot, towns = {}, []
    for brain in catalog.unrestrictedSearchResults(portal_type="Organisation", review_state="published", sort_on="sortable_title"):
        obj = brain._unrestrictedGetObject()
        for code in obj.pivot_codes or ():
            by_pivot.setdefault(code, []).append(brain.UID)
        if obj.kind in LOCAL_KINDS:
            towns.append(brain.UID)
    return by_pivot, towns[0] if len(towns) == 1 else None


def with_organisations(profile):
    """The import profile with what the importer reads from the organisations
    (``organisations_by_pivot``, ``town``): the values an import applies, and so
    the ones its stamp covers."""
    profile["organisations_by_pivot"], profile["town"] = organisations_by_pivot()
    return profile


def competences(profile, pivots):
    """The competence rows of a fiche with these pivot codes."""
    found = []
    for code in pivots:
        found += [uid for uid in profile["organisations_by_pivot"].get(code, ()) if uid not in found]
    if not found and profile.get("town") and all(code in profile["desks_by_pivot"] for code in pivots):
        found = [profile["town"]]
    return [{"organisation": uid, "case": None} for uid in found]
