"""The monthly aggregates' disclosure rule as plain functions (opendata/monthly.py):
closed months only, small cells suppressed (empty), hidden sheets never named (merged
into the row without a sheet before suppression), no totals. No Plone site needed."""

from collections import Counter
from datetime import date
from guichet_kb.facts import OPEN_DATA_MIN_CELL
from guichet_kb.opendata import monthly


PUBLISHED = "a" * 32
HIDDEN = "b" * 32
TITLES = {PUBLISHED: "Carte d'identité"}


def test_closed_months_end_before_the_current_month():
    assert monthly.closed_months(date(2026, 3, 15), 3) == [
        (date(2025, 12, 1), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
    ]
    assert monthly.closed_months(date(2026, 3, 1), 1) == [(date(2026, 2, 1), date(2026, 2, 28))]


def test_small_cells_are_empty_and_large_ones_kept():
    counts = Counter({(PUBLISHED, "telephone", "answered"): OPEN_DATA_MIN_CELL, (PUBLISHED, "accueil", "answered"): OPEN_DATA_MIN_CELL - 1})
    rows = monthly.month_rows(date(2026, 2, 1), counts, TITLES)
    assert rows == [
        {"mois": "2026-02", "demarche_uid": PUBLISHED, "demarche": "Carte d'identité", "canal": "accueil", "resultat": "answered", "nombre": ""},
        {"mois": "2026-02", "demarche_uid": PUBLISHED, "demarche": "Carte d'identité", "canal": "telephone", "resultat": "answered", "nombre": 5},
    ]


def test_hidden_sheets_are_merged_into_the_row_without_a_sheet_before_suppression():
    counts = Counter({(HIDDEN, "chat", "redirected"): 3, ("", "chat", "redirected"): 2, (HIDDEN, "chat", "answered"): 1})
    rows = monthly.month_rows(date(2026, 2, 1), counts, TITLES)
    assert rows == [
        {"mois": "2026-02", "demarche_uid": "", "demarche": "", "canal": "chat", "resultat": "answered", "nombre": ""},
        {"mois": "2026-02", "demarche_uid": "", "demarche": "", "canal": "chat", "resultat": "redirected", "nombre": 5},
    ]
    assert HIDDEN not in repr(rows)


def test_rows_start_at_the_first_month_with_contacts_and_cover_to_the_last_closed_day():
    months = monthly.closed_months(date(2026, 4, 10), 3)  # January, February, March
    by_month = {date(2026, 1, 1): Counter(), date(2026, 2, 1): Counter({(PUBLISHED, "telephone", "answered"): 7}), date(2026, 3, 1): Counter()}
    asked = []

    def query(start, end, dims):
        asked.append((start, end, dims))
        return by_month[start]

    rows, first, last = monthly.rows(query, months, TITLES)
    assert asked == [(start, end, ("service", "channel", "outcome")) for start, end in months]
    assert [(r["mois"], r["nombre"]) for r in rows] == [("2026-02", 7)]
    assert (first, last) == (date(2026, 2, 1), date(2026, 3, 31))
    assert monthly.coverage(first, last) == "2026-02-01/2026-03-31"


def test_no_contact_at_all_gives_no_row_and_no_coverage():
    rows, first, last = monthly.rows(lambda start, end, dims: Counter(), monthly.closed_months(date(2026, 4, 10), 2), TITLES)
    assert (rows, first, last) == ([], None, None)
    assert monthly.coverage(first, last) is None
