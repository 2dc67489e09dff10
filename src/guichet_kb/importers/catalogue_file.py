"""The catalogue as a spreadsheet: CSV and JSON export and import of service sheets.

One column list, used both ways, so an export imported back changes nothing.
Lists are "a; b" in CSV (JSON arrays in JSON); the document rows of a sheet are
a JSON cell. CSV cells that a spreadsheet would run as formulas are neutralised
on export and restored on import (importers.cells). References use the short ids of
desks, documents, departments and organisations (a sheet's ``competences``, a JSON cell
like its document rows).

The JSON file also holds the competent organisations (``"organisations"``, issue 16):
importers/catalogue_organisations.py.
"""

import csv
from decimal import Decimal
from guichet_kb.content.ids import id_problem
from guichet_kb.facts import FOLDER_OF
from guichet_kb.facts import SHEET_RICH_TEXT
from guichet_kb.importers.cells import neutralise
from guichet_kb.importers.cells import restore
from guichet_kb.importers.writing import create_item
from guichet_kb.importers.writing import rich_text
from guichet_kb.importers.writing import submit
from guichet_kb.importers.writing import working_copy
from guichet_kb.importers.writing import write
import io
import json
from plone import api
from plone.app.textfield.value import RichTextValue
import transaction
from zope.globalrequest import getRequest
from zope.i18n import translate


TEXT = (
    "title",
    "description",
    "online_service_url",
    "appointment_url",
    "cost_note",
    "processing_time",
    "validity",
    "external_id",
    "source_url",
    "call_script_questions",
    "call_script_answer",
    "internal_notes",
    "backoffice_contact",
)
LISTS = ("audiences", "life_events", "channels", "keywords", "synonyms")
BOOLS = ("no_document_needed", "appointment_required", "free_of_charge")
INTS = ("top_rank", "review_interval")
# The file format: the columns in file order, written out (reordering them changes every file).
COLUMNS = (
    "id",
    "title",
    "description",
    "audiences",
    "life_events",
    "channels",
    "keywords",
    "synonyms",
    "eligibility",
    "steps",
    "required_documents",
    "no_document_needed",
    "documents_note",
    "online_service_url",
    "appointment_required",
    "appointment_url",
    "desks",
    "free_of_charge",
    "cost_amount",
    "cost_note",
    "processing_time",
    "validity",
    "department",
    "competences",
    "top_rank",
    "review_interval",
    "external_id",
    "source_url",
    "call_script_questions",
    "call_script_answer",
    "internal_notes",
    "backoffice_contact",
    "review_state",
)
# How each column is read and written; every column has exactly one kind (tests check it).
REFERENCES = ("required_documents", "desks", "department", "competences")
ROWS = ("required_documents", "competences")  # JSON cells in CSV
OTHERS = ("id", "cost_amount", "review_state")


class RowError(ValueError):
    pass


def _ids(portal_type):
    brains = api.content.find(portal_type=portal_type)
    return {b.UID: b.getId for b in brains}, {b.getId: b.UID for b in brains}


def export_rows():
    """One dict per sheet (JSON-ready), in folder order."""
    doc_ids, _ = _ids("RequiredDocument")
    organisation_ids, _ = _ids("Organisation")
    brains = api.content.find(portal_type="ServiceSheet", sort_on="getObjPositionInParent")
    return [row_for(brain.getObject(), doc_ids, organisation_ids) for brain in brains]


def row_for(obj, doc_ids, organisation_ids=None):
    row = {"id": obj.getId(), "review_state": api.content.get_state(obj)}
    for name in TEXT:
        row[name] = getattr(obj, name, None) or ""
    for name in SHEET_RICH_TEXT:
        value = getattr(obj, name, None)
        row[name] = value.raw if isinstance(value, RichTextValue) else ""
    for name in LISTS:
        row[name] = list(getattr(obj, name, None) or [])
    for name in BOOLS:
        row[name] = bool(getattr(obj, name, False))
    for name in INTS:
        row[name] = getattr(obj, name, None)
    row["cost_amount"] = str(obj.cost_amount) if obj.cost_amount is not None else None
    row["desks"] = [rel.to_object.getId() for rel in obj.desks or () if rel.to_object is not None]
    department = obj.department.to_object if obj.department else None
    row["department"] = department.getId() if department is not None else ""
    row["required_documents"] = [{**dict(r), "document": doc_ids.get(r["document"], r["document"])} for r in obj.required_documents or ()]
    organisation_ids = organisation_ids if organisation_ids is not None else _ids("Organisation")[0]
    row["competences"] = [
        {"organisation": organisation_ids.get(r["organisation"], r["organisation"]), "case": r.get("case") or None} for r in obj.competences or ()
    ]
    return {column: row[column] for column in COLUMNS}


def to_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        cells = {}
        for key, value in row.items():
            if key in ROWS:
                cells[key] = json.dumps(value, ensure_ascii=False) if value else ""
            elif isinstance(value, list):
                cells[key] = "; ".join(value)
            elif isinstance(value, bool):
                cells[key] = "oui" if value else "non"
            else:
                cells[key] = "" if value is None else value
        writer.writerow({key: neutralise(cell) for key, cell in cells.items()})
    return out.getvalue()


def from_csv(text):
    reader = csv.DictReader(io.StringIO(text))
    missing = {"id", "title"} - set(reader.fieldnames or ())
    if missing:
        raise RowError(f"missing column(s): {', '.join(sorted(missing))}")
    unknown = set(reader.fieldnames) - set(COLUMNS)
    if unknown:
        raise RowError(f"unknown column(s): {', '.join(sorted(unknown))}")
    rows = []
    for cells in reader:
        row = {}
        for key, value in cells.items():
            value = restore(value or "")
            if key in ROWS:
                try:
                    row[key] = json.loads(value) if value.strip() else []
                except json.JSONDecodeError:
                    raise RowError(f"{cells.get('id')}: {key} is not valid JSON") from None
            elif key in LISTS or key == "desks":
                row[key] = [part.strip() for part in value.split(";") if part.strip()]
            elif key in BOOLS:
                row[key] = value.strip().lower() in ("oui", "true", "1", "yes")
            elif key in INTS:
                row[key] = int(value) if value.strip() else None
            elif key == "cost_amount":
                row[key] = value.strip() or None
            else:
                row[key] = value
        rows.append(row)
    return rows


def payload(row, uids):
    """A row -> the JSON a REST client would PATCH (references resolved)."""
    data = {k: v for k, v in row.items() if k not in ("id", "review_state")}
    for name in SHEET_RICH_TEXT:
        if name in data:
            data[name] = rich_text(data[name])
    for name in TEXT:
        if name in data and data[name] == "" and name not in ("title",):
            data[name] = None
    if "cost_amount" in data and data["cost_amount"] is not None:
        data["cost_amount"] = str(Decimal(str(data["cost_amount"])))
    try:
        if "desks" in data:
            data["desks"] = [uids["Desk"][i] for i in data["desks"]]
        if "department" in data:
            data["department"] = uids["Department"][data["department"]] if data["department"] else None
        if "required_documents" in data:
            data["required_documents"] = [{**r, "document": uids["RequiredDocument"][r["document"]]} for r in data["required_documents"]]
        if "competences" in data:
            data["competences"] = [{**r, "organisation": uids["Organisation"][r["organisation"]]} for r in data["competences"]]
    except (KeyError, TypeError) as error:
        raise RowError(f"{row.get('id')}: unknown reference {error.args[0]!r}") from None
    return data


def _comparable(value):
    return value if value not in ("", None, []) else None


def new_report():
    return {"created": [], "updated": [], "unchanged": [], "errors": []}


def import_rows(portal, rows, report=None):
    """Create or update sheets from rows, into ``report`` (a new one when None); each
    row whole or not at all."""
    report = report if report is not None else new_report()
    _, uids_doc = _ids("RequiredDocument")
    uids = {"RequiredDocument": uids_doc, "Desk": _ids("Desk")[1], "Department": _ids("Department")[1], "Organisation": _ids("Organisation")[1]}
    doc_ids = {uid: i for i, uid in uids_doc.items()}
    organisation_ids = {uid: i for i, uid in uids["Organisation"].items()}
    folder = portal[FOLDER_OF["ServiceSheet"]]
    for row in rows:
        savepoint = transaction.savepoint()
        try:
            if not isinstance(row, dict) or not row.get("id") or not row.get("title"):
                raise RowError("each row needs an id and a title")
            unknown = set(row) - set(COLUMNS)
            if unknown:
                raise RowError(f"{row['id']}: unknown column(s) {', '.join(sorted(unknown))}")
            obj = folder.get(row["id"]) if isinstance(row["id"], str) else None
            if obj is None:
                problem = id_problem(folder, row["id"])
                if problem is not None:
                    raise RowError(translate(problem, context=getRequest()))
                create_item(folder, "ServiceSheet", row["id"], payload(row, uids))
                report["created"].append(row["id"])
                continue
            current = row_for(obj, doc_ids, organisation_ids)
            changed = {k: v for k, v in row.items() if k not in ("id", "review_state") and _comparable(current[k]) != _comparable(v)}
            if not changed:
                report["unchanged"].append(row["id"])
                continue
            target = working_copy(obj) if api.content.get_state(obj) == "published" else obj
            write(target, payload({"id": row["id"], **changed}, uids))
            if target is not obj:
                submit(target, "Mise à jour par fichier")
            report["updated"].append({"id": row["id"], "fields": sorted(changed), "url": target.absolute_url()})
        except Exception as error:
            savepoint.rollback()
            report["errors"].append({"id": row.get("id") if isinstance(row, dict) else None, "message": _message(error)})
    return report


def _message(error):
    problems = getattr(error, "problems", None)
    if problems:
        return "; ".join(problems)
    detail = error.args[0] if error.args else error
    if isinstance(detail, list):
        return "; ".join(str(d.get("message", d)) if isinstance(d, dict) else str(d) for d in detail)
    return str(detail)
