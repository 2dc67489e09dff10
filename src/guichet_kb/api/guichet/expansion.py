"""`?expand=guichet` on a sheet: documents, desks, department, related answers and
sheets resolved in the same response (only what the caller may view)."""

from guichet_kb.api.desks.get import desk_json
from guichet_kb.content.service_sheet import IServiceSheet
from guichet_kb.visibility import first_visible
from guichet_kb.visibility import visible
from plone.restapi.interfaces import IExpandableElement
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


@implementer(IExpandableElement)
@adapter(IServiceSheet, Interface)
class GuichetExpansion:
    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, expand=False):
        url = f"{self.context.absolute_url()}/@guichet"
        if not expand:
            return {"guichet": {"@id": url}}
        sheet = self.context
        rows = sheet.required_documents or []
        brains = {b.UID: b for b in sheet.portal_catalog(UID=[r["document"] for r in rows])} if rows else {}
        documents = []
        for row in rows:
            brain = brains.get(row["document"])
            if brain is not None:
                doc = brain.getObject()
                documents.append(
                    {
                        "@id": brain.getURL(),
                        "title": brain.Title,
                        "description": brain.Description,
                        "validity_rule": doc.validity_rule,
                        "accepted_forms": doc.accepted_forms,
                        **{k: row.get(k) for k in ("requirement", "form", "case", "note")},
                    }
                )
        department = first_visible(sheet.department)
        link = lambda obj: {"@id": obj.absolute_url(), "title": obj.Title(), "summary": obj.Description()}  # noqa: E731
        return {
            "guichet": {
                "@id": url,
                "documents": documents,
                "desks": [desk_json(desk, None) for desk in visible(sheet.desks)],
                "department": {**link(department), "email": department.email, "phone": department.phone} if department else None,
                "related_answers": [{**link(a), "short_answer": a.short_answer} for a in visible(sheet.related_answers)],
                "related_sheets": [link(s) for s in visible(sheet.related_sheets)],
            }
        }
