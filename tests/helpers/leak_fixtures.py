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
from guichet_kb.facts import ITEM_FOLDER
from plone.app.textfield import RichText
from plone.dexterity.utils import iterSchemataForType
from zope import schema
from zope.schema import getFieldsInOrder


KINDS = ("draft", "pending", "archived", "expired", "future", "copy")
TYPES = {"sheet": "ServiceSheet", "answer": "Answer", "doc": "RequiredDocument", "desk": "Desk", "dept": "Department", "org": "Organisation"}
# Issue 18: agendas, at the demo desk for their kind's hub sheet (leak_layer._links): a
# hidden one must not be listed where the hub or the desk shows where to book.
TYPES["agenda"] = "Agenda"
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
# The demo town's direct line for agents (Organisation.staff_phone, a phone number by its
# constraint): in the competent bodies of @answer and of the guichet expansion for staff only.
STAFF_PHONE_MARKER = "09 87 65 43 21"
# Issue 16: a published organisation, competent on every hub, with its staff-only fields
# (the direct line is a phone number: that number is its marker).
STAFF_ORG = "staff-org"
STAFF_ORG_MARKER = "leakstafforgnotes"
STAFF_ORG_PHONE = "01 47 58 69 70"
ALL_STAFF_MARKERS = (*STAFF_MARKERS.values(), STAFF_ANSWER_MARKER, STAFF_DEPT_MARKER, STAFF_PHONE_MARKER, STAFF_ORG_MARKER, STAFF_ORG_PHONE)
# Who the staff are (full names, lock tokens): never for anonymous callers.
EDITOR = "redacteur"  # checks the working copies out, so holds the originals' locks
EDITOR_FULLNAME_MARKER = "leakstafffullname"
MEMBER = "membre"  # a plain site member, no role but Member
# Issue 16: who wrote the service notices of the fixtures (an editor): the notices' "by"
# is for staff only. Hidden sheets and desks carry a notice with their marker; the hubs
# a public one (HUB_NOTICE), which anonymous callers read without its author.
NOTICE_AUTHOR = "leaknoticeauthor"
HUB_NOTICE = "Avis public du relais"
STAFF_DEPT = "staff-dept"
# Demo items the hidden ones point at (their back-references must not show them).
DEMO_DESK, DEMO_DEPT, DEMO_DOC = "guichets/mairie-centrale", "services/etat-civil", "pieces/justificatif-domicile"
DEMO_TOWN = "organismes/ville-exemple"
LIFE_EVENT = "papiers-identite"
COMMENT = "Jeu d'essai du test de fuites."
# Issue 15: every hub and every hidden sheet and answer is named into one variant family
# (family_name), the hidden ones with their marker as variant label: a hidden item
# offered among a family's variants would show its marker.
RELAY_FAMILY = "Famille relais"
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
        return f"{ITEM_FOLDER[self.portal_type]}/{self.id}"

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
    return f"{ITEM_FOLDER[TYPES[short]]}/original-{short}"


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
    elif short == "org":  # another body (not the town), answering for a pivot code
        data.update(kind="ccas", phone="01 02 03 04 07", pivot_codes=["cpam"], communes=["99000"])
    if short in ("sheet", "answer"):
        data["family_name"] = RELAY_FAMILY  # the label keeps the marker
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


# Issue 19: queues, at the demo desk for their kind's hub sheet (leak_layer._links,
# `queue_links`): a hidden one must not be listed where the hub or the desk names its
# queues (serializers/queue.py). The fixtures are counted again with them.
TYPES["queue"] = "Queue"
FIXTURES = tuple(Fixture(kind, short) for kind in KINDS for short in TYPES)


def queue_links(uid, kind, desk=DEMO_DESK, service=None):
    """A queue's desk and rows: at ``desk``, serving the kind's hub (or ``service``)."""
    return {
        "desk": uid(desk),
        "services": [{"service": uid(service or hub_path(kind)), "prefix": "R", "minutes": 15}],
        "counters": [{"code": "g1", "label": "Guichet 1", "prefixes": ""}],
    }
