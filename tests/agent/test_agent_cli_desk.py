"""`guichet-kb log|orient --desk` and GUICHET_DESK (issue 17): the desk where the agent
works goes with each call (named by its id or UID, checked against @desks before anything
is sent), on the new channels too; `interactions` exports it."""

import catalogue_factory as make
from guichet_kb import facts
from guichet_kb.agent.cli import main as cli
from guichet_kb.testing import DEMO_PASSWORD
from orientation_helpers import handled_elsewhere
from orientation_helpers import TITLE
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import transaction


BAD = "guichet-kb: desk : « {} » n'est pas un guichet publié : donnez son identifiant (guichets/<id>, comme « desks --json » les liste) ou son UID.\n"


def run(capsys, site, *args, user="agent", password=DEMO_PASSWORD):
    capsys.readouterr()
    code = cli(["--url", site, "--user", user, "--password", password, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def places(catalogue, monkeypatch):
    """A sheet handled by the agglomeration (orientation_helpers), a published desk and a
    draft one: {id: UID}. GUICHET_DESK is unset unless a test sets it."""
    monkeypatch.delenv("GUICHET_DESK", raising=False)
    created = {**handled_elsewhere(catalogue), **catalogue(make.desk("accueil-essai", "Accueil d'essai"), make.desk("brouillon-essai", "Brouillon"))}
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(created["brouillon-essai"], transition="retract")
    transaction.commit()
    return {name: obj.UID() for name, obj in created.items()}


def stored(rest, site):
    items = rest("admin").get(f"{site}/@interactions").json()["items"]
    return [(i["channel"], i["outcome"], i["organisation"], i["desk_uid"], i["desk"]) for i in items]


def test_log_at_a_desk_by_id_or_uid_on_the_new_channels(capsys, site, rest, places):
    logged = "Appel noté pour le guichet Accueil d'essai.\n"
    assert run(capsys, site, "log", "F99001", "--channel", "visio", "--outcome", "answered", "--desk", "accueil-essai") == (0, logged, "")
    assert run(capsys, site, "log", "--channel", "courrier", "--outcome", "not_answered", "--desk", places["accueil-essai"]) == (0, logged, "")
    assert run(capsys, site, "log", "--channel", "reseaux_sociaux", "--outcome", "not_answered") == (0, "Appel noté.\n", "")
    assert stored(rest, site) == [
        ("visio", "answered", "", places["accueil-essai"], "Accueil d'essai"),
        ("courrier", "not_answered", "", places["accueil-essai"], "Accueil d'essai"),
        ("reseaux_sociaux", "not_answered", "", "", ""),
    ]


def test_the_desk_of_the_environment_and_its_override(capsys, site, rest, places, monkeypatch):
    monkeypatch.setenv("GUICHET_DESK", "accueil-essai")
    assert run(capsys, site, "log", "--channel", "eservice", "--outcome", "not_answered")[1] == "Appel noté pour le guichet Accueil d'essai.\n"
    code, out, _err = run(capsys, site, "orient", "F99001", "1", "--channel", "visio", "--desk", "creche-relais")
    assert code == 0 and out.splitlines()[0] == "Appel noté : réorienté vers Agglomération d'essai."
    monkeypatch.setenv("GUICHET_DESK", "")  # set but empty: no desk
    assert run(capsys, site, "log", "--channel", "chat", "--outcome", "not_answered")[1] == "Appel noté.\n"
    assert stored(rest, site) == [
        ("eservice", "not_answered", "", places["accueil-essai"], "Accueil d'essai"),
        ("visio", "redirected", "Agglomération d'essai", places["creche-relais"], "Relais petite enfance"),
        ("chat", "not_answered", "", "", ""),
    ]


@pytest.mark.parametrize("value", ["nulle-part", "brouillon-essai", "agglo-essai", "0" * 32])
def test_a_desk_that_is_not_a_published_one_sends_nothing(capsys, site, rest, places, value, monkeypatch):
    assert run(capsys, site, "log", "F99001", "--channel", "telephone", "--outcome", "answered", "--desk", value) == (4, "", BAD.format(value))
    monkeypatch.setenv("GUICHET_DESK", value)
    assert run(capsys, site, "orient", "F99001", "1") == (4, "", BAD.format(value))
    assert stored(rest, site) == []


def test_an_unknown_channel_is_refused_by_the_parser(capsys, site, places):
    with pytest.raises(SystemExit) as done:
        run(capsys, site, "log", "--channel", "fax", "--outcome", "not_answered")
    assert done.value.code == 2
    offered = ", ".join(f"'{channel}'" for channel in facts.CALL_CHANNELS)
    assert f"invalid choice: 'fax' (choose from {offered})" in capsys.readouterr().err


def test_the_export_names_the_desk(capsys, site, places):
    assert run(capsys, site, "log", "F99001", "--channel", "visio", "--outcome", "answered", "--desk", "accueil-essai")[0] == 0
    code, out, _err = run(capsys, site, "interactions", user=SITE_OWNER_NAME, password=SITE_OWNER_PASSWORD)
    rows = out.splitlines()
    assert code == 0 and rows[0] == "date,service_uid,service,channel,outcome,organisation_uid,organisation,desk_uid,desk"
    assert rows[1].endswith(f",{places['creche-essai']},{TITLE},visio,answered,,,{places['accueil-essai']},Accueil d'essai")
