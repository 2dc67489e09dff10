"""`guichet-kb` and competent bodies (issue 16): `ask` and `show` lead with the body
that handles a sheet when it is not the town; `orient` (and `log --organisation`)
logs the call as redirected to it and prints its contact to read out."""

from guichet_kb.agent.cli import main as cli
from guichet_kb.testing import DEMO_PASSWORD
from orientation_helpers import CASE
from orientation_helpers import handled_elsewhere
from orientation_helpers import TITLE
from orientation_helpers import WORD
import pytest
import transaction


AGGLO_LINES = [
    f"Traité par : Agglomération d'essai (Intercommunalité / agglomération) — {CASE}",
    "  Téléphone : 01 00 00 00 02",
    "  Courriel : petite-enfance@agglo-essai.example",
    "  Site internet : https://agglo-essai.example/petite-enfance",
    "  Contact en ligne : https://agglo-essai.example/contact",
]
STAFF_LINE = "  Ligne directe (transferts) : 01 99 99 99 99"
TOWN_HEAD = "Traité par : Commune de Ville-Exemple (Commune)"
BAD = "guichet-kb: orient : « {} » n'est pas un organisme compétent de cette fiche : donnez son numéro (1 à 2) dans l'ordre où « show » les liste, ou l'UID d'un organisme.\n"  # noqa: E501


def run(capsys, site, *args, user="agent"):
    capsys.readouterr()
    login = ["--user", user, "--password", DEMO_PASSWORD] if user else []
    code = cli(["--url", site, *login, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def bodies(catalogue):
    return {name: obj.UID() for name, obj in handled_elsewhere(catalogue).items()}


def stored(rest, site):
    return [(i["service"], i["outcome"], i["organisation"]) for i in rest("admin").get(f"{site}/@interactions").json()["items"]]


def test_ask_and_show_lead_with_the_body(capsys, site, bodies):
    code, out, _err = run(capsys, site, "ask", WORD)
    assert code == 0, out
    lines = out.splitlines()
    assert lines[:2] == [f"{TITLE} (F99001)", f"{site}/demarches/creche-essai"]
    assert lines[2:8] == AGGLO_LINES[:2] + [STAFF_LINE, *AGGLO_LINES[2:]]
    # The town in the usual place: after the facts, right before the desks.
    town = lines.index(TOWN_HEAD)
    assert lines[town + 1].startswith("  Téléphone : ") and lines[town:].index("Où aller :") > 1
    code, shown, _err = run(capsys, site, "show", "F99001")
    assert code == 0 and shown.splitlines()[:8] == lines[:8] and TOWN_HEAD in shown.splitlines()


def test_citizens_tools_never_print_the_direct_line(capsys, site, bodies):
    code, out, _err = run(capsys, site, "show", "F99001", user=None)
    assert code == 0 and out.splitlines()[2:7] == AGGLO_LINES and "Ligne directe" not in out


def test_orient_by_number_logs_and_prints_the_contact(capsys, site, rest, bodies):
    code, out, err = run(capsys, site, "orient", "F99001", "1")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Appel noté : réorienté vers Agglomération d'essai.",
        "À lire à l'appelant :",
        "  Téléphone : 01 00 00 00 02",
        STAFF_LINE,
        "  Courriel : petite-enfance@agglo-essai.example",
        "  Site internet : https://agglo-essai.example/petite-enfance",
        "  Contact en ligne : https://agglo-essai.example/contact",
    ]
    assert stored(rest, site) == [(TITLE, "redirected", "Agglomération d'essai")]


def test_orient_by_id_or_uid(capsys, site, rest, bodies):
    code, out, _err = run(capsys, site, "orient", "demarches/creche-essai", "ville-exemple", "--channel", "accueil")
    assert code == 0 and out.splitlines()[0] == "Appel noté : réorienté vers Commune de Ville-Exemple."
    # Any published body, by its UID, even one the sheet does not name: its public contact.
    code, out, _err = run(capsys, site, "orient", "F99001", bodies["caf-essai"])
    assert code == 0 and out.splitlines() == ["Appel noté : réorienté vers CAF d'essai.", "À lire à l'appelant :", "  Téléphone : 01 00 00 00 03"]
    assert stored(rest, site) == [(TITLE, "redirected", "Commune de Ville-Exemple"), (TITLE, "redirected", "CAF d'essai")]


@pytest.mark.parametrize("value", ["3", "0", "la-caf"])
def test_orient_bad_value_logs_nothing(capsys, site, rest, bodies, value):
    code, out, err = run(capsys, site, "orient", "F99001", value)
    assert (code, out, err) == (4, "", BAD.format(value))
    assert stored(rest, site) == []


def test_orient_to_an_unpublished_body_is_refused(capsys, site, rest, bodies, functional):
    from plone import api

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(functional["portal"]["organismes"]["caf-essai"], transition="retract")
    transaction.commit()
    code, _out, err = run(capsys, site, "orient", "F99001", bodies["caf-essai"])
    assert (code, err) == (4, "guichet-kb: 400: « organisation » doit être l'UID d'un organisme publié (organismes).\n")
    assert stored(rest, site) == []


def test_orient_a_sheet_naming_no_body(capsys, site, rest, own_sheet):
    own_sheet.competences = []
    own_sheet.reindexObject()
    transaction.commit()
    code, _out, err = run(capsys, site, "orient", own_sheet.UID(), "1")
    assert (code, err) == (4, "guichet-kb: orient : cette fiche ne nomme aucun organisme compétent : donnez l'UID d'un organisme.\n")


def test_log_redirected_with_the_organisation(capsys, site, rest, bodies):
    code, out, _err = run(capsys, site, "log", "F99001", "--channel", "telephone", "--outcome", "redirected", "--organisation", "1")
    assert (code, out) == (0, "Appel noté.\n")
    code, _out, err = run(capsys, site, "log", "F99001", "--channel", "telephone", "--outcome", "answered", "--organisation", "2")
    assert (code, err) == (4, "guichet-kb: 400: « organisation » ne va qu'avec le résultat « redirected » (réorienté).\n")
    assert stored(rest, site) == [(TITLE, "redirected", "Agglomération d'essai")]
