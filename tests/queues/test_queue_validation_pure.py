"""A queue's table rules as plain functions (queues/validation.py): what they return
for good rows, and the msgid and English default of each refusal."""

from datetime import date
from guichet_kb.queues.validation import check_campaign
from guichet_kb.queues.validation import check_counter_prefixes
from guichet_kb.queues.validation import check_counters
from guichet_kb.queues.validation import check_services
from guichet_kb.queues.validation import QueueError
import pytest


def test_good_services_are_returned_stripped():
    rows = [{"service": "u1", "prefix": " C ", "minutes": 15}, {"service": "u2", "prefix": "P", "minutes": 120}]
    assert check_services(rows) == [{"service": "u1", "prefix": "C", "minutes": 15}, {"service": "u2", "prefix": "P", "minutes": 120}]


@pytest.mark.parametrize(
    "rows, msgid, text",
    [
        ([], "error_queue_no_service", "Give at least one service."),
        ([{"service": "u1", "prefix": "É", "minutes": 15}], "error_queue_prefix", "Invalid prefix 'É': one capital letter, A to Z."),
        ([{"service": "u1", "prefix": None, "minutes": 15}], "error_queue_prefix", "Invalid prefix '': one capital letter, A to Z."),
        (
            [{"service": "u1", "prefix": "C", "minutes": True}],
            "error_queue_minutes",
            "Prefix 'C': the service time must be a whole number of minutes from 1 to 120.",
        ),
        (
            [{"service": "u1", "prefix": "C", "minutes": "15"}],
            "error_queue_minutes",
            "Prefix 'C': the service time must be a whole number of minutes from 1 to 120.",
        ),
    ],
)
def test_bad_services(rows, msgid, text):
    with pytest.raises(QueueError) as raised:
        check_services(rows)
    assert (raised.value.msgid, str(raised.value)) == (msgid, text)


def test_counters_share_the_agendas_rows():
    assert check_counters([{"code": "poste-1", "label": "Poste 1", "prefixes": "C, P"}]) == [
        {"code": "poste-1", "label": "Poste 1", "prefixes": ("C", "P")}
    ]


def test_an_empty_prefixes_cell_serves_every_service():
    services = [{"prefix": "C"}, {"prefix": "P"}]
    assert check_counter_prefixes(services, [{"code": "p1", "prefixes": ""}]) is None
    with pytest.raises(QueueError) as raised:
        check_counter_prefixes(services, [{"code": "p1", "prefixes": "C"}])
    assert str(raised.value) == "No counter serves the prefix 'P'."


def test_campaign_dates():
    assert check_campaign(None, date(2027, 1, 1)) is None and check_campaign(date(2027, 1, 1), None) is None
    assert check_campaign(date(2027, 1, 1), date(2027, 1, 1)) is None
    with pytest.raises(QueueError) as raised:
        check_campaign(date(2027, 1, 2), date(2027, 1, 1))
    assert str(raised.value) == "The campaign closes on 2027-01-01 before it opens on 2027-01-02."
