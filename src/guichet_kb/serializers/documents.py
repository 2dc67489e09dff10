"""A sheet's required documents in JSON: the rows the Classic sheet page, the
`guichet` expansion and the checklist (agents' text and e-mail) read.

One row per document the caller may see (`guichet_kb.visibility`), in the
sheet's order, with this sheet's qualifiers: requirement and form as tokens and
as titles translated (into ``language``, or the request's), the case it applies
to and a note.
"""

from guichet_kb.content.vocabularies import DOCUMENT_FORM_TITLES
from guichet_kb.content.vocabularies import REQUIREMENT_TITLES
from guichet_kb.visibility import visible_by_uid
from zope.i18n import translate


QUALIFIERS = {"requirement": REQUIREMENT_TITLES, "form": DOCUMENT_FORM_TITLES}


# {UID: document} of the documents the caller may see: the visibility rule's own lookup.
visible_documents = visible_by_uid


def uids_of(sheet):
    return [row.get("document") for row in getattr(sheet, "required_documents", None) or ()]


def _title(kind, token, request, language):
    message = QUALIFIERS[kind].get(token)
    return translate(message, target_language=language, context=request) if message is not None else None


def document_row(row, document, request, language=None):
    return {
        "@id": document.absolute_url(),
        "UID": document.UID(),
        "title": document.Title(),
        "description": document.Description(),
        "validity_rule": document.validity_rule,
        "accepted_forms": document.accepted_forms,
        "requirement": row.get("requirement"),
        "requirement_title": _title("requirement", row.get("requirement"), request, language),
        "form": row.get("form"),
        "form_title": _title("form", row.get("form"), request, language),
        "case": row.get("case"),
        "note": row.get("note"),
    }


def _shown(sheet, documents):
    """(row, document) for the rows whose document the caller may see, in order."""
    if documents is None:
        documents = visible_documents(uids_of(sheet))
    rows = getattr(sheet, "required_documents", None) or ()
    return [(row, documents[row.get("document")]) for row in rows if row.get("document") in documents]


def document_rows(sheet, request, language=None, documents=None):
    """The sheet's rows; ``documents`` ({UID: document} from `visible_documents`)
    lets a caller showing many sheets resolve all their documents at once."""
    return [document_row(row, document, request, language) for row, document in _shown(sheet, documents)]
