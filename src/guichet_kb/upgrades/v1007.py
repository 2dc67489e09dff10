"""1007: the import profile's page (*Site setup → Profil d'import*) is listed in the
Site Setup. The profile itself needs no store to create: a site without one reads
the empty profile (importers/profile.py)."""

from plone import api


def upgrade(context):
    api.portal.get_tool("portal_setup").runImportStepFromProfile("profile-guichet_kb:default", "controlpanel", run_dependencies=False)
