"""@top-services, @life-events, @desks and the `guichet` expansion, role by role."""

import catalogue_factory as make
from plone import api
import pytest
from repo_paths import ROOT
import transaction


def get(rest, site, path, user=None, **params):
    response = rest(user).get(f"{site}/{path}", params=params)
    return response.status_code, response.json()


# Weekdays 08:30-12:00 and 13:30-17:30: a lunch break.
HOURS = [{"day": day, "opens": opens, "closes": closes} for day in make.WEEKDAYS for opens, closes in (("08:30", "12:00"), ("13:30", "17:30"))]


@pytest.fixture
def sheet(catalogue):
    """A published sheet of the test's own: a document, a desk with a lunch break
    (`guichet-essai`), a department and two related answers; its path."""
    catalogue(
        make.department("service-essai", "Service d'essai"),
        make.desk("guichet-essai", "Guichet d'essai", opening_hours=HOURS),
        make.document("piece-essai", "Pièce d'essai"),
        make.answer("reponse-1", "Première réponse", ["fiche-essai"], internal_notes="Note interne."),
        make.answer("reponse-2", "Seconde réponse", ["fiche-essai"]),
        make.sheet(
            "fiche-essai",
            "Fiche d'essai",
            "service-essai",
            ["guichet-essai"],
            required_documents=[make.required("piece-essai")],
            related_answers=["reponse-1", "reponse-2"],
        ),
    )
    return "demarches/fiche-essai"


def test_top_services_order_and_cap(rest, site):
    status, data = get(rest, site, "@top-services")
    assert status == 200
    assert [i["top_rank"] for i in data["items"]] == sorted(i["top_rank"] for i in data["items"])
    assert 1 <= len(data["items"]) <= 8
    first = data["items"][0]
    assert first["title"] and first["summary"] and first["@id"].endswith("carte-identite")


def test_top_services_cap_at_eight(rest, site, functional):
    portal = functional["portal"]
    for rank, brain in enumerate(api.content.find(context=portal["demarches"], portal_type="ServiceSheet")[:12], 1):
        obj = brain.getObject()
        obj.top_rank = rank
        obj.reindexObject()
    transaction.commit()
    assert len(get(rest, site, "@top-services")[1]["items"]) == 8


def test_top_services_bad_audience(rest, site):
    status, data = get(rest, site, "@top-services", audience="martiens")
    assert status == 400 and "martiens" in data["error"]["message"]


def test_life_events_in_editor_order_with_counts(rest, site):
    status, data = get(rest, site, "@life-events")
    tokens = [item["token"] for item in data["items"]]
    assert tokens[:3] == ["naissance", "mariage-pacs", "deces"]
    identity = next(item for item in data["items"] if item["token"] == "papiers-identite")
    assert identity["items_total"] == len(identity["items"]) >= 2


@pytest.mark.parametrize(
    "instant, open_now",
    [
        ("2026-11-30T10:00:00+01:00", True),  # Monday morning
        ("2026-11-29T10:00:00+01:00", False),  # Sunday
        ("2026-11-30T12:45:00+01:00", False),  # lunch break
    ],
)
def test_desks_open_now_at_fixed_instants(rest, site, sheet, instant, open_now):
    status, data = get(rest, site, "@desks", open_at=instant)
    desk = next(item for item in data["items"] if item["@id"].endswith("guichet-essai"))
    assert desk["open_now"] is open_now
    assert len(desk["week"]) == 7 and desk["next_opening"]


def test_desks_for_a_service(rest, site, sheet):
    uid = get(rest, site, sheet)[1]["UID"]
    status, data = get(rest, site, "@desks", service=uid)
    assert status == 200 and {i["@id"].rsplit("/", 1)[-1] for i in data["items"]} >= {"guichet-essai"}
    assert get(rest, site, "@desks", service="nope")[0] == 404


def test_desks_bad_open_at(rest, site):
    status, data = get(rest, site, "@desks", open_at="demain matin")
    assert status == 400 and "ISO 8601" in data["error"]["message"]  # French: "date et une heure ISO 8601"


def test_expansion_resolves_everything_once(rest, site, sheet):
    status, data = get(rest, site, sheet, expand="guichet")
    guichet = data["@components"]["guichet"]
    assert guichet["documents"][0]["title"] and guichet["documents"][0]["requirement"] in ("mandatory", "optional")
    assert guichet["desks"][0]["week"] and "open_now" in guichet["desks"][0]
    assert guichet["department"]["title"]
    assert all("internal_notes" not in answer for answer in guichet["related_answers"])


def test_expansion_hides_what_the_caller_cannot_view(rest, site, functional, sheet):
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(portal["questions"]["reponse-1"], transition="retract")
    transaction.commit()
    anonymous = get(rest, site, sheet, expand="guichet")[1]["@components"]["guichet"]
    staff = get(rest, site, sheet, "redacteur", expand="guichet")[1]["@components"]["guichet"]
    assert len(anonymous["related_answers"]) == len(staff["related_answers"]) - 1


@pytest.mark.parametrize(
    "path", ["@answer?q=passeport", "@answer-suggest?q=pass", "@top-services", "@life-events", "@desks", "@organisations", "@open-data"]
)
def test_cache_headers(rest, site, path):
    """plone.app.caching's ruleset guichet_kb.public_api: anonymous answers are
    shared briefly and revalidated with an ETag; staff answers are private."""
    anonymous = rest().get(f"{site}/{path}")
    assert anonymous.headers["X-Cache-Rule"] == "guichet_kb.public_api"
    assert anonymous.headers["Cache-Control"] == "max-age=30, s-maxage=60, proxy-revalidate, public"
    assert "Authorization" in anonymous.headers["Vary"] and "Accept-Language" in anonymous.headers["Vary"]
    again = rest().get(f"{site}/{path}", headers={"If-None-Match": anonymous.headers["ETag"]})
    assert again.status_code in (200, 304)  # 200 only when the minute turned meanwhile
    staff = rest("agent").get(f"{site}/{path}")
    assert "private" in staff.headers["Cache-Control"] and "max-age=0" in staff.headers["Cache-Control"]


def test_openapi_lists_every_service():
    import re
    import yaml

    root = ROOT
    spec = yaml.safe_load((root / "docs" / "openapi.yaml").read_text())
    names = set()
    for zcml in (root / "src" / "guichet_kb" / "api").rglob("configure.zcml"):
        names |= set(re.findall(r'name="(@[\w-]+)"', zcml.read_text()))
    names -= {"@workflow", "@workingcopy"}  # plone.restapi's own, documented there
    # A service of the site root at /@name, one of an item at its item path (/demarches/{id}/@name).
    assert names <= {path.rsplit("/", 1)[-1] for path in spec["paths"]}
