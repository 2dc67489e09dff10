"""The competent organisations in the catalogue's JSON file (issue 16).

One row per organisation: its own fields, ``kind``, ``pivot_codes``, ``communes`` and
``desks``, the ids of the desks belonging to it (a desk's ``organisation``), so the
file says which body each desk belongs to without a desk table. Imported before the
sheets (a sheet of the same file may name an organisation already published); each
row whole or not at all, a published organisation or desk changed through a working
copy submitted for review, as a sheet. Report ids are ``organismes/<id>``.
"""

from guichet_kb.content.ids import id_problem
from guichet_kb.facts import FOLDER_OF
from guichet_kb.importers.catalogue_file import _comparable
from guichet_kb.importers.catalogue_file import _message
from guichet_kb.importers.catalogue_file import RowError
from guichet_kb.importers.writing import create_item
from guichet_kb.importers.writing import submit
from guichet_kb.importers.writing import working_copy
from guichet_kb.importers.writing import write
from plone import api
import transaction
from zope.globalrequest import getRequest
from zope.i18n import translate


# The organisations of the JSON file: their own fields, and the desks belonging to each.
ORGANISATION_TEXT = ("title", "description", "phone", "email", "website", "online_contact_url", "staff_phone", "internal_notes")
ORGANISATION_COLUMNS = ("id", *ORGANISATION_TEXT, "kind", "pivot_codes", "communes", "desks", "review_state")


def organisation_row(obj, desk_ids_of):
    row = {"id": obj.getId(), "review_state": api.content.get_state(obj), "kind": obj.kind}
    for name in ORGANISATION_TEXT:
        row[name] = getattr(obj, name, None) or ""
    for name in ("pivot_codes", "communes"):
        row[name] = list(getattr(obj, name, None) or [])
    row["desks"] = desk_ids_of.get(obj.UID(), [])
    return {column: row[column] for column in ORGANISATION_COLUMNS}


def _desks_by_organisation():
    found = {}
    for brain in api.content.find(portal_type="Desk", sort_on="getId"):
        if brain.organisation_uid:
            found.setdefault(brain.organisation_uid, []).append(brain.getId)
    return found


def export_organisations():
    """One dict per organisation (JSON-ready), in folder order."""
    desks = _desks_by_organisation()
    brains = api.content.find(portal_type="Organisation", sort_on="getObjPositionInParent")
    return [organisation_row(brain.getObject(), desks) for brain in brains]


def _organisation_payload(row):
    data = {k: v for k, v in row.items() if k not in ("id", "review_state", "desks")}
    for name in ORGANISATION_TEXT:
        if data.get(name) == "" and name != "title":
            data[name] = None
    return data


def _link_desks(organisation, desk_ids, desks):
    """Each listed desk belongs to ``organisation`` (a published desk through a
    working copy submitted for review, as a sheet's change)."""
    changed = []
    for desk_id in desk_ids:
        desk = desks.get(desk_id) if isinstance(desk_id, str) else None
        if desk is None:
            raise RowError(f"{organisation.getId()}: unknown desk {desk_id!r}")
        current = desk.organisation.to_object if desk.organisation is not None and not desk.organisation.isBroken() else None
        if current is not None and current.UID() == organisation.UID():
            continue
        target = working_copy(desk) if api.content.get_state(desk) == "published" else desk
        write(target, {"organisation": organisation.UID()})
        if target is not desk:
            submit(target, "Mise à jour par fichier")
        changed.append(desk_id)
    return changed


def import_organisations(portal, rows, report):
    """Create or update organisations from the JSON file's rows, into ``report``."""
    folder = portal[FOLDER_OF["Organisation"]]
    desks = {desk.getId(): desk for desk in (b.getObject() for b in api.content.find(portal_type="Desk"))}
    desk_ids = _desks_by_organisation()
    for row in rows:
        name = f"{folder.getId()}/{row.get('id')}" if isinstance(row, dict) else None
        savepoint = transaction.savepoint()
        try:
            if not isinstance(row, dict) or not row.get("id") or not row.get("title"):
                raise RowError("each organisation needs an id and a title")
            unknown = set(row) - set(ORGANISATION_COLUMNS)
            if unknown:
                raise RowError(f"{row['id']}: unknown column(s) {', '.join(sorted(unknown))}")
            if not isinstance(row.get("desks", []), list):
                raise RowError(f"{row['id']}: desks must be a list of desk ids")
            obj = folder.get(row["id"]) if isinstance(row["id"], str) else None
            if obj is None:
                problem = id_problem(folder, row["id"])
                if problem is not None:
                    raise RowError(translate(problem, context=getRequest()))
                obj = create_item(folder, "Organisation", row["id"], _organisation_payload(row))
                _link_desks(obj, row.get("desks", []), desks)
                report["created"].append(name)
                continue
            current = organisation_row(obj, desk_ids)
            changed = {k: v for k, v in row.items() if k not in ("id", "review_state", "desks") and _comparable(current[k]) != _comparable(v)}
            linked = _link_desks(obj, row.get("desks", []), desks)
            if changed:
                target = working_copy(obj) if api.content.get_state(obj) == "published" else obj
                write(target, _organisation_payload(changed))
                if target is not obj:
                    submit(target, "Mise à jour par fichier")
            if not changed and not linked:
                report["unchanged"].append(name)
                continue
            report["updated"].append({"id": name, "fields": sorted(changed) + (["desks"] if linked else []), "url": obj.absolute_url()})
        except Exception as error:
            savepoint.rollback()
            report["errors"].append({"id": name, "message": _message(error)})
    return report
