"""The import profile: what a town fills in once for every imported national item.

Which department is responsible by default, which organisation is competent by
default (instead of "the one town", importers/competence.py), which of its desks stand for each DILA
"pivot local" code (``mairie`` -> the town-hall desks), desks and department by
audience and by life event, the review interval of national items, and the daily
sync's source and choice to publish. Read by the importer (importers/local.py),
edited by Site Administrators (``@@import-profile``, ``GET/PATCH @import-profile``).

Stored as one plain dict in a site annotation, not in plone.registry: the value is
nested (code -> desk UIDs, audience -> {desks, department}), it names content of
this one site by UID (a registry export copied to another site would carry
references to nothing), and a change replaces the whole value in one write, so a
refused change stores nothing. A site without a stored profile reads the empty
one: no upgrade step needed.

``problems(data)`` validates a change (every problem, named, translatable);
``save(data)`` stores it only when there is none.
"""

from copy import deepcopy
from guichet_kb import _
from guichet_kb.facts import AUDIENCES
from guichet_kb.facts import REVIEW_INTERVAL_MONTHS
from guichet_kb.importers.dila import LIFE_EVENTS
from guichet_kb.importers.pivots import PIVOT_LOCAL
import hashlib
import json
from plone import api
from zope.annotation.interfaces import IAnnotations


PROFILE_KEY = "guichet_kb.import_profile"
EMPTY = {
    "department": None,
    "organisation": None,
    "desks_by_pivot": {},
    "by_audience": {},
    "by_life_event": {},
    "review_interval": None,
    "sync_source": None,
    "sync_publish": False,
}
FIELDS = tuple(EMPTY)
# Shown with the profile, never stored: the organisations' own pivot codes say it.
DERIVED = ("organisations_by_pivot",)
KEYS = {"by_audience": AUDIENCES, "by_life_event": tuple(sorted(set(LIFE_EVENTS.values())))}
MAX_SOURCE = 500
MAX_DESKS = 50


def current(portal=None):
    """The stored profile as plain JSON-ready values (a copy: change it freely)."""
    stored = IAnnotations(portal or api.portal.get()).get(PROFILE_KEY) or {}
    return deepcopy({**EMPTY, **{name: value for name, value in stored.items() if name in EMPTY}})


def stamp(profile):
    """A short fingerprint of a profile's values: the import record keeps the one it
    applied, so a draft imported under another profile is sent again (GET
    @import-service-public) for the new one to fill what is still empty."""
    return hashlib.sha256(json.dumps(profile, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:16]


def is_stored(portal=None):
    """True once a profile was saved on this site (even an empty one)."""
    return PROFILE_KEY in IAnnotations(portal or api.portal.get())


def save(data, portal=None):
    """Store ``data`` (some or all fields) over the current profile; None if saved,
    else the problems and nothing stored."""
    found = problems(data)
    if found:
        return found
    IAnnotations(portal or api.portal.get())[PROFILE_KEY] = {**current(portal), **deepcopy(data)}
    return None


def _published(portal_type, uids):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=sorted(uids), portal_type=portal_type)
    return {b.UID: b for b in brains}


def _target_problems(field, portal_type, uids):
    """Messages for the UIDs that are not a published item of ``portal_type``."""
    found = _published(portal_type, uids) if uids else {}
    kind = {
        "Desk": _("a_desk", default="desk"),
        "Department": _("a_department", default="department"),
        "Organisation": _("an_organisation", default="organisation"),
    }[portal_type]
    messages = []
    for uid in uids:
        brain = found.get(uid)
        mapping = {"field": field, "uid": uid[:80], "kind": kind}
        if brain is None:
            messages.append(_("error_profile_unknown_target", default="'${field}': no ${kind} has the UID '${uid}'.", mapping=mapping))
        elif brain.review_state != "published" and portal_type == "Organisation":  # "l'organisme": its own sentence
            messages.append(
                _(
                    "error_profile_unpublished_organisation",
                    default="'${field}': the organisation '${title}' is not published.",
                    mapping={**mapping, "title": brain.Title},
                )
            )
        elif brain.review_state != "published":
            messages.append(
                _(
                    "error_profile_unpublished_target",
                    default="'${field}': the ${kind} '${title}' is not published.",
                    mapping={**mapping, "title": brain.Title},
                )
            )
    return messages


def _uid_list(value):
    return isinstance(value, list) and len(value) <= MAX_DESKS and all(isinstance(v, str) and v for v in value)


def _shape_problems(data):
    """(messages, {field: [desk UIDs]}, {field: [department UIDs]}, {field: [organisation
    UIDs]}) of a change's shapes."""
    messages, desks, departments, organisations = [], {}, {}, {}
    for name, value in data.items():
        if name in ("department", "organisation"):
            if value is not None and not (isinstance(value, str) and value):
                messages.append(_("error_profile_uid", default="'${field}' must be a UID or null.", mapping={"field": name}))
            elif value:
                (departments if name == "department" else organisations).setdefault(name, []).append(value)
        elif name == "desks_by_pivot":
            if not isinstance(value, dict) or not all(_uid_list(v) for v in value.values()):
                messages.append(_("error_profile_pivots", default="'${field}' must be an object {code: [desk UIDs]}.", mapping={"field": name}))
                continue
            for code, uids in value.items():
                if code not in PIVOT_LOCAL:
                    messages.append(
                        _(
                            "error_profile_pivot",
                            default="'${field}': unknown pivot-local code '${code}'.",
                            mapping={"field": name, "code": code[:80]},
                        )
                    )
                desks.setdefault(f"{name}.{code[:80]}", []).extend(uids)
        elif name in KEYS:
            rows = value.values() if isinstance(value, dict) else ()
            if not isinstance(value, dict) or not all(
                isinstance(r, dict)
                and set(r) <= {"desks", "department"}
                and _uid_list(r.get("desks", []))
                and (r.get("department") is None or (isinstance(r["department"], str) and r["department"]))
                for r in rows
            ):
                messages.append(
                    _(
                        "error_profile_rows",
                        default='\'${field}\' must be an object {key: {"desks": [desk UIDs], "department": UID or null}}.',
                        mapping={"field": name},
                    )
                )
                continue
            for key, row in value.items():
                if key not in KEYS[name]:
                    messages.append(
                        _(
                            "error_profile_key",
                            default="'${field}': unknown key '${key}' (expected one of: ${allowed}).",
                            mapping={"field": name, "key": key[:80], "allowed": ", ".join(KEYS[name])},
                        )
                    )
                desks.setdefault(f"{name}.{key[:80]}", []).extend(row.get("desks", []))
                if row.get("department"):
                    departments.setdefault(f"{name}.{key[:80]}", []).append(row["department"])
        elif name == "review_interval":
            low, high = REVIEW_INTERVAL_MONTHS
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high):
                messages.append(
                    _(
                        "error_profile_interval",
                        default="'${field}' must be a whole number of months from ${min} to ${max}, or null.",
                        mapping={"field": name, "min": low, "max": high},
                    )
                )
        elif name == "sync_source":
            if value is not None and not (isinstance(value, str) and 0 < len(value) <= MAX_SOURCE):
                messages.append(
                    _(
                        "error_profile_source",
                        default="'${field}' must be a text of at most ${max} characters, or null.",
                        mapping={"field": name, "max": MAX_SOURCE},
                    )
                )
        elif name == "sync_publish":
            if not isinstance(value, bool):
                messages.append(_("error_profile_bool", default="'${field}' must be true or false.", mapping={"field": name}))
    return messages, desks, departments, organisations


def problems(data):
    """Every reason ``data`` (some fields of the profile) cannot be stored."""
    if not isinstance(data, dict):
        return [_("error_json_object", default="The body must be a JSON object.")]
    derived = sorted(set(data) & set(DERIVED))
    if derived:
        return [
            _(
                "error_profile_derived",
                default="'${field}' is read-only: it comes from the pivot codes of the published organisations.",
                mapping={"field": derived[0]},
            )
        ]
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        return [_("error_unknown_fields", default="Unknown field(s): ${fields}.", mapping={"fields": ", ".join(str(n)[:50] for n in unknown)})]
    messages, desks, departments, organisations = _shape_problems(data)
    for field, uids in desks.items():
        messages += _target_problems(field, "Desk", uids)
    for field, uids in departments.items():
        messages += _target_problems(field, "Department", uids)
    for field, uids in organisations.items():
        messages += _target_problems(field, "Organisation", uids)
    return messages
