"""Demo accounts for a local demo only (never created by the add-on profile)."""

from guichet_kb.facts import FOLDERS
from plone import api


# login -> (full name, global roles, local roles on the catalogue folders)
DEMO_USERS = {
    "redacteur": ("Rédacteur (démo)", [], ["Editor", "Contributor"]),
    "valideur": ("Valideur (démo)", ["Reviewer"], []),
    "agent": ("Agent d'accueil (démo)", ["Agent"], []),
    "responsable": ("Responsable d'accueil (démo)", ["DeskManager"], []),
    "borne": ("Borne de l'hôtel de ville (démo)", ["Kiosk"], []),  # issue 19: the kiosk page only
}


def ensure_demo_users(portal, password):
    for login, (fullname, roles, local_roles) in DEMO_USERS.items():
        user = api.user.get(username=login)
        if user is None:
            user = api.user.create(
                username=login,
                email=f"{login}@ville-exemple.invalid",
                password=password,
                properties={"fullname": fullname},
            )
        else:
            # Keep the documented password in step with DEMO_PASSWORD on re-runs.
            portal.acl_users.userSetPassword(login, password)
        if roles:
            api.user.grant_roles(username=login, roles=roles)
        for folder_id in FOLDERS:
            if local_roles:
                api.user.grant_roles(username=login, obj=portal[folder_id], roles=local_roles)
