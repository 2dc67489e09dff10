"""No 5xx on bad input (issue 11, item 3): each case answered 400/405 with the
JSON error shape, and nothing stored (the database's last transaction is unchanged)."""

import catalogue_factory as make
from catalogue_factory import OWN_SHEET
import pytest


MULTIPART_NO_BOUNDARY = {"Content-Type": "multipart/form-data"}
JSON = {"Content-Type": "application/json"}
DEEP = b"[" * 100_000 + b"]" * 100_000
DEEP_OBJECT = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
DATE_RANGE = "« {} » doit être compris entre le 1970-01-01 et le 2199-12-31."
METHOD = "La méthode HTTP {} n'est pas prise en charge."
HERE = "Ce service n'accepte pas la méthode HTTP {}."
BAD_JSON = "Le corps de la requête doit être du JSON."
SEARCH = "Le paramètre de recherche « {} » a une valeur inutilisable par le catalogue."
ORIENT_UNKNOWN = b'{"channel": "telephone", "outcome": "redirected", "organisation": "00000000000000000000000000000000"}'
ORIENT_REFUSED = "« organisation » doit être l'UID d'un organisme publié (organismes)."
ORIENT_OUTCOME = "« organisation » ne va qu'avec le résultat « redirected » (réorienté)."
ORIENT_ANSWERED = b'{"channel": "telephone", "outcome": "answered", "organisation": "00000000000000000000000000000000"}'

# (user, method, path, body, headers, status, type, message)
CASES = [
    # Unknown HTTP methods, on our services, stock services and content.
    (None, "QUERY", "@answer?q=cni", None, {}, 405, "MethodNotAllowed", METHOD.format("QUERY")),
    ("admin", "FOO", "@answer?q=cni", None, {}, 405, "MethodNotAllowed", METHOD.format("FOO")),
    (None, "QUERY", "@search-settings", None, {}, 405, "MethodNotAllowed", METHOD.format("QUERY")),
    (None, "FOO", "demarches", None, {}, 405, "MethodNotAllowed", METHOD.format("FOO")),
    ("admin", "QUERY", f"demarches/{OWN_SHEET}", None, {}, 405, "MethodNotAllowed", METHOD.format("QUERY")),
    (None, "QUERY", "@search?SearchableText=cni", None, {}, 405, "MethodNotAllowed", METHOD.format("QUERY")),
    # Known methods on services that do not answer them.
    (None, "PUT", "@answer?q=cni", None, {}, 405, "MethodNotAllowed", HERE.format("PUT")),
    ("admin", "DELETE", "@top-services", None, {}, 405, "MethodNotAllowed", HERE.format("DELETE")),
    ("admin", "POST", "@search", None, {}, 405, "MethodNotAllowed", HERE.format("POST")),
    # Bodies Zope or plone.restapi could not parse.
    (
        None,
        "PATCH",
        "@search-settings",
        b"--x\r\n",
        MULTIPART_NO_BOUNDARY,
        400,
        "BadRequest",
        "Un corps multipart doit indiquer sa délimitation (boundary) dans son Content-Type.",
    ),
    (
        "admin",
        "PATCH",
        "@search-settings",
        b"--x\r\n",
        MULTIPART_NO_BOUNDARY,
        400,
        "BadRequest",
        "Un corps multipart doit indiquer sa délimitation (boundary) dans son Content-Type.",
    ),
    ("admin", "POST", "@import-service-public", b"pas du json", JSON, 400, "BadRequest", BAD_JSON),
    ("admin", "POST", "@catalogue-import", b"pas du json", JSON, 400, "BadRequest", BAD_JSON),
    ("admin", "POST", "@catalogue-import", b"[1, 2]", JSON, 400, "BadRequest", "Le corps de la requête doit être un objet JSON."),
    ("admin", "PATCH", f"demarches/{OWN_SHEET}/@workingcopy", b"{}", JSON, 404, "NotFound", "Cet élément n'a pas de copie de travail."),
    (None, "POST", "@page-view", DEEP, JSON, 400, "BadRequest", "Le corps de la requête est trop imbriqué (au plus 64 niveaux)."),
    ("agent", "POST", "@interactions", DEEP_OBJECT, JSON, 400, "BadRequest", "Le corps de la requête est trop imbriqué (au plus 64 niveaux)."),
    # Orientation (issue 16): an organisation that is not a published one, or with another outcome.
    ("agent", "POST", "@interactions", ORIENT_UNKNOWN, JSON, 400, "BadRequest", ORIENT_REFUSED),
    ("agent", "POST", "@interactions", ORIENT_ANSWERED, JSON, 400, "BadRequest", ORIENT_OUTCOME),
    ("admin", "PATCH", f"demarches/{OWN_SHEET}", DEEP, JSON, 400, "BadRequest", "Le corps de la requête est trop imbriqué (au plus 64 niveaux)."),
    # Dates out of range.
    (None, "GET", "@desks?open_at=9999-12-31T23:59:59%2B14:00", None, {}, 400, "BadRequest", DATE_RANGE.format("open_at")),
    (None, "GET", "@desks?open_at=0007-01-03T21:31:00Z", None, {}, 400, "BadRequest", DATE_RANGE.format("open_at")),
    ("admin", "GET", "@interactions?since=2896-07-15", None, {}, 400, "BadRequest", DATE_RANGE.format("since")),
    ("admin", "GET", "@interactions?since=0001-01-01&format=csv", None, {}, 400, "BadRequest", DATE_RANGE.format("since")),
    # Zope form marshalling on our services; failing Zope converters anywhere.
    (None, "GET", "@answer?q.x:record=1", None, {}, 400, "BadRequest", "Envoyez des paramètres simples (nom=valeur) : q.x:record refusé(s)."),
    (None, "GET", "@answer?q:list=cni", None, {}, 400, "BadRequest", "Envoyez des paramètres simples (nom=valeur) : q:list refusé(s)."),
    (
        None,
        "GET",
        "@top-services?audience.a:record=b",
        None,
        {},
        400,
        "BadRequest",
        "Envoyez des paramètres simples (nom=valeur) : audience.a:record refusé(s).",
    ),
    ("admin", "GET", "@interactions?since:int=3", None, {}, 400, "BadRequest", "Envoyez des paramètres simples (nom=valeur) : since:int refusé(s)."),
    (None, "GET", "@answer?q=cni&b_size:int=abc", None, {}, 400, "BadRequest", "Le paramètre « b_size:int » ne peut pas être converti."),
    (None, "GET", "?x:int=abc", None, {}, 400, "BadRequest", "Le paramètre « x:int » ne peut pas être converti."),
    (
        None,
        "POST",
        "@page-view",
        b"x:float=abc",
        {"Content-Type": "application/x-www-form-urlencoded"},
        400,
        "BadRequest",
        "Le paramètre « x:float » ne peut pas être converti.",
    ),
    # Stock catalog queries.
    (None, "GET", "@search?top_rank.query=abc&top_rank.range=min", None, {}, 400, "BadRequest", SEARCH.format("top_rank")),
    (None, "GET", "@search?is_folderish.query=a", None, {}, 400, "BadRequest", SEARCH.format("is_folderish")),
    (None, "GET", "@search?created.query=abc&created.range=min", None, {}, 400, "BadRequest", SEARCH.format("created")),
    (None, "GET", "@search?b_size=abc", None, {}, 400, "BadRequest", SEARCH.format("b_size")),
    (None, "GET", "@search?path.depth=abc", None, {}, 400, "BadRequest", SEARCH.format("path")),
    (
        None,
        "GET",
        "@search?getObjPositionInParent.query=1&getObjPositionInParent.range=min",
        None,
        {},
        400,
        "BadRequest",
        SEARCH.format("getObjPositionInParent"),
    ),
    (
        None,
        "GET",
        "@@getVocabulary?name=plone.app.vocabularies.Catalog",
        None,
        {},
        400,
        "BadRequest",
        'Ce vocabulaire demande une requête : query={"criteria": [...]}.',
    ),
    (
        "admin",
        "GET",
        "@@getVocabulary?name=plone.app.vocabularies.Catalog&query=abc",
        None,
        {},
        400,
        "BadRequest",
        'Ce vocabulaire demande une requête : query={"criteria": [...]}.',
    ),
    # The search log beacon (issue 17): bodies it cannot read.
    (None, "POST", "@search-log", DEEP, JSON, 400, "BadRequest", "Le corps de la requête est trop imbriqué (au plus 64 niveaux)."),
    (None, "POST", "@search-log", b"query=velo", JSON, 400, "BadRequest", BAD_JSON),
    ("agent", "POST", "@search-log", b'["velo"]', JSON, 400, "BadRequest", "Le corps de la requête doit être un objet JSON."),
    (None, "POST", "@search-log", b'{"query": "' + b"v" * 5000 + b'"}', JSON, 413, "RequestEntityTooLarge", "Requête trop volumineuse."),
]


def _last_transaction(functional):
    return functional["app"]._p_jar.db().lastTransaction()


@pytest.mark.parametrize(
    ("user", "method", "path", "body", "headers", "status", "kind", "message"),
    CASES,
    ids=[f"{c[0] or 'anonymous'}-{c[1]}-{c[2][:60]}" for c in CASES],
)
def test_refused(request, functional, site, rest, user, method, path, body, headers, status, kind, message):
    if path.startswith(f"demarches/{OWN_SHEET}"):
        request.getfixturevalue("own_sheet")  # a sheet of the test's own, committed before `before`
    before = _last_transaction(functional)
    response = rest(user).request(method, f"{site}/{path}", data=body, headers=headers)
    assert (response.status_code, response.headers["Content-Type"].split(";")[0]) == (status, "application/json")
    assert response.json() == {"error": {"type": kind, "message": message}}
    if status == 405:
        assert "GET" in response.headers["Allow"] and method not in response.headers["Allow"]
    assert _last_transaction(functional) == before


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("@search?top_rank.query=1&top_rank.range=min", {f"/plone/demarches/{OWN_SHEET}"}),
        ("@desks?open_at=2199-12-31T10:00:00%2B14:00", None),
        ("@desks?open_at=1970-01-02T10:00:00Z", None),
    ],
)
def test_accepted_at_the_edges(site, rest, catalogue, path, expected):
    """Numbers for a numeric range and dates inside the range are still answered."""
    if expected is not None:
        catalogue(*make.standalone_sheet(OWN_SHEET, "Fiche d'essai", top_rank=1))
    response = rest().get(f"{site}/{path}")
    assert response.status_code == 200
    if expected is not None:
        assert expected <= {item["@id"].split(site.rsplit("/", 1)[0])[-1] for item in response.json()["items"]}
    else:
        for desk in response.json()["items"]:
            for moment in (desk["next_opening"], desk["closes_at"]):
                assert moment is None or moment[-6:] in ("+01:00", "+02:00")


def test_checkin_body_not_json(functional, site, rest, own_sheet):
    admin = rest("admin")
    assert admin.post(f"{site}/demarches/{OWN_SHEET}/@workingcopy").status_code == 201
    before = _last_transaction(functional)
    response = admin.patch(f"{site}/demarches/{OWN_SHEET}/@workingcopy", data=b"pas du json", headers=JSON)
    assert response.status_code == 400
    assert response.json() == {"error": {"type": "BadRequest", "message": BAD_JSON}}
    assert _last_transaction(functional) == before
    assert admin.get(f"{site}/demarches/{OWN_SHEET}/@workingcopy").json()["working_copy"] is not None
