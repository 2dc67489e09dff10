"""A parsed DILA fiche (importers/dila.py) -> the catalogue's field values.

Also what the last import wrote, to tell an editor's local change from a value
the import may update (local overrides are kept on re-import).
"""

from guichet_kb.content.imported import current_value  # noqa: F401 (the import record, kept beside the content)
from guichet_kb.content.imported import IMPORT_KEY  # noqa: F401
from guichet_kb.content.imported import local_overrides  # noqa: F401
from guichet_kb.content.imported import same_value as same  # noqa: F401
from guichet_kb.importers.prepare import kind_of  # noqa: F401 (pure: the CLI uses it too)


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


def imported_values(fiche, kind, known_documents, on_site=False):
    """The fields an import writes. ``on_site``: the item has desks (the profile's or
    its own), so the démarche is done on site; a Téléservice makes it online too."""
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
    channels = (["on_site"] if on_site else []) + (["online"] if services else [])
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
