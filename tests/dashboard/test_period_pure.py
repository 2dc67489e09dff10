"""The dashboard's period rules as plain functions (dashboard/period.py): presets, dates,
the previous period, the unit, every refusal. No Plone site: `today` is given."""

from datetime import date
from guichet_kb import facts
from guichet_kb.api.guard.errors import Refused
from guichet_kb.dashboard import period
from guichet_kb.dashboard.csvexport import to_csv
from guichet_kb.dashboard.svg import render
import pytest
from zope.i18n import interpolate


TODAY = date(2026, 12, 1)


def resolved(**form):
    found = period.resolve(form, TODAY)
    return (found.start, found.end, found.previous_start, found.previous_end, found.unit, found.preset)


@pytest.mark.parametrize(
    "preset, expected",
    [
        ("last_month", (date(2026, 11, 1), date(2026, 11, 30), date(2026, 10, 1), date(2026, 10, 31), "day")),
        ("this_month", (date(2026, 12, 1), date(2026, 12, 1), date(2026, 11, 30), date(2026, 11, 30), "day")),
        ("last_7_days", (date(2026, 11, 25), date(2026, 12, 1), date(2026, 11, 18), date(2026, 11, 24), "day")),
        ("last_30_days", (date(2026, 11, 2), date(2026, 12, 1), date(2026, 10, 3), date(2026, 11, 1), "day")),
        ("last_12_months", (date(2025, 12, 1), date(2026, 11, 30), date(2024, 12, 1), date(2025, 11, 30), "week")),
    ],
)
def test_presets(preset, expected):
    assert resolved(period=preset) == (*expected, preset)


def test_default_is_last_month_and_empty_parameters_count_as_absent():
    assert resolved() == resolved(period="last_month") == resolved(period="", **{"from": "", "to": ""})
    assert facts.DASHBOARD_PERIODS[0] == "last_month"


def test_last_month_of_march_compares_with_february():
    found = period.resolve({}, date(2028, 3, 15))
    assert (found.start, found.end, found.previous_start, found.previous_end) == (
        date(2028, 2, 1),
        date(2028, 2, 29),
        date(2028, 1, 1),
        date(2028, 1, 31),
    )


@pytest.mark.parametrize(
    "start, end, previous, unit",
    [
        ("2026-11-10", "2026-11-10", ("2026-11-09", "2026-11-09"), "day"),  # one day
        ("2026-09-01", "2026-11-01", ("2026-07-01", "2026-08-31"), "day"),  # 62 days
        ("2026-09-01", "2026-11-02", ("2026-06-30", "2026-08-31"), "week"),  # 63 days
        ("2026-02-01", "2026-03-31", ("2025-12-01", "2026-01-31"), "day"),  # two whole months: the two before
        ("2025-01-01", "2025-12-31", ("2024-01-01", "2024-12-31"), "week"),  # 365 days, a calendar year
        ("2024-01-01", "2024-12-31", ("2023-01-01", "2023-12-31"), "week"),  # 366 days
        ("2024-01-01", "2025-01-01", ("2022-12-30", "2023-12-31"), "month"),  # 367 days
    ],
)
def test_dates_previous_and_unit(start, end, previous, unit):
    found = period.resolve({"from": start, "to": end}, TODAY)
    assert (found.previous_start.isoformat(), found.previous_end.isoformat(), found.unit, found.preset) == (*previous, unit, None)


def test_the_longest_period_is_accepted_one_day_more_is_not():
    start = date(2023, 11, 30)
    end = date.fromordinal(start.toordinal() + facts.DASHBOARD_MAX_DAYS - 1)
    assert period.resolve({"from": start.isoformat(), "to": end.isoformat()}, TODAY).days == facts.DASHBOARD_MAX_DAYS
    with pytest.raises(Refused) as refused:
        period.resolve({"from": "2023-11-29", "to": end.isoformat()}, TODAY)
    assert str(refused.value.message) == "error_dashboard_too_long"


def message(form):
    with pytest.raises(Refused) as refused:
        period.resolve(form, TODAY)
    assert refused.value.status == 400
    found = refused.value.message
    return str(found), interpolate(found.default, found.mapping)


@pytest.mark.parametrize(
    "form, msgid, text",
    [
        ({"period": "last_year"}, "error_dashboard_period", f"'period' must be one of: {', '.join(facts.DASHBOARD_PERIODS)}."),
        ({"period": "last_month", "from": "2026-11-01", "to": "2026-11-30"}, "error_dashboard_both", None),
        ({"from": "2026-11-01"}, "error_dashboard_dates", None),
        ({"from": "01/11/2026", "to": "2026-11-30"}, "error_dashboard_dates", None),
        ({"from": "2026-02-30", "to": "2026-03-01"}, "error_dashboard_dates", None),
        ({"from": "2026-11-30", "to": "2026-11-01"}, "error_dashboard_reversed", "The period starts (2026-11-30) after it ends (2026-11-01)."),
        ({"from": "2026-11-01", "to": "2026-12-02"}, "error_dashboard_future", "The period cannot end after today (2026-12-01)."),
        ({"from": "1999-12-31", "to": "2000-01-31"}, "error_dashboard_too_early", "The period cannot start before 2000-01-01."),
        ({"from": "2020-01-01", "to": "2026-11-30"}, "error_dashboard_too_long", f"The period lasts 2526 days: at most {facts.DASHBOARD_MAX_DAYS}."),
        ({"period": ["last_month", "this_month"]}, "error_repeated_parameter", None),
    ],
)
def test_refusals(form, msgid, text):
    found = message(form)
    assert found[0] == msgid
    if text is not None:
        assert found[1] == text


PANEL = {
    "id": "channels",
    "title": "Interactions par canal",
    "columns": [{"id": "channel", "title": "Canal"}, {"id": "count", "title": "Interactions"}, {"id": "change", "title": "Évolution (%)"}],
    "rows": [{"channel": "=cmd|' /C calc'!A0", "count": 3, "change": -25.0}, {"channel": "Chat <b>", "count": 0, "change": None}],
    "chart": {"kind": "bars", "x": "channel", "series": ["count"]},
}


def test_csv_neutralises_texts_keeps_numbers_and_empties():
    assert to_csv(PANEL).splitlines() == ["Canal,Interactions,Évolution (%)", "'=cmd|' /C calc'!A0,3,-25.0", "Chat <b>,0,"]
    assert to_csv({**PANEL, "rows": []}).splitlines() == ["Canal,Interactions,Évolution (%)"]


@pytest.mark.parametrize("kind", ["bars", "stacked", "line"])
def test_svg_is_labelled_and_escaped(kind):
    markup = render({**PANEL, "chart": {**PANEL["chart"], "kind": kind}}, "chart-channels", "Les chiffres sont dans le tableau.")
    assert markup.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="guichet-chart" role="img"')
    assert 'aria-labelledby="chart-channels-title chart-channels-desc"' in markup
    assert '<title id="chart-channels-title">Interactions par canal</title>' in markup
    assert "<b>" not in markup
    assert "&lt;b&gt;" in markup  # the row's label, escaped
    assert "<script" not in markup


def test_svg_draws_nothing_without_rows_or_for_kind_none():
    assert render({**PANEL, "rows": []}, "x", "d") == ""
    assert render({**PANEL, "chart": {"kind": "none", "x": "channel", "series": []}}, "x", "d") == ""
