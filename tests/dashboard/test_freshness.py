"""Panel `freshness` (dashboard/freshness.py) and the publication delays behind it
(workflow/delays.py): figures of a department of the test's own, frozen clock."""

import catalogue_factory as make
from datetime import date
from datetime import timedelta
from guichet_kb import clock
import pytest
import transaction
from types import SimpleNamespace


DEPARTMENT = "service-fraicheur"
TITLE = "Service de la fraîcheur"


def scope(portal, start, end):
    """A stand-in for the dashboard's Scope (dashboard/period.py): a period of equal length before."""
    length = end - start + timedelta(days=1)
    previous_end = start - timedelta(days=1)
    return SimpleNamespace(start=start, end=end, previous_start=start - length, previous_end=previous_end, filters={}, unit="day", portal=portal)


def draft(rest, site, town, department, desk, sheet_id, title):
    payload = {
        "@type": "ServiceSheet",
        "id": sheet_id,
        "title": title,
        "description": "Une démarche pour les tests.",
        "eligibility": {"data": "<p>Tout le monde.</p>", "content-type": "text/html"},
        "channels": ["on_site"],
        "no_document_needed": True,
        "department": department.UID(),
        "desks": [desk.UID()],
        "competences": [{"organisation": town, "case": None}],
    }
    response = rest("redacteur").post(f"{site}/demarches", json=payload)
    assert response.status_code == 201, response.text
    url = response.json()["@id"]
    assert rest("redacteur").post(f"{url}/@workflow/submit", json={"comment": "À relire."}).status_code == 200
    return url


@pytest.fixture
def department_items(functional, catalogue, rest, site, monkeypatch):
    """In one department: a sheet past its review date, a flagged one, one submitted and
    published three days later by another user, one submitted and still pending."""
    from guichet_kb.workflow import review

    items = catalogue(
        make.town(),
        make.department(DEPARTMENT, TITLE),
        make.desk("guichet-fraicheur", "Guichet de la fraîcheur"),
        make.sheet("fiche-en-retard", "Fiche en retard", DEPARTMENT, ["guichet-fraicheur"]),
        make.sheet("fiche-signalee", "Fiche signalée", DEPARTMENT, ["guichet-fraicheur"]),
    )
    items["fiche-en-retard"].next_review_date = date(2020, 1, 1)
    items["fiche-en-retard"].reindexObject()
    review.add_flag(items["fiche-signalee"], items["guichet-fraicheur"], "admin")
    transaction.commit()
    town = items[make.TOWN].UID()
    department, desk = items[DEPARTMENT], items["guichet-fraicheur"]
    published = draft(rest, site, town, department, desk, "fiche-publiee", "Fiche publiée")
    draft(rest, site, town, department, desk, "fiche-en-attente", "Fiche en attente")
    later = clock.now() + timedelta(days=3)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert rest("valideur").post(f"{published}/@workflow/publish", json={}).status_code == 200
    transaction.begin()
    return {"portal": functional["portal"], "day": later.date(), "department": department, "town": town}


def test_freshness_by_department(department_items):
    from guichet_kb.dashboard.freshness import freshness

    portal, day, department = department_items["portal"], department_items["day"], department_items["department"]
    panel = freshness(scope(portal, day, day))
    assert panel["id"] == "freshness" and panel["title"] == "Fraîcheur : relectures par service responsable"
    assert [c["title"] for c in panel["columns"]] == [
        "Service responsable",
        "Relectures en retard",
        "À revérifier",
        "En attente de validation",
        "Plus ancienne attente (jours)",
        "Attente médiane (jours)",
        "Publications après relecture",
        "Délai médian de la soumission à la publication (jours)",
        "Période précédente (jours)",
    ]
    own = [row for row in panel["rows"] if row["department"] == TITLE]
    assert own == [
        {
            "department": TITLE,
            "url": department.absolute_url(),
            "overdue": 1,
            "flagged": 1,
            "pending": 1,
            "oldest_pending_days": 3,
            "median_pending_days": 3,
            "publications": 1,
            "median_publication_days": 3.0,
            "previous_median_publication_days": None,
        }
    ]
    total = panel["rows"][0]
    assert total["department"] == "Tous les services"
    for column in ("overdue", "flagged", "pending", "publications"):
        assert total[column] == sum(row[column] for row in panel["rows"][1:])
    assert panel["chart"] == {"kind": "stacked", "x": "department", "series": ["overdue", "flagged", "pending"]}
    text = repr(panel)  # figures and departments' titles only: no phone, e-mail nor user of the fixtures
    for personal in ("01 00 00 00", "@ville-exemple.invalid", "redacteur", "valideur"):
        assert personal not in text


def test_publication_delays_are_recorded_once_without_personal_data(department_items):
    """One publication reviewed by someone else: one record (department, seconds); the
    test's own catalogue, loaded and published by its author, recorded none."""
    from guichet_kb.workflow import delays

    day = department_items["day"]
    today = day - timedelta(days=3)
    assert [(d, round(s / 86400)) for d, s in delays.between(day, day)] == [(department_items["department"].UID(), 3)]
    assert department_items["department"].UID() not in [d for d, _s in delays.between(today, today)]
    assert delays.first_day() == day


def test_the_note_says_since_when_delays_are_recorded(department_items):
    from guichet_kb.dashboard.freshness import freshness
    from guichet_kb.dates.words import long_date
    from guichet_kb.workflow import delays
    from zope.globalrequest import getRequest

    day = department_items["day"]
    note = freshness(scope(department_items["portal"], day, day))["note"]
    first = long_date(delays.first_day(), getRequest())
    assert note == (
        "En retard, à revérifier, en attente : aujourd'hui. Publications : sur la période et la précédente. "
        f"Les délais sont mesurés depuis le {first}."
    )


def test_a_submitted_working_copy_checked_in_records_its_delay(catalogue, rest):
    """A check-in publishes a working copy's changes: its delay since the copy's submission
    is recorded once, under the sheet's department; a refused check-in records nothing."""
    from guichet_kb.workflow import delays

    items = catalogue(*make.standalone_sheet("copie-delai", "Démarche copiée"))
    sheet, department = items["copie-delai"], items["copie-delai-service"].UID()
    copy = rest("redacteur").post(f"{sheet.absolute_url()}/@workingcopy").json()["@id"]
    assert rest("redacteur").patch(copy, json={"cost_note": "Nouveau tarif."}).status_code == 204
    assert rest("redacteur").post(f"{copy}/@workflow/submit", json={"comment": "Tarif."}).status_code == 200
    assert rest("valideur").patch(f"{copy}/@workingcopy", json={}).status_code == 400  # no change note: refused
    transaction.begin()
    today = clock.today()
    assert [d for d, _s in delays.between(today, today)] == []
    assert rest("valideur").patch(f"{copy}/@workingcopy", json={"message": "Tarif vérifié."}).status_code == 204
    transaction.begin()
    assert [d for d, _s in delays.between(today, today)] == [department]
