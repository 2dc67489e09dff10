"""Two years of generated activity for the dashboard's benchmark (run with `zconsole
run`, server stopped): 50 agents, about 3.5 million interactions and 1 million page
views (demo/activity.py), then the daily job over those days (stats/rollup.py), each
timed; then the aggregates' size per year. Environment: BENCH_DAYS (730),
BENCH_PER_DAY (interactions per weekday, default 6,100: about 3.5 million in two years
of town-hall weeks), BENCH_VIEWS_PER_DAY (1,750), SITE_ID (guichet).
"""

from datetime import timedelta
from guichet_kb import clock
from guichet_kb.demo import activity
from guichet_kb.interactions import store
from guichet_kb.stats import cubes
from guichet_kb.stats import rollup
import os
import pickle
from Testing.makerequest import makerequest
import time
import transaction
from zope.component.hooks import setSite


site = makerequest(app)[os.environ.get("SITE_ID", "guichet")]  # noqa: F821 (zconsole)
setSite(site)
days = int(os.environ.get("BENCH_DAYS", 730))
per_day = int(os.environ.get("BENCH_PER_DAY", 6100))
views = int(os.environ.get("BENCH_VIEWS_PER_DAY", 1750))
start = clock.today() - timedelta(days=days)
print(f"\n## Dashboard data: {days} days from {start}, ~{per_day} interactions per weekday, ~{views} page views")
began = time.perf_counter()
made = activity.generate(start, days, per_day, views, seed=2026, commit_every=10)
transaction.commit()
elapsed = time.perf_counter() - began
print(f"generated {made['interactions']:,} interactions, {made['views']:,} page views, {made['feedback']:,} feedback in {elapsed:.0f} s")
print(f"interaction log: {store.count():,} records kept")
storage_file = getattr(app._p_jar.db().storage, "_file_name", None)  # noqa: F821 (zconsole); FileStorage only
before = os.path.getsize(storage_file) if storage_file else None
began = time.perf_counter()
calls = 0
while True:
    answer = rollup.rollup()
    transaction.commit()
    calls += 1
    if not answer["remaining"] or not answer["rolled_up"]:
        break
elapsed = time.perf_counter() - began
print(f"daily job over {days} days: {elapsed:.0f} s in {calls} calls ({elapsed / days * 1000:.0f} ms a day: one night's run)")
container = cubes.container()
day_bytes = sum(len(pickle.dumps(cube.data, protocol=3)) for unit in container.days.values() for cube in unit.cubes.values())
month_bytes = sum(len(pickle.dumps(cube.data, protocol=3)) for unit in container.months.values() for cube in unit.cubes.values())
week_bytes = sum(len(pickle.dumps(cube.data, protocol=3)) for unit in container.weeks.values() for cube in unit.cubes.values())
years = days / 365.25
print(
    f"aggregates: {len(container.days)} day units {day_bytes / 1e6:.1f} MB, {len(container.weeks)} week units {week_bytes / 1e6:.1f} MB, "
    f"{len(container.months)} month units {month_bytes / 1e6:.1f} MB: {(day_bytes + week_bytes + month_bytes) / years / 1e6:.1f} MB a year (pickled)"
)
if before is not None:
    grown = os.path.getsize(storage_file) - before
    print(f"the FileStorage grew by {grown / 1e6:.0f} MB for the daily job's {days} days: {grown / years / 1e6:.0f} MB a year (before packing)")
