"""Import parsed DILA fiches into the catalogue (runs inside the site).

Idempotent: each item remembers the hash and the values of its last import. A
fiche whose hash did not change is left alone. On a change, only fields whose
current value is still the last imported one are updated: anything an editor
changed since is a local override and is kept (and reported). Local-only fields
(desks, department, call script, top rank, review data...) are never written
after creation. A published item is never changed in place: the update goes to
a working copy submitted for review. Each fiche runs in a savepoint, so a fiche
is imported whole or not at all.
"""

from BTrees.OOBTree import OOBTree
from contextlib import contextmanager
from guichet_kb.content.ids import id_problem
from guichet_kb.content.imported import current_value
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.content.imported import local_overrides
from guichet_kb.content.imported import same_value
from guichet_kb.importers.nodes import FicheError
from guichet_kb.workflow.completeness import missing
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from plone.i18n.normalizer.interfaces import IIDNormalizer
from plone.restapi.interfaces import IDeserializeFromJson
import time
import transaction
from z3c.relationfield import RelationValue
from z3c.relationfield.event import updateRelations
from zope.annotation.interfaces import IAnnotations
from zope.component import getMultiAdapter
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.intid.interfaces import IIntIds


PENDING_KEY = "guichet_kb.import.pending_links"
RICH = {"eligibility", "steps", "documents_note", "full_answer"}
PUBLISH_COMMENT = "Import Service-Public.fr (--publish)"


def _kind(fiche):
    if fiche["root"] != "Publication" or not fiche["external_id"].startswith("F"):
        return None
    return "Answer" if "question-réponse" in fiche["type"].lower() else "ServiceSheet"


def _documents(fiche, known):
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
        "required_documents": _documents(fiche, known_documents),
        "channels": channels,
        "online_service_url": services[0]["url"] if services else None,
        "free_of_charge": fiche["free"],
        "cost_note": fiche["cost"],
        "processing_time": fiche["processing_time"],
        "validity": fiche["validity"],
        "legal_references": fiche["legal_references"],
    }


def _payload(values):
    data = {}
    for name, value in values.items():
        if name in RICH:
            value = {"data": value, "content-type": "text/html", "encoding": "utf-8"} if value else None
        data[name] = value
    return data


def _apply(obj, values, create=False):
    apply_json(obj, _payload(values), create)


def apply_json(obj, data, create=False):
    """Write REST-style JSON through plone.restapi's deserializer (same validation)."""
    getMultiAdapter((obj, getRequest()), IDeserializeFromJson)(validate_all=create, data=data, create=create)
    obj.reindexObject()


def create_item(container, portal_type, item_id, data):
    """Build, validate and fill an item before adding it: a refused item leaves
    nothing behind (no savepoint needed) and the catalog indexes it once."""
    obj = createContent(portal_type, id=item_id, title=data.get("title"))
    getMultiAdapter((obj.__of__(container), getRequest()), IDeserializeFromJson)(validate_all=True, data=data, create=True)
    return addContentToContainer(container, obj)


def working_copy(obj):
    """The item's working copy, checked out now if there is none: published
    items are never changed in place by an import."""
    policy = ICheckinCheckoutPolicy(obj)
    return policy.getWorkingCopy() or policy.checkout(obj.aq_parent)


def submit(obj, comment):
    if api.content.get_state(obj) == "draft":
        api.content.transition(obj, transition="submit", comment=comment)


@contextmanager
def initial_versions_skipped():
    """No CMFEditions "initial version" for items created by a bulk import (it
    doubled the import time); their history starts with the first local edit,
    and the import annotation keeps the source date and hash. The policy change
    lives in this transaction only: other sessions never see it."""
    repository = api.portal.get_tool("portal_repository")
    types = [t for t in ("ServiceSheet", "Answer") if "at_edit_autoversion" in repository.getPolicyMap().get(t, ())]
    for portal_type in types:
        repository.removePolicyFromContentType(portal_type, "at_edit_autoversion")
    try:
        yield
    finally:
        for portal_type in types:
            repository.addPolicyForContentType(portal_type, "at_edit_autoversion")


class Importer:
    def __init__(self, portal, publish=False):
        self.portal = portal
        self.publish = publish
        self.report = {"created": [], "updated": [], "unchanged": [], "skipped": [], "overrides_kept": {}, "duration_s": 0}
        self.documents = [(b.Title.lower(), b.UID) for b in api.content.find(portal_type="RequiredDocument")]
        desks = api.content.find(portal_type="Desk", sort_on="getObjPositionInParent")
        self.town_desk = desks[0].UID if desks else None
        self.known = {}

    def load_known(self, fiches):
        """external_id -> UID of the originals (not working copies) for every id a
        batch mentions: one catalog query instead of one per fiche and link."""
        ids = set()
        for fiche in fiches:
            ids.add(fiche["external_id"])
            ids.update(fiche["answers"] + fiche["links"])
        catalog = api.portal.get_tool("portal_catalog")
        for brain in catalog.unrestrictedSearchResults(external_id=sorted(ids), portal_type=("ServiceSheet", "Answer")):
            obj = brain._unrestrictedGetObject()
            if not ICheckinCheckoutPolicy(obj).getBaseline():  # the original, not a working copy
                self.known[brain.external_id] = obj

    def existing(self, external_id):
        return self.known.get(external_id)

    def run(self, items):
        """items: (name, parsed fiche dict or FicheError)."""
        started = time.time()
        self.load_known([fiche for _name, fiche in items if not isinstance(fiche, FicheError)])
        with initial_versions_skipped():
            self.run_items(items)
        self.report["duration_s"] = round(time.time() - started, 3)
        return self.report

    def run_items(self, items):
        for name, fiche in items:
            if isinstance(fiche, FicheError):
                self.report["skipped"].append({"source": name, "reason": str(fiche)})
                continue
            # A new item is validated before it is added (create_item); only an
            # update, written field by field, needs a savepoint to be undone.
            savepoint = transaction.savepoint(optimistic=True) if fiche["external_id"] in self.known else None
            try:
                self.one(fiche)
            except Exception as error:  # one bad fiche never spoils the others
                if savepoint is not None:
                    savepoint.rollback()
                reason = getattr(error, "problems", None) or [str(error)]
                self.report["skipped"].append({"source": name, "id": fiche.get("external_id"), "reason": "; ".join(map(str, reason))})

    def own_links(self, fiche):
        """({field: [target UIDs]}, [fiche ids not imported yet]) for a fiche's links."""
        resolved, waiting = {}, []
        for target_id in sorted({i for i in fiche["answers"] + fiche["links"] if i.startswith("F") and i != fiche["external_id"]}):
            target = self.existing(target_id)
            if target is None:
                waiting.append(target_id)
                continue
            field = "related_answers" if target.portal_type == "Answer" else "related_sheets"
            resolved.setdefault(field, []).append(target.UID())
        return resolved, waiting

    def link(self, obj, fiche, waiting_ids):
        """Park the links whose target is not imported yet (an OOBTree keyed by
        fiche id: one lookup per link), and relate the items waiting for this one."""
        waiting = IAnnotations(self.portal).get(PENDING_KEY)
        if waiting is None:
            waiting = IAnnotations(self.portal)[PENDING_KEY] = OOBTree()
        for target_id in waiting_ids:
            sources = waiting.setdefault(target_id, PersistentList())
            if obj.UID() not in sources:
                sources.append(obj.UID())
        for source_uid in waiting.pop(fiche["external_id"], ()):
            source = api.content.get(UID=source_uid)
            if source is not None:
                self.relate(source, obj)

    @staticmethod
    def relate(source, target):
        """Add one relation directly: a link found later is bookkeeping, not an
        edit (no new version, no "modified" event)."""
        field = {"Answer": "related_answers", "ServiceSheet": "related_sheets"}.get(target.portal_type)
        if field is None or not hasattr(source, field):
            return
        relations = list(getattr(source, field) or [])
        if target.UID() not in [rel.to_object.UID() for rel in relations if rel.to_object is not None]:
            setattr(source, field, relations + [RelationValue(getUtility(IIntIds).getId(target))])
            updateRelations(source, None)

    def one(self, fiche):
        kind = _kind(fiche)
        if kind is None:
            self.report["skipped"].append(
                {"id": fiche["external_id"], "reason": f"not a fiche to import ({fiche['root']}: {fiche['type'] or 'navigation'})"}
            )  # noqa: E501
            return
        values = imported_values(fiche, kind, self.documents)
        obj = self.existing(fiche["external_id"])
        if obj is None:
            self.create(fiche, kind, values)
        elif IAnnotations(obj).get(IMPORT_KEY, {}).get("hash") == fiche["hash"]:
            self.report["unchanged"].append(fiche["external_id"])
        else:
            self.update(obj, fiche, values)

    def create(self, fiche, kind, values):
        folder = self.portal["questions" if kind == "Answer" else "demarches"]
        new_id = getUtility(IIDNormalizer).normalize(fiche["title"], max_length=80)
        for _attempt in range(3):  # taken, or reserved ("view", "portal-..."): add the fiche id
            problem = id_problem(folder, new_id)
            if problem is None:
                break
            new_id = f"{new_id}-{fiche['external_id'].lower()}"
        if problem is not None:
            raise FicheError(translate(problem, context=getRequest()))
        local = {"desks": [self.town_desk]} if kind == "ServiceSheet" and fiche["local_desk"] and self.town_desk else {}
        links, waiting_ids = self.own_links(fiche)
        if kind == "Answer":
            links = {"related_sheets": links.get("related_sheets", [])} if links.get("related_sheets") else {}
        obj = create_item(folder, kind, new_id, _payload({**values, **local, **links}))
        self.known[fiche["external_id"]] = obj
        self.remember(obj, fiche, values)
        self.link(obj, fiche, waiting_ids)
        entry = {"id": fiche["external_id"], "url": obj.absolute_url(), "state": "draft"}
        if self.publish:
            lacking = missing(obj)
            if lacking:
                entry["not_published"] = [translate(rule.label, context=getRequest()) for rule in lacking]
            else:
                api.content.transition(obj, transition="submit")
                api.content.transition(obj, transition="publish", comment=PUBLISH_COMMENT)
                entry["state"] = "published"
        self.report["created"].append(entry)

    def update(self, obj, fiche, values):
        kept = local_overrides(obj)
        changes = {name: value for name, value in values.items() if name not in kept and not same_value(current_value(obj, name), value)}
        target, how = obj, "in place"
        if changes and api.content.get_state(obj) == "published":
            target, how = working_copy(obj), "working copy submitted for review"
        if changes:
            _apply(target, changes)
        self.remember(obj, fiche, values)
        self.link(obj, fiche, self.own_links(fiche)[1])
        if target is not obj:
            self.remember(target, fiche, values)
            submit(target, "Mise à jour Service-Public.fr")
        if kept:
            self.report["overrides_kept"][fiche["external_id"]] = kept
        self.report["updated"].append({"id": fiche["external_id"], "url": target.absolute_url(), "fields": sorted(changes), "how": how})

    @staticmethod
    def remember(obj, fiche, values):
        IAnnotations(obj)[IMPORT_KEY] = PersistentMapping({"hash": fiche["hash"], "modified": fiche["modified"], "values": values})
