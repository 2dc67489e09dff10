"""Orientation (issue 16): a call redirected to a competent body, over real HTTP.

POST @interactions takes the organisation the caller was sent to (a published
Organisation's UID; anything else, or with another outcome: 400, nothing stored);
the record keeps that UID and GET @interactions names it. The checklist e-mailed to
the caller adds the body's public contact (never the agents' direct line); the
address is not kept. The `guichet` expansion names the competent bodies as @answer
does (CLI `show` and `orient`).
"""

import catalogue_factory as make
from guichet_kb.interactions import idempotency
from guichet_kb.interactions import store
from mail_helpers import checklist_body
from orientation_helpers import CASE
from orientation_helpers import contact_block
from orientation_helpers import handled_elsewhere
from orientation_helpers import STAFF_PHONE
from orientation_helpers import TITLE
from plone import api
import pytest
import transaction


REFUSED_BODY = "« organisation » doit être l'UID d'un organisme publié (organismes)."
REFUSED_OUTCOME = "« organisation » ne va qu'avec le résultat « redirected » (réorienté)."


@pytest.fixture
def bodies(catalogue):
    """The sheet handled elsewhere (orientation_helpers) and a draft CCAS."""
    created = {**handled_elsewhere(catalogue), **catalogue(make.organisation("ccas-brouillon", "CCAS en brouillon", kind="ccas"))}
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(created["ccas-brouillon"], transition="retract")
    transaction.commit()
    return {name: obj.UID() for name, obj in created.items()}


def log(rest, site, body, user="agent", **headers):
    return rest(user).post(f"{site}/@interactions", json=body, headers=headers)


def total(rest, site):
    return rest("admin").get(f"{site}/@interactions").json()["items_total"]


def test_redirected_call_names_the_body(rest, site, bodies):
    body = {"service": bodies["creche-essai"], "channel": "telephone", "outcome": "redirected", "organisation": bodies["agglo-essai"]}
    response = log(rest, site, body)
    assert response.status_code == 201, response.text
    assert response.json()["organisation"] == bodies["agglo-essai"]
    answered = log(rest, site, {"service": bodies["creche-essai"], "channel": "accueil", "outcome": "answered"})
    assert answered.status_code == 201 and answered.json()["organisation"] is None
    items = rest("admin").get(f"{site}/@interactions").json()["items"]
    assert [(i["outcome"], i["organisation_uid"], i["organisation"]) for i in items] == [
        ("redirected", bodies["agglo-essai"], "Agglomération d'essai"),
        ("answered", "", ""),
    ]
    assert list(items[0]) == ["date", "service_uid", "service", "channel", "outcome", "organisation_uid", "organisation", "desk_uid", "desk"]
    csv = rest("admin").get(f"{site}/@interactions", params={"format": "csv"}).text.splitlines()
    assert csv[0] == "date,service_uid,service,channel,outcome,organisation_uid,organisation,desk_uid,desk"
    assert csv[1].endswith(f",redirected,{bodies['agglo-essai']},Agglomération d'essai,,")
    transaction.begin()
    # The record is the service, channel, outcome and body: nothing about the caller or the agent.
    (record,) = [value for tree in store.container().shards for value in tree.values() if value[2] == "redirected"]
    assert record == (bodies["creche-essai"], "telephone", "redirected", bodies["agglo-essai"], "")


def test_a_record_of_before_orientations_reads_without_a_body(rest, site, bodies):
    """Records stored before issue 16 are (service, channel, outcome)."""
    log_tree = store.container().shards[0]
    log_tree[store._low(store.clock.now())] = (bodies["creche-essai"], "telephone", "answered")
    store.container().total.change(1)
    transaction.commit()
    (item,) = rest("admin").get(f"{site}/@interactions").json()["items"]
    assert (item["outcome"], item["organisation_uid"], item["organisation"]) == ("answered", "", "")


@pytest.mark.parametrize(
    "target, outcome, message",
    [
        ("unknown", "redirected", REFUSED_BODY),
        ("ccas-brouillon", "redirected", REFUSED_BODY),  # not published
        ("creche-relais", "redirected", REFUSED_BODY),  # a desk, not an organisation
        ("creche-essai", "redirected", REFUSED_BODY),  # a sheet
        (12, "redirected", REFUSED_BODY),
        ("", "redirected", REFUSED_BODY),
        ("agglo-essai", "answered", REFUSED_OUTCOME),
        ("agglo-essai", "not_answered", REFUSED_OUTCOME),
    ],
)
def test_bad_organisation_stores_nothing(rest, site, bodies, target, outcome, message):
    uid = bodies.get(target, "0" * 32 if target == "unknown" else target) if isinstance(target, str) else target
    body = {"service": bodies["creche-essai"], "channel": "telephone", "outcome": outcome, "organisation": uid}
    response = log(rest, site, body)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == {"type": "BadRequest", "message": message}
    assert total(rest, site) == 0


def test_the_same_orientation_sent_again_is_stored_once(rest, site, bodies):
    body = {"service": bodies["creche-essai"], "channel": "telephone", "outcome": "redirected", "organisation": bodies["agglo-essai"]}
    key = "3f0c2a52-5a8e-4c43-9a53-1c1bd1e0b0aa"
    first = log(rest, site, body, **{"Idempotency-Key": key})
    again = log(rest, site, body, **{"Idempotency-Key": key})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json() and again.json()["organisation"] == bodies["agglo-essai"]
    other = log(rest, site, {**body, "organisation": bodies["ville-exemple"]}, **{"Idempotency-Key": key})
    assert other.status_code == 422  # the same key for another body: refused, not stored
    assert total(rest, site) == 1
    transaction.begin()
    assert idempotency.count() == 1


def contact_mail(rest, site, bodies, inbox, **extra):
    body = {"service": bodies["creche-essai"], "email": "parent@example.org", "organisation": bodies["agglo-essai"], **extra}
    return rest("agent").post(f"{site}/@checklist", json=body)


def test_checklist_mail_gives_the_bodys_contact(rest, site, bodies, inbox):
    response = contact_mail(rest, site, bodies, inbox)
    assert response.status_code == 200, response.text
    assert response.json() == {"sent": True, "service": bodies["creche-essai"], "organisation": bodies["agglo-essai"]}
    (message,) = inbox.wait(1)
    assert message["to"] == ["parent@example.org"]
    expected = checklist_body(TITLE, "Aucune pièce à fournir.", f"{site}/demarches/creche-essai", contact=contact_block())
    assert message["body"] == expected
    assert STAFF_PHONE not in message["body"]  # the agents' direct line stays with the agents
    transaction.begin()
    assert "parent@example.org" not in repr(dict(store.container().__dict__)) and store.count() == 0


def test_checklist_mail_of_the_town_has_no_case(rest, site, bodies, inbox):
    assert contact_mail(rest, site, bodies, inbox, organisation=bodies["ville-exemple"]).status_code == 200
    (message,) = inbox.wait(1)
    assert "\r\nÀ contacter : Commune de Ville-Exemple (Commune)\r\n" in message["body"]


@pytest.mark.parametrize("target", ["unknown", "ccas-brouillon", "creche-relais", 7])
def test_checklist_bad_organisation_sends_nothing(rest, site, bodies, inbox, target):
    uid = bodies.get(target, "f" * 32) if isinstance(target, str) else target
    response = contact_mail(rest, site, bodies, inbox, organisation=uid)
    assert response.status_code == 400
    assert response.json()["error"] == {"type": "BadRequest", "message": REFUSED_BODY}
    assert inbox.wait(1, timeout=0.5) == []


def expansion_competent(rest, site, user):
    data = rest(user).get(f"{site}/demarches/creche-essai", params={"expand": "guichet"}).json()
    return data["@components"]["guichet"]["competent"]


def test_guichet_expansion_names_the_bodies_as_answer_does(rest, site, bodies):
    public = expansion_competent(rest, site, None)
    assert [(c["title"], c["kind_title"], c["case"], c["is_town"]) for c in public] == [
        ("Agglomération d'essai", "Intercommunalité / agglomération", CASE, False),
        ("Commune de Ville-Exemple", "Commune", None, True),
    ]
    assert all("staff_phone" not in c for c in public)
    staff = expansion_competent(rest, site, "agent")
    assert staff[0]["staff_phone"] == STAFF_PHONE
    assert {k: v for k, v in staff[0].items() if k != "staff_phone"} == public[0]
