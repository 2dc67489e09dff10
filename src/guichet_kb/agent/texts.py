"""The words of the agent commands, in the CLI's language (``--lang``, GUICHET_LANG).

The messages are msgids of the ``guichet_kb`` domain, extracted and translated with
the rest of the add-on (`make i18n`), but made without Zope (``agent.message``);
the CLI reads the package's compiled catalogues with the standard library, so it
runs where Plone is not installed.
Weekday names come from the same catalogue, keyed by the weekday fact
(``hours.validation.WEEKDAYS``).
"""

from datetime import datetime
import gettext
from guichet_kb.agent.message import Message as _
from guichet_kb.facts import WEEKDAYS
import pathlib
import re


LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"  # the language of the catalogue and of its users
LOCALES = pathlib.Path(__file__).resolve().parents[1] / "locales"
_VARIABLE = re.compile(r"\$\{(\w+)\}")

ANSWER = _("cli_answer", default="Answer:")
TO_SAY = _("cli_to_say", default="To say:")
TO_ASK = _("cli_to_ask", default="To ask:")
DOCUMENTS = _("cli_documents", default="Documents to provide:")
NO_DOCUMENT = _("cli_no_document", default="none")
COST = _("cli_cost", default="Cost")
DELAY = _("cli_delay", default="Processing time")
ONLINE = _("cli_online", default="Online")
FACT = _("cli_fact", default="${label}: ${value}")
WHERE = _("cli_where", default="Where to go:")
RELATED = _("cli_related", default="Related answers:")
OTHERS = _("cli_other_answers", default="Other answers:")
NO_ANSWER = _("cli_no_answer", default="No answer for \u201c${query}\u201d.")
FAMILY = _("cli_family", default="${title}: ${count} variants")
OPEN_NOW = _("cli_open_now", default="OPEN now")
CLOSED_OPENS = _("cli_closed_opens", default="closed, opens ${moment}")
DESKS_COUNT = _("cli_desks_count", default="${count} desk(s)")
DESKS_OPEN_COUNT = _("cli_desks_open_count", default="${count} desk(s) open now")
CALL_LOGGED = _("cli_call_logged", default="Call logged.")
FREE = _("cost_free", default="free")
MOMENT = _("moment_format", default="${day} ${date} at ${time}")
MISSING_COUNT = _("cli_missing_count", default="still missing ${what}: ${count}")
DAYS = tuple(_(day, default=day.capitalize()) for day in WEEKDAYS)
# Service notices (issue 16): first on the card, in capitals like OPEN now.
NOTICE_KINDS = {
    "suspended": _("cli_notice_suspended", default="SERVICE SUSPENDED"),
    "disrupted": _("cli_notice_disrupted", default="SERVICE DISRUPTED"),
}
NOTICE_UNTIL = _("cli_notice_until", default="until ${date}")
# Competent bodies and orientation (issue 16, agent/orientation.py).
HANDLED_BY = _("cli_handled_by", default="Handled by: ${title} (${kind})")
CONTACT_PHONE = _("cli_contact_phone", default="Phone: ${value}")
CONTACT_STAFF_PHONE = _("cli_contact_staff_phone", default="Direct line (transfers): ${value}")
CONTACT_EMAIL = _("cli_contact_email", default="E-mail: ${value}")
CONTACT_WEBSITE = _("cli_contact_website", default="Website: ${value}")
CONTACT_ONLINE = _("cli_contact_online", default="Online contact: ${value}")
ORIENTED = _("cli_oriented", default="Call logged: redirected to ${title}.")
ORIENT_READ = _("cli_orient_read", default="To read out to the caller:")
ORIENT_BAD = _(
    "cli_orient_bad",
    default="orient: \u201c${value}\u201d is not a competent body of this sheet: "
    "give its number (1 to ${count}) as `show` lists them, or an organisation's UID.",
)
ORIENT_NO_BODY = _("cli_orient_no_body", default="orient: this sheet names no competent body: give an organisation's UID.")
# « Mon guichet » (issue 17, agent/desk.py).
CALL_LOGGED_AT = _("cli_call_logged_at", default="Call logged for the desk ${title}.")
DESK_UNKNOWN = _(
    "cli_desk_unknown",
    default="desk: \u201c${value}\u201d is not a published desk: give its id (guichets/<id>, as `desks --json` lists them) or its UID.",
)


class Texts:
    """``texts(message, **mapping)``: the message in one language, variables filled in."""

    def __init__(self, language=DEFAULT_LANGUAGE):
        self.language = language
        self._catalogue = gettext.translation("guichet_kb", LOCALES, languages=[language], fallback=True)

    def __call__(self, message, **mapping):
        text = self._catalogue.gettext(str(message))
        if text == str(message):  # not translated (the English catalogue is empty): the default
            text = getattr(message, "default", None) or str(message)
        values = {**(getattr(message, "mapping", None) or {}), **mapping}
        return _VARIABLE.sub(lambda match: str(values.get(match.group(1), match.group(0))), text)

    def moment(self, iso):
        """'lundi 30/11 à 09:00': the wall-clock time the API gives (the desk's own zone)."""
        if not iso:
            return "?"
        when = datetime.fromisoformat(iso)
        return self(MOMENT, day=self(DAYS[when.weekday()]), date=when.strftime("%d/%m"), time=when.strftime("%H:%M"))
