"""`guichet-kb ask` prints a variant family before the card (issue 15)."""

from guichet_kb.agent.cli import main as cli
from guichet_kb.testing import DEMO_PASSWORD
import pytest
from variant_helpers import passport_variants
from variant_helpers import QUERY
from variant_helpers import QUESTION


@pytest.fixture
def passports(catalogue, functional):
    return passport_variants(catalogue, functional["portal"])


def test_ask_prints_the_family_first(capsys, site, passports):
    capsys.readouterr()
    code = cli(["--url", site, "--user", "agent", "--password", DEMO_PASSWORD, "ask", QUERY])
    out = capsys.readouterr().out
    assert code == 0
    head = out.split("\n\n")[0].splitlines()
    assert head[:2] == ["Passeport : 3 variantes", f"À demander : {QUESTION}"]
    # One digit per variant, in the family's order (best score first).
    assert [line.split(". ", 1)[0] for line in head[2:]] == ["  1", "  2", "  3"]
    assert {line.split(". ", 1)[1] for line in head[2:]} == {
        "Majeur · Première demande — Passeport d'un majeur : première demande (F14929)",
        "Mineur · Première demande — Passeport d'un mineur : première demande (F14930)",
        "Majeur · Renouvellement — Renouvellement du passeport d'un majeur (F21091)",
    }
    assert "Passeport d'un mineur : en cas de perte" not in out  # the draft variant


def test_ask_without_family_prints_the_card_only(capsys, site, passports):
    capsys.readouterr()
    assert cli(["--url", site, "--user", "agent", "--password", DEMO_PASSWORD, "ask", "CNI perdue"]) == 0
    out = capsys.readouterr().out
    assert "variantes" not in out and out.startswith("Carte nationale d'identité (CNI)")
