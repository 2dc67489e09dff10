"""Leak-matrix fixtures: catalogue items nobody but staff may see, on their own layer.

For every hidden kind (draft, pending, archived, expired, not yet effective, working
copy) and every catalogue type, one item carries a unique marker word in every text
field of its schema and an id of its own. A published "hub" sheet per kind points at
that kind's items through every relation field and a required-documents row; a
published hub answer points at the kind's sheet; the hidden sheets and answers point
back at the hubs and at demo items (so back-references are exercised too). The hubs,
hub answers and one published department carry staff-only markers.

The items are created once, in a layer above the demo site (its own DemoStorage),
so the matrix costs one setup; each test still runs on a fresh stacked storage.
"""

import dataclasses
from DateTime import DateTime
from guichet_kb.demo.loader import FOLDER_OF
from guichet_kb.testing import DEMO_PASSWORD
from guichet_kb.testing import FIXTURE
from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.app.testing import FunctionalTesting
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import SITE_OWNER_NAME
from plone.app.textfield import RichText
from plone.base.interfaces.syndication import ISiteSyndicationSettings
from plone.dexterity.utils import createContentInContainer
from plone.dexterity.utils import iterSchemataForType
from plone.locking.interfaces import ILockable
from plone.registry.interfaces import IRegistry
from plone.restapi.interfaces import IDeserializeFromJson
from plone.testing.zope import WSGI_SERVER_FIXTURE
import transaction
from zope import schema
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.schema import getFieldsInOrder


KINDS = ("draft", "pending", "archived", "expired", "future", "copy")
TYPES = {"sheet": "ServiceSheet", "answer": "Answer", "doc": "RequiredDocument", "desk": "Desk", "dept": "Department"}
# Public site app page prefix per type (documents and departments have no page of their own).
PUBLIC_PREFIX = {"sheet": "/demarches/", "answer": "/questions/", "desk": "/guichets/"}
# Staff-only markers: Agents may read them, anonymous callers and Members never.
STAFF_MARKERS = {
    "call_script_questions": "leakstaffquestions",
    "call_script_answer": "leakstaffscript",
    "internal_notes": "leakstaffnotes",
    "backoffice_contact": "leakstaffcontact",
}
STAFF_ANSWER_MARKER = "leakstaffanswernotes"
STAFF_DEPT_MARKER = "leakstaffdeptnotes"
ALL_STAFF_MARKERS = (*STAFF_MARKERS.values(), STAFF_ANSWER_MARKER, STAFF_DEPT_MARKER)
# Who the staff are (full names, lock tokens): never for anonymous callers.
EDITOR = "redacteur"  # checks the working copies out, so holds the originals' locks
EDITOR_FULLNAME_MARKER = "leakstafffullname"
MEMBER = "membre"  # a plain site member, no role but Member
STAFF_DEPT = "staff-dept"
# Demo items the hidden ones point at (their back-references must not show them).
DEMO_DESK, DEMO_DEPT, DEMO_DOC = "guichets/mairie-centrale", "services/etat-civil", "pieces/justificatif-domicile"
LIFE_EVENT = "papiers-identite"
COMMENT = "Jeu d'essai du test de fuites."
# Fields that hold no text a caller reads back (or that the workflow sets).
NOT_TEXT = {"id", "changeNote", "last_reviewer", "external_id"}


@dataclasses.dataclass(frozen=True)
class Fixture:
    kind: str
    short: str

    @property
    def portal_type(self):
        return TYPES[self.short]

    @property
    def marker(self):
        return f"leak{self.kind}{self.short}"

    @property
    def original_id(self):
        """For working copies: the published item that was checked out."""
        return f"original-{self.short}"

    @property
    def id(self):
        if self.kind == "copy":
            return f"copy_of_{self.original_id}"
        return f"hidden-{self.kind}-{self.short}"

    @property
    def path(self):
        return f"{FOLDER_OF[self.portal_type]}/{self.id}"

    @property
    def public_path(self):
        prefix = PUBLIC_PREFIX.get(self.short)
        return prefix + self.id if prefix else None

    @property
    def name(self):
        return f"{self.kind}-{self.short}"


FIXTURES = tuple(Fixture(kind, short) for kind in KINDS for short in TYPES)


def hub_path(kind):
    return f"demarches/hub-{kind}"


def hub_answer_path(kind):
    return f"questions/hub-{kind}"


def original_path(short):
    return f"{FOLDER_OF[TYPES[short]]}/original-{short}"


def _rich(text):
    return {"data": f"<p>{text}</p>", "content-type": "text/html", "encoding": "utf-8"}


def _text_value(field, marker):
    """A JSON value carrying ``marker`` for a text-like field, or None."""
    if isinstance(field, RichText):
        return _rich(f"Texte {marker} complet.")
    if isinstance(field, schema.URI):
        return f"https://example.org/{marker}"
    if field.__class__.__name__ == "Email":
        return f"{marker}@example.org"
    if isinstance(field, (schema.TextLine, schema.Text)):
        return marker if isinstance(field, schema.TextLine) else f"Texte {marker}."
    if isinstance(field, (schema.List, schema.Tuple)) and isinstance(field.value_type, schema.TextLine):
        return [marker, f"autre {marker}"]
    return None


def marked_data(portal, portal_type, marker):
    """A marker in every text field of ``portal_type``'s schemata (that accepts it)."""
    data = {}
    for iface in iterSchemataForType(portal_type):
        for name, field in getFieldsInOrder(iface):
            if name in NOT_TEXT:
                continue
            value = _text_value(field, marker)
            if value is None:
                continue
            if not isinstance(field, RichText):
                try:
                    field.bind(portal).validate(value)
                except Exception:  # a phone or time constraint: no marker there
                    continue
            data[name] = value
    return data


def complete_data(portal, short, marker):
    """Marked text plus what publishing needs, per type (relations set separately)."""
    data = marked_data(portal, TYPES[short], marker)
    if short == "sheet":
        data.update(
            channels=["on_site", "online"],
            audiences=["particuliers"],
            life_events=[LIFE_EVENT],
            top_rank=2,
            legal_references=[{"title": marker, "url": f"https://example.org/{marker}"}],
        )
    elif short == "desk":
        data.update(
            phone="01 02 03 04 05",
            opening_hours=[{"day": "monday", "opens": "09:00", "closes": "12:00"}],
            hours_exceptions=[{"start": "2030-01-02", "label": marker, "closed": True}],
        )
    elif short == "dept":
        data.update(phone="01 02 03 04 06")
    return data


def neutral_sheet(title):
    return {
        "title": title,
        "description": "Une démarche publiée qui renvoie vers d'autres éléments.",
        "eligibility": _rich("Tout le monde."),
        "channels": ["on_site"],
        "audiences": ["particuliers"],
        "life_events": [LIFE_EVENT],
    }


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
            originals = self._build()
        copies = self._check_out(originals)
        with api.env.adopt_user(username=SITE_OWNER_NAME):
            for copy, fixture in copies:
                self._apply(copy, complete_data(self._site, fixture.short, fixture.marker))
            for kind in KINDS:
                self._publish_hubs(kind)
            api.user.create(username=MEMBER, email="membre@example.org", password=DEMO_PASSWORD)
            registry = getUtility(IRegistry)
            registry["plone.enable_sitemap"] = True  # what an administrator may switch on
            syndication = registry.forInterface(ISiteSyndicationSettings)
            syndication.default_enabled = True
            syndication.render_body = True
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
                "required_documents": [
                    {"document": self._uid(DEMO_DOC), "requirement": "mandatory", "form": "original", "case": f"cas {kind}", "note": f"note {kind}"}
                ],
            }
        if short == "answer":
            return {"related_sheets": [self._uid(hub_path(kind))]}
        return {}

    # -- the fixtures ----------------------------------------------------------------

    def _build(self):
        for kind in KINDS:
            self._create(hub_path(kind), "ServiceSheet", neutral_sheet(f"Démarche relais ({kind})"))
            self._create(hub_answer_path(kind), "Answer", {"title": f"Question relais ({kind}) ?", "short_answer": "Une réponse publiée."})
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
                "required_documents": [
                    {"document": uid, "requirement": "mandatory", "form": "original", "case": "", "note": ""} for uid in targets["doc"]
                ],
                **{field: f"Interne {marker}." for field, marker in STAFF_MARKERS.items()},
            },
        )
        self._publish(hub)
        answer = self._get(hub_answer_path(kind))
        # (the deserializer replaces UIDs by objects in the lists it is given: pass a copy)
        self._apply(answer, {"related_sheets": list(targets["sheet"]), "internal_notes": f"Interne {STAFF_ANSWER_MARKER}."})
        self._publish(answer)


LEAK_FIXTURE = LeakMatrixLayer()
LEAK_FUNCTIONAL = FunctionalTesting(bases=(LEAK_FIXTURE, WSGI_SERVER_FIXTURE), name="GuichetKB:LeakMatrix")
