"""window.next_change: the next moment a published item appears or disappears, on the
object's exact dates and on the catalog's minutes (effectiveRange precision)."""

from DateTime import DateTime
from guichet_kb.caching import window
from plone import api
import pytest


@pytest.fixture
def sheet(integration):
    brain = api.content.find(portal_type="ServiceSheet", review_state="published")[0]
    return brain.getObject()


def dated(obj, effective=None, expires=None):
    if effective is not None:
        obj.setEffectiveDate(DateTime(effective))
    if expires is not None:
        obj.setExpirationDate(DateTime(expires))
    obj.reindexObject()


def test_nothing_dated_ahead_caps_nothing(integration):
    assert window.next_change(DateTime(DateTime().timeTime())) is None


def test_an_expiry_counts_exactly_and_at_the_end_of_its_minute(sheet):
    now = 1_899_999_960  # a whole minute (divisible by 60)
    dated(sheet, effective=now - 86400, expires=now + 130)
    assert window.next_change(DateTime(now)) == now + 130  # the object's own moment first
    # Past it, the catalog still lists the item until its minute ends.
    assert window.next_change(DateTime(now + 131)) == now + 180


def test_an_effective_date_counts_at_the_start_of_its_minute(sheet):
    now = 1_899_999_960
    dated(sheet, effective=now + 250)
    assert window.next_change(DateTime(now)) == now + 240  # listed from its minute's start
    assert window.next_change(DateTime(now + 241)) == now + 250


def test_moments_past_the_horizon_cap_nothing(sheet):
    now = 1_899_999_960
    dated(sheet, effective=now - 86400, expires=now + window.HORIZON + 60)
    assert window.next_change(DateTime(now)) is None


def test_the_next_change_is_reused_until_the_catalog_changes_or_it_passes(functional):
    """Every read service's ETag asks for it: computed once, then reused while the
    catalog is unchanged, the moment is still ahead and for at most REUSE seconds."""
    from DateTime import DateTime
    from guichet_kb.caching import window
    from plone import api
    from unittest import mock

    window._LAST.clear()
    now = DateTime("2030/01/01 10:00:00 UTC")
    with mock.patch.object(window, "next_change", return_value=now.timeTime() + 120) as computed:
        first = window.shared_next_change(now)
        assert window.shared_next_change(DateTime(now.timeTime() + 30)) == first and computed.call_count == 1
        window.shared_next_change(DateTime(now.timeTime() + window.REUSE))  # reused long enough
        assert computed.call_count == 2
        window.shared_next_change(DateTime(now.timeTime() + window.REUSE + 61))  # the moment passed
        assert computed.call_count == 3
        api.portal.get_tool("portal_catalog")._increment_counter()  # the catalog changed
        window.shared_next_change(DateTime(now.timeTime() + window.REUSE + 62))
        assert computed.call_count == 4
        window.shared_next_change(DateTime(now.timeTime() - 10))  # a clock set back
        assert computed.call_count == 5
    window._LAST.clear()
