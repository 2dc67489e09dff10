"""The search logs' persistent layout: live counters, compacted days and months.

Zope-free (BTrees and persistent only), so the bench builds two years of logs in
a bare ZODB. Days are local days as `date.toordinal()`; a search lies in exactly
one of two places, never both:

- live (days not compacted yet: today, and closed days until the daily job runs):
  16 OOBTrees keyed `(day, source, key, measure)` whose values are BTrees.Length
  counters (measure "s" searches, "n" no result, "o" opened), the shard chosen by
  the key's CRC-32 as in search/choices; `screened` keyed `(day, source)` counts
  the queries dropped for personal data (no text). Two writers of different keys
  insert different entries (merged by BTrees), of the same key increment one
  Length (merged too); only a bucket split makes writers of one shard retry.
- compacted (closed days, `compact`): per day and per month one `Counts` object with
  one `Keys` per source (one pickle: a plain dict `{key: packed counts}`, the three
  counts in one int, `pack`, so that summing months is one integer addition per key),
  and per day its totals inline in an IOBTree. A source's gaps over two years read 24
  month objects, the days of the partial edge months and the live entries.

The labels (the query's folded words, for editors to read) are kept once per key
in 16 sharded OOBTrees, and dropped by `purge` with the last count of their key.
"""

from BTrees.IOBTree import IOBTree
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from datetime import date
from persistent import Persistent
import zlib


SHARDS = 16
MEASURES = ("s", "n", "o")  # searches, no result, opened: the order of every count tuple
BITS = 40  # each count of a packed int gets 40 bits (10^12: never reached, so never spills over)
MASK = (1 << BITS) - 1


class Keys(Persistent):
    """One source's counts of a Counts: {key: packed (searches, no_result, opened)}, one pickle."""

    def __init__(self, counts):
        self.counts = counts


class Counts(Persistent):
    """Counts of closed days (a day or a month), one `Keys` per source: a read of one
    source's gaps unpickles that source's counts only."""

    def __init__(self, by_source=None):
        self.by_source = {source: Keys(dict(keys)) for source, keys in (by_source or {}).items()}

    def sources(self):
        return list(self.by_source)

    def of(self, source):
        """{key: packed} of a source ({} when it has none)."""
        keys = self.by_source.get(source)
        return keys.counts if keys is not None else {}

    def merge(self, by_source):
        """Add {source: {key: packed}}; each source's counts are written anew (a new dict:
        a Keys read elsewhere in this transaction is never changed under it)."""
        for source, more in by_source.items():
            keys = self.by_source.get(source)
            if keys is None:
                self.by_source = {**self.by_source, source: Keys(dict(more))}
                continue
            merged = dict(keys.counts)
            add(merged, more)
            keys.counts = merged


class SearchLog(Persistent):
    def __init__(self):
        self.live = tuple(OOBTree() for _shard in range(SHARDS))
        self.labels = tuple(OOBTree() for _shard in range(SHARDS))
        self.screened = OOBTree()
        self.days = IOBTree()  # day -> Counts
        self.months = IOBTree()  # month number -> Counts (of the month's compacted days)
        self.totals = IOBTree()  # day -> ((source, searches, no_result, opened, screened), ...)


def shard_of(key):
    return zlib.crc32(key.encode()) % SHARDS


def month_of(day):
    """The month number of a day ordinal (year * 12 + month - 1)."""
    when = date.fromordinal(day)
    return when.year * 12 + when.month - 1


def month_days(month):
    """(first day, last day) ordinals of a month number."""
    year, index = divmod(month, 12)
    first = date(year, index + 1, 1).toordinal()
    following = date(year + (index == 11), (index + 1) % 12 + 1, 1).toordinal()
    return first, following - 1


def _bump(tree, entry, by=1):
    counter = tree.get(entry)
    if counter is None:
        counter = tree[entry] = Length()
    counter.change(by)


def count(log, day, source, key, label, no_result, opened, times=1):
    """Count `times` searches of `key` on `day` (live counters)."""
    shard = shard_of(key)
    tree = log.live[shard]
    _bump(tree, (day, source, key, "s"), times)
    if no_result:
        _bump(tree, (day, source, key, "n"), times)
    if opened:
        _bump(tree, (day, source, key, "o"), times)
    if key not in log.labels[shard]:
        log.labels[shard][key] = label


def screen_out(log, day, source):
    """One query dropped for personal data: counted, its text never kept."""
    _bump(log.screened, (day, source))


def pack(measure, value):
    """`value` of one measure ("s", "n", "o") as a packed int; packed ints add up as the counts."""
    return value << (BITS * MEASURES.index(measure))


def unpack(packed):
    """(searches, no_result, opened) of a packed int."""
    return packed & MASK, (packed >> BITS) & MASK, packed >> (2 * BITS)


def add(counts, more):
    """Add `more` ({key: packed}) into `counts` in place."""
    get = counts.get
    for key, value in more.items():
        counts[key] = get(key, 0) + value


def _merge(tree, number, by_source):
    """Add {source: {key: packed}} to the Counts at `number`."""
    counts = tree.get(number)
    if counts is None:
        tree[number] = Counts(by_source)
    else:
        counts.merge(by_source)


def _totals_of(by_source, screened):
    sources = sorted(set(by_source) | set(screened))
    rows = []
    for source in sources:
        rows.append((source, *unpack(sum(by_source.get(source, {}).values())), screened.get(source, 0)))
    return tuple(rows)


def _add_totals(log, day, rows):
    old = {row[0]: row[1:] for row in log.totals.get(day, ())}
    for source, *values in rows:
        old[source] = tuple(a + b for a, b in zip(old.get(source, (0, 0, 0, 0)), values, strict=True))
    log.totals[day] = tuple((source, *values) for source, values in sorted(old.items()))


def compact(log, today):
    """Fold the live counters of days before `today` into the compacted days and months;
    {"days", "searches"} folded. Idempotent: what is folded leaves the live trees in
    the same transaction, so a second run finds nothing."""
    per_day = {}
    for tree in log.live:
        entries = list(tree.items(max=(today,), excludemax=True))
        for (day, source, key, measure), counter in entries:
            counts = per_day.setdefault(day, ({}, {}))[0].setdefault(source, {})
            counts[key] = counts.get(key, 0) + pack(measure, counter())
        for entry, _counter in entries:
            del tree[entry]
    screened = list(log.screened.items(max=(today,), excludemax=True))
    for (day, source), counter in screened:
        per_day.setdefault(day, ({}, {}))[1][source] = counter()
    for entry, _counter in screened:
        del log.screened[entry]
    per_month = {}
    searches = 0
    for day, (by_source, dropped) in sorted(per_day.items()):
        if by_source:
            _merge(log.days, day, by_source)
            month = per_month.setdefault(month_of(day), {})
            for source, keys in by_source.items():
                add(month.setdefault(source, {}), keys)
        rows = _totals_of(by_source, dropped)
        searches += sum(row[1] for row in rows)
        _add_totals(log, day, rows)
    for month, by_source in per_month.items():
        _merge(log.months, month, by_source)
    return {"days": len(per_day), "searches": searches}


def purge(log, first):
    """Drop every count of days before `first`; how many days (live or compacted) went."""
    gone = set()
    for tree in log.live:
        old = list(tree.keys(max=(first,), excludemax=True))
        gone.update(entry[0] for entry in old)
        for entry in old:
            del tree[entry]
    for entry in list(log.screened.keys(max=(first,), excludemax=True)):
        gone.add(entry[0])
        del log.screened[entry]
    for tree in (log.days, log.totals):
        for day in list(tree.keys(max=first, excludemax=True)):
            gone.add(day)
            del tree[day]
    for month in list(log.months.keys(max=month_of(first))):
        start, _end = month_days(month)
        if month < month_of(first):
            del log.months[month]
        elif start < first:  # the month of the cutoff: its kept days only
            rebuilt = {}
            for _day, counts in log.days.items(min=first, max=month_days(month)[1]):
                for source in counts.sources():
                    add(rebuilt.setdefault(source, {}), counts.of(source))
            if rebuilt:
                log.months[month] = Counts(rebuilt)
            else:
                del log.months[month]
    kept = {key for tree in log.live for (_day, _source, key, _measure) in tree.keys()}
    kept.update(key for counts in log.months.values() for source in counts.sources() for key in counts.of(source))
    for labels in log.labels:
        for key in [key for key in labels.keys() if key not in kept]:
            del labels[key]
    return len(gone)
