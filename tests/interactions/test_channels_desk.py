"""The channels the white paper names and the desk of a call (issue 17), over real HTTP.

POST @interactions takes the eight channels of facts.CALL_CHANNELS (the four of before
unchanged) and an optional desk: a published Desk's UID (anything else: 400, nothing
stored). The record keeps the desk's UID; GET @interactions (JSON and CSV) names it
after the other columns. Records stored before (three and four fields) read back
with no desk.
"""

import catalogue_factory as make
from guichet_kb import facts
from guichet_kb.interactions import store
from plone import api
import pytest
from repo_paths import DOCS
import transaction
import yaml


REFUSED_DESK = "« desk » doit être l'UID d'un guichet publié (guichets)."
HEADER = ["date", "service_uid", "service", "channel", "outcome", "organisation_uid", "organisation", "desk_uid", "desk"]
NEW_TITLES = ["Courrier", "E-services (formulaires en ligne)", "Réseaux sociaux", "Visio"]


@pytest.fixture
def places(catalogue, uids):
    """The tests' sheets (conftest `uids`), their published desk, a draft desk and an organisation: {name: UID}."""
    created = catalogue(make.desk("guichet-brouillon", "Guichet en brouillon"), make.organisation("organisme-essai", "Organisme d'essai"))
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(created["guichet-brouillon"], transition="retract")
    transaction.commit()
    desk = api.content.get(path="/guichets/guichet-essai")
    return {**uids, "desk": desk.UID(), **{name: obj.UID() for name, obj in created.items()}}


def log(rest, site, body, user="agent", **headers):
    return rest(user).post(f"{site}/@interactions", json=body, headers=headers)


def exported(rest, site, fmt="json"):
    response = rest("admin").get(f"{site}/@interactions", params={"format": fmt})
    assert response.status_code == 200, response.text
    return response.json() if fmt == "json" else response.text.splitlines()


def test_the_channels_are_the_four_of_before_then_the_white_papers():
    assert facts.CALL_CHANNELS == ("telephone", "accueil", "courriel", "chat", "courrier", "eservice", "reseaux_sociaux", "visio")


def test_the_api_description_lists_the_channels_of_the_facts():
    spec = yaml.safe_load((DOCS / "openapi.yaml").read_text(encoding="utf-8"))
    body = spec["paths"]["/@interactions"]["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert body["channel"]["enum"] == spec["components"]["schemas"]["Interaction"]["properties"]["channel"]["enum"] == list(facts.CALL_CHANNELS)
    assert body["desk"]["type"] == "string"


def test_every_channel_is_logged_and_exported(rest, site, places):
    for channel in facts.CALL_CHANNELS:
        response = log(rest, site, {"service": places["passeport"], "channel": channel, "outcome": "answered"})
        assert response.status_code == 201, response.text
        assert response.json()["channel"] == channel and response.json()["desk"] is None
    items = exported(rest, site)["items"]
    assert [item["channel"] for item in items] == list(facts.CALL_CHANNELS)
    assert all((item["desk_uid"], item["desk"]) == ("", "") for item in items)


def test_an_unknown_channel_names_the_eight(rest, site, places):
    response = log(rest, site, {"service": places["passeport"], "channel": "fax", "outcome": "answered"})
    assert response.status_code == 400
    message = "« channel » doit valoir : telephone, accueil, courriel, chat, courrier, eservice, reseaux_sociaux, visio."
    assert response.json()["error"] == {"type": "BadRequest", "message": message}
    assert exported(rest, site)["items_total"] == 0


def test_the_console_offers_every_channel_in_french(rest, site):
    html = rest("agent").get(f"{site}/@@agent", headers={"Accept": "text/html"}).text
    values = [part.split('"', 1)[0] for part in html.split('name="agent-channel" value="')[1:]]
    assert values == list(facts.CALL_CHANNELS)
    titles = [part.split('"', 1)[0] for part in html.split('<label data-title="')[1:]]
    assert titles == ["Téléphone", "Accueil", "Courriel", "Chat", *NEW_TITLES]


def test_the_desk_is_stored_and_exported(rest, site, places):
    body = {"service": places["passeport"], "channel": "visio", "outcome": "answered", "desk": places["desk"]}
    response = log(rest, site, body)
    assert response.status_code == 201, response.text
    assert (response.json()["channel"], response.json()["desk"]) == ("visio", places["desk"])
    oriented = {**body, "channel": "courrier", "outcome": "redirected", "organisation": places["organisme-essai"]}
    assert log(rest, site, oriented).status_code == 201
    assert log(rest, site, {"channel": "reseaux_sociaux", "outcome": "not_answered"}).status_code == 201
    items = exported(rest, site)["items"]
    assert list(items[0]) == HEADER
    assert [(i["channel"], i["outcome"], i["organisation"], i["desk_uid"], i["desk"]) for i in items] == [
        ("visio", "answered", "", places["desk"], "Guichet d'essai"),
        ("courrier", "redirected", "Organisme d'essai", places["desk"], "Guichet d'essai"),
        ("reseaux_sociaux", "not_answered", "", "", ""),
    ]
    csv = exported(rest, site, "csv")
    assert csv[0] == ",".join(HEADER) and len(csv) == 4
    assert csv[1].endswith(f",Passeport,visio,answered,,,{places['desk']},Guichet d'essai")
    assert csv[3].endswith(",,,reseaux_sociaux,not_answered,,,,")
    transaction.begin()
    # The record keeps the desk's UID: nothing about the agent or the caller.
    stored = sorted(value for tree in store.container().shards for value in tree.values())
    assert (places["passeport"], "visio", "answered", "", places["desk"]) in stored


@pytest.mark.parametrize(
    "target",
    ["unknown", "guichet-brouillon", "organisme-essai", "passeport", 12, "", ["x"]],
    ids=["unknown", "unpublished", "an-organisation", "a-sheet", "a-number", "empty", "a-list"],
)
def test_a_bad_desk_stores_nothing(rest, site, places, target):
    uid = places.get(target, "0" * 32 if target == "unknown" else target) if isinstance(target, str) else target
    response = log(rest, site, {"service": places["passeport"], "channel": "eservice", "outcome": "answered", "desk": uid})
    assert response.status_code == 400, response.text
    assert response.json()["error"] == {"type": "BadRequest", "message": REFUSED_DESK}
    assert exported(rest, site)["items_total"] == 0


def test_a_call_at_a_desk_sent_again_is_stored_once(rest, site, places):
    body = {"service": places["passeport"], "channel": "eservice", "outcome": "answered", "desk": places["desk"]}
    key = {"Idempotency-Key": "0b7c8a8e-7d43-4c55-a2a4-5b1f5c2f9e10"}
    first, again = log(rest, site, body, **key), log(rest, site, body, **key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    assert log(rest, site, {**body, "desk": None}, **key).status_code == 422  # the same key without the desk: another call
    assert exported(rest, site)["items_total"] == 1


@pytest.mark.parametrize("fields", [3, 4], ids=["before-orientations", "before-desks"])
def test_records_of_before_read_without_a_desk(rest, site, places, fields):
    """Records stored before issue 16 are (service, channel, outcome); before issue 17
    (service, channel, outcome, organisation)."""
    value = (places["passeport"], "chat", "redirected", places["organisme-essai"])[:fields]
    log_tree = store.container().shards[3]
    log_tree[store._low(store.clock.now())] = value
    store.container().total.change(1)
    transaction.commit()
    (item,) = exported(rest, site)["items"]
    assert list(item) == HEADER
    organisation = ("Organisme d'essai" if fields == 4 else "",)
    assert (item["channel"], item["outcome"], item["organisation"], item["desk_uid"], item["desk"]) == ("chat", "redirected", *organisation, "", "")
    transaction.begin()
    ((_moment, *read),) = list(store.records())
    assert read[-1] is None  # the desk
