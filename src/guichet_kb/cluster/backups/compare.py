"""Two ZODB storages hold the same history: transactions, records, states and blobs.

Both storages are iterated from their first transaction in step: each transaction's
id, status, user, description and extension, then each of its records' oid, serial
and pickled state must be equal, and for a blob record the two blob files must have
the same SHA-256. The last state of every object is then equal too (the same items).
Needs ZODB (and RelStorage for a RelStorage side): run with the project's .venv.
"""

from guichet_kb.cluster.backups import layout
from guichet_kb.cluster.errors import ClusterError
import itertools


def _transaction_key(transaction):
    return (transaction.tid, transaction.status, transaction.user, transaction.description, transaction.extension)


def _blob_digest(storage, oid, tid):
    return layout.sha256(storage.loadBlob(oid, tid))


def same_history(source, destination):
    """{'transactions', 'records', 'objects', 'blobs'} counted; ClusterError at the first difference."""
    from ZODB.blob import is_blob_record
    from ZODB.utils import oid_repr
    from ZODB.utils import tid_repr

    counted = {"transactions": 0, "records": 0, "blobs": 0}
    objects = set()
    pairs = itertools.zip_longest(source.iterator(), destination.iterator())
    for left, right in pairs:
        if left is None or right is None:
            fewer = "fewer" if right is None else "more"
            raise ClusterError(f"the destination has {fewer} transactions than the source (after {counted['transactions']})")
        if _transaction_key(left) != _transaction_key(right):
            raise ClusterError(f"transaction {tid_repr(left.tid)} differs (id, user, description or extension)")
        # Within a transaction, FileStorage lists records in write order, RelStorage by oid.
        in_order = (sorted(records, key=lambda record: record.oid) for records in (left, right))
        for record, other in itertools.zip_longest(*in_order):
            if record is None or other is None or (record.oid, record.tid, record.data) != (other.oid, other.tid, other.data):
                where = oid_repr(record.oid) if record is not None else oid_repr(other.oid)
                raise ClusterError(f"transaction {tid_repr(left.tid)}: object {where} differs")
            counted["records"] += 1
            objects.add(record.oid)
            if record.data and is_blob_record(record.data):
                if _blob_digest(source, record.oid, record.tid) != _blob_digest(destination, other.oid, other.tid):
                    raise ClusterError(f"transaction {tid_repr(left.tid)}: the blob of object {oid_repr(record.oid)} differs")
                counted["blobs"] += 1
        counted["transactions"] += 1
    counted["objects"] = len(objects)
    return counted
