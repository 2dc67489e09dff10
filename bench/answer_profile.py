"""In-process latency of @answer and @answer-suggest (run with `zconsole run`, server stopped).

Usage: zconsole run zope.conf bench/answer_profile.py [USER] [ROUNDS]
USER (default "agent": the agents' tools' role; "anonymous" for none) is looked up in the site's users;
every query of bench/queries.json (BENCH_QUERIES, default the repository's) goes
through the services' reply() as that user, ROUNDS times (default 3, the first
round warms the caches and is not counted); suggest gets each query's first 3, 5
and 8 letters. Prints p50/p95/p99 in ms and what one reply costs in catalog
queries and objects woken (counted by the connection's cache), so a change of
the hot path shows here before `make bench`. PROFILE=1 adds a cProfile of @answer (PROFILE=regex: those functions);
DUMP=file.json writes every reply (to compare two versions of the code).
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from Acquisition import aq_base
from guichet_kb.api.answer.get import AnswerGet
from guichet_kb.api.answer_suggest.get import SuggestGet
import json
import os
import pathlib
import sys
from Testing.makerequest import makerequest
import time
from zope.component.hooks import setSite
from zope.globalrequest import setRequest
from zope.security.management import newInteraction


ARGS = next((sys.argv[i + 1 :] for i, a in enumerate(sys.argv) if a.endswith("answer_profile.py")), [])  # zconsole run CONF SCRIPT ARGS
QUERIES = pathlib.Path(__file__ if "__file__" in globals() else "bench/answer_profile.py").with_name("queries.json")


def percentiles(samples):
    ordered = sorted(samples)

    def at(p):
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000

    return at(50), at(95), at(99)


def fresh_request(site, form):
    request = site.REQUEST
    request.form.clear()
    request.form.update(form)
    request.other.pop("__annotations__", None)  # per-request caches (desk hours)
    if hasattr(request, "__annotations__"):
        del request.__annotations__
    setRequest(request)
    return request


def make(service_class, context, request):
    service = service_class()
    service.context, service.request = context, request
    return service


def timed(site, service_class, forms, rounds):
    timings = []
    for round_ in range(rounds):
        for form in forms:
            request = fresh_request(site, form)
            service = make(service_class, site, request)
            started = time.perf_counter()
            service.reply()
            if round_:
                timings.append(time.perf_counter() - started)
    return percentiles(timings)


def counted(site, form):
    """Catalog queries and objects loaded by one reply (the caches emptied first)."""
    tool = type(aq_base(site.portal_catalog))
    calls = []
    original = tool.searchResults, tool.unrestrictedSearchResults

    def spy(name, method):
        def wrapper(self, *args, **kw):
            calls.append(name)
            return method(self, *args, **kw)

        return wrapper

    tool.searchResults = tool.__call__ = spy("restricted", original[0])
    tool.unrestrictedSearchResults = spy("unrestricted", original[1])
    try:
        jar = site._p_jar
        jar.cacheMinimize()
        before = jar._cache.cache_non_ghost_count
        request = fresh_request(site, form)
        make(AnswerGet, site, request).reply()
        loaded = jar._cache.cache_non_ghost_count - before
    finally:
        tool.searchResults = tool.__call__ = original[0]
        tool.unrestrictedSearchResults = original[1]
    return calls, loaded


def main(app, user="agent", rounds=3):
    site = makerequest(app)[os.environ.get("SITE_ID", "guichet")]
    setSite(site)
    site.REQUEST["PARENTS"] = [site]
    acl = site.acl_users
    found = nobody if user == "anonymous" else acl.getUserById(user)
    if found is None:
        sys.exit(f"No user {user!r} in the site.")
    newSecurityManager(site.REQUEST, found if user == "anonymous" else found.__of__(acl))
    newInteraction()  # zope.security's checkPermission, as the publisher sets it up
    queries = json.load(open(os.environ.get("BENCH_QUERIES", QUERIES), encoding="utf-8"))
    answers = [{"q": item["q"], "b_size": "10"} for item in queries]
    prefixes = [{"q": item["q"][:n]} for item in queries for n in (3, 5, 8) if item["q"][:n].strip()]
    published = len(site.portal_catalog.unrestrictedSearchResults(portal_type=["ServiceSheet", "Answer"], review_state="published"))
    print(f"## in process, as {user!r}: {published} published sheets and answers, {len(answers)} queries, {rounds - 1} counted rounds")
    print("| service | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|")
    for name, service_class, forms in (("@answer reply()", AnswerGet, answers), ("@answer-suggest reply()", SuggestGet, prefixes)):
        p50, p95, p99 = timed(site, service_class, forms, rounds)
        print(f"| {name} | {p50:.1f} | {p95:.1f} | {p99:.1f} |")
    if os.environ.get("DUMP"):  # every reply as JSON, to compare two versions of the code
        replies = {form["q"]: make(AnswerGet, site, fresh_request(site, form)).reply() for form in answers}
        pathlib.Path(os.environ["DUMP"]).write_text(json.dumps(replies, ensure_ascii=False, indent=1, sort_keys=True, default=str))
    calls, loaded = counted(site, {"q": "carte d'identité", "b_size": "10"})
    print(f"\none @answer ('carte d'identité', cold object cache): catalog queries {calls}, objects loaded {loaded}")
    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
        timed(site, AnswerGet, answers, 2)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(os.environ["PROFILE"] if os.environ["PROFILE"] != "1" else "", 40)


if __name__ == "__main__" or "app" in globals():
    main(app, *ARGS[:1], *(int(n) for n in ARGS[1:2]))  # noqa: F821 (zconsole)
