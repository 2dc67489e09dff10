"""`guichet-kb slots`, `book` and `agenda-day` (issue 18) against the real site: the next
free slots numbered, a booking for the caller (the confirmation e-mail captured), a slot
taken meanwhile (the next free ones, exit 4), the counters' day; clear one-line errors."""

from catalogue_factory import agenda
from catalogue_factory import appointment_type
from catalogue_factory import counter
from catalogue_factory import standalone_sheet
from counter_helpers import at
from counter_helpers import reserve
from datetime import date
from guichet_kb import clock
from guichet_kb.agent.cli import main as cli
from guichet_kb.testing import DEMO_PASSWORD
import pytest
import transaction


SHEET, DESK, AGENDA = "rdv-essai", "rdv-essai-guichet", "agenda-essai"
MONDAY = date(2027, 3, 1)  # the clock is frozen at 07:00 that day: the first slot is 09:00
SLOTS = [f"{n}. lundi 01/03 à {time} — Dépôt (20 min)" for n, time in enumerate(("09:00", "09:20", "09:40", "10:00", "10:20"), 1)]


def run(capsys, site, *args, user="agent"):
    capsys.readouterr()
    code = cli(["--url", site, "--user", user, "--password", DEMO_PASSWORD, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def frozen():
    with clock.frozen(at(MONDAY, 7)):
        yield


@pytest.fixture
def calendar(catalogue, monkeypatch, frozen):
    monkeypatch.delenv("GUICHET_DESK", raising=False)
    items = catalogue(
        *standalone_sheet(SHEET, "Rendez-vous d'essai"),
        agenda(AGENDA, "Agenda d'essai", DESK, [appointment_type("depot", SHEET, 20, "Dépôt")], [counter("p1", label="Poste 1")]),
    )
    return items


def test_slots_numbered_by_the_sheets_words_or_uid(capsys, site, calendar):
    code, out, err = run(capsys, site, "slots", "Rendez-vous", "d'essai")
    uid = calendar[AGENDA].UID()
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:4] == [
        "Rendez-vous d'essai",
        "",
        "Agenda d'essai — Guichet de Rendez-vous d'essai, 1 rue d'Essai, 99000 Ville-Essai",
        f"  agenda {uid} — depot = Dépôt",
    ]
    assert [line.split("   [")[0].strip() for line in lines[4:]] == SLOTS
    assert lines[4].endswith(f"[depot {at(MONDAY, 9).isoformat()}]")
    assert run(capsys, site, "slots", calendar[SHEET].UID(), "--desk", DESK)[1] == out


def test_book_for_the_caller_sends_the_confirmation(capsys, site, rest, calendar, inbox):
    uid = calendar[AGENDA].UID()
    code, out, err = run(capsys, site, "book", uid, "depot", "2027-03-01 09:00", "--name", "Madame X", "--email", "madame.x@example.org")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    booked = lines[0].split("code ")[1].split(",")[0]
    assert lines[:3] == [
        f"Rendez-vous pris : code {booked}, lundi 01/03 à 09:00 — Dépôt.",
        "Lieu : Guichet de Rendez-vous d'essai, 1 rue d'Essai, 99000 Ville-Essai",
        "L'e-mail de confirmation, avec la liste des pièces à apporter, est envoyé à madame.x@example.org.",
    ]
    mails = inbox.wait(1)
    assert [mail["to"] for mail in mails] == [["madame.x@example.org"]]
    assert booked in mails[0]["body"]
    day = run(capsys, site, "agenda-day", "--desk", DESK, "--date", "2027-03-01")
    assert day == (
        0,
        f"Guichet de Rendez-vous d'essai — lundi 01/03/2027\n\n== Poste 1 (Agenda d'essai)\n"
        f"  09:00  Dépôt (20 min)  Rendez-vous d'essai  {booked}  Madame X  [Réservé] pris par un agent\n",
        "",
    )
    assert "madame.x@example.org" not in day[1]


def test_a_taken_slot_prints_the_next_free_ones(capsys, site, calendar):
    reserve(calendar[AGENDA], "depot", at(MONDAY, 9), "Monsieur Y", "y@example.org")
    transaction.commit()
    uid = calendar[AGENDA].UID()
    code, out, err = run(capsys, site, "book", uid, "depot", at(MONDAY, 9).isoformat(), "--name", "Madame X", "--email", "x@example.org")
    assert (code, out) == (4, "")
    lines = err.splitlines()
    assert lines[:2] == ["guichet-kb: 409: Ce créneau vient d'être pris.", "Prochains créneaux libres :"]
    assert lines[2] == f"  lundi 01/03 à 09:20   [depot {at(MONDAY, 9, 20).isoformat()}]"


def test_the_day_of_the_environments_desk_and_no_appointment(capsys, site, calendar, monkeypatch):
    monkeypatch.setenv("GUICHET_DESK", DESK)
    assert run(capsys, site, "agenda-day", "--date", "2027-03-02") == (
        0,
        "Guichet de Rendez-vous d'essai — mardi 02/03/2027\n\n== Poste 1 (Agenda d'essai)\n  aucun rendez-vous\n",
        "",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("slots", "zzzqqq"), "guichet-kb: slots : aucune fiche trouvée pour « zzzqqq ».\n"),
        (("agenda-day",), "guichet-kb: agenda-day : donnez le guichet avec --desk (son identifiant ou son UID) ou GUICHET_DESK.\n"),
        (("agenda-day", "--desk", "nulle-part"), None),
        (("agenda-day", "--desk", DESK, "--date", "01/03/2027"), "guichet-kb: 400: « date » doit être une date : AAAA-MM-JJ.\n"),
        (("book", "0" * 32, "depot", "2027-03-01T09:00", "--name", "X", "--email", "x@example.org"), None),
        (
            ("book", "0" * 32, "depot", "lundi 9h", "--name", "X", "--email", "x@example.org"),
            "guichet-kb: book : « lundi 9h » n'est pas une date et une heure : donnez le début du créneau, par exemple 2027-03-01T09:00.\n",
        ),
    ],
)
def test_clear_one_line_errors(capsys, site, calendar, args, message):
    code, out, err = run(capsys, site, *args)
    assert (code, out) == (4, "")
    assert err.count("\n") == 1 and err.startswith("guichet-kb: ") and "Traceback" not in err
    if message is not None:
        assert err == message


def test_an_editor_may_not_read_the_day(capsys, site, calendar):
    code, out, err = run(capsys, site, "agenda-day", "--desk", DESK, user="redacteur")
    assert (code, out, err) == (4, "", "guichet-kb: 403: Votre compte n'a pas le droit de faire cela.\n")
