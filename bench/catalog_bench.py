"""In-process timing (run with `zconsole run`, server stopped), per half: the
floor any HTTP service can approach, on the same queries as search_bench.py.

- raw catalog: the stock SearchableText query on portal_catalog (unrestricted,
  ten brains, their title, description and URL read);
- engine: the agent search itself (ISearchEngine.search, as @answer calls it)
  logged in as the bench agent, with its strict top-1 and top-3 (the family
  grouping happens in the @answer service, so no family figure here).

Environment: BENCH_QUERIES (the queries file), SITE_ID (default guichet),
BENCH_DIR (default ./bench, for bench_town and figures).
"""

from AccessControl.SecurityManagement import newSecurityManager
from guichet_kb.search.engine import engine
import os
import pathlib
import sys
from Testing.makerequest import makerequest
import time
from zope.component.hooks import setSite


sys.path.insert(0, str(pathlib.Path(os.environ.get("BENCH_DIR") or pathlib.Path.cwd() / "bench")))
from bench_town import AGENT_LOGIN  # noqa: E402 (beside this script)
import figures  # noqa: E402


def timed_all(queries, call):
    """Records of call(query) -> found external ids, after warming on a few."""
    for query in queries[:5]:
        call(query["q"])
    records = []
    for query in queries:
        started = time.perf_counter()
        found = call(query["q"])
        records.append(figures.outcome(query, time.perf_counter() - started, found))
    return records


def raw_catalog(catalog):
    def call(q):
        try:
            brains = catalog.unrestrictedSearchResults(SearchableText=q, portal_type=("ServiceSheet", "Answer"), review_state="published")[:10]
        except Exception:  # a query the stock parser refuses still counts its time
            return []
        found = []
        for brain in brains:
            _shown = (brain.Title, brain.Description, brain.getURL())  # what a result line reads
            found.append(brain.external_id)
        return found

    return call


def agent_engine(q):
    return [brain.external_id for brain, _score in engine().search(q, {}, 10)]


site = makerequest(app)[os.environ.get("SITE_ID", "guichet")]  # noqa: F821 (zconsole)
setSite(site)
queries = figures.load(os.environ["BENCH_QUERIES"])
print(f"\n## In process, server stopped: {len(queries)} queries")
figures.print_halves("raw catalog (in-process, stock SearchableText)", timed_all(queries, raw_catalog(site.portal_catalog)), scores=())
agent = site.acl_users.getUser(AGENT_LOGIN)
if agent is None:
    sys.exit(f"catalog_bench: no user {AGENT_LOGIN} (run bench_town.py first)")
newSecurityManager(None, agent.__of__(site.acl_users))
figures.print_halves(f"engine (in-process, as {AGENT_LOGIN})", timed_all(queries, agent_engine), scores=("strict", "top3"))
