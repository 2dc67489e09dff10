"""Interaction log, checklist e-mail and agent reports over real HTTP."""

import csv
from datetime import datetime
from datetime import timezone
from guichet_kb import clock
from guichet_kb import facts
from guichet_kb.interactions import store
import io
from mail_helpers import checklist_body
from plone import api
import pytest
import transaction


NOTHING_REMOVED = {"interactions": 0, "reports": 0, "choices": 0, "search_log_days": 0, "feedback": 0}


def log(rest, site, user="agent", **body):
    return rest(user).post(f"{site}/@interactions", json=body)


def export(rest, site, **params):
    response = rest("admin").get(f"{site}/@interactions", params={"format": "csv", **params})
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def test_agent_logs_and_admin_exports_csv(rest, site, uids):
    assert log(rest, site, service=uids["passeport"], channel="telephone", outcome="answered").status_code == 201
    assert log(rest, site, service=uids["encombrants"], channel="accueil", outcome="redirected").status_code == 201
    assert log(rest, site, channel="chat", outcome="not_answered").status_code == 201
    rows = export(rest, site)
    assert [(r["service"], r["channel"], r["outcome"]) for r in rows] == [
        ("Passeport", "telephone", "answered"),
        ("Collecte des encombrants", "accueil", "redirected"),
        ("", "chat", "not_answered"),
    ]
    # Nothing about people; the organisation is the body a redirected call was sent to (issue 16).
    assert set(rows[0]) == {"date", "service_uid", "service", "channel", "outcome", "organisation_uid", "organisation", "desk_uid", "desk"}
    assert rows[0]["service_uid"] == uids["passeport"] and rows[0]["date"].endswith(("+01:00", "+02:00"))
    data = rest("admin").get(f"{site}/@interactions").json()
    assert data["items_total"] == 3 and data["retention_months"] == 13


def test_interactions_feed_top_services(rest, site, uids):
    before = [i["UID"] for i in rest().get(f"{site}/@top-services").json()["items"]]
    assert uids["objets-trouves"] not in before
    for _ in range(20):
        assert log(rest, site, service=uids["objets-trouves"], channel="telephone", outcome="answered").status_code == 201
    after = [i["UID"] for i in rest().get(f"{site}/@top-services").json()["items"]]
    assert uids["objets-trouves"] in after


@pytest.mark.parametrize(
    "body, status, words",
    [
        ({"channel": "pigeon", "outcome": "answered"}, 400, "telephone, accueil, courriel, chat"),
        ({"channel": "telephone", "outcome": "maybe"}, 400, "answered, redirected, not_answered"),
        ({"service": "F1341", "channel": "telephone", "outcome": "answered"}, 404, "UID"),
        ({"channel": "telephone", "outcome": "answered"}, 400, "service"),
        ({"channel": "telephone", "outcome": "answered", "caller": "M. Dupont"}, 400, "channel, desk, organisation, outcome, query, service"),
    ],
)
def test_log_bad_input_stores_nothing(rest, site, body, status, words):
    response = rest("agent", language="en").post(f"{site}/@interactions", json=body)
    assert response.status_code == status
    assert words in response.json()["error"]["message"]
    assert rest("admin").get(f"{site}/@interactions").json()["items_total"] == 0


def test_log_not_json(rest, site):
    response = rest("agent").post(f"{site}/@interactions", data="{pas du json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["error"]["message"] == "Le corps de la requête doit être du JSON."


def test_who_may_do_what(rest, site, uids):
    body = {"service": uids["passeport"], "channel": "telephone", "outcome": "answered"}
    assert log(rest, site, user=None, **body).status_code == 401
    assert log(rest, site, user="valideur", **body).status_code == 201  # staff above Agent log too
    refused = rest("agent").get(f"{site}/@interactions", params={"format": "csv"})
    assert refused.status_code == 403 and refused.json()["error"]["type"] == "Forbidden"
    assert rest().get(f"{site}/@interactions").status_code == 401
    assert rest("agent").post(f"{site}/@interactions-purge", json={}).status_code == 403
    assert rest("valideur").get(f"{site}/@checklist", params={"service": uids["passeport"]}).status_code == 200
    assert rest().get(f"{site}/@checklist", params={"service": uids["passeport"]}).status_code == 401
    assert rest().post(f"{site}/@agent-report", json={}).status_code == 401


def test_cookie_session_needs_the_csrf_token(rest, site, uids):
    """The console's cookie session cannot be used by another site to log calls."""
    session = rest()
    login = session.post(
        f"{site}/login", data={"__ac_name": "agent", "__ac_password": _demo_password(), "buttons.login": "Log in"}, headers={"Accept": "text/html"}
    )
    assert login.status_code == 200 and "__ac" in session.cookies
    assert session.get(f"{site}/@checklist", params={"service": uids["passeport"]}).status_code == 200  # reads need no token
    body = {"service": uids["passeport"], "channel": "telephone", "outcome": "answered"}
    assert session.post(f"{site}/@interactions", json=body).status_code == 403
    assert rest("admin").get(f"{site}/@interactions").json()["items_total"] == 0


def _demo_password():
    from guichet_kb.testing import DEMO_PASSWORD

    return DEMO_PASSWORD


def test_retention_purge_with_a_frozen_clock(rest, site, uids, monkeypatch):
    def at(*args):
        monkeypatch.setattr(clock, "now", lambda: datetime(*args, tzinfo=timezone.utc))

    at(2025, 1, 10, 9, 0)
    for channel in ("telephone", "accueil"):
        assert log(rest, site, service=uids["passeport"], channel=channel, outcome="answered").status_code == 201
    assert (
        rest("agent").post(f"{site}/@agent-report", json={"service": uids["passeport"], "kind": "incorrect", "comment": "Tarif faux."}).status_code
        == 201
    )  # noqa: E501
    at(2025, 12, 1, 9, 0)
    assert log(rest, site, service=uids["encombrants"], channel="chat", outcome="redirected").status_code == 201
    at(2026, 2, 9, 12, 0)  # 13 months after 2025-01-09: the January 2025 records are still kept
    assert rest("admin").post(f"{site}/@interactions-purge", json={}).json()["removed"] == NOTHING_REMOVED
    at(2026, 2, 11, 12, 0)  # now they are older than 13 months
    result = rest("admin").post(f"{site}/@interactions-purge", json={}).json()
    assert result["removed"] == {"interactions": 2, "reports": 1, "choices": 0, "search_log_days": 0, "feedback": 0} and result["kept"] == 1
    assert [r["service"] for r in export(rest, site)] == ["Collecte des encombrants"]
    # A shorter retention is a setting.
    api.portal.set_registry_record(store.RETENTION_RECORD, 1)
    transaction.commit()
    assert rest("admin").post(f"{site}/@interactions-purge", json={}).json()["removed"]["interactions"] == 1
    assert rest("admin").get(f"{site}/@interactions").json()["items_total"] == 0


def test_a_second_purge_removes_nothing(rest, site, uids, monkeypatch):
    """The purge may run from every host's cron: the run after the first removes nothing more."""
    monkeypatch.setattr(clock, "now", lambda: datetime(2025, 1, 10, 9, 0, tzinfo=timezone.utc))
    for channel in ("telephone", "accueil"):
        assert log(rest, site, service=uids["passeport"], channel=channel, outcome="answered").status_code == 201
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc))
    assert log(rest, site, service=uids["encombrants"], channel="chat", outcome="redirected").status_code == 201
    first = rest("admin").post(f"{site}/@interactions-purge", json={}).json()
    second = rest("admin").post(f"{site}/@interactions-purge", json={}).json()
    assert first == {
        "removed": {"interactions": 2, "reports": 0, "choices": 0, "search_log_days": 0, "feedback": 0},
        "retention_months": 13,
        "kept": 1,
    }
    assert second == {
        "removed": {"interactions": 0, "reports": 0, "choices": 0, "search_log_days": 0, "feedback": 0},
        "retention_months": 13,
        "kept": 1,
    }
    assert [r["service"] for r in export(rest, site)] == ["Collecte des encombrants"]


def test_checklist_text(rest, site, uids):
    data = rest("agent").get(f"{site}/@checklist", params={"service": uids["passeport"]}).json()
    assert data["title"] == "Passeport" and data["lines"]
    assert data["text"].splitlines()[0].startswith("- ") and "(obligatoire" in data["text"]
    assert rest("agent").get(f"{site}/@checklist", params={"service": "nope"}).status_code == 404


def test_checklist_emailed_once_address_not_kept(rest, site, sheets, uids, inbox, functional):
    response = rest("agent").post(f"{site}/@checklist", json={"service": uids["passeport"], "email": "citoyen@example.org"})
    assert response.status_code == 200, response.text
    (message,) = inbox.wait(1)
    assert message["to"] == ["citoyen@example.org"]
    assert message["subject"] == "Pièces à fournir : Passeport"
    text = rest("agent").get(f"{site}/@checklist", params={"service": uids["passeport"]}).json()["text"]
    url = f"{site}/demarches/{sheets['passeport'].getId()}"
    assert message["body"] == checklist_body("Passeport", text, url, "https://demarches.example.org/passeport")
    transaction.begin()
    assert "citoyen@example.org" not in repr(dict(store.container().__dict__)) and store.count() == 0


@pytest.mark.parametrize("email", ["pas une adresse", "a@b", "x@@y.fr", "", None, ["a@b.fr"], "a@b.fr, c@d.fr"])
def test_checklist_bad_address(rest, site, uids, inbox, email):
    response = rest("agent").post(f"{site}/@checklist", json={"service": uids["passeport"], "email": email})
    assert response.status_code == 400 and "adresse" in response.json()["error"]["message"]
    assert inbox.wait(1, timeout=0.5) == []


def test_checklist_flood_gets_429(rest, site, uids, inbox):
    body = {"service": uids["passeport"], "email": "citoyen@example.org"}
    codes = [rest("agent").post(f"{site}/@checklist", json=body).status_code for _ in range(12)]
    assert codes == [200] * 10 + [429, 429]
    assert len(inbox.wait(10)) == 10
    assert rest("valideur").post(f"{site}/@checklist", json=body).status_code == 200  # the limit is per agent


def test_agent_report_reaches_the_review_queue(rest, site, uids):
    body = {"service": uids["encombrants"], "kind": "incorrect", "comment": "Le ramassage n'a plus lieu le mardi."}
    assert rest("agent").post(f"{site}/@agent-report", json=body).status_code == 201
    items = rest("valideur").get(f"{site}/@review-queue", params={"reason": "agent_report"}).json()["items"]
    assert [i["UID"] for i in items] == [uids["encombrants"]]
    detail = items[0]["details"][0]
    assert detail["actor"] == "agent" and detail["comment"] == "Information incorrecte : Le ramassage n'a plus lieu le mardi."
    page = rest("valideur").get(f"{site}/@@review-queue", headers={"Accept": "text/html"}).text
    assert "Le ramassage n&#x27;a plus lieu le mardi." in page or "Le ramassage n'a plus lieu le mardi." in page


@pytest.mark.parametrize(
    "body, words",
    [
        ({"kind": "incorrect", "comment": "Rappeler Mme X au 06 12 34 56 78"}, "personnelle"),
        ({"kind": "incorrect", "comment": "écrire à jean.dupont@example.org"}, "personnelle"),
        ({"kind": "wrong", "comment": "x"}, "incorrect, no_answer"),
        ({"kind": "no_answer", "comment": "  "}, "comment"),
    ],
)
def test_agent_report_bad_input(rest, site, uids, body, words):
    response = rest("agent").post(f"{site}/@agent-report", json={"service": uids["passeport"], **body})
    assert response.status_code == 400 and words in response.json()["error"]["message"]
    assert rest("valideur").get(f"{site}/@review-queue", params={"reason": "agent_report"}).json()["items"] == []


def test_fifty_agents_logging_at_once(rest, site, uids):
    """50 threads x 10 calls over real HTTP: every record stored exactly once."""
    from collections import Counter
    from concurrent.futures import ThreadPoolExecutor
    import threading
    import time
    from zope.component import getGlobalSiteManager
    from ZPublisher.interfaces import IPubFailure

    threads, per_thread = 50, 10
    services, channels, outcomes = list(uids.values()), list(facts.CALL_CHANNELS), list(facts.OUTCOMES)
    retried = []
    lock = threading.Lock()

    def on_failure(event):
        if event.retry:
            with lock:
                retried.append(type(event.exc_info[1]).__name__)

    getGlobalSiteManager().registerHandler(on_failure, (IPubFailure,))
    barrier = threading.Barrier(threads)

    def agent(n):
        session = rest("agent")
        sent = Counter()
        barrier.wait()  # all start together
        for i in range(per_thread):
            body = {"service": services[(n + i) % len(services)], "channel": channels[n % 4], "outcome": outcomes[(n + i) % 3]}
            response = session.post(f"{site}/@interactions", json=body)
            assert response.status_code == 201, response.text
            sent[(body["service"], body["channel"], body["outcome"])] += 1
        return sent

    started = time.monotonic()
    try:
        with ThreadPoolExecutor(threads) as pool:
            sent = sum(pool.map(agent, range(threads)), Counter())
    finally:
        getGlobalSiteManager().unregisterHandler(on_failure, (IPubFailure,))
    elapsed = time.monotonic() - started
    stored = Counter((r["service_uid"], r["channel"], r["outcome"]) for r in export(rest, site))
    assert sum(sent.values()) == threads * per_thread
    assert stored == sent  # each record once: none lost, none doubled by a retry
    transaction.begin()
    assert store.count() == threads * per_thread == sum(len(tree) for tree in store.container().shards)
    print(
        f"\n{threads} threads x {per_thread} interactions: {threads * per_thread} stored once in {elapsed:.1f} s "
        f"({threads * per_thread / elapsed:.0f}/s); ConflictError retries: {len(retried)} {Counter(retried)}"
    )
