"""A queue's rules read the same in REST and in the edit form, in French; a refused
queue is not saved (content/queue.py, queues/validation.py)."""

import catalogue_factory as make
from hygiene_helpers import field_messages
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
import pytest
from zope.i18n import translate


SHEET, DESK = "fiche-essai", "fiche-essai-guichet"


@pytest.fixture
def place(catalogue):
    """{"sheet": UID, "other": UID, "desk": UID, "department": UID} of published sheets of the test's own."""
    items = catalogue(*make.standalone_sheet(SHEET, "Fiche d'essai"), make.sheet("autre-fiche", "Autre fiche", f"{SHEET}-service", [DESK]))
    return {
        "sheet": items[SHEET].UID(),
        "other": items["autre-fiche"].UID(),
        "desk": items[DESK].UID(),
        "department": items[f"{SHEET}-service"].UID(),
    }


def _service(place, prefix="C", minutes=15, **row):
    return {"service": place["sheet"], "prefix": prefix, "minutes": minutes, **row}


def _queue(place, **fields):
    return {
        "@type": "Queue",
        "id": "file-essai",
        "title": "File d'essai",
        "desk": place["desk"],
        "services": [_service(place)],
        "counters": [{"code": "poste-1", "label": "Poste 1", "prefixes": ""}],
        **fields,
    }


BAD = [
    ({"services": []}, "Indiquez au moins un service."),
    ({"counters": []}, "Indiquez au moins un poste."),
    ({"services": "PREFIX_LOWER"}, "Préfixe « c » invalide : une lettre majuscule, de A à Z."),
    ({"services": "PREFIX_TWO_LETTERS"}, "Préfixe « CN » invalide : une lettre majuscule, de A à Z."),
    ({"services": "PREFIX_TWICE"}, "Le préfixe « C » est utilisé deux fois."),
    ({"services": "SAME_SHEET"}, "Les préfixes « C » et « P » servent la même fiche : donnez-lui un seul préfixe."),
    ({"services": "MINUTES_0"}, "Préfixe « C » : la durée de service doit être un nombre entier de minutes, de 1 à 120."),
    ({"services": "MINUTES_121"}, "Préfixe « C » : la durée de service doit être un nombre entier de minutes, de 1 à 120."),
    ({"services": "NOT_A_SHEET"}, "« DESK_UID » n'est pas une fiche démarche."),
    (
        {"counters": [{"code": "p1", "label": "Poste 1", "prefixes": ""}, {"code": "p1", "label": "Poste bis", "prefixes": ""}]},
        "Le code de poste « p1 » est utilisé deux fois.",
    ),
    (
        {"counters": [{"code": "p 1", "label": "Poste 1", "prefixes": ""}]},
        "Code de poste « p 1 » invalide : lettres, chiffres, - et _ uniquement (20 au plus).",
    ),
    ({"counters": [{"code": "p1", "label": "Poste 1", "prefixes": "C, S"}]}, "Poste « p1 » : il n'y a pas de service de préfixe « S »."),
    (
        {"services": "TWO_SERVICES", "counters": [{"code": "p1", "label": "Poste 1", "prefixes": "C"}]},
        "Aucun poste ne sert le préfixe « P ».",
    ),
    ({"opens_on": "2027-04-30", "closes_on": "2027-03-01"}, "La campagne se termine le 2027-03-01, avant son ouverture le 2027-04-30."),
    ({"daily_capacity": -1}, "Indiquez un nombre entier, zéro ou plus."),
    ({"grace_minutes": -3}, "Indiquez un nombre entier, zéro ou plus."),
    ({"notify_minutes": -10}, "Indiquez un nombre entier, zéro ou plus."),
    ({"desk": "DEPARTMENT_UID"}, "Le lieu de la file d'attente doit être un guichet."),
]


def _resolve(place, fields):
    """Rows named by a word (they need the test's UIDs)."""
    rows = {
        "PREFIX_LOWER": [_service(place, prefix="c")],
        "PREFIX_TWO_LETTERS": [_service(place, prefix="CN")],
        "PREFIX_TWICE": [_service(place), _service(place, service=place["other"])],
        "SAME_SHEET": [_service(place), _service(place, prefix="P")],
        "MINUTES_0": [_service(place, minutes=0)],
        "MINUTES_121": [_service(place, minutes=121)],
        "NOT_A_SHEET": [_service(place, service=place["desk"])],
        "TWO_SERVICES": [_service(place), _service(place, prefix="P", service=place["other"])],
        "DEPARTMENT_UID": place["department"],
    }
    return {name: rows.get(value, value) if isinstance(value, str) else value for name, value in fields.items()}


@pytest.mark.parametrize("fields, expected", BAD, ids=[expected[:40] for _fields, expected in BAD])
def test_rest_refuses_with_the_french_message_and_saves_nothing(rest, site, place, fields, expected):
    admin = rest("admin")
    response = admin.post(f"{site}/guichets", json=_queue(place, **_resolve(place, fields)))
    assert field_messages(response) == [expected.replace("DESK_UID", place["desk"])]
    assert admin.get(f"{site}/guichets/file-essai").status_code == 404


def test_rest_creates_a_good_queue_with_the_defaults(rest, site, place):
    admin = rest("admin")
    services = [_service(place), _service(place, prefix="P", minutes=20, service=place["other"])]
    response = admin.post(f"{site}/guichets", json=_queue(place, services=services, opens_on="2027-03-01", closes_on="2027-03-01"))
    assert response.status_code == 201, response.text
    body = admin.get(f"{site}/guichets/file-essai").json()
    assert body["desk"]["@id"].endswith(f"/guichets/{DESK}")
    assert [(row["prefix"], row["minutes"]) for row in body["services"]] == [("C", 15), ("P", 20)]
    assert (body["opens_on"], body["closes_on"]) == ("2027-03-01", "2027-03-01")  # a one-day campaign
    assert {name: body[name] for name in ("daily_capacity", "grace_minutes", "notify_minutes")} == {
        "daily_capacity": 0,
        "grace_minutes": 3,
        "notify_minutes": 0,
    }


def test_a_patch_breaking_a_rule_changes_nothing(rest, site, place):
    admin = rest("admin")
    assert admin.post(f"{site}/guichets", json=_queue(place)).status_code == 201
    url = f"{site}/guichets/file-essai"
    response = admin.patch(url, json={"title": "Changé", "counters": [{"code": "p1", "label": "Poste 1", "prefixes": "X"}]})
    assert field_messages(response) == ["Poste « p1 » : il n'y a pas de service de préfixe « X »."]
    body = admin.get(url).json()
    assert (body["title"], [row["code"] for row in body["counters"]]) == ("File d'essai", ["poste-1"])


def test_the_edit_form_gives_the_same_message(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    own = make.queue("file-form", "File du formulaire", DESK, [make.queue_service(SHEET, "C")])
    items = make.publish(portal, *make.standalone_sheet(SHEET, "Fiche d'essai"), own)
    queue, sheet = items["file-form"], items[SHEET]
    request = portal.REQUEST
    request["LANGUAGE"] = "fr"
    prefix = "form.widgets.services"
    request.form.update(
        {
            "form.widgets.IBasic.title": "File du formulaire",
            f"{prefix}.count": "1",
            f"{prefix}.0-empty-marker": "1",
            f"{prefix}.0.widgets.service-empty-marker": "1",
            f"{prefix}.0.widgets.service": [sheet.UID()],
            f"{prefix}.0.widgets.prefix": "c",
            f"{prefix}.0.widgets.minutes": "15",
            "form.buttons.save": "Enregistrer",
        }
    )
    view = queue.restrictedTraverse("@@edit")
    view.update()
    data, errors = view.form_instance.extractData()
    messages = [translate(error.message, target_language="fr") for error in errors]
    assert "Préfixe « c » invalide : une lettre majuscule, de A à Z." in messages, messages
    assert [row["prefix"] for row in queue.services] == ["C"]
