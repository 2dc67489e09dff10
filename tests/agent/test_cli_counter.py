"""`guichet-kb queues` and `guichet-kb counter` (issue 19) against the real site: the queues
with their waiting and counters open, a counter's state and actions in French, clear
one-line refusals with a non-zero exit; the daily job, moved to admin.py, still runs."""

from counter_queue_helpers import take
from counter_queue_helpers import two_services
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.agent.cli import main as cli
from guichet_kb.testing import DEMO_PASSWORD
import pytest
from ticket_helpers import DESK
from ticket_helpers import MONDAY_10AM
import transaction


def run(capsys, site, *args, user="agent"):
    capsys.readouterr()
    code = cli(["--url", site, "--user", user, "--password", DEMO_PASSWORD, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def items(catalogue, monkeypatch):
    monkeypatch.delenv("GUICHET_DESK", raising=False)
    found = two_services(catalogue)
    take(found, "EER", MONDAY_10AM)
    transaction.commit()
    with clock.frozen(MONDAY_10AM + timedelta(minutes=1)):
        yield found


def test_a_counter_opens_calls_and_serves(capsys, site, items):
    state = run(capsys, site, "counter", DESK, "poste-1")
    assert state == (
        0,
        "Guichet des inscriptions d'essai — Poste 1 : fermé\nPersonne au poste.\nEn attente (3) : E001, E002, R003\n",
        "",
    )
    code, out, err = run(capsys, site, "counter", DESK, "poste-1", "next")
    assert (code, out, err) == (4, "", "guichet-kb: 409: Ce guichet est fermé : ouvrez-le d'abord.\n")
    assert run(capsys, site, "counter", DESK, "poste-1", "open")[:2] == (
        0,
        "Guichet des inscriptions d'essai — Poste 1 : ouvert\nPersonne au poste.\nEn attente (3) : E001, E002, R003\n",
    )
    assert run(capsys, site, "counter", DESK, "poste-1", "priority", "R003", "disability")[1].splitlines()[-1] == "En attente (3) : R003*, E001, E002"
    assert run(capsys, site, "counter", DESK, "poste-1", "next")[1].splitlines()[:2] == [
        "Appelé : R003 — Retrait d'essai",
        "Guichet des inscriptions d'essai — Poste 1 : ouvert",
    ]
    code, _out, err = run(capsys, site, "counter", DESK, "poste-1", "no-show")
    assert (code, err) == (4, "guichet-kb: 409: Patientez encore 3 min avant de déclarer ce ticket absent.\n")
    assert run(capsys, site, "counter", DESK, "poste-1", "done")[:2] == (
        0,
        "Guichet des inscriptions d'essai — Poste 1 : ouvert\nPersonne au poste.\nEn attente (2) : E001, E002\n",
    )


def test_queues_lists_waiting_and_counters(capsys, site, items):
    run(capsys, site, "counter", DESK, "poste-2", "open")
    code, out, err = run(capsys, site, "queues", "--desk", DESK)
    assert (code, err) == (0, "")
    first = out.splitlines()[0]
    assert first.startswith("File des inscriptions d'essai — Guichet des inscriptions d'essai : 3 en attente, ")
    assert first.endswith(", 1 poste(s) ouvert(s)")


def test_bad_input_is_one_line_and_non_zero(capsys, site, items):
    assert run(capsys, site, "counter", DESK, "poste-9")[0] != 0
    code, out, err = run(capsys, site, "counter", DESK, "poste-9")
    assert (out, err) == ("", "guichet-kb: 404: Ce guichet n'a pas de poste avec ce code (files d'attente ou agendas).\n")
    code, out, err = run(capsys, site, "counter", DESK, "poste-1", "priority", "E001")
    assert (code, out, err) == (4, "", "guichet-kb: counter priority : indiquez <ticket> <disability|pregnancy|young_child|none>.\n")
    code, out, err = run(capsys, site, "counter", DESK, "poste-1", "done", "E001")
    assert (code, out, err) == (4, "", "guichet-kb: counter done: unexpected argument(s): E001\n")
    code, _out, err = run(capsys, site, "counter", "guichet-inconnu", "poste-1")
    assert code == 4 and err.startswith("guichet-kb: ") and len(err.splitlines()) == 1


def test_the_daily_job_moved_to_admin_still_runs(capsys, site, items, site_administrator):
    code, out, err = run(capsys, site, "rollup", user=site_administrator)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1].endswith(" 0 remaining.")
    code, out, err = run(capsys, site, "rollup", user="agent")
    assert (code, out) == (4, "") and err.startswith("guichet-kb: 403") and len(err.splitlines()) == 1
