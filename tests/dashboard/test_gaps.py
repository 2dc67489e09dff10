"""Panel `content_gaps` (dashboard/gaps.py): figures of the test's own sheets, frozen
clock, read live (days not rolled up) and after the daily job (compacted): the same rows."""

import catalogue_factory as make
from datetime import datetime
from datetime import timedelta
from guichet_kb import clock
import pytest
from types import SimpleNamespace


DAY = datetime(2026, 11, 18, 10, 30)  # a Wednesday; the day before is the previous period


def scope(portal, day, **filters):
    before = day - timedelta(days=1)
    return SimpleNamespace(start=day, end=day, previous_start=before, previous_end=before, filters=filters, unit="day", portal=portal)


@pytest.fixture
def gaps(integration):
    """Calls not answered, agents' reports and "useful?" answers about four sheets."""
    from guichet_kb.interactions import store
    from guichet_kb.stats.store import add_feedback

    portal = integration["portal"]
    titles = {
        "manque-carte": "Carte grise",
        "manque-permis": "Permis de construire",
        "manque-recensement": "Recensement citoyen",
        "manque-cantine": "Cantine scolaire",
    }
    items = make.publish(
        portal,
        make.department("service-manques", "Service des manques"),
        make.desk("guichet-manques", "Guichet des manques"),
        *(make.sheet(id, title, "service-manques", ["guichet-manques"]) for id, title in titles.items()),
    )
    uid = {id: items[id].UID() for id in titles}
    with clock.frozen(DAY - timedelta(days=1)):
        store.add(uid["manque-carte"], "telephone", "not_answered")
        store.add(None, "accueil", "not_answered")
        add_feedback(uid["manque-recensement"], False, "")
    with clock.frozen(DAY):
        for channel in ("telephone", "telephone", "accueil"):
            store.add(uid["manque-carte"], channel, "not_answered")
        store.add(uid["manque-carte"], "telephone", "answered")
        store.add(None, "telephone", "not_answered")
        store.add(uid["manque-permis"], "telephone", "not_answered")
        store.add_report(uid["manque-permis"], "incorrect", "Le délai a changé.", "agent")
        store.add_report(uid["manque-permis"], "incorrect", "Le coût aussi.", "agent")
        store.add_report(uid["manque-recensement"], "no_answer", "Rien sur les majeurs.", "agent")
        for useful in (True, False, False, False, False, False):  # 1 useful out of 6
            add_feedback(uid["manque-recensement"], useful, "")
        for useful in (False, False, False, False):  # 4 answers: below the minimum of 5
            add_feedback(uid["manque-cantine"], useful, "")
    return SimpleNamespace(portal=portal, items=items, uid=uid)


def expected(gaps):
    url = {id: gaps.items[id].absolute_url() for id in gaps.uid}
    return [
        {"kind": "Appels sans réponse", "subject": "Carte grise", "count": 3, "previous": 1, "detail": "", "url": url["manque-carte"]},
        {"kind": "Appels sans réponse", "subject": "Permis de construire", "count": 1, "previous": 0, "detail": "", "url": url["manque-permis"]},
        {"kind": "Appels sans réponse", "subject": "Sans démarche précise", "count": 1, "previous": 1, "detail": ""},
        {
            "kind": "Signalé : information incorrecte",
            "subject": "Permis de construire",
            "count": 2,
            "previous": 0,
            "detail": "",
            "url": url["manque-permis"],
        },  # noqa: E501
        {
            "kind": "Signalé : ne répond pas à la question",
            "subject": "Recensement citoyen",
            "count": 1,
            "previous": 0,
            "detail": "",
            "url": url["manque-recensement"],
        },
        {
            "kind": "Jugée peu utile",
            "subject": "Recensement citoyen",
            "count": 5,
            "previous": 1,
            "detail": "1 utile(s) sur 6 avis (17 %)",
            "url": url["manque-recensement"],
        },
    ]


def test_content_gaps_live_and_rolled_up(gaps):
    from guichet_kb.dashboard.gaps import content_gaps
    from guichet_kb.stats import cubes
    from guichet_kb.stats.rollup import rollup

    panel = content_gaps(scope(gaps.portal, DAY.date()))
    assert panel["id"] == "content_gaps" and panel["title"] == "Manques de contenu : ce à quoi on n'a pas pu répondre"
    assert [(c["id"], c["title"]) for c in panel["columns"]] == [
        ("kind", "Manque"),
        ("subject", "Démarche ou recherche"),
        ("count", "Nombre"),
        ("previous", "Période précédente"),
        ("detail", "Détail"),
    ]
    assert panel["rows"] == expected(gaps)
    assert panel["chart"] == {"kind": "bars", "x": "subject", "series": ["count", "previous"]}
    assert panel["note"] == (
        "Les appels suivent tous les filtres ; les avis et les signalements, le seul filtre de démarche ; "
        "les recherches ne sont montrées que sans filtre. L'utilité d'une fiche compte à partir de 5 avis."
    )
    with clock.frozen(DAY + timedelta(days=1)):
        rollup()
    assert cubes.rolled_through() >= DAY.date()
    assert content_gaps(scope(gaps.portal, DAY.date()))["rows"] == panel["rows"]


def test_filters(gaps):
    """A service filter keeps that sheet's lines; a channel filter applies to calls only."""
    from guichet_kb.dashboard.gaps import content_gaps

    permis = [row for row in expected(gaps) if row["subject"] == "Permis de construire"]
    assert content_gaps(scope(gaps.portal, DAY.date(), service=gaps.uid["manque-permis"]))["rows"] == permis
    by_phone = content_gaps(scope(gaps.portal, DAY.date(), channel="accueil"))["rows"]
    calls = [row for row in by_phone if row["kind"] == "Appels sans réponse"]
    assert calls == [{**expected(gaps)[0], "count": 1, "previous": 0}]
    assert [row["kind"] for row in by_phone[1:]] == ["Signalé : information incorrecte", "Signalé : ne répond pas à la question", "Jugée peu utile"]


def test_nothing_personal_in_the_panel(gaps):
    """Reports' comments are never shown: only titles and counts."""
    from guichet_kb.dashboard.gaps import content_gaps
    from guichet_kb.interactions import store

    with clock.frozen(DAY):
        store.add_report(gaps.uid["manque-cantine"], "incorrect", "Rappeler jean.dupont@example.org au 06 12 34 56 78", "agent")
    text = repr(content_gaps(scope(gaps.portal, DAY.date())))
    assert "jean.dupont" not in text and "06 12 34 56 78" not in text and "Le délai a changé" not in text


def test_a_query_links_to_a_new_sheet_titled_with_it(gaps):
    """Search gaps (the search logs, through dashboard/sources.py) link to the add form."""
    from guichet_kb.dashboard import gaps as panel
    from guichet_kb.search import logs

    with clock.frozen(DAY):
        for results in (0, 0, 0, 0, 0, 0, 2):
            assert logs.record("piscine municipale", "public", results) == "counted"
        for opened in (False, False, True):
            logs.record("carte grise", "agent", 3, opened)
    rows = panel.content_gaps(scope(gaps.portal, DAY.date()))["rows"]
    site = gaps.portal.absolute_url()
    searches = [row for row in rows if row["kind"].startswith("Recherches")]
    assert searches[-1] == {
        "kind": "Recherches publiques sans résultat",
        "subject": "piscine municipale",
        "count": 6,
        "previous": 0,
        "detail": "sur 7 recherches",
        "url": f"{site}/demarches/++add++ServiceSheet?title=piscine+municipale",
    }
    assert len(searches) == 2 and searches[0]["subject"] == "carte grise" and searches[0]["count"] == 2
    assert panel.content_gaps(scope(gaps.portal, DAY.date(), channel="telephone"))["rows"][-1]["kind"] != "Recherches publiques sans résultat"


def test_feedback_marked_spam_leaves_the_ratio(gaps):
    """The ratio is read from the aggregates less what the triage marked spam, rolled up or not."""
    from guichet_kb.dashboard import gaps as panel
    from guichet_kb.stats import rollup
    from guichet_kb.stats import store as feedback

    def useless():
        rows = panel.content_gaps(scope(gaps.portal, DAY.date()))["rows"]
        return [(row["count"], row["detail"]) for row in rows if row["kind"] == "Jugée peu utile"]

    assert useless() == [(5, "1 utile(s) sur 6 avis (17 %)")]
    key = next(
        k
        for k, e in feedback.feedback_items()
        if e["uid"] == gaps.uid["manque-recensement"] and not e["useful"] and e["date"] == DAY.date().isoformat()
    )
    feedback.update_feedback(key, status="spam")
    assert useless() == [(4, "1 utile(s) sur 5 avis (20 %)")]
    with clock.frozen(DAY + timedelta(days=1)):
        rollup.rollup()
    assert useless() == [(4, "1 utile(s) sur 5 avis (20 %)")]
    feedback.update_feedback(key, status="actionable")  # no longer spam: counted again
    assert useless() == [(5, "1 utile(s) sur 6 avis (17 %)")]
