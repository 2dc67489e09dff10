from guichet_kb.testing import DEMO_PASSWORD
from guichet_kb.testing import FUNCTIONAL_TESTING
from guichet_kb.testing import INTEGRATION_TESTING
import pytest
from pytest_plone import fixtures_factory
import requests


pytest_plugins = ["pytest_plone", "mail_helpers", "catalogue_factory"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        ),
        # Not for every test: the pure-Python tier needs no Plone site (below).
        keep_session=False,
    )
)
LAYER_FIXTURES = {"functional", "integration", "functional_class", "integration_class"}


@pytest.fixture(autouse=True, scope="session")
def _plone_layers_for_the_session(request):
    """Set the Plone layers up once for the session, unless no collected test uses one.

    pytest-plone's own keep_session fixtures would build the site even for a run of
    pure-Python tests only. Session scope, so this runs before any layer's class
    fixture (otherwise zope.pytestlayer tears the layers down after each module).
    """
    if any(LAYER_FIXTURES & set(item.fixturenames) for item in request.session.items):
        request.getfixturevalue("functional_session")
        request.getfixturevalue("integration_session")


@pytest.fixture
def site(functional):
    """The demo site served over real HTTP: its URL."""
    return functional["portal"].absolute_url()


@pytest.fixture
def rest():
    """rest(user) -> a requests.Session speaking JSON, authenticated unless user is None."""
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    sessions = []

    def make(user=None, language="fr"):
        session = requests.Session()
        session.headers.update({"Accept": "application/json", "Accept-Language": language})
        if user == "admin":
            session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        elif user:
            session.auth = (user, DEMO_PASSWORD)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()


@pytest.fixture
def site_administrator(functional):
    """The town's administrator: a Site Administrator, not the Zope Manager ("admin")."""
    import transaction

    functional["portal"].acl_users.userFolderAddUser("siteadmin", DEMO_PASSWORD, ["Site Administrator"], [])
    transaction.commit()
    return "siteadmin"
