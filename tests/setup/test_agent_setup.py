"""The add-on profile installs the agent tools' setting and menu entry; uninstall removes them."""

from guichet_kb.interactions import store
from plone import api


def test_profile_installs_retention_setting_and_console_action(portal):
    assert api.portal.get_registry_record(store.RETENTION_RECORD) == store.DEFAULT_RETENTION == 13
    action = portal.portal_actions.user["guichet-agent"]
    assert action.url_expr == "string:${portal_url}/@@agent"
    assert action.permissions == ("guichet_kb: View internal information",)


def test_uninstall_removes_them(portal, installer):
    with api.env.adopt_roles(["Manager"]):
        installer.uninstall_product("guichet_kb")
    assert api.portal.get_registry_record(store.RETENTION_RECORD, default=None) is None
    assert "guichet-agent" not in portal.portal_actions.user.objectIds()
