"""Classic UI view of a service sheet, section by section as a citizen reads it."""

from guichet_kb.browser.desk import DeskDisplay
from guichet_kb.browser.factcheck_request import may_request
from guichet_kb.browser.factcheck_request import requests_shown
from guichet_kb.content.competence import offered_desk_uids
from guichet_kb.content.imported import local_overrides
from guichet_kb.content.service_sheet import IServiceSheet
from guichet_kb.factcheck.asking import may_ask
from guichet_kb.permissions import VIEW_INTERNAL
from guichet_kb.serializers.agenda import sheet_agendas
from guichet_kb.serializers.desk import desk_json
from guichet_kb.serializers.documents import document_rows
from guichet_kb.serializers.organisation import competent_json
from guichet_kb.serializers.provenance import provenance
from guichet_kb.visibility import first_visible
from guichet_kb.visibility import visible
from guichet_kb.visibility import visible_brains
from guichet_kb.visibility import visible_by_uid
from Products.Five.browser import BrowserView
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory
from zope.security import checkPermission


class ItemView(BrowserView):
    """Shared helpers for all catalogue item views."""

    def show_internal(self):
        return checkPermission(VIEW_INTERNAL, self.context)

    def term_titles(self, vocabulary_name, values):
        vocabulary = getUtility(IVocabularyFactory, vocabulary_name)(self.context)
        return [translate(vocabulary.getTerm(v).title, context=self.request) for v in values or () if v in vocabulary]

    def related(self, name):
        return visible(getattr(self.context, name, None))

    def provenance(self):
        """Where an imported item comes from and what the town added (None otherwise)."""
        return provenance(self.context, self.request)


class ServiceSheetView(DeskDisplay, ItemView):
    def fact_checks(self):
        """The fact-check requests, for those who may ask for one (None otherwise)."""
        return requests_shown(self.context, self.request) if may_ask(self.context) else None

    def may_request_fact_check(self):
        return may_request(self.context)

    def audiences(self):
        return self.term_titles("guichet_kb.audiences", self.context.audiences)

    def life_events(self):
        return self.term_titles("guichet_kb.life_events", self.context.life_events)

    def channels(self):
        return self.term_titles("guichet_kb.channels", self.context.channels)

    def documents(self):
        """Required documents with this sheet's qualifiers; unviewable ones skipped."""
        return document_rows(self.context, self.request)

    def desks(self):
        """The desks offered (content/competence.py): the sheet's own, then those of the
        competent organisations it lists none of; the ones the caller may see."""
        uids = offered_desk_uids(self.context)
        found = visible_by_uid(uids)
        return [desk_json(found[uid], request=self.request) for uid in uids if uid in found]

    def agendas(self):
        """Where it can be booked (issue 18): the bookable agendas serving it, by desk title."""
        return sheet_agendas(self.context.UID(), self.request)

    def competent(self):
        """The competent organisations the caller may see, with their case (other bodies
        first), as @answer's `competent` (serializers/organisation.py)."""
        rows = [(row.get("organisation"), row.get("case") or "") for row in self.context.competences or () if row.get("organisation")]
        brains = {uid: brain for uid, brain in visible_brains([uid for uid, _case in rows]).items() if brain.portal_type == "Organisation"}
        return competent_json(rows, brains, self.request, internal=self.show_internal())

    def local_overrides(self):
        """Titles of imported fields changed locally (shown to staff as such)."""
        schema = IServiceSheet
        names = local_overrides(self.context)
        return [translate(schema[name].title, context=self.request) if name in schema else name for name in names]

    def department(self):
        return first_visible(self.context.department)
