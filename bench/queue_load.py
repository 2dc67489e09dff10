"""The queue benchmark's HTTP actors (bench/queue_bench.py runs them in threads).

- `Takers`: the tickets, taken at the kiosk of the desk (the Kiosk account: no rate
  limit) at the scheduled times of a Poisson process, by a pool of concurrent threads;
  each ticket gives an invented example.org address so the notices are sent;
- `Agent`: one per counter: opens it, then calls the next, serves it for a drawn
  (lognormal) time and marks it done, until told to stop and nobody is waiting;
- `Observer`: reads GET @queues every second (anonymous, as a hall display) and keeps,
  for each ticket number, the first moment its forecast call was within the notice
  minutes, and the last read where it was not (the due time lies between the two): a
  notice's lateness is measured against the earlier one (an upper bound).

Every answer is kept with its latency; the bench computes the figures from them.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
import math
import random
import requests
import threading
import time


JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def session(auth=None):
    made = requests.Session()
    made.headers.update(JSON)
    made.auth = auth
    return made


@dataclass
class Answer:
    what: str
    status: int
    seconds: float
    at: float  # time.time() when it was sent
    body: dict = field(default_factory=dict)


def post(client, url, body):
    began, at = time.perf_counter(), time.time()
    try:
        response = client.post(url, json=body, timeout=60)
        status, data = response.status_code, (response.json() if response.content else {})
    except (requests.RequestException, ValueError) as error:
        status, data = 0, {"error": {"type": type(error).__name__, "message": str(error)[:200]}}
    return Answer(body.get("action", "take"), status, time.perf_counter() - began, at, data)


class Takers:
    def __init__(self, site, auth, queue, services, schedule, threads=20):
        self.url, self.auth, self.queue, self.services = f"{site}/@queue-tickets", auth, queue, services
        self.schedule, self.threads = schedule, threads
        self.answers, self.taken = [], []
        self._local = threading.local()
        self.on_ticket = None  # called with each 201 body (the SSE clients open its page)

    def take(self, index, due, start):
        delay = start + due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        client = getattr(self._local, "client", None) or session(self.auth)
        self._local.client = client
        body = {"queue": self.queue, "service": self.services[index % len(self.services)], "email": f"usager.file.{index}@example.org"}
        answer = post(client, self.url, body)
        self.answers.append(answer)
        if answer.status == 201:
            self.taken.append(answer.body)
            if self.on_ticket:
                self.on_ticket(answer.body)

    def run(self):
        start = time.monotonic()
        with ThreadPoolExecutor(self.threads) as pool:
            for future in [pool.submit(self.take, i, due, start) for i, due in enumerate(self.schedule)]:
                future.result()


def poisson(count, per_hour, compress, seed):
    """`count` arrival offsets (seconds from the start) at `per_hour` tickets an hour, time compressed `compress` times."""
    rng, moment, offsets = random.Random(seed), 0.0, []
    for _ in range(count):
        moment += rng.expovariate(per_hour * compress / 3600)
        offsets.append(moment)
    return offsets


class Agent(threading.Thread):
    def __init__(self, site, auth, desk, counter, median_s, sigma, seed, stop, idle_s=0.5):
        super().__init__(daemon=True)
        self.url, self.client, self.desk, self.counter = f"{site}/@queue-counter", session(auth), desk, counter
        self.median_s, self.sigma, self.rng, self.stop, self.idle_s = median_s, sigma, random.Random(seed), stop, idle_s
        self.answers, self.called = [], []

    def act(self, action, **extra):
        answer = post(self.client, self.url, {"desk": self.desk, "counter": self.counter, "action": action, **extra})
        self.answers.append(answer)
        return answer

    def run(self):
        self.act("open")
        while True:
            answer = self.act("next")
            called = answer.body.get("called") if answer.status == 200 else None
            if called and called.get("code"):
                self.called.append((called["code"], called.get("number"), answer.at))
                time.sleep(self.median_s * math.exp(self.rng.gauss(0, self.sigma)))
                self.act("done")
            elif self.stop.is_set():
                break
            else:
                time.sleep(self.idle_s)
        self.act("close")


class Observer(threading.Thread):
    def __init__(self, site, desk, notify_minutes, stop, every_s=1.0):
        super().__init__(daemon=True)
        self.url, self.params, self.client = f"{site}/@queues", {"desk": desk}, session()
        self.notify_s, self.stop, self.every_s = notify_minutes * 60, stop, every_s
        self.due, self.not_due, self.seen, self.failures, self.reads = {}, {}, set(), 0, 0

    def run(self):
        while not self.stop.is_set():
            began = time.time()
            try:
                response = self.client.get(self.url, params=self.params, headers={"Cache-Control": "no-cache"}, timeout=30)
                items = response.json()["items"] if response.status_code == 200 else []
            except (requests.RequestException, ValueError, KeyError):
                items, self.failures = [], self.failures + 1
            self.reads += 1
            for queue in items:
                for number, where in (queue.get("positions") or {}).items():
                    self.seen.add(number)
                    call_at = where.get("call_at")
                    if number in self.due:
                        continue
                    if call_at and datetime.fromisoformat(call_at).timestamp() - began <= self.notify_s:
                        self.due[number] = began
                    else:
                        self.not_due[number] = began  # the last read it was not due yet
            time.sleep(max(0.0, self.every_s - (time.time() - began)))
