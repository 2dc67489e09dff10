"""A date in words, "5 novembre 2020", in the request's language.

The month names and the order of day, month and year are msgids of the guichet_kb
domain, so the Classic pages, the REST texts (@answer's provenance line, the
national changes) and their French catalogue say a date the same way the public
site does ("5 novembre 2020").
"""

from datetime import date
from guichet_kb import _
from zope.i18n import translate


MONTHS = (
    _("month_january", default="January"),
    _("month_february", default="February"),
    _("month_march", default="March"),
    _("month_april", default="April"),
    _("month_may", default="May"),
    _("month_june", default="June"),
    _("month_july", default="July"),
    _("month_august", default="August"),
    _("month_september", default="September"),
    _("month_october", default="October"),
    _("month_november", default="November"),
    _("month_december", default="December"),
)


def long_date(value, request=None):
    """'2020-11-05' (or a date) -> '5 novembre 2020'; '' for no date or a bad one."""
    if not value:
        return ""
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return ""
    month = translate(MONTHS[day.month - 1], context=request)
    return translate(_("long_date", default="${month} ${day}, ${year}", mapping={"day": day.day, "month": month, "year": day.year}), context=request)
