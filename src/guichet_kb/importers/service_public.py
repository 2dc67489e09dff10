"""Import parsed DILA fiches into the catalogue (runs inside the site).

Idempotent: each item remembers the hash and the values of its last import. A
fiche whose hash did not change is left alone. On a change, only fields whose
current value is still the last imported one are updated: anything an editor
changed since is a local override and is kept (and reported). Local-only fields
(desks, department, call script, top rank, review data...) are never written
after creation. A published item is never changed in place: the update goes to
a working copy submitted for review. Each fiche runs in a savepoint, so a fiche
is imported whole or not at all.

The town's import profile (importers/profile.py) fills the local fields of new
items and of drafts where they are still empty (importers/local.py); with
``publish`` the complete drafts are published or submitted as the caller may
(importers/publishing.py). Every item the run creates or updates records the run's
``batch`` id and who ran it (``by``) in its import record.

This module runs the import (orchestration and link parking); the field mapping
is importers/mapping.py, the writes importers/writing.py.
"""

from BTrees.OOBTree import OOBTree
from guichet_kb.content.ids import id_problem
from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.facts import FOLDER_OF
from guichet_kb.importers import local
from guichet_kb.importers import profile as import_profile
from guichet_kb.importers.batch import new_batch_id
from guichet_kb.importers.competence import organisations_by_pivot
from guichet_kb.importers.mapping import current_value
from guichet_kb.importers.mapping import IMPORT_KEY
from guichet_kb.importers.mapping import imported_values
from guichet_kb.importers.mapping import kind_of
from guichet_kb.importers.mapping import local_overrides
from guichet_kb.importers.mapping import same
from guichet_kb.importers.nodes import FicheError
from guichet_kb.importers.prepare import not_imported_reason
from guichet_kb.importers.publishing import publish as publish_item
from guichet_kb.importers.writing import create_item
from guichet_kb.importers.writing import initial_versions_skipped
from guichet_kb.importers.writing import rest_payload
from guichet_kb.importers.writing import submit
from guichet_kb.importers.writing import working_copy
from guichet_kb.importers.writing import write
from guichet_kb.national.changes import keep_previous
from guichet_kb.national.changes import previous_record
from guichet_kb.workflow import notify
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.i18n.normalizer.interfaces import IIDNormalizer
import time
import transaction
from z3c.relationfield import RelationValue
from z3c.relationfield.event import updateRelations
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.intid.interfaces import IIntIds


PENDING_KEY = "guichet_kb.import.pending_links"


class Importer:
    def __init__(self, portal, publish=False, batch=None):
        self.portal = portal
        self.publish = publish
        self.batch = batch or new_batch_id()
        self.by = api.user.get_current().getId()
        self.report = {
            "batch": self.batch,
            "created": [],
            "updated": [],
            "unchanged": [],
            "skipped": [],
            "overrides_kept": {},
            "unmapped": {},
            "published": [],
            "submitted": [],
            "incomplete": {},
            "missing_counts": {},
            "duration_s": 0,
        }
        self.documents = [(b.Title.lower(), b.UID) for b in api.content.find(portal_type="RequiredDocument")]
        self.profile = import_profile.current(portal)
        self.profile["organisations_by_pivot"], self.profile["town"] = organisations_by_pivot(self.profile["organisation"])
        self.profile_stamp = import_profile.stamp(self.profile)
        self.known = {}

    def load_known(self, fiches):
        """external_id -> UID of the originals (not working copies) for every id a
        batch mentions: one catalog query instead of one per fiche and link."""
        ids = set()
        for fiche in fiches:
            ids.add(fiche["external_id"])
            ids.update(fiche["answers"] + fiche["links"])
        catalog = api.portal.get_tool("portal_catalog")
        for brain in catalog.unrestrictedSearchResults(external_id=sorted(ids), portal_type=ANSWERABLE_TYPES):
            obj = brain._unrestrictedGetObject()
            if not ICheckinCheckoutPolicy(obj).getBaseline():  # the original, not a working copy
                self.known[brain.external_id] = obj

    def existing(self, external_id):
        return self.known.get(external_id)

    def run(self, items):
        """items: (name, parsed fiche dict or FicheError)."""
        started = time.time()
        self.load_known([fiche for _name, fiche in items if not isinstance(fiche, FicheError)])
        with initial_versions_skipped(), notify.held():
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
        fiche id: one lookup per link), and relate the items waiting for this one.
        A parked source is its intid (found again without a catalog query, which
        would flush the indexing queue each time); older entries are UIDs."""
        waiting = IAnnotations(self.portal).get(PENDING_KEY)
        if waiting is None:
            waiting = IAnnotations(self.portal)[PENDING_KEY] = OOBTree()
        intids = getUtility(IIntIds)
        for target_id in waiting_ids:
            sources = waiting.setdefault(target_id, PersistentList())
            if intids.getId(obj) not in sources and obj.UID() not in sources:
                sources.append(intids.getId(obj))
        for parked in waiting.pop(fiche["external_id"], ()):
            source = intids.queryObject(parked) if isinstance(parked, int) else api.content.get(UID=parked)
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
        kind = kind_of(fiche)
        if kind is None:
            self.report["skipped"].append({"id": fiche["external_id"], "reason": not_imported_reason(fiche)})
            return
        for code in local.unmapped(self.profile, fiche, kind):
            self.report["unmapped"].setdefault(code, []).append(fiche["external_id"])
        obj = self.existing(fiche["external_id"])
        given = local.given(self.profile, fiche, kind)
        if obj is None:
            values = imported_values(fiche, kind, self.documents, on_site=bool(given.get("desks")))
            obj = self.create(fiche, kind, values, given)
        else:
            fill = local.to_fill(obj, given) if api.content.get_state(obj) == "draft" else {}
            values = imported_values(fiche, kind, self.documents, on_site=bool(fill.get("desks") or getattr(obj, "desks", None)))
            if fill or IAnnotations(obj).get(IMPORT_KEY, {}).get("hash") != fiche["hash"]:
                self.update(obj, fiche, values, fill)
            else:
                record = IAnnotations(obj).get(IMPORT_KEY)
                if record is not None and record.get("profile") != self.profile_stamp:
                    record["profile"] = self.profile_stamp  # this profile has nothing to add: not sent again
                self.report["unchanged"].append(fiche["external_id"])
        if self.publish and api.content.get_state(obj) == "draft":
            self.publish_one(obj, fiche["external_id"])

    def publish_one(self, obj, external_id):
        outcome, reasons = publish_item(obj)
        request = getRequest()
        if outcome == "incomplete":
            self.report["incomplete"][external_id] = [translate(rule.label, context=request) for rule in reasons]
            for rule in reasons:
                phrase = translate(rule.phrase, context=request)
                self.report["missing_counts"][phrase] = self.report["missing_counts"].get(phrase, 0) + 1
        else:
            self.report[outcome].append(external_id)
        for entry in self.report["created"][-1:]:
            if entry["id"] == external_id:
                entry["state"] = api.content.get_state(obj)
                if outcome == "incomplete":
                    entry["not_published"] = self.report["incomplete"][external_id]

    def create(self, fiche, kind, values, given):
        folder = self.portal[FOLDER_OF[kind]]
        new_id = getUtility(IIDNormalizer).normalize(fiche["title"], max_length=80)
        for _attempt in range(3):  # taken, or reserved ("view", "portal-..."): add the fiche id
            problem = id_problem(folder, new_id)
            if problem is None:
                break
            new_id = f"{new_id}-{fiche['external_id'].lower()}"
        if problem is not None:
            raise FicheError(translate(problem, context=getRequest()))
        links, waiting_ids = self.own_links(fiche)
        if kind == "Answer":
            links = {"related_sheets": links.get("related_sheets", [])} if links.get("related_sheets") else {}
        # The record is set before the item is added, so the catalog indexes it once.
        payload = rest_payload({**values, **given, **links})
        obj = create_item(folder, kind, new_id, payload, before_add=lambda new: self.remember(new, fiche, values, "created", sorted(given)))
        self.known[fiche["external_id"]] = obj
        self.link(obj, fiche, waiting_ids)
        self.report["created"].append({"id": fiche["external_id"], "url": obj.absolute_url(), "state": "draft", "profile": sorted(given)})
        return obj

    def update(self, obj, fiche, values, fill):
        """``fill``: the profile's values for local fields still empty (drafts only)."""
        kept = local_overrides(obj)
        previous = previous_record(obj)  # what citizens read nationally, for the working copy's diff
        changes = {name: value for name, value in values.items() if name not in kept and not same(current_value(obj, name), value)}
        target, how = obj, "in place"
        if changes and api.content.get_state(obj) == "published":
            target, how = working_copy(obj), "working copy submitted for review"
        profiled = sorted(set(IAnnotations(obj).get(IMPORT_KEY, {}).get("profiled", ())) | set(fill))
        if target is not obj:
            self.remember(target, fiche, values, "updated", profiled)
        if changes or fill:
            write(target, rest_payload({**changes, **fill}))
        self.remember(obj, fiche, values, "updated", profiled)
        obj.reindexObject(idxs=["import_batch"])  # and the import_hash column
        self.link(obj, fiche, self.own_links(fiche)[1])
        if target is not obj:
            keep_previous(target, obj, previous)
            submit(target, "Mise à jour Service-Public.fr")
        if kept:
            self.report["overrides_kept"][fiche["external_id"]] = kept
        self.report["updated"].append(
            {"id": fiche["external_id"], "url": target.absolute_url(), "fields": sorted(changes), "profile": sorted(fill), "how": how}
        )

    def remember(self, obj, fiche, values, change, profiled):
        """The import record (content/imported.py): hash, national date, values
        written, the local fields the profile filled ("profiled"), and the run
        ("batch", "by") with what it did ("change": created or updated)."""
        record = {"hash": fiche["hash"], "modified": fiche["modified"], "values": values, "profiled": list(profiled), "profile": self.profile_stamp}
        if fiche.get("dossier"):
            record["dossier"] = dict(fiche["dossier"])  # the variant family's dossier (search/indexers.py)
        IAnnotations(obj)[IMPORT_KEY] = PersistentMapping({**record, "batch": self.batch, "by": self.by, "change": change})
