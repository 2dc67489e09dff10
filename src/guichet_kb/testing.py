"""plone.app.testing layers: a real Plone site with guichet_kb installed."""
from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import applyProfile
from plone.testing.zope import WSGI_SERVER_FIXTURE

import guichet_kb


class GuichetKBLayer(PloneSandboxLayer):
    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        # PLONE_FIXTURE disables z3c.autoinclude: load our ZCML (and its includes).
        import plone.restapi

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=guichet_kb)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "guichet_kb:default")


FIXTURE = GuichetKBLayer()
INTEGRATION_TESTING = IntegrationTesting(bases=(FIXTURE,), name="GuichetKB:Integration")
FUNCTIONAL_TESTING = FunctionalTesting(bases=(FIXTURE, WSGI_SERVER_FIXTURE), name="GuichetKB:Functional")
