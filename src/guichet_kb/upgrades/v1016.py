"""1016: the user-relationship dashboard (issue 17). The role DeskManager
(« Responsable d'accueil ») and the permissions to view the dashboard and to triage
feedback (permissions.VIEW_DASHBOARD, TRIAGE_FEEDBACK) are granted by the profile's
rolemap step (roles only: nothing else is touched); its actions step adds the
personal menu's link to the dashboard (« Tableau de bord de la relation usager »). The interaction records stored
before keep their fields and read back unchanged (interactions/store.py)."""

from plone import api


PROFILE = "profile-guichet_kb:default"


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "actions"):
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
