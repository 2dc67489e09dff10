"""Agents' choices (search/choices): what POST @interactions counts, what it drops,
how counts decay, what the boost can do, retention, and that reads never write."""

import catalogue_factory as make
from datetime import datetime
from datetime import timezone
from guichet_kb import clock
from guichet_kb.search import choices
from guichet_kb.search.choices import screen
from guichet_kb.search.choices import store
from guichet_kb.search.engine import engine
from guichet_kb.search.engine import WEIGHTS
from guichet_kb.search.text import normalised
from guichet_kb.testing import DEMO_PASSWORD
import math
from plone import api
import pytest
import transaction
import uuid


PASSEPORT, CARTE = "choix-passeport", "choix-carte-identite"


@pytest.fixture
def uids(catalogue):
    own = (make.department("choix-service", "Service d'essai"), make.desk("choix-guichet", "Guichet d'essai"))
    items = catalogue(
        *own,
        make.sheet(PASSEPORT, "Passeport d'essai", "choix-service", ["choix-guichet"]),
        make.sheet(CARTE, "Carte d'identité d'essai", "choix-service", ["choix-guichet"]),
    )
    return {name: item.UID() for name, item in items.items() if name in (PASSEPORT, CARTE)}


def log(rest, site, user="agent", headers=None, **body):
    return rest(user).post(f"{site}/@interactions", json={"channel": "telephone", **body}, headers=headers or {})


def counted():
    """{(query words, UID): count} as stored, read in a fresh transaction."""
    transaction.begin()
    return choices.store.counts()


def records(rest, site):
    return rest("admin").get(f"{site}/@interactions").json()["items_total"]


def test_a_choice_is_counted_under_the_normalised_query(rest, site, uids):
    assert log(rest, site, service=uids[PASSEPORT], outcome="answered", query="Passeport d'essai perdu").status_code == 201
    assert log(rest, site, service=uids[PASSEPORT], outcome="redirected", query="passeport  d'ESSAI perdus").status_code == 201
    assert counted() == {("passeport essai perdu", uids[PASSEPORT]): 2}
    boost = choices.boosts(normalised("passeport essai perdu"))
    assert boost == {uids[PASSEPORT]: pytest.approx(1 - math.exp(-2 / store.SATURATION))}
    # Not a choice: nothing answered, another query's key is untouched, and the record keeps no query.
    assert log(rest, site, service=uids[CARTE], outcome="not_answered", query="carte identité").status_code == 201
    assert log(rest, site, outcome="not_answered", query="carte identité").status_code == 201
    assert log(rest, site, service=uids[CARTE], outcome="answered").status_code == 201
    assert counted() == {("passeport essai perdu", uids[PASSEPORT]): 2}
    assert choices.boosts(normalised("carte identité")) == {}
    items = rest("admin").get(f"{site}/@interactions").json()["items"]
    columns = {"date", "service_uid", "service", "channel", "outcome", "organisation_uid", "organisation", "desk_uid", "desk"}
    assert len(items) == 5 and all(set(item) == columns for item in items)


def test_an_idempotent_replay_counts_once(rest, site, uids):
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = {"service": uids[CARTE], "outcome": "answered", "query": "carte d'identité d'essai"}
    assert log(rest, site, headers=key, **body).status_code == 201
    again = log(rest, site, headers=key, **body)
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert counted() == {("carte identite essai", uids[CARTE]): 1}


@pytest.fixture
def named_user(functional):
    """A member of the site whose full name a caller could share."""
    api.user.create(username="gtournesol", email="gt@example.org", password=DEMO_PASSWORD, properties={"fullname": "Gaspard Tournesol"})
    transaction.commit()
    yield "gtournesol"
    screen.forget_names()  # the layer's storage drops the user: no event says so


@pytest.mark.parametrize(
    "query",
    [
        "passeport dossier 123456",  # 5+ digits in a row
        "passeport 06 12 34 56 78",  # a phone number
        "passeport jean.dupont@example.fr",
        "passeport jean arobase example point fr",  # spelled out
        "passeport @dupont",
        "passeport de M. Tournesol",  # a user's last name
        "passeport gaspard",  # a user's first name, any case or accent
        "x" * 200,  # junk: no word the index knows
        "😀😀😀",
        "le la les de",  # only stop words
        "паспорт",  # another script: nothing the index knows
    ],
)
def test_screened_queries_are_logged_but_not_counted(rest, site, uids, named_user, query):
    response = log(rest, site, service=uids[PASSEPORT], outcome="answered", query=query)
    assert response.status_code == 201, response.text
    assert "query" not in response.json()
    assert counted() == {} and records(rest, site) == 1


def test_what_the_screening_lets_through(rest, site, uids, named_user):
    for query in ("passeport 16 ans", "passeport 2024", "pasport d'essai", "паспорт passeport"):
        assert log(rest, site, service=uids[PASSEPORT], outcome="answered", query=query).status_code == 201
    assert counted() == {(q, uids[PASSEPORT]): 1 for q in ("passeport 16 ans", "passeport 2024", "pasport essai", "passeport")}


def test_a_new_user_name_is_screened_at_once(functional, rest, site, uids):
    assert "zephyrine" not in screen.user_names()  # the cache is filled
    api.user.create(username="zbulle", email="zb@example.org", password=DEMO_PASSWORD, properties={"fullname": "Zéphyrine Bulle"})
    transaction.commit()
    assert log(rest, site, service=uids[PASSEPORT], outcome="answered", query="passeport zephyrine").status_code == 201
    assert counted() == {}
    screen.forget_names()


@pytest.mark.parametrize(
    "query, message",
    [
        (12, "« query » doit être les mots cherchés, 200 caractères au plus."),
        (["passeport"], "« query » doit être les mots cherchés, 200 caractères au plus."),
        ("p" * 201, "« query » doit être les mots cherchés, 200 caractères au plus."),
    ],
)
def test_bad_query_is_refused_and_nothing_stored(rest, site, uids, query, message):
    response = log(rest, site, service=uids[PASSEPORT], outcome="answered", query=query)
    assert response.status_code == 400
    assert response.json()["error"] == {"type": "BadRequest", "message": message}
    assert records(rest, site) == 0 and counted() == {}


def test_longest_query_and_null_query(rest, site, uids):
    query = ("passeport " * 20)[:200]
    assert log(rest, site, service=uids[PASSEPORT], outcome="answered", query=query).status_code == 201
    assert log(rest, site, service=uids[PASSEPORT], outcome="answered", query=None).status_code == 201
    assert log(rest, site, service=uids[PASSEPORT], outcome="answered", query="").status_code == 201
    assert counted() == {(" ".join(["passeport"] * 20), uids[PASSEPORT]): 1} and records(rest, site) == 3


def at(monkeypatch, *args):
    monkeypatch.setattr(clock, "now", lambda: datetime(*args, tzinfo=timezone.utc))


def test_counts_decay_with_a_half_life(functional, uids, monkeypatch):
    key = normalised("passeport d'essai")
    at(monkeypatch, 2025, 3, 1, 10, 0)
    assert choices.record("passeport d'essai", uids[PASSEPORT]) and choices.record("Passeport d'essai", uids[PASSEPORT])
    assert store.decayed(key) == {uids[PASSEPORT]: 2.0}
    at(monkeypatch, 2025, 4, 30, 10, 0)  # 60 days later
    assert store.HALF_LIFE_DAYS == 60 and store.decayed(key) == {uids[PASSEPORT]: pytest.approx(1.0)}
    choices.record("passeport d'essai", uids[CARTE])
    assert store.decayed(key) == {uids[PASSEPORT]: pytest.approx(1.0), uids[CARTE]: 1.0}
    at(monkeypatch, 2025, 10, 27, 10, 0)  # 240 days after the first two, 180 after the last
    assert store.decayed(key) == {uids[PASSEPORT]: pytest.approx(2 / 16), uids[CARTE]: pytest.approx(1 / 8)}
    transaction.abort()


def test_boost_is_bounded_and_a_clearly_better_match_keeps_its_place(functional, monkeypatch):
    """However many choices, the boost stays below 1, so a candidate chosen 500 times
    gains at most WEIGHTS["chosen"]: one whose text matches clearly better stays first."""
    query = "déclaration"  # three sheets within 0.2, others far behind
    ranked = engine().search(query, {}, 50)
    top_brain, top = ranked[0]
    far = [(brain, score) for brain, score in ranked if top - score > WEIGHTS["chosen"]]
    near = [(brain, score) for brain, score in ranked[1:] if top - score < WEIGHTS["chosen"] * 0.6]
    assert far and near
    for _n in range(500):
        choices.record(query, far[0][0].UID)
        choices.record(query, near[0][0].UID)
    boost = choices.boosts(normalised(query))
    assert 0.99 < boost[far[0][0].UID] <= 1.0
    after = {brain.UID: score for brain, score in engine().search(query, {}, 50)}
    assert after[far[0][0].UID] == pytest.approx(far[0][1] + WEIGHTS["chosen"] * boost[far[0][0].UID], abs=1e-3)
    assert after[far[0][0].UID] < after[top_brain.UID]
    # A near variant chosen as often does go first: the choices decide between close matches.
    assert max(after, key=after.get) == near[0][0].UID
    transaction.abort()


def test_retention_purge_drops_old_choices_and_deleted_items(rest, site, uids, functional, monkeypatch):
    at(monkeypatch, 2025, 1, 10, 9, 0)
    assert log(rest, site, service=uids[PASSEPORT], outcome="answered", query="passeport d'essai").status_code == 201
    at(monkeypatch, 2025, 12, 1, 9, 0)
    assert log(rest, site, service=uids[PASSEPORT], outcome="answered", query="passeport d'essai").status_code == 201
    assert log(rest, site, service=uids[CARTE], outcome="answered", query="carte d'essai").status_code == 201
    at(monkeypatch, 2026, 2, 9, 12, 0)  # 13 months after 2025-01-09: all kept
    purge = rest("admin").post(f"{site}/@interactions-purge", json={}).json()
    assert purge["removed"] == {"interactions": 0, "reports": 0, "choices": 0, "search_log_days": 0, "feedback": 0}
    assert counted() == {("passeport essai", uids[PASSEPORT]): 2, ("carte essai", uids[CARTE]): 1}
    at(monkeypatch, 2026, 2, 11, 12, 0)  # January 2025 is now older than the retention
    assert counted() == {("passeport essai", uids[PASSEPORT]): 1, ("carte essai", uids[CARTE]): 1}  # never read past it
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(obj=api.content.get(UID=uids[CARTE]))
    transaction.commit()
    purge = rest("admin").post(f"{site}/@interactions-purge", json={}).json()
    assert purge["removed"] == {"interactions": 1, "reports": 0, "choices": 2, "search_log_days": 0, "feedback": 0}
    transaction.begin()
    assert counted() == {("passeport essai", uids[PASSEPORT]): 1} and store.count() == 1
    assert list(store.container().labels.keys()) == ["passeport essai"]
    assert rest("admin").post(f"{site}/@interactions-purge", json={}).json()["removed"]["choices"] == 0


def test_reads_never_write(functional, rest, site, uids):
    """With choices stored, neither GET @answer (which reads the boosts) nor GET
    @search-settings (which ranks the suggestions) writes anything."""
    for _n in range(3):
        assert log(rest, site, service=uids[CARTE], outcome="answered", query="carte").status_code == 201
    db = functional["portal"]._p_jar.db()
    before = db.lastTransaction()
    for query in ("carte", "passeport d'essai", "x" * 200, "😀", "12345"):
        assert rest("agent").get(f"{site}/@answer", params={"q": query}).status_code == 200
    assert rest("redacteur").get(f"{site}/@search-settings").status_code == 200
    assert db.lastTransaction() == before
    assert counted() == {("carte", uids[CARTE]): 3}
