"""plone.app.testing layers: a real Plone site with guichet_kb and the demo town.

One sandbox layer only: the demo catalogue and accounts are loaded once for the
whole session (tests run in isolated transactions on top of it).
"""

import guichet_kb
from guichet_kb import clock
from plone import api
from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGI_SERVER_FIXTURE
import transaction


DEMO_PASSWORD = "secret-demo"


class GuichetKBLayer(PloneSandboxLayer):
    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        # PLONE_FIXTURE disables z3c.autoinclude: load our ZCML (and its includes).
        import plone.restapi

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=guichet_kb)

    def setUpPloneSite(self, portal):
        from guichet_kb.demo.loader import load
        from guichet_kb.demo.users import ensure_demo_users

        applyProfile(portal, "guichet_kb:default")
        # As on the real site: French first; request negotiation lets tests check the English fallback.
        api.portal.set_registry_record(clock.ZONE_RECORD, clock.DEFAULT_ZONE)  # as scripts/create_site.py
        api.portal.set_registry_record("plone.default_language", "fr")
        api.portal.set_registry_record("plone.available_languages", ["fr", "en"])
        api.portal.set_registry_record("plone.use_request_negotiation", True)
        with api.env.adopt_roles(["Manager"]):
            load(portal)
            ensure_demo_users(portal, DEMO_PASSWORD)
        # plone.testing's zopeApp() swallows errors of its own final commit and the
        # demo content was silently lost that way: commit here so failures surface.
        transaction.commit()


FIXTURE = GuichetKBLayer()
INTEGRATION_TESTING = IntegrationTesting(bases=(FIXTURE,), name="GuichetKB:Integration")
FUNCTIONAL_TESTING = FunctionalTesting(bases=(FIXTURE, WSGI_SERVER_FIXTURE), name="GuichetKB:Functional")
