"""Input hygiene of field values: what a field may hold, in REST and in Classic forms.
Every refused write is a 400 {"error": {"type", "message"}} naming the field, and the
stored item is unchanged (ids and CSV cells: tests/importers/test_import_hygiene.py;
spelled-out addresses: tests/interactions/test_screen.py)."""

import catalogue_factory as make
from guichet_kb.content import limits
from hygiene_helpers import refused
from hygiene_helpers import RICH
from hygiene_helpers import send
from hygiene_helpers import stored
import pytest


BAD_VALUES = [
    ("title", "Carte\x00", "le caractère U+0000 n'est pas admis ici."),
    ("title", "Carte \ud800", "le caractère U+D800 n'est pas admis ici."),
    ("title", "Carte\td'identité", "le caractère U+0009 n'est pas admis ici."),
    ("description", "Deux lignes\x1b[31m", "le caractère U+001B n'est pas admis ici."),
    ("call_script_questions", "Demander\x07", "le caractère U+0007 n'est pas admis ici."),
    ("cost_note", "x" * 1001, "trop long : 1000 caractères au plus (1001 envoyés)."),
    ("keywords", "abc", "une liste est attendue."),
    ("keywords", [f"mot{i}" for i in range(20_000)], "trop d'éléments : 200 au plus (20000 envoyés)."),
    ("keywords", ["x" * 201], "trop long : 200 caractères au plus (201 envoyés)."),
    ("synonyms", ["CNI\x00"], "le caractère U+0000 n'est pas admis ici."),
    ("channels", {"a": 1}, "une liste est attendue."),
    ("channels", [{"a": 1}], "une seule valeur est attendue."),
    ("cost_amount", "abc", "un nombre est attendu."),
    ("cost_amount", float("nan"), "un nombre est attendu."),
    ("cost_amount", 1e308, "doit être compris entre 0 et 100000."),
    ("top_rank", 2.5, "un nombre entier est attendu."),
    ("free_of_charge", "oui", "vrai ou faux est attendu."),
    (
        "steps",
        {**RICH, "content-type": "application/x-evil"},
        "format « application/x-evil » non admis. Formats admis : text/html, text/plain, text/x-web-markdown.",
    ),
    ("steps", {**RICH, "data": "<p>\x00</p>"}, "le caractère U+0000 n'est pas admis ici."),
    ("steps", {**RICH, "encoding": "x-evil"}, "le texte doit être encodé en utf-8."),
    (
        "required_documents",
        [{"document": "x", "requirement": "mandatory", "form": "original", "note": "\x00"}],
        "le caractère U+0000 n'est pas admis ici.",
    ),
]


@pytest.mark.parametrize("name, value, message", BAD_VALUES, ids=[f"{n}-{i}" for i, (n, _v, _m) in enumerate(BAD_VALUES)])
def test_patch_refused_and_nothing_changed(rest, own_sheet, name, value, message):
    admin = rest("admin")
    url = own_sheet.absolute_url()
    before = stored(admin, url)
    refused(send(admin, "PATCH", url, {"title": "Titre changé", name: value}), name, message)
    assert stored(admin, url) == before


@pytest.mark.parametrize("name, value, message", BAD_VALUES[:3] + BAD_VALUES[6:8] + BAD_VALUES[10:15] + BAD_VALUES[17:18])
def test_post_refused_and_nothing_created(rest, site, name, value, message):
    admin = rest("admin")
    body = {"@type": "ServiceSheet", "id": "essai-hygiene", "title": "Essai", name: value}
    refused(send(admin, "POST", f"{site}/demarches", body), name, message)
    assert admin.get(f"{site}/demarches/essai-hygiene").status_code == 404


def test_every_type_checks_its_text(rest, catalogue):
    admin = rest("admin")
    items = catalogue(
        make.desk("guichet-essai", "Guichet d'essai", accessibility="Rampe d'accès."),
        make.document("piece-essai", "Pièce d'essai", validity_rule="moins de 3 mois"),
    )
    for item_id, name in (("guichet-essai", "accessibility"), ("piece-essai", "validity_rule"), ("guichet-essai", "street")):
        url = items[item_id].absolute_url()
        before = stored(admin, url)
        refused(send(admin, "PATCH", url, {name: "a\x00b"}), name, "le caractère U+0000 n'est pas admis ici.")
        assert stored(admin, url) == before


def test_good_text_still_accepted(rest, own_sheet):
    admin = rest("admin")
    url = own_sheet.absolute_url()
    body = {
        "description": "Ligne 1\n\tLigne 2\r\nÉté « guillemets » 😀",
        "keywords": ["cni", "identité"],
        "cost_amount": "25.50",
        "steps": {**RICH, "content-type": "text/x-web-markdown", "data": "*Étape*"},
    }
    assert send(admin, "PATCH", url, body).status_code == 204
    after = admin.get(url).json()
    assert after["description"] == body["description"] and after["keywords"] == ["cni", "identité"]
    assert after["cost_amount"] == "25.50"


FORM_CASES = [
    ("title", "Carte\x00", ("error_forbidden_character", {"character": "U+0000"})),
    ("description", "Texte \x1b", ("error_forbidden_character", {"character": "U+001B"})),
    ("cost_note", "5 €\x07", ("error_forbidden_character", {"character": "U+0007"})),
    ("keywords", [f"mot{i}" for i in range(201)], ("error_too_many_items", {"max": 200, "count": 201})),
    ("internal_notes", "note \ud800", ("error_forbidden_character", {"character": "U+D800"})),
]


@pytest.mark.parametrize("name, value, message", FORM_CASES, ids=[case[0] for case in FORM_CASES])
def test_classic_form_validators_apply_the_same_rule(integration, name, value, message):
    """The validator z3c.form looks up for each field of the edit form refuses the same values
    (the catalogue's fields validate themselves; IBasic's title and description get ours).
    The integration layer has no French catalogue: the message is compared by id (its
    French text is checked over REST above)."""
    from guichet_kb.content.validation import FieldError
    from guichet_kb.interfaces import IGuichetKBLayer
    from plone.app.dexterity.behaviors.metadata import IBasic
    from plone.dexterity.utils import iterSchemata
    from z3c.form.interfaces import IValidator
    from zope.component import getMultiAdapter
    from zope.interface import alsoProvides

    portal = integration["portal"]
    request = portal.REQUEST
    alsoProvides(request, IGuichetKBLayer)
    sheet = make.publish(portal, *make.standalone_sheet("fiche-essai", "Fiche d'essai"))["fiche-essai"]
    field = IBasic[name] if name in IBasic else next(s[name] for s in iterSchemata(sheet) if name in s)
    validator = getMultiAdapter((sheet, request, None, field, None), IValidator)
    with pytest.raises(FieldError) as error:
        validator.validate(value)
    assert (str(error.value.doc()), error.value.doc().mapping) == message
    validator.validate(field.missing_value if name not in ("title",) else "Carte d'identité")


def test_field_rule_on_rich_text_and_multiline(integration):
    from guichet_kb.content.service_sheet import IServiceSheet
    from guichet_kb.content.validation import FieldError
    from plone.app.textfield.value import RichTextValue

    with pytest.raises(FieldError):
        IServiceSheet["steps"].validate(RichTextValue("<p>x</p>", "application/x-evil", "text/x-html-safe"))
    IServiceSheet["internal_notes"].validate("Deux\r\nlignes\tet une tabulation")


def test_rich_text_types_are_rendered_by_plone(integration):
    from plone import api

    transforms = api.portal.get_tool("portal_transforms")
    for mime_type in limits.RICH_TEXT_TYPES:
        assert transforms.convertTo("text/x-html-safe", "*a*", mimetype=mime_type).getData()
