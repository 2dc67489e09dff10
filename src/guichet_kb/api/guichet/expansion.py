"""`?expand=guichet` on a sheet (on an answer: its provenance only): documents, desks, department, related answers and
sheets resolved in the same response (only what the caller may view), and where
the sheet comes from (`provenance`: Service-Public.fr, or None), the notices
active now on the sheet and on those desks (`notices`, as `@answer` gives them),
and the competent organisations (`competent`, as `@answer` gives them)."""

from guichet_kb.content.answer import IAnswer
from guichet_kb.content.service_sheet import IServiceSheet
from guichet_kb.notices import json as notices_json
from guichet_kb.serializers.desk import desk_json
from guichet_kb.serializers.documents import document_rows
from guichet_kb.serializers.organisation import sheet_competent_json
from guichet_kb.serializers.provenance import provenance
from guichet_kb.serializers.sheet import link_json
from guichet_kb.visibility import first_visible
from guichet_kb.visibility import visible
from plone.restapi.interfaces import IExpandableElement
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


class _Expansion:
    """`?expand=guichet`: the link without expansion, else ``@id`` and ``fields()``."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, expand=False):
        url = f"{self.context.absolute_url()}/@guichet"
        if not expand:
            return {"guichet": {"@id": url}}
        return {"guichet": {"@id": url, **self.fields()}}


@implementer(IExpandableElement)
@adapter(IServiceSheet, Interface)
class GuichetExpansion(_Expansion):
    def fields(self):
        sheet = self.context
        department = first_visible(sheet.department)
        desks = visible(sheet.desks)
        return {
            "documents": document_rows(sheet, self.request),
            "desks": [desk_json(desk, request=self.request) for desk in desks],
            "department": {**link_json(department), "email": department.email, "phone": department.phone} if department else None,
            "related_answers": [{**link_json(a), "short_answer": a.short_answer} for a in visible(sheet.related_answers)],
            "related_sheets": [link_json(s) for s in visible(sheet.related_sheets)],
            "provenance": provenance(sheet, self.request),
            "notices": notices_json.of_objects([sheet, *desks]),
            "competent": sheet_competent_json(sheet, self.request),
        }


@implementer(IExpandableElement)
@adapter(IAnswer, Interface)
class AnswerGuichetExpansion(_Expansion):
    """`?expand=guichet` on an answer: where it comes from (the public answer page)."""

    def fields(self):
        return {"provenance": provenance(self.context, self.request)}
