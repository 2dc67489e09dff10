"""The queue's public pages against the real Plone test site (issue 19): a queue of the
test's own (ticket_helpers.queueable, counter poste-1 open), the clock frozen on a Monday
at 10:00 for the whole test (the public app and the broadcaster read it too). The desk's
line and button, a ticket taken through the public form (POST @queue-tickets for real),
its private page, its live events as an agent calls the next (the core's counters), the
hall display, leaving the queue."""

from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.public.config import Settings
import html
import httpx
import json
from public_helpers import free_port
from public_helpers import serve_public
import pytest
import re
import requests
from ticket_helpers import call_next
from ticket_helpers import DESK
from ticket_helpers import MONDAY_10AM
from ticket_helpers import open_counters
from ticket_helpers import QUEUE
from ticket_helpers import queueable
import time
import transaction


PORT = free_port()


@pytest.fixture
def queue_site(catalogue, site):
    ratelimit.clear()
    found = queueable(catalogue)
    open_counters(found[QUEUE], ["poste-1"], MONDAY_10AM)
    with clock.frozen(MONDAY_10AM):
        with serve_public(Settings(plone_url=site, cache_ttl=0, queue_poll=0.3), port=PORT) as url:
            http = requests.Session()
            http.headers.update({"User-Agent": "pytest-bot", "Origin": url})
            yield url, http, found
            http.close()


def events_of(url, path, wanted, timeout=10):
    """The first `wanted` events of a stream (parsed), read with a deadline."""
    found, block = [], {}
    with httpx.stream("GET", url + path, timeout=timeout) as response:
        assert response.status_code == 200
        deadline = time.monotonic() + timeout
        for line in response.iter_lines():
            if not line and "data" in block:
                found.append(json.loads(block["data"]))
                block = {}
                if len(found) >= wanted or time.monotonic() > deadline:
                    break
            elif line.startswith("data:"):
                block["data"] = line[5:].strip()
    return found


def test_a_ticket_from_the_public_site_for_real(queue_site, rest, site):
    url, http, items = queue_site
    queue_uid, desk_uid = items[QUEUE].UID(), items[DESK].UID()
    answer = rest().get(f"{site}/@queues", params={"desk": desk_uid})
    assert answer.status_code == 200, answer.text
    figures = answer.json()["items"][0]
    desk_page = html.unescape(http.get(f"{url}/guichets/{DESK}").text)
    people = "personne" if figures["waiting"] <= 1 else "personnes"
    assert f"File d'attente ouverte — {figures['waiting']} {people}, attente estimée {figures['wait_minutes']} min" in desk_page
    assert f'href="/file-attente/{queue_uid}">Prendre un ticket</a>' in desk_page

    form = http.get(f"{url}/file-attente/{queue_uid}")
    assert form.status_code == 200 and "Pour être prévenu quelques minutes avant votre tour" in html.unescape(form.text)
    taken = http.post(f"{url}/file-attente/{queue_uid}", data={"courriel": "camille@example.org"}, allow_redirects=False)
    assert taken.status_code == 303, taken.text
    link = taken.headers["location"]
    code, token = re.fullmatch(r"/file-attente/ticket/([A-Z0-9-]+)\?token=(.+)", link).groups()
    page = http.get(url + link)
    text = html.unescape(page.text)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "private, no-store"
    assert '<span id="numero">E001</span>' in text and "Position dans la file : 1" in text
    assert "Nous vous prévenons par courriel 10 min avant votre tour." in text
    bad = http.post(f"{url}/file-attente/{queue_uid}", data={"courriel": "pas-une-adresse"})
    assert bad.status_code == 400 and "ou laissez le champ vide." in html.unescape(bad.text)

    later = [rest().post(f"{site}/@queue-tickets", json={"queue": queue_uid}).json() for _ in range(2)]
    third = later[-1]
    stream = f"/file-attente/ticket/{third['code']}/events?token={third['token']}"
    first = events_of(url, stream, 1)[0]
    assert (first["number"], first["status"], first["position"]) == ("E003", "waiting", 3)
    transaction.begin()  # this thread sees the tickets the server took
    assert call_next(items[QUEUE], "poste-1", MONDAY_10AM) is not None
    time.sleep(0.4)  # past the snapshot's poll interval (0.3 s here)
    called = html.unescape(http.get(url + link).text)
    assert "C'est votre tour : Poste 1" in called
    moved = events_of(url, stream, 1)[0]
    assert moved["position"] == 2 and "Position dans la file : 2" in moved["html"]

    display = html.unescape(http.get(f"{url}/file-attente/ecran/{desk_uid}").text)
    assert '<li class="call"><span class="call-ticket">E001</span> <span class="call-counter">Poste 1</span></li>' in display
    assert re.findall(r'<span class="next-ticket">(\w+)</span>', display) == ["E002", "E003"]
    left = http.post(f"{url}/file-attente/ticket/{third['code']}/quitter", data={"token": third["token"]}, allow_redirects=False)
    assert left.status_code == 303
    assert "Vous avez quitté la file. Vos coordonnées sont effacées." in html.unescape(http.get(url + left.headers["location"]).text)
    assert http.get(f"{url}/file-attente/ticket/{code}?token={token[:-2]}xx").status_code == 404
