"""After the queue benchmark (run with `zconsole run`, server stopped): read the bench
queue's day back from the store (guichet_kb.queues.store) and check that every ticket
the takers were given is there once, numbered once (1..N, no gap, no repeat), and was
called once and served (none lost, none called twice); then the notices' lateness:
each stored send time (`Ticket.notified`) against the due time the bench's observer saw
(the last GET @queues where the ticket's forecast call was not yet within the notice
minutes, or its taking),
target within 30 s; then print the summary block for the README from BENCH_RESULTS.
Exits 1 when a check of the store fails, a take was refused or a counter action failed (a notice later than the target is printed, not fatal).
"""

from guichet_kb import clock
from guichet_kb.queues import store
import inspect
import json
import os
import statistics
import sys
from Testing.makerequest import makerequest
from zope.component.hooks import setSite


# zconsole runs this file's text (no __file__): bench/ from the code's own file name.
sys.path.insert(0, os.path.dirname(os.path.abspath(inspect.currentframe().f_code.co_filename)))
from queue_verdict import lateness  # noqa: E402
from queue_verdict import LATENESS_TARGET_S  # noqa: E402
from queue_verdict import problems  # noqa: E402


def read(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def summary(results, tickets, found, late, mails):
    pages = results["pages"]
    print("\n## Summary (make bench-queue)")
    print("```")
    compress = results["compress"]
    print(
        f"{results['tickets']} tickets at {results['rate']:.0f} an hour, time compressed {compress:g} times "
        f"({results['seconds']['taking']:.0f} s of taking, {results['seconds']['total']:.0f} s in all), 10 counters"
    )
    for key in ("take", "next", "done"):  # "next" answers include the empty ones (nobody waiting)
        row = results[key]
        print(f"  {key:<5} {row['count']:>4} answers 2xx: p50 {row['p50']:.0f} ms, p95 {row['p95']:.0f} ms, max {row['max']:.0f} ms")
    retried = "not counted" if results["retried"] is None else results["retried"]
    print(f"  refused takes: {results['refused_count']}; counter answers 409: {results['counter_409']}; requests retried by Zope: {retried}")
    verdict = "every ticket numbered once, called once, served; none lost" if not found else "FAILED: " + "; ".join(found)
    print(f"  store read back: {len(tickets)} tickets, {verdict}")
    backend, window = pages["backend"], pages["window_s"]
    low, middle, high = pages["open"]
    failed = f"{pages.get('failed_count', len(pages['failed']))} refused or cut, e.g. {pages['failed'][:3]}" if pages["failed"] else "none refused"
    print(f"  tracking pages (SSE on the public app): {pages['asked']} opened, open at once min {low} / median {middle} / max {high}; {failed}")
    print(f"  events received by the pages: {pages['events']}")
    if backend is None or not window:
        print("  Plone requests the pages caused: not counted")
    else:
        polls, checks = backend["@queues"], backend["@queue-tickets"]
        print(
            f"  Plone requests made by the public app over {window:.0f} s with (nearly) every page open: "
            f"{polls} reads of @queues ({polls / window:.2f} a second), {checks} token checks, {backend['other']} others"
        )
    if late:
        within = sum(1 for s in late if s <= LATENESS_TARGET_S)
        quantiles = f"median {statistics.median(late):.1f} s, max {max(late):.1f} s"
        verdict = "met" if within == len(late) else "MISSED"
        shown = f"{quantiles}; {within} within {LATENESS_TARGET_S} s (target: {verdict})"
        print(f"  notices: {len(late)} measured, lateness vs due time (upper bound) {shown}")
    print(f"  notices sent: {sum(1 for t in tickets if t.notified)} for {len(tickets)} tickets; e-mails received (notices and calls): {mails}")
    print(f"  load average (1 min) before / after: {results['load'][0]:.1f} / {results['load'][1]:.1f} on {os.cpu_count()} cores")
    print("```")


def mails():
    path = os.environ.get("BENCH_SMTP_LOG")
    if not path or not os.path.exists(path):
        return "not counted"
    with open(path, encoding="utf-8", errors="replace") as log:
        return sum(1 for line in log if line.startswith("To:") and "usager.file." in line)


def main(app):
    data, results = read(os.environ["BENCH_DATA"]), read(os.environ["BENCH_RESULTS"])
    setSite(makerequest(app)[os.environ.get("SITE_ID", "guichet")])
    line = store.line_of(data["queue"])
    tickets = list(line.day(clock.today())) if line is not None else []
    found = problems(tickets, results["taken"], results["called"])
    if results["refused_count"]:  # the desk is open all day, without a cap: every take must be a 201
        found.append(f"{results['refused_count']} takes refused, e.g. {results['refused'][:2]}")
    if results["counter_errors"]:
        found.append(f"counter answers neither 200 nor 409, e.g. {results['counter_errors'][:2]}")
    late = lateness(tickets, results["not_due"])
    summary(results, tickets, found, late, mails())
    if found:
        sys.exit(1)


main(app)  # noqa: F821 (zconsole)
