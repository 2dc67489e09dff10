"""Upgrade 1014: the notices' column and index added to an existing catalog (no catalog
step: the agent search's lexicon is kept), the permission to manage notices granted;
an item not reindexed since reads as having none, and a notice write fills its column."""

from guichet_kb import clock
from guichet_kb.facts import NOTICE_MOMENTS_INDEX
from guichet_kb.facts import NOTICES_COLUMN
from guichet_kb.notices import json as notices_json
from guichet_kb.notices import store
from guichet_kb.notices.validation import checked
from guichet_kb.permissions import MANAGE_NOTICES_TITLE
from plone import api
from Products.GenericSetup.upgrade import listUpgradeSteps


def test_upgrade_1014_adds_the_notices_column_index_and_permission(portal):
    catalog = api.portal.get_tool("portal_catalog")
    words = len(catalog.guichet_lexicon._wids)
    catalog.delColumn(NOTICES_COLUMN)
    catalog.delIndex(NOTICE_MOMENTS_INDEX)
    portal.manage_permission(MANAGE_NOTICES_TITLE, roles=[], acquire=True)
    setup = api.portal.get_tool("portal_setup")
    (step,) = [s for s in listUpgradeSteps(setup, "guichet_kb:default", "1012") if s["dest"] == ("1014",)]
    step["step"].doStep(setup)
    assert NOTICES_COLUMN in catalog.schema() and NOTICE_MOMENTS_INDEX in catalog.indexes()
    assert {"Editor", "Reviewer", "Site Administrator", "Manager"} <= {
        r["name"] for r in portal.rolesOfPermission(MANAGE_NOTICES_TITLE) if r["selected"]
    }
    assert len(catalog.guichet_lexicon._wids) == words
    brain = catalog.unrestrictedSearchResults(portal_type="ServiceSheet", getId="carte-identite")[0]
    assert notices_json.stored(brain) == []  # not reindexed: none, and nothing woken
    with api.env.adopt_roles(["Manager"]):
        store.add(brain._unrestrictedGetObject(), checked({"kind": "suspended", "reason": "Travaux"}, clock.now()))
    brain = catalog.unrestrictedSearchResults(portal_type="ServiceSheet", getId="carte-identite")[0]
    assert [n["reason"] for n in notices_json.stored(brain)] == ["Travaux"]
    assert len(catalog.unrestrictedSearchResults(**{NOTICE_MOMENTS_INDEX: {"query": 0, "range": "min"}})) == 1
