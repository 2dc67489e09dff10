"""The test layer itself: the site's component registry sees the add-on's ZCML,
whichever test file runs first (src/guichet_kb/testing.py)."""

from zope.component import getGlobalSiteManager
from zope.security.interfaces import IPermission


def test_site_manager_is_based_on_the_layer_registry(portal):
    site_manager = portal.getSiteManager()
    assert site_manager.__bases__ == (getGlobalSiteManager(),)
    assert site_manager.queryUtility(IPermission, name="guichet_kb.AddServiceSheet") is not None
