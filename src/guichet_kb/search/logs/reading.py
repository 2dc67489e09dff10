"""Reading the search logs over a period (Zope-free, like layout.py).

A period [first, last] (day ordinals, inclusive) is read from the compacted
months it covers whole, the compacted days of its partial edge months and the
live counters of its days: each search lies in exactly one of these places
(layout.py), so nothing is counted twice and no raw record is scanned.
"""

from guichet_kb.search.logs.layout import add
from guichet_kb.search.logs.layout import BITS
from guichet_kb.search.logs.layout import MASK
from guichet_kb.search.logs.layout import MEASURES
from guichet_kb.search.logs.layout import month_days
from guichet_kb.search.logs.layout import month_of
from guichet_kb.search.logs.layout import pack
from guichet_kb.search.logs.layout import shard_of
from guichet_kb.search.logs.layout import unpack
import heapq


def _pieces(log, first, last):
    """The compacted Counts objects covering [first, last]: whole months, then edge days."""
    whole = []
    for month in range(month_of(first), month_of(last) + 1):
        start, end = month_days(month)
        if first <= start and end <= last:
            whole.append(month)
            counts = log.months.get(month)
            if counts is not None:
                yield counts
    edges = [(first, last)] if not whole else [(first, month_days(whole[0])[0] - 1), (month_days(whole[-1])[1] + 1, last)]
    for low, high in edges:
        if low <= high:
            yield from log.days.values(min=low, max=high)


def _live(log, first, last):
    """((day, source, key, measure), count) of the live counters of [first, last]."""
    for tree in log.live:
        for entry, counter in tree.items(min=(first,), max=(last + 1,), excludemax=True):
            yield entry, counter()


def packed_counts(log, first, last, source):
    """{key: packed counts (layout.pack)} of one source over [first, last]."""
    found = {}
    for piece in _pieces(log, first, last):
        add(found, piece.of(source))
    for (_day, one, key, measure), value in _live(log, first, last):
        if one == source:
            found[key] = found.get(key, 0) + pack(measure, value)
    return found


def counts(log, first, last, source):
    """{key: (searches, no_result, opened)} of one source over [first, last]."""
    return {key: unpack(value) for key, value in packed_counts(log, first, last, source).items()}


def _gap(source):
    """The want of content of packed counts: searches with no result (public), searches
    where no result was opened (agents)."""
    if source == "public":
        return lambda packed: (packed >> BITS) & MASK
    return lambda packed: (packed & MASK) - (packed >> (2 * BITS))


def gaps(log, first, last, source, limit):
    """The `limit` keys of `source` with the largest gap over [first, last], then the
    most searched (then by key): rows {"query": label, "searches", "no_result", "opened"
    (None for the public)}. Only these rows are unpacked and labelled."""
    gap, counted = _gap(source), packed_counts(log, first, last, source)
    wanting = ((-gap(packed), -(packed & MASK), key) for key, packed in counted.items() if gap(packed))
    rows = []
    for *_order, key in heapq.nsmallest(limit, wanting):
        searches, no_result, opened = unpack(counted[key])
        rows.append({"query": label(log, key), "searches": searches, "no_result": no_result, "opened": opened if source == "agent" else None})
    return rows


def totals(log, first, last):
    """{source: [searches, no_result, opened, screened]} over [first, last]."""
    found = {}
    for _day, rows in log.totals.items(min=first, max=last):
        for source, *values in rows:
            summed = found.setdefault(source, [0, 0, 0, 0])
            for i, value in enumerate(values):
                summed[i] += value
    for (_day, source, _key, measure), value in _live(log, first, last):
        found.setdefault(source, [0, 0, 0, 0])[MEASURES.index(measure)] += value
    for (_day, source), counter in log.screened.items(min=(first,), max=(last + 1,), excludemax=True):
        found.setdefault(source, [0, 0, 0, 0])[3] += counter()
    return found


def label(log, key):
    """The folded words of a key (the key itself if its label went)."""
    return log.labels[shard_of(key)].get(key) or key
