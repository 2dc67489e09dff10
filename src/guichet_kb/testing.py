"""plone.app.testing layers: a real Plone site with guichet_kb and the demo town.

One sandbox layer only: the demo catalogue and accounts are loaded once for the
whole session (tests run in isolated transactions on top of it).
"""

import guichet_kb
from guichet_kb import clock
from guichet_kb.publishing.threads import fresh_thread
import os
from plone import api
from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGIServer
import transaction


DEMO_PASSWORD = "secret-demo"
# The public app's address in tests (the links of booking e-mails point there): the port
# after the test server's (ZSERVER_PORT, plone.testing's default 55001), or PUBLIC_TEST_PORT.
PUBLIC_TEST_PORT = int(os.environ.get("PUBLIC_TEST_PORT") or int(os.environ.get("ZSERVER_PORT") or 55001) + 1)
PUBLIC_SITE_URL = f"http://127.0.0.1:{PUBLIC_TEST_PORT}"


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
        api.portal.set_registry_record("guichet_kb.public_site_url", PUBLIC_SITE_URL)  # appointments/links.py
        with api.env.adopt_roles(["Manager"]):
            load(portal)
            ensure_demo_users(portal, DEMO_PASSWORD)
        # plone.testing's zopeApp() swallows errors of its own final commit and the
        # demo content was silently lost that way: commit here so failures surface.
        transaction.commit()
        # That commit leaves stale objects in this connection's cache, and the pool
        # hands the same connection to the tests. The site manager is one of them:
        # PloneSandboxLayer.setUp rebased it on this layer's global registry (the one
        # holding our ZCML: permissions, vocabularies) in this same transaction; the
        # load's savepoints ghosted it; CMFCore's indexing queue read it again in
        # tpc_finish, before ZODB's own tpc_finish, so from the snapshot *before* this
        # commit (bases: the contenttypes layer's registry); and ZODB does not
        # invalidate what a connection committed itself. A test file run alone then
        # missed guichet_kb.AddServiceSheet ("Cannot create ServiceSheet") and our
        # vocabularies; in the whole suite other tests evicted the object first.
        # Ghost every cached object so the next read loads what was committed.
        portal._p_jar.cacheMinimize()


class FreshThreadWSGIServer(WSGIServer):
    """plone.testing's test server, each request started with no thread site: a late
    request still served when its test's database closes cannot wedge a worker thread
    for the tests after it (guichet_kb/publishing/threads.py)."""

    def make_wsgi_app(self):
        return fresh_thread(super().make_wsgi_app())


FIXTURE = GuichetKBLayer()
SERVER_FIXTURE = FreshThreadWSGIServer(name="GuichetKB:WSGIServer")
INTEGRATION_TESTING = IntegrationTesting(bases=(FIXTURE,), name="GuichetKB:Integration")
FUNCTIONAL_TESTING = FunctionalTesting(bases=(FIXTURE, SERVER_FIXTURE), name="GuichetKB:Functional")
