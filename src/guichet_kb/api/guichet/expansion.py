"""`?expand=guichet` on a sheet (on an answer: its provenance only): documents, desks, department, related answers and
sheets resolved in the same response (only what the caller may view), and where
the sheet comes from (`provenance`: Service-Public.fr, or None), and the notices
active now on the sheet and on those desks (`notices`, as `@answer` gives them).

`competent` (issue 16): the competent organisations the caller may see
(`organisation_json`, with the case each handles; other bodies before the town),
and `desks` are the offered desks (content/competence.py: the sheet's own, then
the published desks of the bodies it lists none of, for a démarche done on site),
those the caller may see, each naming its organisation (`organisation`, as every
desk's JSON).

`agendas` (issue 18): the agendas the caller may book this sheet at
(serializers/agenda.py), by desk title; `queues` (issue 19): its walk-in queues
(serializers/queue.py), by desk title."""

from guichet_kb.content.answer import IAnswer
from guichet_kb.content.competence import competent_uids
from guichet_kb.content.competence import offered_desk_uids
from guichet_kb.content.service_sheet import IServiceSheet
from guichet_kb.notices import json as notices_json
from guichet_kb.serializers.agenda import sheet_agendas
from guichet_kb.serializers.desk import desk_json
from guichet_kb.serializers.documents import document_rows
from guichet_kb.serializers.organisation import sheet_competent_json
from guichet_kb.serializers.provenance import provenance
from guichet_kb.serializers.queue import sheet_queues
from guichet_kb.serializers.sheet import link_json
from guichet_kb.visibility import first_visible
from guichet_kb.visibility import visible
from guichet_kb.visibility import visible_by_uid
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
        offered = offered_desk_uids(sheet)
        desks = visible_by_uid(offered)
        shown = [desks[uid] for uid in offered if uid in desks]
        bodies = visible_by_uid(competent_uids(sheet))
        return {
            "documents": document_rows(sheet, self.request),
            "desks": [desk_json(desk, request=self.request) for desk in shown],
            "competent": sheet_competent_json(sheet, self.request),
            "department": {**link_json(department), "email": department.email, "phone": department.phone} if department else None,
            "related_answers": [{**link_json(a), "short_answer": a.short_answer} for a in visible(sheet.related_answers)],
            "related_sheets": [link_json(s) for s in visible(sheet.related_sheets)],
            "provenance": provenance(sheet, self.request),
            "notices": notices_json.of_objects([sheet, *shown, *(bodies[uid] for uid in competent_uids(sheet) if uid in bodies)]),
            "agendas": sheet_agendas(sheet.UID(), self.request),
            "queues": sheet_queues(sheet.UID(), self.request),
        }


@implementer(IExpandableElement)
@adapter(IAnswer, Interface)
class AnswerGuichetExpansion(_Expansion):
    """`?expand=guichet` on an answer: where it comes from (the public answer page)."""

    def fields(self):
        return {"provenance": provenance(self.context, self.request)}
