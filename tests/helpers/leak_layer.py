"""The leak matrix's test layer: builds every hidden fixture once, above the demo site (see leak_fixtures.py)."""

from DateTime import DateTime
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.national.changes import PREVIOUS
from guichet_kb.testing import DEMO_PASSWORD
from guichet_kb.testing import FIXTURE
from guichet_kb.testing import SERVER_FIXTURE
import leak_agendas
import leak_fact_check
from leak_fixtures import COMMENT
from leak_fixtures import complete_data
from leak_fixtures import DEMO_DEPT
from leak_fixtures import DEMO_DESK
from leak_fixtures import DEMO_DOC
from leak_fixtures import DEMO_TOWN
from leak_fixtures import EDITOR
from leak_fixtures import EDITOR_FULLNAME_MARKER
from leak_fixtures import FIXTURES
from leak_fixtures import hub_answer_path
from leak_fixtures import HUB_NOTICE
from leak_fixtures import hub_path
from leak_fixtures import KINDS
from leak_fixtures import MEMBER
from leak_fixtures import neutral_sheet
from leak_fixtures import NOTICE_AUTHOR
from leak_fixtures import original_path
from leak_fixtures import queue_links
from leak_fixtures import RELAY_FAMILY
from leak_fixtures import STAFF_ANSWER_MARKER
from leak_fixtures import STAFF_DEPT
from leak_fixtures import STAFF_DEPT_MARKER
from leak_fixtures import STAFF_MARKERS
from leak_fixtures import STAFF_ORG
from leak_fixtures import STAFF_ORG_MARKER
from leak_fixtures import STAFF_ORG_PHONE
from leak_fixtures import STAFF_PHONE_MARKER
import leak_open_data
import leak_queues
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.app.testing import FunctionalTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import SITE_OWNER_NAME
from plone.base.interfaces.syndication import ISiteSyndicationSettings
from plone.dexterity.utils import createContentInContainer
from plone.locking.interfaces import ILockable
from plone.registry.interfaces import IRegistry
from plone.restapi.interfaces import IDeserializeFromJson
import transaction
from z3c.relationfield import RelationValue
from zope.annotation.interfaces import IAnnotations
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.intid.interfaces import IIntIds


class LeakMatrixLayer(PloneSandboxLayer):
    """The demo site plus the hidden fixtures, their hubs and a plain Member."""

    defaultBases = (FIXTURE,)

    def setUpPloneSite(self, portal):
        self._site = portal
        self._request = portal.REQUEST
        self.lock_tokens = []
        # A real Manager (adopt_roles leaves catalog searches to the test user, who cannot
        # find the editor's working copies), except for the check-outs, done by the editor.
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            api.user.get(username=EDITOR).setMemberProperties({"fullname": f"Rédacteur {EDITOR_FULLNAME_MARKER}"})
            self._get(DEMO_TOWN).staff_phone = STAFF_PHONE_MARKER  # every hub names the town competent
            self._get(DEMO_TOWN).reindexObject()
            originals = self._build()
        copies = self._check_out(originals)
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            for copy, fixture in copies:
                self._apply(copy, complete_data(self._site, fixture.short, fixture.marker))
                if fixture.short in ("sheet", "answer"):
                    as_national_update(copy)
            for kind in KINDS:
                self._publish_hubs(kind)
            leak_fact_check.build(self)
            api.user.create(username=MEMBER, email="membre@example.org", password=DEMO_PASSWORD)
            api.user.create(username=NOTICE_AUTHOR, email="avis@example.org", password=DEMO_PASSWORD, roles=["Editor"])
        with api.env.adopt_user(username=NOTICE_AUTHOR):
            self._add_notices()
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            registry = getUtility(IRegistry)
            registry["plone.enable_sitemap"] = True  # what an administrator may switch on
            syndication = registry.forInterface(ISiteSyndicationSettings)
            syndication.default_enabled = True
            syndication.render_body = True
            leak_open_data.build(self)
            leak_agendas.build(self)  # issue 18: agendas for hidden sheets, at hidden desks, hidden ones
            leak_queues.build(self)  # issue 19: queues for hidden sheets, at hidden desks
        transaction.commit()

    # -- building blocks --------------------------------------------------------------

    def _get(self, path):
        return self._site.unrestrictedTraverse(path)

    def _uid(self, path):
        return self._get(path).UID()

    def _apply(self, obj, data):
        getMultiAdapter((obj, self._request), IDeserializeFromJson)(validate_all=True, data=data)
        obj.reindexObject()

    def _create(self, path, portal_type, data):
        folder_id, item_id = path.split("/")
        obj = createContentInContainer(self._site[folder_id], portal_type, id=item_id, title=data["title"])
        self._apply(obj, data)
        return obj

    def _publish(self, obj):
        api.content.transition(obj, transition="submit")
        api.content.transition(obj, transition="publish", comment=COMMENT)

    def _links(self, kind, short):
        """Where a hidden item points: at its kind's hubs and at demo items."""
        if short == "sheet":
            return {
                "related_sheets": [self._uid(hub_path(kind))],
                "related_answers": [self._uid(hub_answer_path(kind))],
                "desks": [self._uid(DEMO_DESK)],
                "department": self._uid(DEMO_DEPT),
                "competences": [{"organisation": self._uid(DEMO_TOWN), "case": None}],
                "required_documents": [
                    {"document": self._uid(DEMO_DOC), "requirement": "mandatory", "form": "original", "case": f"cas {kind}", "note": f"note {kind}"}
                ],
            }
        if short == "answer":
            return {"related_sheets": [self._uid(hub_path(kind))]}
        if short == "desk":  # the town's: listed by @organisations and /quel-guichet when visible (issue 16)
            return {"organisation": self._uid(DEMO_TOWN)}
        if short == "agenda":  # issue 18: at the demo desk, for the kind's hub sheet
            return {
                "desk": self._uid(DEMO_DESK),
                "appointment_types": [{"code": "depot", "label": f"Dépôt ({kind})", "service": self._uid(hub_path(kind)), "duration": 20}],
                "counters": [{"code": "g1", "label": "Guichet 1", "types": ""}],
            }
        if short == "queue":  # issue 19: at the demo desk, for the kind's hub sheet
            return queue_links(self._uid, kind)
        return {}

    # -- the fixtures ----------------------------------------------------------------

    def _build(self):
        for kind in KINDS:
            relay = {"family_name": RELAY_FAMILY, "variant_label": f"Relais ({kind})"}
            self._create(hub_path(kind), "ServiceSheet", {**neutral_sheet(f"Démarche relais ({kind})"), **relay})
            answer = {"title": f"Question relais ({kind}) ?", "short_answer": "Une réponse publiée.", **relay}
            self._create(hub_answer_path(kind), "Answer", answer)
        dept = self._create(
            f"services/{STAFF_DEPT}",
            "Department",
            {
                "title": "Service avec notes internes",
                "description": "Un service publié.",
                "email": "service@example.org",
                "internal_notes": f"Notes {STAFF_DEPT_MARKER}.",
            },
        )
        self._publish(dept)
        org = self._create(
            f"organismes/{STAFF_ORG}",
            "Organisation",
            {
                "title": "Organisme avec ligne directe",
                "description": "Un organisme publié.",
                "kind": "caf",
                "phone": "01 02 03 04 08",
                "staff_phone": STAFF_ORG_PHONE,
                "internal_notes": f"Notes {STAFF_ORG_MARKER}.",
            },
        )
        self._publish(org)
        now, originals = DateTime(), []
        for fixture in FIXTURES:
            if fixture.kind == "copy":
                originals.append((self._original(fixture), fixture))
                continue
            data = {**complete_data(self._site, fixture.short, fixture.marker), **self._links(fixture.kind, fixture.short)}
            obj = self._create(fixture.path, fixture.portal_type, data)
            if fixture.kind == "expired":
                obj.effective_date, obj.expiration_date = now - 20, now - 10
            elif fixture.kind == "future":
                obj.effective_date = now + 30
            if fixture.kind != "draft":
                api.content.transition(obj, transition="submit")
            if fixture.kind in ("archived", "expired", "future"):
                api.content.transition(obj, transition="publish", comment=COMMENT)
            if fixture.kind == "archived":
                api.content.transition(obj, transition="archive", comment=COMMENT)
            obj.reindexObject()
        return originals

    def _original(self, fixture):
        """The published original of a working copy: public text, no marker."""
        short = fixture.short
        data = {**complete_data(self._site, short, f"publie{short}"), **self._links("copy", short)}
        original = self._create(original_path(short), fixture.portal_type, data)
        self._publish(original)
        return original

    def _check_out(self, originals):
        """The editor checks each original out (and so holds its lock)."""
        copies = []
        with api.env.adopt_user(username=EDITOR):
            for original, fixture in originals:
                copy = ICheckinCheckoutPolicy(original).checkout(original.aq_parent)
                assert copy.getId() == fixture.id, copy.getId()
                copies.append((copy, fixture))
                self.lock_tokens.extend(info["token"] for info in ILockable(original).lock_info())
        return copies

    def _add_notices(self):
        """Issue 16: a notice with its marker on each hidden sheet and desk (not the
        working copies: a notice is written on the published item), a public one on each hub."""
        from guichet_kb import clock
        from guichet_kb.notices import store
        from guichet_kb.notices.validation import checked

        for fixture in FIXTURES:
            if fixture.short in ("sheet", "desk") and fixture.kind != "copy":
                store.add(self._get(fixture.path), checked({"kind": "suspended", "reason": f"Avis {fixture.marker}"}, clock.now()))
        for kind in KINDS:
            store.add(self._get(hub_path(kind)), checked({"kind": "disrupted", "reason": HUB_NOTICE}, clock.now()))

    def _publish_hubs(self, kind):
        by_short = {f.short: f for f in FIXTURES if f.kind == kind}
        targets = {short: [self._uid(f.path)] for short, f in by_short.items()}
        if kind == "copy":  # the hub points at the originals and at their working copies
            targets = {short: [self._uid(original_path(short)), *uids] for short, uids in targets.items()}
        hub = self._get(hub_path(kind))
        self._apply(
            hub,
            {
                "related_sheets": list(targets["sheet"]),
                "related_answers": list(targets["answer"]),
                "desks": list(targets["desk"]),
                "department": self._uid(by_short["dept"].path),
                "competences": [{"organisation": self._uid(DEMO_TOWN), "case": None}],
                "required_documents": [
                    {"document": uid, "requirement": "mandatory", "form": "original", "case": "", "note": ""} for uid in targets["doc"]
                ],
                **{field: f"Interne {marker}." for field, marker in STAFF_MARKERS.items()},
            },
        )
        # Competent: the town, the organisation with staff-only fields and the kind's hidden
        # organisation(s). Set as stored (the field refuses an unpublished organisation: a
        # sheet may still name one that was retracted since), the hidden desk belongs to it.
        hub.competences = [
            {"organisation": self._uid(DEMO_TOWN), "case": None},
            {"organisation": self._uid(f"organismes/{STAFF_ORG}"), "case": "Cas relais"},
            *[{"organisation": uid, "case": "Autre cas relais"} for uid in targets["org"]],
        ]
        desk = self._get(by_short["desk"].path)
        desk.organisation = RelationValue(getUtility(IIntIds).getId(self._get(by_short["org"].path)))
        desk.reindexObject()
        self._publish(hub)
        answer = self._get(hub_answer_path(kind))
        # (the deserializer replaces UIDs by objects in the lists it is given: pass a copy)
        self._apply(answer, {"related_sheets": list(targets["sheet"]), "internal_notes": f"Interne {STAFF_ANSWER_MARKER}."})
        self._publish(answer)


LEAK_FIXTURE = LeakMatrixLayer()
LEAK_FUNCTIONAL = FunctionalTesting(bases=(LEAK_FIXTURE, SERVER_FIXTURE), name="GuichetKB:LeakMatrix")


def as_national_update(copy):
    """The working copy as the Service-Public import leaves it (national/changes.py): an
    import record whose new national values are the copy's own (marked) ones and whose
    previous ones are its published original's, so GET @national-changes on either shows
    the copy's markers to whoever may read it."""
    original = ICheckinCheckoutPolicy(copy).getBaseline()
    names = ("title", "description")
    previous = {"modified": "2019-08-28", "values": {name: getattr(original, name) for name in names}}
    record = {"hash": "leak-matrix", "modified": "2020-11-05", "values": {name: getattr(copy, name) for name in names}, PREVIOUS: previous}
    IAnnotations(copy)[IMPORT_KEY] = PersistentMapping(record)
