"""The counters' day view over real HTTP: GET @agenda-day (one column per counter, names
without contact, the marks allowed), POST @bookings/<code>/status (the rules, who and
when, a no-show frees nothing), who may do either, and bad input."""

from catalogue_factory import agenda
from catalogue_factory import appointment_type
from catalogue_factory import counter
from catalogue_factory import standalone_sheet
from counter_helpers import at
from counter_helpers import next_weekday
from counter_helpers import past_weekday
from counter_helpers import reserve
from datetime import timedelta
import pytest
import transaction


SHEET, DESK, AGENDA = "rdv-essai", "rdv-essai-guichet", "agenda-essai"
EMAIL, PHONE = "madame.x@example.org", "06 12 34 56 78"


@pytest.fixture
def day(catalogue):
    """A desk with two counters (p1 every type, p2 only « retrait ») and, on a past
    weekday: Madame X at 09:00 on p1, Monsieur Y at 09:00 on p2, a cancelled 09:20 on p1;
    and Madame Z on a later weekday."""
    items = catalogue(
        *standalone_sheet(SHEET, "Rendez-vous d'essai"),
        agenda(
            AGENDA,
            "Agenda d'essai",
            DESK,
            [appointment_type("depot", SHEET, 20, "Dépôt"), appointment_type("retrait", SHEET, 5, "Retrait")],
            [counter("p1", label="Poste 1"), counter("p2", "retrait", "Poste 2")],
        ),
    )
    calendar = items[AGENDA]
    when = past_weekday()
    madame = reserve(calendar, "depot", at(when, 9), "Madame X", EMAIL, phone=PHONE)
    monsieur = reserve(calendar, "retrait", at(when, 9), "Monsieur Y", "y@example.org", channel="online", agent=None)
    gone = reserve(calendar, "depot", at(when, 9, 20), "Madame W", "w@example.org")
    from guichet_kb.appointments import store

    store.book_of(calendar).cancel(gone.code, now=gone.start - timedelta(hours=2))
    later = reserve(calendar, "depot", at(next_weekday(), 10), "Madame Z", "z@example.org")
    transaction.commit()
    return {"day": when, "desk": items[DESK].UID(), "agenda": calendar, "codes": (madame.code, monsieur.code, gone.code, later.code)}


def get_day(rest, site, day, user="agent", **params):
    return rest(user).get(f"{site}/@agenda-day", params={"desk": day["desk"], "date": day["day"].isoformat(), **params})


def test_the_day_per_counter(site, rest, day):
    response = get_day(rest, site, day)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    data = response.json()
    madame, monsieur, gone, _later = day["codes"]
    assert (data["date"], data["desk"]["title"], data["items_total"]) == (day["day"].isoformat(), "Guichet de Rendez-vous d'essai", 3)
    assert [(column["code"], column["label"], column["agenda"]["title"]) for column in data["counters"]] == [
        ("p1", "Poste 1", "Agenda d'essai"),
        ("p2", "Poste 2", "Agenda d'essai"),
    ]
    first = data["counters"][0]["appointments"]
    assert [(row["time"], row["code"], row["name"], row["status"]) for row in first] == [
        ("09:00", madame, "Madame X", "booked"),
        ("09:20", gone, "Madame W", "cancelled"),
    ]
    assert first[0] == {
        "code": madame,
        "start": at(day["day"], 9).isoformat(),
        "end": at(day["day"], 9, 20).isoformat(),
        "time": "09:00",
        "type": {"code": "depot", "label": "Dépôt", "duration": 20},
        "service": {"uid": first[0]["service"]["uid"], "title": "Rendez-vous d'essai"},
        "counter": "p1",
        "name": "Madame X",
        "status": "booked",
        "status_title": "Réservé",
        "channel": "agent",
        "channel_title": "pris par un agent",
        "marks": ["arrived", "no_show"],
    }
    assert first[1]["marks"] == [] and first[1]["status_title"] == "Annulé"
    second = data["counters"][1]["appointments"]
    assert [(row["code"], row["type"]["label"], row["channel_title"]) for row in second] == [(monsieur, "Retrait", "pris en ligne")]


def test_never_an_email_or_a_phone(site, rest, day):
    for user in ("agent", "responsable", "admin"):
        text = get_day(rest, site, day, user).text
        assert "@example.org" not in text and PHONE not in text and "email" not in text and "phone" not in text


def test_one_counter_and_the_later_day(site, rest, day):
    data = get_day(rest, site, day, counter="p2").json()
    assert [column["code"] for column in data["counters"]] == ["p2"]
    later = next_weekday()
    data = rest("agent").get(f"{site}/@agenda-day", params={"desk": day["desk"], "date": later.isoformat()}).json()
    rows = data["counters"][0]["appointments"]
    assert [(row["name"], row["marks"]) for row in rows] == [("Madame Z", [])]  # not marked before its day


def test_who_may_read_the_day(site, rest, day):
    assert get_day(rest, site, day, None).status_code == 401
    for user in ("redacteur", "valideur"):
        response = get_day(rest, site, day, user)
        assert (response.status_code, response.json()["error"]["message"]) == (403, "Votre compte n'a pas le droit de faire cela.")
    assert get_day(rest, site, day, "responsable").status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"desk": None}, "Donnez « desk » : l'UID d'un guichet publié (guichets)."),
        ({"desk": "0" * 32}, "« desk » doit être l'UID d'un guichet publié (guichets)."),
        ({"date": "07/12/2026"}, "« date » doit être une date : AAAA-MM-JJ."),
        ({"counter": "p9"}, "Ce guichet n'a aucun poste avec ce code."),
        ({"when": "today"}, "Paramètre(s) inconnu(s) : when. Acceptés : desk, date, counter."),
    ],
)
def test_bad_input(site, rest, day, params, message):
    query = {"desk": day["desk"], "date": day["day"].isoformat(), **params}
    response = rest("agent").get(f"{site}/@agenda-day", params={k: v for k, v in query.items() if v is not None})
    assert (response.status_code, response.json()["error"]["message"]) == (400, message)


def mark(rest, site, code, status, user="agent"):
    return rest(user).post(f"{site}/@bookings/{code}/status", json={"status": status})


def test_arrived_then_done_with_who_and_when(functional, site, rest, day):
    madame = day["codes"][0]
    response = mark(rest, site, madame, "arrived")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["marks"], response.json()["agenda"]) == ("arrived", ["no_show", "done"], day["agenda"].UID())
    assert mark(rest, site, madame, "arrived").json()["status"] == "arrived"  # a second click writes nothing
    assert mark(rest, site, madame.lower().replace("-", " "), "done", "responsable").json()["status_title"] == "Terminé"
    transaction.begin()
    from guichet_kb.appointments import store

    booking = store.find(madame)[1]
    assert [(status, who) for _when, status, who in booking.history] == [("booked", "agent"), ("arrived", "agent"), ("done", "responsable")]
    assert get_day(rest, site, day).json()["counters"][0]["appointments"][0]["marks"] == []


def test_a_no_show_frees_nothing(site, rest, day):
    madame = day["codes"][0]
    assert mark(rest, site, madame, "no_show").json()["status_title"] == "Absent"
    transaction.begin()
    from guichet_kb.appointments import store

    book = store.book_of(day["agenda"])
    booking = book.bookings[madame]
    assert [book.cells.get(cell) for cell in booking.cells()] == [madame] * 4
    assert mark(rest, site, madame, "arrived").json()["status"] == "arrived"  # a late caller


@pytest.mark.parametrize(
    ("index", "status", "code", "message"),
    [
        (0, "done", 409, "Ce rendez-vous est « Réservé » : il ne peut pas être marqué « Terminé »."),
        (2, "arrived", 409, "Ce rendez-vous a été annulé : il ne prend aucun statut."),
        (3, "no_show", 409, "Ce rendez-vous est un autre jour : marquez-le le jour venu."),
        (0, "cancelled", 400, "« status » doit valoir : arrived, no_show, done."),
    ],
)
def test_marks_refused(site, rest, day, index, status, code, message):
    response = mark(rest, site, day["codes"][index], status)
    assert (response.status_code, response.json()["error"]["message"]) == (code, message)


def test_who_may_mark_and_bad_bodies(site, rest, day):
    madame = day["codes"][0]
    assert mark(rest, site, madame, "arrived", None).status_code == 401
    assert mark(rest, site, madame, "arrived", "redacteur").status_code == 403
    response = rest("agent").post(f"{site}/@bookings/{madame}/status", json={"status": "arrived", "who": "x"})
    assert (response.status_code, response.json()["error"]["message"]) == (400, 'Attendu : un objet JSON {"status": "arrived" | "no_show" | "done"}.')
    response = mark(rest, site, "ZZZZ-ZZZZ", "arrived")
    assert (response.status_code, response.json()["error"]["message"]) == (404, "Aucun rendez-vous avec ce code.")
    assert get_day(rest, site, day).json()["counters"][0]["appointments"][0]["status"] == "booked"
