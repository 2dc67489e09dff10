"""Search logs at scale (issue 17), Zope-free: two years of searches (about 1 million,
agents and public) written day by day into a FileStorage as the beacons would, each day
compacted by the daily job's hook the next night; then the reads the dashboard makes
(search/logs reading.py: gaps and totals) timed over two years, a year, a month, a week
and today, from a cold cache (with the objects it loads) and warm, and the storage's
size per year after a pack.

    .venv/bin/python bench/search_logs_bench.py [searches per day, default 1370]

Queries follow a Zipf law over 20,000 public and 5,000 agent keys (a few queries make
most searches, a long tail is searched once); 30 % of public searches find nothing,
agents open a result 60 % of the time. Prints a table; writes nothing but a temporary
directory it removes.
"""

import collections
from datetime import date
from guichet_kb.search.logs import layout
from guichet_kb.search.logs import reading
import os
import random
import shutil
import sys
import tempfile
import time
import transaction
import ZODB
import ZODB.FileStorage


DAYS = 730
KEYS = {"public": 20_000, "agent": 5_000}
SHARE = {"public": 0.7, "agent": 0.3}


def zipf_sampler(rng, n, s=1.1):
    weights = [1 / (rank**s) for rank in range(1, n + 1)]
    cumulative, total = [], 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    return lambda k: rng.choices(range(n), cum_weights=cumulative, k=k)


def generate(root, per_day, first):
    rng = random.Random(17)
    samplers = {source: zipf_sampler(rng, n) for source, n in KEYS.items()}
    log = root["log"] = layout.SearchLog()
    transaction.commit()
    written = compact_times = 0
    for offset in range(DAYS):
        day = first + offset
        for source in ("public", "agent"):
            n = int(per_day * SHARE[source])
            grouped = collections.Counter()
            for index in samplers[source](n):
                no_result = rng.random() < (0.3 if source == "public" else 0.1)
                opened = source == "agent" and not no_result and rng.random() < 0.6
                grouped[(index, no_result, opened)] += 1
            for (index, no_result, opened), times in grouped.items():
                key = f"{source} requete {index}"
                layout.count(log, day, source, key, key, no_result, opened, times)
            written += n
        if rng.random() < 0.02:
            layout.screen_out(log, day, "public")
        if offset:  # the night after: yesterday folded
            started = time.perf_counter()
            layout.compact(log, day)
            compact_times += time.perf_counter() - started
        if offset % 7 == 6:  # a week per transaction: the bench's own speed, not the site's
            transaction.commit()
    transaction.commit()
    return written, compact_times / (DAYS - 1)


def timed(db, call):
    """(cold seconds, objects loaded, warm seconds, result) of `call(log)`: first from an
    empty connection cache, then again with the objects in it (a running instance's case)."""
    connection = db.open()
    connection.cacheMinimize()
    log = connection.root()["log"]
    connection.getTransferCounts(clear=True)
    started = time.perf_counter()
    result = call(log)
    cold = time.perf_counter() - started
    loads = connection.getTransferCounts()[0]
    started = time.perf_counter()
    call(log)
    warm = time.perf_counter() - started
    connection.close()
    return cold, loads, warm, result


def main():
    per_day = int(sys.argv[1]) if len(sys.argv) > 1 else 1370
    folder = tempfile.mkdtemp(prefix="searchlogs-bench-", dir=os.environ.get("BENCH_TMP"))
    try:
        path = os.path.join(folder, "Data.fs")
        db = ZODB.DB(ZODB.FileStorage.FileStorage(path), cache_size=100_000)
        first = date(2024, 1, 1).toordinal()
        connection = db.open()
        started = time.perf_counter()
        written, compact_each = generate(connection.root(), per_day, first)
        generation = time.perf_counter() - started
        connection.close()
        db.pack()
        size = os.path.getsize(path)
        last = first + DAYS - 1
        cases = [
            ("gaps public, two years", lambda log: reading.gaps(log, first, last, "public", 20)),
            ("gaps agent, two years", lambda log: reading.gaps(log, first, last, "agent", 20)),
            ("totals, two years", lambda log: reading.totals(log, first, last)),
            ("gaps public, last 365 days", lambda log: reading.gaps(log, last - 364, last, "public", 20)),
            ("gaps public, one month", lambda log: reading.gaps(log, last - 30, last, "public", 20)),
            ("gaps public, one week", lambda log: reading.gaps(log, last - 6, last, "public", 20)),
            ("gaps public, today (live)", lambda log: reading.gaps(log, last, last, "public", 20)),
        ]
        print(f"search logs bench: {written:,} searches over {DAYS} days ({per_day}/day), generated in {generation:.0f} s")
        print(f"nightly compaction of one day: {compact_each * 1000:.1f} ms on average")
        print(f"storage after pack: {size / 1e6:.1f} MB ({size / 1e6 / (DAYS / 365):.1f} MB per year)")
        print(f"{'read':<30} {'cold ms':>8} {'objects':>8} {'warm ms':>8} {'rows':>5}")
        for name, call in cases:
            cold, loads, warm, result = timed(db, call)
            print(f"{name:<30} {cold * 1000:>8.1f} {loads:>8} {warm * 1000:>8.1f} {len(result):>5}")
        db.close()
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
