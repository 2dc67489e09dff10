"""The dashboard's figures over real HTTP: interactions logged through POST @interactions
at frozen moments, compacted by the daily rollup (stats/cubes.py), read back by the desk
manager as JSON, as CSV and in the page's tables: the same numbers everywhere, computed by
hand here. Nothing personal in any panel or export; hidden items are not named."""

import catalogue_factory as make
import csv
from dashboard_helpers import Tables
from datetime import date
from guichet_kb.stats import cubes
from guichet_kb.stats import rollup
import io
from plone import api
import pytest
import re
import transaction


PANEL_IDS = ("channels", "trend", "outcomes", "unanswered_services", "top_services", "hours", "week_hours", "desks")
NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}
# (day, hour, sheet or None, channel, outcome, redirected to the CAF) x count
CALLS = [
    ((2026, 11, 2), 9, "tdb-passeport", "telephone", "answered", False, 3),
    ((2026, 11, 2), 14, "tdb-passeport", "accueil", "answered", False, 1),
    ((2026, 11, 10), 10, "tdb-encombrants", "telephone", "redirected", True, 2),
    ((2026, 11, 10), 10, None, "chat", "not_answered", False, 1),
    ((2026, 11, 20), 16, "tdb-encombrants", "courriel", "not_answered", False, 1),
    ((2026, 10, 5), 9, "tdb-passeport", "telephone", "answered", False, 2),
    ((2026, 10, 5), 9, None, "telephone", "not_answered", False, 2),
]


@pytest.fixture
def logged(rest, site, catalogue, at, functional):
    items = catalogue(
        make.organisation("caf-tdb", "CAF du tableau de bord", kind="caf", email="contact@caf-tdb.example", phone="01 23 45 67 89"),
        *make.standalone_sheet("tdb-passeport", "Passeport d'essai"),
        *make.standalone_sheet("tdb-encombrants", "Encombrants d'essai"),
    )
    agent = rest("agent")
    for day, hour, sheet, channel, outcome, redirected, count in CALLS:
        at(*day, hour)
        body = {"channel": channel, "outcome": outcome}
        if sheet:
            body["service"] = items[sheet].UID()
        if redirected:
            body["organisation"] = items["caf-tdb"].UID()
        for _ in range(count):
            assert agent.post(f"{site}/@interactions", json=body).status_code == 201
    desk = items["tdb-passeport-guichet"].UID()
    for day in ((2026, 11, 3), (2026, 10, 3)):  # two visits at the tests' desk (the agent's « Mon guichet »)
        at(*day, 11)
        body = {"service": items["tdb-passeport"].UID(), "channel": "accueil", "outcome": "answered", "desk": desk}
        assert agent.post(f"{site}/@interactions", json=body).status_code == 201
    at(2026, 12, 1, 10)
    transaction.begin()
    assert rollup.rollup()["remaining"] == 0
    assert cubes.rolled_through() == date(2026, 11, 30)  # the figures below come from the cubes, not raw records
    transaction.commit()
    return items


def dashboard(rest, site, **params):
    response = rest("responsable").get(f"{site}/@dashboard", params={**NOVEMBER, **params})
    assert response.status_code == 200, response.text
    return response.json()


def panel(data, id):
    return next(p for p in data["panels"] if p["id"] == id)


def rows(found, *columns):
    return [tuple(row.get(column) for column in columns) for row in found["rows"]]


def test_figures(rest, site, logged):
    data = dashboard(rest, site)
    assert data["period"] == {"start": "2026-11-01", "end": "2026-11-30", "unit": "day", "preset": None}
    assert data["previous"] == {"start": "2026-10-01", "end": "2026-10-31"}
    assert [p["id"] for p in data["panels"]] == [
        "channels",
        "trend",
        "outcomes",
        "unanswered_services",
        "content_gaps",
        "top_services",
        "hours",
        "week_hours",
        "desks",
        "freshness",
        "appointments",
        "queue",
    ]
    channels = panel(data, "channels")
    assert channels["title"] == "Interactions par canal"
    assert [c["title"] for c in channels["columns"]] == ["Canal", "Interactions", "Période précédente", "Évolution (%)"]
    assert rows(channels, "channel", "count", "previous", "change") == [
        ("Total", 9, 5, 80.0),
        ("Téléphone", 5, 4, 25.0),
        ("Accueil", 2, 1, 100.0),
        ("Courriel", 1, 0, None),
        ("Chat", 1, 0, None),
        ("Courrier", 0, 0, None),
        ("E-services (formulaires en ligne)", 0, 0, None),
        ("Réseaux sociaux", 0, 0, None),
        ("Visio", 0, 0, None),
    ]
    assert rows(panel(data, "outcomes"), "outcome", "count", "share", "previous", "previous_share") == [
        ("Répondu au premier contact", 5, 55.6, 3, 60.0),
        ("Orienté vers un autre organisme", 2, 22.2, 0, 0.0),
        ("Orienté vers : CAF du tableau de bord", 2, 22.2, 0, 0.0),
        ("Pas pu répondre", 2, 22.2, 2, 40.0),
    ]
    assert rows(panel(data, "top_services"), "service", "count", "previous", "change") == [
        ("Passeport d'essai", 5, 3, 66.7),
        ("Encombrants d'essai", 3, 0, None),
    ]
    top = panel(data, "top_services")["rows"][0]
    assert (top["url"], top["uid"]) == (logged["tdb-passeport"].absolute_url(), logged["tdb-passeport"].UID())
    assert rows(panel(data, "unanswered_services"), "service", "count", "previous", "requests", "rate") == [
        ("Sans fiche (question sans fiche)", 1, 2, 1, 100.0),
        ("Encombrants d'essai", 1, 0, 3, 33.3),
    ]
    trend = panel(data, "trend")
    assert len(trend["rows"]) == 30 and trend["rows"][0]["bucket"] == "2026-11-01"
    assert rows(trend, "bucket", "total", "answered", "redirected", "not_answered", "previous")[1] == ("2026-11-02", 4, 4, 0, 0, 0)
    assert (trend["rows"][2]["total"], trend["rows"][2]["previous"]) == (1, 1)  # 3 November beside 3 October
    assert trend["rows"][4]["previous"] == 4  # 2026-11-05's rank in October: the 5th
    assert sum(row["total"] for row in trend["rows"]) == 9
    assert rows(panel(data, "hours"), "hour", "voice", "desk", "written", "total", "previous") == [
        ("09 h", 3, 0, 0, 3, 4),
        ("10 h", 2, 0, 1, 3, 0),
        ("11 h", 0, 1, 0, 1, 1),
        ("12 h", 0, 0, 0, 0, 0),
        ("13 h", 0, 0, 0, 0, 0),
        ("14 h", 0, 1, 0, 1, 0),
        ("15 h", 0, 0, 0, 0, 0),
        ("16 h", 0, 0, 1, 1, 0),
    ]
    week = panel(data, "week_hours")
    assert [row["total"] for row in week["rows"]] == [4, 4, 0, 0, 1, 0, 0]  # Monday 2nd, Tuesdays 3rd and 10th, Friday 20th
    assert week["rows"][0]["h09"] == 3 and week["rows"][0]["h14"] == 1 and week["rows"][1]["h11"] == 1
    assert rows(panel(data, "desks"), "desk", "count", "previous", "change", "uid") == [
        ("Guichet non renseigné", 8, 4, 100.0, None),
        ("Guichet de Passeport d'essai", 1, 1, 0.0, logged["tdb-passeport-guichet"].UID()),
    ]


def test_filters(rest, site, logged):
    data = dashboard(rest, site, channel="telephone", service=logged["tdb-encombrants"].UID())
    assert data["filters"] == {"channel": "telephone", "service": logged["tdb-encombrants"].UID()}
    assert rows(panel(data, "channels"), "channel", "count", "previous") == [("Total", 2, 0), ("Téléphone", 2, 0)]
    organisation = dashboard(rest, site, organisation=logged["caf-tdb"].UID())
    assert rows(panel(organisation, "channels"), "count")[0] == (2,)
    desk = dashboard(rest, site, desk=logged["tdb-passeport-guichet"].UID())
    assert rows(panel(desk, "channels"), "channel", "count", "previous")[:3] == [("Total", 1, 1), ("Téléphone", 0, 0), ("Accueil", 1, 1)]


def test_csv_is_the_json_rows(rest, site, logged):
    data = dashboard(rest, site)
    for id in ("channels", "outcomes", "unanswered_services", "hours"):
        response = rest("responsable").get(f"{site}/@dashboard", params={**NOVEMBER, "panel": id, "format": "csv"})
        assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
        assert response.headers["Cache-Control"] == "private, no-store"
        assert f"tableau-de-bord-{id}-2026-11-01-2026-11-30.csv" in response.headers["Content-Disposition"]
        found = list(csv.reader(io.StringIO(response.text)))
        expected = panel(data, id)
        assert found[0] == [c["title"] for c in expected["columns"]]
        assert found[1:] == [["" if row.get(c["id"]) is None else str(row[c["id"]]) for c in expected["columns"]] for row in expected["rows"]]


def test_an_empty_period_gives_a_header_only_csv(rest, site, logged):
    response = rest("responsable").get(
        f"{site}/@dashboard", params={"from": "2025-01-01", "to": "2025-01-31", "panel": "top_services", "format": "csv"}
    )
    assert response.status_code == 200
    assert response.text.splitlines() == ["Démarche,Interactions,Période précédente,Évolution (%)"]


def test_the_page_shows_the_same_figures(rest, site, logged):
    data = dashboard(rest, site)
    page = rest("responsable").get(f"{site}/@@tableau-de-bord", params=NOVEMBER, headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["Cache-Control"] == "private, no-store"
    parsed = Tables()
    parsed.feed(page.text)
    assert parsed.glance == {"glance-total": "9", "glance-previous": "5", "glance-change": "80.0", "glance-not-answered": "2"}
    for found in data["panels"]:
        if not found["rows"]:
            continue
        expected = [[c["title"] for c in found["columns"]]]
        expected += [["–" if row.get(c["id"]) is None else str(row[c["id"]]) for c in found["columns"]] for row in found["rows"]]
        assert parsed.tables[found["id"]] == expected, found["id"]
    assert page.text.count('role="img"') == sum(1 for p in data["panels"] if p["rows"] and p["chart"]["kind"] != "none")
    link = f"{site}/++api++/@dashboard?from=2026-11-01&amp;to=2026-11-30&amp;panel=channels&amp;format=csv"
    assert link in page.text
    exported = rest("responsable").get(link.replace("&amp;", "&"))
    assert exported.status_code == 200 and exported.text.splitlines()[1] == "Total,9,5,80.0"


EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?<![0-9A-Za-z])0\d(?:[ .]?\d\d){4}(?![0-9A-Za-z])")  # not inside a UID


def test_nothing_personal_in_any_panel_or_export(rest, site, logged):
    session = rest("responsable")
    data = session.get(f"{site}/@dashboard", params=NOVEMBER).text
    outputs = [data] + [
        session.get(f"{site}/@dashboard", params={**NOVEMBER, "panel": id, "format": "csv"}).text
        for id in (p["id"] for p in dashboard(rest, site)["panels"])
    ]
    page = session.get(f"{site}/@@tableau-de-bord", params=NOVEMBER, headers={"Accept": "text/html"}).text
    outputs.append(page[page.index('id="guichet-dashboard"') :])
    for text in outputs:
        assert EMAIL.findall(text) == [] and PHONE.findall(text) == []
    assert "caf-tdb.example" not in "".join(outputs) and "01 23 45 67 89" not in "".join(outputs)


def test_a_retracted_sheet_keeps_its_figures_but_not_its_title(rest, site, logged, functional):
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=functional["portal"]["demarches"]["tdb-encombrants"], transition="retract")
    transaction.commit()
    found = panel(dashboard(rest, site), "top_services")
    assert rows(found, "service", "count") == [("Passeport d'essai", 5), ("(élément non visible : non publié ou supprimé)", 3)]
    assert "url" not in found["rows"][1] and "uid" not in found["rows"][1]
    hidden = rest("responsable").get(f"{site}/@dashboard", params={**NOVEMBER, "service": logged["tdb-encombrants"].UID()})
    assert hidden.status_code == 400
