"""An agenda's table rules as plain functions (appointments/validation.py, no site)."""

from datetime import date
from datetime import time
from guichet_kb.appointments.validation import AgendaError
from guichet_kb.appointments.validation import check_closures
from guichet_kb.appointments.validation import check_count
from guichet_kb.appointments.validation import check_counter_types
from guichet_kb.appointments.validation import check_counters
from guichet_kb.appointments.validation import check_types
import pytest


DEPOT = {"code": "depot", "label": "Dépôt", "service": "uid", "duration": 20}


def _error(check, *args):
    with pytest.raises(AgendaError) as raised:
        check(*args)
    return raised.value.msgid, str(raised.value)


def test_types_parsed_and_refused():
    assert check_types([{**DEPOT, "code": " depot "}]) == [DEPOT]
    assert _error(check_types, []) == ("error_agenda_no_type", "Give at least one appointment type.")
    for duration in (0, 3, 7, 245, "20", True, None):
        assert _error(check_types, [{**DEPOT, "duration": duration}])[0] == "error_agenda_duration"
    assert check_types([{**DEPOT, "duration": 5}, {**DEPOT, "code": "long", "duration": 240}])[1]["duration"] == 240
    assert _error(check_types, [DEPOT, DEPOT]) == ("error_agenda_type_twice", "The appointment type code 'depot' is used twice.")
    assert _error(check_types, [{**DEPOT, "code": "x" * 21}])[0] == "error_agenda_type_code"


def test_counters_and_the_types_they_serve():
    assert check_counters([{"code": "g1", "label": "G1", "types": "depot, retrait ,"}])[0]["types"] == ("depot", "retrait")
    assert _error(check_counters, []) == ("error_agenda_no_counter", "Give at least one counter.")
    types = [DEPOT, {**DEPOT, "code": "retrait", "duration": 5}]
    check_counter_types(types, [{"code": "g1", "types": ""}])  # empty: every type
    check_counter_types(types, [{"code": "g1", "types": "depot"}, {"code": "g2", "types": "retrait"}])
    assert _error(check_counter_types, types, [{"code": "g1", "types": "depot"}]) == (
        "error_agenda_type_unserved",
        "No counter serves the appointment type 'retrait'.",
    )
    assert _error(check_counter_types, types, [{"code": "g1", "types": "depot, inconnu"}])[0] == "error_agenda_counter_type"


def test_closures():
    rows = [{"start": "2027-01-04", "end": "2027-01-08", "opens": "13:30", "closes": "17:00", "label": "Après-midi"}, {"start": date(2027, 2, 12)}]
    assert check_closures(rows) == [
        {"start": date(2027, 1, 4), "end": date(2027, 1, 8), "opens": time(13, 30), "closes": time(17, 0), "label": "Après-midi"},
        {"start": date(2027, 2, 12), "end": date(2027, 2, 12), "opens": None, "closes": None, "label": ""},
    ]
    assert _error(check_closures, [{"start": "2027-01-04", "end": "2027-01-03"}])[0] == "error_agenda_closure_end"
    assert _error(check_closures, [{"start": "2027-01-04", "closes": "12:00"}])[0] == "error_agenda_closure_times"
    assert _error(check_closures, [{"start": "2027-01-04", "opens": "12:00", "closes": "12:00"}])[0] == "error_agenda_closure_order"


def test_counts():
    assert check_count(0) == 0 and check_count(48) == 48
    for value in (-1, 1.5, "2", True):
        assert _error(check_count, value) == ("error_agenda_count", "Give a whole number, zero or more.")
