"""1013: competent organisations (issue 16).

Adds the ``Organisation`` type's folder, the ``competent_uids`` (sheets) and
``organisation_uid`` (desks) indexes and the ``organisation_uid`` and
``guichet_organisation`` columns, directly (never the catalog import step: see
v1011); desks and sheets are reindexed for them and their cards. An existing site gets its town as an
organisation so that its sheets stay complete (a sheet done on site with no desk of
its own is then offered the town's desks; an online-only one is offered none): when
the site has no organisation yet, one of kind "commune" named after the site is
created, given the site's sender address as contact and published with a recorded
comment; every desk without an organisation belongs to it and every sheet without
a competent organisation names it. If it cannot be published (no sender address),
it stays a draft for an editor to complete and no sheet is changed.
"""

from guichet_kb import _
from guichet_kb.content.competence import competent_uids
from guichet_kb.facts import ORGANISATION_COLUMN
from guichet_kb.setup.handlers import ensure_folders
from guichet_kb.workflow.completeness import missing
from guichet_kb.workflow.rules import EditorialRefusal
import logging
from plone import api
from plone.dexterity.utils import createContentInContainer
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.i18n import translate
from zope.intid.interfaces import IIntIds


logger = logging.getLogger("guichet_kb.upgrades")
INDEXES = {"competent_uids": "KeywordIndex", "organisation_uid": "FieldIndex"}
COLUMNS = ("organisation_uid", ORGANISATION_COLUMN)
COMMENT = _("upgrade_town_organisation", default="The town as a competent organisation, created by the upgrade to competent organisations.")


def _town(portal):
    language = portal.Language() or "en"
    folder = portal["organismes"]
    town = createContentInContainer(
        folder,
        "Organisation",
        checkConstraints=False,
        title=portal.Title() or "Commune",
        description=translate(_("upgrade_town_description", default="The town: the services of the town hall."), target_language=language),
        kind="commune",
        email=api.portal.get_registry_record("plone.email_from_address", default=None) or None,
    )
    if missing(town):  # no contact: a draft, not a pending item the publish guard refused
        logger.warning("1013: the town's organisation %s stays a draft: %s", town.absolute_url_path(), [rule.id for rule in missing(town)])
        return None
    try:
        api.content.transition(town, transition="submit")
        api.content.transition(town, transition="publish", comment=translate(COMMENT, target_language=language))
    except EditorialRefusal as refusal:
        logger.warning("1013: the town's organisation %s stays a draft: %s", town.absolute_url_path(), refusal)
        return None
    return town


def upgrade(context):
    portal = api.portal.get()
    catalog = api.portal.get_tool("portal_catalog")
    for name, meta_type in INDEXES.items():
        if name not in catalog.indexes():
            catalog.addIndex(name, meta_type)
    for column in COLUMNS:
        if column not in catalog.schema():
            catalog.addColumn(column)
    ensure_folders(portal)
    town = None
    if not catalog.unrestrictedSearchResults(portal_type="Organisation"):
        town = _town(portal)
    intid = getUtility(IIntIds).getId(town) if town is not None else None
    for brain in catalog.unrestrictedSearchResults(portal_type="Desk"):  # each belongs to the town
        obj = brain._unrestrictedGetObject()
        if town is not None and getattr(obj, "organisation", None) is None:
            obj.organisation = RelationValue(intid)
        obj.reindexObject(idxs=list(INDEXES))
    for brain in catalog.unrestrictedSearchResults(portal_type="ServiceSheet"):  # each names it competent
        obj = brain._unrestrictedGetObject()
        if town is not None and not competent_uids(obj):
            obj.competences = [{"organisation": town.UID(), "case": None}]
        obj.reindexObject(idxs=list(INDEXES))
