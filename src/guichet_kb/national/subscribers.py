"""A working copy starts with neither national bookkeeping of its original.

plone.app.iterate copies the original's annotations to a new working copy. The
withdrawal flag belongs to the original (a check-in copying it back would revive
a flag removed meanwhile), and the record of a national update already checked in
(`PREVIOUS`) would make a copy an editor checks out read as a new national update.
The importer records both on its own working copies after checking them out.
"""

from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.national.changes import PREVIOUS
from guichet_kb.national.withdrawals import INDEX
from guichet_kb.national.withdrawals import WITHDRAWN_KEY
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations


def checked_out(original, event):
    annotations = IAnnotations(event.working_copy)
    record = annotations.get(IMPORT_KEY)
    if record is not None and PREVIOUS in record:
        # A new mapping: the copied one may be the original's own object.
        annotations[IMPORT_KEY] = PersistentMapping({key: value for key, value in record.items() if key != PREVIOUS})
    if WITHDRAWN_KEY in annotations:
        del annotations[WITHDRAWN_KEY]
        event.working_copy.reindexObject(idxs=[INDEX])
