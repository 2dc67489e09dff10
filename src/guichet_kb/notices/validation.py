"""What a notice may say, checked before anything is stored (REST and the Classic form).

``checked(data, now, existing=None)`` takes the fields as sent (JSON values or form
strings) and returns the notice's new ``kind``, ``reason``, ``start`` and ``end``,
or raises ``NoticeError`` with a translatable message: a kind of
facts.NOTICE_KINDS; a reason given, on one line, within facts.NOTICE_REASON_MAX
characters and without personal data (a notice is public); a start at most
facts.NOTICE_MAX_LEAD_DAYS ahead (now when not given); an end after the start and
not past (ending a notice now is ``"end": "now"``). With ``existing`` (a change),
the fields not sent keep their value.
"""

from datetime import timedelta
from guichet_kb import _
from guichet_kb.content.hygiene import check_text
from guichet_kb.content.validation import FieldError
from guichet_kb.facts import NOTICE_KINDS
from guichet_kb.facts import NOTICE_MAX_LEAD_DAYS
from guichet_kb.facts import NOTICE_REASON_MAX
from guichet_kb.interactions.screen import has_personal_data
from guichet_kb.notices import when


FIELDS = ("kind", "reason", "start", "end")
NOW = "now"


class NoticeError(ValueError):
    """A notice refused: ``message`` says why (translatable)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _kind(value):
    if value not in NOTICE_KINDS:
        raise NoticeError(_("error_notice_kind", default="'kind' must be one of: ${allowed}.", mapping={"allowed": ", ".join(NOTICE_KINDS)}))
    return value


def _reason(value):
    if not isinstance(value, str) or not value.strip():
        raise NoticeError(_("error_notice_reason", default="Give the notice's 'reason': one line citizens will read."))
    try:
        check_text(value, multiline=False, max_length=NOTICE_REASON_MAX)
    except FieldError as error:
        raise NoticeError(error.message) from None
    if has_personal_data(value):
        raise NoticeError(_("error_notice_personal_data", default="The reason must not hold an e-mail address or a phone number: it is public."))
    return " ".join(value.split())


def _moment(value, name):
    try:
        moment = when(value) if isinstance(value, str) and len(value) <= 40 else None
    except ValueError:
        moment = None
    if moment is None:
        raise NoticeError(
            _("error_notice_date", default="'${name}' must be an ISO 8601 date and time, e.g. 2026-12-12T18:00:00+01:00.", mapping={"name": name})
        )
    return moment


def checked(data, now, existing=None):
    """The notice's kind, reason, start and end (ISO strings), or NoticeError."""
    old = existing or {}
    kind = _kind(data["kind"] if "kind" in data else old.get("kind"))
    reason = _reason(data["reason"] if "reason" in data else old.get("reason"))
    if "start" in data and data["start"] is not None:
        start = _moment(data["start"], "start")
    else:
        start = when(old["start"]) if old.get("start") else now
    if start > now + timedelta(days=NOTICE_MAX_LEAD_DAYS):
        raise NoticeError(_("error_notice_too_far", default="A notice starts at most ${days} days ahead.", mapping={"days": NOTICE_MAX_LEAD_DAYS}))
    end = data["end"] if "end" in data else old.get("end")
    if end == NOW:
        end = max(now, start)
    elif end is not None:
        end = _moment(end, "end")
        if "end" in data and end < now:
            raise NoticeError(_("error_notice_end_past", default="'end' is past: send \"now\" to end the notice now."))
    if end is not None and end <= start and not (data.get("end") == NOW):
        raise NoticeError(_("error_notice_end_before_start", default="The notice must end after it starts."))
    return {
        "kind": kind,
        "reason": reason,
        "start": start.isoformat(timespec="seconds"),
        "end": end.isoformat(timespec="seconds") if end is not None else None,
    }
