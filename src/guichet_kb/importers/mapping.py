"""A parsed DILA fiche (importers/dila.py) -> the catalogue's field values.

Also what the last import wrote, to tell an editor's local change from a value
the import may update (local overrides are kept on re-import).
"""

from datetime import date
from guichet_kb.importers.nodes import normalise
from html import unescape
from plone.app.textfield.value import RichTextValue
from zope.annotation.interfaces import IAnnotations


IMPORT_KEY = "guichet_kb.import"


def kind_of(fiche):
    """The portal type a fiche becomes, or None when it is not imported."""
    if fiche["root"] != "Publication" or not fiche["external_id"].startswith("F"):
        return None
    return "Answer" if "question-réponse" in fiche["type"].lower() else "ServiceSheet"


def matching_documents(fiche, known):
    """Rows for the town's RequiredDocuments whose title appears in the fiche."""
    rows, seen = [], set()
    for text in fiche["document_titles"]:
        lowered = text.lower()
        for title, uid in known:
            # "Justificatif de domicile" matches "Justificatif de domicile de moins de 3 mois".
            if uid not in seen and (title in lowered or (len(lowered) >= 12 and title.startswith(lowered))):
                seen.add(uid)
                rows.append({"document": uid, "requirement": "mandatory", "form": "original_or_copy", "case": "", "note": ""})
    return rows


def imported_values(fiche, kind, known_documents):
    common = {
        "title": fiche["title"],
        "description": fiche["description"],
        "external_id": fiche["external_id"],
        "source_url": fiche["source_url"] or None,
        "source_modified": fiche["modified"],
    }
    if kind == "Answer":
        body = fiche["steps"] + fiche["documents"]
        return {**common, "short_answer": fiche["description"] or fiche["title"], "full_answer": body}
    services = [s for s in fiche["online_services"] if s["type"] == "Téléservice"]
    channels = (["on_site"] if fiche["local_desk"] else []) + (["online"] if services else [])
    return {
        **common,
        "audiences": fiche["audiences"],
        "life_events": fiche["life_events"],
        "eligibility": fiche["eligibility"],
        "steps": fiche["steps"],
        "documents_note": fiche["documents"],
        "required_documents": matching_documents(fiche, known_documents),
        "channels": channels,
        "online_service_url": services[0]["url"] if services else None,
        "free_of_charge": fiche["free"],
        "cost_note": fiche["cost"],
        "processing_time": fiche["processing_time"],
        "validity": fiche["validity"],
        "legal_references": fiche["legal_references"],
    }


def current_value(obj, name):
    """The stored value in the form imported_values() uses, to spot local edits."""
    value = getattr(obj, name, None)
    if isinstance(value, RichTextValue):
        return value.raw
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [dict(v) if isinstance(v, dict) else v for v in value]
    return value


def same(a, b):
    """Equal once HTML entities and spacing are normalised (storage rewrites them)."""
    if isinstance(a, str) and isinstance(b, str):
        return normalise(unescape(a)) == normalise(unescape(b))
    return a == b


def local_overrides(obj):
    """Imported fields an editor changed since the last import (kept on re-import)."""
    last = IAnnotations(obj).get(IMPORT_KEY, {}).get("values", {})
    return [name for name, value in last.items() if not same(current_value(obj, name), value)]
