"""Open data (issue 17): how long `opendata.regenerate` takes with months of activity.
In process (run with `zconsole run`, server stopped), on a site with its catalogue:

1. unless BENCH_FEED=0, BENCH_DAYS days (default 60) of BENCH_PER_DAY interactions a
   day (default 200) are written through the interaction log (`store.add`, the
   published sheets and answers, every channel and outcome, office hours), one commit a
   day — the lead's generator (issue 17's bench) feeds two years of 50 agents instead;
2. the daily job rolls them up (`stats/rollup.rollup`, until nothing remains; timed,
   printed for information: it is the dashboard's cost, paid once a night);
3. `regenerate()` runs BENCH_RUNS times (default 3): its time (min, median, max), the
   files' sizes and rows. It reads the cubes (one `cubes.query` a month) and the
   published catalogue, never the raw records: its time grows with the catalogue and
   the number of months, not with the number of interactions. Target: <= 60 s with
   two years of activity.

Environment: SITE_ID (default guichet), BENCH_DAYS, BENCH_PER_DAY, BENCH_RUNS, BENCH_FEED.
"""

from AccessControl.SecurityManagement import newSecurityManager
from datetime import datetime
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.facts import CALL_CHANNELS
from guichet_kb.facts import OUTCOMES
from guichet_kb.interactions import store
from guichet_kb.opendata import store as files
from guichet_kb.opendata.files import regenerate
from guichet_kb.stats import rollup
import os
from plone import api
import random
import statistics
from Testing.makerequest import makerequest
import time
import transaction
from zope.component.hooks import setSite


DAYS = int(os.environ.get("BENCH_DAYS", "60"))
PER_DAY = int(os.environ.get("BENCH_PER_DAY", "200"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def feed(uids, today):
    rng = random.Random(17)
    for back in range(DAYS, 0, -1):
        day = today - timedelta(days=back)
        for _ in range(PER_DAY):
            moment = datetime(day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59))
            with clock.frozen(moment):
                store.add(rng.choice(uids), rng.choice(CALL_CHANNELS), rng.choice(OUTCOMES))
        transaction.commit()


def roll():
    started, answer = time.perf_counter(), {"remaining": 1}
    while answer["remaining"]:
        answer = rollup.rollup()
        transaction.commit()
    return time.perf_counter() - started


site = makerequest(app)[os.environ.get("SITE_ID", "guichet")]  # noqa: F821 (zconsole)
setSite(site)
newSecurityManager(None, app.acl_users.getUserById(os.environ.get("ADMIN_USER", "admin")).__of__(app.acl_users))  # noqa: F821
brains = api.content.find(portal_type=["ServiceSheet", "Answer"], review_state="published")
uids = [b.UID for b in brains]
if os.environ.get("BENCH_FEED", "1") != "0":
    fed = time.perf_counter()
    feed(uids, clock.today())
    print(f"fed {DAYS} days x {PER_DAY} interactions = {DAYS * PER_DAY:,} on {len(uids)} sheets and answers in {time.perf_counter() - fed:.1f} s")
print(f"rollup (cubes, once a night): {roll():.2f} s")
times = []
for _ in range(RUNS):
    started = time.perf_counter()
    regenerate()
    times.append(time.perf_counter() - started)
    transaction.commit()
print(f"interactions kept: {store.count():,}; published sheets and answers: {len(uids)}")
spread = f"min {min(times):.2f} s, median {statistics.median(times):.2f} s, max {max(times):.2f} s"
print(f"regenerate: {spread} over {RUNS} runs (target <= 60 s with two years)")
for resource in files.resources():
    lines = resource.data.count(b"\n")
    print(f"  {resource.name:30} {resource.size:>10,} bytes  {lines:>7,} lines")
