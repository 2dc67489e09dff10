"""plone.app.testing layers: a real Plone site with guichet_kb installed."""
from plone import api
from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import applyProfile
from plone.testing.zope import WSGI_SERVER_FIXTURE

import guichet_kb

DEMO_PASSWORD = "secret-demo"


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


class DemoLayer(PloneSandboxLayer):
    """The demo town's catalogue and accounts, loaded once for the tests that read it."""

    defaultBases = (FIXTURE,)

    def setUpPloneSite(self, portal):
        from guichet_kb.demo.loader import load
        from guichet_kb.demo.users import ensure_demo_users

        with api.env.adopt_roles(["Manager"]):
            load(portal)
            ensure_demo_users(portal, DEMO_PASSWORD)


DEMO_FIXTURE = DemoLayer()

INTEGRATION_TESTING = IntegrationTesting(bases=(FIXTURE,), name="GuichetKB:Integration")
FUNCTIONAL_TESTING = FunctionalTesting(bases=(FIXTURE, WSGI_SERVER_FIXTURE), name="GuichetKB:Functional")
DEMO_INTEGRATION_TESTING = IntegrationTesting(bases=(DEMO_FIXTURE,), name="GuichetKB:DemoIntegration")
DEMO_FUNCTIONAL_TESTING = FunctionalTesting(bases=(DEMO_FIXTURE, WSGI_SERVER_FIXTURE), name="GuichetKB:DemoFunctional")
