"""Input hygiene: what a field may hold, which ids an item may take, CSV cells a
spreadsheet would run, spelled-out e-mail addresses. Every refused write is a 400
{"error": {"type", "message"}} naming the field, and the stored item is unchanged."""

from guichet_kb import ratelimit
from guichet_kb.content import limits
from guichet_kb.importers.cells import neutralise
from guichet_kb.importers.cells import restore
from guichet_kb.interactions.screen import has_personal_data
import json
import pytest
import transaction


SHEET = "demarches/carte-identite"
RICH = {"data": "<p>x</p>", "content-type": "text/html", "encoding": "utf-8"}


def send(session, method, url, body):
    """JSON as a client may send it: lone surrogates written as \\ud800 escapes, NaN allowed."""
    raw = json.dumps(body, allow_nan=True)
    return session.request(method, url, data=raw.encode(), headers={"Content-Type": "application/json"})


def refused(response, field, message):
    assert response.status_code == 400, response.text
    assert response.json() == {"error": {"type": "DeserializationError", "message": f"{field} : {message}"}}


def stored(session, url):
    body = session.get(url).json()
    return {k: v for k, v in body.items() if k not in ("@components", "lock")}


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
def test_patch_refused_and_nothing_changed(rest, site, name, value, message):
    admin = rest("admin")
    url = f"{site}/{SHEET}"
    before = stored(admin, url)
    refused(send(admin, "PATCH", url, {"title": "Titre changé", name: value}), name, message)
    assert stored(admin, url) == before


@pytest.mark.parametrize("name, value, message", BAD_VALUES[:3] + BAD_VALUES[6:8] + BAD_VALUES[10:15] + BAD_VALUES[17:18])
def test_post_refused_and_nothing_created(rest, site, name, value, message):
    admin = rest("admin")
    body = {"@type": "ServiceSheet", "id": "essai-hygiene", "title": "Essai", name: value}
    refused(send(admin, "POST", f"{site}/demarches", body), name, message)
    assert admin.get(f"{site}/demarches/essai-hygiene").status_code == 404


def test_every_type_checks_its_text(rest, site):
    admin = rest("admin")
    for path, name in (
        ("guichets/mairie-centrale", "accessibility"),
        ("pieces/justificatif-domicile", "validity_rule"),
        ("guichets/mairie-centrale", "street"),
    ):
        url = f"{site}/{path}"
        before = stored(admin, url)
        refused(send(admin, "PATCH", url, {name: "a\x00b"}), name, "le caractère U+0000 n'est pas admis ici.")
        assert stored(admin, url) == before


def test_good_text_still_accepted(rest, site):
    admin = rest("admin")
    url = f"{site}/{SHEET}"
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
    sheet = portal["demarches"]["carte-identite"]
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


@pytest.mark.parametrize("new_id", ["index_html", "portal_catalog", "a/b", "view", "a b", "@@x", "_x"])
def test_rest_post_refuses_reserved_ids(rest, site, new_id):
    admin = rest("admin")
    body = {"@type": "ServiceSheet", "id": new_id, "title": "Essai"}
    response = admin.post(f"{site}/demarches", json=body)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["message"].startswith("id : ")
    assert new_id not in [item["@id"].rsplit("/", 1)[-1] for item in admin.get(f"{site}/demarches?b_size=500").json()["items"]]


def _row(new_id):
    return {"id": new_id, "title": f"Essai {new_id}", "channels": ["online"]}


def test_catalogue_import_refuses_reserved_ids(rest, site):
    admin = rest("admin")
    rows = [_row("index_html"), _row("portal_catalog"), _row("a/b"), _row("essai-correct")]
    report = admin.post(f"{site}/@catalogue-import", json={"items": rows}).json()
    assert report["created"] == ["essai-correct"]
    assert report["errors"] == [
        {"id": "index_html", "message": "L'identifiant « index_html » est réservé par Zope ou Plone : choisissez-en un autre."},
        {"id": "portal_catalog", "message": "L'identifiant « portal_catalog » est réservé par Zope ou Plone : choisissez-en un autre."},
        {
            "id": "a/b",
            "message": "Identifiant « a/b » non valable : 100 lettres, chiffres, points, tirets ou soulignés au plus, "
            "en commençant par une lettre ou un chiffre.",
        },
    ]
    ids = [item["@id"].rsplit("/", 1)[-1] for item in admin.get(f"{site}/demarches?b_size=500").json()["items"]]
    assert "index_html" not in ids and "portal_catalog" not in ids
    # /demarches still shows its own page to anonymous visitors
    assert rest().get(f"{site}/demarches").status_code == 200


def test_catalogue_import_row_with_bad_text_is_whole_or_nothing(rest, site):
    admin = rest("admin")
    before = stored(admin, f"{site}/{SHEET}")
    row = {**{k: v for k, v in admin.get(f"{site}/@catalogue-export").json()["items"][0].items()}, "id": "carte-identite"}
    row.update({"title": "Nouveau titre", "keywords": ["ok", "bad\x00"]})
    report = admin.post(f"{site}/@catalogue-import", json={"items": [row]}).json()
    assert report["errors"] == [{"id": "carte-identite", "message": "keywords : le caractère U+0000 n'est pas admis ici."}]
    assert stored(admin, f"{site}/{SHEET}") == before


def test_service_public_import_avoids_reserved_ids(functional):
    from guichet_kb.importers.service_public import Importer
    from plone import api
    from plone.app.testing import login
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from plone.app.testing import TEST_USER_NAME

    portal = functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    fiche = {
        "root": "Publication",
        "external_id": "F99999",
        "type": "Fiche d'information",
        "title": "View",
        "description": "Essai",
        "modified": "2020-11-01",
        "source_url": "",
        "audiences": ["particuliers"],
        "life_events": [],
        "eligibility": "",
        "steps": "<p>Étape</p>",
        "documents": "",
        "document_titles": [],
        "cost": "",
        "processing_time": "",
        "validity": "",
        "online_services": [],
        "legal_references": [],
        "answers": [],
        "links": [],
        "local_desk": False,
        "free": True,
        "hash": "h",
    }
    report = Importer(portal).run([("F99999.json", fiche)])
    assert report["skipped"] == []
    [entry] = report["created"]
    assert entry["url"].endswith("/demarches/view-f99999")
    assert api.content.get(path="/demarches/view-f99999").title == "View"
    transaction.abort()


CELLS = ['=HYPERLINK("http://x","clic")', "+33 1", "-5", "@SUM(A1)", "\tx", "\rx", "'=déjà", "''+x", "'texte", "normal", "", "a=b"]


def test_cells_rule_is_reversible():
    assert [neutralise(c) for c in CELLS] == [
        '\'=HYPERLINK("http://x","clic")',
        "'+33 1",
        "'-5",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "''=déjà",
        "'''+x",
        "'texte",
        "normal",
        "",
        "a=b",
    ]
    assert [restore(neutralise(c)) for c in CELLS] == CELLS


def test_csv_export_neutralises_formulas_and_round_trips(rest, site):
    admin = rest("admin")
    url = f"{site}/{SHEET}"
    body = {"title": '=HYPERLINK("http://evil","clic")', "keywords": ["-moins", "@arobase"], "cost_note": "+5 € en timbre"}
    assert admin.patch(url, json=body).status_code == 204
    first = admin.get(f"{site}/@catalogue-export", params={"format": "csv"}).text
    line = next(line for line in first.splitlines() if line.startswith("carte-identite,"))
    assert '"\'=HYPERLINK(""http://evil"",""clic"")"' in line
    assert ",'-moins; @arobase," in line and ",'+5 € en timbre," in line
    report = admin.post(f"{site}/@catalogue-import", json={"csv": first}).json()
    assert report["errors"] == [] and report["updated"] == [] and report["created"] == []
    assert admin.get(url).json()["title"] == body["title"]
    assert admin.get(f"{site}/@catalogue-export", params={"format": "csv"}).text == first


def test_interactions_csv_neutralises_titles(rest, site):
    ratelimit.clear()
    admin = rest("admin")
    url = f"{site}/{SHEET}"
    assert admin.patch(url, json={"title": "=1+1"}).status_code == 204
    uid = admin.get(url).json()["UID"]
    assert rest("agent").post(f"{site}/@interactions", json={"service": uid, "channel": "telephone", "outcome": "answered"}).status_code == 201
    text = admin.get(f"{site}/@interactions", params={"format": "csv"}).text
    assert f",{uid},'=1+1,telephone,answered" in text


SPELLED_OUT = [
    "Le citoyen a laissé jean.dupont (at) example (dot) fr pour être rappelé.",
    "Adresse donnée : jean arobase example point fr",
    "jean.dupont[at]example[dot]fr a écrit deux fois",
    "Il faut répondre à JEAN.DUPONT AROBASE GMAIL POINT COM",
    "Contact : marie chez orange point fr",
    "écrire à jean dot dupont at example dot com",
    "Mail : jean @ example . fr",
    "paul arobaze free point fr (sa fille)",
    "jean.dupont{at}mairie-exemple{point}fr",
    "Écrire à jean.dupont@example.fr",
]
ORDINARY = [
    "Le citoyen demande si la démarche peut se faire en ligne sur service-public.fr.",
    "Rendez-vous chez le notaire obligatoire, point à vérifier avec le service état civil.",
    "L'usager est abonné chez free.fr : hors sujet pour nous.",
    "Mise au point : le tarif affiché (25 €) est faux, c'est 30 € depuis le 1er janvier.",
    "Point de vente fermé le lundi, horaires à corriger.",
    "Voir la fiche F1341 point 3 : la liste des pièces est incomplète.",
    "Il faut passer chez Orange point de vente de la gare, pas en mairie.",
    "La page indique « à faire sur ants.gouv.fr » mais le lien est cassé.",
    "Le demandeur habite chez sa mère. Point important : il n'a pas de justificatif.",
    "La réponse à la question 4 point 2 est fausse depuis la réforme.",
]


def test_screen_catches_spelled_out_addresses():
    assert [text for text in SPELLED_OUT if not has_personal_data(text)] == []


def test_screen_leaves_ordinary_french_alone():
    assert [text for text in ORDINARY if has_personal_data(text)] == []


def test_agent_report_with_spelled_out_address_refused(rest, site):
    ratelimit.clear()
    uid = rest().get(f"{site}/{SHEET}").json()["UID"]
    agent = rest("agent")
    response = agent.post(f"{site}/@agent-report", json={"service": uid, "kind": "incorrect", "comment": SPELLED_OUT[0]})
    assert response.status_code == 400
    ok = agent.post(f"{site}/@agent-report", json={"service": uid, "kind": "incorrect", "comment": ORDINARY[0]})
    assert ok.status_code == 201
