"""A stored cube's counts projected on some dimensions, filtered on others, and kept.

Day units and the months before the current one never change once the daily job wrote
them, and a month changes only when the job rolls up one more day: the projection of
a cube record is kept in this process (an LRU of MAX_KEPT entries, keyed by the
record's oid and serial, the last day rolled up, the dimensions and the filters;
never in a transaction that changed the aggregates), so a dashboard
asked again for a period — another panel, the page after the JSON, the previous
period of the next month — adds up kept counters instead of reading every count again.
Nothing is written anywhere: a read stays a read.
"""

from collections import Counter
from collections import OrderedDict
from operator import itemgetter
import threading


MAX_KEPT = 20_000
_kept = OrderedDict()
_lock = threading.Lock()


def _project(data, cube_dims, dims, coded):
    """Counter keyed by the coded values of `dims` (in that order)."""
    first = cube_dims[0]
    from guichet_kb.stats.cubes import counts_of

    if first in coded:
        sub = data.get(coded[first])
        groups = ((coded[first], counts_of(sub)),) if sub is not None else ()
    else:
        groups = ((head, counts_of(sub)) for head, sub in data.items())
    # Positions in the rest tuple (the cube's dimensions after the first).
    checks = [(cube_dims.index(d) - 1, v) for d, v in coded.items() if d != first]
    rest_dims = [d for d in dims if d != first]
    getter = itemgetter(*[cube_dims.index(d) - 1 for d in rest_dims]) if rest_dims else None
    single = len(rest_dims) == 1
    found = Counter()
    for head, counts in groups:
        part = Counter()
        if checks:
            (j, v), *more = checks
            items = ((rest, n) for rest, n in counts.items() if rest[j] == v and all(rest[k] == w for k, w in more))
        else:
            items = counts.items()
        if getter is None:
            part[()] = sum(n for _rest, n in items)
        else:
            for rest, n in items:
                part[(getter(rest),) if single else getter(rest)] += n
        for key, n in part.items():
            if n:
                found[_order(head, key, first, dims, rest_dims)] += n
    return found


def _order(head, rest_key, first, dims, rest_dims):
    values = dict(zip(rest_dims, rest_key, strict=True))
    values[first] = head
    return tuple(values[d] for d in dims)


def add(total, unit, name, cube_dims, dims, coded, store):
    """Add to `total` the projection of the unit's cube `name` (nothing if it has none);
    `store`: the aggregates' container (cubes.Cubes)."""
    cube = unit.cubes.get(name)
    if cube is None:
        return
    cube._p_activate()
    # Not kept: a cube not stored yet, or aggregates changed by this very transaction.
    stored = cube._p_oid is not None and not cube._p_changed and not store._p_changed
    key = (cube._p_oid, cube._p_serial, store.rolled_through, name, dims, tuple(sorted(coded.items()))) if stored else None
    with _lock:
        found = _kept.get(key) if key is not None else None
        if found is not None:
            _kept.move_to_end(key)
    if found is None:
        found = _project(cube.data, cube_dims, dims, coded)
        if key is not None:
            with _lock:
                _kept[key] = found
                while len(_kept) > MAX_KEPT:
                    _kept.popitem(last=False)
    total.update(found)


def forget():
    """Drop what is kept (tests)."""
    with _lock:
        _kept.clear()
