"""Mixed load through the cluster's front, recorded request by request.

Readers are anonymous citizens: public-site pages and `@answer` (a random query of
bench/queries.json with a random b_size, so most requests miss Varnish and reach an
instance). Agents log calls with `POST @interactions`, each with its own
Idempotency-Key, and send it again with the same key after no answer or a gateway
error, as the console and the CLI do, until it is acknowledged. Used by the fault
tests (tests/cluster/test_faults.py) and `make bench-cluster`.
"""

from dataclasses import dataclass
from dataclasses import field
from guichet_kb.facts import IDEMPOTENCY_HEADER
import json
import random
from repo_paths import ROOT
import requests
import threading
import time
import uuid


QUERIES = [entry["q"] for entry in json.loads((ROOT / "bench" / "queries.json").read_text(encoding="utf-8"))]
TIMEOUT_S = 15


@dataclass
class Hit:
    kind: str  # "page", "answer", "interaction"
    started: float  # seconds since the load started
    seconds: float
    status: int  # 0: no answer (connection refused, reset, timeout)
    error: str = ""


@dataclass
class Call:
    """One logical call an agent logs: every attempt, and the record it got."""

    key: str
    attempts: list = field(default_factory=list)
    record_id: str = ""


@dataclass
class Report:
    seconds: float = 0.0
    hits: list = field(default_factory=list)
    calls: list = field(default_factory=list)

    def of(self, kind):
        return [hit for hit in self.hits if hit.kind == kind]

    def failed(self, kind=None):
        return [hit for hit in self.hits if (kind is None or hit.kind == kind) and not 200 <= hit.status < 300]

    def p95(self, kind=None):
        times = sorted(hit.seconds for hit in self.hits if kind is None or hit.kind == kind)
        return times[int(0.95 * (len(times) - 1))] if times else 0.0

    def per_second(self, kind=None):
        return len([h for h in self.hits if kind is None or h.kind == kind]) / self.seconds if self.seconds else 0.0

    def error_window(self, kind=None):
        """(first, last) start time of the failed requests, or None."""
        failed = self.failed(kind)
        return (min(h.started for h in failed), max(h.started for h in failed)) if failed else None


class Load:
    """Readers and agents hammering `site_url` (Plone through the front) and `public_url`."""

    def __init__(self, site_url, public_url, pages, agent=("agent", "guichet-demo"), services=(), readers=6, agents=2):
        self.site_url, self.public_url = site_url.rstrip("/"), public_url.rstrip("/")
        self.pages, self.agent, self.services = list(pages), agent, list(services)
        self.readers, self.agents = readers, agents
        self.report = Report()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._t0 = 0.0

    def _record(self, kind, started, status, error=""):
        hit = Hit(kind, started - self._t0, time.monotonic() - started, status, error)
        with self._lock:
            self.report.hits.append(hit)
        return hit

    def _get(self, session, kind, url, **params):
        started = time.monotonic()
        try:
            response = session.get(url, params=params, timeout=TIMEOUT_S)
        except requests.RequestException as exc:
            return self._record(kind, started, 0, type(exc).__name__)
        return self._record(kind, started, response.status_code, "" if response.ok else response.text[:200])

    def _reader(self, seed):
        rng = random.Random(seed)
        session = requests.Session()
        session.headers["Accept"] = "application/json"
        while not self._stop.is_set():
            if rng.random() < 0.4 and self.pages:
                self._get(session, "page", f"{self.public_url}/{rng.choice(self.pages)}")
            else:
                self._get(session, "answer", f"{self.site_url}/++api++/@answer", q=rng.choice(QUERIES), b_size=rng.randint(1, 50))

    def _log_call(self, session, rng):
        call = Call(key=str(uuid.uuid4()))
        body = {"service": rng.choice(self.services), "channel": "telephone", "outcome": "answered"}
        while True:  # until acknowledged, as the console would (it retries once; a person retries again)
            started = time.monotonic()
            try:
                response = session.post(f"{self.site_url}/@interactions", json=body, headers={IDEMPOTENCY_HEADER: call.key}, timeout=TIMEOUT_S)
                hit = self._record("interaction", started, response.status_code, "" if response.ok else response.text[:200])
            except requests.RequestException as exc:
                hit, response = self._record("interaction", started, 0, type(exc).__name__), None
            call.attempts.append(hit)
            if response is not None and response.status_code in (200, 201):
                call.record_id = response.json()["id"]
                break
            if response is not None and response.status_code < 500:
                break  # refused: a test failure, not something to retry
            time.sleep(0.5)
        with self._lock:
            self.report.calls.append(call)

    def _agent(self, seed):
        rng = random.Random(seed)
        session = requests.Session()
        session.auth = self.agent
        session.headers["Accept"] = "application/json"
        while not self._stop.is_set():
            self._log_call(session, rng)
            time.sleep(rng.uniform(0.05, 0.2))

    def run(self, seconds, events=()):
        """Load for `seconds`; `events` is [(at_seconds, callable)] run meanwhile."""
        self._t0 = time.monotonic()
        workers = [threading.Thread(target=self._reader, args=(n,)) for n in range(self.readers)]
        workers += [threading.Thread(target=self._agent, args=(1000 + n,)) for n in range(self.agents if self.services else 0)]
        for worker in workers:
            worker.start()
        for at, action in sorted(events, key=lambda event: event[0]):
            time.sleep(max(0.0, at - (time.monotonic() - self._t0)))
            action()
        time.sleep(max(0.0, seconds - (time.monotonic() - self._t0)))
        self._stop.set()
        for worker in workers:
            worker.join()
        self.report.seconds = time.monotonic() - self._t0
        return self.report
