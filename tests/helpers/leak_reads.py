"""How the leak matrix reads a path and looks for markers in what comes back."""

import dataclasses
from guichet_kb.public.config import Settings
from guichet_kb.testing import DEMO_PASSWORD
import gzip
import json
import leak_fact_check
from leak_fixtures import MEMBER
import leak_queues
from public_helpers import serve_public
import re
import requests
import urllib.parse


CALLERS = ("anonymous", MEMBER, "agent")
PLACEHOLDER = re.compile(r"\{uid:([^}]+)\}")
ACCEPT = {"rest": "application/json", "api": "application/json", "classic": "text/html", "public": "text/html"}


@dataclasses.dataclass(frozen=True)
class Read:
    """One read path: where it goes (``via``), the path and its query, or a JSON body (POST).

    via: ``rest`` (plone.restapi JSON), ``api`` (the same through ``++api++``),
    ``classic`` (Classic UI HTML), ``public`` (the public site app, anonymous only).
    A path or value may hold ``{uid:<path of an item>}``, resolved at run time, or
    ``{fact-check:<kind>}``, a fact-check token (leak_fact_check.py), or
    ``{ticket:<name>}`` / ``{ticket-token:<name>}``, a queue ticket's code / link token
    (leak_queues.py).
    """

    via: str
    path: str
    params: tuple = ()
    body: object = None

    @property
    def id(self):
        query = urllib.parse.urlencode(self.params)
        suffix = f"?{query}" if query else ""
        method = "POST " if self.body is not None else ""
        return f"{self.via}:{method}/{self.path}{suffix}"

    def callers(self):
        return ("anonymous",) if self.via == "public" else CALLERS

    def placeholders(self):
        text = self.path + json.dumps(self.params) + json.dumps(self.body)
        return set(PLACEHOLDER.findall(text))


def _read(via, path, /, body=None, **params):
    return Read(via, path.strip("/"), tuple(params.items()), body)


def rest(path, /, **params):
    return _read("rest", path, **params)


def api(path, /, **params):
    return _read("api", path, **params)


def classic(path, /, **params):
    return _read("classic", path, **params)


def public(path, /, **params):
    return _read("public", path, **params)


def post(path, body):
    """A read-only service reached by POST (e.g. @querystring-search)."""
    return _read("rest", path, body=body)


def uid(path):
    return f"{{uid:{path}}}"


def session(caller, accept):
    http = requests.Session()
    http.headers.update({"Accept": accept, "Accept-Language": "fr", "User-Agent": "pytest-bot"})
    if caller == "admin":
        from plone.app.testing import SITE_OWNER_NAME
        from plone.app.testing import SITE_OWNER_PASSWORD

        http.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    elif caller != "anonymous":
        http.auth = (caller, DEMO_PASSWORD)
    return http


def fetch(read, caller, site_url, public_url, resolve):
    """(status, body text) of ``read`` as ``caller``; gzip bodies decompressed."""
    sub = lambda text: leak_queues.fill(leak_fact_check.fill(PLACEHOLDER.sub(lambda m: resolve(m.group(1)), text)))  # noqa: E731
    base = {"rest": site_url, "api": f"{site_url}/++api++", "classic": site_url, "public": public_url}[read.via]
    url = f"{base}/{sub(read.path)}".rstrip("/") if read.path else base + "/"
    params = [(key, sub(str(value))) for key, value in read.params]
    with session(caller, ACCEPT[read.via]) as http:
        if read.body is not None:
            response = http.post(url, params=params, json=json.loads(sub(json.dumps(read.body))), timeout=60)
        else:
            response = http.get(url, params=params, timeout=60)
    content = response.content
    if content[:2] == b"\x1f\x8b":  # sitemap.xml.gz and the like
        content = gzip.decompress(content)
    return response.status_code, content.decode("utf-8", "replace")


def locations(text, needle, limit=8):
    """Where ``needle`` sits: its JSON paths (e.g. ``related_sheets[0].title``), or an HTML snippet."""
    try:
        data = json.loads(text)
    except ValueError:  # HTML or XML: the text around the first occurrence
        start = text.lower().find(needle)
        return ["…" + " ".join(text[max(0, start - 50) : start + len(needle) + 30].split()) + "…"] if start >= 0 else []
    found = []

    def walk(value, where):
        if len(found) >= limit:
            return
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}" if where else key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]")
        elif needle in str(value).lower():
            found.append(where or "(body)")

    walk(data, "")
    return found


def scan(text, needles):
    """[(needle, label, where)] for every needle found in ``text`` (case-insensitive)."""
    lowered = text.lower()
    return [(needle, label, locations(text, needle)) for needle, label in needles if needle and needle in lowered]


class PublicApp:
    """The public site app against the leak layer's server, started once."""

    def __init__(self, site_url):
        self._context = serve_public(Settings(plone_url=site_url, town_hall_phone="01 02 03 04 05", cache_ttl=1))

    def __enter__(self):
        return self._context.__enter__()

    def __exit__(self, *exc):
        return self._context.__exit__(*exc)
