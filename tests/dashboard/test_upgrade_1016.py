"""Upgrade 1016: an existing site gets the role DeskManager, its permissions and the menu link."""

from guichet_kb.permissions import DESK_MANAGER_ROLE
from guichet_kb.permissions import TRIAGE_FEEDBACK_TITLE
from guichet_kb.permissions import VIEW_DASHBOARD_TITLE
from plone import api


def roles_of(portal, permission):
    return {r["name"] for r in portal.rolesOfPermission(permission) if r["selected"]}


def test_upgrade_1016_adds_the_role_permissions_and_link(integration):
    from guichet_kb.upgrades import v1016

    portal = integration["portal"]
    user_actions = api.portal.get_tool("portal_actions").user
    user_actions.manage_delObjects(["guichet-dashboard"])
    portal.manage_permission(VIEW_DASHBOARD_TITLE, [], acquire=True)
    v1016.upgrade(None)
    v1016.upgrade(None)  # twice: nothing more
    assert DESK_MANAGER_ROLE in portal.validRoles()
    assert roles_of(portal, VIEW_DASHBOARD_TITLE) == {"Manager", "Site Administrator", DESK_MANAGER_ROLE}
    assert roles_of(portal, TRIAGE_FEEDBACK_TITLE) == {"Manager", "Site Administrator", DESK_MANAGER_ROLE, "Reviewer"}
    assert "guichet-dashboard" in user_actions.objectIds()
    assert user_actions["guichet-dashboard"].url_expr == "string:${portal_url}/@@tableau-de-bord"
