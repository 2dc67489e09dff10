"""The managers' export of appointments over real HTTP: GET @appointments-export as CSV
(UTF-8 with BOM, `;`, formula cells neutralised, a download) and JSON, one row per booking
of the period (cancelled and moved ones too), never a name, an e-mail address, a phone nor
a booking code; who may export, bad input; the link of @@rendez-vous-du-jour; the CLI."""

from catalogue_factory import agenda
from catalogue_factory import appointment_type
from catalogue_factory import counter
from catalogue_factory import standalone_sheet
from counter_helpers import at
from counter_helpers import past_weekday
from counter_helpers import reserve
import csv
from datetime import timedelta
import io
import pytest
import transaction


SHEET, DESK, AGENDA = "rdv-export", "rdv-export-guichet", "agenda-export"
PEOPLE = (("Madame X", "madame.x@example.org", "06 12 34 56 78"), ("Monsieur Y", "y@example.org", None), ("Madame W", "w@example.org", None))
HEADER = [
    "Date",
    "Début",
    "Fin",
    "Guichet",
    "Agenda",
    "Type de rendez-vous",
    "Démarche",
    "Poste",
    "Statut",
    "Canal",
    "Réservé le",
    "Délai de réservation (heures)",
    "Déplacé",
]


@pytest.fixture
def period(catalogue):
    """On a past weekday: Madame X at 09:00 (booked by an agent), Monsieur Y's « =1+1 »
    at 09:00 on p2 (online), Madame W's 09:20 cancelled, Madame V's 10:00 moved to 10:40;
    and Madame Z the weekday before (outside a one-day period)."""
    from guichet_kb.appointments import store
    from guichet_kb.appointments.agendas import rules_of

    items = catalogue(
        *standalone_sheet(SHEET, "Rendez-vous exporté"),
        agenda(
            AGENDA,
            "Agenda exporté",
            DESK,
            [appointment_type("depot", SHEET, 20, "Dépôt"), appointment_type("formule", SHEET, 5, "=1+1")],
            [counter("p1", label="Poste 1"), counter("p2", "formule", "Poste 2")],
        ),
    )
    calendar = items[AGENDA]
    when = past_weekday()
    (x, x_mail, x_phone), (y, y_mail, _none), (w, w_mail, _none) = PEOPLE
    codes = [
        reserve(calendar, "depot", at(when, 9), x, x_mail, phone=x_phone).code,
        reserve(calendar, "formule", at(when, 9), y, y_mail, channel="online", agent=None, ahead=50).code,
    ]
    book = store.book_of(calendar)
    gone = reserve(calendar, "depot", at(when, 9, 20), w, w_mail)
    book.cancel(gone.code, now=gone.start - timedelta(hours=2))
    moved = reserve(calendar, "depot", at(when, 10), "Madame V", "v@example.org", ahead=6)
    book.move(moved.code, at(when, 10, 40), rules_of(calendar), calendar.desk.to_object.schedule(), now=moved.start - timedelta(hours=5))
    before = reserve(calendar, "depot", at(past_weekday(when), 9), "Madame Z", "z@example.org")
    transaction.commit()
    return {"day": when, "desk": items[DESK].UID(), "codes": [*codes, gone.code, moved.code, before.code]}


def export(rest, site, period, user="responsable", **params):
    day = period["day"].isoformat()
    return rest(user).get(f"{site}/@appointments-export", params={"from": day, "to": day, **params})


def test_the_csv_download(site, rest, period):
    response = export(rest, site, period)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Cache-Control"] == "private, no-store"
    day = period["day"].isoformat()
    assert response.headers["Content-Disposition"] == f'attachment; filename="rendez-vous-{day}-{day}.csv"'
    assert response.content.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == HEADER
    desk, title, agenda_title = "Guichet de Rendez-vous exporté", "Rendez-vous exporté", "Agenda exporté"
    booked_on = (period["day"] - timedelta(days=2)).isoformat()
    assert lines[1:] == [
        [day, "09:00", "09:20", desk, agenda_title, "Dépôt", title, "Poste 1", "Réservé", "pris par un agent", day, "3", "non"],
        [day, "09:00", "09:05", desk, agenda_title, "'=1+1", title, "Poste 2", "Réservé", "pris en ligne", booked_on, "50", "non"],
        [day, "09:20", "09:40", desk, agenda_title, "Dépôt", title, "Poste 1", "Annulé", "pris par un agent", day, "3", "non"],
        [day, "10:40", "11:00", desk, agenda_title, "Dépôt", title, "Poste 1", "Réservé", "pris par un agent", day, "6", "oui"],
    ]


def test_the_json_rows_and_the_desk_filter(site, rest, period):
    data = export(rest, site, period, format="json", desk=period["desk"]).json()
    assert (data["from"], data["to"], data["desk"], data["items_total"]) == (period["day"].isoformat(), period["day"].isoformat(), period["desk"], 4)
    assert [column["title"] for column in data["columns"]] == HEADER
    assert [(row["start"], row["status"], row["moved"]) for row in data["items"]] == [
        ("09:00", "Réservé", "non"),
        ("09:00", "Réservé", "non"),
        ("09:20", "Annulé", "non"),
        ("10:40", "Réservé", "oui"),
    ]
    two_days = export(rest, site, period, format="json", **{"from": past_weekday(period["day"]).isoformat()}).json()
    assert two_days["items_total"] == 5


def test_never_a_name_a_contact_or_a_code(site, rest, period):
    for user in ("responsable", "admin"):
        for fmt in ("csv", "json"):
            text = export(rest, site, period, user, format=fmt, **{"from": past_weekday(period["day"]).isoformat()}).text
            assert "@example.org" not in text and "06 12 34 56 78" not in text
            assert not [name for name, _mail, _phone in PEOPLE if name in text] and "Madame" not in text
            assert not [code for code in period["codes"] if code in text]
            assert '"agent"' not in text and ";agent;" not in text  # the booking agent's user id


def test_who_may_export(site, rest, period):
    assert export(rest, site, period, None).status_code == 401
    for user in ("agent", "redacteur", "valideur"):
        response = export(rest, site, period, user)
        assert (response.status_code, response.json()["error"]["message"]) == (403, "Votre compte n'a pas le droit de faire cela.")
    assert export(rest, site, period, "admin").status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": None}, "Donnez la période : from=AAAA-MM-JJ et to=AAAA-MM-JJ."),
        ({"from": "07/12/2026"}, "« from » doit être une date : AAAA-MM-JJ."),
        ({"to": "demain"}, "« to » doit être une date : AAAA-MM-JJ."),
        ({"from": "2026-03-02", "to": "2026-03-01"}, "« to » ne doit pas précéder « from »."),
        ({"from": "2025-01-01", "to": "2026-01-02"}, "Un export couvre au plus 366 jours."),
        ({"desk": "0" * 32}, "« desk » doit être l'UID d'un guichet publié (guichets)."),
        ({"format": "xlsx"}, "format doit valoir csv ou json."),
        ({"code": "ABCD"}, "Paramètre(s) inconnu(s) : code. Acceptés : from, to, desk, format."),
    ],
)
def test_bad_input(site, rest, period, params, message):
    response = export(rest, site, period, **params)
    assert (response.status_code, response.json()["error"]["message"]) == (400, message)


def test_a_year_is_allowed(site, rest, period):
    response = export(rest, site, period, **{"from": "2025-01-01", "to": "2026-01-01"})
    assert response.status_code == 200 and response.text.startswith("\ufeffDate;Début;")


def test_the_day_page_links_the_month_for_managers(site, rest, period):
    url = f"{site}/@@rendez-vous-du-jour"
    params = {"desk": period["desk"], "date": period["day"].isoformat()}
    first = period["day"].replace(day=1).isoformat()
    assert "@appointments-export?from=" + first in rest("responsable").get(url, params=params).text
    assert "day-export" not in rest("agent").get(url, params=params).text


def test_the_command_line(site, period, tmp_path, capsys):
    from guichet_kb.agent.cli import main
    from guichet_kb.testing import DEMO_PASSWORD

    day, target = period["day"].isoformat(), tmp_path / "rdv.csv"
    auth = ["--url", site, "--user", "responsable", "--password", DEMO_PASSWORD]
    assert main([*auth, "appointments-export", "--from", day, "--to", day, "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("\ufeff" + ";".join(HEADER)) and len(text.splitlines()) == 5 and "Madame" not in text
    assert main([*auth, "appointments-export", "--from", day, "--to", "hier"]) == 4
    assert capsys.readouterr().err == "guichet-kb: 400: « to » doit être une date : AAAA-MM-JJ.\n"
