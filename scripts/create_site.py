"""Create the `guichet` Plone site with the demo catalogue if it is absent.

Run by scripts/start.sh through `zconsole run` before the server starts (the
FileStorage allows one process at a time). Idempotent: a second run only makes
sure the admin and demo passwords match the environment.
"""

from AccessControl.SecurityManagement import newSecurityManager
from guichet_kb.facts import DEFAULT_ADMIN_PASSWORD
from guichet_kb.facts import DEFAULT_DEMO_PASSWORD
import os
from plone.distribution.api import site as site_api
from Products.CMFPlone.utils import get_installer
import sys
from Testing.makerequest import makerequest
import transaction
from zope.component.hooks import setSite
from zope.globalrequest import setRequest


SITE_ID = os.environ.get("SITE_ID", "guichet")
ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD)
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
ANSWERS = {
    "site_id": SITE_ID,
    "title": "Ville-Exemple - Guichet unique",
    "description": "Démarches et services de la ville (démonstration, ville fictive)",
    "default_language": "fr",
    "portal_timezone": "Europe/Paris",
    "setup_content": False,
}


def configure_mail(portal):
    """Notifications go through Plone's MailHost; SMTP comes from the environment."""
    from plone import api

    host, port = os.environ.get("SMTP_HOST", "localhost"), int(os.environ.get("SMTP_PORT", "25"))
    api.portal.set_registry_record("plone.smtp_host", host)
    api.portal.set_registry_record("plone.smtp_port", port)
    api.portal.set_registry_record("plone.email_from_address", os.environ.get("EMAIL_FROM", "guichet@ville-exemple.invalid"))
    api.portal.set_registry_record("plone.email_from_name", os.environ.get("EMAIL_FROM_NAME", "Guichet KB - Ville-Exemple"))
    portal.MailHost.smtp_host, portal.MailHost.smtp_port = host, port


def configure_public_site():
    """The public site's address, for the links of booking e-mails (appointments/links.py):
    PUBLIC_SITE_URL, else the one scripts/start.sh serves it on (PUBLIC_PORT, 8000)."""
    from plone import api

    url = os.environ.get("PUBLIC_SITE_URL") or f"http://localhost:{os.environ.get('PUBLIC_PORT', '8000')}"
    api.portal.set_registry_record("guichet_kb.public_site_url", url)


def caching_proxies():
    """CACHING_PROXIES checked before anything is written: a clear message, exit 2."""
    from guichet_kb.caching import settings

    try:
        return settings.parse(os.environ.get(settings.ENV_VAR, ""))
    except settings.BadProxy as error:
        print(error, file=sys.stderr)
        sys.exit(2)


def main(app):
    proxies = caching_proxies()
    app = makerequest(app)
    setRequest(app.REQUEST)
    users = app.acl_users
    if "admin" in users.getUserNames():
        users.userFolderEditUser("admin", ADMIN_PASSWORD, ["Manager"], [])
    else:
        users.userFolderAddUser("admin", ADMIN_PASSWORD, ["Manager"], [])
    newSecurityManager(None, users.getUser("admin").__of__(users))
    # plone.distribution creates the site in a transaction of its own (its
    # `with transaction.manager` would abort this change): commit it first.
    transaction.commit()

    if SITE_ID not in app.objectIds():
        print(f"Creating Plone site '{SITE_ID}' (Classic UI, fr, Europe/Paris)...", flush=True)
        site_api.create(app, "classic", ANSWERS)
    portal = app[SITE_ID]
    setSite(portal)
    installer = get_installer(portal, app.REQUEST)
    if not installer.is_product_installed("guichet_kb"):
        installer.install_product("guichet_kb")
    elif installer.upgrade_info("guichet_kb").get("required"):
        print("Upgrading guichet_kb...", flush=True)
        installer.upgrade_product("guichet_kb")

    from guichet_kb.demo.loader import load
    from guichet_kb.demo.users import ensure_demo_users

    configure_mail(portal)
    configure_public_site()
    if proxies:  # make cluster: the Varnish front, purged on every catalogue change
        from guichet_kb.caching.settings import configure

        configure(proxies)
    if os.environ.get("GUICHET_DEMO", "1") != "0":  # GUICHET_DEMO=0: an empty catalogue
        created = load(portal)
        if created:
            print(f"Demo catalogue loaded: {created}", flush=True)
        ensure_demo_users(portal, DEMO_PASSWORD)
        if os.environ.get("GUICHET_DEMO_ACTIVITY", "1") != "0":
            generate_demo_activity(portal)
    transaction.commit()


def generate_demo_activity(portal):
    """Three months of generated calls and visits for the dashboard, once (never on a
    site that has interactions already), counted by the daily job at once."""
    from datetime import timedelta
    from guichet_kb import clock
    from guichet_kb.demo import activity
    from guichet_kb.interactions import store
    from guichet_kb.stats import rollup

    if store.count():
        return
    made = activity.generate(clock.today() - timedelta(days=activity.DEMO_DAYS), activity.DEMO_DAYS, activity.DEMO_PER_DAY)
    while rollup.rollup()["remaining"]:
        pass
    print(f"Demo activity generated: {made}", flush=True)


if __name__ == "__main__" or "app" in globals():
    try:
        main(globals()["app"])
    except Exception:
        transaction.abort()
        raise
    sys.exit(0)
