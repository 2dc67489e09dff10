"""Issue 19's "Done when", on the demo: a citizen takes a ticket from a phone-sized
Chromium (390 x 844) on the public site, sees the wait fall as two agents call the next,
receives the e-mail about ten minutes before the call (a real SMTP server), and is called
on the hall display.

The demo's walk-in queue for CNI and passport at the town hall (« Accueil sans
rendez-vous CNI et passeport », CNI tickets 15 minutes until the day has its own
samples). Two agents, `agent` at poste 1 and `responsable` at poste 2, act through
POST @queue-counter over real HTTP; the public app runs against the real test site; the
clock is frozen (the servers' threads included) on a Monday at 10:00, then moved as the
morning goes by: the notice job runs at 10:06, the calls at 10:15.
"""

from booking_helpers import at
from booking_helpers import MONDAY
from browser_helpers import axe_violations
from browser_helpers import css
from browser_helpers import require_axe
from browser_helpers import serious
from browser_helpers import wait_for
from guichet_kb import clock
from guichet_kb import ratelimit
from guichet_kb.public.config import Settings
from guichet_kb.testing import PUBLIC_TEST_PORT
from public_helpers import serve_public
import pytest
from ticket_helpers import ticket_mails


PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}
QUEUE, DESK, CNI = "guichets/file-titres-hotel-de-ville", "guichets/mairie-centrale", "demarches/carte-identite"
EMAIL = "camille.martin@example.org"
AGENTS = {"agent": "poste-1", "responsable": "poste-2"}


def uid_of(rest, site, path):
    return rest("admin").get(f"{site}/{path}").json()["UID"]


def text_of(browser, selector):
    found = css(browser, selector)
    return found[0].text.strip() if found else ""


def minutes_in(text):
    return int(text.split(":", 1)[1].split("min")[0])


@pytest.fixture
def morning(chromium, site, rest, inbox, functional):
    """The phone-sized browser, the public app, the clock on a Monday at 10:00."""
    ratelimit.clear()
    chromium.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    with clock.frozen(at(MONDAY, 10)):
        with serve_public(Settings(plone_url=site, cache_ttl=0, queue_poll=0.3), port=PUBLIC_TEST_PORT) as url:
            yield chromium, url
    chromium.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def counter(rest, site, desk, user, action):
    answer = rest(user).post(f"{site}/@queue-counter", json={"desk": desk, "counter": AGENTS[user], "action": action})
    assert answer.status_code == 200, answer.text
    return answer.json()


def take_on_the_phone(browser, url, queue, cni):
    browser.get(f"{url}/{DESK}")
    wait_for(lambda: css(browser, f"#prendre-ticket-{queue}"))[0].click()
    wait_for(lambda: css(browser, "#prendre-ticket"))
    css(browser, f"label[for=service-{cni}]")[0].click()
    css(browser, "#courriel")[0].send_keys(EMAIL)
    css(browser, "#valider-ticket")[0].click()
    wait_for(lambda: css(browser, "#numero"))
    return text_of(browser, "#numero")


def serve_and_call(rest, site, desk):
    """Both agents end the visit at their counter and call the next; the numbers called."""
    called = []
    for user in AGENTS:
        counter(rest, site, desk, user, "done")
        called.append(counter(rest, site, desk, user, "next")["called"]["number"])
    return called


def test_a_citizen_follows_her_ticket_until_the_hall_display_calls_her(morning, site, rest, inbox):
    require_axe()
    browser, url = morning
    queue, desk, cni = (uid_of(rest, site, path) for path in (QUEUE, DESK, CNI))
    for user in AGENTS:
        counter(rest, site, desk, user, "open")
    # Five callers before her, their tickets taken by the desk's agent (no contact).
    ahead = [rest("agent").post(f"{site}/@queue-tickets", json={"queue": queue, "service": cni}).json()["number"] for _n in range(5)]
    assert ahead == ["C001", "C002", "C003", "C004", "C005"]

    mine = take_on_the_phone(browser, url, queue, cni)
    assert mine == "C006" and text_of(browser, "#position") == "Position dans la file : 6"
    assert text_of(browser, "#attente") == "Attente estimée : 30 min"  # two counters, 15 minutes a visit
    assert serious(axe_violations(browser)) == []
    [taken] = ticket_mails(inbox, 1)
    assert taken["to"] == [EMAIL] and taken["subject"] == f"Votre ticket {mine} : Hôtel de ville - accueil principal"

    browser.execute_script("document.body.dataset.marker = 'same page'")
    assert [counter(rest, site, desk, user, "next")["called"]["number"] for user in AGENTS] == ahead[:2]
    wait_for(lambda: text_of(browser, "#position") == "Position dans la file : 4")
    with clock.frozen(at(MONDAY, 10, 12)):
        assert serve_and_call(rest, site, desk) == ahead[2:4]
        wait_for(lambda: text_of(browser, "#position") == "Position dans la file : 2")
        assert text_of(browser, "#attente") == "Attente estimée : 15 min"  # the wait falls: called at about 10:27
        assert browser.execute_script("return document.body.dataset.marker") == "same page"  # live, not reloaded
    assert len(ticket_mails(inbox, 2, timeout=1)) == 1  # 15 minutes away: no notice yet

    with clock.frozen(at(MONDAY, 10, 18)):
        sent = rest("admin").post(f"{site}/@queue-notifications")
        assert sent.status_code == 200 and sent.json()["sent"] == 1, sent.text
    near = ticket_mails(inbox, 2)[1]
    assert near["to"] == [EMAIL] and near["subject"] == f"Bientôt votre tour : {mine}, Hôtel de ville - accueil principal"
    assert "environ 9 min" in near["body"]

    with clock.frozen(at(MONDAY, 10, 27)):
        browser.get(f"{url}/file-attente/ecran/{desk}")
        wait_for(lambda: css(browser, ".call-ticket"))
        assert serve_and_call(rest, site, desk) == [ahead[4], mine]
        wait_for(lambda: mine in [element.text for element in css(browser, ".call-ticket")])
        calls = [(text_of(call, ".call-ticket"), text_of(call, ".call-counter")) for call in css(browser, "li.call")]
        assert calls == [(ahead[4], "Poste 1 (station de recueil)"), (mine, "Poste 2 (station de recueil)")]
        assert serious(axe_violations(browser)) == []
    called = ticket_mails(inbox, 3)[2]
    assert called["to"] == [EMAIL] and called["subject"] == f"C'est votre tour : {mine}, Poste 2 (station de recueil)"
    # Told at 10:18, called at 10:27: 9 minutes before, inside the 8-12 minute window.
