"""@answer offers a family of variants first (issue 15), over real HTTP; editors
correct a family (REST and Classic UI forms refuse blank or too long overrides)."""

from answer_helpers import ids
import catalogue_factory as make
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
import pytest
from variant_helpers import DRAFT
from variant_helpers import passport_variants
from variant_helpers import QUERY
from variant_helpers import QUESTION
from zope.i18n import translate


@pytest.fixture
def passports(catalogue, functional):
    return passport_variants(catalogue, functional["portal"])


def _answer(rest, site, user=None, **params):
    response = rest(user).get(f"{site}/@answer", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_family_first_with_its_question(rest, site, passports):
    body = _answer(rest, site, q=QUERY, b_size=5)
    family = body["family"]
    assert family["id"] == "passeport" and family["title"] == "Passeport"
    assert {v["external_id"] for v in family["variants"]} == {"F14929", "F14930", "F21091"}
    assert family["question"] == QUESTION
    assert family["axes"] == [
        {"name": "age", "title": "Âge", "values": [{"token": "majeur", "title": "Majeur"}, {"token": "mineur", "title": "Mineur"}]},
        {
            "name": "request",
            "title": "Demande",
            "values": [{"token": "premiere_demande", "title": "Première demande"}, {"token": "renouvellement", "title": "Renouvellement"}],
        },
    ]
    labels = {v["external_id"]: v["label"] for v in family["variants"]}
    assert labels == {"F14929": "Majeur · Première demande", "F14930": "Mineur · Première demande", "F21091": "Majeur · Renouvellement"}
    # The variants are the first items, best score first; each item says what it is.
    items = body["items"]
    assert [i["UID"] for i in items[:3]] == [v["UID"] for v in family["variants"]]
    assert [i["score"] for i in items[:3]] == sorted((i["score"] for i in items[:3]), reverse=True)
    assert items[0]["variant"] == {"family": "passeport", "label": labels[items[0]["external_id"]], "facts": family["variants"][0]["facts"]}
    assert all(i["variant"] is None for i in items[3:])  # also the demo's answer "... refaire une première demande ?"


def test_no_family_when_the_first_result_is_no_variant(rest, site, passports):
    body = _answer(rest, site, q="CNI perdue", b_size=5)
    assert body["family"] is None
    assert ids(body["items"])[0] == "carte-identite"


def test_a_draft_variant_is_never_offered(rest, site, passports, functional):
    draft_uid = functional["portal"]["demarches"][DRAFT[0]].UID()
    for user in (None, "agent", "redacteur", "admin"):
        # A query naming no variant, so that the family is offered (one naming the
        # draft's own variant puts the asked variant far enough ahead to need none).
        body = _answer(rest, site, user, q="passeport perte première demande", b_size=10)
        offered = [v["UID"] for v in (body["family"] or {"variants": []})["variants"]]
        assert draft_uid not in offered and draft_uid not in [i["UID"] for i in body["items"]], user
        assert body["family"] is not None, user


def test_editors_override_the_family_and_the_label(rest, site, passports):
    admin = rest("admin")
    majeur = f"{site}/demarches/pp-majeur-1"
    response = admin.patch(majeur, json={"variant_label": "Adulte, 1re fois"})
    assert response.status_code == 204, response.text
    response = admin.patch(f"{site}/demarches/pp-majeur-renouv", json={"family_name": "-"})
    assert response.status_code == 204, response.text
    family = _answer(rest, site, q=QUERY, b_size=5)["family"]
    assert {v["external_id"]: v["label"] for v in family["variants"]} == {"F14929": "Adulte, 1re fois", "F14930": "Mineur · Première demande"}
    assert family["question"] == "La personne est-elle majeure ou mineure ?"


@pytest.mark.parametrize(
    "payload, message",
    [
        ({"family_name": "   "}, "Écrivez un nom, ou laissez le champ vide."),
        ({"variant_label": "x" * 81}, "Au plus 80 caractères."),
    ],
)
def test_blank_or_too_long_override_is_refused(rest, site, passports, payload, message):
    url = f"{site}/demarches/pp-majeur-1"
    response = rest("admin").patch(url, json={"title": "Changé", **payload})
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["type"] == "BadRequest"
    # plone.restapi's deserializer reports the field and the schema's own message.
    assert f"'message': '{message}', 'field': '{next(iter(payload))}'" in body["message"], body
    assert rest("admin").get(url).json()["title"] == "Passeport d'un majeur : première demande"


def test_classic_form_refuses_a_blank_family(portal):
    """The Classic UI edit form (fieldset "Variantes") shows the same French message and stores nothing."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    sheet = make.publish(portal, *make.standalone_sheet("fiche-essai", "Passeport d'un majeur : première demande"))["fiche-essai"]
    request = portal.REQUEST
    request["LANGUAGE"] = "fr"
    request.form.update(
        {
            "form.widgets.IBasic.title": "Changé",
            "form.widgets.family_name": "   ",
            "form.widgets.variant_label": "y" * 81,
            "form.buttons.save": "Enregistrer",
        }
    )
    view = sheet.restrictedTraverse("@@edit")
    view.update()
    data, errors = view.form_instance.extractData()
    messages = [translate(error.message, target_language="fr") for error in errors]
    assert messages == ["Au plus 80 caractères."]
    assert data["family_name"] is None  # the form reads a field of spaces as empty: automatic, never "   "
    assert "variants" in [group.__name__ for group in view.form_instance.groups]
    assert sheet.title != "Changé" and not sheet.family_name
