"""A stubbed Plone speaking the virtual queue's JSON (COMMON19 §3) for the public app's
tests (tests/public/test_queue_*.py, tests/browser/test_queue_phone.py): one desk, one
queue of two services, two counters; tickets taken, called, missed, rejoined and left
as the REST services would, each change bumping the queue's `version`. Every request
is recorded (`requests`) so a test can count what reached "Plone"."""

from datetime import timedelta
from guichet_kb import clock
import httpx
import json
import threading


DESK, QUEUE = "d" * 32, "9" * 32
CNI, PASSPORT, SHEET_WITHOUT = "a" * 32, "b" * 32, "c" * 32
PLONE = "http://plone.test/guichet"
DESK_JSON = {"uid": DESK, "title": "Mairie centrale", "url": f"{PLONE}/guichets/mairie-centrale", "address": "1 place de la Mairie"}
SERVICES = [
    {"uid": CNI, "title": "Carte d'identité", "url": f"{PLONE}/demarches/cni", "prefix": "C"},
    {"uid": PASSPORT, "title": "Passeport", "url": f"{PLONE}/demarches/passeport", "prefix": "P"},
]
COUNTERS = {"G1": "Guichet 1", "G2": "Guichet 2"}
MINUTES = 6  # each ticket's service time in the stub's estimate


class QueuePlone:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []
        self.tickets = {}  # code -> dict
        self.version, self.open, self.opens_at, self.campaign = 1, True, None, None
        self.counters_open = 2
        self.refusal = None  # (status, kind, message) answered to the next POST @queue-tickets
        self.notify_minutes = 10
        self.idle = []  # open counters calling nobody (in "now" with no ticket)

    # -- what the agents do (the tests play them) --
    def _bump(self):
        self.version += 1

    def take(self, service=CNI, email=None):
        prefix = next(s["prefix"] for s in SERVICES if s["uid"] == service)
        number = 1 + sum(1 for t in self.tickets.values() if t["prefix"] == prefix)
        code = f"T{len(self.tickets) + 1:03d}-ABCD"
        self.tickets[code] = {
            "code": code, "prefix": prefix, "service": service, "number": f"{prefix}{number:03d}", "status": "waiting",
            "counter": None, "email": email, "order": len(self.tickets), "rejoined": False,
        }  # fmt: skip
        self._bump()
        return code

    def waiting(self):
        return sorted((t for t in self.tickets.values() if t["status"] == "waiting"), key=lambda t: t["order"])

    def call_next(self, counter="G1"):
        with self.lock:
            for t in self.tickets.values():
                if t["status"] == "called" and t["counter"] == counter:
                    t["status"] = "done"
            first = (self.waiting() or [None])[0]
            if first is not None:
                first.update(status="called", counter=counter, called=clock.now().isoformat())
            self._bump()
            return first

    def no_show(self, code):
        with self.lock:
            self.tickets[code]["status"] = "missed"
            self._bump()

    # -- the JSON --
    def positions(self):
        now = clock.now()
        out = {}
        for index, t in enumerate(self.waiting()):
            wait = (index // max(self.counters_open, 1) + 1) * MINUTES if self.counters_open else None
            at = (now + timedelta(minutes=wait)).isoformat() if wait is not None else None
            out[t["number"]] = {"position": index + 1, "call_at": at, "wait_minutes": wait}
        return out

    def queue_json(self):
        positions = self.positions()
        waiting = self.waiting()
        now = [
            {"counter": t["counter"], "label": COUNTERS[t["counter"]], "ticket": t["number"], "since": t.get("called")}
            for t in self.tickets.values()
            if t["status"] == "called"
        ] + [{"counter": code, "label": COUNTERS[code], "ticket": None, "since": None} for code in self.idle]
        wait = ((len(waiting) // max(self.counters_open, 1)) + 1) * MINUTES if self.open and self.counters_open else None
        return {
            "uid": QUEUE, "title": "Titres d'identité", "desk": DESK_JSON,
            "services": [{k: s[k] for k in ("uid", "title", "url", "prefix")} for s in SERVICES],
            "campaign": self.campaign, "open": self.open, "opens_at": self.opens_at, "waiting": len(waiting),
            "wait_minutes": wait, "counters_open": self.counters_open, "version": self.version, "now": now,
            "next": [t["number"] for t in waiting[:5]], "positions": positions, "notify_minutes": self.notify_minutes,
        }  # fmt: skip

    def ticket_json(self, t):
        place = self.positions().get(t["number"]) or {}
        service = next(s for s in SERVICES if s["uid"] == t["service"])
        return {
            "code": t["code"], "number": t["number"], "status": t["status"], "queue": {"uid": QUEUE, "title": "Titres d'identité"},
            "service": {k: service[k] for k in ("uid", "title", "url")}, "desk": DESK_JSON,
            "position": place.get("position"), "call_at": place.get("call_at"), "wait_minutes": place.get("wait_minutes"),
            "counter": {"code": t["counter"], "label": COUNTERS[t["counter"]]} if t["counter"] else None,
            "taken_at": None, "called_at": t.get("called"), "notify_minutes": self.notify_minutes, "contact": bool(t["email"]),
            "can_rejoin": t["status"] == "missed" and not t["rejoined"], "priority": None,
        }  # fmt: skip

    def count(self, path):
        return sum(1 for r in self.requests if r.url.path == f"/guichet/{path}")

    def _ticket_call(self, request, rest, token):
        code = rest.split("/")[0]
        t = self.tickets.get(code)
        if t is None or token != f"tok-{code}":
            return httpx.Response(410 if token == "old" else 404, json={"error": {"type": "NotFound", "message": "Ticket introuvable."}})
        if request.method == "DELETE":
            t.update(status="cancelled", email=None)
            self._bump()
        elif rest.endswith("/rejoin"):
            if t["status"] != "missed" or t["rejoined"]:
                return httpx.Response(409, json={"error": {"type": "AlreadyRejoined", "message": "Déjà revenu une fois."}})
            t.update(status="waiting", rejoined=True, order=len(self.tickets) + 100, counter=None)
            self._bump()
        return httpx.Response(200, json=self.ticket_json(t))

    async def __call__(self, request):
        with self.lock:
            return self.answer(request)

    def answer(self, request):
        self.requests.append(request)
        path, params = request.url.path, dict(request.url.params)
        if path == "/guichet/@queues":
            if params.get("desk") not in (None, DESK) or params.get("service") not in (None, CNI, PASSPORT):
                return httpx.Response(400, json={"error": {"type": "BadRequest", "message": "'desk' must be the UID of a published desk."}})
            items = [self.queue_json()]
            return httpx.Response(200, json={"items": items}, headers={"Cache-Control": "public, max-age=5"})
        if path == f"/guichet/@queues/{QUEUE}":
            return httpx.Response(200, json=self.queue_json(), headers={"Cache-Control": "public, max-age=5"})
        if path.startswith("/guichet/@queues"):  # an unknown desk, sheet or queue
            return httpx.Response(404 if path.startswith("/guichet/@queues/") else 400, json={"error": {"type": "BadRequest", "message": "x"}})
        if path == "/guichet/@queue-tickets" and request.method == "POST":
            if self.refusal:
                status, kind, message = self.refusal
                return httpx.Response(status, json={"error": {"type": kind, "message": message}})
            body = json.loads(request.content)
            code = self.take(body.get("service") or CNI, body.get("email"))
            return httpx.Response(201, json={**self.ticket_json(self.tickets[code]), "token": f"tok-{code}", "links": {"track": None}})
        if path.startswith("/guichet/@queue-tickets/"):
            return self._ticket_call(request, path.removeprefix("/guichet/@queue-tickets/"), params.get("token"))
        if path == "/guichet":
            return httpx.Response(200, json={"title": "Ville-Test"})
        if path == "/guichet/guichets/mairie-centrale":
            desk = {"@id": DESK_JSON["url"], "@type": "Desk", "UID": DESK, "id": "mairie-centrale", "title": "Mairie centrale"}
            return httpx.Response(200, json=desk)
        if path == "/guichet/@desks":
            return httpx.Response(200, json={"items": [{"@id": DESK_JSON["url"], "UID": DESK}]})
        if path in ("/guichet/demarches/cni", "/guichet/demarches/naissance"):
            uid = CNI if path.endswith("cni") else SHEET_WITHOUT
            sheet = {"@id": f"{PLONE}{path[8:]}", "@type": "ServiceSheet", "UID": uid, "id": path.rsplit("/", 1)[1], "title": "Carte d'identité"}
            guichet = {"documents": [], "desks": [], "agendas": [], "queues": [{"uid": QUEUE}] if uid == CNI else []}
            return httpx.Response(200, json={**sheet, "@components": {"guichet": guichet}})
        return httpx.Response(404, json={"error": {"type": "NotFound", "message": "x"}})
