"""POST @interactions with an Idempotency-Key: a call sent again is stored once."""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
from guichet_kb import clock
from guichet_kb.interactions import idempotency
from guichet_kb.interactions import store
import pytest
from race_helpers import hold_first_two
from race_helpers import race
import transaction
import uuid


NOTHING_REMOVED = {"interactions": 0, "reports": 0, "choices": 0, "search_log_days": 0, "feedback": 0}


def post(rest, site, key, user="agent", **body):
    return rest(user).post(f"{site}/@interactions", json=body, headers={"Idempotency-Key": key})


def stored(rest, site):
    return [(i["service_uid"], i["channel"], i["outcome"]) for i in rest("admin").get(f"{site}/@interactions").json()["items"]]


def test_the_same_key_is_answered_with_the_first_record(rest, site, uids):
    key = str(uuid.uuid4())
    body = {"service": uids["passeport"], "channel": "telephone", "outcome": "answered"}
    first = post(rest, site, key, **body)
    assert first.status_code == 201, first.text
    assert "Idempotent-Replayed" not in first.headers
    again = post(rest, site, key, **body)
    assert again.status_code == 200, again.text
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()  # the same id and date: the record stored first
    assert (
        set(first.json()) == {"id", "date", "service", "channel", "outcome", "organisation", "desk"} and first.json()["service"] == uids["passeport"]
    )
    assert stored(rest, site) == [(uids["passeport"], "telephone", "answered")]
    # A new key is a new call.
    assert post(rest, site, str(uuid.uuid4()), **body).status_code == 201
    assert len(stored(rest, site)) == 2


def test_a_call_without_service_is_replayed_too(rest, site):
    first = post(rest, site, "appel-1", channel="chat", outcome="not_answered")
    again = post(rest, site, "appel-1", channel="chat", outcome="not_answered")
    assert (first.status_code, again.status_code) == (201, 200) and again.json() == first.json() and first.json()["service"] is None
    assert stored(rest, site) == [("", "chat", "not_answered")]


def test_the_same_key_with_another_body_is_refused(rest, site, uids):
    assert post(rest, site, "k1", service=uids["passeport"], channel="telephone", outcome="answered").status_code == 201
    other = post(rest, site, "k1", service=uids["passeport"], channel="accueil", outcome="answered")
    assert other.status_code == 422
    assert other.json()["error"] == {
        "type": "UnprocessableEntity",
        "message": "Cette Idempotency-Key a déjà servi pour un autre appel : envoyez une nouvelle clé.",
    }
    assert stored(rest, site) == [(uids["passeport"], "telephone", "answered")]


def test_a_key_counts_for_its_sender_only(rest, site, uids):
    body = {"service": uids["passeport"], "channel": "telephone", "outcome": "answered"}
    assert post(rest, site, "shared-key", **body).status_code == 201
    assert post(rest, site, "shared-key", user="valideur", **body).status_code == 201
    assert len(stored(rest, site)) == 2


@pytest.mark.parametrize("key", ["", "a" * 65, "clé", "a b", "a/b", "a,b", "{uuid}"])
def test_a_malformed_key_is_refused_and_nothing_stored(rest, site, uids, key):
    response = post(rest, site, key, service=uids["passeport"], channel="telephone", outcome="answered")
    assert response.status_code == 400
    assert response.json()["error"] == {
        "type": "BadRequest",
        "message": "Idempotency-Key doit compter de 1 à 64 lettres, chiffres, « - » ou « _ » (un UUID convient).",
    }
    assert stored(rest, site) == []


def test_longest_key_and_no_personal_data_kept(rest, site, uids):
    key = "K_-9" * 16
    assert post(rest, site, key, service=uids["passeport"], channel="telephone", outcome="answered").status_code == 201
    transaction.begin()
    assert idempotency.count() == 1
    (tree,) = [tree for tree in idempotency._container(create=False).shards if len(tree)]
    kept = repr(list(tree.items()))
    assert key not in kept and "agent" not in kept and uids["passeport"] not in kept


def test_keys_are_forgotten_after_24_hours_and_purged(rest, site, uids, monkeypatch):
    start = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)

    def at(hours):
        monkeypatch.setattr(clock, "now", lambda: (start + timedelta(hours=hours)).astimezone(clock.zone()))

    body = {"service": uids["passeport"], "channel": "telephone", "outcome": "answered"}
    at(0)
    assert post(rest, site, "morning", **body).status_code == 201
    at(23)
    assert post(rest, site, "evening", **body).status_code == 201
    assert post(rest, site, "morning", **body).status_code == 200  # 23 h later: still remembered
    at(25)
    assert rest("admin").post(f"{site}/@interactions-purge", json={}).status_code == 200
    transaction.begin()
    assert idempotency.count() == 1  # "morning" forgotten, "evening" kept
    assert post(rest, site, "evening", **body).status_code == 200
    assert post(rest, site, "morning", **body).status_code == 201  # after 24 h the key is new again
    assert len(stored(rest, site)) == 3
    assert rest("admin").post(f"{site}/@interactions-purge", json={}).json()["removed"] == NOTHING_REMOVED


def test_two_concurrent_posts_with_one_key_store_one_record(rest, site, uids, monkeypatch):
    """Both attempts look the key up before either commits (held at a barrier), as on two
    instances: both insert it, one commit gets a ConflictError, Zope retries that request,
    and the retry finds the key and replays the first record."""
    lookups = hold_first_two(monkeypatch, idempotency, "find")
    key, body = str(uuid.uuid4()), {"service": uids["passeport"], "channel": "accueil", "outcome": "redirected"}
    answers, retried = race(lambda: post(rest, site, key, **body))
    assert sorted(a.status_code for a in answers) == [200, 201], [a.text for a in answers]
    assert answers[0].json() == answers[1].json()
    assert lookups[:2] == [None, None] and lookups[2] is not None  # both missed the key; the retry found it
    assert retried == ["ConflictError"]
    assert stored(rest, site) == [(uids["passeport"], "accueil", "redirected")]
    transaction.begin()
    assert store.count() == 1 and idempotency.count() == 1
