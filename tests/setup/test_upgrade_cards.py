"""Upgrade 1011: the @answer card columns added to an existing catalog and filled,
the agent search's lexicon left as it was (the profile's catalog step would
create it afresh, empty)."""

from guichet_kb.search.engine import engine
from guichet_kb.serializers.card import CARD
from guichet_kb.serializers.card import DESK
from plone import api
from Products.GenericSetup.upgrade import listUpgradeSteps


def test_upgrade_1011_adds_and_fills_the_card_columns(portal):
    catalog = api.portal.get_tool("portal_catalog")
    words = len(catalog.guichet_lexicon._wids)
    before = [brain.getURL() for brain, _score in engine().search("passeport", {}, 5)]
    for name in (CARD, DESK):
        catalog.delColumn(name)
    setup = api.portal.get_tool("portal_setup")
    (step,) = [s for s in listUpgradeSteps(setup, "guichet_kb:default", "1010") if s["dest"] == ("1011",)]
    step["step"].doStep(setup)
    assert {CARD, DESK} <= set(catalog.schema())
    sheet = catalog.unrestrictedSearchResults(portal_type="ServiceSheet", getId="carte-identite")[0]
    assert sheet.guichet_card["desks"] and sheet.guichet_card["documents"] and sheet.guichet_card["script"]
    assert catalog.unrestrictedSearchResults(portal_type="Answer")[0].guichet_card["short_answer"]
    desk = catalog.unrestrictedSearchResults(getId="mairie-centrale")[0]
    assert desk.guichet_desk["address"] == "1 place de la Mairie, 99000 Ville-Exemple" and desk.guichet_desk["opening_hours"]
    assert len(catalog.guichet_lexicon._wids) == words
    assert [brain.getURL() for brain, _score in engine().search("passeport", {}, 5)] == before
