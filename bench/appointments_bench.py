"""The appointments over HTTP (make bench-appointments): `@slots` for a month, then the
race of bookers (bench/appointments_race.py). Reads what bench/appointments_data.py
wrote (BENCH_DATA), prints the figures and writes them with the race's outcome to
BENCH_RESULTS for bench/appointments_check.py, which reads the store back and prints
the summary block. Environment: BENCH_CALLS (50 calls after the first), BENCH_BOOKERS
(50), BENCH_RETRIES (the retry log of bench/appointments_server.py), BENCH_SMTP_LOG (what
the local SMTP server printed: the confirmation e-mails).

Usage: appointments_bench.py PLONE_SITE_URL PUBLIC_URL
"""

from appointments_race import race
from figures import percentiles
import json
import os
import requests
import sys
import time


SITE, PUBLIC = sys.argv[1:3]
CALLS = int(os.environ.get("BENCH_CALLS", 50))
BOOKERS = int(os.environ.get("BENCH_BOOKERS", 50))


def timed(url, params, headers):
    """(first call ms, [ms of CALLS more], the first response) of anonymous GETs; exits on
    any answer but 200. The first call is the server's first of that URL (cold)."""
    seconds, first = [], None
    with requests.Session() as session:
        session.headers.update(headers)
        for _call in range(CALLS + 1):
            began = time.perf_counter()
            response = session.get(url, params=params, timeout=120)
            seconds.append(time.perf_counter() - began)
            if response.status_code != 200:
                sys.exit(f"{url} {params}: {response.status_code} {response.text[:300]}")
            first = first or response
    return seconds[0] * 1000, [s * 1000 for s in seconds[1:]], first


def latency_row(what, first, rest, _response=None):
    ordered = sorted(rest)
    p50, p95, _p99 = percentiles([ms / 1000 for ms in ordered])
    row = {"what": what, "first": first, "p50": p50, "p95": p95, "max": ordered[-1], "calls": len(rest)}
    print(f"{what:<40} {first:8.0f} {p50:8.0f} {p95:8.0f} {row['max']:8.0f}")
    return row


def slots_figures(month):
    params = {"service": month["service"], "desk": month["desk"], "from": month["from"], "days": month["days"]}
    measured = timed(f"{SITE}/@slots", params, {"Accept": "application/json"})
    answer = measured[2].json()
    offered = sum(len(day["slots"]) for agenda in answer["agendas"] for day in agenda["days"])
    free = sum(slot["free"] for agenda in answer["agendas"] for day in agenda["days"] for slot in day["slots"])
    print(f"\n## @slots, anonymous, {month['days']} days of a desk with {month['counters']} counters and {month['types']} types")
    print(f"{month['prebooked']} appointments booked in process beforehand; @slots offers {offered} slots ({free} counter places)")
    print(f"{'ms: first call, then p50 / p95 / max of ' + str(CALLS):<40} {'first':>8} {'p50':>8} {'p95':>8} {'max':>8}")
    rows = [latency_row("@slots (JSON)", *measured)]
    page = month.get("public_path")
    if page and requests.get(f"{PUBLIC}{page}", timeout=120).status_code == 200:
        # PUBLIC_CACHE_TTL=0 (scripts/bench_appointments.sh): every page asks Plone for its slots.
        rows.append(latency_row(f"public {page.split('?')[0]} (uncached)", *timed(f"{PUBLIC}{page}", None, {"Accept": "text/html"})))
    else:
        print(f"public site slots page: not measured ({'no page at ' + page if page else 'the public app has no slots page yet'})")
    return {"offered": offered, "free": free, "rows": rows}


def retries():
    path = os.environ.get("BENCH_RETRIES")
    if not path or not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as log:
        return sum(1 for line in log if line.strip())


def mails(expected, wait_s=30):
    """Messages to the race's bookers the local SMTP server printed (their confirmations),
    waiting until `expected` came (they leave after each booking's commit); None without a log."""
    path = os.environ.get("BENCH_SMTP_LOG")
    if not path or not os.path.exists(path):
        return None
    deadline = time.monotonic() + wait_s
    while True:
        with open(path, encoding="utf-8", errors="replace") as log:
            count = sum(1 for line in log if line.startswith("To:") and "@example.org" in line and "usager.course." in line)
        if count >= expected or time.monotonic() > deadline:
            return count
        time.sleep(0.5)


def race_figures(contest):
    before = retries()
    print(f"\n## {BOOKERS} concurrent bookers racing for the {contest['slots']} slots of {contest['day']} (anonymous, real HTTP)")
    result = race(SITE, contest["service"], contest["desk"], contest["day"], BOOKERS)
    after = retries()
    p50, p95, _p99 = percentiles(result.latencies) if result.latencies else (0, 0, 0)
    received = mails(len(result.codes))
    figures = {
        "mails": received,
        "bookers": BOOKERS,
        "slots": contest["slots"],
        "booked": len(result.codes),
        "seconds": result.seconds,
        "per_second": len(result.codes) / result.seconds,
        "posts": len(result.latencies),
        "conflicts_409": result.conflicts,
        "retried": None if before is None or after is None else after - before,
        "p50": p50,
        "p95": p95,
        "errors": result.errors[:5],
        "error_count": len(result.errors),
        "won": [{"booker": o.booker, "code": o.code, "start": o.start} for o in result.outcomes if o.code],
    }
    posts = f"{figures['posts']} POSTs ({figures['posts'] / result.seconds:.0f} a second)"
    print(f"{figures['booked']} bookings in {result.seconds:.2f} s: {figures['per_second']:.1f} bookings/s; {posts}")
    print(f"409 (slot taken, next slots returned): {figures['conflicts_409']}")
    shown = "not counted" if figures["retried"] is None else figures["retried"]
    print(f"requests Zope retried after a ConflictError: {shown}")
    print(f"booking latency (every POST @bookings): p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    print(f"confirmation e-mails received by the local SMTP server: {'not counted' if received is None else received}")
    if result.errors:
        print(f"{len(result.errors)} answers neither 201 nor 409, e.g. {result.errors[:3]}")
    return figures


def main():
    with open(os.environ["BENCH_DATA"], encoding="utf-8") as file:
        data = json.load(file)
    load_before = os.getloadavg()[0]
    results = {"slots": slots_figures(data["month"]), "race": race_figures(data["race"])}
    # The machine's 1-minute load average around the measures: other work on the cores shows in the figures.
    results["load"] = [load_before, os.getloadavg()[0]]
    print(f"\nload average (1 min) before and after the measures: {load_before:.1f}, {results['load'][1]:.1f} ({os.cpu_count()} cores)")
    with open(os.environ["BENCH_RESULTS"], "w", encoding="utf-8") as file:
        json.dump(results, file, indent=1)


if __name__ == "__main__":
    main()
