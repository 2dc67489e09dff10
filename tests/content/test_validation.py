"""Bad input is rejected with a clear French message (REST 400 JSON and forms); nothing half-saved."""

import catalogue_factory as make
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
import pytest
from zope.i18n import translate


GOOD_HOURS = [{"day": "monday", "opens": "08:30", "closes": "12:00"}]


def _errors(response):
    assert response.status_code == 400, response.text
    body = response.json()
    if "error" in body:  # refused by the input hygiene rule before deserialization
        return body["error"]["message"]
    assert body["type"] == "BadRequest"
    return body["message"] if isinstance(body["message"], str) else " ".join(e["message"] for e in body["message"])


@pytest.fixture
def desk_url(rest, site):
    response = rest("admin").post(
        f"{site}/guichets",
        json={"@type": "Desk", "id": "essai", "title": "Guichet d'essai", "opening_hours": GOOD_HOURS},
    )
    assert response.status_code == 201, response.text
    return response.json()["@id"]


BAD_DESK_INPUT = [
    ({"opening_hours": [{"day": "monday", "opens": "12:00", "closes": "08:30"}]}, "doit être après"),
    (
        {"opening_hours": [{"day": "monday", "opens": "08:00", "closes": "12:00"}, {"day": "monday", "opens": "11:00", "closes": "13:00"}]},
        "se chevauchent",
    ),
    ({"opening_hours": [{"day": "funday", "opens": "08:00", "closes": "12:00"}]}, "funday"),
    ({"opening_hours": [{"day": "monday", "opens": "8h30", "closes": "12:00"}]}, "HH:MM"),
    ({"hours_exceptions": [{"start": "2026-12-25", "end": "2026-12-20", "closed": True}]}, "avant la date de début"),
    ({"hours_exceptions": [{"start": "2026-13-45", "closed": True}]}, "AAAA-MM-JJ"),
    ({"opening_hours": [{"day": "monday", "opens": "08:00", "closes": "12:00", "lunch": "yes"}]}, "lunch"),
    ({"colour": "blue"}, "Champ(s) inconnu(s) : colour"),
    ({"email": "pas-une-adresse"}, "mail"),
    ({"appointment_url": "rdv.ville-exemple"}, "https://"),
    ({"phone": "appelez-nous"}, "téléphone"),
]


@pytest.mark.parametrize("payload, expected", BAD_DESK_INPUT)
def test_rest_patch_rejected_and_nothing_saved(rest, desk_url, payload, expected):
    admin = rest("admin")
    before = admin.get(desk_url).json()
    message = _errors(admin.patch(desk_url, json={"title": "Titre changé", **payload}))
    assert expected.lower() in message.lower()
    after = admin.get(desk_url).json()
    assert after["title"] == before["title"] == "Guichet d'essai"
    assert after["opening_hours"] == before["opening_hours"]


def test_rest_create_rejected_creates_nothing(rest, site):
    admin = rest("admin")
    response = admin.post(
        f"{site}/guichets",
        json={"@type": "Desk", "id": "mauvais", "title": "Mauvais", "opening_hours": [{"day": "monday", "opens": "18:00", "closes": "09:00"}]},
    )
    _errors(response)
    assert admin.get(f"{site}/guichets/mauvais").status_code == 404


@pytest.mark.parametrize(
    "payload, expected",
    [
        ({"audiences": ["martiens"]}, "martiens"),
        ({"life_events": ["inconnu"]}, "inconnu"),
        ({"channels": ["pigeon"]}, "on_site, phone, mail, online"),
        ({"summary": "typo of description"}, "summary"),
        ({"online_service_url": "javascript:alert(1)"}, "https://"),
        ({"review_interval": 48}, ""),
        ({"top_rank": "premier"}, ""),
        ({"external_id": "pas un id"}, "F1341"),
        ({"required_documents": [{"document": "uid-inexistant", "requirement": "mandatory", "form": "original"}]}, ""),
    ],
)
def test_rest_sheet_rejected(rest, own_sheet, payload, expected):
    admin = rest("admin")
    url = own_sheet.absolute_url()
    before = admin.get(url).json()
    message = _errors(admin.patch(url, json={"title": "Changé", **payload}))
    assert expected.lower() in message.lower()
    assert admin.get(url).json()["title"] == before["title"]


def test_english_fallback(rest, desk_url):
    message = _errors(rest("admin", language="en").patch(desk_url, json={"opening_hours": [{"day": "monday", "opens": "12:00", "closes": "08:30"}]}))
    assert "must be after" in message


def test_form_rejects_bad_url_and_keeps_value(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    """The Classic UI edit form shows the French error and stores nothing."""
    sheet = make.publish(portal, *make.standalone_sheet("fiche-essai", "Fiche d'essai"))["fiche-essai"]
    request = portal.REQUEST
    request["LANGUAGE"] = "fr"
    request.form.update({"form.widgets.IBasic.title": "Changé", "form.widgets.appointment_url": "pas-une-url", "form.buttons.save": "Enregistrer"})
    view = sheet.restrictedTraverse("@@edit")
    view.update()
    form = view.form_instance
    data, errors = form.extractData()
    messages = [translate(error.message, target_language="fr") for error in errors]
    assert any("doit commencer par https://" in m for m in messages), messages
    assert sheet.title != "Changé"


def test_form_rejects_closing_before_opening(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    desk = api.content.create(container=portal["guichets"], type="Desk", id="form-essai", title="Essai")
    request = portal.REQUEST
    request["LANGUAGE"] = "fr"
    request.form.update(
        {
            "form.widgets.IBasic.title": "Essai",
            "form.widgets.opening_hours.count": "1",
            "form.widgets.opening_hours.0-empty-marker": "1",
            "form.widgets.opening_hours.0.widgets.day-empty-marker": "1",
            "form.widgets.opening_hours.0.widgets.day": ["monday"],
            "form.widgets.opening_hours.0.widgets.opens": "12:00",
            "form.widgets.opening_hours.0.widgets.closes": "08:00",
            "form.buttons.save": "Enregistrer",
        }
    )
    view = desk.restrictedTraverse("@@edit")
    view.update()
    data, errors = view.form_instance.extractData()
    messages = " ".join(translate(error.message, target_language="fr") for error in errors)
    assert "doit être après" in messages, messages
    assert desk.opening_hours == []
