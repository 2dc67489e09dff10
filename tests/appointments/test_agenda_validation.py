"""An agenda's rules read the same in REST and in the edit form, in French; a refused
agenda is not saved (content/agenda.py, appointments/validation.py)."""

import catalogue_factory as make
from hygiene_helpers import field_messages
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
import pytest
from zope.i18n import translate


SHEET, DESK = "fiche-essai", "fiche-essai-guichet"


@pytest.fixture
def place(catalogue):
    """{"sheet": UID, "desk": UID, "department": UID} of a published sheet of the test's own."""
    items = catalogue(*make.standalone_sheet(SHEET, "Fiche d'essai"))
    return {"sheet": items[SHEET].UID(), "desk": items[DESK].UID(), "department": items[f"{SHEET}-service"].UID()}


def _type(place, code="depot", duration=20, **row):
    return {"code": code, "label": f"Rendez-vous {code}", "service": place["sheet"], "duration": duration, **row}


def _agenda(place, **fields):
    return {
        "@type": "Agenda",
        "id": "agenda-essai",
        "title": "Agenda d'essai",
        "desk": place["desk"],
        "appointment_types": [_type(place)],
        "counters": [{"code": "poste-1", "label": "Poste 1", "types": ""}],
        **fields,
    }


BAD = [
    ({"appointment_types": []}, "Indiquez au moins un type de rendez-vous."),
    ({"counters": []}, "Indiquez au moins un poste."),
    (
        {"appointment_types": "TYPES_DURATION_7"},
        "Type de rendez-vous « depot » : la durée doit être un multiple de 5 minutes, de 5 à 240 minutes.",
    ),
    (
        {"appointment_types": "TYPES_DURATION_245"},
        "Type de rendez-vous « depot » : la durée doit être un multiple de 5 minutes, de 5 à 240 minutes.",
    ),
    ({"appointment_types": "TYPES_TWICE"}, "Le code de type de rendez-vous « depot » est utilisé deux fois."),
    (
        {"appointment_types": "TYPES_BAD_CODE"},
        "Code de type de rendez-vous « dé pôt » invalide : lettres, chiffres, - et _ uniquement (20 au plus).",
    ),
    ({"appointment_types": "TYPES_NOT_A_SHEET"}, "« DESK_UID » n'est pas une fiche démarche."),
    (
        {"counters": [{"code": "p1", "label": "Poste 1", "types": ""}, {"code": "p1", "label": "Poste bis", "types": ""}]},
        "Le code de poste « p1 » est utilisé deux fois.",
    ),
    (
        {"counters": [{"code": "p1", "label": "Poste 1", "types": "depot, retrait"}]},
        "Poste « p1 » : il n'y a pas de type de rendez-vous « retrait ».",
    ),
    (
        {"appointment_types": "TYPES_TWO", "counters": [{"code": "p1", "label": "Poste 1", "types": "depot"}]},
        "Aucun poste ne reçoit le type de rendez-vous « retrait ».",
    ),
    (
        {"closures": [{"start": "2027-01-10", "end": "2027-01-05", "label": "Inventaire"}]},
        "Fermeture « Inventaire » : la date de fin 2027-01-05 est avant la date de début 2027-01-10.",
    ),
    (
        {"closures": [{"start": "2027-01-10", "opens": "14:00", "label": "Formation"}]},
        "Fermeture « Formation » : indiquez les deux heures de la partie fermée de la journée, ou aucune pour fermer des journées entières.",
    ),
    (
        {"closures": [{"start": "2027-01-10", "opens": "14:00", "closes": "09:00", "label": "Formation"}]},
        "Fermeture « Formation » : la partie fermée doit finir après son début (14:00-09:00).",
    ),
    ({"min_lead_hours": -1}, "Indiquez un nombre entier, zéro ou plus."),
    ({"person_limit": -2}, "Indiquez un nombre entier, zéro ou plus."),
    ({"desk": "DEPARTMENT_UID"}, "Le lieu de l'agenda doit être un guichet."),
]


def _resolve(place, fields):
    """Rows named by a word (they need the test's UIDs), and UIDs in the expected text."""
    rows = {
        "TYPES_DURATION_7": [_type(place, duration=7)],
        "TYPES_DURATION_245": [_type(place, duration=245)],
        "TYPES_TWICE": [_type(place), _type(place, duration=5)],
        "TYPES_BAD_CODE": [_type(place, code="dé pôt")],
        "TYPES_NOT_A_SHEET": [_type(place, service=place["desk"])],
        "TYPES_TWO": [_type(place), _type(place, code="retrait", duration=5)],
        "DEPARTMENT_UID": place["department"],
    }
    return {name: rows.get(value, value) if isinstance(value, str) else value for name, value in fields.items()}


@pytest.mark.parametrize("fields, expected", BAD, ids=[expected[:40] for _fields, expected in BAD])
def test_rest_refuses_with_the_french_message_and_saves_nothing(rest, site, place, fields, expected):
    admin = rest("admin")
    response = admin.post(f"{site}/guichets", json=_agenda(place, **_resolve(place, fields)))
    assert field_messages(response) == [expected.replace("DESK_UID", place["desk"])]
    assert admin.get(f"{site}/guichets/agenda-essai").status_code == 404


def test_rest_creates_a_good_agenda_with_the_defaults(rest, site, place):
    admin = rest("admin")
    closures = [{"start": "2027-01-10", "end": None, "opens": "14:00", "closes": "17:00", "label": "Formation"}]
    response = admin.post(f"{site}/guichets", json=_agenda(place, closures=closures))
    assert response.status_code == 201, response.text
    body = admin.get(f"{site}/guichets/agenda-essai").json()
    assert body["desk"]["@id"].endswith(f"/guichets/{DESK}")
    assert [row["duration"] for row in body["appointment_types"]] == [20]
    assert {name: body[name] for name in ("min_lead_hours", "max_lead_days", "person_limit", "daily_capacity", "reminder_hours")} == {
        "min_lead_hours": 2,
        "max_lead_days": 60,
        "person_limit": 2,
        "daily_capacity": 0,
        "reminder_hours": 48,
    }


def test_a_patch_breaking_a_rule_changes_nothing(rest, site, place):
    admin = rest("admin")
    assert admin.post(f"{site}/guichets", json=_agenda(place)).status_code == 201
    url = f"{site}/guichets/agenda-essai"
    response = admin.patch(url, json={"title": "Changé", "counters": [{"code": "p1", "label": "Poste 1", "types": "inconnu"}]})
    assert field_messages(response) == ["Poste « p1 » : il n'y a pas de type de rendez-vous « inconnu »."]
    body = admin.get(url).json()
    assert (body["title"], [row["code"] for row in body["counters"]]) == ("Agenda d'essai", ["poste-1"])


def test_the_edit_form_gives_the_same_message(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    own = make.agenda("agenda-form", "Agenda du formulaire", DESK, [make.appointment_type("depot", SHEET)])
    items = make.publish(portal, *make.standalone_sheet(SHEET, "Fiche d'essai"), own)
    agenda, sheet = items["agenda-form"], items[SHEET]
    request = portal.REQUEST
    request["LANGUAGE"] = "fr"
    prefix = "form.widgets.appointment_types"
    request.form.update(
        {
            "form.widgets.IBasic.title": "Agenda du formulaire",
            f"{prefix}.count": "1",
            f"{prefix}.0-empty-marker": "1",
            f"{prefix}.0.widgets.code": "depot",
            f"{prefix}.0.widgets.label": "Dépôt",
            f"{prefix}.0.widgets.service-empty-marker": "1",
            f"{prefix}.0.widgets.service": [sheet.UID()],
            f"{prefix}.0.widgets.duration": "7",
            "form.buttons.save": "Enregistrer",
        }
    )
    view = agenda.restrictedTraverse("@@edit")
    view.update()
    data, errors = view.form_instance.extractData()
    messages = [translate(error.message, target_language="fr") for error in errors]
    assert "Type de rendez-vous « depot » : la durée doit être un multiple de 5 minutes, de 5 à 240 minutes." in messages, messages
    assert [row["duration"] for row in agenda.appointment_types] == [20]
