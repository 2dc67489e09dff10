"""Synonyms and best bets: who may edit them and what a valid line is.

Declared once, used by the REST service (@search-settings) and the Classic UI
form (@@search-settings). Editors of the catalogue edit them: the permission is
checked on the services folder, where editors hold their (local) role.
"""

from guichet_kb import _
from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.facts import FOLDER_OF
from guichet_kb.permissions import MANAGE_SEARCH_SETTINGS_TITLE
from guichet_kb.search.text import words
from plone import api


MAX_LINES = 1000
MAX_LINE = 300
FIELDS = ("synonyms", "best_bets")


def can_manage():
    portal = api.portal.get()
    folder = portal.get(FOLDER_OF["ServiceSheet"], portal)
    return not api.user.is_anonymous() and api.user.has_permission(MANAGE_SEARCH_SETTINGS_TITLE, obj=folder)


def current():
    return {name: list(api.portal.get_registry_record(f"guichet_kb.{name}", default=[]) or []) for name in FIELDS}


def _target_exists(target):
    catalog = api.portal.get_tool("portal_catalog")
    return bool(
        catalog.unrestrictedSearchResults(UID=target, portal_type=ANSWERABLE_TYPES)
        or catalog.unrestrictedSearchResults(getId=target, portal_type=ANSWERABLE_TYPES)
    )


def problems(name, lines):
    """Messages (i18n) for the lines that cannot be used, with their number."""
    if len(lines) > MAX_LINES:
        return [_("error_too_many_lines", default="At most ${max} lines.", mapping={"max": MAX_LINES})]
    found = []
    for number, line in enumerate(lines, 1):
        mapping = {"number": number}
        if len(line) > MAX_LINE:
            found.append(_("error_line_too_long", default="Line ${number}: at most ${max} characters.", mapping={**mapping, "max": MAX_LINE}))
        elif name == "synonyms" and len([m for m in line.split(",") if words(m)]) < 2:
            found.append(_("error_synonym_line", default="Line ${number}: give at least two words or phrases separated by commas.", mapping=mapping))
        elif name == "best_bets":
            query, sep, target = line.partition("=>")
            if not sep or not words(query) or not target.strip():
                found.append(_("error_best_bet_line", default="Line ${number}: write 'query => sheet id'.", mapping=mapping))
            elif not _target_exists(target.strip()):
                found.append(
                    _(
                        "error_best_bet_target",
                        default="Line ${number}: no sheet or answer has the id or UID '${target}'.",
                        mapping={**mapping, "target": target.strip()[:80]},
                    )
                )
    return found


def save(values):
    for name, lines in values.items():
        api.portal.set_registry_record(f"guichet_kb.{name}", [line.strip() for line in lines if line.strip()])
