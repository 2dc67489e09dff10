"""What a national update changes, field by field ("Ce qui a changé au niveau national").

When a newer fiche changes a published item, the importer writes the update to a
working copy and records there, beside the new import record, the national values
the published original reflects (`keep_previous`, under the record's `PREVIOUS`
key). `national_changes(obj)` compares the two for the working copy or for its
original while the copy is pending: per field the old national value against the
new one (a word diff, diff.py), the national dates, and the local overrides the
import kept (the town's value, "conservé"). It reads only, and returns None for an
item without such an update (not imported, no working copy, or a copy an editor
made by hand).
"""

from guichet_kb import _
from guichet_kb.content.imported import current_value
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.content.imported import local_overrides
from guichet_kb.content.imported import same_value
from guichet_kb.dates.words import long_date
from guichet_kb.national.diff import plain
from guichet_kb.national.diff import word_diff
from guichet_kb.permissions import REVIEW_QUEUE
from guichet_kb.permissions import VIEW_INTERNAL
from guichet_kb.visibility import may_see
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.app.iterate.interfaces import IWorkingCopy
from plone.dexterity.utils import iterSchemata
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.security import checkPermission


PREVIOUS = "previous"  # in a working copy's import record: the national values before the update
DATES = ("source_modified",)  # shown as the national dates, not as a field row
KEPT = _("national_kept", default="kept")


def previous_record(original):
    """What the published original reflects nationally, read before an update: the
    record a pending import working copy already keeps (a second update before
    check-in still compares with what citizens read), else the original's own."""
    copy = ICheckinCheckoutPolicy(original).getWorkingCopy()
    kept = (IAnnotations(copy).get(IMPORT_KEY) or {}).get(PREVIOUS) if copy is not None else None
    record = kept or IAnnotations(original).get(IMPORT_KEY) or {}
    return PersistentMapping({"modified": record.get("modified"), "values": dict(record.get("values") or {})})


def keep_previous(working_copy, original, previous):
    """After the importer recorded a national update on both items: the working copy
    keeps ``previous`` beside its new record, and the original's record goes back to
    the national values it still holds until check-in (its hash stays the new one, so
    the next import finds the fiche unchanged). Otherwise every nationally changed
    field would read as a local override of the original (the staff section, the
    provenance line) while the copy waits. Check-in copies the working copy's record
    over the original's (plone.app.iterate copies the annotations)."""
    IAnnotations(working_copy)[IMPORT_KEY][PREVIOUS] = previous
    record = IAnnotations(original)[IMPORT_KEY]
    record["modified"], record["values"] = previous["modified"], dict(previous["values"])


def pair(obj):
    """(working copy, original) of a national update touching ``obj``, or None."""
    if IWorkingCopy.providedBy(obj):
        copy, original = obj, ICheckinCheckoutPolicy(obj).getBaseline()
    else:
        policy = ICheckinCheckoutPolicy(obj, None)
        copy, original = (policy.getWorkingCopy() if policy is not None else None), obj
    if copy is None or PREVIOUS not in (IAnnotations(copy).get(IMPORT_KEY) or {}):
        return None
    return copy, original


def field_title(obj, name, request):
    """The translated title of one of the item's fields (its schema or behaviors)."""
    for schema in iterSchemata(obj):
        if name in schema:
            return translate(schema[name].title, context=request)
    return name


def _documents(rows):
    """Required-document rows (UIDs) as the documents' titles."""
    titles = []
    for row in rows or ():
        document = api.content.get(UID=row.get("document")) if isinstance(row, dict) else None
        titles.append(document.Title() if document is not None else "?")
    return titles


def _shown(name, value):
    return _documents(value) if name == "required_documents" else value


def national_changes(obj, request=None):
    """The rows of a national update of ``obj`` (its working copy or its original), or None.

    {"working_copy", "original": URLs; "modified": {"old", "new", "old_text", "new_text"};
    "changes": [{"field", "title", "old", "new", "diff", "kept"}];
    "kept": [{"field", "title", "value", "status"}]}."""
    found = pair(obj)
    if found is None:
        return None
    request = request if request is not None else getRequest()
    copy, original = found
    record = IAnnotations(copy)[IMPORT_KEY]
    previous = record[PREVIOUS]
    old_values, new_values = previous.get("values") or {}, record.get("values") or {}
    kept_names = local_overrides(copy)
    changes = []
    for name in new_values:
        before, after = old_values.get(name), new_values.get(name)
        if name in DATES or same_value(before, after):
            continue
        before, after = _shown(name, before), _shown(name, after)
        changes.append(
            {
                "field": name,
                "title": field_title(copy, name, request),
                "old": plain(before),
                "new": plain(after),
                "diff": word_diff(before, after),
                "kept": name in kept_names,
            }
        )
    kept = [
        {
            "field": name,
            "title": field_title(copy, name, request),
            "value": plain(_shown(name, current_value(copy, name))),
            "status": translate(KEPT, context=request),
        }
        for name in kept_names
    ]
    old_date, new_date = previous.get("modified"), record.get("modified")
    return {
        "working_copy": copy.absolute_url(),
        "original": original.absolute_url() if original is not None else None,
        "modified": {"old": old_date, "new": new_date, "old_text": long_date(old_date, request), "new_text": long_date(new_date, request)},
        "changes": changes,
        "kept": kept,
    }


def shown_changes(obj, request=None):
    """`national_changes` for the current caller: staff (internal information or the
    review queue) who may see the working copy; None for anyone else, so a pending
    update never shows through its published original."""
    found = pair(obj)
    if found is None or not (checkPermission(VIEW_INTERNAL, obj) or checkPermission(REVIEW_QUEUE, obj)) or not may_see(found[0]):
        return None
    return national_changes(obj, request)
