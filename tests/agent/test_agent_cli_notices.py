"""`guichet-kb ask` and `show` print the active notices right under the card's title."""

from guichet_kb.agent.cli import main as cli
from guichet_kb.testing import DEMO_PASSWORD


SHEET = "demarches/fiche-essai"


def run(capsys, site, *args):
    capsys.readouterr()
    code = cli(["--url", site, "--user", "agent", "--password", DEMO_PASSWORD, *args])
    return code, capsys.readouterr().out


def test_ask_and_show_lead_with_the_notices(capsys, site, rest, own_sheet):
    url = f"{site}/{SHEET}"
    body = {"kind": "suspended", "reason": "Rendez-vous CNI suspendus", "end": "2099-12-12T18:00:00+01:00"}
    assert rest("redacteur").post(f"{url}/@notices", json=body).status_code == 201
    desk = {"kind": "disrupted", "reason": "Guichet fermé le matin"}
    assert rest("redacteur").post(f"{site}/guichets/fiche-essai-guichet/@notices", json=desk).status_code == 201
    expected = [
        "!! SERVICE SUSPENDU — Fiche d'essai : Rendez-vous CNI suspendus (jusqu'au 12/12/2099)",
        "!! SERVICE PERTURBÉ — Guichet de Fiche d'essai : Guichet fermé le matin",
    ]
    code, out = run(capsys, site, "show", SHEET)
    assert code == 0
    assert out.splitlines()[:4] == ["Fiche d'essai", url, *expected]
    code, out = run(capsys, site, "ask", "fiche d'essai")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "Fiche d'essai" and lines[2:4] == expected


def test_a_card_without_notices_is_unchanged(capsys, site, own_sheet):
    code, out = run(capsys, site, "show", SHEET)
    assert code == 0 and "!!" not in out and out.splitlines()[2] == ""
