"""The notices' rules as plain functions: active at read time, moments, the public form, validation."""

from datetime import datetime
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.notices import current
from guichet_kb.notices import moments
from guichet_kb.notices import public
from guichet_kb.notices.validation import checked
from guichet_kb.notices.validation import NoticeError
import pytest
from zoneinfo import ZoneInfo


PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=PARIS)
NOTICE = {
    "id": "a1",
    "kind": "suspended",
    "reason": "Rendez-vous CNI suspendus",
    "start": "2026-12-01T09:00:00+01:00",
    "end": "2026-12-12T18:00:00+01:00",
    "by": "redacteur",
    "at": "2026-12-01T09:00:00+01:00",
}


def test_active_between_start_and_end_only():
    assert current([NOTICE], NOW) == [NOTICE]
    assert current([NOTICE], datetime(2026, 12, 1, 8, 59, 59, tzinfo=PARIS)) == []
    assert current([NOTICE], datetime(2026, 12, 12, 17, 59, 59, tzinfo=PARIS)) == [NOTICE]
    assert current([NOTICE], datetime(2026, 12, 12, 18, 0, tzinfo=PARIS)) == []  # the end is exclusive
    assert current([{**NOTICE, "end": None}], datetime(2030, 1, 1, tzinfo=PARIS)) == [{**NOTICE, "end": None}]


def test_current_reads_the_clock_seam():
    with clock.frozen(datetime(2026, 12, 12, 18, 0, 1, tzinfo=PARIS)):
        assert current([NOTICE]) == []
    with clock.frozen(datetime(2026, 12, 5, 12, 0, tzinfo=PARIS)):
        assert current([NOTICE]) == [NOTICE]


def test_moments_are_start_and_end_in_epoch_seconds():
    start = int(datetime(2026, 12, 1, 9, 0, tzinfo=PARIS).timestamp())
    end = int(datetime(2026, 12, 12, 18, 0, tzinfo=PARIS).timestamp())
    assert moments([NOTICE]) == [start, end]
    assert moments([{**NOTICE, "end": None}]) == [start]


def test_public_form_drops_by_for_anonymous():
    assert "by" not in public(NOTICE)
    assert public(NOTICE) == {k: v for k, v in NOTICE.items() if k != "by"}
    assert public(NOTICE, staff=True) == NOTICE


def test_checked_defaults_start_to_now_and_normalises_the_reason():
    got = checked({"kind": "disrupted", "reason": "  Guichet   fermé  "}, NOW)
    assert got == {"kind": "disrupted", "reason": "Guichet fermé", "start": "2026-12-01T10:00:00+01:00", "end": None}


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "closed", "reason": "x"}, "error_notice_kind"),
        ({"kind": "suspended"}, "error_notice_reason"),
        ({"kind": "suspended", "reason": "   "}, "error_notice_reason"),
        ({"kind": "suspended", "reason": "a\nb"}, "error_forbidden_character"),
        ({"kind": "suspended", "reason": "x" * 201}, "error_text_too_long"),
        ({"kind": "suspended", "reason": "Écrire à jean.dupont@example.fr"}, "error_notice_personal_data"),
        ({"kind": "suspended", "reason": "Appeler le 06 12 34 56 78"}, "error_notice_personal_data"),
        ({"kind": "suspended", "reason": "x", "start": "demain"}, "error_notice_date"),
        (
            {"kind": "suspended", "reason": "x", "start": "2026-12-03T10:00:00+01:00", "end": "2026-12-02T10:00:00+01:00"},
            "error_notice_end_before_start",
        ),
        (
            {"kind": "suspended", "reason": "x", "start": "2026-12-03T10:00:00+01:00", "end": "2026-12-03T10:00:00+01:00"},
            "error_notice_end_before_start",
        ),
        ({"kind": "suspended", "reason": "x", "end": "2026-11-30T10:00:00+01:00"}, "error_notice_end_past"),
        ({"kind": "suspended", "reason": "x", "start": (NOW + timedelta(days=366)).isoformat()}, "error_notice_too_far"),
    ],
)
def test_checked_refuses(data, message):
    with pytest.raises(NoticeError) as refused:
        checked(data, NOW)
    assert str(refused.value.message) == message


def test_a_change_keeps_what_is_not_sent_and_end_now_ends_it():
    got = checked({"end": "now"}, NOW, existing=NOTICE)
    assert got == {"kind": "suspended", "reason": NOTICE["reason"], "start": NOTICE["start"], "end": "2026-12-01T10:00:00+01:00"}
    assert current([{**NOTICE, **got}], NOW) == []
    assert checked({"end": None}, NOW, existing=NOTICE)["end"] is None
