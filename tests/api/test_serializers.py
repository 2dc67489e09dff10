"""One JSON shape per entity (guichet_kb.serializers), whoever shows it.

A desk reads the same in `@desks`, `@answer` and `?expand=guichet`, and its
hours are computed once per desk and request; a sheet's document rows are the
same on the Classic page, in the expansion and in the agents' checklist.
"""

import catalogue_factory as make
from collections import Counter
from datetime import datetime
from guichet_kb import clock
from guichet_kb.content.desk import Desk
from guichet_kb.demo.loader import read_catalogue
from guichet_kb.serializers import desk as desk_serializer
from lxml import html as lxml_html
import pytest
from zoneinfo import ZoneInfo


# A Monday morning: the main desk is open, the annex closed (closes_at and next_opening both set somewhere).
MOMENT = datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture
def frozen():
    """Desk hours computed at MOMENT when a service asks for "now" (the clock seam)."""
    with clock.frozen(MOMENT) as moment:
        yield moment


@pytest.fixture
def schedules(monkeypatch):
    """Counts Desk.schedule() calls by desk URL."""
    calls = Counter()
    original = Desk.schedule

    def counting(self):
        calls[self.absolute_url()] += 1
        return original(self)

    monkeypatch.setattr(Desk, "schedule", counting)
    return calls


@pytest.fixture
def hours(monkeypatch):
    """Counts the hours worked out (from a desk, or from its catalog metadata in @answer)."""
    calls = Counter()
    original = desk_serializer.schedule_hours

    def counting(schedule, when=None):
        calls["hours"] += 1
        return original(schedule, when)

    monkeypatch.setattr(desk_serializer, "schedule_hours", counting)
    return calls


def _desks_at(rest, site, moment, **params):
    return rest().get(f"{site}/@desks", params={"open_at": moment.isoformat(), **params}).json()["items"]


def test_a_desk_reads_the_same_in_desks_answer_and_expansion(rest, site, frozen):
    desks = {desk["@id"]: desk for desk in _desks_at(rest, site, frozen)}
    answer = [item for item in rest().get(f"{site}/@answer", params={"q": "acte", "b_size": 50}).json()["items"] if item.get("desk")]
    expansion = rest().get(f"{site}/demarches/carte-identite", params={"expand": "guichet"}).json()["@components"]["guichet"]["desks"]
    assert answer and len(expansion) == 2
    for desk in [item["desk"] for item in answer] + expansion:
        assert desk == desks[desk["@id"]]
    main = desks[f"{site}/guichets/mairie-centrale"]
    assert main["open_now"] is True and main["closes_at"] == "2026-11-30T12:00:00+01:00" and len(main["week"]) == 7
    assert set(main) == {
        "@id",
        "UID",
        "title",
        "address",
        "phone",
        "email",
        "appointment_url",
        "latitude",
        "longitude",
        "organisation",
        "open_now",
        "time_zone",
        "closes_at",
        "next_opening",
        "week",
        "notices",  # issue 16: the desk's service notices active then
        "agendas",  # issue 18: where it can be booked (serializers/agenda.py)
        "queues",  # issue 19: its walk-in queues (serializers/queue.py)
    }
    assert main["notices"] == []
    assert (main["organisation"]["title"], main["organisation"]["is_town"]) == ("Commune de Ville-Exemple", True)


def test_hours_computed_once_per_desk_and_request(rest, site, schedules, hours):
    items = _desks_at(rest, site, MOMENT)
    assert len(items) == len(read_catalogue()["desks"]) and set(schedules.values()) == {1} and hours["hours"] == len(items)

    schedules.clear()
    hours.clear()
    answer = rest().get(f"{site}/@answer", params={"q": "acte", "b_size": 50}).json()["items"]
    named = Counter(item["desk"]["@id"] for item in answer if item.get("desk"))
    assert max(named.values()) >= 2  # several sheets share their first desk...
    assert hours["hours"] == len(named)  # ...whose hours are worked out once...
    assert schedules == Counter()  # ...from its catalog metadata: no desk woken

    schedules.clear()
    rest().get(f"{site}/demarches/carte-identite", params={"expand": "guichet"}).json()
    assert sorted(schedules) == [f"{site}/guichets/mairie-annexe", f"{site}/guichets/mairie-centrale"]
    assert set(schedules.values()) == {1}


def _page_rows(rest, site, sheet):
    """(href, title, badges) of each document on the Classic sheet page."""
    page = lxml_html.fromstring(rest().get(f"{site}/demarches/{sheet}", headers={"Accept": "text/html"}).text)
    rows = []
    for li in page.cssselect("ul.guichet-documents > li"):
        link = li.cssselect("a")[0]
        badges = [span.text_content() for span in li.xpath("./span")]
        rows.append((link.get("href"), link.text_content(), badges))
    return rows


@pytest.fixture
def sheet(catalogue):
    """The id of a published sheet of the test's own whose document rows mix every qualifier."""
    documents = [make.document(f"piece-{n}", f"Pièce {n}") for n in range(1, 5)]
    rows = [
        make.required("piece-1"),
        make.required("piece-2", requirement="optional", form="copy", case="Demande pour un mineur"),
        make.required("piece-3", form="original_or_copy", note="Datée de moins de 3 mois."),
        make.required("piece-4", requirement="optional", case="Renouvellement", note="Ou l'ancien passeport."),
    ]
    catalogue(*documents, *make.standalone_sheet("fiche-essai", "Fiche d'essai", required_documents=rows))
    return "fiche-essai"


def test_document_rows_match_on_page_expansion_and_checklist(rest, site, sheet):
    data = rest("agent").get(f"{site}/demarches/{sheet}", params={"expand": "guichet"}).json()
    rows = data["@components"]["guichet"]["documents"]
    assert len(rows) == 4 and all(row["requirement_title"] and row["form_title"] for row in rows)
    assert any(row["case"] for row in rows) and any(row["note"] for row in rows)

    assert _page_rows(rest, site, sheet) == [(row["@id"], row["title"], [row["requirement_title"], row["form_title"]]) for row in rows]

    checklist = rest("agent").get(f"{site}/@checklist", params={"service": data["UID"]}).json()["lines"]
    expected = []
    for row in rows:
        line = f"{row['title']} ({row['requirement_title'].lower()}, {row['form_title'].lower()})"
        extra = " ; ".join(filter(None, (row["case"], row["note"])))
        expected.append(f"{line} : {extra}" if extra else line)
    assert checklist == expected
