"""The queue under load over real HTTP (make bench-queue; scripts/bench_queue.sh starts it).

Reads what bench/queue_data.py wrote (BENCH_DATA: the desk, its queue, 10 counters, the
accounts), then at once:
- BENCH_TICKETS (300) tickets at BENCH_RATE (300) an hour, taken concurrently at the
  desk's kiosk (bench/queue_load.py `Takers`); time is compressed BENCH_COMPRESS (10)
  times: arrivals, service times and the notice minutes are all divided by it, the
  figures of latency and lateness are real seconds;
- one agent per counter calling the next, serving (lognormal, median BENCH_SERVICE_S
  real seconds already compressed, sigma 0.4), marking done; the agents start
  BENCH_AGENTS_LATE_S seconds after the first ticket so a queue forms;
- BENCH_PAGES (500) tracking pages open at once: SSE clients on the public app
  (bench/queue_sse.py), opened for each new ticket (up to 10) as the served tickets'
  pages close; Plone's requests made by the public app while (nearly) all are open,
  until the last ticket is taken, are counted from the server's log (bench/queue_server.py);
- the notice job, `guichet-kb queue-notify --every 15` (started by the script), and the
  observer of GET @queues that records each notice's due time.
When every ticket has been called and served, the results go to BENCH_RESULTS for
bench/queue_check.py, which reads the store back (every ticket numbered once, none lost,
the notices' lateness from the stored send times) and prints the summary block.

Usage: queue_bench.py PLONE_SITE_URL PUBLIC_URL
"""

from figures import percentiles
import json
import os
from queue_load import Agent
from queue_load import Observer
from queue_load import poisson
from queue_load import Takers
from queue_sse import Pages
import sys
import threading
import time


SITE, PUBLIC = sys.argv[1:3]
TICKETS = int(os.environ.get("BENCH_TICKETS", 300))
RATE = float(os.environ.get("BENCH_RATE", 300))
COMPRESS = float(os.environ.get("BENCH_COMPRESS", 10))
SERVICE_S = float(os.environ.get("BENCH_SERVICE_S", 11))
AGENTS_LATE_S = float(os.environ.get("BENCH_AGENTS_LATE_S", 60))
PAGES = int(os.environ.get("BENCH_PAGES", 500))
PAGES_PER_TICKET = 10  # at most, opened when a ticket is taken


def stream_url(ticket):
    """The SSE stream of a ticket's tracking page on the public app."""
    track = ticket["links"]["track"]
    path, _sep, query = track.partition("?")
    return f"{PUBLIC}{path[path.index('/file-attente') :]}/events?{query}"


def public_requests(log, since, until):
    """{"@queues": n, "@queue-tickets": n, "other": n} of the Plone requests the public app made
    between the two times (its broadcasters' polls; its viewers' token checks), or None."""
    if not os.path.exists(log):
        return None
    found = {"@queues": 0, "@queue-tickets": 0, "other": 0}
    with open(log, encoding="utf-8") as lines:
        for line in lines:
            kind, _sep, rest = line.partition(" ")
            if kind == "public":
                at, _sep, path = rest.strip().partition(" ")
                if since <= float(at) <= until:
                    found["@queues" if path.endswith("@queues") else "@queue-tickets" if "@queue-tickets" in path else "other"] += 1
    return found


def retries(log):
    if not os.path.exists(log):
        return None
    with open(log, encoding="utf-8") as lines:
        return sum(1 for line in lines if line.startswith("retry "))


def latencies(answers, what):
    seconds = [a.seconds for a in answers if a.what == what and a.status in (200, 201)]
    p50, p95, _p99 = percentiles(seconds) if seconds else (0, 0, 0)
    return {"what": what, "count": len(seconds), "p50": p50, "p95": p95, "max": max(seconds, default=0) * 1000}


def main():
    with open(os.environ["BENCH_DATA"], encoding="utf-8") as file:
        data = json.load(file)
    log = os.environ["BENCH_SERVER_LOG"]
    stop, load_before = threading.Event(), os.getloadavg()[0]
    pages = Pages(limit=PAGES + 50)
    pages.start()
    takers = Takers(SITE, tuple(data["kiosk"]), data["queue"], data["services"], poisson(TICKETS, RATE, COMPRESS, 2026))
    opened, samples = {"n": 0, "full": None}, []

    def open_pages(ticket):
        # Viewers of each new ticket (a phone, a relative's) until PAGES are open at once:
        # the pages of served tickets close, new tickets' pages take their place.
        for _ in range(min(PAGES_PER_TICKET, max(0, PAGES - pages.open_count()))):
            opened["n"] += 1
            pages.open(stream_url(ticket))

    def sample():
        while not stop.is_set():
            samples.append((time.time(), pages.open_count()))
            if opened["full"] is None and samples[-1][1] >= PAGES * 0.95:
                opened["full"] = samples[-1][0]
            time.sleep(1)

    takers.on_ticket = open_pages
    observer = Observer(SITE, data["desk"], data["notify_minutes"], stop)
    observer.start()
    agents = [
        Agent(SITE, tuple(data["agents"][i % len(data["agents"])]), data["desk"], code, SERVICE_S, 0.4, i, stop)
        for i, code in enumerate(data["counters"])
    ]
    began = time.time()
    takers_thread = threading.Thread(target=takers.run, daemon=True)
    takers_thread.start()
    threading.Thread(target=sample, daemon=True).start()
    time.sleep(AGENTS_LATE_S)
    for agent in agents:
        agent.start()
    takers_thread.join()
    taken_at = time.time()
    steady_from = opened["full"] or taken_at  # from when (nearly) every page was open
    window = [count for at, count in samples if steady_from <= at <= taken_at]
    stop.set()  # the agents stop once nobody is waiting
    for agent in agents:
        agent.join()
    ended = time.time()
    time.sleep(2)
    observer.join()
    backend = public_requests(log, steady_from, taken_at)
    pages.close()
    answers = [a for agent in agents for a in agent.answers]
    called = [c for agent in agents for c in agent.called]
    results = {
        "tickets": TICKETS,
        "rate": RATE,
        "compress": COMPRESS,
        "taken": [t["code"] for t in takers.taken],
        "numbers": [t["number"] for t in takers.taken],
        "refused": [a.body for a in takers.answers if a.status != 201][:5],
        "refused_count": sum(1 for a in takers.answers if a.status != 201),
        "take": latencies(takers.answers, "take"),
        "next": latencies(answers, "next"),
        "done": latencies(answers, "done"),
        "counter_409": sum(1 for a in answers if a.status == 409),
        "counter_errors": [a.body for a in answers if a.status not in (200, 409)][:5],
        "called": [code for code, _number, _at in called],
        "retried": retries(log),
        "seconds": {"taking": taken_at - began, "total": ended - began},
        "pages": {
            "asked": opened["n"],
            "open": [min(window, default=0), sorted(window)[len(window) // 2] if window else 0, max(window, default=0)],
            "failed": [p.error or p.status for p in pages.pages if p.error or p.status != 200][:5],
            "failed_count": sum(1 for p in pages.pages if p.error or p.status != 200),
            "events": sum(len(p.events) for p in pages.pages),
            "backend": backend,
            "window_s": taken_at - steady_from,
        },
        "due": observer.due,
        "not_due": observer.not_due,
        "observer_reads": observer.reads,
        "load": [load_before, os.getloadavg()[0]],
    }
    with open(os.environ["BENCH_RESULTS"], "w", encoding="utf-8") as file:
        json.dump(results, file, indent=1)
    print(f"{len(takers.taken)} tickets taken in {taken_at - began:.0f} s, {len(called)} called; the run took {ended - began:.0f} s")


if __name__ == "__main__":
    main()
