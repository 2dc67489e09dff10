"""Open now / next opening for a desk, in the portal's local time (guichet_kb.clock)."""

from .validation import check_exceptions
from .validation import check_weekly
from datetime import datetime
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.facts import WEEKDAYS


# How far ahead "next opening" looks: past a year the desk is effectively closed.
HORIZON_DAYS = 370


class Schedule:
    """A validated weekly table plus exceptions; answers questions about time."""

    def __init__(self, weekly_rows, exception_rows=()):
        self.weekly = check_weekly(weekly_rows)
        self.exceptions = check_exceptions(exception_rows)

    def exception_for(self, day):
        """The narrowest exception covering ``day`` (a date), or None."""
        covering = [e for e in self.exceptions if e["start"] <= day <= e["end"]]
        if not covering:
            return None
        narrowest = min(covering, key=lambda e: (e["end"] - e["start"], e["start"]))
        rows = [e for e in covering if (e["start"], e["end"]) == (narrowest["start"], narrowest["end"])]
        return {
            "label": narrowest["label"],
            "single_day": narrowest["start"] == narrowest["end"],
            "closed": any(e["closed"] for e in rows),
            "ranges": sorted(r for e in rows for r in e["ranges"]),
        }

    def ranges_on(self, day):
        """[(opens, closes), ...] local times for a date, exceptions applied.

        A one-day exception always applies (e.g. a special Sunday opening); special
        hours over a period ("summer hours") apply only to days usually open.
        """
        usual = self.weekly.get(WEEKDAYS[day.weekday()], [])
        exception = self.exception_for(day)
        if exception is None:
            return usual
        if exception["closed"]:
            return []
        if exception["single_day"] or usual:
            return exception["ranges"]
        return usual

    @staticmethod
    def _local(when):
        # Now by default; naive datetimes are taken as the portal's wall-clock time.
        return clock.local(when)

    def status(self, when=None):
        """{'open_now', 'closes_at', 'next_opening'} at ``when`` (aware datetimes)."""
        now = self._local(when)
        closes_at = None
        for opens, closes in self.ranges_on(now.date()):
            if opens <= now.time() < closes:
                closes_at = datetime.combine(now.date(), closes, tzinfo=now.tzinfo)
        return {
            "open_now": closes_at is not None,
            "closes_at": closes_at,
            "next_opening": self.next_opening(now),
        }

    def is_open(self, when=None):
        return self.status(when)["open_now"]

    def next_opening(self, when=None):
        """The first opening strictly after ``when``, or None within the horizon."""
        now = self._local(when)
        for offset in range(HORIZON_DAYS):
            day = now.date() + timedelta(days=offset)
            for opens, _closes in self.ranges_on(day):
                start = datetime.combine(day, opens, tzinfo=now.tzinfo)
                if start > now:
                    return start
        return None

    def week(self, when=None):
        """The seven days (Monday first) of the week containing ``when``."""
        now = self._local(when)
        monday = now.date() - timedelta(days=now.weekday())
        days = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            exception = self.exception_for(day)
            days.append(
                {
                    "date": day,
                    "day": WEEKDAYS[day.weekday()],
                    "ranges": self.ranges_on(day),
                    "exception": exception["label"] if exception else None,
                }
            )
        return days
