"""Raw in-process catalog query timing (run with `zconsole run`, server stopped).

The same queries as search_bench.py against portal_catalog directly: the floor
any HTTP service can approach."""

import json
import os
from Testing.makerequest import makerequest
import time
from zope.component.hooks import setSite


site = makerequest(app)[os.environ.get("SITE_ID", "guichet")]  # noqa: F821 (zconsole)
setSite(site)
queries = json.load(open(os.environ["BENCH_QUERIES"], encoding="utf-8"))
catalog = site.portal_catalog
timings = []
for item in queries[:5] + queries:
    started = time.perf_counter()
    try:
        brains = catalog.unrestrictedSearchResults(SearchableText=item["q"], portal_type=("ServiceSheet", "Answer"), review_state="published")[:10]
        [(b.Title, b.Description, b.getURL()) for b in brains]
    except Exception:  # a query the stock parser refuses still counts its time
        pass
    timings.append(time.perf_counter() - started)
timings = sorted(timings[5:])
at = lambda p: timings[min(len(timings) - 1, int(round(p / 100 * (len(timings) - 1))))] * 1000  # noqa: E731
print(f"| raw catalog (in-process) | {at(50):.1f} | {at(95):.1f} | {at(99):.1f} | - | - |")
