"""Opening hours: validation and "open now" / "next opening" computation.

Pure Python (no Zope import) so the public site and the CLI can reuse it. A desk's
hours are rows ``{"day", "opens", "closes"}`` (at most two per weekday) plus
exception rows ``{"start", "end", "label", "closed", "opens", "closes"}`` that
replace the weekly hours on the dates they cover. Times are local to the
portal's zone (guichet_kb.clock); computations go through zoneinfo so
daylight-saving days are right.
"""

from .schedule import Schedule  # noqa: F401
from .validation import check_exceptions  # noqa: F401
from .validation import check_weekly  # noqa: F401
from .validation import HoursError  # noqa: F401
from .validation import parse_time  # noqa: F401
