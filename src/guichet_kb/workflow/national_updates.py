"""Which working copies are national updates a reviewer may check in by batch.

The Service-Public importer never changes a published item in place: a newer
fiche goes to a working copy, submitted for review, carrying the import record
(content/imported.py, `IMPORT_KEY`) of what it wrote. "Check in national
updates" (bulk review, workflow/batch.py) checks in only those that touch
nothing the town edited; any other one is refused with the fields at stake, to
be compared and checked in on its own. A working copy is refused when:

- it carries no import record, or its original has none: not a national update;
- someone changed it after the import wrote it: an imported field no longer holds
  the value the import wrote there while it differs from the original (typed in
  the copy), or a local-only field (desks, department, call script...) differs
  from the original;
- the town edited a field of the original that this national update changes: the
  import kept the town's value (a local override, `local_overrides`), but the
  national text of that field changed, and publishing the copy would put the
  town's old local text beside the new national one unseen. The national values
  before the update are the ones the importer keeps on the copy
  (national/changes.py `PREVIOUS`), or the original's record when it is still the
  previous import (its hash differs); a field counts only if its national value
  changed. When neither is known, every local override counts (refusing is the
  safe side: the reviewer checks it in alone).

The review dates and the Dublin Core data (behaviors) are not compared: review
bookkeeping, not content.
"""

from guichet_kb import _
from guichet_kb.content.imported import current_value
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.content.imported import local_overrides
from guichet_kb.content.imported import same_value
from guichet_kb.national.changes import field_title
from guichet_kb.national.changes import PREVIOUS
from plone.dexterity.utils import iterSchemata
from z3c.relationfield.interfaces import IRelationValue
from zope.annotation.interfaces import IAnnotations
from zope.schema import getFieldsInOrder


def record(obj):
    return IAnnotations(obj).get(IMPORT_KEY) or None


def _comparable(value):
    """A field value as one can compare it across the copy and its original."""
    if IRelationValue.providedBy(value):
        return value.to_id
    if isinstance(value, (list, tuple)):
        return [_comparable(v) for v in value]
    return value


def _field_order(obj):
    return [name for schema in iterSchemata(obj) for name, _field in getFieldsInOrder(schema)]


def _national_before(new, old):
    """The national values before this update, or None when they are not known."""
    if new.get(PREVIOUS) is not None:
        return new[PREVIOUS].get("values") or {}
    return old["values"] if old.get("hash") != new.get("hash") else None


def _local_only_changes(working_copy, original, imported):
    """Fields of the type's own schema, never written by the import, that differ."""
    schema = working_copy.getTypeInfo().lookupSchema()
    return [
        name
        for name, _field in getFieldsInOrder(schema)
        if name not in imported and _comparable(current_value(working_copy, name)) != _comparable(current_value(original, name))
    ]


def touched_local_fields(working_copy, original):
    """Names of the fields that keep this working copy out of a national batch check-in."""
    new, old = record(working_copy), record(original)
    imported = new["values"]
    typed_in_copy = [
        name for name in local_overrides(working_copy) if not same_value(current_value(working_copy, name), current_value(original, name))
    ]
    before = _national_before(new, old)
    if before is not None:
        changed = {name for name, value in imported.items() if not same_value(before.get(name), value)}
        kept = [name for name in set(local_overrides(original)) | set(local_overrides(working_copy)) if name in changed]
    else:
        kept = local_overrides(working_copy)
    touched = set(typed_in_copy) | set(kept) | set(_local_only_changes(working_copy, original, imported))
    order = _field_order(working_copy)
    return sorted(touched, key=lambda name: order.index(name) if name in order else len(order))


def problem(working_copy, original, request):
    """None when ``working_copy`` may be checked in as a national update; else why not."""
    if record(working_copy) is None or record(original) is None:
        return _(
            "error_not_national_update",
            default="This working copy does not come from a Service-Public import: check it in with 'Check in'.",
        )
    touched = touched_local_fields(working_copy, original)
    if not touched:
        return None
    fields = ", ".join(field_title(working_copy, name, request) for name in touched)
    return _(
        "error_national_touches_local",
        default="Not checked in with the national updates: it touches what the town edited (${fields}). Compare and check it in on its own.",
        mapping={"fields": fields},
    )


def change_note(working_copy):
    """The change note of a national update checked in without a comment."""
    modified = (record(working_copy) or {}).get("modified") or "-"
    return _("note_national_update", default="Service-Public.fr national update (fiche of ${date})", mapping={"date": modified})
