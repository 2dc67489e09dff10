"""The caching window counts notices: the next start or end of a notice on a published
item caps the read services' freshness (caching/window.py), with no write at that moment."""

from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.caching import window
from guichet_kb.notices import store
from guichet_kb.notices.validation import checked
from plone import api
import pytest


NOW = datetime(2030, 1, 7, 10, 0, tzinfo=clock.zone())


@pytest.fixture
def sheet(integration):
    brain = api.content.find(portal_type="ServiceSheet", review_state="published")[0]
    return brain.getObject()


def add(obj, start, end):
    with clock.frozen(NOW), api.env.adopt_roles(["Manager"]):
        fields = checked({"kind": "suspended", "reason": "Travaux", "start": start.isoformat(), "end": end.isoformat() if end else None}, NOW)
        return store.add(obj, fields)


def seconds(moment):
    return int(moment.timestamp())


def test_a_notice_start_then_its_end_cap_the_window(sheet):
    start, end = NOW + timedelta(seconds=130), NOW + timedelta(hours=2)
    add(sheet, start, end)
    assert window.next_change(DateTime(seconds(NOW))) == seconds(start)
    assert window.next_change(DateTime(seconds(start) + 1)) == seconds(end)
    assert window.next_change(DateTime(seconds(end) + 1)) is None


def test_moments_past_the_horizon_and_open_ends_cap_nothing(sheet):
    add(sheet, NOW + timedelta(seconds=window.HORIZON + 60), None)
    assert window.next_change(DateTime(seconds(NOW))) is None


def test_a_notice_on_an_unpublished_item_caps_nothing(sheet):
    add(sheet, NOW + timedelta(seconds=60), NOW + timedelta(seconds=120))
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(sheet, "retract")
    assert window.next_change(DateTime(seconds(NOW))) is None


def test_a_desk_notice_counts_too(integration):
    desk = api.content.find(portal_type="Desk", review_state="published")[0].getObject()
    end = NOW + timedelta(seconds=45)
    add(desk, NOW - timedelta(minutes=5), end)
    assert window.next_change(DateTime(seconds(NOW))) == seconds(end)
